# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] lang="en"
# # Lesson 7 — Learning-rate schedules
#
# **Goal.** By the end of this lesson you can (1) explain why lowering the learning rate
# during training helps: large steps while the weights are far from a good solution, small
# steps to settle once they are close; (2) lower it by hand, epoch by epoch, with the
# `LearningRateScheduler` callback, knowing exactly what Keras passes to your function and
# where it records the rate it used; (3) get the same schedule from Keras' built-in
# schedules, which count optimizer **steps**, not epochs; (4) relate the noise of
# large-rate SGD to regularization.

# %% [markdown] lang="fr"
# # Leçon 7 — Les calendriers de taux d'apprentissage
#
# **Objectif.** À la fin de cette leçon, vous saurez (1) expliquer pourquoi il est utile de
# baisser le taux d'apprentissage au cours de l'entraînement : de grands pas tant que les
# poids sont loin d'une bonne solution, de petits pas pour s'y poser une fois qu'ils en sont
# proches ; (2) le baisser vous-même, époque par époque, avec la fonction de rappel
# (*callback*) `LearningRateScheduler`, en sachant exactement ce que Keras transmet à votre
# fonction et où il enregistre le taux utilisé ; (3) obtenir le même calendrier avec les
# calendriers intégrés à Keras, qui comptent des **pas** de l'optimiseur et non des époques ;
# (4) relier le bruit de la SGD à grand taux d'apprentissage à la régularisation.

# %%
import coursetools as ct  # first: it quiets TensorFlow before TensorFlow loads

ct.setup(_(en="en", fr="fr"))

import math

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes

# %% [markdown] lang="en"
# ## 1. Why change the learning rate during training?
#
# Stochastic gradient descent (SGD) updates the weights after every batch:
#
# $$w \leftarrow w - \eta\, \nabla L_{\text{batch}}(w)$$
#
# where $\eta$ is the learning rate. The gradient of one batch is the gradient of the whole
# training set **plus noise**, because each batch holds only a few examples.
# - Far from a minimum, the true gradient is large and dominates the noise: a large $\eta$
#   makes fast progress, a small one wastes epochs.
# - Close to a minimum, the true gradient shrinks towards zero but the noise does not: the
#   weights keep jumping around the minimum by an amount that grows with $\eta$ (and
#   shrinks with the batch size). The loss stops decreasing at a *noise floor* that lies
#   above the minimum.
#
# A **schedule** changes $\eta$ during training to get both: a large rate at first, a small
# one at the end. The simplest is **step decay**: keep the rate constant for a number of
# epochs, then divide it by a fixed factor, and repeat.

# %% [markdown] lang="fr"
# ## 1. Pourquoi changer le taux d'apprentissage pendant l'entraînement ?
#
# La descente de gradient stochastique (SGD) met à jour les poids après chaque lot :
#
# $$w \leftarrow w - \eta\, \nabla L_{\text{lot}}(w)$$
#
# où $\eta$ est le taux d'apprentissage. Le gradient calculé sur un lot est le gradient sur
# tout le jeu d'entraînement **plus du bruit**, puisque chaque lot ne contient que quelques
# exemples.
# - Loin d'un minimum, le vrai gradient est grand et l'emporte sur le bruit : un grand
#   $\eta$ progresse vite, un petit gaspille des époques.
# - Près d'un minimum, le vrai gradient tend vers zéro, mais pas le bruit : les poids
#   continuent de sauter autour du minimum, d'autant plus loin que $\eta$ est grand (et que
#   le lot est petit). La perte cesse de baisser à un *plancher de bruit* situé au-dessus du
#   minimum.
#
# Un **calendrier** (*schedule*) modifie $\eta$ au cours de l'entraînement pour avoir les
# deux : un grand taux au début, un petit à la fin. Le plus simple est la **décroissance
# par paliers** (*step decay*) : on garde le taux constant pendant un certain nombre
# d'époques, puis on le divise par un facteur fixe, et on recommence.

# %% [markdown] lang="en"
# ## 2. The `LearningRateScheduler` callback
#
# We use the *diabetes* data of lesson 1 (10 standardized measurements, disease progression
# as target), this time with 300 patients for training and the other 142 for validation,
# and a small network with one hidden layer of 16 units.

# %% [markdown] lang="fr"
# ## 2. La fonction de rappel `LearningRateScheduler`
#
# Nous reprenons les données *diabetes* de la leçon 1 (10 mesures standardisées, la
# progression de la maladie comme cible), cette fois avec 300 patients pour l'entraînement
# et les 142 autres pour la validation, et un petit réseau à une couche cachée de 16 unités.

# %%
features, target = load_diabetes(return_X_y=True)
features = ((features - features.mean(axis=0)) / features.std(axis=0)).astype("float32")
target = ((target - target.mean()) / target.std()).astype("float32")
order = np.random.default_rng(0).permutation(len(features))
x_train, y_train = features[order[:300]], target[order[:300]]
x_val, y_val = features[order[300:]], target[order[300:]]
print(_(en="training set:  ", fr="entraînement :"), x_train.shape)
print(_(en="validation set:", fr="validation :  "), x_val.shape)


def make_model():
    ct.reseed()
    return keras.Sequential(
        [keras.Input((10,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)]
    )


# %% [markdown] lang="en"
# `keras.callbacks.LearningRateScheduler(schedule)` calls `schedule(epoch, lr)` at the
# **start** of every epoch and sets the optimizer's rate to the float it returns. Rather than
# trust a tutorial about what `epoch` and `lr` are, let us record them: the function below
# returns 0.1 for three epochs, then 0.01, and writes down every call. The optimizer is
# created with the rate 0.5, on purpose.

# %% [markdown] lang="fr"
# `keras.callbacks.LearningRateScheduler(schedule)` appelle `schedule(epoch, lr)` au
# **début** de chaque époque et donne à l'optimiseur le taux (un flottant) qu'elle renvoie.
# Plutôt que de croire un tutoriel sur ce que valent `epoch` et `lr`, enregistrons-les : la
# fonction ci-dessous renvoie 0,1 pendant trois époques, puis 0,01, et note chaque appel.
# L'optimiseur est créé avec le taux 0,5, exprès.

# %%
calls = []


def drop_once(epoch, lr):
    calls.append((epoch, lr))
    return 0.1 if epoch < 3 else 0.01


model = make_model()
model.compile(keras.optimizers.SGD(learning_rate=0.5), loss="mse")
history = model.fit(
    x_train,
    y_train,
    epochs=5,
    batch_size=32,
    verbose=0,
    callbacks=[keras.callbacks.LearningRateScheduler(drop_once)],
)
for epoch, lr in calls:
    print(_(en=f"call: epoch={epoch}, lr={lr!r}", fr=f"appel : epoch={epoch}, lr={lr!r}"))
print(_(en="history keys:", fr="clés de l'historique :"), sorted(history.history))
print(
    _(en="rates used:", fr="taux utilisés :"),
    [round(rate, 6) for rate in history.history["learning_rate"]],
)

# %% [markdown] lang="en"
# What we measured, in Keras 3:
# - `epoch` is counted **from 0**: the first epoch is epoch 0, the fifth is epoch 4. So
#   "switch to 0.01 from the fourth epoch on" is `epoch < 3`, not `epoch < 4`.
# - `lr` is the rate the optimizer holds when the epoch starts: at epoch 0 the rate given
#   to the optimizer (0.5, which is therefore never used for any step), afterwards the value
#   returned at the previous epoch. It comes back as `0.10000000149011612`, not `0.1`: the
#   optimizer stores it in float32. Compare rates with `np.isclose`, never with `==`.
# - The callback adds the rate of every epoch to the history under the key
#   **`"learning_rate"`** (without the callback, a plain `fit` records only the losses).
# - The function must return a float (Python `float`, `np.float32` or `np.float64`):
#   returning the integer `1` makes Keras raise
#   `ValueError: The output of the schedule function should be a float`.

# %% [markdown] lang="fr"
# Ce que nous avons mesuré, avec Keras 3 :
# - `epoch` est numérotée **à partir de 0** : la première époque est l'époque 0, la
#   cinquième l'époque 4. « Passer à 0,01 à partir de la quatrième époque » s'écrit donc
#   `epoch < 3`, et non `epoch < 4`.
# - `lr` est le taux que détient l'optimiseur au début de l'époque : à l'époque 0, celui
#   donné à l'optimiseur (0,5, qui ne sert donc à aucun pas), ensuite la valeur renvoyée à
#   l'époque précédente. Il revient sous la forme `0.10000000149011612` et non `0.1` :
#   l'optimiseur le stocke en float32. Comparez des taux avec `np.isclose`, jamais avec `==`.
# - La fonction de rappel ajoute le taux de chaque époque à l'historique, sous la clé
#   **`"learning_rate"`** (sans elle, un simple `fit` n'enregistre que les pertes).
# - La fonction doit renvoyer un flottant (`float` de Python, `np.float32` ou `np.float64`) :
#   renvoyer l'entier `1` fait lever à Keras
#   `ValueError: The output of the schedule function should be a float`.

# %% [markdown] lang="en"
# ## 3. Constant rate versus step decay
#
# We now train the same network for 30 epochs with plain SGD (batches of 32) three times:
# - a **large constant** rate, 0.15;
# - **step decay**: 0.15 during epochs 0–9, then 0.075 during epochs 10–19, then 0.0375;
# - a **small constant** rate, 0.0375, the final rate of the step decay, from the start.

# %% [markdown] lang="fr"
# ## 3. Taux constant contre décroissance par paliers
#
# Nous entraînons maintenant trois fois le même réseau pendant 30 époques, avec une SGD
# simple (lots de 32) :
# - un **grand taux constant**, 0,15 ;
# - une **décroissance par paliers** : 0,15 pendant les époques 0 à 9, puis 0,075 pendant
#   les époques 10 à 19, puis 0,0375 ;
# - un **petit taux constant**, 0,0375, le taux final de la décroissance par paliers, dès
#   le départ.


# %%
def three_steps(epoch, lr):
    if epoch < 10:
        return 0.15
    if epoch < 20:
        return 0.075
    return 0.0375


def train(schedule, epochs=30):
    model = make_model()
    model.compile(keras.optimizers.SGD(learning_rate=0.15), loss="mse")
    return model.fit(
        x_train,
        y_train,
        validation_data=(x_val, y_val),
        epochs=epochs,
        batch_size=32,
        verbose=0,
        callbacks=[keras.callbacks.LearningRateScheduler(schedule)],
    )


runs = {
    _(en="constant 0.15", fr="constant 0,15"): train(lambda epoch, lr: 0.15),
    _(en="step decay", fr="par paliers"): train(three_steps),
    _(en="constant 0.0375", fr="constant 0,0375"): train(lambda epoch, lr: 0.0375),
}
print(
    f"{'':>15} | {_(en='epoch', fr='époque'):>6} | {_(en='rate', fr='taux'):>6} | "
    f"{_(en='train', fr='entr.'):>6} | {_(en='val.', fr='val.'):>6}"
)
for name, run in runs.items():
    h = run.history
    for epoch in (0, 9, 10, 19, 20, 29):
        print(
            f"{name:>15} | {epoch:6d} | {h['learning_rate'][epoch]:6.4f} | "
            f"{h['loss'][epoch]:6.3f} | {h['val_loss'][epoch]:6.3f}"
        )

# %%
fig, axes = plt.subplots(1, 2, figsize=(9, 3.4))
for index, (name, run) in enumerate(runs.items()):
    h = run.history
    epochs = np.arange(len(h["loss"]))
    style = {"color": f"C{index}", "lw": 3.0 - index}  # thinner on top: overlaps stay visible
    axes[0].step(epochs, h["learning_rate"], where="post", label=name, **style)
    axes[1].plot(epochs, h["loss"], "--", **style)
    axes[1].plot(epochs, h["val_loss"], "-", label=name, **style)
axes[0].set_xlabel(_(en="epoch (from 0)", fr="époque (à partir de 0)"))
axes[0].set_ylabel(_(en="learning rate", fr="taux d'apprentissage"))
axes[0].set_title(_(en="Rate used at each epoch", fr="Taux utilisé à chaque époque"))
axes[0].legend(fontsize="small")
axes[1].set_xlabel(_(en="epoch (from 0)", fr="époque (à partir de 0)"))
axes[1].set_ylabel(_(en="loss (MSE)", fr="perte (EQM)"))
axes[1].set_title(
    _(
        en="Loss (dashed: training, solid: validation)",
        fr="Perte (tirets : entraînement, trait plein : validation)",
    ),
    fontsize="medium",
)
axes[1].set_ylim(0.35, 0.7)
axes[1].legend(fontsize="small")
fig.tight_layout()
plt.show()

# %% [markdown] lang="en"
# To compare the end of the three runs, we also measure how much the validation loss moves
# from one epoch to the next over the last 10 epochs (its standard deviation): it measures
# how far the weights are still jumping around.

# %% [markdown] lang="fr"
# Pour comparer la fin des trois entraînements, nous mesurons aussi de combien la perte de
# validation varie d'une époque à l'autre sur les 10 dernières époques (son écart type) :
# cela mesure à quel point les poids sautent encore.

# %%
print(
    f"{'':>15} | {_(en='val. ep. 0', fr='val. ép. 0'):>10} | {_(en='final train', fr='entr. finale'):>12} | "
    f"{_(en='final val.', fr='val. finale'):>11} | {_(en='std last 10', fr='écart type 10'):>13}"
)
for name, run in runs.items():
    h = run.history
    print(
        f"{name:>15} | {h['val_loss'][0]:10.4f} | {h['loss'][-1]:12.4f} | "
        f"{h['val_loss'][-1]:11.4f} | {np.std(h['val_loss'][-10:]):13.4f}"
    )

# %% [markdown] lang="en"
# Reading the figure and the tables:
# - During epochs 0–9, the step decay run *is* the large constant run (same rate, same
#   seed, identical numbers). Both start much faster than the small constant rate: after the
#   first epoch their validation loss is already well below the small rate's.
# - The large constant rate then stalls: its training loss creeps down, but its validation
#   loss wanders and ends higher than where it was after a few epochs, with the largest
#   epoch-to-epoch fluctuation. This is the noise floor, plus some overfitting.
# - At epoch 10, when the step decay halves its rate, **both** of its losses drop at once,
#   and again at epoch 20, a little: a smaller rate means smaller jumps, so the weights
#   settle closer to the bottom of the valley they have reached. This staircase shape of the
#   loss is the signature of step decay.
# - The small constant rate ends close to the step decay, but it spent its first epochs
#   crawling; on a longer or harder problem this slow start costs much more.

# %% [markdown] lang="fr"
# Lecture de la figure et des tableaux :
# - Pendant les époques 0 à 9, l'entraînement par paliers *est* l'entraînement à grand
#   taux constant (même taux, même graine, chiffres identiques). Tous deux démarrent bien
#   plus vite que le petit taux constant : après la première époque, leur perte de validation
#   est déjà nettement en dessous.
# - Le grand taux constant plafonne ensuite : sa perte d'entraînement baisse lentement,
#   mais sa perte de validation erre et finit plus haut qu'après quelques époques, avec les
#   plus fortes variations d'une époque à l'autre. C'est le plancher de bruit, plus un peu de
#   surapprentissage.
# - À l'époque 10, quand la décroissance par paliers divise son taux par deux, ses **deux**
#   pertes chutent d'un coup, puis encore un peu à l'époque 20 : un taux plus petit signifie
#   des sauts plus petits, donc des poids qui se posent plus près du fond de la vallée
#   atteinte. Cette forme en escalier de la perte est la signature de la décroissance par
#   paliers.
# - Le petit taux constant finit près de la décroissance par paliers, mais il a passé ses
#   premières époques à se traîner ; sur un problème plus long ou plus difficile, ce départ
#   lent coûte bien plus cher.

# %% [markdown] lang="en"
# ### Exercise 1 — step decay for any number of epochs (3 points)
#
# `three_steps` above only works for 30 epochs. Write `step_decay(epoch, lr)`, a schedule
# for `LearningRateScheduler` that starts at `INITIAL_RATE = 0.1` and **halves the rate
# every 10 epochs, for ever**: epochs 0–9 use 0.1, epochs 10–19 use 0.05, epochs 20–29 use
# 0.025, and so on (epochs counted from 0, as Keras passes them).
#
# Compute the rate from `INITIAL_RATE` and `epoch` only, and **ignore `lr`**. A formula of
# the epoch gives the right rate whatever rate the optimizer was created with, and whether
# the function is called once or many times per epoch; multiplying `lr` by 0.5 at the right
# epochs depends on every previous call having happened exactly once. Return a float.
#
# The tests call your function directly, then train a small model with it and check the
# rates in `history.history["learning_rate"]`.

# %% [markdown] lang="fr"
# ### Exercice 1 — une décroissance par paliers pour n'importe quelle durée (3 points)
#
# La fonction `three_steps` ci-dessus ne vaut que pour 30 époques. Écrivez
# `step_decay(epoch, lr)`, un calendrier pour `LearningRateScheduler` qui part de
# `INITIAL_RATE = 0.1` et **divise le taux par deux toutes les 10 époques, indéfiniment** :
# les époques 0 à 9 utilisent 0,1, les époques 10 à 19 utilisent 0,05, les époques 20 à 29
# utilisent 0,025, et ainsi de suite (époques numérotées à partir de 0, comme les transmet
# Keras).
#
# Calculez le taux à partir de `INITIAL_RATE` et de `epoch` seulement, et **ignorez `lr`**.
# Une formule en fonction de l'époque donne le bon taux quel que soit le taux avec lequel
# l'optimiseur a été créé, et que la fonction soit appelée une ou plusieurs fois par
# époque ; multiplier `lr` par 0,5 aux bonnes époques suppose que chaque appel précédent a
# eu lieu exactement une fois. Renvoyez un flottant.
#
# Les tests appellent directement votre fonction, puis entraînent un petit modèle avec elle
# et vérifient les taux de `history.history["learning_rate"]`.

# %%
INITIAL_RATE = 0.1


# %% nbgrader="solution" grade_id="step_decay"
def step_decay(epoch, lr):
    ### BEGIN SOLUTION
    return INITIAL_RATE * 0.5 ** (epoch // 10)
    ### END SOLUTION


# %% nbgrader="tests" grade_id="step_decay_tests" points=3
# Visible tests: run this cell to check your function.
_expected = [0.1 * 0.5 ** (_e // 10) for _e in range(35)]
_first = step_decay(0, 0.1)
assert isinstance(_first, (float, np.float32)), _(
    en=f"step_decay must return a float (Keras refuses anything else), not {type(_first).__name__}.",
    fr=f"step_decay doit renvoyer un flottant (Keras refuse tout autre type), et non {type(_first).__name__}.",
)
assert np.isclose(_first, 0.1), _(
    en=f"At epoch 0 the rate must be INITIAL_RATE = 0.1, not {_first}.",
    fr=f"À l'époque 0, le taux doit valoir INITIAL_RATE = 0.1, et non {_first}.",
)
# Call it the way Keras does: lr is the rate returned at the previous epoch, in float32.
_got, _lr = [], 0.1
for _e in range(35):
    _got.append(float(step_decay(_e, _lr)))
    _lr = float(np.float32(_got[-1]))
if 0.05 * 1.001 < _got[5] < 0.1 * 0.999:
    raise AssertionError(
        _(
            en=f"Epoch 5 gives {_got[5]:.4f}, between 0.05 and 0.1: the rate must stay on steps. "
            "Use integer division, epoch // 10, not epoch / 10.",
            fr=f"L'époque 5 donne {_got[5]:.4f}, entre 0,05 et 0,1 : le taux doit rester par paliers. "
            "Utilisez la division entière, epoch // 10, et non epoch / 10.",
        )
    )
_drop = next((_e for _e in range(35) if _got[_e] < 0.1 * 0.999), None)
if _drop == 9:
    raise AssertionError(
        _(
            en="Off by one: your rate is halved at epoch 9, one epoch too early. Keras counts "
            "epochs from 0, so epochs 0-9 are the first ten and the first halving is at epoch "
            "10: use epoch // 10, not (epoch + 1) // 10.",
            fr="Décalage d'une époque : votre taux est divisé par deux à l'époque 9, une époque "
            "trop tôt. Keras numérote les époques à partir de 0 : les époques 0 à 9 sont les dix "
            "premières et la première division a lieu à l'époque 10. Utilisez epoch // 10, et non (epoch + 1) // 10.",
        )
    )
if _drop == 11:
    raise AssertionError(
        _(
            en="Off by one: your rate is halved at epoch 11, one epoch too late. Epochs are "
            "counted from 0, so epoch 10 is the eleventh epoch and already uses 0.05: use "
            "epoch // 10, without subtracting 1 and with >= 10 rather than > 10.",
            fr="Décalage d'une époque : votre taux est divisé par deux à l'époque 11, une époque "
            "trop tard. Les époques sont numérotées à partir de 0 : l'époque 10 est la onzième "
            "et utilise déjà 0,05. Utilisez epoch // 10, sans retrancher 1, et >= 10 plutôt que > 10.",
        )
    )
if _drop is not None and _drop < 9:
    raise AssertionError(
        _(
            en=f"Your rate already changes at epoch {_drop}: it must stay at 0.1 for epochs 0-9 "
            "and change only once every 10 epochs (epoch // 10).",
            fr=f"Votre taux change dès l'époque {_drop} : il doit rester à 0,1 pendant les "
            "époques 0 à 9 et ne changer qu'une fois toutes les 10 époques (epoch // 10).",
        )
    )
assert _drop == 10, _(
    en=f"The first halving must happen at epoch 10; yours happens at epoch {_drop}.",
    fr=f"La première division par deux doit avoir lieu à l'époque 10 ; la vôtre a lieu à l'époque {_drop}.",
)
if _got[11] < 0.05 * 0.999:
    raise AssertionError(
        _(
            en=f"The rate keeps falling after epoch 10 (epoch 11 gives {_got[11]:.4f}, not 0.05): "
            "your function halves the lr it receives at every call, so the halvings compound. "
            "Compute the rate from INITIAL_RATE and epoch instead.",
            fr=f"Le taux continue de baisser après l'époque 10 (l'époque 11 donne {_got[11]:.4f}, "
            "et non 0,05) : votre fonction divise par deux le lr reçu à chaque appel, et les "
            "divisions s'accumulent. Calculez plutôt le taux à partir de INITIAL_RATE et de epoch.",
        )
    )
assert np.allclose(_got, _expected, rtol=1e-6), _(
    en=f"Wrong rates; expected {[round(_r, 5) for _r in _expected]}, got {[round(_r, 5) for _r in _got]}.",
    fr=f"Taux erronés ; attendu {[round(_r, 5) for _r in _expected]}, obtenu {[round(_r, 5) for _r in _got]}.",
)
assert np.isclose(step_decay(15, 0.3), 0.05) and np.isclose(step_decay(3, 0.001), 0.1), _(
    en="Your result depends on the lr argument: step_decay(15, 0.3) must give 0.05 and "
    "step_decay(3, 0.001) must give 0.1. Compute the rate from INITIAL_RATE and epoch only.",
    fr="Votre résultat dépend de l'argument lr : step_decay(15, 0.3) doit donner 0,05 et "
    "step_decay(3, 0.001) doit donner 0,1. Calculez le taux à partir de INITIAL_RATE et de epoch seulement.",
)
# Now the rates Keras really used during training.
ct.reseed()
_x = np.random.default_rng(3).normal(size=(16, 2)).astype("float32")
_model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
_model.compile(keras.optimizers.SGD(learning_rate=0.1), loss="mse")
_history = _model.fit(
    _x,
    _x.sum(axis=1),
    epochs=22,
    batch_size=16,
    verbose=0,
    callbacks=[keras.callbacks.LearningRateScheduler(step_decay)],
)
_used = _history.history["learning_rate"]
assert np.allclose(_used, _expected[:22], rtol=1e-6), _(
    en=f"The rates Keras used, {[round(_r, 5) for _r in _used]}, differ from the expected ones.",
    fr=f"Les taux utilisés par Keras, {[round(_r, 5) for _r in _used]}, diffèrent des taux attendus.",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
# Epochs and rates drawn at grading time: the first and last epoch of some plateaus, and others.
_rng = np.random.default_rng(ct.fresh_seed())
_tens = 10 * _rng.choice(np.arange(1, 20), size=6, replace=False)
_epochs = [0, *_tens[:3], *(_tens[3:] - 1), *_rng.integers(0, 200, size=4)]
for _e in _epochs:
    _e, _lr = int(_e), float(10 ** _rng.uniform(-4, 0))
    _r = step_decay(_e, _lr)
    assert isinstance(_r, (float, np.float32)), type(_r)
    assert np.isclose(_r, 0.1 * 0.5 ** (_e // 10), rtol=1e-6, atol=0), (_e, _lr, _r)
ct.reseed()
_model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
_model.compile(keras.optimizers.SGD(learning_rate=0.7), loss="mse")
_history = _model.fit(
    _x,
    _x.sum(axis=1),
    epochs=12,
    batch_size=16,
    verbose=0,
    callbacks=[keras.callbacks.LearningRateScheduler(step_decay)],
)
assert np.allclose(_history.history["learning_rate"], _expected[:12], rtol=1e-6)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## 4. Built-in schedules count optimizer steps
#
# The modern alternative to the callback is to give the optimizer a **schedule object**
# instead of a number: `keras.optimizers.SGD(learning_rate=schedule)`. The optimizer then
# asks the schedule for the rate **before every update**, passing its step counter
# `optimizer.iterations`, which starts at 0 and grows by one per batch and never restarts at
# an epoch boundary. So the schedule's argument is a number of **steps** (batches), not of
# epochs, and converting an epoch schedule needs the number of steps per epoch:
#
# $$\text{steps\_per\_epoch} = \lceil \text{training examples} / \text{batch size} \rceil$$
#
# rounded **up**, because the last, incomplete batch is a step too. Epoch $e$ (from 0) runs
# the steps $e \cdot \text{steps\_per\_epoch}$ to $(e+1) \cdot \text{steps\_per\_epoch} - 1$.

# %% [markdown] lang="fr"
# ## 4. Les calendriers intégrés comptent des pas de l'optimiseur
#
# L'alternative moderne à la fonction de rappel consiste à donner à l'optimiseur un **objet
# calendrier** au lieu d'un nombre : `keras.optimizers.SGD(learning_rate=schedule)`.
# L'optimiseur demande alors le taux au calendrier **avant chaque mise à jour**, en lui
# passant son compteur de pas `optimizer.iterations`, qui part de 0, augmente de un à chaque
# lot et ne repart jamais de zéro au début d'une époque. L'argument du calendrier est donc un
# nombre de **pas** (de lots), et non d'époques ; pour convertir un calendrier en époques, il
# faut le nombre de pas par époque :
#
# $$\text{pas\_par\_époque} = \lceil \text{exemples d'entraînement} / \text{taille du lot} \rceil$$
#
# arrondi **au-dessus**, car le dernier lot, incomplet, est un pas lui aussi. L'époque $e$
# (à partir de 0) va du pas $e \cdot \text{pas\_par\_époque}$ au pas
# $(e+1) \cdot \text{pas\_par\_époque} - 1$.

# %%
steps_per_epoch = math.ceil(len(x_train) / 32)
print(
    _(en="steps per epoch:", fr="pas par époque :"),
    steps_per_epoch,
    _(en=f"({len(x_train)} examples, batches of 32)", fr=f"({len(x_train)} exemples, lots de 32)"),
)

# %% [markdown] lang="en"
# `ExponentialDecay(initial_learning_rate, decay_steps, decay_rate, staircase=False)`
# returns `initial_learning_rate * decay_rate ** (step / decay_steps)`. With the default
# `staircase=False` the exponent is a fraction, so the rate shrinks a little at **every
# step**; with `staircase=True` the exponent is rounded down, `step // decay_steps`, which
# gives steps. Halving every 10 epochs is therefore `decay_rate=0.5` with
# `decay_steps = 10 * steps_per_epoch`:

# %% [markdown] lang="fr"
# `ExponentialDecay(initial_learning_rate, decay_steps, decay_rate, staircase=False)`
# renvoie `initial_learning_rate * decay_rate ** (step / decay_steps)`. Avec
# `staircase=False` (la valeur par défaut), l'exposant est fractionnaire et le taux diminue
# un peu à **chaque pas** ; avec `staircase=True`, l'exposant est arrondi à l'entier
# inférieur, `step // decay_steps`, ce qui donne des paliers. Diviser par deux toutes les
# 10 époques s'écrit donc `decay_rate=0.5` avec `decay_steps = 10 * steps_per_epoch` :

# %%
schedules = keras.optimizers.schedules
smooth = schedules.ExponentialDecay(0.15, decay_steps=10 * steps_per_epoch, decay_rate=0.5)
stairs = schedules.ExponentialDecay(
    0.15, decay_steps=10 * steps_per_epoch, decay_rate=0.5, staircase=True
)
print(
    f"{_(en='step', fr='pas'):>5} | {_(en='epoch', fr='époque'):>6} | "
    f"{'staircase=False':>15} | {'staircase=True':>14}"
)
for step in (0, 1, 9, 10, 50, 99, 100, 101, 199, 200):
    print(
        f"{step:5d} | {step // steps_per_epoch:6d} | {float(smooth(step)):15.5f} | "
        f"{float(stairs(step)):14.5f}"
    )

# %% [markdown] lang="en"
# The staircase schedule gives, epoch by epoch, exactly the rates of `three_steps`. Is the
# training also the same? We train the network for 12 epochs (one halving) with the schedule
# object, and compare with the first 12 epochs of the step decay run of section 3.

# %% [markdown] lang="fr"
# Le calendrier en escalier donne, époque par époque, exactement les taux de `three_steps`.
# L'entraînement est-il lui aussi le même ? Nous entraînons le réseau pendant 12 époques
# (une division par deux) avec l'objet calendrier, et comparons aux 12 premières époques de
# l'entraînement par paliers de la section 3.

# %%
step_run = runs[_(en="step decay", fr="par paliers")].history
per_epoch = [float(stairs(epoch * steps_per_epoch)) for epoch in range(30)]
print(
    _(en="same rates as the callback:", fr="mêmes taux que la fonction de rappel :"),
    bool(np.allclose(per_epoch, step_run["learning_rate"])),
)
model = make_model()
model.compile(keras.optimizers.SGD(learning_rate=stairs), loss="mse")
built_in = model.fit(
    x_train, y_train, validation_data=(x_val, y_val), epochs=12, batch_size=32, verbose=0
)
print(
    _(en="same losses, to the last bit:", fr="mêmes pertes, au bit près :"),
    built_in.history["loss"] == step_run["loss"][:12]
    and built_in.history["val_loss"] == step_run["val_loss"][:12],
)
print(
    _(en="optimizer steps taken:", fr="pas effectués par l'optimiseur :"),
    int(model.optimizer.iterations),
)
print(_(en="history keys:", fr="clés de l'historique :"), sorted(built_in.history))

# %% [markdown] lang="en"
# Two practical differences with the callback, both measured above or checked with Keras 3:
# - With a schedule object, `fit` records **no** `"learning_rate"` in the history; to plot
#   the rate, evaluate the schedule yourself at `epoch * steps_per_epoch`, as we did.
# - The two mechanisms do not combine: `LearningRateScheduler` on an optimizer created with
#   a schedule object raises `TypeError` ("its learning rate is not settable").
#
# `PiecewiseConstantDecay(boundaries, values)` gives any list of plateaus: `values` has one
# more element than `boundaries`. Beware of how Keras compares the step with a boundary:
# it uses `values[0]` while `step <= boundaries[0]`, so **the boundary step itself still
# gets the old value**.

# %% [markdown] lang="fr"
# Deux différences pratiques avec la fonction de rappel, mesurées ci-dessus ou vérifiées
# avec Keras 3 :
# - Avec un objet calendrier, `fit` n'enregistre **aucun** `"learning_rate"` dans
#   l'historique ; pour tracer le taux, évaluez vous-même le calendrier en
#   `epoch * steps_per_epoch`, comme nous l'avons fait.
# - Les deux mécanismes ne se combinent pas : `LearningRateScheduler` sur un optimiseur créé
#   avec un objet calendrier lève une `TypeError` (« its learning rate is not settable »).
#
# `PiecewiseConstantDecay(boundaries, values)` donne n'importe quelle suite de paliers :
# `values` a un élément de plus que `boundaries`. Attention à la façon dont Keras compare le
# pas à une frontière : il utilise `values[0]` tant que `step <= boundaries[0]`, donc **le
# pas situé sur la frontière reçoit encore l'ancienne valeur**.

# %%
naive = schedules.PiecewiseConstantDecay([10 * steps_per_epoch], [0.15, 0.075])
exact = schedules.PiecewiseConstantDecay([10 * steps_per_epoch - 1], [0.15, 0.075])
print(
    f"{_(en='step', fr='pas'):>5} | {_(en='epoch', fr='époque'):>6} | "
    f"{_(en='boundary 100', fr='frontière 100'):>13} | {_(en='boundary 99', fr='frontière 99'):>13}"
)
for step in (98, 99, 100, 101):
    print(
        f"{step:5d} | {step // steps_per_epoch:6d} | {float(naive(step)):13.4f} | "
        f"{float(exact(step)):13.4f}"
    )

# %% [markdown] lang="en"
# Step 100 is the first step of epoch 10. With the boundary `10 * steps_per_epoch` it still
# uses 0.15: one step late. To change the rate at the start of epoch $e$, the boundary is
# $e \cdot \text{steps\_per\_epoch} - 1$.
#
# ### Exercise 2 — an epoch schedule as a Keras schedule (2 points)
#
# A 15-epoch training must use the rate **0.2 during epochs 0–4, 0.02 during epochs 5–9
# and 0.002 during epochs 10–14** (epochs counted from 0). Write
# `make_schedule(steps_per_epoch)` that returns a Keras schedule, `ExponentialDecay` or
# `PiecewiseConstantDecay` (your choice), giving exactly these rates at every optimizer step
# of those 15 epochs, for any `steps_per_epoch`. The tests evaluate your schedule at several
# steps, for several values of `steps_per_epoch`.

# %% [markdown] lang="fr"
# Le pas 100 est le premier pas de l'époque 10. Avec la frontière `10 * steps_per_epoch`, il
# utilise encore 0,15 : un pas trop tard. Pour changer de taux au début de l'époque $e$, la
# frontière vaut $e \cdot \text{pas\_par\_époque} - 1$.
#
# ### Exercice 2 — un calendrier en époques sous forme de calendrier Keras (2 points)
#
# Un entraînement de 15 époques doit utiliser le taux **0,2 pendant les époques 0 à 4,
# 0,02 pendant les époques 5 à 9 et 0,002 pendant les époques 10 à 14** (époques numérotées
# à partir de 0). Écrivez `make_schedule(steps_per_epoch)` qui renvoie un calendrier Keras,
# `ExponentialDecay` ou `PiecewiseConstantDecay` (au choix), donnant exactement ces taux à
# chaque pas de l'optimiseur pendant ces 15 époques, quel que soit `steps_per_epoch`. Les
# tests évaluent votre calendrier en plusieurs pas, pour plusieurs valeurs de
# `steps_per_epoch`.


# %% nbgrader="solution" grade_id="make_schedule"
def make_schedule(steps_per_epoch):
    ### BEGIN SOLUTION
    return keras.optimizers.schedules.PiecewiseConstantDecay(
        [5 * steps_per_epoch - 1, 10 * steps_per_epoch - 1], [0.2, 0.02, 0.002]
    )
    ### END SOLUTION


# %% nbgrader="tests" grade_id="make_schedule_tests" points=2
# Visible tests: run this cell to check your function.
# ct.schedule_rates evaluates the schedule at every step of the 15 epochs, in your kernel.
_S = 10
_facts = ct.schedule_rates(make_schedule(_S), list(range(15 * _S)))
assert _facts["is_schedule"], _(
    en="make_schedule must return a keras.optimizers.schedules object "
    f"(ExponentialDecay or PiecewiseConstantDecay), not {_facts['class']}.",
    fr="make_schedule doit renvoyer un objet de keras.optimizers.schedules "
    f"(ExponentialDecay ou PiecewiseConstantDecay), et non {_facts['class']}.",
)


def _rate(step):
    return _facts["rates"][step]


assert np.isclose(_rate(0), 0.2, rtol=1e-5), _(
    en=f"At step 0 the rate must be 0.2, not {_rate(0):.5f}.",
    fr=f"Au pas 0, le taux doit valoir 0,2, et non {_rate(0):.5f}.",
)
if 0.02 * 1.001 < _rate(25) < 0.2 * 0.999:
    raise AssertionError(
        _(
            en=f"Step 25 (epoch 2) gives {_rate(25):.5f}: the rate changes at every step. "
            "With ExponentialDecay, pass staircase=True so it stays constant between decays.",
            fr=f"Le pas 25 (époque 2) donne {_rate(25):.5f} : le taux change à chaque pas. "
            "Avec ExponentialDecay, passez staircase=True pour qu'il reste constant entre deux décroissances.",
        )
    )
if np.isclose(_rate(6), 0.02, rtol=1e-5):
    raise AssertionError(
        _(
            en="The rate is already 0.02 at step 6, in the first epoch: your boundaries (or "
            "decay_steps) are in epochs, but a schedule counts optimizer steps. Multiply the "
            "epochs by steps_per_epoch.",
            fr="Le taux vaut déjà 0,02 au pas 6, pendant la première époque : vos frontières "
            "(ou decay_steps) sont en époques, alors qu'un calendrier compte des pas de "
            "l'optimiseur. Multipliez les époques par steps_per_epoch.",
        )
    )
if np.isclose(_rate(5 * _S), 0.2, rtol=1e-5) and np.isclose(_rate(5 * _S + 1), 0.02, rtol=1e-5):
    raise AssertionError(
        _(
            en="Off by one step: step 5 * steps_per_epoch, the first step of epoch 5, still "
            "uses 0.2. PiecewiseConstantDecay keeps values[i] while step <= boundaries[i], so "
            "the boundary is 5 * steps_per_epoch - 1 (and 10 * steps_per_epoch - 1).",
            fr="Décalage d'un pas : le pas 5 * steps_per_epoch, premier pas de l'époque 5, "
            "utilise encore 0,2. PiecewiseConstantDecay garde values[i] tant que "
            "step <= boundaries[i] : la frontière vaut donc 5 * steps_per_epoch - 1 (et 10 * steps_per_epoch - 1).",
        )
    )
if np.isclose(_rate(5 * _S - 1), 0.02, rtol=1e-5):
    raise AssertionError(
        _(
            en="Off by one step: the last step of epoch 4 (step 5 * steps_per_epoch - 1) "
            "already uses 0.02; the change must happen one step later.",
            fr="Décalage d'un pas : le dernier pas de l'époque 4 (pas 5 * steps_per_epoch - 1) "
            "utilise déjà 0,02 ; le changement doit avoir lieu un pas plus tard.",
        )
    )
for _epoch in range(15):
    for _step in (_epoch * _S, _epoch * _S + _S // 2, _epoch * _S + _S - 1):
        _want = 0.2 * 0.1 ** (_epoch // 5)
        assert np.isclose(_rate(_step), _want, rtol=1e-5), _(
            en=f"At step {_step} (epoch {_epoch}) your schedule gives {_rate(_step):.6f} instead of {_want:.6f}.",
            fr=f"Au pas {_step} (époque {_epoch}), votre calendrier donne {_rate(_step):.6f} au lieu de {_want:.6f}.",
        )
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
# Epoch lengths drawn at grading time, and an epoch of one step.
for _S in (1, *np.random.default_rng(ct.fresh_seed()).choice(np.arange(2, 50), 3, replace=False)):
    _S = int(_S)
    _steps = [_e * _S + _k for _e in range(15) for _k in sorted({0, _S // 2, _S - 1})]
    _facts = ct.schedule_rates(make_schedule(_S), _steps)
    assert _facts["is_schedule"], _facts["class"]
    for _step, _got in zip(_steps, _facts["rates"], strict=True):
        _want = 0.2 * 0.1 ** (_step // _S // 5)
        assert np.isclose(_got, _want, rtol=1e-5), (_S, _step, _got, _want)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## 5. Decay and regularization
#
# The jumping of the weights under a large rate is not only a nuisance. A minimum of the
# training loss can be **sharp** (the loss rises steeply as soon as the weights move a
# little) or **flat** (the loss stays low in a wide region). Noisy, large steps cannot stay
# inside a narrow basin, so SGD with a large rate tends to leave sharp minima and settle in
# flat regions. A popular **hypothesis** holds that flat regions generalize better: if the
# validation loss surface is roughly a slightly shifted copy of the training one, a shift
# costs little where the surface is flat. Keskar et al. (2017) found that large batches,
# which reduce the noise of SGD, end in sharper minima and generalize worse on deep
# networks; this is why that noise, whose size grows with the ratio learning rate / batch
# size, is often described as an **implicit regularizer**. The evidence is debated, though:
# Dinh et al. (2017) showed that the sharpness of a minimum can be changed at will by
# reparametrizing the network (for example, multiplying one ReLU layer's weights by a
# positive constant and dividing the next layer's by the same constant) without changing the
# function it computes, so sharpness as usually measured cannot by itself explain
# generalization. Take flat minima as a useful picture, not as a settled fact.
#
# A schedule uses the two phases in turn: a large rate first, to travel fast and, if the
# picture above is right, stay away from sharp minima; then a smaller one, to settle in the
# region found. Decaying too early gives up the first benefit; never decaying gives up the
# second, and the loss stays on its noise floor, as the constant 0.15 run did above. On our
# small data, the visible gain is mostly the second one: at epoch 10, training **and**
# validation losses dropped together.

# %% [markdown] lang="fr"
# ## 5. Décroissance et régularisation
#
# Les sauts des poids sous un grand taux ne sont pas qu'une gêne. Un minimum de la perte
# d'entraînement peut être **pointu** (la perte monte fortement dès que les poids bougent un
# peu) ou **plat** (la perte reste basse dans une large région). Des pas grands et bruités ne
# peuvent pas rester dans un bassin étroit : la SGD à grand taux tend donc à quitter les
# minima pointus et à se poser dans des régions plates. Une **hypothèse** répandue veut que
# les régions plates généralisent mieux : si la surface de la perte de validation est à peu
# près une copie légèrement décalée de celle d'entraînement, un décalage coûte peu là où la
# surface est plate. Keskar et al. (2017) ont constaté que les grands lots, qui réduisent le
# bruit de la SGD, aboutissent à des minima plus pointus et généralisent moins bien sur des
# réseaux profonds ; c'est pourquoi ce bruit, dont l'ampleur croît avec le rapport taux
# d'apprentissage / taille du lot, est souvent décrit comme une **régularisation
# implicite**. Les preuves sont toutefois discutées : Dinh et al. (2017) ont montré qu'on
# peut changer à volonté le caractère pointu d'un minimum en reparamétrant le réseau (par
# exemple en multipliant les poids d'une couche ReLU par une constante positive et en
# divisant ceux de la couche suivante par la même constante) sans changer la fonction qu'il
# calcule : le caractère pointu, tel qu'on le mesure d'habitude, ne peut donc pas expliquer
# à lui seul la généralisation. Voyez les minima plats comme une image utile, pas comme un
# fait établi.
#
# Un calendrier exploite les deux phases l'une après l'autre : un grand taux d'abord, pour
# avancer vite et, si cette image est juste, rester à l'écart des minima pointus ; puis un
# taux plus petit, pour se poser dans la région trouvée. Baisser le taux trop tôt renonce
# au premier avantage ; ne jamais le baisser renonce au second, et la perte reste sur son
# plancher de bruit, comme l'entraînement à 0,15 constant ci-dessus. Sur nos petites
# données, le gain visible vient surtout du second : à l'époque 10, les pertes
# d'entraînement **et** de validation ont chuté ensemble.

# %% [markdown] lang="en"
# ### Written question (2 points, graded by hand)
#
# Using the numbers of section 3: (a) why did the validation loss of the step decay run drop
# right after epoch 10, while the constant 0.15 run's did not? (b) The small constant rate
# 0.0375 is the rate the step decay ends with; why is starting with it not as good a plan in
# general?

# %% [markdown] lang="fr"
# ### Question rédigée (2 points, corrigée à la main)
#
# À l'aide des chiffres de la section 3 : (a) pourquoi la perte de validation de
# l'entraînement par paliers a-t-elle chuté juste après l'époque 10, alors que celle de
# l'entraînement à 0,15 constant n'a pas baissé ? (b) Le petit taux constant 0,0375 est
# celui sur lequel finit la décroissance par paliers ; pourquoi partir directement de ce taux
# n'est-il pas, en général, une aussi bonne stratégie ?

# %% [markdown] lang="en" nbgrader="manual" grade_id="why_decay" points=2
# (a) With the rate 0.15, the noise of the batch gradients keeps the weights jumping around
# the minimum they have reached: the loss stays on a noise floor (the constant run's
# validation loss wanders between about 0.58 and 0.61 and varies most from one epoch to the
# next). At epoch 10 the step decay halves the rate, so each jump is half as large and the
# weights settle closer to the bottom of the valley: training and validation losses both drop at
# once (validation from about 0.58 to 0.55), then a little more at epoch 20.
# (b) A small rate makes small steps from the start, while the weights are still far from a
# good region: progress is slow (after the first epoch its validation loss is the highest
# of the three), and on a longer or harder problem many more epochs are needed. It also
# removes early the noise of large-rate SGD, which is thought to help the weights avoid
# sharp minima and so to act as an implicit regularizer (a debated hypothesis, section 5); a
# schedule keeps that noise first, then removes it.

# %% [markdown] lang="fr" nbgrader="manual" grade_id="why_decay" points=2
# (a) Avec le taux 0,15, le bruit des gradients calculés sur des lots fait sauter les poids
# autour du minimum atteint : la perte reste sur un plancher de bruit (la perte de
# validation de l'entraînement à taux constant erre entre environ 0,58 et 0,61 et varie le
# plus d'une époque à l'autre). À l'époque 10, la décroissance par paliers divise le taux par
# deux : chaque saut est deux fois plus petit et les poids se posent plus près du fond de la
# vallée. Les pertes d'entraînement et de validation chutent ensemble, d'un coup (la
# validation passe d'environ 0,58 à 0,55), puis encore un peu à l'époque 20.
# (b) Un petit taux fait de petits pas dès le départ, alors que les poids sont encore loin
# d'une bonne région : la progression est lente (après la première époque, sa perte de
# validation est la plus haute des trois) et, sur un problème plus long ou plus difficile,
# il faut bien plus d'époques. Il supprime aussi d'emblée le bruit de la SGD à grand taux,
# dont on pense qu'il aide les poids à éviter les minima pointus et agit donc comme une
# régularisation implicite (une hypothèse discutée, section 5) ; un calendrier garde
# d'abord ce bruit, puis le supprime.

# %% [markdown] lang="en"
# ## Key points
# - Large rates progress fast but leave the loss on a noise floor; small rates settle but
#   crawl. A schedule uses a large rate first and a small one at the end; step decay gives
#   the loss its staircase shape.
# - `LearningRateScheduler(f)` calls `f(epoch, lr)` at the start of each epoch with `epoch`
#   counted **from 0** and `lr` the current rate (float32); it records the rates under
#   `history.history["learning_rate"]`. Halving every 10 epochs:
#   `initial * 0.5 ** (epoch // 10)`, computed from the epoch rather than from `lr`.
# - Built-in schedules (`ExponentialDecay`, `PiecewiseConstantDecay`) count optimizer
#   **steps**: multiply epochs by `steps_per_epoch = ceil(examples / batch size)`. Use
#   `staircase=True` for plateaus, and boundaries `e * steps_per_epoch - 1`, because
#   `PiecewiseConstantDecay` keeps the old value while `step <= boundary`.
# - The noise of large-rate SGD is often described as an implicit regularizer that steers
#   the weights towards flat minima, a hypothesis whose evidence is debated; decaying the
#   rate later lets the weights settle in the region it found.
#
# Next lesson: convolutional networks, and where the regularizers of this course fit in them.

# %% [markdown] lang="fr"
# ## À retenir
# - Un grand taux progresse vite mais laisse la perte sur un plancher de bruit ; un petit
#   taux se pose mais avance lentement. Un calendrier prend d'abord un grand taux puis un
#   petit ; la décroissance par paliers donne à la perte sa forme en escalier.
# - `LearningRateScheduler(f)` appelle `f(epoch, lr)` au début de chaque époque, avec
#   `epoch` numérotée **à partir de 0** et `lr` le taux courant (en float32) ; il enregistre
#   les taux dans `history.history["learning_rate"]`. Diviser par deux toutes les
#   10 époques : `initial * 0.5 ** (epoch // 10)`, calculé à partir de l'époque plutôt que
#   de `lr`.
# - Les calendriers intégrés (`ExponentialDecay`, `PiecewiseConstantDecay`) comptent des
#   **pas** de l'optimiseur : multipliez les époques par
#   `steps_per_epoch = ceil(exemples / taille du lot)`. Utilisez `staircase=True` pour avoir
#   des paliers, et les frontières `e * steps_per_epoch - 1`, car `PiecewiseConstantDecay`
#   garde l'ancienne valeur tant que `step <= frontière`.
# - Le bruit de la SGD à grand taux est souvent décrit comme une régularisation implicite
#   qui oriente les poids vers des minima plats, une hypothèse aux preuves discutées ;
#   baisser le taux ensuite permet aux poids de se poser dans la région qu'il a trouvée.
#
# Leçon suivante : les réseaux convolutifs, et la place qu'y prennent les régularisations du
# cours.
