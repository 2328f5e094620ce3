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
import coursetools as ct  # en: first: it quiets TensorFlow before TensorFlow loads # fr: en premier : il fait taire TensorFlow avant que celui-ci ne se charge

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
#   $\eta$ fait avancer vite, un petit fait perdre des époques.
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
# **début** de chaque époque et donne à l'optimiseur le taux (un flottant) que renvoie cette
# fonction.
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
    print(_(en=f"call: drop_once({epoch}, {lr!r})", fr=f"appel : drop_once({epoch}, {lr!r})"))
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
#   returning the integer `1` makes Keras raise a `ValueError` ("The output of the
#   `schedule` function should be a float"; section 4 shows it).

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
#   si elle renvoie l'entier `1`, Keras lève une `ValueError` (« The output of the
#   `schedule` function should be a float » ; la section 4 le montre).

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
# alt en: Left: the rate of each epoch, 0.15 throughout, 0.15 then 0.075 from epoch 10 and
# alt en: 0.0375 from epoch 20 for the step decay, 0.0375 throughout. Right: training (dashed)
# alt en: and validation (solid) losses; the constant 0.15 run's validation loss climbs to
# alt en: 0.6095, the step decay's drops at epoch 10 (0.583 to 0.553) and ends at 0.5520.
# alt fr: À gauche, le taux de chaque époque : 0,15 partout ; 0,15 puis 0,075 dès l'époque 10
# alt fr: et 0,0375 dès l'époque 20 pour la décroissance par paliers ; 0,0375 partout. À droite,
# alt fr: les pertes d'entraînement (tirets) et de validation (trait plein) : celle de validation
# alt fr: à 0,15 constant monte jusqu'à 0,6095, celle par paliers chute à l'époque 10 (de 0,583
# alt fr: à 0,553) et finit à 0,5520.
fig, axes = plt.subplots(1, 2, figsize=(9, 3.4))
for index, (name, run) in enumerate(runs.items()):
    h = run.history
    epochs = np.arange(len(h["loss"]))
    # en: One colour and one marker per run; thinner on top, so overlaps stay visible.
    # fr: Une couleur et un marqueur par entraînement ; plus fin au-dessus, pour voir les
    # fr: superpositions.
    style = {"color": f"C{index}", "lw": 3.0 - index, "marker": "os^"[index], "markevery": 5}
    axes[0].step(
        epochs,
        h["learning_rate"],
        where="post",
        linestyle=["-", "--", ":"][index],
        label=name,
        **style,
    )
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
axes[1].legend(fontsize="small", loc="center right")
fig.tight_layout()
plt.show()

# %% [markdown] lang="en"
# To compare the three runs as a whole, we also print, for each, its validation loss after
# the first epoch, its lowest validation loss and the epoch where it occurs (counted from 0),
# and its final losses.

# %% [markdown] lang="fr"
# Pour comparer les trois entraînements dans leur ensemble, nous affichons aussi, pour
# chacun, sa perte de validation après la première époque, sa perte de validation la plus
# basse et l'époque où elle est atteinte (numérotée à partir de 0), ainsi que ses pertes
# finales.

# %%
print(
    f"{'':>15} | {_(en='val. ep. 0', fr='val. ép. 0'):>10} | {_(en='lowest val.', fr='val. minimale'):>13} | "
    f"{_(en='epoch', fr='époque'):>6} | {_(en='final train', fr='entr. finale'):>12} | "
    f"{_(en='final val.', fr='val. finale'):>11}"
)
for name, run in runs.items():
    h = run.history
    lowest = int(np.argmin(h["val_loss"]))
    print(
        f"{name:>15} | {h['val_loss'][0]:10.4f} | {h['val_loss'][lowest]:13.4f} | {lowest:6d} | "
        f"{h['loss'][-1]:12.4f} | {h['val_loss'][-1]:11.4f}"
    )

# %% [markdown] lang="en"
# Reading the figure and the tables:
# - During epochs 0–9, the step decay run *is* the large constant run (same rate, same
#   seed, identical numbers). Both start faster than the small constant rate: after the
#   first epoch their validation loss is 0.5801, against 0.6318.
# - The large constant rate then stalls. Its training loss creeps down, from 0.442 at epoch 9
#   to 0.415 at epoch 29: with steps this large, the weights keep jumping around instead of
#   settling (the noise floor). Its validation loss is lowest at epoch 2 (0.5697) and then
#   climbs to 0.6095: meanwhile the network fits more and more of the noise of its training
#   examples (overfitting).
# - At epoch 10, when the step decay halves its rate, **both** of its losses drop at once
#   (training from 0.442 to 0.427, validation from 0.583 to 0.553), and again a little at
#   epoch 20 (validation from 0.558 to 0.551). A smaller rate means smaller jumps, so the weights
#   settle closer to the bottom of the valley they have reached. This staircase shape of the
#   loss is the signature of step decay, which ends lowest on both losses.
# - The small constant rate starts slowest, but on this small problem its slow start costs
#   little: by epoch 9 its validation loss is already below the large rate's (0.556 against
#   0.583), and it ends close to the step decay's (0.5565 against 0.5520).

# %% [markdown] lang="fr"
# Lecture de la figure et des tableaux :
# - Pendant les époques 0 à 9, l'entraînement par paliers *est* l'entraînement à grand
#   taux constant (même taux, même graine, chiffres identiques). Tous deux démarrent plus
#   vite que le petit taux constant : après la première époque, leur perte de validation vaut
#   0,5801, contre 0,6318.
# - Le grand taux constant plafonne ensuite. Sa perte d'entraînement ne baisse plus que
#   lentement, de 0,442 à l'époque 9 à 0,415 à l'époque 29 : avec des pas aussi grands, les
#   poids continuent de sauter au lieu de se poser (le plancher de bruit). Sa perte de
#   validation, minimale à l'époque 2 (0,5697), remonte ensuite jusqu'à 0,6095 : pendant ce
#   temps, le réseau apprend une part croissante du bruit de ses exemples d'entraînement
#   (surapprentissage).
# - À l'époque 10, quand la décroissance par paliers divise son taux par deux, ses **deux**
#   pertes chutent d'un coup (l'entraînement de 0,442 à 0,427, la validation de 0,583 à
#   0,553), puis encore un peu à l'époque 20 (la validation de 0,558 à 0,551).
#   Avec un taux plus petit, les sauts rétrécissent et les poids se posent plus près du fond
#   de la vallée atteinte. Cette forme en escalier de la perte est la signature de la
#   décroissance par paliers, qui finit la plus basse sur les deux pertes.
# - Le petit taux constant démarre le plus lentement, mais sur ce petit problème son départ
#   lent coûte peu : dès l'époque 9, sa perte de validation est passée sous celle du grand
#   taux (0,556 contre 0,583), et elle finit près de celle par paliers (0,5565 contre 0,5520).

# %% [markdown] lang="en"
# ### Exercise 1 — predict the rates of a schedule that reads `lr` (3 points)
#
# A colleague wants the rate 0.2 during epochs 0–3, half of it during epochs 4–7, half
# again during epochs 8–11, and so on. They write the schedule below, which halves the `lr`
# it receives every 4 epochs, create the optimizer with `SGD(learning_rate=0.2)` and train
# for 10 epochs with `LearningRateScheduler(halve_every_4)`.
#
# **Before running it**, predict the 10 values that `history.history["learning_rate"]`
# will hold, one per epoch, epoch 0 first, from what section 2 measured: when the function
# is called, which `epoch` and which `lr` it receives, and which rate is recorded. Store
# them in `predicted_rates`, a list of 10 numbers.
#
# The tests train a small model exactly this way (same function, same optimizer, 10 epochs)
# and compare your list with its `history.history["learning_rate"]`: your list must hold
# 10 numbers, each within a relative 1e-3 of the recorded rate (Keras stores rates in
# float32, so `0.1` comes back as `0.10000000149011612`). There are no hidden tests. The
# cell after the tests runs the experiment on our network and prints your prediction beside
# what Keras recorded.

# %% [markdown] lang="fr"
# ### Exercice 1 — prédire les taux d'un calendrier qui lit `lr` (3 points)
#
# Une collègue veut le taux 0,2 pendant les époques 0 à 3, sa moitié pendant les époques 4
# à 7, encore la moitié pendant les époques 8 à 11, et ainsi de suite. Elle écrit le
# calendrier ci-dessous, qui divise par deux le `lr` reçu toutes les 4 époques, crée
# l'optimiseur avec `SGD(learning_rate=0.2)` et entraîne pendant 10 époques avec
# `LearningRateScheduler(halve_every_4)`.
#
# **Avant de le lancer**, prédisez les 10 valeurs que contiendra
# `history.history["learning_rate"]`, une par époque en commençant par l'époque 0, à partir
# de ce que la section 2 a mesuré : quand la fonction est appelée, quels `epoch` et `lr`
# elle reçoit, et quel taux est enregistré. Rangez-les dans `predicted_rates`, une liste de
# 10 nombres.
#
# Les tests entraînent un petit modèle exactement de cette façon (même fonction, même
# optimiseur, 10 époques) et comparent votre liste à son `history.history["learning_rate"]` :
# elle doit contenir 10 nombres, chacun à 1e-3 près en valeur relative du taux enregistré
# (Keras stocke les taux en float32 : `0.1` revient sous la forme `0.10000000149011612`). Il
# n'y a pas de tests cachés. La cellule qui suit les tests lance l'expérience sur notre
# réseau et affiche votre prédiction à côté de ce que Keras a enregistré.


# %%
def halve_every_4(epoch, lr):
    """en: The colleague's schedule: meant to halve the rate every 4 epochs.

    fr: Le calendrier de la collègue : censé diviser le taux par deux toutes les 4 époques.
    """
    if epoch % 4 == 0:
        return lr * 0.5
    return lr


# %% nbgrader="solution" grade_id="predict_rates"
### BEGIN SOLUTION
# en: Epoch 0: 0 % 4 == 0 already, so the optimizer's 0.2 is halved before the first step.
# en: Epochs 1-3 get back the 0.1 set at epoch 0; epochs 4 and 8 halve it again.
# fr: Époque 0 : 0 % 4 == 0 est déjà vrai, donc le 0,2 de l'optimiseur est divisé par deux
# fr: avant le premier pas. Les époques 1 à 3 reçoivent le 0,1 fixé à l'époque 0 ; les
# fr: époques 4 et 8 le divisent encore par deux.
predicted_rates = [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025]
### END SOLUTION


# %% nbgrader="tests" grade_id="predict_rates_tests" points=3
# en: Visible tests: the colleague's schedule, on a small model trained as described.
# fr: Tests visibles : le calendrier de la collègue, sur un petit modèle entraîné comme décrit.
def _halve_every_4(epoch, lr):
    if epoch % 4 == 0:
        return lr * 0.5
    return lr


ct.reseed()
_x = np.random.default_rng(3).normal(size=(16, 2)).astype("float32")
_model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
_model.compile(keras.optimizers.SGD(learning_rate=0.2), loss="mse")
_history = _model.fit(
    _x,
    _x.sum(axis=1),
    epochs=10,
    batch_size=16,
    verbose=0,
    callbacks=[keras.callbacks.LearningRateScheduler(_halve_every_4)],
)
_recorded = np.array(_history.history["learning_rate"])
_given = ct.plain(predicted_rates)
assert type(_given) in (list, tuple, np.ndarray) and np.ndim(_given) == 1, _(
    en=f"predicted_rates must be a list of 10 numbers, not {type(_given).__name__}.",
    fr=f"predicted_rates doit être une liste de 10 nombres, et non un {type(_given).__name__}.",
)
assert len(_given) == 10, _(
    en=f"predicted_rates holds {len(_given)} numbers: it needs 10, one per epoch (epochs 0 to 9).",
    fr=f"predicted_rates contient {len(_given)} nombres : il en faut 10, un par époque (époques 0 à 9).",
)
assert np.asarray(_given).dtype.kind in "iuf", _(
    en="predicted_rates must hold numbers only.",
    fr="predicted_rates ne doit contenir que des nombres.",
)
_given = np.array(_given, dtype=float)
_off = [_e for _e in range(10) if not np.isclose(_given[_e], _recorded[_e], rtol=1e-3, atol=0)]
if _off:
    _e = _off[0]
    _ratio = _given[_e] / _recorded[_e]
    _first = _(
        en=f"At epoch {_e}, you predicted {_given[_e]:g}; Keras recorded {_recorded[_e]:.4g}, "
        f"so your value is {_ratio:.3g} times the recorded one ({len(_off)} of the 10 epochs "
        "are off).",
        fr=f"À l'époque {_e}, vous avez prédit {_given[_e]:g} ; Keras a enregistré "
        f"{_recorded[_e]:.4g}, votre valeur vaut donc {_ratio:.3g} fois la valeur enregistrée "
        f"({len(_off)} des 10 époques sont fausses).",
    )
    _epochs = np.arange(10)
    if np.allclose(_given, 0.2 * 0.5 ** (_epochs // 4), rtol=1e-3):
        _why = _(
            en=" These are the rates the colleague wanted, not the ones the function gives: "
            "epoch % 4 == 0 is already true at epoch 0, so the optimizer's 0.2 is halved "
            "before the first step.",
            fr=" Ce sont les taux que voulait la collègue, pas ceux que donne la fonction : "
            "epoch % 4 == 0 est déjà vrai à l'époque 0, donc le 0,2 de l'optimiseur est "
            "divisé par deux avant le premier pas.",
        )
    elif np.allclose(_given, 0.2 * 0.5 ** ((_epochs + 1) // 4), rtol=1e-3):
        _why = _(
            en=" Your halvings come one epoch early, at epochs 3 and 7: Keras counts epochs "
            "from 0, so the function halves at epochs 0, 4 and 8.",
            fr=" Vos divisions arrivent une époque trop tôt, aux époques 3 et 7 : Keras "
            "numérote les époques à partir de 0, donc la fonction divise aux époques 0, 4 et 8.",
        )
    elif np.allclose(_given, [0.2, *_recorded[:-1]], rtol=1e-3):
        _why = _(
            en=" Your list is shifted by one epoch: the history records the rate used during "
            "each epoch, the one the function returned at its start, "
            "not the lr it received.",
            fr=" Votre liste est décalée d'une époque : l'historique enregistre le taux utilisé "
            "pendant chaque époque, celui que la fonction a renvoyé à son début, et non le lr "
            "qu'elle a reçu.",
        )
    elif np.allclose(_given, np.where(_epochs % 4 == 0, 0.1, 0.2), rtol=1e-3):
        _why = _(
            en=" The lr the function receives is not always 0.2: it is the optimizer's "
            "current rate, that is, the value the function returned at the previous "
            "epoch.",
            fr=" Le lr reçu par la fonction ne vaut pas toujours 0,2 : c'est le taux actuel de "
            "l'optimiseur, c'est-à-dire la valeur que la fonction a renvoyée à l'époque "
            "précédente.",
        )
    else:
        _why = _(
            en=" Follow the calls one by one: epoch e, lr = the rate set by the previous call "
            "(0.2 at epoch 0), and the returned value is the one recorded.",
            fr=" Suivez les appels un par un : époque e, lr = le taux fixé par l'appel précédent "
            "(0,2 à l'époque 0), et la valeur renvoyée est celle qui est enregistrée.",
        )
    raise AssertionError(_first + _why)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))

# %% [markdown] lang="en"
# Now the experiment, on our network: the colleague's schedule for 10 epochs, then the rates
# Keras recorded beside your prediction.

# %% [markdown] lang="fr"
# Place à l'expérience, sur notre réseau : le calendrier de la collègue pendant 10 époques,
# puis les taux enregistrés par Keras à côté de votre prédiction.

# %%
model = make_model()
model.compile(keras.optimizers.SGD(learning_rate=0.2), loss="mse")
history = model.fit(
    x_train,
    y_train,
    epochs=10,
    batch_size=32,
    verbose=0,
    callbacks=[keras.callbacks.LearningRateScheduler(halve_every_4)],
)
print(
    f"{_(en='epoch', fr='époque'):>6} | {_(en='predicted', fr='prédit'):>9} | "
    f"{_(en='recorded', fr='enregistré'):>10} | {_(en='intended', fr='voulu'):>8}"
)
for epoch, (predicted, recorded) in enumerate(
    zip(predicted_rates, history.history["learning_rate"], strict=True)
):
    print(
        f"{epoch:6d} | {float(predicted):9.4f} | {recorded:10.4f} | "
        f"{0.2 * 0.5 ** (epoch // 4):8.4f}"
    )

# %% [markdown] lang="en"
# The function halves the rate at epoch 0 already, because `0 % 4 == 0`: every rate is half
# of what the colleague intended. A schedule written from `lr` is fragile in general: its
# result depends on the rate the optimizer was created with and on every earlier call having
# happened exactly once. A schedule written from the epoch alone has neither problem; here
# `0.2 * 0.5 ** (epoch // 4)` gives the "intended" column, whatever rate the optimizer
# starts with (as `drop_once` in section 2 ignored the optimizer's 0.5).

# %% [markdown] lang="fr"
# La fonction divise le taux par deux dès l'époque 0, puisque `0 % 4 == 0` : chaque taux
# vaut la moitié de ce que voulait la collègue. Un calendrier écrit à partir de `lr` est
# fragile en général : son résultat dépend du taux avec lequel l'optimiseur a été créé, et
# il suppose que chaque appel précédent a eu lieu exactement une fois. Un calendrier écrit
# à partir de la seule époque n'a aucun de ces défauts ; ici, `0.2 * 0.5 ** (epoch // 4)`
# donne la colonne « voulu », quel que soit le taux initial de l'optimiseur (tout comme
# `drop_once`, à la section 2, ignorait le 0,5 de l'optimiseur).

# %% [markdown] lang="en"
# ## 4. Built-in schedules count optimizer steps
#
# The other way to change the rate is to give the optimizer a **schedule object** instead
# of a number: `keras.optimizers.SGD(learning_rate=schedule)`. The optimizer then
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
# L'autre façon de faire varier le taux consiste à donner à l'optimiseur un **objet
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
# Two practical differences with the callback, the first measured above, the second below:
# - With a schedule object, `fit` records **no** `"learning_rate"` in the history; to plot
#   the rate, evaluate the schedule yourself at `epoch * steps_per_epoch`, as we did.
# - The two mechanisms do not combine: `LearningRateScheduler` on an optimizer created with
#   a schedule object raises a `TypeError` (its learning rate "is not settable"). The cell
#   below also shows the `ValueError` of section 2, for a schedule function that returns the
#   integer 1.

# %% [markdown] lang="fr"
# Deux différences pratiques avec la fonction de rappel, la première mesurée ci-dessus, la
# seconde ci-dessous :
# - Avec un objet calendrier, `fit` n'enregistre **aucun** `"learning_rate"` dans
#   l'historique ; pour tracer le taux, évaluez vous-même le calendrier en
#   `epoch * steps_per_epoch`, comme nous l'avons fait.
# - Les deux mécanismes ne se combinent pas : `LearningRateScheduler` sur un optimiseur créé
#   avec un objet calendrier lève une `TypeError` (son taux « is not settable »). La cellule
#   ci-dessous montre aussi la `ValueError` de la section 2, pour une fonction de calendrier
#   qui renvoie l'entier 1.

# %%
for rate, schedule in [(0.1, lambda epoch, lr: 1), (stairs, lambda epoch, lr: 0.1)]:
    model = make_model()
    model.compile(keras.optimizers.SGD(learning_rate=rate), loss="mse")
    try:
        model.fit(
            x_train,
            y_train,
            epochs=1,
            batch_size=32,
            verbose=0,
            callbacks=[keras.callbacks.LearningRateScheduler(schedule)],
        )
    except (ValueError, TypeError) as error:
        print(f"{type(error).__name__}: {str(error).split('. ')[0]}.")

# %% [markdown] lang="en"
# `PiecewiseConstantDecay(boundaries, values)` gives any list of plateaus: `values` has one
# more element than `boundaries`. Beware of how Keras compares the step with a boundary:
# it uses `values[0]` while `step <= boundaries[0]`, so **the boundary step itself still
# gets the old value**.

# %% [markdown] lang="fr"
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
# of those 15 epochs, for any `steps_per_epoch`.
#
# The tests check that `make_schedule` returns a Keras schedule and evaluate it with
# `ct.schedule_rates`, each rate to within a relative 1e-5: the visible tests at the first,
# middle and last step of every epoch for `steps_per_epoch = 10` (and at a few steps next to
# the changes); the hidden tests at the first, middle and last step of every epoch for
# `steps_per_epoch = 1` and for three values between 2 and 49 drawn at grading time.

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
# chaque pas de l'optimiseur pendant ces 15 époques, quel que soit `steps_per_epoch`.
#
# Les tests vérifient que `make_schedule` renvoie un calendrier Keras et l'évaluent avec
# `ct.schedule_rates`, chaque taux à 1e-5 près en valeur relative : les tests visibles au
# premier pas, au pas du milieu et au dernier pas de chaque époque pour
# `steps_per_epoch = 10` (et en quelques pas proches des changements) ; les tests cachés au
# premier pas, au pas du milieu et au dernier pas de chaque époque pour `steps_per_epoch = 1` et pour trois valeurs
# entre 2 et 49 tirées au moment de la correction.


# %% nbgrader="solution" grade_id="make_schedule"
def make_schedule(steps_per_epoch):
    ### BEGIN SOLUTION
    return keras.optimizers.schedules.PiecewiseConstantDecay(
        [5 * steps_per_epoch - 1, 10 * steps_per_epoch - 1], [0.2, 0.02, 0.002]
    )
    ### END SOLUTION


# %% nbgrader="tests" grade_id="make_schedule_tests" points=2
# en: Visible tests: run this cell to check your function.
# en: ct.schedule_rates evaluates the schedule at every step of the 15 epochs, in your kernel.
# fr: Tests visibles : exécutez cette cellule pour vérifier votre fonction.
# fr: ct.schedule_rates évalue le calendrier à chaque pas des 15 époques, dans votre noyau.
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
# en: Epoch lengths drawn at grading time, and an epoch of one step.
# fr: Des longueurs d'époque tirées au moment de la correction, et une époque d'un seul pas.
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
# second, and the training loss stays on its noise floor, as the constant 0.15 run's did
# above. On our small data, the visible gain is mostly the second one: at epoch 10,
# training **and** validation losses dropped together.

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
# Un calendrier enchaîne les deux phases : un grand taux d'abord, pour avancer vite et, si
# cette image est juste, se tenir à l'écart des minima pointus ; puis un taux plus petit,
# pour se poser dans la région trouvée. Qui baisse le taux trop tôt perd le premier
# avantage ; qui ne le baisse jamais perd le second, et sa perte d'entraînement reste sur
# le plancher de bruit, comme celle de l'entraînement à 0,15 constant ci-dessus. Sur nos
# petites données, c'est surtout le second avantage qui se voit : à l'époque 10, les pertes
# d'entraînement **et** de validation ont chuté ensemble.

# %% [markdown] lang="en"
# ### Written question (2 points, graded by hand)
#
# Using the numbers of section 3: (a) why did the validation loss of the step decay run drop
# right after epoch 10, while the constant 0.15 run's barely moved and then kept rising?
# (b) The small constant rate 0.0375 is the rate the step decay ends with; why is starting
# with it not as good a plan in general?

# %% [markdown] lang="fr"
# ### Question rédigée (2 points, corrigée à la main)
#
# À l'aide des chiffres de la section 3 : (a) pourquoi la perte de validation de
# l'entraînement par paliers a-t-elle chuté juste après l'époque 10, alors que celle de
# l'entraînement à 0,15 constant a à peine bougé, puis n'a cessé de monter ? (b) Le petit
# taux constant 0,0375 est celui sur lequel finit la décroissance par paliers : pourquoi
# n'est-ce pas, en général, une aussi bonne stratégie de partir directement de ce taux ?

# %% [markdown] lang="en" nbgrader="manual" grade_id="why_decay" points=2
# (a) With the rate 0.15, the noise of the batch gradients keeps the weights jumping around
# the minimum they have reached: the training loss stays on a noise floor (it only creeps
# from 0.442 at epoch 9 to 0.415 at epoch 29), and the validation loss, lowest at epoch 2
# (0.5697), climbs to 0.6095 as the network fits the noise of its training examples. At
# epoch 10 the step decay halves the rate, so each jump is half as large and the weights
# settle closer to the bottom of the valley: training and validation losses both drop at
# once (training from 0.442 to 0.427, validation from 0.583 to 0.553), then a little more at
# epoch 20.
# (b) A small rate makes small steps from the start, while the weights are still far from a
# good region: progress is slow (after the first epoch its validation loss is the highest
# of the three, 0.632 against 0.580), and the further the starting point is from a good
# region, the more epochs this costs. It also
# removes early the noise of large-rate SGD, which is thought to help the weights avoid
# sharp minima and so to act as an implicit regularizer (a debated hypothesis, section 5); a
# schedule keeps that noise first, then removes it.

# %% [markdown] lang="fr" nbgrader="manual" grade_id="why_decay" points=2
# (a) Avec le taux 0,15, le bruit des gradients calculés sur des lots fait sauter les poids
# autour du minimum atteint : la perte d'entraînement reste sur un plancher de bruit (elle
# ne passe que de 0,442 à l'époque 9 à 0,415 à l'époque 29), et la perte de validation,
# minimale à l'époque 2 (0,5697), monte jusqu'à 0,6095 à mesure que le réseau apprend le bruit
# de ses exemples d'entraînement. À l'époque 10, la décroissance par paliers divise le taux
# par deux : chaque saut est deux fois plus petit et les poids se posent plus près du fond
# de la vallée. Les pertes d'entraînement et de validation chutent ensemble, d'un coup
# (l'entraînement de 0,442 à 0,427, la validation de 0,583 à 0,553), puis encore un peu à
# l'époque 20.
# (b) Un petit taux fait de petits pas dès le départ, alors que les poids sont encore loin
# d'une bonne région : la progression est lente (après la première époque, sa perte de
# validation est la plus haute des trois, 0,632 contre 0,580), et plus le point de départ
# est loin d'une bonne région, plus cela coûte d'époques. Il supprime aussi d'emblée le
# bruit de la SGD à grand taux, dont on pense qu'il aide les poids à éviter les minima
# pointus et agit donc comme une régularisation implicite (une hypothèse discutée, section 5) ; un calendrier garde
# d'abord ce bruit, puis le supprime.

# %% [markdown] lang="en"
# ## 6. Lowering the rate when validation stalls: `ReduceLROnPlateau`
#
# The schedules above fix the epochs of each drop in advance. The callback
# `keras.callbacks.ReduceLROnPlateau` decides them from the validation curve instead: at the
# end of each epoch it compares the monitored quantity (`monitor="val_loss"` by default)
# with the best value so far; an epoch improves on it only if it beats it by more than
# `min_delta` (default $10^{-4}$). After `patience` epochs in a row without improvement, it
# multiplies the rate by `factor` (default 0.1, and it must be below 1), never going below
# `min_lr` (default 0), and starts counting again from 0; `cooldown` epochs can be skipped
# after each drop. Its defaults, `patience=10` and `factor=0.1`, are for long trainings; here
# we take `patience=3`, `factor=0.5` and `min_lr=0.02`, on the large constant rate 0.15 of
# section 3, whose validation loss was lowest at epoch 2. Like `LearningRateScheduler`, the
# callback records each epoch's rate under `history.history["learning_rate"]` (the rate used
# during that epoch: a drop decided at the end of an epoch applies from the next one).
#
# `EarlyStopping` (lesson 5) watches the same curve with the same kind of patience, but
# reacts differently: it **stops** training. We run it too, with the same patience, from the
# same initial weights.

# %% [markdown] lang="fr"
# ## 6. Baisser le taux quand la validation stagne : `ReduceLROnPlateau`
#
# Les calendriers ci-dessus fixent d'avance les époques de chaque baisse. La fonction de
# rappel `keras.callbacks.ReduceLROnPlateau` les décide plutôt d'après la courbe de
# validation : à la fin de chaque époque, elle compare la quantité surveillée
# (`monitor="val_loss"` par défaut) à la meilleure valeur obtenue jusque-là ; une époque
# n'améliore cette valeur que si elle la bat de plus de `min_delta` ($10^{-4}$ par défaut).
# Après `patience` époques de suite sans amélioration, elle multiplie le taux par `factor`
# (0,1 par défaut, et il doit être inférieur à 1), sans jamais descendre sous `min_lr`
# (0 par défaut), et recommence à compter à partir de 0 ; `cooldown` permet de sauter des
# époques après chaque baisse. Ses valeurs par défaut, `patience=10` et `factor=0.1`, visent
# de longs entraînements ; nous prenons ici `patience=3`, `factor=0.5` et `min_lr=0.02`, sur
# le grand taux constant 0,15 de la section 3, dont la perte de validation était minimale à
# l'époque 2. Comme `LearningRateScheduler`, la fonction de rappel enregistre le taux de
# chaque époque dans `history.history["learning_rate"]` (le taux utilisé pendant cette
# époque : une baisse décidée à la fin d'une époque s'applique à partir de la suivante).
#
# `EarlyStopping` (leçon 5) surveille la même courbe avec le même genre de patience, mais
# réagit autrement : il **arrête** l'entraînement. Nous le lançons aussi, avec la même
# patience, à partir des mêmes poids initiaux.

# %%
model = make_model()
model.compile(keras.optimizers.SGD(learning_rate=0.15), loss="mse")
plateau = keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=3, min_lr=0.02)
history = model.fit(
    x_train,
    y_train,
    validation_data=(x_val, y_val),
    epochs=30,
    batch_size=32,
    verbose=0,
    callbacks=[plateau],
)
h = history.history
print(
    f"{_(en='epoch', fr='époque'):>6} | {_(en='rate', fr='taux'):>6} | "
    f"{_(en='train', fr='entr.'):>6} | {_(en='val.', fr='val.'):>6}"
)
for epoch in (0, 2, 5, 6, 10, 11, 15, 16, 29):
    print(
        f"{epoch:6d} | {h['learning_rate'][epoch]:6.4f} | {h['loss'][epoch]:6.3f} | "
        f"{h['val_loss'][epoch]:6.3f}"
    )
changes = [e for e in range(1, 30) if h["learning_rate"][e] != h["learning_rate"][e - 1]]
print(_(en="epochs where the rate changed:", fr="époques où le taux a changé :"), changes)
print(
    _(en="lowest val. loss:", fr="perte val. minimale :"),
    f"{min(h['val_loss']):.3f}",
    _(en="| final val. loss:", fr="| perte val. finale :"),
    f"{h['val_loss'][-1]:.3f}",
)

model = make_model()
model.compile(keras.optimizers.SGD(learning_rate=0.15), loss="mse")
stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True)
stopped = model.fit(
    x_train,
    y_train,
    validation_data=(x_val, y_val),
    epochs=30,
    batch_size=32,
    verbose=0,
    callbacks=[stop],
).history
print(
    _(
        en="EarlyStopping(patience=3): epochs run",
        fr="EarlyStopping(patience=3) : époques effectuées",
    ),
    len(stopped["loss"]),
    _(en="| best epoch", fr="| meilleure époque"),
    stop.best_epoch,
    _(en="| its val. loss", fr="| sa perte val."),
    f"{min(stopped['val_loss']):.3f}",
)

# %% [markdown] lang="en"
# The rate is 0.15 until epoch 5, the third epoch in a row without beating epoch 2's
# validation loss; it is 0.075 from epoch 6 on, 0.0375 from epoch 11 and 0.02 from epoch 16,
# where `min_lr` stops it (0.0375 × 0.5 = 0.01875 is below 0.02). Each drop brings the
# validation loss down at once (0.578 at epoch 5, 0.551 at epoch 6), as the step decay did in
# section 3, but at epochs chosen by the curve: the lowest validation loss, 0.546, is below
# the lowest of the three runs of section 3 (0.5490, the step decay's at epoch 22).
#
# With the same patience, `EarlyStopping` ran 6 epochs and kept epoch 2 (validation loss
# 0.570): it took the plateau of the large rate for the end of learning. The two callbacks
# answer the same signal in two ways, and they combine well: a `ReduceLROnPlateau` with a
# short patience, inside an `EarlyStopping` with a longer one, lowers the rate a few times
# first and stops only when lower rates no longer help either. Both count their patience in
# epochs of validation, so both need a validation set (or a held-out split) that is not the
# test set.

# %% [markdown] lang="fr"
# Le taux vaut 0,15 jusqu'à l'époque 5, la troisième époque de suite qui ne bat pas la perte
# de validation de l'époque 2 ; il vaut 0,075 à partir de l'époque 6, 0,0375 à partir de
# l'époque 11 et 0,02 à partir de l'époque 16, où `min_lr` l'arrête (0,0375 × 0,5 =
# 0,01875 est inférieur à 0,02). Chaque baisse fait aussitôt descendre la perte de
# validation (0,578 à l'époque 5, 0,551 à l'époque 6), comme la décroissance par paliers à la
# section 3, mais aux époques choisies par la courbe : la perte de validation minimale,
# 0,546, est inférieure à la plus basse des trois entraînements de la section 3 (0,5490,
# celle de la décroissance par paliers à l'époque 22).
#
# Avec la même patience, `EarlyStopping` a fait 6 époques et gardé l'époque 2 (perte de
# validation 0,570) : il a pris le plateau du grand taux pour la fin de l'apprentissage. Les
# deux fonctions de rappel répondent au même signal de deux façons, et elles se combinent
# bien : un `ReduceLROnPlateau` de courte patience, à l'intérieur d'un `EarlyStopping` de
# plus longue patience, baisse d'abord le taux plusieurs fois et n'arrête que lorsque des
# taux plus bas n'aident plus non plus. Tous deux comptent leur patience en époques de
# validation : tous deux ont besoin d'un jeu de validation (ou d'une partie mise de côté)
# qui ne soit pas le jeu de test.

# %% [markdown] lang="en"
# ## Key points
# - Large rates progress fast but leave the training loss on a noise floor; small rates
#   settle but start slowly. A schedule uses a large rate first and a small one at the end;
#   step decay gives the loss its staircase shape.
# - `LearningRateScheduler(f)` calls `f(epoch, lr)` at the start of each epoch with `epoch`
#   counted **from 0** and `lr` the optimizer's current rate (float32), its initial rate at
#   epoch 0; it records the rate of each epoch under `history.history["learning_rate"]`.
#   Compute the rate from the epoch, such as `0.2 * 0.5 ** (epoch // 4)`, rather than by
#   transforming `lr`: "halve `lr` when `epoch % 4 == 0`" already halves at epoch 0, and its
#   rates depend on the optimizer's initial rate.
# - Built-in schedules (`ExponentialDecay`, `PiecewiseConstantDecay`) count optimizer
#   **steps**: multiply epochs by `steps_per_epoch = ceil(examples / batch size)`. Use
#   `staircase=True` for plateaus, and boundaries `e * steps_per_epoch - 1`, because
#   `PiecewiseConstantDecay` keeps the old value while `step <= boundary`.
# - `ReduceLROnPlateau(factor, patience, min_lr)` lowers the rate when the validation loss
#   has not improved for `patience` epochs (by more than `min_delta`), down to `min_lr`, and
#   records it under `"learning_rate"`; `EarlyStopping` with the same patience stops instead.
#   A short-patience `ReduceLROnPlateau` inside a longer-patience `EarlyStopping` combines
#   them.
# - The noise of large-rate SGD is often described as an implicit regularizer that steers
#   the weights towards flat minima, a hypothesis whose evidence is debated; decaying the
#   rate later lets the weights settle in the region that noise led them to.
#
# Next lesson: convolutional networks, and where the regularizers of this course fit in them.

# %% [markdown] lang="fr"
# ## À retenir
# - Avec un grand taux, on avance vite, mais la perte d'entraînement reste sur un plancher
#   de bruit ; avec un petit taux, les poids se posent, mais le départ est lent. Un
#   calendrier prend d'abord un grand taux, puis un petit ; la décroissance par paliers donne à la perte sa forme en
#   escalier.
# - `LearningRateScheduler(f)` appelle `f(epoch, lr)` au début de chaque époque, avec
#   `epoch` numérotée **à partir de 0** et `lr` le taux actuel de l'optimiseur (en float32),
#   son taux initial à l'époque 0 ; il enregistre le taux de chaque époque dans
#   `history.history["learning_rate"]`. Calculez le taux à partir de l'époque, par exemple
#   `0.2 * 0.5 ** (epoch // 4)`, plutôt qu'en transformant `lr` : « diviser `lr` par deux
#   quand `epoch % 4 == 0` » divise dès l'époque 0, et ses taux dépendent du taux initial
#   de l'optimiseur.
# - Les calendriers intégrés (`ExponentialDecay`, `PiecewiseConstantDecay`) comptent des
#   **pas** de l'optimiseur : multipliez les époques par
#   `steps_per_epoch = ceil(exemples / taille du lot)`. Utilisez `staircase=True` pour avoir
#   des paliers, et les frontières `e * steps_per_epoch - 1`, car `PiecewiseConstantDecay`
#   garde l'ancienne valeur tant que `step <= frontière`.
# - `ReduceLROnPlateau(factor, patience, min_lr)` baisse le taux quand la perte de
#   validation ne s'est pas améliorée (de plus de `min_delta`) depuis `patience` époques,
#   jusqu'à `min_lr`, et l'enregistre sous `"learning_rate"` ; `EarlyStopping`, avec la même
#   patience, arrête l'entraînement à la place. Un `ReduceLROnPlateau` de courte patience à
#   l'intérieur d'un `EarlyStopping` de plus longue patience combine les deux.
# - Le bruit de la SGD à grand taux est souvent décrit comme une régularisation implicite
#   qui oriente les poids vers des minima plats, une hypothèse aux preuves discutées ;
#   baisser le taux ensuite permet aux poids de se poser dans la région où ce bruit les a
#   menés.
#
# Leçon suivante : les réseaux convolutifs, et la place qu'y prennent les régularisations du
# cours.
