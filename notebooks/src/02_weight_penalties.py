# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] lang="en"
# # Lesson 2 — Weight penalties: kernel, bias and activity regularizers
#
# **Goal.** By the end of this lesson you can (1) say exactly what number Keras adds to the
# loss for an `L1`, `L2` or `L1L2` penalty, and compute it by hand, layer by layer;
# (2) choose between a penalty on the kernel, on the bias and on a layer's output (activity);
# (3) explain, from an experiment, why L1 makes many weights (almost) zero while L2 only
# shrinks them; (4) predict every entry of `model.losses` before running the model; (5) find
# why a custom training loop ignores its penalties, and fix it; (6) write your own regularizer.

# %% [markdown] lang="fr"
# # Leçon 2 — Pénalités sur les poids : régularisation du noyau, du biais et de l'activité
#
# **Objectif.** À la fin de cette leçon, vous saurez (1) dire exactement quel nombre Keras
# ajoute à la perte pour une pénalité `L1`, `L2` ou `L1L2`, et le calculer à la main, couche
# par couche ; (2) choisir entre une pénalité sur le noyau, sur le biais et sur la sortie
# d'une couche (l'activité) ; (3) expliquer, expérience à l'appui, pourquoi L1 rend de
# nombreux poids (presque) nuls alors que L2 se contente de les réduire ; (4) prédire chaque
# terme de `model.losses` avant d'exécuter le modèle ; (5) trouver pourquoi une boucle
# d'entraînement personnalisée ignore ses pénalités, et la corriger ; (6) écrire votre propre
# régulariseur.

# %%
import coursetools as ct  # en: first: it quiets TensorFlow before TensorFlow loads # fr: en premier : il fait taire TensorFlow avant que TensorFlow ne soit chargé

ct.setup(_(en="en", fr="fr"))

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from keras import regularizers as regs

# %% [markdown] lang="en"
# ## 1. The three penalties and their defaults
#
# Lesson 1 ended on a large network that learned the noise of its training set. A **weight
# penalty** fights this by adding to the loss a term that grows with the size of the
# weights: the optimizer must then trade a better fit of the training data against larger
# weights, and only the weights that really lower the data loss stay large. For a weight
# tensor $W$ Keras 3 defines
#
# - `L1(l1)`: $\;\ell_1 \sum_i |w_i|$
# - `L2(l2)`: $\;\ell_2 \sum_i w_i^2$ (no $\tfrac12$ factor, unlike many textbooks)
# - `L1L2(l1, l2)`: $\;\ell_1 \sum_i |w_i| + \ell_2 \sum_i w_i^2$
#
# The lower-case names `l1`, `l2`, `l1_l2` are not functions but other names for the same
# classes. A layer also accepts a string, which Keras turns into a regularizer with default
# factors. Rather than trusting a tutorial, let us ask Keras for its defaults.

# %% [markdown] lang="fr"
# ## 1. Les trois pénalités et leurs valeurs par défaut
#
# La leçon 1 s'est terminée sur un grand réseau qui apprenait le bruit de son jeu
# d'entraînement. Une **pénalité sur les poids** combat ce phénomène en ajoutant à la perte un
# terme qui croît avec la taille des poids : l'optimiseur doit alors arbitrer entre mieux
# ajuster les données d'entraînement et avoir de plus grands poids, et seuls les poids qui
# font vraiment baisser la perte sur les données restent grands. Pour un tenseur de poids
# $W$, Keras 3 définit
#
# - `L1(l1)` : $\;\ell_1 \sum_i |w_i|$
# - `L2(l2)` : $\;\ell_2 \sum_i w_i^2$ (sans facteur $\tfrac12$, contrairement à beaucoup de
#   manuels)
# - `L1L2(l1, l2)` : $\;\ell_1 \sum_i |w_i| + \ell_2 \sum_i w_i^2$
#
# Les noms en minuscules `l1`, `l2`, `l1_l2` ne sont pas des fonctions, mais d'autres noms
# pour les mêmes classes. Une couche accepte aussi une chaîne de caractères, que Keras
# transforme en régulariseur avec les coefficients par défaut. Plutôt que de croire un
# tutoriel sur parole, demandons ses valeurs par défaut à Keras.

# %%
print(
    _(en="l1, l2, l1_l2 are L1, L2, L1L2:", fr="l1, l2, l1_l2 sont L1, L2, L1L2 :"),
    regs.l1 is regs.L1,
    regs.l2 is regs.L2,
    regs.l1_l2 is regs.L1L2,
)


def factors(regularizer):
    """en: The penalty factors of a regularizer, rounded for printing.

    fr: Les coefficients de pénalité d'un régulariseur, arrondis pour l'affichage.
    """
    return {key: round(float(value), 6) for key, value in regularizer.get_config().items()}


for label, regularizer in [
    ("L1()", regs.L1()),
    ("L2()", regs.L2()),
    ("L1L2()", regs.L1L2()),
    ('"l1"', regs.get("l1")),
    ('"l2"', regs.get("l2")),
    ('"l1l2"', regs.get("l1l2")),
]:
    print(f"{label:>8} -> {type(regularizer).__name__:4} {factors(regularizer)}")
try:
    regs.get("l1_l2")
except ValueError as error:
    print('  "l1_l2" ->', error)

# %% [markdown] lang="en"
# So `L1()`, `L2()`, `"l1"` and `"l2"` all use a factor of 0.01, while `L1L2()` and `"l1l2"`
# default to **0 for both terms**: `kernel_regularizer=keras.regularizers.l1_l2()` silently
# adds nothing. Always write the factors explicitly. Now the formulas, checked on a small
# matrix:

# %% [markdown] lang="fr"
# Ainsi, `L1()`, `L2()`, `"l1"` et `"l2"` utilisent tous un coefficient de 0,01, tandis que
# `L1L2()` et `"l1l2"` valent **0 pour les deux termes** par défaut :
# `kernel_regularizer=keras.regularizers.l1_l2()` n'ajoute rien, sans le moindre
# avertissement. Écrivez toujours les coefficients explicitement. Vérifions maintenant les
# formules sur une petite matrice :

# %%
w = np.array([[0.5, -1.0], [2.0, 0.0], [-0.25, 1.5]], dtype="float32")
print(f"{'':>14} {'Keras':>7} {'NumPy':>7}")
print(f"{'L1(0.1)':>14} {float(regs.L1(0.1)(w)):7.4f} {0.1 * np.abs(w).sum():7.4f}")
print(f"{'L2(0.1)':>14} {float(regs.L2(0.1)(w)):7.4f} {0.1 * np.square(w).sum():7.4f}")
print(
    f"{'L1L2(0.1, 0.1)':>14} {float(regs.L1L2(l1=0.1, l2=0.1)(w)):7.4f} "
    f"{0.1 * np.abs(w).sum() + 0.1 * np.square(w).sum():7.4f}"
)
print(
    _(en="L2 with a 1/2 factor would give", fr="L2 avec un facteur 1/2 donnerait"),
    round(0.5 * 0.1 * float(np.square(w).sum()), 4),
)

# %% [markdown] lang="en"
# The missing $\tfrac12$ matters when you translate a paper: the gradient of
# $\ell_2 \sum w^2$ is $2\ell_2 w$, so a "weight decay $\lambda$" written as
# $\tfrac{\lambda}{2}\lVert W\rVert^2$ is `L2(λ / 2)` in Keras. We will check this gradient in
# section 6.

# %% [markdown] lang="fr"
# L'absence du $\tfrac12$ compte quand on transpose un article : le gradient de
# $\ell_2 \sum w^2$ vaut $2\ell_2 w$, donc une « décroissance des poids $\lambda$ » écrite
# $\tfrac{\lambda}{2}\lVert W\rVert^2$ correspond à `L2(λ / 2)` dans Keras. Nous vérifierons ce
# gradient à la section 6.

# %% [markdown] lang="en"
# ## 2. Kernel, bias, activity: where the penalty applies, and `model.losses`
#
# Every Keras layer with weights takes three optional arguments:
# - `kernel_regularizer`: a penalty on the kernel $W$, the usual choice;
# - `bias_regularizer`: a penalty on the bias $b$, rarely useful (a bias does not multiply
#   the input, so it adds little capacity), and **not implied** by `kernel_regularizer`;
# - `activity_regularizer`: a penalty on the layer's **output**, recomputed at every call
#   (section 5).
#
# Keras 1 called the first two `W_regularizer` and `b_regularizer`; Keras 2.0.0 renamed them,
# and the multi-backend Keras 2 (2.0.0 to 2.3.1) still accepted the old names with a warning
# (`keras/legacy/interfaces.py` maps `W_regularizer` to `kernel_regularizer`), which Keras 3
# no longer does. Older tutorials and answers still write `W_regularizer`; here is what
# Keras 3 makes of a layer written that way.

# %% [markdown] lang="fr"
# ## 2. Noyau, biais, activité : où s'applique la pénalité, et `model.losses`
#
# Toute couche Keras munie de poids accepte trois arguments facultatifs :
# - `kernel_regularizer` : une pénalité sur le noyau $W$, le choix habituel ;
# - `bias_regularizer` : une pénalité sur le biais $b$, rarement utile (un biais ne multiplie
#   pas l'entrée, il apporte donc peu de capacité), et qui **n'est pas impliquée** par
#   `kernel_regularizer` ;
# - `activity_regularizer` : une pénalité sur la **sortie** de la couche, recalculée à chaque
#   appel (section 5).
#
# Keras 1 appelait les deux premiers `W_regularizer` et `b_regularizer` ; Keras 2.0.0 les a
# renommés, et le Keras 2 multi-moteurs (2.0.0 à 2.3.1) acceptait encore les anciens noms avec
# un avertissement (`keras/legacy/interfaces.py` traduit `W_regularizer` en
# `kernel_regularizer`), ce que Keras 3 ne fait plus. De vieux tutoriels et de vieilles
# réponses écrivent encore `W_regularizer` ; voici ce que Keras 3 fait d'une couche écrite
# ainsi.

# %%
try:
    keras.layers.Dense(4, W_regularizer="l2")
except ValueError as error:
    print(type(error).__name__ + ":", error)
renamed = keras.layers.Dense(4, kernel_regularizer="l2")
print(
    _(en="kernel_regularizer='l2' gives:", fr="kernel_regularizer='l2' donne :"),
    type(renamed.kernel_regularizer).__name__,
    renamed.kernel_regularizer.get_config(),
)

# %% [markdown] lang="en"
# Keras 3 refuses the old name with a `ValueError` instead of ignoring it: a model copied
# from a Keras 1 text fails at once rather than training without its penalty. The string
# `"l2"` stands for `L2()` with its default factor 0.01.
#
# Penalties are applied layer by layer, and the model collects them in the list
# `model.losses`, which training adds to the data loss. Let us build a two-layer model that
# uses all three and read that list.

# %% [markdown] lang="fr"
# Keras 3 refuse l'ancien nom par une `ValueError` au lieu de l'ignorer : un modèle recopié
# d'un texte écrit pour Keras 1 échoue tout de suite, plutôt que de s'entraîner sans sa
# pénalité. La chaîne `"l2"` désigne `L2()` avec son facteur par défaut, 0,01.
#
# Les pénalités s'appliquent couche par couche, et le modèle les rassemble dans la liste
# `model.losses`, que l'entraînement ajoute à la perte sur les données. Construisons un modèle
# à deux couches qui utilise les trois, et lisons cette liste.

# %%
ct.reseed()
model = keras.Sequential(
    [
        keras.Input((3,)),
        keras.layers.Dense(
            4,
            activation="relu",
            kernel_regularizer=regs.L2(0.01),
            bias_initializer="random_normal",
            name="hidden",
        ),
        keras.layers.Dense(
            2,
            kernel_regularizer=regs.L1(0.01),
            bias_regularizer=regs.L2(0.1),
            activity_regularizer=regs.L2(0.01),
            bias_initializer="random_normal",
            name="output",
        ),
    ],
    name="small",
)
print(
    _(en="penalties before any call:", fr="pénalités avant tout appel :"),
    len(model.losses),
)
x = np.random.default_rng(0).normal(size=(4, 3)).astype("float32")
y = np.asarray(model(x))
labels = [f"{layer.name}/activity" for layer in model.layers if layer.activity_regularizer]
labels += [f"{v.path.split('/', 1)[1]}" for v in model.trainable_weights if v.regularizer]
print(_(en="penalties after one call:", fr="pénalités après un appel :"), len(model.losses))
for label, loss in zip(labels, model.losses, strict=True):
    print(f"  {label:<16} {float(loss):.4f}")
print(_(en="  sum(model.losses)", fr="  sum(model.losses)"), round(float(sum(model.losses)), 4))

# %% [markdown] lang="en"
# Three weight penalties exist as soon as the model is built; the activity penalty appears
# only once the model has been called on data. The list starts with the **activity
# penalties** of the last call, then the **weight penalties** in the order of
# `model.trainable_weights`: first layer first, kernel before bias. The hidden layer's bias
# has no entry: it is not penalized. The weight penalties are recomputed from the current
# weights every time you read `model.losses`. Let us recompute each entry with NumPy.

# %% [markdown] lang="fr"
# Les trois pénalités sur les poids existent dès que le modèle est construit ; la pénalité
# d'activité n'apparaît qu'une fois le modèle appliqué à des données. La liste commence par
# les **pénalités d'activité** du dernier appel, puis viennent les **pénalités sur les poids**
# dans l'ordre de `model.trainable_weights` : la première couche d'abord, le noyau avant le
# biais. Le biais de la couche cachée n'a pas d'entrée : il n'est pas pénalisé. Les pénalités
# sur les poids sont recalculées à partir des poids actuels chaque fois qu'on lit
# `model.losses`. Recalculons chaque terme avec NumPy.

# %%
k_hidden, b_hidden = model.get_layer("hidden").get_weights()
k_output, b_output = model.get_layer("output").get_weights()
by_hand = [
    # en: activity: divided by the batch size (section 5)
    # fr: activité : divisée par la taille du lot (section 5)
    0.01 * np.sum(y**2) / len(x),
    0.01 * np.sum(k_hidden**2),
    0.01 * np.sum(np.abs(k_output)),
    0.1 * np.sum(b_output**2),
]
print(np.round(by_hand, 4))
print(
    _(en="NumPy matches model.losses:", fr="NumPy concorde avec model.losses :"),
    bool(np.allclose(by_hand, [float(v) for v in model.losses], atol=1e-6)),
)
print(
    _(
        en="what the unpenalized hidden bias would have added with L2(0.01):",
        fr="ce qu'aurait ajouté le biais caché, non pénalisé, avec L2(0,01) :",
    ),
    round(float(0.01 * np.sum(b_hidden**2)), 4),
)

# %% [markdown] lang="en"
# ## 3. The loss you see during training includes the penalties
#
# `fit` minimizes `data loss + sum(model.losses)`, and that sum is also the `loss` it reports
# in the history; `evaluate` (hence `val_loss`) adds the penalties too. To see it without any
# weight changing, we train a softmax layer on the digits for one epoch with a learning rate
# of 0, in a single batch of all 1,000 images.

# %% [markdown] lang="fr"
# ## 3. La perte affichée pendant l'entraînement contient les pénalités
#
# `fit` minimise `perte sur les données + sum(model.losses)`, et c'est aussi cette somme qu'il
# inscrit comme `loss` dans l'historique ; `evaluate` (donc `val_loss`) ajoute lui aussi les
# pénalités. Pour le voir sans qu'aucun poids ne change, nous entraînons une couche softmax
# sur les chiffres pendant une époque avec un taux d'apprentissage nul, en un seul lot des
# 1 000 images.

# %%
x_train, y_train, x_val, y_val = ct.load_digits_split()
ct.reseed()
probe = keras.Sequential(
    [
        keras.Input((64,)),
        keras.layers.Dense(
            10, activation="softmax", kernel_regularizer=regs.L2(0.01), name="softmax"
        ),
    ],
    name="probe",
)
probe.compile(keras.optimizers.SGD(learning_rate=0.0), loss="sparse_categorical_crossentropy")
data_loss = float(keras.losses.SparseCategoricalCrossentropy()(y_train, probe(x_train)))
penalty = float(sum(probe.losses))
history = probe.fit(x_train, y_train, batch_size=len(x_train), epochs=1, verbose=0)
evaluated = probe.evaluate(x_train, y_train, batch_size=len(x_train), verbose=0)
print(_(en="data loss:           ", fr="perte sur les données :"), round(data_loss, 4))
print(_(en="penalty:             ", fr="pénalité :             "), round(penalty, 4))
print(_(en="sum:                 ", fr="somme :                "), round(data_loss + penalty, 4))
print(
    _(en="loss in the history: ", fr="perte de l'historique :"),
    round(history.history["loss"][0], 4),
)
print(_(en="loss from evaluate:  ", fr="perte selon evaluate : "), round(evaluated, 4))

# %% [markdown] lang="en"
# A consequence: do not compare the `val_loss` of a penalized model with that of an
# unpenalized one, since only the first includes a penalty. Compare accuracies, or compute the
# data loss yourself as above.
#
# ### Exercise 1 — the penalty of a model, by hand (3 points)
#
# Write `penalty_by_hand(model)` that returns, as a Python float, the total weight penalty of
# a `Sequential` model made of `Dense` layers, computed with NumPy, so that it matches
# `float(sum(model.losses))` (the models have no activity regularizer). What you need:
# - `model.layers` lists the layers; `layer.kernel_regularizer` and `layer.bias_regularizer`
#   are `None` or a regularizer;
# - `regularizer.get_config()` gives its factors: `{"l1": ...}`, `{"l2": ...}` or both;
# - `np.asarray(layer.kernel)` and `np.asarray(layer.bias)` give the weights; a layer built
#   with `use_bias=False` has `layer.bias = None`.

# %% [markdown] lang="fr"
# Conséquence : ne comparez pas la `val_loss` d'un modèle pénalisé à celle d'un modèle non
# pénalisé, puisque seule la première contient une pénalité. Comparez les exactitudes, ou
# calculez vous-même la perte sur les données comme ci-dessus.
#
# ### Exercice 1 — la pénalité d'un modèle, à la main (3 points)
#
# Écrivez `penalty_by_hand(model)` qui renvoie, sous forme de flottant Python, la pénalité
# totale sur les poids d'un modèle `Sequential` formé de couches `Dense`, calculée avec NumPy,
# de sorte qu'elle soit égale à `float(sum(model.losses))` (les modèles n'ont pas de
# régularisation d'activité). Ce dont vous avez besoin :
# - `model.layers` donne la liste des couches ; `layer.kernel_regularizer` et
#   `layer.bias_regularizer` valent `None` ou un régulariseur ;
# - `regularizer.get_config()` donne ses coefficients : `{"l1": ...}`, `{"l2": ...}` ou les
#   deux ;
# - `np.asarray(layer.kernel)` et `np.asarray(layer.bias)` donnent les poids ; une couche
#   construite avec `use_bias=False` a `layer.bias = None`.


# %% nbgrader="solution" grade_id="penalty_by_hand"
def penalty_by_hand(model):
    ### BEGIN SOLUTION
    total = 0.0
    for layer in model.layers:
        for regularizer, weights in [
            (layer.kernel_regularizer, layer.kernel),
            (layer.bias_regularizer, layer.bias),
        ]:
            if regularizer is None or weights is None:
                continue
            config = regularizer.get_config()
            values = np.asarray(weights, dtype="float64")
            total += config.get("l1", 0.0) * np.sum(np.abs(values))
            total += config.get("l2", 0.0) * np.sum(np.square(values))
    return float(total)
    ### END SOLUTION


# %% nbgrader="tests" grade_id="penalty_by_hand_tests" points=3
# en: Visible tests: run this cell to check your function.
# fr: Tests visibles : exécutez cette cellule pour vérifier votre fonction.
ct.reseed()
_one = keras.Sequential(
    [
        keras.Input((5,)),
        keras.layers.Dense(4, kernel_regularizer=regs.L2(0.02), bias_initializer="ones"),
    ]
)
_expected = float(sum(_one.losses))
_got = float(penalty_by_hand(_one))
_kernel = np.asarray(_one.layers[0].kernel)
if np.isclose(_got, 0.0, atol=1e-7):
    raise AssertionError(
        _(
            en="Your penalty is 0 for a model of one layer: did you skip a layer of model.layers?",
            fr="Votre pénalité vaut 0 pour un modèle d'une seule couche : avez-vous sauté une couche de model.layers ?",
        )
    )
if np.isclose(_got, _expected / 2, rtol=1e-4):
    raise AssertionError(
        _(
            en="Keras' L2 has no 1/2 factor: the penalty is l2 * sum(w**2), not l2/2 * sum(w**2).",
            fr="Le L2 de Keras n'a pas de facteur 1/2 : la pénalité vaut l2 * sum(w**2), et non l2/2 * sum(w**2).",
        )
    )
if np.isclose(_got, _expected + 0.02 * 4, rtol=1e-4):
    raise AssertionError(
        _(
            en="You penalized the bias, but this layer only has a kernel_regularizer: a bias is penalized only by its own bias_regularizer.",
            fr="Vous avez pénalisé le biais, mais cette couche n'a qu'un kernel_regularizer : un biais n'est pénalisé que par son propre bias_regularizer.",
        )
    )
if np.isclose(_got, _expected / _kernel.size, rtol=1e-4):
    raise AssertionError(
        _(
            en="You took the mean over the weights: Keras sums them.",
            fr="Vous avez pris la moyenne sur les poids : Keras en fait la somme.",
        )
    )
assert np.isclose(_got, _expected, rtol=1e-4), _(
    en=f"One Dense layer with kernel L2(0.02): expected {_expected:.5f}, got {_got:.5f}.",
    fr=f"Une couche Dense avec L2(0,02) sur le noyau : attendu {_expected:.5f}, obtenu {_got:.5f}.",
)
ct.reseed()
_three = keras.Sequential(
    [
        keras.Input((6,)),
        keras.layers.Dense(5, activation="relu", kernel_regularizer=regs.L1(0.01)),
        keras.layers.Dense(
            4,
            kernel_regularizer=regs.L2(0.03),
            bias_regularizer=regs.L1(0.2),
            bias_initializer="random_normal",
        ),
        keras.layers.Dense(3, kernel_regularizer=regs.L1L2(l1=0.005, l2=0.04)),
    ]
)
_expected = float(sum(_three.losses))
_got = float(penalty_by_hand(_three))
for _index, _layer in enumerate(_three.layers):
    if np.isclose(_got, _expected - float(sum(_layer.losses)), rtol=1e-4):
        raise AssertionError(
            _(
                en=f"The penalty of layer {_index} is missing: add up every layer of model.layers.",
                fr=f"La pénalité de la couche {_index} manque : additionnez toutes les couches de model.layers.",
            )
        )
_bias = np.asarray(_three.layers[1].bias, "float64")
if np.isclose(_got, _expected - 0.2 * float(np.sum(np.abs(_bias))), rtol=1e-4):
    raise AssertionError(
        _(
            en="The bias penalty of layer 1 is missing: a layer's bias_regularizer adds its own "
            "term, computed on layer.bias.",
            fr="La pénalité du biais de la couche 1 manque : le bias_regularizer d'une couche "
            "ajoute son propre terme, calculé sur layer.bias.",
        )
    )
_kernel = np.asarray(_three.layers[2].kernel, "float64")
for _part in (0.005 * np.sum(np.abs(_kernel)), 0.04 * np.sum(_kernel**2)):
    if np.isclose(_got, _expected - float(_part), rtol=1e-4):
        raise AssertionError(
            _(
                en="Your L1L2 penalty uses only one of its two factors: it adds "
                "l1 * sum(|w|) + l2 * sum(w**2).",
                fr="Votre pénalité L1L2 n'utilise qu'un de ses deux coefficients : elle ajoute "
                "l1 * sum(|w|) + l2 * sum(w**2).",
            )
        )
assert np.isclose(_got, _expected, rtol=1e-4), _(
    en=f"Three layers (L1, L2 + bias L1, L1L2): expected {_expected:.5f}, got {_got:.5f}. Does your code use both factors of an L1L2?",
    fr=f"Trois couches (L1, L2 + biais L1, L1L2) : attendu {_expected:.5f}, obtenu {_got:.5f}. Votre code utilise-t-il les deux coefficients d'un L1L2 ?",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
ct.reseed(ct.fresh_seed())
_cases = [
    [
        keras.layers.Dense(4, use_bias=False, kernel_regularizer=regs.L2(0.07)),
        keras.layers.Dense(3, bias_regularizer=regs.L2(0.5), bias_initializer="random_normal"),
    ],
    [
        keras.layers.Dense(
            8,
            kernel_regularizer=regs.L1L2(l1=0.01),
            bias_regularizer=regs.L1L2(l2=0.3),
            bias_initializer="random_normal",
        ),
        keras.layers.Dense(6),
        keras.layers.Dense(2, use_bias=False, kernel_regularizer="l1", bias_regularizer="l2"),
    ],
    [keras.layers.Dense(3)],
]
for _layers in _cases:
    _m = keras.Sequential([keras.Input((7,))] + _layers)
    _m.layers[0].kernel.assign(_m.layers[0].kernel * 3.0)
    _expected = float(sum(_m.losses)) if _m.losses else 0.0
    _got = penalty_by_hand(_m)
    assert isinstance(_got, float), type(_got)
    assert np.isclose(_got, _expected, rtol=1e-4, atol=1e-7), (_got, _expected)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## 4. L1 makes weights (almost) zero, L2 shrinks them
#
# Both penalties pull every weight towards 0, but not with the same force. The gradient of
# $\ell_2 w^2$ is $2\ell_2 w$: it fades as the weight gets small, so L2 makes weights small
# but has no reason to make any of them zero. The gradient of $\ell_1 |w|$ is
# $\ell_1\,\mathrm{sign}(w)$: the same push however small the weight is, so every weight whose
# data gradient is weaker than $\ell_1$ is driven all the way to 0. L1 thus produces **sparse**
# weights, and a zero row of the first kernel means the model ignores that input feature:
# L1 performs **feature selection**.
#
# Let us check it on the digits (64 pixels, 10 classes) with the simplest model, a single
# softmax layer, trained by plain SGD with the same factor 0.003 for L1 and for L2. (Plain SGD
# on purpose: Adam rescales every gradient, the penalty's included, which blurs the
# comparison; lesson 3 comes back to this.)

# %% [markdown] lang="fr"
# ## 4. L1 rend les poids (presque) nuls, L2 les réduit
#
# Les deux pénalités tirent chaque poids vers 0, mais pas avec la même force. Le gradient de
# $\ell_2 w^2$ vaut $2\ell_2 w$ : il s'affaiblit à mesure que le poids diminue, si bien que L2
# rend les poids petits sans avoir de raison d'en annuler aucun. Le gradient de $\ell_1 |w|$
# vaut $\ell_1\,\mathrm{signe}(w)$ : la même poussée, aussi petit que soit le poids, si bien que
# tout poids dont le gradient venu des données est plus faible que $\ell_1$ est conduit
# jusqu'à 0. L1 produit donc des poids **parcimonieux**, et une ligne nulle du premier noyau
# signifie que le modèle ignore la variable d'entrée correspondante : L1 fait de la
# **sélection de variables**.
#
# Vérifions-le sur les chiffres (64 pixels, 10 classes) avec le modèle le plus simple, une
# unique couche softmax, entraînée par une descente de gradient stochastique (SGD) simple, avec
# le même coefficient 0,003 pour L1 et pour L2. (La SGD simple est un choix délibéré : Adam
# remet chaque gradient à l'échelle, y compris celui de la pénalité, ce qui brouille la
# comparaison ; la leçon 3 y reviendra.)


# %%
def train_digits(regularizer):
    ct.reseed()
    model = keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(
                10, activation="softmax", kernel_regularizer=regularizer, name="softmax"
            ),
        ],
        name="digits",
    )
    model.compile(
        keras.optimizers.SGD(learning_rate=0.5),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(x_train, y_train, batch_size=100, epochs=20, verbose=0)
    accuracy = model.evaluate(x_val, y_val, batch_size=500, verbose=0)[1]
    return model.get_layer("softmax").get_weights()[0], accuracy


kernels, accuracies = {}, {}
for name, regularizer in [("L1", regs.L1(0.003)), ("L2", regs.L2(0.003))]:
    kernels[name], accuracies[name] = train_digits(regularizer)
print(
    f"{'':>4} | {_(en='val. acc.', fr='exact. val.'):>11} | {'|w|<0.001':>9} | "
    f"{'|w|<0.0015':>10} | {'|w|<0.01':>8} | {'w == 0':>6} | {'min w':>7} | {'max w':>7}"
)
for name, kernel in kernels.items():
    size = np.abs(kernel)
    print(
        f"{name:>4} | {accuracies[name]:11.3f} | {int((size < 1e-3).sum()):9d} | "
        f"{int((size < 1.5e-3).sum()):10d} | {int((size < 1e-2).sum()):8d} | "
        f"{int((size == 0).sum()):6d} | {kernel.min():7.3f} | {kernel.max():7.3f}"
    )
print(_(en="weights per kernel:", fr="poids par noyau :"), kernels["L1"].size)

# %%
# alt en: Two histograms of the 640 kernel weights, L1 (solid) and L2 (dashed). Over the
# alt en: whole range, from about -1.6 to +1.6, L1 has a tall narrow spike at 0 while the L2
# alt en: weights form a lower, wider peak; the zoom on -0.02 to 0.02 shows 222 L1 weights
# alt en: within 0.0015 of 0, against 3 for L2.
# alt fr: Deux histogrammes des 640 poids du noyau, L1 (trait plein) et L2 (tirets). Sur
# alt fr: toute l'étendue, d'environ -1,6 à +1,6, L1 présente en 0 un pic haut et étroit,
# alt fr: tandis que les poids L2 forment un pic plus bas et plus large ; le zoom entre -0,02
# alt fr: et 0,02 montre 222 poids L1 à moins de 0,0015 de 0, contre 3 pour L2.
fig, axes = plt.subplots(1, 2, figsize=(8, 3.4))
for ax, bins, title in [
    (axes[0], np.linspace(-1.8, 1.8, 73), _(en="all weights", fr="tous les poids")),
    (axes[1], np.linspace(-0.02, 0.02, 41), _(en="zoom near 0", fr="zoom autour de 0")),
]:
    for index, (name, kernel) in enumerate(kernels.items()):
        ax.hist(
            kernel.ravel(),
            bins=bins,
            histtype="step",
            lw=1.5,
            color=f"C{index}",
            linestyle=ct.LINESTYLES[index],
            label=name,
        )
    ax.set_xlabel(_(en="kernel weight", fr="poids du noyau"))
    ax.set_ylabel(_(en="number of weights", fr="nombre de poids"))
    ax.set_title(title)
    ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown] lang="en"
# The L1 histogram has a tall spike at 0 and the L2 histogram has none, for almost the same
# validation accuracy (0.932 and 0.934). But look at the "w == 0" column: **no weight is
# exactly zero**. With plain SGD, every step moves an L1-penalized weight by learning rate ×
# $\ell_1$ = 0.5 × 0.003 = 0.0015 towards 0; a weight closer to 0 than that jumps over it and
# comes back, so it oscillates in a band of about ±0.0015 around 0: 222 of the 640 L1 weights
# are in that band, against 3 for L2 (the zoom shows it). Exact zeros need another optimizer
# step (a proximal step that stops at 0), or pruning the small weights after training. Notice
# also the range: L1 weights are negative and positive, from about −1.6 to +1.6, so the claim
# sometimes read that "L1 gives binary weights between 0 and 1" is simply wrong: L1 gives
# *many zeros*, and leaves the useful weights free.
#
# Which weights vanish? Each pixel has a row of 10 weights in the kernel. Let us draw, for
# every pixel, its largest weight in absolute value.

# %% [markdown] lang="fr"
# L'histogramme de L1 présente un pic très haut en 0, celui de L2 aucun, pour une exactitude
# de validation presque identique (0,932 et 0,934). Mais regardez la colonne « w == 0 » :
# **aucun poids n'est exactement nul**. Avec la SGD simple, chaque pas déplace un poids pénalisé
# par L1 de taux d'apprentissage × $\ell_1$ = 0,5 × 0,003 = 0,0015 vers 0 ; un poids plus
# proche de 0 que cela saute par-dessus puis revient, et oscille donc dans une bande d'environ
# ±0,0015 autour de 0 : 222 des 640 poids L1 sont dans cette bande, contre 3 pour L2 (le zoom
# le montre). Des zéros exacts demandent un autre pas d'optimisation (un pas proximal, qui
# s'arrête en 0) ou l'élagage des petits poids après l'entraînement. Notez aussi
# l'étendue des valeurs : les poids L1 sont négatifs et positifs, d'environ −1,6 à +1,6.
# L'affirmation qu'on lit parfois, « L1 donne des poids binaires entre 0 et 1 », est tout
# simplement fausse : L1 donne *beaucoup de zéros* et laisse libres les poids utiles.
#
# Quels poids disparaissent ? Chaque pixel a une ligne de 10 poids dans le noyau. Dessinons,
# pour chaque pixel, son plus grand poids en valeur absolue.

# %%
# alt en: Two 8 by 8 maps, L1 and L2, colouring each pixel by the largest of its 10 kernel
# alt en: weights in absolute value; crosses mark the 16 pixels L1 switched off, 14 of them in
# alt en: the leftmost or rightmost column, while the L2 map has no cross.
# alt fr: Deux cartes 8 par 8, L1 et L2, qui colorent chaque pixel selon le plus grand de ses
# alt fr: 10 poids en valeur absolue ; des croix marquent les 16 pixels éteints par L1, dont
# alt fr: 14 dans la première ou la dernière colonne, et la carte L2 n'a aucune croix.
largest = {name: np.abs(kernel).max(axis=1).reshape(8, 8) for name, kernel in kernels.items()}
top = max(float(grid.max()) for grid in largest.values())
fig, axes = plt.subplots(1, 2, figsize=(6.4, 3.2))
for ax, (name, grid) in zip(axes, largest.items(), strict=True):
    image = ax.imshow(grid, cmap="viridis", vmin=0, vmax=top)
    rows, cols = np.nonzero(grid < 1e-2)
    ax.plot(
        cols,
        rows,
        "x",
        color="C7",
        markersize=8,
        markeredgewidth=2,
        label=_(en="all |w| < 0.01", fr="tous les |w| < 0,01"),
    )
    ax.set_title(name)
    ax.set_xticks([])
    ax.set_yticks([])
axes[0].legend(loc="lower center", bbox_to_anchor=(0.5, -0.2), fontsize="small")
fig.colorbar(image, ax=axes, shrink=0.8)
fig.suptitle(
    _(
        en="Largest |w| among the 10 weights of each pixel",
        fr="Plus grand |w| parmi les 10 poids de chaque pixel",
    )
)
plt.show()
print(
    _(en="pixels always 0 in the training images:", fr="pixels toujours nuls dans les images :"),
    int((x_train.max(axis=0) == 0).sum()),
)
for name, grid in largest.items():
    off, border = int((grid < 1e-2).sum()), int((grid[:, [0, -1]] < 1e-2).sum())
    print(
        _(
            en=f"{name}: pixels whose 10 weights are all below 0.01: {off}, "
            f"{border} of them in the leftmost or rightmost column",
            fr=f"{name} : pixels dont les 10 poids sont tous sous 0,01 : {off}, "
            f"dont {border} dans la première ou la dernière colonne",
        )
    )

# %% [markdown] lang="en"
# L1 switched off 16 pixels (the crosses), 14 of them in the leftmost or rightmost column,
# many more than the 4 pixels that are always blank: the few dark strokes that reach them do not lower
# the data loss enough to pay for the penalty. L2 keeps every pixel, with small but non-zero
# weights at the border.
#
# ### Written question (2 points, graded by hand)
#
# From the table and the figures above, describe the difference between the L1 and the L2
# kernels. Then give one situation where you would choose L1 rather than L2, and one where
# you would choose L2, and say why.

# %% [markdown] lang="fr"
# L1 a éteint 16 pixels (les croix), dont 14 dans la première ou la dernière colonne, bien plus
# que les 4 pixels toujours blancs : les rares traits qui les atteignent ne font pas assez baisser
# la perte sur les données pour payer la pénalité. L2 garde tous les pixels, avec des poids
# petits mais non nuls sur la bordure.
#
# ### Question rédigée (2 points, corrigée à la main)
#
# À partir du tableau et des figures ci-dessus, décrivez la différence entre les noyaux
# obtenus avec L1 et avec L2. Donnez ensuite une situation où vous choisiriez L1 plutôt que
# L2, et une où vous choisiriez L2, en expliquant pourquoi.

# %% [markdown] lang="en" nbgrader="manual" grade_id="l1_or_l2" points=2
# With the same factor and the same accuracy, the L1 kernel has a large share of its weights
# within 0.001 of zero (a spike at 0 in the histogram, whole pixels switched off) and a few
# large weights, whereas the L2 kernel has almost no weight that small: its weights are all
# shrunk but spread out. No weight is exactly 0 because SGD makes L1 weights oscillate around
# 0. I would choose L1 when I expect only some inputs to matter and want the model to select
# them, for instance many features of which few are informative, or to obtain a sparse model
# I can prune and interpret. I would choose L2 when many inputs each carry a little
# information, or inputs are correlated: L2 shares the weight among them and keeps them all,
# it is smooth (its gradient vanishes near 0, so training is stable) and it is the usual
# default weight decay for deep networks.

# %% [markdown] lang="fr" nbgrader="manual" grade_id="l1_or_l2" points=2
# Avec le même coefficient et la même exactitude, le noyau L1 a une grande part de ses poids à
# moins de 0,001 de zéro (un pic en 0 dans l'histogramme, des pixels entiers éteints) et
# quelques grands poids, alors que le noyau L2 n'a presque aucun poids aussi petit : tous ses
# poids sont réduits mais restent étalés. Aucun poids n'est exactement nul, car la SGD fait
# osciller les poids L1 autour de 0. Je choisirais L1 quand je m'attends à ce que seules
# certaines entrées comptent et que je veux que le modèle les sélectionne, par exemple beaucoup
# de variables dont peu sont informatives, ou pour obtenir un modèle parcimonieux que je peux
# élaguer et interpréter. Je choisirais L2 quand de nombreuses entrées apportent chacune un peu
# d'information, ou quand elles sont corrélées : L2 répartit le poids entre elles et les garde
# toutes, il est régulier (son gradient s'annule près de 0, l'entraînement reste stable) et
# c'est la décroissance des poids utilisée par défaut pour les réseaux profonds.

# %% [markdown] lang="en"
# ## 5. The activity regularizer penalizes the layer's output
#
# `activity_regularizer` does not look at the weights at all: Keras applies it to the tensor
# the layer **returns** (after its activation), at every call. Since that output has one row
# per example, the penalty would grow with the batch size; let us measure what Keras 3.15 does
# by calling a layer on one example, then on a batch of four copies of it.

# %% [markdown] lang="fr"
# ## 5. La régularisation d'activité pénalise la sortie de la couche
#
# `activity_regularizer` ne regarde pas du tout les poids : Keras l'applique au tenseur que la
# couche **renvoie** (après son activation), à chaque appel. Comme cette sortie a une ligne par
# exemple, la pénalité grandirait avec la taille du lot ; mesurons ce que fait Keras 3.15 en
# appelant une couche sur un exemple, puis sur un lot de quatre copies de cet exemple.

# %%
ct.reseed()
active = keras.layers.Dense(3, activity_regularizer=regs.L2(0.01), name="active")
row = np.random.default_rng(1).normal(size=(1, 5)).astype("float32")
print(
    f"{_(en='batch', fr='lot'):>5} | {_(en='Keras', fr='Keras'):>7} | "
    f"{'0.01*sum(out**2)':>16} | {_(en='same / batch', fr='idem / lot'):>12}"
)
for batch in (row, np.repeat(row, 4, axis=0)):
    out = np.asarray(active(batch))
    summed = 0.01 * float(np.sum(out**2))
    print(
        f"{len(batch):5d} | {float(active.losses[0]):7.4f} | {summed:16.4f} | "
        f"{summed / len(batch):12.4f}"
    )

# %% [markdown] lang="en"
# Keras 3.15 sums the penalty over the whole output and **divides by the batch size**: the
# activity penalty is an average per example, so it does not depend on the batch size. This
# division depends on the version. `Layer.__call__` (`keras/src/layers/layer.py`) has done
# it, with `ops.divide_no_nan(loss, batch_size)`, only since Keras 3.14; Keras 3.0 to 3.13
# added the raw sum (`self.add_loss(self.activity_regularizer(output))` in 3.13.2), so with
# those versions the penalty grows with the batch size. tf.keras, the Keras 2 of
# TensorFlow 2, already divided by the batch size; the older multi-backend Keras 2 (up to
# 2.3.1) did not.
#
# **A historic bug.** From Keras 2.0.3 to 2.1.3, the activity penalty was sometimes computed
# on the layer's **input** instead of its output. Not in the ordinary case: `Layer.__call__`
# already penalized the output (`keras/engine/topology.py`, line 659 in 2.1.3). The bug was in
# `Container.run_internal_graph` (line 2246), which replays a model's layers when the model
# itself is called on new tensors (a model used as a layer of another model, for instance):
# there the penalty was computed on `computed_tensors`, the layer's inputs. Keras 2.1.4 fixed
# it by passing `output_tensors`. An input does not depend on the layer's own weights, so
# that penalty could not act on them: on the first layer it was a constant (the data) with
# zero gradient, and on a deeper layer it penalized the previous layer's output instead.
# We can reproduce the difference with a gradient tape: the gradient of the penalty with
# respect to the layer's kernel exists for the output and not for the input.

# %% [markdown] lang="fr"
# Keras 3.15 fait la somme de la pénalité sur toute la sortie et **divise par la taille du
# lot** : la pénalité d'activité est une moyenne par exemple, elle ne dépend donc pas de la
# taille du lot. Cette division dépend de la version. `Layer.__call__`
# (`keras/src/layers/layer.py`) ne la fait, avec `ops.divide_no_nan(loss, batch_size)`, que
# depuis Keras 3.14 ; Keras 3.0 à 3.13 ajoutait la somme brute
# (`self.add_loss(self.activity_regularizer(output))` dans la 3.13.2), si bien qu'avec ces
# versions la pénalité grandit avec la taille du lot. tf.keras, le Keras 2 de TensorFlow 2,
# divisait déjà par la taille du lot ; l'ancien Keras 2 multi-moteurs (jusqu'à la 2.3.1) ne
# le faisait pas.
#
# **Un bogue historique.** De Keras 2.0.3 à 2.1.3, la pénalité d'activité était parfois
# calculée sur l'**entrée** de la couche au lieu de sa sortie. Pas dans le cas ordinaire :
# `Layer.__call__` pénalisait déjà la sortie (`keras/engine/topology.py`, ligne 659 dans la
# 2.1.3). Le bogue était dans `Container.run_internal_graph` (ligne 2246), qui rejoue les
# couches d'un modèle quand ce modèle est lui-même appelé sur de nouveaux tenseurs (un modèle
# utilisé comme couche d'un autre modèle, par exemple) : la pénalité y était calculée sur
# `computed_tensors`, les entrées de la couche. Keras 2.1.4 l'a corrigé en passant
# `output_tensors`. Une entrée ne dépend pas des poids de la couche elle-même, donc cette
# pénalité n'avait aucune prise sur eux : sur la première couche, c'était une constante (les
# données) de gradient nul, et sur une couche plus profonde elle pénalisait à la place la
# sortie de la couche précédente. Nous pouvons reproduire la différence avec un enregistreur
# de gradient (`GradientTape`) : le gradient de la pénalité par rapport au noyau de la couche
# existe pour la sortie, pas pour l'entrée.

# %%
batch = np.repeat(row, 4, axis=0)
with tf.GradientTape(persistent=True) as tape:
    out = active(batch)
    on_output = 0.01 * tf.reduce_sum(out**2) / len(batch)
    on_input = 0.01 * tf.reduce_sum(tf.constant(batch) ** 2) / len(batch)
print(
    _(
        en="gradient w.r.t. the kernel, penalty on the output:",
        fr="gradient par rapport au noyau, pénalité sur la sortie :  ",
    ),
    tape.gradient(on_output, active.kernel) is not None,
)
print(
    _(
        en="gradient w.r.t. the kernel, penalty on the input: ",
        fr="gradient par rapport au noyau, pénalité sur l'entrée :",
    ),
    tape.gradient(on_input, active.kernel) is not None,
)
del tape

# %% [markdown] lang="en"
# **What it is for: keeping sigmoid units out of saturation.** A sigmoid unit whose input
# $z = x \cdot w + b$ is far from 0 outputs almost exactly 0 or 1 and its gradient nearly
# vanishes: it is **saturated** and learns very slowly. A kernel penalty keeps the weights
# small, but if the inputs are large, small weights still give a large $z$. An activity
# penalty on $z$ targets the quantity that matters. Note that it must penalize the
# **pre-activation**: an L2 penalty on the sigmoid's output would push it towards 0, that is
# into saturation. So we write the layer as a linear `Dense` carrying the activity
# regularizer, followed by `Activation("sigmoid")`.
#
# We use the digits with their raw pixel values 0–16, not rescaled, and train three
# networks with 32 sigmoid units: no penalty, L2(0.001) on the kernel, and L2(0.001) on the
# activity $z$. We then measure on the validation images the mean $|w|$ of the hidden kernel,
# the mean $|z|$, and the share of saturated units (output below 0.02 or above 0.98).

# %% [markdown] lang="fr"
# **À quoi elle sert : garder les unités sigmoïdes hors de la saturation.** Une unité
# sigmoïde dont l'entrée $z = x \cdot w + b$ est loin de 0 renvoie presque exactement 0 ou 1,
# et son gradient s'annule presque : elle est **saturée** et apprend très lentement. Une
# pénalité sur le noyau garde les poids petits, mais si les entrées sont grandes, de petits
# poids donnent encore un grand $z$. Une pénalité d'activité sur $z$ vise directement la
# grandeur qui compte. Attention, elle doit pénaliser la **pré-activation** : une pénalité L2
# sur la sortie de la sigmoïde la pousserait vers 0, c'est-à-dire vers la saturation. On écrit
# donc la couche comme une `Dense` linéaire portant la régularisation d'activité, suivie de
# `Activation("sigmoid")`.
#
# Nous prenons les chiffres avec leurs valeurs de pixels brutes, de 0 à 16, sans
# remise à l'échelle, et entraînons trois réseaux à 32 unités sigmoïdes : sans pénalité, avec
# L2(0,001) sur le noyau, et avec L2(0,001) sur l'activité $z$. Nous mesurons ensuite sur les
# images de validation le $|w|$ moyen du noyau caché, le $|z|$ moyen et la part d'unités
# saturées (sortie inférieure à 0,02 ou supérieure à 0,98).

# %%
raw_train, raw_val = x_train * 16, x_val * 16


def sigmoid_net(kernel_regularizer=None, activity_regularizer=None):
    ct.reseed()
    inputs = keras.Input((64,))
    z = keras.layers.Dense(
        32,
        kernel_regularizer=kernel_regularizer,
        activity_regularizer=activity_regularizer,
        name="pre_activation",
    )(inputs)
    hidden = keras.layers.Activation("sigmoid")(z)
    outputs = keras.layers.Dense(10, activation="softmax")(hidden)
    net = keras.Model(inputs, outputs)
    net.compile(
        keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy", metrics=["accuracy"]
    )
    net.fit(raw_train, y_train, batch_size=100, epochs=20, verbose=0)
    accuracy = net.evaluate(raw_val, y_val, batch_size=500, verbose=0)[1]
    z_val = np.asarray(keras.Model(inputs, z)(raw_val))
    return net.get_layer("pre_activation").get_weights()[0], z_val, accuracy


nets = {}
for name, kernel_reg, activity_reg in [
    (_(en="no penalty", fr="sans pénalité"), None, None),
    (_(en="kernel L2", fr="L2 noyau"), regs.L2(0.001), None),
    (_(en="activity L2", fr="L2 activité"), None, regs.L2(0.001)),
]:
    nets[name] = sigmoid_net(kernel_reg, activity_reg)
print(
    f"{'':>13} | {_(en='mean |w|', fr='|w| moyen'):>9} | {_(en='mean |z|', fr='|z| moyen'):>9} | "
    f"{_(en='max |z|', fr='|z| max'):>7} | {_(en='saturated', fr='saturées'):>9} | "
    f"{_(en='val. acc.', fr='exact. val.'):>11}"
)
# en: sigmoid(z) < 0.02 or > 0.98 when |z| > limit
# fr: sigmoïde(z) < 0,02 ou > 0,98 quand |z| > limit
limit = np.log(0.98 / 0.02)
for name, (kernel, z_val, accuracy) in nets.items():
    saturated = np.mean(np.abs(z_val) > limit)
    print(
        f"{name:>13} | {np.abs(kernel).mean():9.4f} | {np.abs(z_val).mean():9.2f} | "
        f"{np.abs(z_val).max():7.1f} | {saturated:9.3f} | {accuracy:11.3f}"
    )
print(_(en="saturated: |z| >", fr="saturée : |z| >"), round(float(limit), 2))

# %%
# alt en: Histograms of the pre-activations z of the 32 sigmoid units on the validation
# alt en: images, one per network, over a grey band |z| < 3.89 where units are not saturated:
# alt en: without penalty (solid, |z| up to 47.1) and with the kernel penalty (dashed, up to
# alt en: 25.9) most z lie outside the band; with the activity penalty (dotted, up to 6.8)
# alt en: almost all lie inside it.
# alt fr: Histogrammes des pré-activations z des 32 unités sigmoïdes sur les images de
# alt fr: validation, un par réseau, sur une bande grise |z| < 3,89 où les unités ne sont pas
# alt fr: saturées : sans pénalité (trait plein, |z| jusqu'à 47,1) et avec la pénalité sur le
# alt fr: noyau (tirets, jusqu'à 25,9), la plupart des z sont hors de la bande ; avec la
# alt fr: pénalité d'activité (pointillés, jusqu'à 6,8), presque tous sont dedans.
fig, ax = plt.subplots()
bins = np.linspace(-48, 48, 97)
for index, (name, (_kernel, z_val, _accuracy)) in enumerate(nets.items()):
    ax.hist(
        z_val.ravel(),
        bins=bins,
        histtype="step",
        lw=1.5,
        color=f"C{index}",
        linestyle=ct.LINESTYLES[index],
        label=name,
    )
ax.axvspan(-limit, limit, color="0.85", label=_(en="not saturated", fr="non saturée"))
ax.set_xlabel(
    _(en="pre-activation z of the sigmoid units", fr="pré-activation z des unités sigmoïdes")
)
ax.set_ylabel(_(en="count (validation)", fr="effectif (validation)"))
ax.legend(fontsize="small")
plt.show()

# %% [markdown] lang="en"
# With raw pixels, the unpenalized network saturates most of its units (83.3 %). The kernel
# penalty halves the weights (mean $|w|$ 0.0829 against 0.1676) but leaves most units
# saturated (76.7 %); the activity penalty, with weights of about the **same** size as the
# kernel-penalized ones (0.0874), brings almost every $z$ into the sensitive range of the
# sigmoid (3.4 % saturated). In this small experiment it does not improve the accuracy; it
# even lowers it a little (0.956 against 0.976 and 0.982), since the penalty also limits
# useful activations and its factor has not been tuned. Its benefit lies elsewhere: a saturated unit learns slowly, which matters in
# deeper networks and longer training. And of course, rescaling the inputs, as we do
# elsewhere in the course, is the first remedy.

# %% [markdown] lang="fr"
# Avec les pixels bruts, le réseau sans pénalité sature la plupart de ses unités (83,3 %). La
# pénalité sur le noyau divise les poids par deux ($|w|$ moyen de 0,0829 contre 0,1676) mais
# laisse saturée la plupart des unités (76,7 %) ; la pénalité d'activité, avec des poids à peu
# près de la **même** taille que ceux du noyau pénalisé (0,0874), ramène presque tous les $z$
# dans la zone sensible de la sigmoïde (3,4 % d'unités saturées). Dans cette petite expérience,
# elle n'améliore pas l'exactitude ; elle la fait même un peu baisser (0,956 contre 0,976 et
# 0,982), car la pénalité limite aussi des activations utiles et son coefficient n'a pas été
# réglé. Son intérêt est ailleurs : une
# unité saturée apprend lentement, ce qui compte dans des réseaux plus profonds et des
# entraînements plus longs. Et bien sûr, remettre les entrées à l'échelle, comme nous le
# faisons ailleurs dans le cours, est le premier remède.

# %% [markdown] lang="en"
# ### Exercise 2 — predict `model.losses` before running the model (3 points)
#
# You now know every rule that decides what a penalized model adds to its loss. Put them
# together **before** running anything. Here is a model and the batch it will be called on:
#
# ```python
# puzzle = keras.Sequential(
#     [
#         keras.Input((3,)),
#         keras.layers.Dense(
#             2,
#             activation="relu",
#             kernel_regularizer=regs.L1L2(l1=0.01, l2=0.1),
#             activity_regularizer=regs.L2(0.01),
#             name="first",
#         ),
#         keras.layers.Dense(1, kernel_regularizer="l1l2", bias_regularizer="l2", name="second"),
#     ]
# )
# ```
#
# - the kernel of `first` has its 6 weights equal to 0.5, and its bias is `[1, -2]`;
# - the kernel of `second` is `[[1], [-3]]`, and its bias is `[2]`;
# - the model is called once, on a batch of 4 rows all equal to `[1, 1, 1]`.
#
# Using only sections 1, 2 and 5, set `predicted_losses` to the list `model.losses` will hold
# after that call: one number per entry, in the order Keras lists them. Every regularizer
# given to a layer has its entry, even one worth 0; a weight without a regularizer has none.
# You may write each number as the arithmetic that gives it (`0.1 * 6 * 0.5**2`, ...).
#
# The tests build this model, call it as above, and check that (1) `predicted_losses` is a
# list of numbers, (2) it has as many entries as `model.losses`, (3) each entry is within
# 1 % of the entry at the same position in `model.losses` (within 0.0001 for an entry smaller
# than 0.01). There are no hidden tests. When an entry is wrong, the message says which one,
# in which direction and by how much. The cell after the tests runs the model and prints
# your prediction beside the result.

# %% [markdown] lang="fr"
# ### Exercice 2 — prédire `model.losses` avant d'exécuter le modèle (3 points)
#
# Vous connaissez maintenant toutes les règles qui fixent ce qu'un modèle pénalisé ajoute à sa
# perte. Combinez-les **avant** de rien exécuter. Voici un modèle et le lot sur lequel il sera
# appelé :
#
# ```python
# puzzle = keras.Sequential(
#     [
#         keras.Input((3,)),
#         keras.layers.Dense(
#             2,
#             activation="relu",
#             kernel_regularizer=regs.L1L2(l1=0.01, l2=0.1),
#             activity_regularizer=regs.L2(0.01),
#             name="first",
#         ),
#         keras.layers.Dense(1, kernel_regularizer="l1l2", bias_regularizer="l2", name="second"),
#     ]
# )
# ```
#
# - les 6 poids du noyau de `first` valent 0,5 et son biais vaut `[1, -2]` ;
# - le noyau de `second` vaut `[[1], [-3]]` et son biais `[2]` ;
# - le modèle est appelé une fois, sur un lot de 4 lignes toutes égales à `[1, 1, 1]`.
#
# En vous servant uniquement des sections 1, 2 et 5, donnez à `predicted_losses` la liste que
# contiendra `model.losses` après cet appel : un nombre par élément, dans l'ordre où Keras les
# range. Tout régulariseur donné à une couche a son élément, même s'il vaut 0 ; un poids sans
# régulariseur n'en a aucun. Vous pouvez écrire chaque nombre sous la forme du calcul qui le
# donne (`0.1 * 6 * 0.5**2`, ...).
#
# Les tests construisent ce modèle, l'appellent comme ci-dessus et vérifient que (1)
# `predicted_losses` est une liste de nombres, (2) qu'elle a autant d'éléments que
# `model.losses`, (3) que chaque élément est égal, à 1 % près, à celui de `model.losses` à la
# même position (à 0,0001 près pour un élément inférieur à 0,01). Il n'y a pas de tests cachés.
# Quand un élément est faux, le message dit lequel, dans quel sens et de combien. La cellule
# qui suit les tests exécute le modèle et affiche votre prédiction à côté du résultat.

# %% nbgrader="solution" grade_id="predict_losses"
### BEGIN SOLUTION
predicted_losses = [
    # en: activity of first: the ReLU gives [2.5, 0] for each row; divided by the batch size
    # fr: activité de first : la ReLU donne [2.5, 0] pour chaque ligne ; divisée par la taille du lot
    0.01 * 4 * 2.5**2 / 4,
    # en: kernel of first: both terms of L1L2
    # fr: noyau de first : les deux termes de L1L2
    0.01 * 6 * 0.5 + 0.1 * 6 * 0.5**2,
    # en: kernel of second: "l1l2" is L1L2(l1=0, l2=0)
    # fr: noyau de second : "l1l2" vaut L1L2(l1=0, l2=0)
    0.0,
    # en: bias of second: "l2" is L2(0.01)
    # fr: biais de second : "l2" vaut L2(0.01)
    0.01 * 2.0**2,
]
### END SOLUTION

# %% nbgrader="tests" grade_id="predict_losses_tests" points=3
# en: Visible tests: run this cell to check your prediction.
# fr: Tests visibles : exécutez cette cellule pour vérifier votre prédiction.
ct.reseed()
_model = keras.Sequential(
    [
        keras.Input((3,)),
        keras.layers.Dense(
            2,
            activation="relu",
            kernel_regularizer=regs.L1L2(l1=0.01, l2=0.1),
            activity_regularizer=regs.L2(0.01),
            name="first",
        ),
        keras.layers.Dense(1, kernel_regularizer="l1l2", bias_regularizer="l2", name="second"),
    ]
)
_model.set_weights(
    [
        np.full((3, 2), 0.5, "float32"),
        np.array([1.0, -2.0], "float32"),
        np.array([[1.0], [-3.0]], "float32"),
        np.array([2.0], "float32"),
    ]
)
_model(np.ones((4, 3), "float32"))
_run = [float(_loss) for _loss in _model.losses]
_got = ct.plain(predicted_losses)
assert type(_got) in (list, tuple) and all(type(_v) in (int, float) for _v in _got), _(
    en=f"predicted_losses must be a list of numbers, not {_got!r}.",
    fr=f"predicted_losses doit être une liste de nombres, et non {_got!r}.",
)
_got = list(_got)
assert len(_got) == len(_run), _(
    en=f"After the call, model.losses has {len(_run)} entries, your list {len(_got)}: one entry "
    "per regularizer given to a layer (even one worth 0), none for a weight without a regularizer.",
    fr=f"Après l'appel, model.losses a {len(_run)} éléments, votre liste {len(_got)} : un élément "
    "par régulariseur donné à une couche (même s'il vaut 0), aucun pour un poids sans régulariseur.",
)


def _near(value, target):
    return abs(value - target) <= max(0.01 * abs(target), 1e-4)


if not all(map(_near, _got, _run)) and all(map(_near, sorted(_got), sorted(_run))):
    raise AssertionError(
        _(
            en="Your numbers are right but not in Keras' order: model.losses lists the activity "
            "penalties of the last call first, then the weight penalties layer by layer, kernel "
            "before bias.",
            fr="Vos nombres sont justes, mais pas dans l'ordre de Keras : model.losses donne "
            "d'abord les pénalités d'activité du dernier appel, puis les pénalités sur les poids "
            "couche par couche, le noyau avant le biais.",
        )
    )
_entries = [f"{_layer.name}/activity" for _layer in _model.layers if _layer.activity_regularizer]
_entries += [_v.path.split("/", 1)[1] for _v in _model.trainable_weights if _v.regularizer]
_hints = {
    (0, 0.25): _(
        en="Keras 3.15 divides the activity penalty by the batch size (4 rows here).",
        fr="Keras 3.15 divise la pénalité d'activité par la taille du lot (ici 4 lignes).",
    ),
    (0, 0.065): _(
        en="The activity regularizer sees the layer's output after its activation: the ReLU "
        "turns -0.5 into 0.",
        fr="La régularisation d'activité porte sur la sortie de la couche, après son "
        "activation : la ReLU change -0,5 en 0.",
    ),
    (0, 0.26): _(
        en="The activity regularizer sees the layer's output after its activation (the ReLU "
        "turns -0.5 into 0), and Keras 3.15 divides it by the batch size.",
        fr="La régularisation d'activité porte sur la sortie de la couche, après son "
        "activation (la ReLU change -0,5 en 0), et Keras 3.15 la divise par la taille du lot.",
    ),
    (1, 0.105): _(
        en="Keras' L2 term has no 1/2 factor: l2 * sum(w**2).",
        fr="Le terme L2 de Keras n'a pas de facteur 1/2 : l2 * sum(w**2).",
    ),
    (1, 0.15): _(
        en="L1L2 adds both terms: you left out l1 * sum(|w|).",
        fr="L1L2 additionne les deux termes : vous avez oublié l1 * sum(|w|).",
    ),
    (1, 0.03): _(
        en="L1L2 adds both terms: you left out l2 * sum(w**2).",
        fr="L1L2 additionne les deux termes : vous avez oublié l2 * sum(w**2).",
    ),
    (2, 0.14): _(
        en='The string "l1l2" gives L1L2(), whose two factors are 0 by default (section 1).',
        fr='La chaîne "l1l2" donne L1L2(), aux deux coefficients nuls par défaut (section 1).',
    ),
    (3, 0.02): _(
        en="Keras' L2 has no 1/2 factor: l2 * sum(w**2).",
        fr="Le L2 de Keras n'a pas de facteur 1/2 : l2 * sum(w**2).",
    ),
}
for _index, (_value, _target) in enumerate(zip(_got, _run, strict=True)):
    if _near(_value, _target):
        continue
    _hint = next((_h for (_i, _v), _h in _hints.items() if _i == _index and _near(_value, _v)), "")
    _way = _(en="too high", fr="de trop") if _value > _target else _(en="too low", fr="de moins")
    raise AssertionError(
        _(
            en=f"Entry {_index} ({_entries[_index]}): you predicted {_value:.4f}, the run gives "
            f"{_target:.4f}, so {abs(_value - _target):.4f} {_way}. {_hint}",
            fr=f"Élément {_index} ({_entries[_index]}) : vous avez prédit {_value:.4f}, "
            f"l'exécution donne {_target:.4f}, soit {abs(_value - _target):.4f} {_way}. {_hint}",
        )
    )
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))

# %%
ct.reseed()
puzzle = keras.Sequential(
    [
        keras.Input((3,)),
        keras.layers.Dense(
            2,
            activation="relu",
            kernel_regularizer=regs.L1L2(l1=0.01, l2=0.1),
            activity_regularizer=regs.L2(0.01),
            name="first",
        ),
        keras.layers.Dense(1, kernel_regularizer="l1l2", bias_regularizer="l2", name="second"),
    ]
)
puzzle.set_weights(
    [
        np.full((3, 2), 0.5, "float32"),
        np.array([1.0, -2.0], "float32"),
        np.array([[1.0], [-3.0]], "float32"),
        np.array([2.0], "float32"),
    ]
)
puzzle(np.ones((4, 3), "float32"))
print(_(en="your prediction:", fr="votre prédiction :"), np.round(predicted_losses, 4))
print(
    _(en="model.losses:   ", fr="model.losses :    "),
    np.round([float(v) for v in puzzle.losses], 4),
)
print(
    _(en="sum(model.losses):", fr="sum(model.losses) :"),
    round(float(sum(puzzle.losses)), 4),
    _(en="predicted:", fr="prédit :"),
    round(float(sum(predicted_losses)), 4),
)


# %% [markdown] lang="en"
# ## 6. A custom training loop that ignores its penalty
#
# `fit` is not the only way to train a model: with `tf.GradientTape` you can write the
# training step yourself, for instance to compute a loss that `compile` cannot express. The
# function `train_by_hand_draft` below is such a loop, with plain SGD. Its author tried it on a
# softmax layer penalized by `L2(0.01)` on its kernel, like the one of section 3, with the
# 1,000 training images as a single batch: five steps of the loop should give the same kernel
# as five epochs of `fit` with the same optimizer, from the same initial weights.

# %% [markdown] lang="fr"
# ## 6. Une boucle d'entraînement personnalisée qui ignore sa pénalité
#
# `fit` n'est pas la seule façon d'entraîner un modèle : avec `tf.GradientTape`, on peut écrire
# soi-même le pas d'entraînement, par exemple pour calculer une perte que `compile` ne sait pas
# exprimer. La fonction `train_by_hand_draft` ci-dessous est une telle boucle, avec la SGD
# simple. Son auteur l'a essayée sur une couche softmax pénalisée par `L2(0.01)` sur son noyau,
# comme celle de la section 3, avec les 1 000 images d'entraînement en un seul lot : cinq pas de
# la boucle devraient donner le même noyau que cinq époques de `fit` avec le même optimiseur, à
# partir des mêmes poids initiaux.


# %%
def softmax_layer_model():
    ct.reseed()
    return keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(
                10, activation="softmax", kernel_regularizer=regs.L2(0.01), name="softmax"
            ),
        ],
        name="loop",
    )


def train_by_hand_draft(model, x, y, steps, learning_rate):
    optimizer = keras.optimizers.SGD(learning_rate=learning_rate)
    loss_fn = keras.losses.SparseCategoricalCrossentropy()
    for _step in range(steps):
        with tf.GradientTape() as tape:
            predictions = model(x, training=True)
            loss = loss_fn(y, predictions)
        gradients = tape.gradient(loss, model.trainable_weights)
        optimizer.apply(gradients, model.trainable_weights)
    return model.get_weights()


def compare_with_fit(train, steps=5, learning_rate=0.5):
    reference = softmax_layer_model()
    reference.compile(
        keras.optimizers.SGD(learning_rate=learning_rate), loss="sparse_categorical_crossentropy"
    )
    reference.fit(x_train, y_train, batch_size=len(x_train), epochs=steps, verbose=0)
    fit_kernel = reference.get_layer("softmax").get_weights()[0]
    kernel = train(softmax_layer_model(), x_train, y_train, steps, learning_rate)[0]
    print(
        _(en="same kernel as fit:", fr="même noyau que fit :"),
        bool(np.allclose(kernel, fit_kernel, atol=1e-5)),
    )
    print(
        _(en="sum of w**2, fit:", fr="somme des w**2, fit :"),
        round(float(np.sum(fit_kernel**2)), 4),
    )
    print(
        _(en=f"sum of w**2, {train.__name__}:", fr=f"somme des w**2, {train.__name__} :"),
        round(float(np.sum(kernel**2)), 4),
    )


compare_with_fit(train_by_hand_draft)

# %% [markdown] lang="en"
# ### Exercise 3 — debug the training loop (3 points)
#
# The loop runs without an error, yet its kernel is not the one `fit` gives, and its weights
# are larger: the penalty seems to have no effect. Find the bug (section 3 says what `fit`
# minimizes), then write the corrected loop, named `train_by_hand`, in the cell below: same
# arguments, and it still returns `model.get_weights()` after the training steps. Keep it a
# loop with `tf.GradientTape`: the point is to see what such a loop must do itself.
#
# Your function must work for any model made of `Dense` layers, including layers with a bias
# penalty or an **activity** penalty. The tests call
# `train_by_hand(model, x, y, steps, learning_rate)` and check that it returns a list with one
# array per weight of the model, each equal within 0.0001 to what `fit` gives from the same
# initial weights, with `keras.optimizers.SGD(learning_rate)`, the loss
# `"sparse_categorical_crossentropy"`, `batch_size=len(x)`, `epochs=steps` and
# `shuffle=False`. The visible tests do it on a softmax layer with `L2(0.01)` on its kernel
# (64 inputs, 40 random examples, 5 steps) and on a network of two layers with kernel, bias and
# activity penalties (6 inputs, 16 random examples, 5 steps); the hidden tests do it on a
# network and data drawn at random (2 or 3 layers, 2 to 6 steps, a learning rate between 0.05
# and 0.5).

# %% [markdown] lang="fr"
# ### Exercice 3 — déboguer la boucle d'entraînement (3 points)
#
# La boucle s'exécute sans erreur, et pourtant son noyau n'est pas celui que donne `fit`, et ses
# poids sont plus grands : la pénalité semble sans effet. Trouvez le bogue (la section 3 dit ce
# que `fit` minimise), puis écrivez la boucle corrigée, nommée `train_by_hand`, dans la
# cellule ci-dessous : mêmes arguments, et elle renvoie toujours `model.get_weights()` après
# les pas d'entraînement. Gardez une boucle avec `tf.GradientTape` : il s'agit de voir ce
# qu'une telle boucle doit faire elle-même.
#
# Votre fonction doit convenir à tout modèle formé de couches `Dense`, y compris des couches
# avec une pénalité sur le biais ou une pénalité d'**activité**. Les tests appellent
# `train_by_hand(model, x, y, steps, learning_rate)` et vérifient qu'elle renvoie une liste
# d'un tableau par poids du modèle, chacun égal à 0,0001 près à ce que donne `fit` à partir des
# mêmes poids initiaux, avec `keras.optimizers.SGD(learning_rate)`, la perte
# `"sparse_categorical_crossentropy"`, `batch_size=len(x)`, `epochs=steps` et
# `shuffle=False`. Les tests visibles le font sur une couche softmax avec `L2(0.01)` sur son
# noyau (64 entrées, 40 exemples aléatoires, 5 pas) et sur un réseau de deux couches avec des
# pénalités sur le noyau, le biais et l'activité (6 entrées, 16 exemples aléatoires, 5 pas) ;
# les tests cachés le font sur un réseau et des données tirés au hasard (2 ou 3 couches, de 2
# à 6 pas, un taux d'apprentissage entre 0,05 et 0,5).


# %% nbgrader="solution" grade_id="train_by_hand"
def train_by_hand(model, x, y, steps, learning_rate):
    """en: Train model in place with plain SGD on the batch (x, y); return its weights.

    fr: Entraîne model sur place par SGD simple sur le lot (x, y) ; renvoie ses poids.
    """
    ### BEGIN SOLUTION
    optimizer = keras.optimizers.SGD(learning_rate=learning_rate)
    loss_fn = keras.losses.SparseCategoricalCrossentropy()
    for _step in range(steps):
        with tf.GradientTape() as tape:
            predictions = model(x, training=True)
            # en: fit minimizes the data loss plus the penalties of this call (section 3).
            # fr: fit minimise la perte sur les données plus les pénalités de cet appel (section 3).
            loss = loss_fn(y, predictions) + sum(model.losses)
        gradients = tape.gradient(loss, model.trainable_weights)
        optimizer.apply(gradients, model.trainable_weights)
    return model.get_weights()
    ### END SOLUTION


# %% nbgrader="tests" grade_id="train_by_hand_tests" points=3
# en: Visible tests: run this cell to check your function (a few seconds).
# fr: Tests visibles : exécutez cette cellule pour vérifier votre fonction (quelques secondes).
def _net(sizes, penalties, keep=("kernel", "bias", "activity")):
    """en: Dense layers (ReLU, then softmax last) with the penalties named in keep.

    fr: Des couches Dense (ReLU, softmax pour la dernière) avec les pénalités nommées dans keep.
    """
    layers = [keras.Input((sizes[0],))]
    for index, (units, (kernel, bias, activity)) in enumerate(
        zip(sizes[1:], penalties, strict=True)
    ):
        layers.append(
            keras.layers.Dense(
                units,
                activation="softmax" if index == len(penalties) - 1 else "relu",
                kernel_regularizer=kernel if "kernel" in keep else None,
                bias_regularizer=bias if "bias" in keep else None,
                activity_regularizer=activity if "activity" in keep else None,
            )
        )
    return keras.Sequential(layers)


def _fit(sizes, penalties, start, x, y, steps, rate, keep=("kernel", "bias", "activity")):
    model = _net(sizes, penalties, keep)
    model.set_weights(start)
    model.compile(keras.optimizers.SGD(learning_rate=rate), loss="sparse_categorical_crossentropy")
    model.fit(x, y, batch_size=len(x), epochs=steps, shuffle=False, verbose=0)
    return model.get_weights()


def _gap(first, second):
    return max(
        float(np.max(np.abs(np.asarray(a, "float64") - np.asarray(b, "float64"))))
        for a, b in zip(first, second, strict=True)
    )


def _check(sizes, penalties, x, y, steps, rate):
    ct.reseed()
    model = _net(sizes, penalties)
    start = model.get_weights()
    got = train_by_hand(model, x, y, steps, rate)
    assert (
        isinstance(got, list | tuple)
        and len(got) == len(start)
        and all(np.shape(a) == b.shape for a, b in zip(got, start, strict=True))
    ), _(
        en=f"train_by_hand must return model.get_weights(), a list of {len(start)} arrays here.",
        fr=f"train_by_hand doit renvoyer model.get_weights(), ici une liste de {len(start)} tableaux.",
    )
    gap = _gap(got, _fit(sizes, penalties, start, x, y, steps, rate))
    if gap <= 1e-4:
        return
    if _gap(got, start) == 0:
        raise AssertionError(
            _(
                en="The weights you return are the initial ones: train the model, then return "
                "model.get_weights().",
                fr="Les poids que vous renvoyez sont les poids initiaux : entraînez le modèle, "
                "puis renvoyez model.get_weights().",
            )
        )
    if _gap(got, _fit(sizes, penalties, start, x, y, steps, rate, keep=())) <= 1e-4:
        raise AssertionError(
            _(
                en="Your loop still trains as if the model had no penalty: the loss it "
                "differentiates must include sum(model.losses), as the loss that fit "
                "minimizes does.",
                fr="Votre boucle entraîne encore le modèle comme s'il n'avait aucune pénalité : "
                "la perte qu'elle dérive doit inclure sum(model.losses), comme celle que fit "
                "minimise.",
            )
        )
    no_activity = _fit(sizes, penalties, start, x, y, steps, rate, keep=("kernel", "bias"))
    if any(p[2] is not None for p in penalties) and _gap(got, no_activity) <= 1e-4:
        raise AssertionError(
            _(
                en="Your loop ignores the activity penalty: read model.losses inside the tape, "
                "after the forward pass model(x), so that it holds the activity penalty of "
                "this call.",
                fr="Votre boucle ignore la pénalité d'activité : lisez model.losses dans "
                "l'enregistreur, après la propagation avant model(x), pour qu'il contienne la "
                "pénalité d'activité de cet appel.",
            )
        )
    raise AssertionError(
        _(
            en=f"After {steps} steps, your weights differ from those of fit by up to {gap:.2g} "
            "(tolerance 0.0001).",
            fr=f"Après {steps} pas, vos poids diffèrent de ceux de fit de {gap:.2g} au plus "
            "(tolérance 0,0001).",
        )
    )


_rng = np.random.default_rng(0)
_check(
    (64, 10),
    [(regs.L2(0.01), None, None)],
    _rng.uniform(size=(40, 64)).astype("float32"),
    _rng.integers(0, 10, size=40),
    5,
    0.5,
)
_check(
    (6, 4, 3),
    [(regs.L2(0.05), None, regs.L1(0.05)), (regs.L1(0.02), regs.L2(0.1), None)],
    _rng.normal(size=(16, 6)).astype("float32"),
    _rng.integers(0, 3, size=16),
    5,
    0.5,
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(ct.fresh_seed())
_sizes = tuple(int(_n) for _n in _rng.integers(2, 8, size=int(_rng.integers(3, 5))))
_penalties = []
for _layer in range(len(_sizes) - 1):
    _penalties.append(
        (
            regs.L1L2(l1=float(_rng.uniform(0, 0.05)), l2=float(_rng.uniform(0.01, 0.1))),
            regs.L2(float(_rng.uniform(0.01, 0.2))) if _rng.random() < 0.5 else None,
            regs.L2(float(_rng.uniform(0.01, 0.1))) if _layer == 0 else None,
        )
    )
_examples = int(_rng.integers(8, 33))
_check(
    _sizes,
    _penalties,
    _rng.normal(size=(_examples, _sizes[0])).astype("float32"),
    _rng.integers(0, _sizes[-1], size=_examples),
    int(_rng.integers(2, 7)),
    float(_rng.uniform(0.05, 0.5)),
)
### END HIDDEN TESTS

# %%
compare_with_fit(train_by_hand)

# %% [markdown] lang="en"
# The bug: `fit` minimizes `data loss + sum(model.losses)` (section 3), while the loop
# differentiated the data loss alone. The penalties existed in `model.losses`, but the
# optimizer only follows the gradient of what you differentiate, so the loop silently trained
# an unpenalized model, with larger weights. Read `model.losses` inside the tape and after the
# forward pass: the activity penalties are then those of this batch, and the weight penalties,
# recomputed from the current weights each time you read `model.losses`, are recorded by the
# tape. The difference between the two gradients is the gradient of the penalty, $2\ell_2 W$
# for `L2` (the missing $\tfrac12$ of section 1):

# %% [markdown] lang="fr"
# Le bogue : `fit` minimise `perte sur les données + sum(model.losses)` (section 3), alors que
# la boucle ne dérivait que la perte sur les données. Les pénalités existaient bien dans
# `model.losses`, mais l'optimiseur ne suit que le gradient de ce que l'on dérive : la boucle
# entraînait donc, sans le dire, un modèle non pénalisé, aux poids plus grands. Lisez
# `model.losses` dans l'enregistreur et après la propagation avant : les pénalités d'activité
# sont alors celles de ce lot, et les pénalités sur les poids, recalculées à partir des poids
# actuels à chaque lecture de `model.losses`, sont enregistrées par l'enregistreur. La
# différence entre les deux gradients est le gradient de la pénalité, $2\ell_2 W$ pour `L2`
# (le $\tfrac12$ absent de la section 1) :

# %%
check = softmax_layer_model()
with tf.GradientTape(persistent=True) as tape:
    data_loss = keras.losses.SparseCategoricalCrossentropy()(y_train, check(x_train))
    total_loss = data_loss + sum(check.losses)
kernel_variable = check.get_layer("softmax").kernel
difference = tape.gradient(total_loss, kernel_variable) - tape.gradient(data_loss, kernel_variable)
del tape
print(
    _(en="gradient difference == 2 * 0.01 * W:", fr="différence des gradients == 2 * 0,01 * W :"),
    bool(np.allclose(difference, 2 * 0.01 * np.asarray(kernel_variable), atol=1e-6)),
)

# %% [markdown] lang="en"
# ### Exercise 4 — your own regularizer (3 points)
#
# A regularizer is any callable that maps a weight tensor to a scalar; to be saved and
# reloaded with a model, it subclasses `keras.regularizers.Regularizer` and implements
# `get_config()`, the dictionary of arguments that `from_config` passes back to the
# constructor. Complete `CenteredL2`, an L2 penalty that pulls every weight towards a value
# `center` instead of 0:
#
# $$\text{penalty}(W) = \ell_2 \sum_i (w_i - \text{center})^2$$
#
# - `__call__(self, x)` returns that scalar for a tensor `x`. Use `keras.ops` (e.g.
#   `keras.ops.sum`, `keras.ops.square`), not NumPy: during `fit`, Keras calls regularizers
#   inside a compiled graph where tensors have no NumPy values yet.
# - `get_config(self)` returns `{"l2": ..., "center": ...}` as Python floats.
#
# A center other than 0 is useful, for instance, to keep weights near a value you trust
# (in fine-tuning, near the pre-trained weights) rather than near zero.

# %% [markdown] lang="fr"
# ### Exercice 4 — votre propre régulariseur (3 points)
#
# Un régulariseur est n'importe quel objet appelable qui associe un scalaire à un tenseur de
# poids ; pour être sauvegardé et rechargé avec un modèle, il hérite de
# `keras.regularizers.Regularizer` et implémente `get_config()`, le dictionnaire des arguments
# que `from_config` redonne au constructeur. Complétez `CenteredL2`, une pénalité L2 qui tire
# chaque poids vers une valeur `center` au lieu de 0 :
#
# $$\text{pénalité}(W) = \ell_2 \sum_i (w_i - \text{center})^2$$
#
# - `__call__(self, x)` renvoie ce scalaire pour un tenseur `x`. Utilisez `keras.ops` (par
#   exemple `keras.ops.sum`, `keras.ops.square`) et non NumPy : pendant `fit`, Keras appelle
#   les régulariseurs à l'intérieur d'un graphe compilé, où les tenseurs n'ont pas encore de
#   valeur NumPy.
# - `get_config(self)` renvoie `{"l2": ..., "center": ...}` sous forme de flottants Python.
#
# Un centre différent de 0 sert par exemple à garder les poids près d'une valeur à laquelle on
# se fie (en réglage fin, près des poids pré-entraînés) plutôt que près de zéro.


# %% nbgrader="solution" grade_id="centered_l2"
class CenteredL2(keras.regularizers.Regularizer):
    def __init__(self, l2=0.01, center=0.0):
        self.l2 = float(l2)
        self.center = float(center)

    def __call__(self, x):
        ### BEGIN SOLUTION
        return self.l2 * keras.ops.sum(keras.ops.square(x - self.center))
        ### END SOLUTION

    def get_config(self):
        ### BEGIN SOLUTION
        return {"l2": self.l2, "center": self.center}
        ### END SOLUTION


# %% nbgrader="tests" grade_id="centered_l2_tests" points=3
# en: Visible tests: run this cell to check your class.
# fr: Tests visibles : exécutez cette cellule pour vérifier votre classe.
_w = np.random.default_rng(3).normal(size=(4, 3)).astype("float32")
_reg = CenteredL2(l2=0.1, center=0.5)
_got = ct.penalty(_reg, _w)
_expected = 0.1 * float(np.sum((_w - 0.5) ** 2))
if np.isclose(_got, 0.1 * float(np.sum(_w**2)), rtol=1e-4):
    raise AssertionError(
        _(
            en="Your penalty ignores the center: subtract self.center from x before squaring.",
            fr="Votre pénalité ignore le centre : soustrayez self.center de x avant d'élever au carré.",
        )
    )
if np.isclose(_got, _expected / 2, rtol=1e-4):
    raise AssertionError(
        _(
            en="There is a 1/2 factor too many: the penalty is l2 * sum((w - center)**2).",
            fr="Il y a un facteur 1/2 en trop : la pénalité vaut l2 * sum((w - center)**2).",
        )
    )
if np.isclose(_got, _expected / _w.size, rtol=1e-4):
    raise AssertionError(
        _(
            en="You took the mean over the weights: sum them, as Keras' L2 does.",
            fr="Vous avez pris la moyenne sur les poids : faites-en la somme, comme le L2 de Keras.",
        )
    )
assert np.isclose(_got, _expected, rtol=1e-4), _(
    en=f"CenteredL2(0.1, 0.5) on a 4x3 matrix: expected {_expected:.5f}, got {_got:.5f}.",
    fr=f"CenteredL2(0.1, 0.5) sur une matrice 4x3 : attendu {_expected:.5f}, obtenu {_got:.5f}.",
)
try:
    # en: in a tf.function, as during fit
    # fr: dans une tf.function, comme pendant fit
    _graph_value = ct.penalty(_reg, _w, graph=True)
except Exception as _error:
    raise AssertionError(
        _(
            en="Your penalty fails inside a compiled graph (as during fit): use keras.ops, not NumPy.",
            fr="Votre pénalité échoue dans un graphe compilé (comme pendant fit) : utilisez keras.ops, pas NumPy.",
        )
    ) from _error
assert np.isclose(_graph_value, _expected, rtol=1e-4), _(
    en=f"Inside a compiled graph your penalty gives {_graph_value:.5f}, not {_expected:.5f}.",
    fr=f"Dans un graphe compilé, votre pénalité donne {_graph_value:.5f} et non {_expected:.5f}.",
)
_config = ct.plain(_reg.get_config())
assert _config == {"l2": 0.1, "center": 0.5}, _(
    en=f'get_config() must return {{"l2": 0.1, "center": 0.5}}, not {_config}.',
    fr=f'get_config() doit renvoyer {{"l2": 0.1, "center": 0.5}}, et non {_config}.',
)
_copy = CenteredL2.from_config(_config)
assert np.isclose(ct.penalty(_copy, _w), _expected, rtol=1e-4), _(
    en="The copy made by from_config(get_config()) gives another penalty.",
    fr="La copie faite par from_config(get_config()) donne une autre pénalité.",
)
# en: A Dense layer of six weights equal to 1 (3 inputs, 2 units), penalized by CenteredL2.
# fr: Une couche Dense de six poids égaux à 1 (3 entrées, 2 unités), pénalisée par CenteredL2.
_losses = ct.layer_penalties([CenteredL2(0.2, 0.75)], [np.ones((3, 2), "float32")])[0]
assert len(_losses) == 1 and np.isclose(_losses[0], 0.2 * 6 * 0.25**2), _(
    en="In a Dense layer of six weights equal to 1, CenteredL2(0.2, 0.75) should add 0.2 * 6 * 0.25**2 = 0.075 to layer.losses.",
    fr="Dans une couche Dense de six poids égaux à 1, CenteredL2(0.2, 0.75) devrait ajouter 0.2 * 6 * 0.25**2 = 0.075 à layer.losses.",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(ct.fresh_seed())
_w = _rng.normal(size=(5, 4)).astype("float32")
assert np.isclose(ct.penalty(CenteredL2(), _w), 0.01 * np.sum(_w**2), rtol=1e-4)
_l2, _center = round(float(_rng.uniform(0.05, 0.5)), 3), round(float(_rng.uniform(-2, 2)), 3)
_reg = CenteredL2(l2=_l2, center=_center)
_expected = _l2 * np.sum((_w.astype("float64") - _center) ** 2)
assert np.isclose(ct.penalty(_reg, _w), _expected, rtol=1e-4), (_l2, _center)
assert np.isclose(ct.penalty(_reg, _w, graph=True), _expected, rtol=1e-4), (_l2, _center)
_config = ct.plain(_reg.get_config())
assert _config == {"l2": _l2, "center": _center}, _config
assert all(type(_v) is float for _v in _config.values()), _config
_back = ct.round_trip_config(_reg)
assert _back == {"l2": _l2, "center": _center}, _back
_params = np.round(_rng.uniform([0.01, -1.0, 0.01, -1.0], [0.2, 1.0, 0.2, 1.0]), 3)
_k0 = _rng.normal(size=(4, 3)).astype("float32")
_k1 = _rng.normal(size=(3, 1)).astype("float32")
_losses = ct.layer_penalties(
    [
        CenteredL2(float(_params[0]), float(_params[1])),
        CenteredL2(float(_params[2]), float(_params[3])),
    ],
    [_k0, _k1],
)
_expected = [
    _params[0] * np.sum((_k0.astype("float64") - _params[1]) ** 2),
    _params[2] * np.sum((_k1.astype("float64") - _params[3]) ** 2),
]
assert [len(_l) for _l in _losses] == [1, 1], _losses
assert np.allclose([_l[0] for _l in _losses], _expected, rtol=1e-4), (_losses, _expected)
assert np.isfinite(ct.fit_once(CenteredL2(float(_params[0]), float(_params[1]))))
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## Key points
# - Keras 3 penalties: `L1(l1)` = $\ell_1\sum|w|$, `L2(l2)` = $\ell_2\sum w^2$ (**no
#   $\tfrac12$**, gradient $2\ell_2 w$), `L1L2` = both. `L1()`, `L2()`, `"l1"`, `"l2"` default
#   to 0.01; `L1L2()` and `"l1l2"` default to 0. `l1`, `l2`, `l1_l2` are the same classes.
# - `kernel_regularizer` penalizes the kernel, `bias_regularizer` the bias (never implied by
#   the first), `activity_regularizer` the layer's output, summed and divided by the batch
#   size since Keras 3.14 (Keras 3.0 to 3.13 added the raw sum). Keras 2.0.3 to 2.1.3
#   penalized the layer's input instead when a model was called on new tensors.
# - `fit` and `evaluate` add `sum(model.losses)` to the loss they report, so a penalized
#   `val_loss` is not comparable with an unpenalized one.
# - L1 drives many weights to (almost) zero and selects features; L2 shrinks all weights.
#   With plain SGD, L1 weights oscillate around 0 rather than becoming exactly 0.
# - What `model.losses` holds can be predicted by hand: the activity penalties of the last
#   call first (on the output, after the activation, divided by the batch size), then one
#   entry per regularized weight, layer by layer, kernel before bias, even when it is worth 0.
# - In a custom `tf.GradientTape` loop, nothing adds the penalties for you: write
#   `loss + sum(model.losses)` inside the tape, after the forward pass; without it the
#   penalties have no effect at all.
# - A custom regularizer subclasses `keras.regularizers.Regularizer`, computes with
#   `keras.ops`, and returns its arguments in `get_config()`.
#
# Next lesson: weight decay, and why L2 is not always the same thing with Adam.

# %% [markdown] lang="fr"
# ## À retenir
# - Pénalités de Keras 3 : `L1(l1)` = $\ell_1\sum|w|$, `L2(l2)` = $\ell_2\sum w^2$ (**sans
#   $\tfrac12$**, gradient $2\ell_2 w$), `L1L2` = les deux. `L1()`, `L2()`, `"l1"`, `"l2"`
#   valent 0,01 par défaut ; `L1L2()` et `"l1l2"` valent 0. `l1`, `l2`, `l1_l2` sont les mêmes
#   classes.
# - `kernel_regularizer` pénalise le noyau, `bias_regularizer` le biais (jamais impliqué par
#   le premier), `activity_regularizer` la sortie de la couche, sommée puis divisée par la
#   taille du lot depuis Keras 3.14 (Keras 3.0 à 3.13 ajoutait la somme brute). Keras 2.0.3
#   à 2.1.3 pénalisait à la place l'entrée de la couche quand un modèle était appelé sur de
#   nouveaux tenseurs.
# - `fit` et `evaluate` ajoutent `sum(model.losses)` à la perte qu'ils affichent, donc une
#   `val_loss` pénalisée n'est pas comparable à une `val_loss` non pénalisée.
# - L1 conduit de nombreux poids à (presque) zéro et sélectionne des variables ; L2 réduit
#   tous les poids. Avec la SGD simple, les poids L1 oscillent autour de 0 au lieu de devenir
#   exactement nuls.
# - Le contenu de `model.losses` se prédit à la main : d'abord les pénalités d'activité du
#   dernier appel (sur la sortie, après l'activation, divisées par la taille du lot), puis un
#   élément par poids régularisé, couche par couche, le noyau avant le biais, même s'il vaut 0.
# - Dans une boucle personnalisée avec `tf.GradientTape`, rien n'ajoute les pénalités à votre
#   place : écrivez `loss + sum(model.losses)` dans l'enregistreur, après la propagation avant ;
#   sans cela, les pénalités n'ont aucun effet.
# - Un régulariseur personnalisé hérite de `keras.regularizers.Regularizer`, calcule avec
#   `keras.ops` et renvoie ses arguments dans `get_config()`.
#
# Leçon suivante : la décroissance des poids (*weight decay*), et pourquoi elle ne coïncide pas
# toujours avec L2 quand on utilise Adam.
