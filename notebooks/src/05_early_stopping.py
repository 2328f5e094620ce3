# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] lang="en"
# # Lesson 5 — Early stopping
#
# **Goal.** By the end of this lesson you can (1) predict, epoch by epoch, when Keras'
# `EarlyStopping` callback stops training and which weights it gives back, from the exact
# rule in its source code (`patience`, `min_delta`, `baseline`, `start_from_epoch`,
# `restore_best_weights`, NaN and infinite losses); (2) explain why the classic documentation
# example stops after 4 epochs and why its model diverges, and fix that divergence; (3) use
# early stopping as a regularizer: monitor the validation loss and get back the weights of
# the best epoch with `restore_best_weights`.

# %% [markdown] lang="fr"
# # Leçon 5 — L'arrêt précoce
#
# **Objectif.** À la fin de cette leçon, vous saurez (1) prévoir, époque par époque, à quel
# moment la fonction de rappel (*callback*) `EarlyStopping` de Keras arrête l'entraînement et
# quels poids elle rend, à partir de la règle exacte de son code source (`patience`,
# `min_delta`, `baseline`, `start_from_epoch`, `restore_best_weights`, pertes NaN et
# infinies) ; (2) expliquer pourquoi l'exemple classique de la documentation s'arrête après
# 4 époques et pourquoi son modèle diverge, puis corriger cette divergence ; (3) utiliser
# l'arrêt précoce comme une régularisation : surveiller la perte de validation et récupérer
# les poids de la meilleure époque avec `restore_best_weights`.

# %%
# en: coursetools comes first: it quiets TensorFlow before TensorFlow loads.
# fr: coursetools passe en premier : il fait taire TensorFlow avant que celui-ci ne se charge.
import coursetools as ct

ct.setup(_(en="en", fr="fr"))

import types

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes

# %% [markdown] lang="en"
# ## 1. The classic example: 4 epochs out of 10
#
# The documentation of `keras.callbacks.EarlyStopping` (its docstring, in
# `keras/src/callbacks/early_stopping.py`), and many tutorials after it, show this example:
# a single `Dense(10)` layer trained with plain SGD (`SGD()`, default learning rate) and the
# `"mse"` loss on the 5 examples of 20 features of `np.arange(100).reshape(5, 20)`, with the
# targets `np.zeros(5)`, `epochs=10`, `batch_size=1` and
# `EarlyStopping(monitor="loss", patience=3)`, a callback meant to stop training "when there
# is no improvement in the loss for three consecutive epochs". The docstring announces
# `# Only 4 epochs are run.`
#
# We run it twice. First as the docstring writes it, with one addition: `ct.reseed()` fixes
# the random initial weights, which the docstring leaves to chance. Then in the version the
# rest of the lesson uses, which changes two things:
# - the targets are `[0, 1, 2, 1, 2]` instead of zeros, so that once the divergence is fixed
#   (exercise 2) the model has something to learn;
# - `keras.Input((20,))` declares the input size up front, instead of letting the layer find
#   it at the first batch.
#
# Each example has one target value and the layer has 10 outputs: the mean squared error
# compares each of the 10 outputs with that same target.

# %% [markdown] lang="fr"
# ## 1. L'exemple classique : 4 époques sur 10
#
# La documentation de `keras.callbacks.EarlyStopping` (sa *docstring*, dans
# `keras/src/callbacks/early_stopping.py`), et bien des tutoriels à sa suite, montrent cet
# exemple : une seule couche `Dense(10)` entraînée par une SGD simple (`SGD()`, taux
# d'apprentissage par défaut) avec la perte `"mse"`, sur les 5 exemples de 20 variables de
# `np.arange(100).reshape(5, 20)`, avec les cibles `np.zeros(5)`, `epochs=10`,
# `batch_size=1` et `EarlyStopping(monitor="loss", patience=3)`, une fonction de rappel
# censée arrêter l'entraînement « quand la perte ne s'améliore plus pendant trois époques
# consécutives ». La *docstring* annonce `# Only 4 epochs are run.`
#
# Nous l'exécutons deux fois. D'abord tel que la *docstring* l'écrit, avec un seul ajout :
# `ct.reseed()` fixe les poids initiaux aléatoires, que la documentation laisse au hasard.
# Puis dans la version qu'utilise la suite de la leçon, qui change deux choses :
# - les cibles valent `[0, 1, 2, 1, 2]` au lieu de zéro, pour que le modèle ait quelque chose
#   à apprendre une fois la divergence corrigée (exercice 2) ;
# - `keras.Input((20,))` déclare d'emblée la taille des entrées, au lieu de laisser la couche
#   la découvrir au premier lot.
#
# Chaque exemple a une seule valeur cible et la couche a 10 sorties : l'erreur quadratique
# moyenne compare chacune des 10 sorties à cette même cible.

# %%
toy_x = np.arange(100).reshape(5, 20)

# en: The docstring's example as written, with its initial weights fixed by the seed.
# fr: L'exemple de la docstring tel qu'il est écrit, ses poids initiaux fixés par la graine.
ct.reseed()
doc_model = keras.Sequential([keras.layers.Dense(10)])
doc_model.compile(keras.optimizers.SGD(), loss="mse")
doc_losses = doc_model.fit(
    toy_x,
    np.zeros(5),
    epochs=10,
    batch_size=1,
    callbacks=[keras.callbacks.EarlyStopping(monitor="loss", patience=3)],
    verbose=0,
).history["loss"]
print(_(en="docstring's example", fr="exemple de la docstring"))
print(_(en="  epochs run:", fr="  époques effectuées :"), len(doc_losses))
print(_(en="  loss per epoch:", fr="  perte à chaque époque :"), [f"{v:.4g}" for v in doc_losses])

# en: The lesson's version: targets [0, 1, 2, 1, 2], and keras.Input.
# fr: La version de la leçon : cibles [0, 1, 2, 1, 2], et keras.Input.
toy_y = np.array([0, 1, 2, 1, 2])
ct.reseed()
toy_model = keras.Sequential([keras.Input((20,)), keras.layers.Dense(10)])
toy_model.compile(keras.optimizers.SGD(), loss="mse")
toy_stop = keras.callbacks.EarlyStopping(monitor="loss", patience=3)
toy_history = toy_model.fit(toy_x, toy_y, epochs=10, batch_size=1, callbacks=[toy_stop], verbose=0)
toy_losses = toy_history.history["loss"]
print(_(en="the lesson's version", fr="la version de la leçon"))
print(_(en="  epochs run:", fr="  époques effectuées :"), len(toy_losses))
print(_(en="  loss per epoch:", fr="  perte à chaque époque :"), [f"{v:.4g}" for v in toy_losses])
print(_(en="  stopped_epoch:", fr="  stopped_epoch :"), toy_stop.stopped_epoch)
print(_(en="  best_epoch:   ", fr="  best_epoch :   "), toy_stop.best_epoch)

# %% [markdown] lang="en"
# Both runs stop after 4 epochs, as announced, with nearly the same losses: the targets hardly
# matter here. Two things should surprise you. The loss does not decrease at all: it
# explodes, from $7.564 \times 10^{17}$ to $3.557 \times 10^{35}$, then overflows to `inf`
# (the largest 32-bit float, printed below, is $3.403 \times 10^{38}$). And training stops
# after 4 epochs, which the documentation presents as the callback doing its job. Note that
# `stopped_epoch` and `best_epoch` count epochs **from 0**: the last epoch run is epoch 4
# counted from 1, the best one is epoch 1.
#
# ### Why exactly 4 epochs
#
# `patience` does not count "epochs where the loss went up"; it counts epochs **since the
# best value seen so far**. The first epoch always becomes the best, whatever its value.
# Each following epoch is compared with the best (not with the previous epoch), with
# `keras.ops.less`:

# %% [markdown] lang="fr"
# Les deux entraînements s'arrêtent après 4 époques, comme annoncé, avec presque les mêmes
# pertes : les cibles ne comptent guère ici. Deux choses devraient vous surprendre. La perte
# ne baisse pas du tout : elle explose, de $7{,}564 \times 10^{17}$ à
# $3{,}557 \times 10^{35}$, puis déborde en `inf` (le plus grand flottant sur 32 bits, affiché
# plus bas, vaut $3{,}403 \times 10^{38}$). Et l'entraînement s'arrête après 4 époques, ce que
# la documentation présente comme le travail normal de la fonction de rappel. Notez que
# `stopped_epoch` et `best_epoch` numérotent les époques **à partir de 0** : la dernière
# époque effectuée est l'époque 4 en comptant à partir de 1, la meilleure est l'époque 1.
#
# ### Pourquoi exactement 4 époques
#
# `patience` ne compte pas « les époques où la perte a augmenté » : elle compte les époques
# **depuis la meilleure valeur vue jusque-là**. La première époque devient toujours la
# meilleure, quelle que soit sa valeur. Chaque époque suivante est comparée à cette
# meilleure valeur (et non à l'époque précédente), avec `keras.ops.less` :

# %%
best = toy_losses[0]
print(
    _(en="epoch 1:", fr="époque 1 :"),
    f"{best:.4g}",
    _(en="(first value: the best so far)", fr="(première valeur : la meilleure jusqu'ici)"),
)
for epoch, loss in enumerate(toy_losses[1:], start=2):
    print(
        _(en=f"epoch {epoch}:", fr=f"époque {epoch} :"),
        f"{loss:.4g} < {best:.4g}?",
        bool(keras.ops.less(loss, best)),
        _(
            en=f"-> {epoch - 1} epoch(s) without improvement",
            fr=f"-> {epoch - 1} époque(s) sans amélioration",
        ),
    )
print(
    _(en="largest 32-bit float:", fr="plus grand flottant sur 32 bits :"),
    f"{np.finfo(np.float32).max:.4g}",
)
print("inf < 1.0?", bool(keras.ops.less(float("inf"), 1.0)))
print("nan < 1.0?", bool(keras.ops.less(float("nan"), 1.0)))
print("1.0 < nan?", bool(keras.ops.less(1.0, float("nan"))))

# %% [markdown] lang="en"
# Epochs 2, 3 and 4 are not improvements over epoch 1: $3.557 \times 10^{35}$ is larger, and
# `inf < best` is `False`. After the third of them, the number of epochs without improvement
# reaches `patience=3` and Keras sets `model.stop_training = True`: 1 best epoch + 3 patient
# epochs = 4. A NaN loss behaves the same way: every comparison with NaN is `False`, so a
# NaN epoch is never an improvement. The last line shows the other side of this rule: if the
# *first* value were NaN, it would become the best and no later value could ever beat it.
#
# So here `EarlyStopping` only cut short a run that had already failed. What would have
# happened without it? And Keras has a callback made for failed runs:
# `keras.callbacks.TerminateOnNaN()` checks the loss after every batch and stops at the first
# NaN or infinite value. Let us train the same model for 5 epochs without any callback,
# checking after each epoch that its weights are still finite numbers, then with
# `TerminateOnNaN`.

# %% [markdown] lang="fr"
# Les époques 2, 3 et 4 n'améliorent pas l'époque 1 : $3{,}557 \times 10^{35}$ est plus grand,
# et `inf < best` vaut `False`. Après la troisième d'entre elles, le nombre d'époques sans
# amélioration atteint `patience=3` et Keras fixe `model.stop_training = True` :
# 1 meilleure époque + 3 époques de patience = 4. Une perte NaN se comporte de la même façon :
# toute comparaison avec NaN vaut `False`, donc une époque NaN n'est jamais une amélioration.
# La dernière ligne montre l'envers de cette règle : si la *première* valeur était NaN, elle
# deviendrait la meilleure et aucune valeur ultérieure ne pourrait plus la battre.
#
# Ici, `EarlyStopping` n'a donc fait qu'écourter un entraînement déjà raté. Que se serait-il
# passé sans lui ? Par ailleurs, Keras a une fonction de rappel faite pour les entraînements
# ratés :
# `keras.callbacks.TerminateOnNaN()` vérifie la perte après chaque lot et s'arrête à la
# première valeur NaN ou infinie. Entraînons le même modèle pendant 5 époques sans fonction de
# rappel, en vérifiant après chaque époque que ses poids sont encore des nombres finis, puis
# avec `TerminateOnNaN`.

# %%
finite_after_epoch = []
ct.reseed()
free_model = keras.Sequential([keras.Input((20,)), keras.layers.Dense(10)])
free_model.compile(keras.optimizers.SGD(), loss="mse")
check_weights = keras.callbacks.LambdaCallback(
    on_epoch_end=lambda epoch, logs: finite_after_epoch.append(
        all(bool(np.all(np.isfinite(w))) for w in free_model.get_weights())
    )
)
free_losses = free_model.fit(
    toy_x, toy_y, epochs=5, batch_size=1, callbacks=[check_weights], verbose=0
).history["loss"]
print(
    _(en="no callback, loss per epoch:", fr="sans fonction de rappel, perte à chaque époque :"),
    [f"{v:.4g}" for v in free_losses],
)
print(
    _(en="weights finite after each epoch:", fr="poids finis après chaque époque :"),
    finite_after_epoch,
)

ct.reseed()
nan_model = keras.Sequential([keras.Input((20,)), keras.layers.Dense(10)])
nan_model.compile(keras.optimizers.SGD(), loss="mse")
nan_losses = nan_model.fit(
    toy_x,
    toy_y,
    epochs=10,
    batch_size=1,
    callbacks=[keras.callbacks.TerminateOnNaN()],
    verbose=0,
).history["loss"]
print(
    _(en="TerminateOnNaN, epochs run:", fr="TerminateOnNaN, époques effectuées :"), len(nan_losses)
)

# %% [markdown] lang="en"
# Without a callback, the loss is `inf` from epoch 3 on and becomes `nan` at epoch 5, when
# the weights themselves overflow (`False` after epoch 5). `TerminateOnNaN` stops at the
# first batch of epoch 3 (Keras prints `Batch 0: Invalid loss, terminating training`, with
# batches counted from 0): 3 epochs instead of 4, since it has no patience to wait out.
#
# ### Why the model diverges
#
# With `batch_size=1`, each SGD step uses one example $x$. For the output $k$, with error
# $e_k = x \cdot w_k + b_k - y$, the loss is $L = \frac{1}{10}\sum_k e_k^2$ and its gradients are
# $\frac{2}{10} e_k x$ for $w_k$ and $\frac{2}{10} e_k$ for $b_k$. After one step with learning
# rate $\eta$, the error on that example becomes
#
# $$e_k \leftarrow e_k \left(1 - 0.2\,\eta\,(\lVert x \rVert^2 + 1)\right).$$
#
# The target $y$ does not appear in the factor: that is why zero targets and ours diverge
# alike. The inputs are not scaled: they go up to 99, so $\lVert x \rVert^2$ is between
# 2,470 and 160,870 (printed below). With SGD's default learning rate $\eta = 0.01$, the
# factor is far below $-1$: each step does not reduce the error, it multiplies it (and flips
# its sign). Let us compute the factor for each of the 5 examples, and check the formula on
# one real Keras step.

# %% [markdown] lang="fr"
# Sans fonction de rappel, la perte vaut `inf` à partir de l'époque 3 et devient `nan` à
# l'époque 5, quand les poids eux-mêmes débordent (`False` après l'époque 5).
# `TerminateOnNaN` s'arrête au premier lot de l'époque 3 (Keras affiche
# `Batch 0: Invalid loss, terminating training`, les lots étant numérotés à partir de 0) :
# 3 époques au lieu de 4, car il n'a aucune patience à épuiser.
#
# ### Pourquoi le modèle diverge
#
# Avec `batch_size=1`, chaque pas de SGD utilise un seul exemple $x$. Pour la sortie $k$,
# d'erreur $e_k = x \cdot w_k + b_k - y$, la perte vaut $L = \frac{1}{10}\sum_k e_k^2$ et ses
# gradients valent $\frac{2}{10} e_k x$ pour $w_k$ et $\frac{2}{10} e_k$ pour $b_k$. Après un pas
# de taux d'apprentissage $\eta$, l'erreur sur cet exemple devient
#
# $$e_k \leftarrow e_k \left(1 - 0{,}2\,\eta\,(\lVert x \rVert^2 + 1)\right).$$
#
# La cible $y$ n'apparaît pas dans ce facteur : c'est pourquoi les cibles nulles et les nôtres
# divergent de la même façon. Les entrées ne sont pas mises à l'échelle : elles montent
# jusqu'à 99, donc $\lVert x \rVert^2$ est compris entre 2 470 et 160 870 (affiché plus bas).
# Avec le taux d'apprentissage par défaut de la SGD, $\eta = 0{,}01$, le facteur est très
# inférieur à $-1$ : chaque pas ne réduit pas l'erreur, il la multiplie (en changeant son
# signe). Calculons ce facteur pour chacun des 5 exemples, et vérifions la formule sur un
# vrai pas de Keras.

# %%
squared_norms = (toy_x.astype("float64") ** 2).sum(axis=1)
factors = 1 - 0.2 * 0.01 * (squared_norms + 1)
print(_(en="squared norms:", fr="normes au carré :"), squared_norms.astype(int))
print(_(en="factor per step:", fr="facteur à chaque pas :"), factors.round(2))
print(
    _(en="largest stable learning rate:", fr="plus grand taux d'apprentissage stable :"),
    [f"{v:.2g}" for v in 10 / (squared_norms + 1)],
)

ct.reseed()
probe = keras.Sequential([keras.Input((20,)), keras.layers.Dense(10)])
probe.compile(keras.optimizers.SGD(), loss="mse")
x0, y0 = toy_x[:1].astype("float32"), toy_y[:1].astype("float32")
error_before = probe.predict(x0, verbose=0) - y0[:, None]
probe.train_on_batch(x0, y0)
error_after = probe.predict(x0, verbose=0) - y0[:, None]
ratio = error_after / error_before
print(
    _(en="measured ratio after one Keras step:", fr="rapport mesuré après un pas de Keras :"),
    ratio.mean().round(3),
    _(en="(same for the 10 outputs:", fr="(le même pour les 10 sorties :"),
    f"{bool(np.allclose(ratio, factors[0], rtol=1e-3))})",
)

# %% [markdown] lang="en"
# The step on the first example multiplies its errors by $-3.94$, as predicted (measured:
# $-3.942$), and the factor reaches $-320.74$ on the last example: every step multiplies the
# error by tens or hundreds, and the loss is already $7.564 \times 10^{17}$ at the end of the
# first epoch. The condition for a step not to blow up is
# $|1 - 0.2\,\eta\,(\lVert x \rVert^2 + 1)| < 1$, that is $\eta < 10 / (\lVert x \rVert^2 + 1)$:
# $6.2 \times 10^{-5}$ for the last example. The size of a safe step is set by the **scale of
# the inputs**, squared. Exercise 2 fixes it.

# %% [markdown] lang="fr"
# Le pas sur le premier exemple multiplie ses erreurs par $-3{,}94$, comme prévu (mesuré :
# $-3{,}942$), et le facteur atteint $-320{,}74$ sur le dernier exemple : chaque pas multiplie
# l'erreur par des dizaines ou des centaines, et la perte vaut déjà $7{,}564 \times 10^{17}$ à
# la fin de la première époque. Pour qu'un pas n'explose pas, il faut
# $|1 - 0{,}2\,\eta\,(\lVert x \rVert^2 + 1)| < 1$, c'est-à-dire
# $\eta < 10 / (\lVert x \rVert^2 + 1)$ : $6{,}2 \times 10^{-5}$ pour le dernier exemple. La
# taille d'un pas sans danger est fixée par l'**échelle des entrées**, au carré.
# L'exercice 2 corrige cela.

# %% [markdown] lang="en"
# ## 2. The exact rule, read from the source
#
# The callback lives in `keras/src/callbacks/early_stopping.py`, with the comparison in
# `monitor_callback.py` (Keras 3.15.1). At the end of epoch `e` (counted from 0), with
# `current = logs[monitor]`:
#
# 1. If `e < start_from_epoch` (warm-up), or if the monitored value is missing (Keras then
#    warns), nothing happens: the epoch is neither counted nor compared.
# 2. `wait += 1`.
# 3. **Improvement test.** `min_delta` is stored as its absolute value, and made negative in
#    `'min'` mode; the test is `current - min_delta < best` in `'min'` mode, so
#    $\text{current} + |\text{min\_delta}| < \text{best}$, and
#    $\text{current} - |\text{min\_delta}| > \text{best}$ in `'max'` mode. `'auto'` (the
#    default) picks `'min'` for `loss` and `val_loss`, and the metric's own direction
#    otherwise (`'max'` for accuracy). The first monitored epoch is always an improvement:
#    `best` is reset to `None` at the start of each `fit`, and anything improves on `None`.
#    This holds since Keras 3.7; from 3.0 to 3.6, `best` started at `+inf` in `'min'` mode,
#    so a NaN or infinite first value did not become the best. The comparison goes through
#    `keras.ops.less` (or `greater`); `fit` hands the callback Python floats, which
#    `keras.ops.less` compares as 32-bit floats.
# 4. **If it improves**: `best = current`, `best_epoch = e`, and the weights are copied if
#    `restore_best_weights=True`. The counter is reset, `wait = 0`, only if there is no
#    `baseline` or if `current` also beats the baseline (same test, `min_delta` included).
#    An improving epoch never stops training.
# 5. **Otherwise**, if `wait >= patience` and `e > 0`: `stopped_epoch = e` and
#    `model.stop_training = True`; the current epoch is the last one.
#
# At the end of training, if `restore_best_weights=True`, the weights of `best_epoch` are put
# back into the model, **whether or not training stopped early**. Epochs before
# `start_from_epoch` are never compared, so their weights are never saved.
#
# Consequences worth remembering: `patience` counts the epochs since the last improvement on
# the best value, not the epochs in a row where the loss went up; `patience=0` behaves like
# `patience=1`; an epoch that improves on the previous one but not on the best is not an
# improvement; an epoch that beats the best by less than `min_delta` is not an improvement,
# and the best value is **not** updated. To check these claims against Keras itself, we feed
# a recorded history to a real `EarlyStopping` object, epoch by epoch, without training
# anything: `on_epoch_end` only needs an object with a `stop_training` attribute as model.

# %% [markdown] lang="fr"
# ## 2. La règle exacte, lue dans le code source
#
# La fonction de rappel se trouve dans `keras/src/callbacks/early_stopping.py`, la comparaison
# dans `monitor_callback.py` (Keras 3.15.1). À la fin de l'époque `e` (numérotée à partir de 0),
# avec `current = logs[monitor]` :
#
# 1. Si `e < start_from_epoch` (période d'échauffement), ou si la valeur surveillée manque
#    (Keras émet alors un avertissement), rien ne se passe : l'époque n'est ni comptée ni
#    comparée.
# 2. `wait += 1`.
# 3. **Test d'amélioration.** `min_delta` est stocké en valeur absolue, et rendu négatif en
#    mode `'min'` ; le test est `current - min_delta < best` en mode `'min'`, donc
#    $\text{current} + |\text{min\_delta}| < \text{best}$, et
#    $\text{current} - |\text{min\_delta}| > \text{best}$ en mode `'max'`. Le mode `'auto'`
#    (par défaut) choisit `'min'` pour `loss` et `val_loss`, et le sens propre à la métrique
#    sinon (`'max'` pour l'exactitude). La première époque surveillée est toujours une
#    amélioration : `best` est remis à `None` au début de chaque `fit`, et n'importe quelle
#    valeur améliore `None`. C'est le cas depuis Keras 3.7 ; de la 3.0 à la 3.6, `best`
#    partait de `+inf` en mode `'min'`, si bien qu'une première valeur NaN ou infinie ne
#    devenait pas la meilleure. La comparaison passe par `keras.ops.less` (ou `greater`) :
#    `fit` transmet des flottants Python à la fonction de rappel, et `keras.ops.less` les
#    compare en flottants sur 32 bits.
# 4. **En cas d'amélioration** : `best = current`, `best_epoch = e`, et les poids sont copiés
#    si `restore_best_weights=True`. Le compteur n'est remis à zéro (`wait = 0`) que s'il n'y a
#    pas de `baseline` ou si `current` bat aussi ce seuil (même test, `min_delta` compris). Une
#    époque qui améliore n'arrête jamais l'entraînement.
# 5. **Sinon**, si `wait >= patience` et `e > 0` : `stopped_epoch = e` et
#    `model.stop_training = True` ; l'époque en cours est la dernière.
#
# À la fin de l'entraînement, si `restore_best_weights=True`, les poids de `best_epoch` sont
# remis dans le modèle, **que l'entraînement se soit arrêté tôt ou non**. Les époques
# antérieures à `start_from_epoch` ne sont jamais comparées : leurs poids ne sont donc jamais
# sauvegardés.
#
# Conséquences à retenir : `patience` compte les époques écoulées depuis la dernière
# amélioration de la meilleure valeur, et non les époques consécutives où la perte a
# augmenté ; `patience=0` se comporte comme `patience=1` ; une époque qui fait mieux que la
# précédente mais pas mieux que la meilleure n'est pas une amélioration ; une époque qui bat
# la meilleure valeur de moins de `min_delta` n'est pas une amélioration, et la meilleure
# valeur n'est **pas** mise à jour. Pour vérifier ces affirmations auprès de Keras lui-même,
# nous fournissons un historique enregistré à un vrai objet `EarlyStopping`, époque par
# époque, sans rien entraîner : `on_epoch_end` n'a besoin, en guise de modèle, que d'un objet
# doté d'un attribut `stop_training`.


# %%
def replay_early_stopping(values, **options):
    """en: Feed recorded per-epoch values to a real EarlyStopping.

    Returns (epochs run, best epoch), both counted from 1.

    fr: Fournit des valeurs enregistrées, époque par époque, à un vrai EarlyStopping.

    Renvoie (époques effectuées, meilleure époque), toutes deux numérotées à partir de 1.
    """
    stop = keras.callbacks.EarlyStopping(monitor="loss", mode="min", **options)
    fake_model = types.SimpleNamespace(stop_training=False)
    stop.set_model(fake_model)
    stop.on_train_begin()
    for epoch, value in enumerate(values):
        stop.on_epoch_end(epoch, {"loss": value})
        if fake_model.stop_training:
            return epoch + 1, stop.best_epoch + 1
    return len(values), stop.best_epoch + 1


nan = float("nan")
cases = [
    (_(en="the classic example", fr="l'exemple classique"), toy_losses, {"patience": 3}),
    ("[1, .8, .9, .7]", [1.0, 0.8, 0.9, 0.7], {"patience": 0}),
    ("[1, .8, .9, .7]", [1.0, 0.8, 0.9, 0.7], {"patience": 1}),
    ("[1, .5, .8, .7, .75, .72, .71]", [1.0, 0.5, 0.8, 0.7, 0.75, 0.72, 0.71], {"patience": 3}),
    ("[nan, 1, .9, .8, .7, .6]", [nan, 1.0, 0.9, 0.8, 0.7, 0.6], {"patience": 3}),
    ("[1, .95, .92, .91, .9]", [1.0, 0.95, 0.92, 0.91, 0.9], {"patience": 2}),
    ("[1, .95, .92, .91, .9]", [1.0, 0.95, 0.92, 0.91, 0.9], {"patience": 2, "min_delta": 0.1}),
    ("[1, .9, .8, .85, .84]", [1.0, 0.9, 0.8, 0.85, 0.84], {"patience": 2}),
    ("[1, .9, .8, .85, .84]", [1.0, 0.9, 0.8, 0.85, 0.84], {"patience": 2, "baseline": 0.5}),
    ("[1, 2, 3, 4, 5, 6, 7]", [1.0, 2, 3, 4, 5, 6, 7], {"patience": 2}),
    ("[1, 2, 3, 4, 5, 6, 7]", [1.0, 2, 3, 4, 5, 6, 7], {"patience": 2, "start_from_epoch": 3}),
]
for name, values, options in cases:
    run, best_at = replay_early_stopping(values, **options)
    print(
        f"{name:>31} {options}:",
        _(
            en=f"{run} epochs run, best epoch {best_at}",
            fr=f"{run} époques effectuées, meilleure époque {best_at}",
        ),
    )

# %% [markdown] lang="en"
# Line by line:
# - The replay gives the 4 epochs of the real run of section 1: the callback only sees the
#   logged values, so replaying them is exact.
# - `patience=0` and `patience=1` both stop at the first epoch without improvement (epoch 3).
# - In `[1, .5, .8, .7, .75, .72, .71]`, the losses 0.7 and 0.72 are lower than the epoch
#   before them, but not lower than the best (0.5): training stops at epoch 5, three epochs
#   after the best.
# - A NaN first value becomes the best forever: 1 + 3 epochs, although the loss then falls.
# - With `min_delta=0.1`, 0.95 and 0.92 are not improvements on 1.0 (they would need to be
#   below 0.9): training stops at epoch 3 instead of running to the end.
# - With `baseline=0.5`, epochs that improve on the best but not on 0.5 do not reset the
#   counter: at the first epoch without improvement (epoch 4), `wait` is already 4 ≥ 2.
# - With `start_from_epoch=3`, epochs 1 to 3 are ignored, epoch 4 becomes the first best and
#   training stops two epochs later, at epoch 6 instead of 3.

# %% [markdown] lang="fr"
# Ligne par ligne :
# - Le rejeu donne les 4 époques du véritable entraînement de la partie 1 : la fonction de
#   rappel ne voit que les valeurs enregistrées, donc les rejouer est exact.
# - `patience=0` et `patience=1` s'arrêtent toutes deux à la première époque sans
#   amélioration (l'époque 3).
# - Dans `[1, .5, .8, .7, .75, .72, .71]`, les pertes 0,7 et 0,72 sont plus basses que celles
#   de l'époque d'avant, mais pas plus basses que la meilleure (0,5) : l'entraînement s'arrête
#   à l'époque 5, trois époques après la meilleure.
# - Une première valeur NaN devient la meilleure pour toujours : 1 + 3 époques, alors que la
#   perte baisse ensuite.
# - Avec `min_delta=0.1`, 0,95 et 0,92 n'améliorent pas 1,0 (il faudrait descendre sous
#   0,9) : l'entraînement s'arrête à l'époque 3 au lieu d'aller jusqu'au bout.
# - Avec `baseline=0.5`, les époques qui améliorent la meilleure valeur sans passer sous 0,5
#   ne remettent pas le compteur à zéro : à la première époque sans amélioration (l'époque 4),
#   `wait` vaut déjà 4 ≥ 2.
# - Avec `start_from_epoch=3`, les époques 1 à 3 sont ignorées, l'époque 4 devient la
#   première meilleure valeur et l'entraînement s'arrête deux époques plus tard, à l'époque 6
#   au lieu de 3.

# %% [markdown] lang="en"
# ### Exercise 1 — when does `EarlyStopping` stop? (3 points)
#
# Write `stopping_epoch(losses, patience, min_delta=0.0)` that returns the number of epochs
# `model.fit` runs when `EarlyStopping(monitor="loss", mode="min", patience=patience,
# min_delta=min_delta)` watches a training whose per-epoch losses are `losses` and whose
# `epochs` is `len(losses)`. If the callback stops training at the end of epoch $n$ (counted
# from 1), return $n$; if it never stops it, return `len(losses)`. There is no `baseline`
# and no `start_from_epoch`. Follow the rule of section 2: the first epoch is always the best
# so far, even if its loss is NaN or infinite; an epoch improves if its loss plus `min_delta`
# is strictly below the best; a NaN never improves. `losses` may be a list or a NumPy array.
# Use plain Python or NumPy, not Keras.
#
# The visible tests below check 8 cases. The hidden tests compare your function with a real
# `EarlyStopping`, fed the losses epoch by epoch, on 70 more cases: 10 fixed ones and 60
# drawn at random when your notebook is graded, each given once as a list and once as a
# NumPy array (`float64`), with 2 to 13 epochs, NaN and `inf` values anywhere (first epoch
# included), `patience` from 0 to 4 and `min_delta` among 0, 0.01, 0.05 and 0.1, both
# passed by position; plus one call that leaves `min_delta` at its default. Your answer must
# equal Keras's exactly every time.

# %% [markdown] lang="fr"
# ### Exercice 1 — quand `EarlyStopping` s'arrête-t-il ? (3 points)
#
# Écrivez `stopping_epoch(losses, patience, min_delta=0.0)` qui renvoie le nombre d'époques
# effectuées par `model.fit` lorsque `EarlyStopping(monitor="loss", mode="min",
# patience=patience, min_delta=min_delta)` surveille un entraînement dont les pertes par
# époque sont `losses` et dont `epochs` vaut `len(losses)`. Si la fonction de rappel arrête
# l'entraînement à la fin de l'époque $n$ (numérotée à partir de 1), renvoyez $n$ ; si elle ne
# l'arrête jamais, renvoyez `len(losses)`. Il n'y a ni `baseline` ni `start_from_epoch`.
# Suivez la règle de la partie 2 : la première époque est toujours la meilleure jusque-là,
# même si sa perte est NaN ou infinie ; une époque est une amélioration si sa perte plus
# `min_delta` est strictement inférieure à la meilleure ; un NaN n'est jamais une
# amélioration. `losses` peut être une liste ou un tableau NumPy. Utilisez Python ou NumPy,
# pas Keras.
#
# Les tests visibles ci-dessous vérifient 8 cas. Les tests cachés comparent votre fonction à
# un vrai `EarlyStopping`, qui reçoit les pertes époque par époque, sur 70 autres cas :
# 10 fixés et 60 tirés au hasard au moment de la correction, chacun donné une fois sous forme
# de liste et une fois sous forme de tableau NumPy (`float64`), avec 2 à 13 époques, des
# valeurs NaN et `inf` à n'importe quelle place (première époque comprise), `patience` entre
# 0 et 4 et `min_delta` parmi 0, 0,01, 0,05 et 0,1, tous deux passés par position ; plus un
# appel qui laisse `min_delta` à sa valeur par défaut. Votre réponse doit égaler exactement
# celle de Keras à chaque fois.


# %% nbgrader="solution" grade_id="stopping_epoch"
def stopping_epoch(losses, patience, min_delta=0.0):
    ### BEGIN SOLUTION
    min_delta = abs(min_delta)
    best = None
    wait = 0
    for epoch, loss in enumerate(losses, start=1):
        wait += 1
        if best is None or loss + min_delta < best:
            best = loss
            wait = 0
        elif wait >= patience:
            return epoch
    return len(losses)
    ### END SOLUTION


# %% nbgrader="tests" grade_id="stopping_epoch_tests" points=3
# en: Visible tests: run this cell to check your function.
# fr: Tests visibles : exécutez cette cellule pour vérifier votre fonction.
_nan = float("nan")
_got = ct.plain(stopping_epoch([3.0, 2.0, 1.0], patience=1))
assert _got == 3, _(
    en=f"If training never stops, return len(losses) (3 here), not {_got}.",
    fr=f"Si l'entraînement ne s'arrête jamais, renvoyez len(losses) (ici 3), et non {_got}.",
)
_got = ct.plain(stopping_epoch([1.0, 0.5, 0.8, 0.7, 0.75, 0.72, 0.71, 0.69], patience=3))
if _got == 8:
    raise AssertionError(
        _(
            en="You compare each epoch with the previous one: Keras compares it with the best "
            "loss so far. 0.7 < 0.8 is not an improvement when the best is 0.5.",
            fr="Vous comparez chaque époque à la précédente : Keras la compare à la meilleure "
            "perte jusque-là. 0,7 < 0,8 n'est pas une amélioration quand la meilleure vaut 0,5.",
        )
    )
if _got == 4:
    raise AssertionError(
        _(
            en="One epoch too early: training stops after `patience` epochs without improvement "
            "(not patience - 1), and you must return the number of epochs run "
            "(index + 1).",
            fr="Une époque trop tôt : l'entraînement s'arrête après `patience` époques sans "
            "amélioration (et non patience - 1), et vous devez renvoyer le nombre d'époques "
            "effectuées (indice + 1).",
        )
    )
if _got == 6:
    raise AssertionError(
        _(
            en="One epoch too late: stop as soon as the number of epochs without improvement "
            "reaches `patience` (>=, not >).",
            fr="Une époque trop tard : arrêtez dès que le nombre d'époques sans amélioration "
            "atteint `patience` (>=, et non >).",
        )
    )
assert _got == 5, _(
    en=f"[1, .5, .8, .7, .75, .72, .71, .69] with patience=3: Keras runs 5 epochs, you returned {_got}.",
    fr=f"[1, .5, .8, .7, .75, .72, .71, .69] avec patience=3 : Keras effectue 5 époques, vous avez renvoyé {_got}.",
)
_got = ct.plain(stopping_epoch([1.0, 0.9, 0.8, 0.85], patience=0))
assert _got == 4, _(
    en=f"[1, .9, .8, .85] with patience=0: Keras runs 4 epochs, you returned {_got}. An epoch "
    "that improves never stops training; patience=0 stops at the first epoch without "
    "improvement.",
    fr=f"[1, .9, .8, .85] avec patience=0 : Keras effectue 4 époques, vous avez renvoyé {_got}. "
    "Une époque qui améliore n'arrête jamais l'entraînement ; patience=0 s'arrête à la première "
    "époque sans amélioration.",
)
_got = ct.plain(stopping_epoch([1.0, 0.95, 0.92, 0.91, 0.9], patience=2, min_delta=0.1))
assert _got == 3, _(
    en=f"min_delta is ignored? With min_delta=0.1, 0.95 and 0.92 are not improvements on 1.0 "
    f"(they must be below 1.0 - 0.1): Keras runs 3 epochs, you returned {_got}.",
    fr=f"min_delta est ignoré ? Avec min_delta=0.1, 0,95 et 0,92 n'améliorent pas 1,0 (il "
    f"faudrait passer sous 1,0 - 0,1) : Keras effectue 3 époques, vous avez renvoyé {_got}.",
)
_got = ct.plain(stopping_epoch([1.0, 0.94, 0.88, 0.82], patience=2, min_delta=0.1))
assert _got == 4, _(
    en=f"[1, .94, .88, .82], patience=2, min_delta=0.1: Keras runs 4 epochs, you returned "
    f"{_got}. An epoch that beats the best by less than min_delta does not become the new best: "
    "0.88 is an improvement on 1.0, not on 0.94.",
    fr=f"[1, .94, .88, .82], patience=2, min_delta=0.1 : Keras effectue 4 époques, vous avez "
    f"renvoyé {_got}. Une époque qui bat la meilleure de moins de min_delta ne devient pas la "
    "nouvelle meilleure : 0,88 améliore 1,0, pas 0,94.",
)
_got = ct.plain(stopping_epoch([1.0, 0.8, _nan, _nan, 0.7, 0.6], patience=2))
assert _got == 4, _(
    en=f"NaN treated as an improvement? Any comparison with NaN is False, so a NaN epoch never "
    f"improves: Keras runs 4 epochs on "
    f"[1, .8, nan, nan, .7, .6], you returned {_got}.",
    fr=f"NaN traité comme une amélioration ? Toute comparaison avec NaN vaut False, donc une "
    f"époque NaN n'améliore jamais rien : Keras effectue 4 époques sur "
    f"[1, .8, nan, nan, .7, .6], vous avez renvoyé {_got}.",
)
_got = ct.plain(stopping_epoch([_nan, 1.0, 0.9, 0.8, 0.7], patience=3))
assert _got == 4, _(
    en=f"The first epoch always becomes the best, even when its loss is NaN (start from "
    f"best = None, not +inf): Keras runs 4 epochs on [nan, 1, .9, .8, .7], you "
    f"returned {_got}.",
    fr=f"La première époque devient toujours la meilleure, même si sa perte est NaN (partez de "
    f"best = None, et non de +inf) : Keras effectue 4 époques sur [nan, 1, .9, .8, .7], vous "
    f"avez renvoyé {_got}.",
)
ct.reseed()  # en: the lesson's version of section 1, trained again # fr: la version de la leçon de la partie 1, entraînée de nouveau
_toy = keras.Sequential([keras.Input((20,)), keras.layers.Dense(10)])
_toy.compile(keras.optimizers.SGD(), loss="mse")
_toy_losses = _toy.fit(
    np.arange(100).reshape(5, 20),
    np.array([0, 1, 2, 1, 2]),
    epochs=10,
    batch_size=1,
    callbacks=[keras.callbacks.EarlyStopping(monitor="loss", patience=3)],
    verbose=0,
).history["loss"]
_got = ct.plain(stopping_epoch(np.array(_toy_losses), patience=3))
assert _got == len(_toy_losses), _(
    en=f"On the losses of the classic example of section 1 (given as a NumPy array), Keras ran "
    f"{len(_toy_losses)} epochs, you returned {_got}.",
    fr=f"Sur les pertes de l'exemple classique de la partie 1 (données en tableau NumPy), Keras "
    f"a effectué {len(_toy_losses)} époques, vous avez renvoyé {_got}.",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
import types as _types


def _keras_epochs_run(_values, _patience, _min_delta):
    _stop = keras.callbacks.EarlyStopping(
        monitor="loss", mode="min", patience=_patience, min_delta=_min_delta
    )
    _fake = _types.SimpleNamespace(stop_training=False)
    _stop.set_model(_fake)
    _stop.on_train_begin()
    for _e, _v in enumerate(_values):
        _stop.on_epoch_end(_e, {"loss": _v})
        if _fake.stop_training:
            return _e + 1
    return len(_values)


_inf = float("inf")
_cases = [
    ([1.0, 0.5, 0.5, 0.5, 0.5], 2, 0.0),
    ([1.0, 0.5, 0.5, 0.5, 0.5], 0, 0.0),
    ([_inf, 1.0, 0.9, 0.8, 0.7], 2, 0.0),
    ([1.0, _inf, _inf, _nan, _nan], 3, 0.0),
    ([_nan, _nan, _nan], 1, 0.0),
    ([1.0, 0.8, 0.6, 0.4], 0, 0.0),
    ([2.0, 1.0], 5, 0.0),
    ([1.0, 1.2, 0.99, 1.1, 1.05, 1.3, 0.5], 2, 0.05),
    ([1.0, 1.2, 0.99, 1.1, 1.05, 1.3, 0.5], 4, 0.05),
    ([1.0, 0.97, 0.94, 0.91, 0.88, 0.85, 0.82, 0.79], 2, 0.05),
]
_rng = np.random.default_rng(ct.fresh_seed())
for _trial in range(60):
    _n = int(_rng.integers(2, 14))
    _values = list(1.0 + np.cumsum(_rng.normal(-0.02, 0.08, _n)))
    for _i in range(_n):
        _r = _rng.random()
        if _r < 0.08:
            _values[_i] = _nan
        elif _r < 0.12:
            _values[_i] = _inf
    _cases.append(
        (_values, int(_rng.integers(0, 5)), float(_rng.choice([0.0, 0.0, 0.01, 0.05, 0.1])))
    )
for _values, _patience, _min_delta in _cases:
    _expected = _keras_epochs_run(_values, _patience, _min_delta)
    for _form in (list(_values), np.array(_values, dtype="float64")):
        _got = ct.plain(stopping_epoch(_form, _patience, _min_delta))
        assert _got == _expected, (_values, _patience, _min_delta, _expected, _got)
assert ct.plain(stopping_epoch([1.0, 0.5, 0.8, 0.7], 2)) == 4
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## 3. Fixing the divergence
#
# The obvious remedy is a smaller learning rate. Below $6.2 \times 10^{-5}$, the smallest of
# the limits printed in section 1, no step blows up; let us try $5 \times 10^{-5}$ on the raw
# inputs.

# %% [markdown] lang="fr"
# ## 3. Corriger la divergence
#
# Le remède évident est un taux d'apprentissage plus petit. Sous $6{,}2 \times 10^{-5}$, la
# plus petite des limites affichées dans la partie 1, aucun pas n'explose ; essayons
# $5 \times 10^{-5}$ sur les entrées brutes.

# %%
ct.reseed()
slow_model = keras.Sequential([keras.Input((20,)), keras.layers.Dense(10)])
slow_model.compile(keras.optimizers.SGD(5e-5), loss="mse")
slow_history = slow_model.fit(
    toy_x,
    toy_y,
    epochs=10,
    batch_size=1,
    callbacks=[keras.callbacks.EarlyStopping(monitor="loss", patience=3)],
    verbose=0,
)
print(
    _(en="loss per epoch:", fr="perte à chaque époque :"),
    np.round(slow_history.history["loss"], 4).tolist(),
)
print(
    _(en="mean target:", fr="cible moyenne :"),
    toy_y.mean(),
    _(en="-> loss of always predicting it:", fr="-> perte si on la prédit toujours :"),
    round(float(np.mean((toy_y - toy_y.mean()) ** 2)), 2),
)
# en: Curvature of the loss: eigenvalues of X^T X, X being the inputs plus a column of ones
# en: (the bias).
# fr: Courbure de la perte : valeurs propres de X^T X, X étant les entrées plus une colonne de
# fr: uns (le biais).
with_bias = np.hstack([toy_x, np.ones((5, 1))])
eigenvalues = np.linalg.eigvalsh(with_bias.T @ with_bias)[::-1]
nonzero = eigenvalues[eigenvalues > 1e-6 * eigenvalues[0]]
print(
    _(en="non-zero eigenvalues:", fr="valeurs propres non nulles :"),
    nonzero.round(1),
    _(en="ratio:", fr="rapport :"),
    round(float(nonzero[0] / nonzero[1])),
)

# %% [markdown] lang="en"
# No more explosion, but after the first epoch the loss only crawls from 12.09 to 10.57,
# while always predicting the mean target (1.2) would already give 0.56. The rows of `toy_x`
# are nearly parallel (row $i$ holds $20i + j$ for $j = 0, \dots, 19$): of the 21 weights of
# an output (20 plus the bias), only two directions change the predictions on these 5
# examples (two non-zero eigenvalues), and the loss curves 403 times more sharply along the
# first than along the second. A learning rate small enough for the first direction moves
# 403 times more slowly along the second. Putting the inputs on a scale close to 1 shrinks
# $\lVert x \rVert^2$, so that a normal learning rate becomes safe: exercise 2 checks that it
# also makes training fast.
#
# ### Exercise 2 — make the classic example converge (2 points)
#
# Write `fix_divergence(x)` that receives the raw inputs (`toy_x`, integers from 0 to 99,
# shape `(5, 20)`) and returns a pair `(x_scaled, learning_rate)`: the inputs transformed as
# you choose (same shape) and an SGD learning rate. Do not modify `x` in place. Hint: compute
# the stability limit $10 / (\lVert x \rVert^2 + 1)$ for your scaled inputs and stay a few
# times below it: the limit only keeps a step from increasing the error of its own example,
# and each step also moves the errors of the other four.
#
# The visible tests train the lesson's version of the classic example (same targets,
# `keras.Input((20,))`, `Dense(10)`, `"mse"`, same seed) on `x_scaled` with
# `keras.optimizers.SGD(learning_rate)`, `epochs=10`, `batch_size=1` and
# `EarlyStopping(monitor="loss", patience=3)`, and print the stability limit of your inputs.
# They pass if your function returns a pair, `x_scaled` has the shape `(5, 20)`, the
# learning rate is positive, all 10 epochs run, every loss is finite, the last one is lower
# than the first and below 0.5, and `x` is left unchanged. The hidden tests then train the
# same model for 20 epochs without `EarlyStopping`: every loss must be finite, the last one
# below 0.5 and at most 0.001 above the lowest loss of the first 10 epochs (the loss must
# settle, not bounce); and they call `fix_divergence` on `float64` and `float32` versions of
# the raw inputs, which must be left unchanged.

# %% [markdown] lang="fr"
# Plus d'explosion, mais après la première époque la perte ne fait que se traîner de 12,09 à
# 10,57, alors que prédire toujours la cible moyenne (1,2) donnerait déjà 0,56. Les lignes de
# `toy_x` sont presque parallèles (la ligne $i$ contient $20i + j$ pour
# $j = 0, \dots, 19$) : parmi les 21 poids d'une sortie (20 plus le biais), seules deux
# directions changent les prédictions sur ces 5 exemples (deux valeurs propres non nulles),
# et la perte est 403 fois plus courbée le long de la première que le long de la seconde. Un
# taux d'apprentissage assez petit pour la première direction avance 403 fois plus lentement
# le long de la seconde. Ramener les entrées à une échelle proche de 1 réduit
# $\lVert x \rVert^2$, si bien qu'un taux d'apprentissage ordinaire ne présente plus de
# danger : l'exercice 2 vérifie que l'entraînement devient aussi rapide.
#
# ### Exercice 2 — faire converger l'exemple classique (2 points)
#
# Écrivez `fix_divergence(x)` qui reçoit les entrées brutes (`toy_x`, des entiers de 0 à 99,
# de forme `(5, 20)`) et renvoie un couple `(x_scaled, learning_rate)` : les entrées
# transformées comme vous le souhaitez (même forme) et un taux d'apprentissage pour la SGD.
# Ne modifiez pas `x` sur place. Indice : calculez la limite de stabilité
# $10 / (\lVert x \rVert^2 + 1)$ pour vos entrées mises à l'échelle et restez quelques fois
# en dessous : la limite empêche seulement un pas d'augmenter l'erreur de son propre exemple,
# et chaque pas modifie aussi les erreurs des quatre autres.
#
# Les tests visibles entraînent la version de la leçon de l'exemple classique (mêmes cibles,
# `keras.Input((20,))`, `Dense(10)`, `"mse"`, même graine) sur `x_scaled` avec
# `keras.optimizers.SGD(learning_rate)`, `epochs=10`, `batch_size=1` et
# `EarlyStopping(monitor="loss", patience=3)`, et affichent la limite de stabilité de vos
# entrées. Ils réussissent si votre fonction renvoie un couple, si `x_scaled` a la forme
# `(5, 20)`, si le taux d'apprentissage est positif, si les 10 époques sont effectuées, si
# toutes les pertes sont finies, si la dernière est plus basse que la première et inférieure
# à 0,5, et si `x` n'est pas modifié. Les tests cachés entraînent ensuite le même modèle
# pendant 20 époques sans `EarlyStopping` : toutes les pertes doivent être finies, la
# dernière inférieure à 0,5 et supérieure d'au plus 0,001 à la plus basse des 10 premières
# époques (la perte doit se stabiliser, pas rebondir) ; ils appellent aussi `fix_divergence`
# sur des versions `float64` et `float32` des entrées brutes, qui doivent rester inchangées.


# %% nbgrader="solution" grade_id="fix_divergence"
def fix_divergence(x):
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype="float32")
    # en: Inputs in [0, 1]: the stability limit becomes 0.574 (printed by the tests);
    # en: 0.1 is a few times below it.
    # fr: Entrées dans [0, 1] : la limite de stabilité devient 0,574 (affichée par les tests) ;
    # fr: 0,1 est quelques fois en dessous.
    return x / x.max(), 0.1
    ### END SOLUTION


# %% nbgrader="tests" grade_id="fix_divergence_tests" points=2
# en: Visible tests: run this cell to check your function.
# fr: Tests visibles : exécutez cette cellule pour vérifier votre fonction.
def _train_toy(_x_in, _lr, _epochs, _stop_early):
    ct.reseed()
    _model = keras.Sequential([keras.Input((20,)), keras.layers.Dense(10)])
    _model.compile(keras.optimizers.SGD(_lr), loss="mse")
    _callbacks = [keras.callbacks.EarlyStopping(monitor="loss", patience=3)] if _stop_early else []
    _h = _model.fit(
        _x_in,
        np.array([0, 1, 2, 1, 2]),
        epochs=_epochs,
        batch_size=1,
        callbacks=_callbacks,
        verbose=0,
    )
    return _h.history["loss"]


_raw = np.arange(100).reshape(5, 20)
_result = fix_divergence(_raw.copy())
assert isinstance(_result, tuple) and len(_result) == 2, _(
    en="Return a pair (x_scaled, learning_rate).",
    fr="Renvoyez un couple (x_scaled, learning_rate).",
)
_x_scaled, _lr = np.asarray(_result[0], dtype="float32"), float(_result[1])
assert _x_scaled.shape == (5, 20), _(
    en=f"x_scaled must keep the shape (5, 20), not {_x_scaled.shape}.",
    fr=f"x_scaled doit garder la forme (5, 20), et non {_x_scaled.shape}.",
)
assert _lr > 0, _(
    en="The learning rate must be positive.",
    fr="Le taux d'apprentissage doit être positif.",
)
_limit = 10 / (float(np.max(np.sum(_x_scaled.astype("float64") ** 2, axis=1))) + 1)
print(
    _(
        en=f"stability limit for your inputs: {_limit:.3g}; your learning rate: {_lr:.3g}",
        fr=f"limite de stabilité pour vos entrées : {_limit:.3g} ; votre taux d'apprentissage : {_lr:.3g}",
    )
)
_losses = _train_toy(_x_scaled, _lr, 10, True)
print(_(en="loss per epoch:", fr="perte à chaque époque :"), [f"{_v:.4g}" for _v in _losses])
assert np.all(np.isfinite(_losses)) and _losses[-1] < _losses[0], _(
    en="The model still diverges (the loss grows or overflows): each step still multiplies the "
    "error. Scale the inputs and/or lower the learning rate.",
    fr="Le modèle diverge toujours (la perte augmente ou déborde) : chaque pas multiplie encore "
    "l'erreur. Mettez les entrées à l'échelle et/ou baissez le taux d'apprentissage.",
)
assert len(_losses) == 10, _(
    en=f"EarlyStopping stopped training after {len(_losses)} epochs: the loss stopped improving "
    "(the steps are still too large for the scale of your inputs and the loss oscillates). "
    "Scale the inputs further or lower the "
    "learning rate.",
    fr=f"EarlyStopping a arrêté l'entraînement après {len(_losses)} époques : la perte ne "
    "s'améliorait plus (les pas sont encore trop grands pour l'échelle de vos entrées et la "
    "perte oscille). Réduisez davantage l'échelle des entrées ou baissez le taux "
    "d'apprentissage.",
)
if _losses[-1] >= 0.5 and np.abs(_x_scaled).max() > 10:
    raise AssertionError(
        _(
            en=f"The loss no longer diverges but stays at {_losses[-1]:.3g}: lowering the "
            "learning rate alone is not enough. Scale the inputs to values close to 1.",
            fr=f"La perte ne diverge plus mais reste à {_losses[-1]:.3g} : baisser le taux "
            "d'apprentissage ne suffit pas. Ramenez les entrées à des valeurs proches de 1.",
        )
    )
assert _losses[-1] < 0.5, _(
    en=f"The loss decreases but only reaches {_losses[-1]:.3g} after 10 epochs (0.5 needed): "
    "the learning rate is too small for your scaled inputs. Raise it, staying a few times "
    "below the stability limit.",
    fr=f"La perte baisse mais n'atteint que {_losses[-1]:.3g} après 10 époques (il faut 0,5) : "
    "le taux d'apprentissage est trop petit pour vos entrées mises à l'échelle. Augmentez-le, "
    "en restant quelques fois sous la limite de stabilité.",
)
assert not ct.changed_arguments("fix_divergence", _raw), _(
    en="fix_divergence modified its input in place: work on a copy.",
    fr="fix_divergence a modifié son entrée sur place : travaillez sur une copie.",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
assert not ct.changed_arguments("fix_divergence", np.arange(100.0).reshape(5, 20))
assert not ct.changed_arguments("fix_divergence", np.arange(100, dtype="float32").reshape(5, 20))
_long = _train_toy(_x_scaled, _lr, 20, False)
assert np.all(np.isfinite(_long)), _long
assert _long[-1] < 0.5, _long
assert _long[-1] <= min(_long[:10]) + 1e-3, _long
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## 4. Early stopping as a regularizer
#
# The real use of the callback has nothing to do with divergence. In lesson 1, the large
# network trained on 120 patients of the *diabetes* data reached its lowest **validation**
# loss after a few epochs, then overfitted: its training loss kept falling while its
# validation loss rose. Early stopping watches `val_loss` and stops once it has not improved
# for `patience` epochs; with `restore_best_weights=True`, the model we get back is the one
# of the best epoch, not the one of the last. Stopping early also limits how far the weights
# travel from their initial values (we measure it below), which is why early stopping is
# often compared to a weight penalty.
#
# We use the same data as lesson 1 and the large network, with Adam at a learning rate of
# 0.001 instead of lesson 1's 0.01, so that the curves move slowly enough to be read. First,
# a reference run of 30 epochs **without** the callback, to see what early stopping saves us
# from.

# %% [markdown] lang="fr"
# ## 4. L'arrêt précoce comme régularisation
#
# Le véritable usage de cette fonction de rappel n'a rien à voir avec la divergence. Dans la
# leçon 1, le grand réseau entraîné sur 120 patients des données *diabetes* atteignait sa
# perte de **validation** minimale après quelques époques, puis surapprenait : sa perte
# d'entraînement continuait de baisser tandis que sa perte de validation remontait. L'arrêt
# précoce surveille `val_loss` et s'arrête dès qu'elle ne s'est pas améliorée depuis
# `patience` époques ; avec `restore_best_weights=True`, le modèle récupéré est celui de la
# meilleure époque, et non celui de la dernière. S'arrêter tôt limite aussi la distance que
# parcourent les poids depuis leurs valeurs initiales (nous la mesurons plus bas) : c'est
# pourquoi on compare souvent l'arrêt précoce à une pénalité sur les poids.
#
# Nous reprenons les données de la leçon 1 et le grand réseau, avec Adam et un taux
# d'apprentissage de 0,001 au lieu du 0,01 de la leçon 1, pour que les courbes évoluent assez
# lentement pour être lues. D'abord, un entraînement de référence de 30 époques **sans** la fonction de rappel, pour
# voir ce dont l'arrêt précoce nous protège.

# %%
features, target = load_diabetes(return_X_y=True)
features = ((features - features.mean(axis=0)) / features.std(axis=0)).astype("float32")
target = ((target - target.mean()) / target.std()).astype("float32")
order = np.random.default_rng(0).permutation(len(features))
x_train, y_train = features[order[:120]], target[order[:120]]
x_val, y_val = features[order[120:]], target[order[120:]]


def build_large():
    ct.reseed()
    model = keras.Sequential(
        [
            keras.Input((10,)),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(1),
        ]
    )
    model.compile(keras.optimizers.Adam(0.001), loss="mse")
    return model


reference = build_large().fit(
    x_train, y_train, validation_data=(x_val, y_val), epochs=30, batch_size=32, verbose=0
)
print(ct.summarize(reference))
print(
    _(
        en="training loss falls at every epoch:",
        fr="la perte d'entraînement baisse à chaque époque :",
    ),
    bool(np.all(np.diff(reference.history["loss"]) < 0)),
)
print(_(en="validation loss:", fr="perte de validation :"))
print(np.round(reference.history["val_loss"], 4))
lowest = int(np.argmin(reference.history["val_loss"]))
print(
    _(
        en="validation loss rises at every epoch after the lowest:",
        fr="la perte de validation monte à chaque époque après la plus basse :",
    ),
    bool(np.all(np.diff(reference.history["val_loss"][lowest:]) > 0)),
)

# %% [markdown] lang="en"
# The validation loss is lowest at epoch 10 (0.5112) and then rises at every epoch, to
# 0.6114 at epoch 30, while the training loss keeps falling. Now the same training with
# `EarlyStopping(monitor="val_loss", patience=5, restore_best_weights=True)` and up to
# 100 epochs. A small extra callback keeps a copy of the weights at the end of every epoch,
# so that we can compare the restored weights with those of the last epoch.

# %% [markdown] lang="fr"
# La perte de validation est minimale à l'époque 10 (0,5112) puis remonte à chaque époque,
# jusqu'à 0,6114 à l'époque 30, tandis que la perte d'entraînement continue de baisser. Voici
# maintenant le même entraînement avec
# `EarlyStopping(monitor="val_loss", patience=5, restore_best_weights=True)` et au plus
# 100 époques. Une petite fonction de rappel supplémentaire garde une copie des poids à la fin
# de chaque époque, pour comparer les poids restaurés à ceux de la dernière époque.

# %%
model = build_large()
initial_weights = model.get_weights()
last_weights = {}
keep_last = keras.callbacks.LambdaCallback(
    on_epoch_end=lambda epoch, logs: last_weights.update(weights=model.get_weights())
)
early_stop = keras.callbacks.EarlyStopping(
    monitor="val_loss", patience=5, restore_best_weights=True
)
history = model.fit(
    x_train,
    y_train,
    validation_data=(x_val, y_val),
    epochs=100,
    batch_size=32,
    callbacks=[keep_last, early_stop],
    verbose=0,
)
val_restored = model.evaluate(x_val, y_val, verbose=0)
model.set_weights(last_weights["weights"])
val_last = model.evaluate(x_val, y_val, verbose=0)
model.set_weights(early_stop.best_weights)

best_epoch = early_stop.best_epoch + 1
stop_epoch = early_stop.stopped_epoch + 1
print(_(en="epochs run:", fr="époques effectuées :"), len(history.history["val_loss"]))
print(
    _(en="stopped_epoch (from 0):", fr="stopped_epoch (à partir de 0) :"),
    early_stop.stopped_epoch,
    _(en="-> training stops at epoch", fr="-> l'entraînement s'arrête à l'époque"),
    stop_epoch,
)
print(
    _(en="best_epoch (from 0):", fr="best_epoch (à partir de 0) :"),
    early_stop.best_epoch,
    _(en="-> best epoch", fr="-> meilleure époque"),
    best_epoch,
)
print(
    _(
        en="val. loss, restored weights (evaluate):",
        fr="perte de val., poids restaurés (evaluate) :",
    ),
    round(val_restored, 4),
)
print(
    _(en="val. loss, last epoch's weights:", fr="perte de val., poids de la dernière époque :"),
    round(val_last, 4),
)


def distance_from_start(weights):
    """en: Euclidean distance between all the weights and their initial values.

    fr: Distance euclidienne entre l'ensemble des poids et leurs valeurs initiales.
    """
    return float(
        np.sqrt(sum(np.sum((w - w0) ** 2) for w, w0 in zip(weights, initial_weights, strict=True)))
    )


print(
    _(
        en="distance of the weights from their initial values, restored:",
        fr="distance des poids à leurs valeurs initiales, poids restaurés :",
    ),
    f"{distance_from_start(early_stop.best_weights):.3f},",
    _(en="last epoch's:", fr="poids de la dernière époque :"),
    round(distance_from_start(last_weights["weights"]), 3),
)
print(
    _(en="same as the history at these epochs:", fr="identiques à l'historique à ces époques :"),
    bool(
        np.isclose(val_restored, history.history["val_loss"][best_epoch - 1], atol=1e-5)
        and np.isclose(val_last, history.history["val_loss"][-1], atol=1e-5)
    ),
)
print(
    _(
        en="same first epochs as the reference run:",
        fr="mêmes premières époques que la référence :",
    ),
    bool(
        np.allclose(
            history.history["val_loss"], reference.history["val_loss"][:stop_epoch], atol=1e-6
        )
    ),
)

# %%
# alt en: Loss per epoch, training dashed and validation solid: the reference run without
# alt en: early stopping (30 epochs, no markers) and the run with it (15 epochs, dots), which
# alt en: lies on top of the reference. The validation loss is lowest at epoch 10 (0.5112,
# alt en: dotted vertical line) and rises to 0.6114 at epoch 30 while the training loss keeps
# alt en: falling; a dash-dot vertical line marks the stop at epoch 15.
# alt fr: Perte par époque, entraînement en tirets et validation en trait plein : la référence
# alt fr: sans arrêt précoce (30 époques, sans marqueurs) et l'entraînement avec arrêt précoce
# alt fr: (15 époques, points), superposé à la référence. La perte de validation est minimale
# alt fr: à l'époque 10 (0,5112, ligne verticale pointillée) et remonte jusqu'à 0,6114 à
# alt fr: l'époque 30 tandis que la perte d'entraînement continue de baisser ; une ligne
# alt fr: verticale en tirets-points marque l'arrêt à l'époque 15.
fig, ax = plt.subplots()
ref_epochs = np.arange(1, len(reference.history["loss"]) + 1)
run_epochs = np.arange(1, stop_epoch + 1)
ax.plot(
    ref_epochs,
    reference.history["loss"],
    "--",
    color="C1",
    label=_(en="training, no early stopping", fr="entraînement, sans arrêt précoce"),
)
ax.plot(
    ref_epochs,
    reference.history["val_loss"],
    "-",
    color="C1",
    label=_(en="validation, no early stopping", fr="validation, sans arrêt précoce"),
)
ax.plot(run_epochs, history.history["loss"], "o--", color="C0", label=ct.msg("train"))
ax.plot(run_epochs, history.history["val_loss"], "o-", color="C0", label=ct.msg("val"))
ax.axvline(
    best_epoch,
    color="C2",
    linestyle=":",
    label=_(
        en=f"best epoch ({best_epoch}): weights restored",
        fr=f"meilleure époque ({best_epoch}) : poids restaurés",
    ),
)
ax.axvline(
    stop_epoch,
    color="C3",
    linestyle="-.",
    label=_(
        en=f"training stops (epoch {stop_epoch})",
        fr=f"arrêt de l'entraînement (époque {stop_epoch})",
    ),
)
ax.set_xlabel(ct.msg("epoch"))
ax.set_ylabel(ct.msg("loss"))
ax.set_title(
    _(
        en="Early stopping on val_loss (patience=5)",
        fr="Arrêt précoce sur val_loss (patience=5)",
    )
)
ax.legend(fontsize="small")
plt.show()

# %% [markdown] lang="en"
# The run with the callback follows the reference exactly (same seed, and the callback does
# not touch training until it stops it), so its curves with dots lie on the reference's up
# to epoch 15. The best epoch is 10; epochs 11 to 15 are the 5 epochs of patience, and
# training stops at the end of epoch 15 instead of drifting to the 0.6114 of epoch 30. At
# that point the weights are already 5 epochs into overfitting: without
# `restore_best_weights`, the model would keep them (validation loss 0.5328); with it, we get
# those of epoch 10 back (0.5112), which are also closer to their initial values (distance
# 1.575, against 1.918 for the last epoch's). Since the validation loss rises at every epoch
# after the 10th, the larger the patience, the worse the weights of the last epoch.
#
# ### Exercise 3 — predict, then verify (2 points)
#
# Since the callback does not change training until it stops it, any `EarlyStopping` that
# watches `val_loss` in the same training sees the validation losses of the reference run
# printed above (rounded there to 4 decimals, which is precise enough here). Use them and the
# rule of section 2 to predict what two other settings do. Both train `build_large()` (same seed) for up to 30 epochs:
# - **A**: `EarlyStopping(monitor="val_loss", patience=3, min_delta=0.001,
#   restore_best_weights=True)`;
# - **B**: `EarlyStopping(monitor="val_loss", patience=3, start_from_epoch=10,
#   restore_best_weights=True)`: a colleague, afraid of stopping too early, adds a warm-up.
#
# For each setting, predict the number of epochs `fit` runs (`epochs_run_a`,
# `epochs_run_b`) and the epoch, counted from 1, whose weights the model holds when `fit`
# returns (`restored_epoch_a`, `restored_epoch_b`). Work epoch by epoch from the printed
# losses, without running anything: the cell after your answer trains both settings and
# prints your predictions next to what Keras did.
#
# The tests train the network again (15 epochs, same seed), feed its validation losses to a
# real `EarlyStopping` for each setting, and check that each of your four answers is an
# integer equal to Keras's, exactly; if not, they say by how many epochs you were off, and
# in which direction. There are no hidden tests.

# %% [markdown] lang="fr"
# L'entraînement avec la fonction de rappel suit exactement la référence (même graine, et la
# fonction de rappel ne touche pas à l'entraînement avant de l'arrêter) : ses courbes à points
# se superposent à celles de la référence jusqu'à l'époque 15. La meilleure époque est la
# 10ᵉ ; les époques 11 à 15 sont les 5 époques de patience, et l'entraînement s'arrête à la
# fin de l'époque 15 au lieu de dériver jusqu'au 0,6114 de l'époque 30. À ce moment, les
# poids ont déjà 5 époques de surapprentissage : sans `restore_best_weights`, le modèle les
# garderait (perte de validation 0,5328) ; avec, on récupère ceux de l'époque 10 (0,5112),
# qui sont aussi plus proches de leurs valeurs initiales (distance 1,575, contre 1,918 pour
# ceux de la dernière époque). Comme la perte de validation monte à chaque époque après la
# 10ᵉ, plus la patience est grande, plus les poids de la dernière époque sont mauvais.
#
# ### Exercice 3 — prévoir, puis vérifier (2 points)
#
# Comme la fonction de rappel ne modifie pas l'entraînement avant de l'arrêter, tout
# `EarlyStopping` qui surveille `val_loss` au cours du même entraînement voit les pertes de
# validation de l'entraînement de référence affichées plus haut (arrondies à 4 décimales,
# ce qui suffit ici). Servez-vous-en, avec la règle de la partie 2, pour prévoir ce que font
# deux autres réglages. Tous deux entraînent `build_large()` (même graine) pendant au plus
# 30 époques :
# - **A** : `EarlyStopping(monitor="val_loss", patience=3, min_delta=0.001,
#   restore_best_weights=True)` ;
# - **B** : `EarlyStopping(monitor="val_loss", patience=3, start_from_epoch=10,
#   restore_best_weights=True)` : une collègue, qui craint de s'arrêter trop tôt, ajoute une
#   période d'échauffement.
#
# Pour chaque réglage, prévoyez le nombre d'époques qu'effectue `fit` (`epochs_run_a`,
# `epochs_run_b`) et l'époque, numérotée à partir de 1, dont le modèle détient les poids
# quand `fit` se termine (`restored_epoch_a`, `restored_epoch_b`). Raisonnez époque par
# époque à partir des pertes affichées, sans rien exécuter : la cellule qui suit votre
# réponse entraîne les deux réglages et affiche vos prévisions à côté de ce qu'a fait Keras.
#
# Les tests entraînent de nouveau le réseau (15 époques, même graine), fournissent ses pertes
# de validation à un vrai `EarlyStopping` pour chaque réglage, et vérifient que chacune de vos
# quatre réponses est un entier égal à celui de Keras, exactement ; sinon, ils indiquent de
# combien d'époques vous vous êtes trompé, et dans quel sens. Il n'y a pas de tests cachés.

# %% nbgrader="solution" grade_id="predict_stop"
### BEGIN SOLUTION
# en: A: epochs 2 to 6 each beat the best by more than 0.001; epochs 7 and 8 do not; epoch 9
# en: (0.5115) beats epoch 6 (0.5118) by less than 0.001. That makes 3 epochs without
# en: improvement: training stops after epoch 9, and the best epoch is still 6.
# fr: A : les époques 2 à 6 battent chacune la meilleure valeur de plus de 0,001 ; les époques
# fr: 7 et 8, non ; l'époque 9 (0,5115) ne bat l'époque 6 (0,5118) que de moins de 0,001.
# fr: Cela fait 3 époques sans amélioration : l'entraînement s'arrête après l'époque 9, et la
# fr: meilleure époque reste la 6.
epochs_run_a = 9
restored_epoch_a = 6
# en: B: Keras numbers epochs from 0, so start_from_epoch=10 ignores epochs 1 to 10 counted
# en: from 1, the minimum of epoch 10 included. Epoch 11 (0.5156) is the first one
# en: monitored, hence the best; epochs 12, 13 and 14 are higher: stop after epoch 14.
# fr: B : Keras numérote les époques à partir de 0, donc start_from_epoch=10 ignore les
# fr: époques 1 à 10 numérotées à partir de 1, minimum de l'époque 10 compris. L'époque 11
# fr: (0,5156) est la première surveillée, donc la meilleure ; les époques 12, 13 et 14 sont
# fr: plus hautes : arrêt après l'époque 14.
epochs_run_b = 14
restored_epoch_b = 11
### END SOLUTION

# %%
settings = {
    "A": ({"patience": 3, "min_delta": 0.001}, epochs_run_a, restored_epoch_a),
    "B": ({"patience": 3, "start_from_epoch": 10}, epochs_run_b, restored_epoch_b),
}
for name, (options, run_guess, restored_guess) in settings.items():
    trial_model = build_large()
    trial_stop = keras.callbacks.EarlyStopping(
        monitor="val_loss", restore_best_weights=True, **options
    )
    trial = trial_model.fit(
        x_train,
        y_train,
        validation_data=(x_val, y_val),
        epochs=30,
        batch_size=32,
        callbacks=[trial_stop],
        verbose=0,
    )
    trial_run = len(trial.history["val_loss"])
    trial_restored = trial_stop.best_epoch + 1
    trial_val = trial_model.evaluate(x_val, y_val, verbose=0)
    print(f"{name} {options}")
    print(
        _(en="  epochs run:", fr="  époques effectuées :"),
        trial_run,
        _(en=f"(you predicted {run_guess})", fr=f"(vous aviez prévu {run_guess})"),
    )
    print(
        _(en="  weights of epoch:", fr="  poids de l'époque :"),
        trial_restored,
        _(en=f"(you predicted {restored_guess})", fr=f"(vous aviez prévu {restored_guess})"),
    )
    print(
        _(
            en="  validation loss of the model returned:",
            fr="  perte de validation du modèle rendu :",
        ),
        round(trial_val, 4),
        _(
            en=f"(same as epoch {trial_restored} of the reference:",
            fr=f"(la même qu'à l'époque {trial_restored} de la référence :",
        ),
        f"{bool(np.isclose(trial_val, reference.history['val_loss'][trial_restored - 1], atol=1e-5))})",
    )

# %% nbgrader="tests" grade_id="predict_stop_tests" points=2
# en: Visible tests: run this cell to check your predictions. They train the network of
# en: section 4 again (15 epochs, same seed) and feed its validation losses to a real
# en: EarlyStopping, whose model stands in for the network and records which epoch's
# en: weights it was given back.
# fr: Tests visibles : exécutez cette cellule pour vérifier vos prévisions. Ils entraînent de
# fr: nouveau le réseau de la partie 4 (15 époques, même graine) et fournissent ses pertes de
# fr: validation à un vrai EarlyStopping, dont le modèle tient lieu de réseau et note de quelle
# fr: époque on lui a rendu les poids.
_features, _target = load_diabetes(return_X_y=True)
_features = ((_features - _features.mean(axis=0)) / _features.std(axis=0)).astype("float32")
_target = ((_target - _target.mean()) / _target.std()).astype("float32")
_order = np.random.default_rng(0).permutation(len(_features))
ct.reseed()
_net = keras.Sequential(
    [
        keras.Input((10,)),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(1),
    ]
)
_net.compile(keras.optimizers.Adam(0.001), loss="mse")
_val = _net.fit(
    _features[_order[:120]],
    _target[_order[:120]],
    validation_data=(_features[_order[120:]], _target[_order[120:]]),
    epochs=15,
    batch_size=32,
    verbose=0,
).history["val_loss"]


def _keras_run(**_options):
    _stop = keras.callbacks.EarlyStopping(monitor="val_loss", restore_best_weights=True, **_options)
    _fake = types.SimpleNamespace(stop_training=False, epoch=0, restored=None)
    _fake.get_weights = lambda: _fake.epoch
    _fake.set_weights = lambda _weights: setattr(_fake, "restored", _weights)
    _stop.set_model(_fake)
    _stop.on_train_begin()
    for _index, _value in enumerate(_val):
        _fake.epoch = _index + 1
        _stop.on_epoch_end(_index, {"val_loss": _value})
        if _fake.stop_training:
            break
    _stop.on_train_end()
    return _fake.epoch, _fake.restored


def _off_by(_setting, _what, _guess, _truth):
    _gap = abs(_guess - _truth)
    _plural = "s" if _gap > 1 else ""
    assert _guess == _truth, _(
        en=f"Setting {_setting}: you predicted {_what} {_guess}; Keras: {_truth}, {_gap} "
        f"epoch{_plural} {'earlier' if _truth < _guess else 'later'} than your prediction.",
        fr=f"Réglage {_setting} : vous avez prévu {_what} {_guess} ; Keras : {_truth}, "
        f"{_gap} époque{_plural} {'plus tôt' if _truth < _guess else 'plus tard'} que prévu.",
    )


_a = (ct.plain(epochs_run_a), ct.plain(restored_epoch_a))
_b = (ct.plain(epochs_run_b), ct.plain(restored_epoch_b))
for _guess in (*_a, *_b):
    assert type(_guess) is int, _(
        en=f"Each prediction must be an integer (epochs, or an epoch number), not {_guess!r}.",
        fr=f"Chaque prévision doit être un entier (époques ou numéro d'époque), et non {_guess!r}.",
    )
_run_a, _restored_a = _keras_run(patience=3, min_delta=0.001)
_run_b, _restored_b = _keras_run(patience=3, start_from_epoch=10)
_lowest_a = 1 + int(np.argmin(_val[:_run_a]))
_lowest_b = 1 + int(np.argmin(_val[:_run_b]))
if _a == _keras_run(patience=3) != (_run_a, _restored_a):
    raise AssertionError(
        _(
            en=f"Setting A: {_a} is what patience=3 gives without min_delta. With "
            f"min_delta=0.001, epoch {_run_a} ({_val[_run_a - 1]:.4f}) is not an improvement on "
            f"epoch {_restored_a} ({_val[_restored_a - 1]:.4f}): it would have to be below "
            f"{_val[_restored_a - 1] - 0.001:.4f}.",
            fr=f"Réglage A : {_a} est ce que donne patience=3 sans min_delta. Avec "
            f"min_delta=0.001, l'époque {_run_a} ({_val[_run_a - 1]:.4f}) n'améliore pas "
            f"l'époque {_restored_a} ({_val[_restored_a - 1]:.4f}) : il faudrait descendre sous "
            f"{_val[_restored_a - 1] - 0.001:.4f}.",
        )
    )
if _a[1] == _lowest_a != _restored_a:
    raise AssertionError(
        _(
            en=f"Setting A: epoch {_lowest_a} has the lowest validation loss of the epochs run, "
            "but restore_best_weights gives back the weights of the callback's best epoch: the "
            "last one that counted as an improvement (by more than min_delta), not the lowest "
            "loss seen.",
            fr=f"Réglage A : l'époque {_lowest_a} a la perte de validation la plus basse des "
            "époques effectuées, mais restore_best_weights rend les poids de la meilleure "
            "époque de la fonction de rappel : la dernière qui a compté comme une amélioration "
            "(de plus de min_delta), et non la perte la plus basse rencontrée.",
        )
    )
if _b == _keras_run(patience=3, start_from_epoch=9) != (_run_b, _restored_b):
    raise AssertionError(
        _(
            en=f"Setting B: {_b} is what start_from_epoch=9 would give. Keras numbers epochs "
            "from 0: start_from_epoch=10 ignores the epochs it numbers 0 to 9, that is epochs "
            "1 to 10 counted from 1.",
            fr=f"Réglage B : {_b} est ce que donnerait start_from_epoch=9. Keras numérote les "
            "époques à partir de 0 : start_from_epoch=10 ignore les époques qu'il numérote de "
            "0 à 9, c'est-à-dire les époques 1 à 10 numérotées à partir de 1.",
        )
    )
if _b[1] == _lowest_b != _restored_b:
    raise AssertionError(
        _(
            en=f"Setting B: epoch {_lowest_b} has the lowest validation loss, but it falls in "
            "the warm-up: the callback never compares it with anything, and never saves its "
            "weights.",
            fr=f"Réglage B : l'époque {_lowest_b} a la perte de validation la plus basse, mais "
            "elle tombe dans la période d'échauffement : la fonction de rappel ne la compare "
            "jamais et n'en sauvegarde jamais les poids.",
        )
    )
for _setting, (_run, _restored), (_true_run, _true_restored) in (
    ("A", _a, (_run_a, _restored_a)),
    ("B", _b, (_run_b, _restored_b)),
):
    if _restored == _run != _true_restored:
        raise AssertionError(
            _(
                en=f"Setting {_setting}: with restore_best_weights=True, the model does not keep "
                "the weights of the last epoch it ran: when fit returns, it has been given back "
                "those of the best epoch.",
                fr=f"Réglage {_setting} : avec restore_best_weights=True, le modèle ne garde pas "
                "les poids de la dernière époque effectuée : il récupère ceux de la meilleure "
                "époque.",
            )
        )
    _stops = _(en="that training stops after epoch", fr="un arrêt après l'époque")
    _off_by(_setting, _stops, _run, _true_run)
    _weights = _(en="the weights of epoch", fr="les poids de l'époque")
    _off_by(_setting, _weights, _restored, _true_restored)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))

# %% [markdown] lang="en"
# `patience` trades safety against cost. Validation curves are noisy: with a small patience,
# a single unlucky epoch can stop training before the real minimum; with a large one, we pay
# more epochs (and, without `restore_best_weights`, we keep more overfitted weights).
# `min_delta` says how much smaller a value must be to count as progress. Replaying the
# reference's validation losses shows what other settings would have done:

# %% [markdown] lang="fr"
# `patience` arbitre entre sécurité et coût. Les courbes de validation sont bruitées : avec une
# petite patience, une seule époque malchanceuse peut arrêter l'entraînement avant le vrai
# minimum ; avec une grande, on paie davantage d'époques (et, sans `restore_best_weights`, on
# garde des poids plus surappris). `min_delta` fixe de combien une valeur doit baisser pour
# compter comme un progrès. Rejouer les pertes de validation de la référence montre ce
# qu'auraient fait d'autres réglages :

# %%
reference_val = reference.history["val_loss"]
print(
    f"{'patience':>8} | {'min_delta':>9} | {_(en='epochs run', fr='époques'):>10} | "
    f"{_(en='best epoch', fr='meilleure'):>10} | {_(en='its val. loss', fr='sa perte val.'):>13}"
)
for patience in (2, 5, 10):
    for min_delta in (0.0, 0.001, 0.02):
        run, best_at = replay_early_stopping(reference_val, patience=patience, min_delta=min_delta)
        print(
            f"{patience:>8} | {min_delta:>9} | {run:>10} | {best_at:>10} | "
            f"{reference_val[best_at - 1]:>13.4f}"
        )
print(_(en="differences of validation loss:", fr="écarts de perte de validation :"))
for earlier, later in ((6, 9), (6, 10), (5, 6)):
    print(
        _(en=f"  epoch {earlier} - epoch {later}:", fr=f"  époque {earlier} - époque {later} :"),
        f"{reference_val[earlier - 1] - reference_val[later - 1]:.4f}",
    )

# %% [markdown] lang="en"
# Reading the table (the line `5 | 0.0` is the run above: 15 epochs, best epoch 10):
# - With `patience=2`, the small bump of epochs 7 and 8 (0.5187 and 0.5173, above the 0.5118
#   of epoch 6) is enough to stop training at epoch 8, before the true minimum of epoch 10:
#   the restored weights would be those of epoch 6. A larger patience rides over such bumps.
# - With `min_delta`, small gains stop counting, and the "best" epoch, the one whose weights
#   are restored, becomes the last **significant** improvement rather than the lowest value.
#   With `min_delta=0.001`, epochs 9 and 10 (0.5115 and 0.5112) beat the 0.5118 of epoch 6
#   by only 0.0003 and 0.0006, less than 0.001: the best stays epoch 6 and, with
#   `patience=5`, training stops 5 epochs later, at epoch 11. With `min_delta=0.02`, even
#   epoch 6 does not count (it beats epoch 5 by 0.0030).
#
# `min_delta` is useful when the monitored value keeps creeping down by amounts that do not
# justify more epochs; choose it smaller than the differences you care about.

# %% [markdown] lang="fr"
# Lecture du tableau (la ligne `5 | 0.0` est l'entraînement ci-dessus : 15 époques, meilleure
# époque 10) :
# - Avec `patience=2`, la petite bosse des époques 7 et 8 (0,5187 et 0,5173, au-dessus du
#   0,5118 de l'époque 6) suffit à arrêter l'entraînement à l'époque 8, avant le vrai minimum
#   de l'époque 10 : les poids restaurés seraient ceux de l'époque 6. Une patience plus grande
#   passe par-dessus de telles bosses.
# - Avec `min_delta`, les petits gains ne comptent plus, et la « meilleure » époque, celle
#   dont les poids sont restaurés, devient la dernière amélioration **significative** plutôt
#   que la valeur la plus basse. Avec `min_delta=0.001`, les époques 9 et 10 (0,5115 et
#   0,5112) ne battent le 0,5118 de l'époque 6 que de 0,0003 et 0,0006, moins que 0,001 : la
#   meilleure reste l'époque 6 et, avec `patience=5`, l'entraînement s'arrête 5 époques plus
#   tard, à l'époque 11. Avec `min_delta=0.02`, même l'époque 6 ne compte pas (elle ne bat
#   l'époque 5 que de 0,0030).
#
# `min_delta` est utile quand la valeur surveillée continue de baisser par petites quantités
# qui ne justifient pas de nouvelles époques ; choisissez-le plus petit que les écarts qui
# comptent pour vous.

# %% [markdown] lang="en"
# ### Written question (2 points, graded by hand)
#
# A classmate trains the large network of section 4 with
# `EarlyStopping(monitor="loss", patience=5)`: the **training** loss, and no
# `restore_best_weights`. Using the curves and numbers of section 4, say what would happen
# and why `val_loss` is the quantity to monitor. Then explain what `restore_best_weights=True`
# changed in the run of section 4 (quote the two validation losses printed).

# %% [markdown] lang="fr"
# ### Question rédigée (2 points, corrigée à la main)
#
# Un camarade entraîne le grand réseau de la partie 4 avec
# `EarlyStopping(monitor="loss", patience=5)` : la perte d'**entraînement**, et sans
# `restore_best_weights`. À l'aide des courbes et des chiffres de la partie 4, dites ce qui se
# passerait et pourquoi `val_loss` est la quantité à surveiller. Expliquez ensuite ce que
# `restore_best_weights=True` a changé dans l'entraînement de la partie 4 (citez les deux
# pertes de validation affichées).

# %% [markdown] lang="en" nbgrader="manual" grade_id="monitor_and_restore" points=2
# The training loss falls at every epoch of the reference run, so a callback watching it
# would never find `patience` epochs without improvement: training would go on to the last
# epoch and the network would overfit, as the reference's curves show (validation loss
# 0.6114 at epoch 30 against 0.5112 at epoch 10). The training loss measures how well the network fits
# its 120 training patients, noise included; the validation loss estimates the error on
# patients it has never seen, which is what we want to minimize, and it is the curve that
# turns up when overfitting starts. So `val_loss` is the quantity to monitor.
# In section 4, training stopped at epoch 15, five epochs of patience after the best epoch
# (10). The weights of the last epoch give a validation loss of 0.5328; with
# `restore_best_weights=True` the callback put back those of epoch 10, whose validation loss
# is 0.5112. Without it, the model would keep weights that are already `patience` epochs into
# overfitting.

# %% [markdown] lang="fr" nbgrader="manual" grade_id="monitor_and_restore" points=2
# La perte d'entraînement baisse à chaque époque de l'entraînement de référence : une
# fonction de rappel qui la surveille ne trouverait jamais `patience` époques sans
# amélioration. L'entraînement irait jusqu'à la dernière époque et le réseau surapprendrait,
# comme le montrent les courbes de la référence (perte de validation 0,6114 à l'époque 30
# contre 0,5112 à l'époque 10). La perte d'entraînement mesure à quel point le réseau colle à ses
# 120 patients d'entraînement, bruit compris ; la perte de validation estime l'erreur sur des
# patients qu'il n'a jamais vus, c'est-à-dire ce que l'on veut minimiser, et c'est elle qui
# remonte quand le surapprentissage commence. C'est donc `val_loss` qu'il faut surveiller.
# Dans la partie 4, l'entraînement s'est arrêté à l'époque 15, cinq époques de patience après
# la meilleure (la 10ᵉ). Les poids de la dernière époque donnent une perte de validation de
# 0,5328 ; avec `restore_best_weights=True`, la fonction de rappel a remis ceux de
# l'époque 10, dont la perte de validation vaut 0,5112. Sans cette option, le modèle
# garderait des poids qui ont déjà `patience` époques de surapprentissage.

# %% [markdown] lang="en"
# ## Key points
# - `EarlyStopping` compares each epoch with the **best** value so far, not with the previous
#   epoch; the first monitored epoch is always the best (since Keras 3.7). It stops at the end
#   of the epoch where the number of epochs without improvement reaches `patience`
#   (`patience=0` acts like 1); an improving epoch never stops training.
# - In `'min'` mode an epoch improves if `current + |min_delta| < best`, strictly; otherwise
#   the best value is not updated. After the first epoch, NaN and `inf` are never
#   improvements, and a NaN first value can never be beaten. `baseline` keeps the counter
#   running until the baseline is beaten; `start_from_epoch=k` ignores the epochs Keras
#   numbers 0 to k − 1, and their weights are never restored. `stopped_epoch` and
#   `best_epoch` count from 0.
# - With `restore_best_weights=True`, the model gets back the weights of the callback's best
#   epoch: the last epoch that improved by more than `min_delta`, which is not always the
#   lowest value seen.
# - The documentation's example stops after 4 epochs because it diverges: with inputs up to
#   99 and a learning rate of 0.01, each SGD step multiplies the error of its example by a
#   factor between −3.94 and −320.74. Scale the inputs to values close to 1 and pick a
#   learning rate a few times below the stability limit; to stop a run that diverges,
#   `TerminateOnNaN` is the dedicated callback.
# - As a regularizer: monitor `val_loss`, give a patience of a few epochs to ride over noise,
#   and set `restore_best_weights=True` so that the model you keep is the best one, not the
#   one `patience` epochs later.
#
# Next lesson: batch normalization.

# %% [markdown] lang="fr"
# ## À retenir
# - `EarlyStopping` compare chaque époque à la **meilleure** valeur vue jusque-là, et non à
#   l'époque précédente ; la première époque surveillée est toujours la meilleure (depuis
#   Keras 3.7). Il arrête l'entraînement à la fin de l'époque où le nombre d'époques sans
#   amélioration atteint `patience` (`patience=0` équivaut à 1) ; une époque qui améliore
#   n'arrête jamais l'entraînement.
# - En mode `'min'`, une époque améliore si `current + |min_delta| < best`, strictement ;
#   sinon la meilleure valeur n'est pas mise à jour. Après la première époque, NaN et `inf`
#   ne sont jamais des améliorations, et une première valeur NaN ne peut jamais être battue.
#   `baseline` laisse courir le compteur tant que ce seuil n'est pas battu ;
#   `start_from_epoch=k` ignore les époques que Keras numérote de 0 à k − 1, et leurs poids
#   ne sont jamais restaurés. `stopped_epoch` et `best_epoch` sont numérotés à partir de 0.
# - Avec `restore_best_weights=True`, le modèle récupère les poids de la meilleure époque de
#   la fonction de rappel : la dernière qui a amélioré de plus de `min_delta`, qui n'est pas
#   toujours celle de la valeur la plus basse.
# - L'exemple de la documentation s'arrête après 4 époques parce qu'il diverge : avec des
#   entrées allant jusqu'à 99 et un taux d'apprentissage de 0,01, chaque pas de SGD multiplie
#   l'erreur de son exemple par un facteur compris entre −3,94 et −320,74. Ramenez les
#   entrées à des valeurs proches de 1 et choisissez un taux d'apprentissage quelques fois
#   inférieur à la limite de stabilité ; pour interrompre un entraînement qui diverge, la
#   fonction de rappel prévue pour cela est `TerminateOnNaN`.
# - Comme régularisation : surveillez `val_loss`, donnez une patience de quelques époques pour
#   passer par-dessus le bruit, et fixez `restore_best_weights=True` pour garder le meilleur
#   modèle, et non celui de `patience` époques plus tard.
#
# Leçon suivante : la normalisation par lots.
