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
# shrinks them; (4) add the penalties yourself in a custom training loop, and write your own
# regularizer.

# %% [markdown] lang="fr"
# # Leçon 2 — Pénalités sur les poids : régularisation du noyau, du biais et de l'activité
#
# **Objectif.** À la fin de cette leçon, vous saurez (1) dire exactement quel nombre Keras
# ajoute à la perte pour une pénalité `L1`, `L2` ou `L1L2`, et le calculer à la main, couche
# par couche ; (2) choisir entre une pénalité sur le noyau, sur le biais et sur la sortie
# d'une couche (l'activité) ; (3) expliquer, expérience à l'appui, pourquoi L1 rend de
# nombreux poids (presque) nuls alors que L2 se contente de les réduire ; (4) ajouter
# vous-même les pénalités dans une boucle d'entraînement personnalisée, et écrire votre propre
# régulariseur.

# %%
import coursetools as ct  # first: it quiets TensorFlow before TensorFlow loads

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
    """The penalty factors of a regularizer, rounded for printing."""
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
# Penalties are applied layer by layer, and the model collects them in the list
# `model.losses`, which training adds to the data loss. Let us build a two-layer model that
# uses all three and read that list.

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
    0.01 * np.sum(y**2) / len(x),  # activity: see section 5 for the division by the batch
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
# Visible tests: run this cell to check your function.
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
    f"{'':>4} | {_(en='val. acc.', fr='exact. val.'):>11} | {'|w|<1e-3':>8} | "
    f"{'|w|<1e-2':>8} | {'w == 0':>6} | {'min w':>7} | {'max w':>7}"
)
for name, kernel in kernels.items():
    size = np.abs(kernel)
    print(
        f"{name:>4} | {accuracies[name]:11.3f} | {int((size < 1e-3).sum()):8d} | "
        f"{int((size < 1e-2).sum()):8d} | {int((size == 0).sum()):6d} | "
        f"{kernel.min():7.3f} | {kernel.max():7.3f}"
    )
print(_(en="weights per kernel:", fr="poids par noyau :"), kernels["L1"].size)

# %%
fig, axes = plt.subplots(1, 2, figsize=(8, 3.4))
for ax, bins, title in [
    (axes[0], np.linspace(-1.8, 1.8, 73), _(en="all weights", fr="tous les poids")),
    (axes[1], np.linspace(-0.02, 0.02, 41), _(en="zoom near 0", fr="zoom autour de 0")),
]:
    for index, (name, kernel) in enumerate(kernels.items()):
        ax.hist(kernel.ravel(), bins=bins, histtype="step", lw=1.5, color=f"C{index}", label=name)
    ax.set_xlabel(_(en="kernel weight", fr="poids du noyau"))
    ax.set_ylabel(_(en="number of weights", fr="nombre de poids"))
    ax.set_title(title)
    ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown] lang="en"
# The L1 histogram has a tall spike at 0 and the L2 histogram has none, for the same
# validation accuracy. But look at the "w == 0" column: **no weight is exactly zero**. With
# plain SGD, every step moves an L1-penalized weight by learning rate × $\ell_1$ =
# 0.5 × 0.003 = 0.0015 towards 0; a weight closer to 0 than that jumps over it and comes
# back, so it oscillates in a band of about ±0.0015 around 0 (the zoom shows it). Exact zeros
# need another optimizer step (a proximal step that clips at 0), or pruning the small weights
# after training. Notice also the range: L1 weights are negative and positive, from about
# −1.6 to +1.6, a claim sometimes read that "L1 gives binary weights between 0 and 1" is
# simply wrong: L1 gives *many zeros*, and leaves the useful weights free.
#
# Which weights vanish? Each pixel has a row of 10 weights in the kernel. Let us draw, for
# every pixel, its largest weight in absolute value.

# %% [markdown] lang="fr"
# L'histogramme de L1 présente un pic très haut en 0, celui de L2 aucun, pour la même
# exactitude de validation. Mais regardez la colonne « w == 0 » : **aucun poids n'est
# exactement nul**. Avec la SGD simple, chaque pas déplace un poids pénalisé par L1 de taux
# d'apprentissage × $\ell_1$ = 0,5 × 0,003 = 0,0015 vers 0 ; un poids plus proche de 0 que cela
# saute par-dessus puis revient, et oscille donc dans une bande d'environ ±0,0015 autour de 0
# (le zoom le montre). Des zéros exacts demandent un autre pas d'optimisation (un pas
# proximal, qui s'arrête en 0) ou l'élagage des petits poids après l'entraînement. Notez aussi
# l'étendue des valeurs : les poids L1 sont négatifs et positifs, d'environ −1,6 à +1,6.
# L'affirmation qu'on lit parfois, « L1 donne des poids binaires entre 0 et 1 », est tout
# simplement fausse : L1 donne *beaucoup de zéros* et laisse libres les poids utiles.
#
# Quels poids disparaissent ? Chaque pixel a une ligne de 10 poids dans le noyau. Dessinons,
# pour chaque pixel, son plus grand poids en valeur absolue.

# %%
largest = {name: np.abs(kernel).max(axis=1).reshape(8, 8) for name, kernel in kernels.items()}
top = max(float(grid.max()) for grid in largest.values())
fig, axes = plt.subplots(1, 2, figsize=(6.4, 3.2))
for ax, (name, grid) in zip(axes, largest.items(), strict=True):
    image = ax.imshow(grid, cmap="viridis", vmin=0, vmax=top)
    rows, cols = np.nonzero(grid < 1e-2)
    ax.plot(cols, rows, "x", color="red", label=_(en="all |w| < 0.01", fr="tous les |w| < 0,01"))
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
for name, kernel in kernels.items():
    print(
        _(
            en=f"{name}: pixels whose 10 weights are all below 0.01:",
            fr=f"{name} : pixels dont les 10 poids sont tous sous 0,01 :",
        ),
        int((np.abs(kernel).max(axis=1) < 1e-2).sum()),
    )

# %% [markdown] lang="en"
# L1 switched off 16 pixels (red crosses), mostly on the left and right borders, many more
# than the 4 pixels that are always blank: the few dark strokes that reach them do not lower
# the data loss enough to pay for the penalty. L2 keeps every pixel, with small but non-zero
# weights at the border.
#
# ### Written question (2 points, graded by hand)
#
# From the table and the figures above, describe the difference between the L1 and the L2
# kernels. Then give one situation where you would choose L1 rather than L2, and one where
# you would choose L2, and say why.

# %% [markdown] lang="fr"
# L1 a éteint 16 pixels (croix rouges), surtout sur les bords gauche et droit, bien plus que
# les 4 pixels toujours blancs : les rares traits qui les atteignent ne font pas assez baisser
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
    f"{_(en='saturated', fr='saturées'):>9} | {_(en='val. acc.', fr='exact. val.'):>11}"
)
for name, (kernel, z_val, accuracy) in nets.items():
    saturated = np.mean(np.abs(z_val) > np.log(0.98 / 0.02))  # sigmoid < 0.02 or > 0.98
    print(
        f"{name:>13} | {np.abs(kernel).mean():9.4f} | {np.abs(z_val).mean():9.2f} | "
        f"{saturated:9.3f} | {accuracy:11.3f}"
    )

# %%
fig, ax = plt.subplots()
bins = np.linspace(-40, 40, 81)
for index, (name, (_kernel, z_val, _accuracy)) in enumerate(nets.items()):
    ax.hist(z_val.ravel(), bins=bins, histtype="step", lw=1.5, color=f"C{index}", label=name)
limit = np.log(0.98 / 0.02)
ax.axvspan(-limit, limit, color="0.85", label=_(en="not saturated", fr="non saturée"))
ax.set_xlabel(
    _(en="pre-activation z of the sigmoid units", fr="pré-activation z des unités sigmoïdes")
)
ax.set_ylabel(_(en="count (validation)", fr="effectif (validation)"))
ax.legend(fontsize="small")
plt.show()

# %% [markdown] lang="en"
# With raw pixels, the unpenalized network saturates most of its units. The kernel penalty
# halves the weights but leaves most units saturated; the activity penalty, with weights of
# the **same** size as the kernel-penalized ones, brings almost every $z$ into the sensitive
# range of the sigmoid. In this small experiment it does not improve the accuracy; it even
# lowers it a little, since the penalty also limits useful activations and its factor has not
# been tuned. Its benefit lies elsewhere: a saturated unit learns slowly, which matters in
# deeper networks and longer training. And of course, rescaling the inputs, as we do
# elsewhere in the course, is the first remedy.

# %% [markdown] lang="fr"
# Avec les pixels bruts, le réseau sans pénalité sature la plupart de ses unités. La pénalité
# sur le noyau divise les poids par deux mais laisse saturée la plupart des unités ; la
# pénalité d'activité, avec des poids de la **même** taille que ceux du noyau pénalisé, ramène
# presque tous les $z$ dans la zone sensible de la sigmoïde. Dans cette petite expérience, elle
# n'améliore pas l'exactitude ; elle la fait même un peu baisser, car la pénalité limite aussi
# des activations utiles et son coefficient n'a pas été réglé. Son intérêt est ailleurs : une
# unité saturée apprend lentement, ce qui compte dans des réseaux plus profonds et des
# entraînements plus longs. Et bien sûr, remettre les entrées à l'échelle, comme nous le
# faisons ailleurs dans le cours, est le premier remède.

# %% [markdown] lang="en"
# ## 6. In a custom training loop, add the penalties yourself
#
# `fit` adds `sum(model.losses)` to the loss for you. When you write the training step
# yourself with `tf.GradientTape`, nothing does: the penalties exist in `model.losses`, but
# the optimizer only follows the gradient of what you differentiate. We run five steps of
# `fit` on a penalized softmax layer, then the same five steps by hand, once with
# `loss + sum(model.losses)` and once with the data loss alone, all from the same initial
# weights. Read `model.losses` inside the tape, after the forward pass, so that activity
# penalties belong to this batch and the gradient flows through the weight penalties.

# %% [markdown] lang="fr"
# ## 6. Dans une boucle d'entraînement personnalisée, ajoutez vous-même les pénalités
#
# `fit` ajoute `sum(model.losses)` à la perte à votre place. Quand vous écrivez vous-même le
# pas d'entraînement avec `tf.GradientTape`, rien ne le fait : les pénalités existent dans
# `model.losses`, mais l'optimiseur ne suit que le gradient de ce que vous dérivez. Nous
# effectuons cinq pas de `fit` sur une couche softmax pénalisée, puis les cinq mêmes pas à la
# main, une fois avec `loss + sum(model.losses)` et une fois avec la seule perte sur les
# données, en partant à chaque fois des mêmes poids initiaux. Lisez `model.losses` dans
# l'enregistreur, après la propagation avant, pour que les pénalités d'activité soient celles
# de ce lot et que le gradient traverse les pénalités sur les poids.


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


def manual_training(add_penalties, steps=5):
    model = softmax_layer_model()
    optimizer = keras.optimizers.SGD(learning_rate=0.5)
    loss_fn = keras.losses.SparseCategoricalCrossentropy()
    for _step in range(steps):
        with tf.GradientTape() as tape:
            predictions = model(x_train, training=True)
            loss = loss_fn(y_train, predictions)
            if add_penalties:
                loss = loss + sum(model.losses)
        gradients = tape.gradient(loss, model.trainable_weights)
        optimizer.apply(gradients, model.trainable_weights)
    return model.get_layer("softmax").get_weights()[0]


reference = softmax_layer_model()
reference.compile(keras.optimizers.SGD(learning_rate=0.5), loss="sparse_categorical_crossentropy")
reference.fit(x_train, y_train, batch_size=len(x_train), epochs=5, verbose=0)
fit_kernel = reference.get_layer("softmax").get_weights()[0]
for add_penalties, label in [
    (True, _(en="loss + sum(model.losses)", fr="loss + sum(model.losses)")),
    (False, _(en="loss alone              ", fr="loss seule              ")),
]:
    kernel = manual_training(add_penalties)
    print(
        f"{label}: {_(en='same kernel as fit', fr='même noyau que fit')} "
        f"{bool(np.allclose(kernel, fit_kernel, atol=1e-5))}, "
        f"{_(en='sum of w**2', fr='somme des w**2')} {float(np.sum(kernel**2)):.4f}"
    )
print(f"{'fit':<24}: {_(en='sum of w**2', fr='somme des w**2')} {float(np.sum(fit_kernel**2)):.4f}")

# %% [markdown] lang="en"
# Only the loop that adds the penalties reproduces `fit`; the other one silently trains an
# unregularized model, with larger weights. The difference between the two gradients is the
# gradient of the penalty, $2\ell_2 W$ for `L2` (the missing $\tfrac12$ of section 1):

# %% [markdown] lang="fr"
# Seule la boucle qui ajoute les pénalités reproduit `fit` ; l'autre entraîne sans le dire un
# modèle non régularisé, aux poids plus grands. La différence entre les deux gradients est le
# gradient de la pénalité, $2\ell_2 W$ pour `L2` (le $\tfrac12$ absent de la section 1) :

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
# ### Exercise 2 — your own regularizer (3 points)
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
# ### Exercice 2 — votre propre régulariseur (3 points)
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
# Visible tests: run this cell to check your class.
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
    _graph_value = ct.penalty(_reg, _w, graph=True)  # in a tf.function, as during fit
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
# A Dense layer of six weights equal to 1 (3 inputs, 2 units), penalized by CenteredL2.
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
# - `model.losses` lists activity penalties first, then weight penalties layer by layer;
#   `fit` and `evaluate` add their sum to the loss they report, so a penalized `val_loss` is
#   not comparable with an unpenalized one.
# - L1 drives many weights to (almost) zero and selects features; L2 shrinks all weights.
#   With plain SGD, L1 weights oscillate around 0 rather than becoming exactly 0.
# - In a custom `tf.GradientTape` loop, write `loss + sum(model.losses)` yourself.
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
# - `model.losses` donne d'abord les pénalités d'activité, puis les pénalités sur les poids,
#   couche par couche ; `fit` et `evaluate` ajoutent leur somme à la perte qu'ils affichent,
#   donc une `val_loss` pénalisée n'est pas comparable à une `val_loss` non pénalisée.
# - L1 conduit de nombreux poids à (presque) zéro et sélectionne des variables ; L2 réduit
#   tous les poids. Avec la SGD simple, les poids L1 oscillent autour de 0 au lieu de devenir
#   exactement nuls.
# - Dans une boucle personnalisée avec `tf.GradientTape`, écrivez vous-même
#   `loss + sum(model.losses)`.
# - Un régulariseur personnalisé hérite de `keras.regularizers.Regularizer`, calcule avec
#   `keras.ops` et renvoie ses arguments dans `get_config()`.
#
# Leçon suivante : la décroissance des poids (*weight decay*), et pourquoi elle ne coïncide pas
# toujours avec L2 quand on utilise Adam.
