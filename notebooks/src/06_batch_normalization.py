# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] lang="en"
# # Lesson 6 — Batch normalization
#
# **Goal.** By the end of this lesson you can (1) compute by hand what a Keras
# `BatchNormalization` layer returns, in training mode and in inference mode, (2) predict
# how its moving statistics evolve over training steps, (3) find and fix an evaluation that
# runs the layer in training mode, and (4) explain why batch normalization has a
# regularizing effect, why it may make dropout unnecessary, and what can go wrong when the
# two are combined.

# %% [markdown] lang="fr"
# # Leçon 6 — La normalisation par lots
#
# **Objectif.** À la fin de cette leçon, vous saurez (1) calculer à la main ce que renvoie
# une couche `BatchNormalization` de Keras, en mode entraînement comme en mode inférence,
# (2) prévoir l'évolution de ses statistiques mobiles au fil des pas d'entraînement,
# (3) repérer et corriger une évaluation qui fait tourner la couche en mode entraînement et
# (4) expliquer pourquoi la normalisation par lots a un effet régularisant, pourquoi elle
# peut rendre le dropout superflu et ce qui peut mal se passer quand on combine les deux.

# %%
import coursetools as ct  # en: first: it quiets TensorFlow before TensorFlow loads # fr: en premier : il fait taire TensorFlow avant que TensorFlow ne se charge

ct.setup(_(en="en", fr="fr"))

import keras
import matplotlib.pyplot as plt
import numpy as np

# %% [markdown] lang="en"
# ## 1. What the layer computes in training mode
#
# Batch normalization (Ioffe and Szegedy, 2015) works **feature by feature**. For a batch
# $X$ of shape `(batch, features)` and each feature $j$, it computes the mean and the
# variance of that feature over the $n$ examples of the batch,
#
# $$\mu_j = \frac{1}{n}\sum_{i=1}^{n} x_{ij}, \qquad
# \sigma_j^2 = \frac{1}{n}\sum_{i=1}^{n} (x_{ij} - \mu_j)^2,$$
#
# normalizes, then scales and shifts with two learned vectors, $\gamma$ (*gamma*, the scale)
# and $\beta$ (*beta*, the offset):
#
# $$y_{ij} = \gamma_j \, \frac{x_{ij} - \mu_j}{\sqrt{\sigma_j^2 + \varepsilon}} + \beta_j .$$
#
# The small constant $\varepsilon$ (`epsilon`) sits **inside** the square root; it avoids a
# division by zero when a feature is constant over the batch. Normalizing alone would force
# every feature to mean 0 and variance 1, which could limit what the network can represent;
# $\gamma$ and $\beta$ give it back the freedom to choose any mean and scale, and the
# network learns them like any other weight.
#
# Here are the layer's default settings, read from its configuration.

# %% [markdown] lang="fr"
# ## 1. Ce que calcule la couche en mode entraînement
#
# La normalisation par lots (Ioffe et Szegedy, 2015) travaille **caractéristique par
# caractéristique**. Pour un lot $X$ de forme `(lot, caractéristiques)` et chaque
# caractéristique $j$, elle calcule la moyenne et la variance de cette caractéristique sur
# les $n$ exemples du lot,
#
# $$\mu_j = \frac{1}{n}\sum_{i=1}^{n} x_{ij}, \qquad
# \sigma_j^2 = \frac{1}{n}\sum_{i=1}^{n} (x_{ij} - \mu_j)^2,$$
#
# normalise, puis applique une mise à l'échelle et un décalage par deux vecteurs appris,
# $\gamma$ (*gamma*, l'échelle) et $\beta$ (*beta*, le décalage) :
#
# $$y_{ij} = \gamma_j \, \frac{x_{ij} - \mu_j}{\sqrt{\sigma_j^2 + \varepsilon}} + \beta_j .$$
#
# La petite constante $\varepsilon$ (`epsilon`) se trouve **sous** la racine carrée ; elle
# évite une division par zéro quand une caractéristique est constante sur le lot. Normaliser
# seulement imposerait à chaque caractéristique une moyenne nulle et une variance égale à 1,
# ce qui pourrait limiter ce que le réseau sait représenter ; $\gamma$ et $\beta$ lui rendent
# la liberté de choisir n'importe quelle moyenne et n'importe quelle échelle, et le réseau
# les apprend comme n'importe quel autre poids.
#
# Voici les réglages par défaut de la couche, lus dans sa configuration.

# %%
config = keras.layers.BatchNormalization().get_config()
for key in [
    "axis",
    "momentum",
    "epsilon",
    "center",
    "scale",
    "beta_initializer",
    "gamma_initializer",
    "moving_mean_initializer",
    "moving_variance_initializer",
    "beta_regularizer",
    "gamma_regularizer",
]:
    value = config[key]
    print(f"{key:>28}: {value['class_name'] if isinstance(value, dict) else value}")

# %% [markdown] lang="en"
# So `keras.layers.BatchNormalization()` is the same as
# `BatchNormalization(epsilon=0.001, center=True, scale=True, beta_initializer="zeros",
# gamma_initializer="ones")`: at initialization $\gamma = 1$ and $\beta = 0$, and the layer
# only normalizes. `axis=-1` means that the last axis holds the features; every other axis
# (here, the batch axis) is averaged over.
#
# Let us call a fresh layer on a batch of 8 examples with 3 features of very different
# means and scales, **in training mode** (`training=True`, what `fit()` does), and redo the
# computation with NumPy. Two details matter: is the variance divided by $n$ (the *biased*
# variance, NumPy's default `np.var(x, axis=0)`) or by $n-1$ (the *unbiased* one,
# `ddof=1`)? And is $\varepsilon$ inside the square root?

# %% [markdown] lang="fr"
# Ainsi, `keras.layers.BatchNormalization()` équivaut à
# `BatchNormalization(epsilon=0.001, center=True, scale=True, beta_initializer="zeros",
# gamma_initializer="ones")` : à l'initialisation, $\gamma = 1$ et $\beta = 0$, et la couche
# ne fait que normaliser. `axis=-1` signifie que le dernier axe contient les
# caractéristiques ; on fait la moyenne sur tous les autres axes (ici, l'axe du lot).
#
# Appelons une couche neuve sur un lot de 8 exemples à 3 caractéristiques de moyennes et
# d'échelles très différentes, **en mode entraînement** (`training=True`, ce que fait
# `fit()`), et refaisons le calcul avec NumPy. Deux détails comptent : la variance est-elle
# divisée par $n$ (variance *biaisée* au sens statistique, celle que renvoie par défaut
# `np.var(x, axis=0)`) ou par $n-1$ (variance *non biaisée*, `ddof=1`) ? Et $\varepsilon$
# est-il sous la racine ?

# %%
x = (
    np.random.default_rng(0)
    .normal(loc=[2.0, -1.0, 0.5], scale=[3.0, 0.5, 1.0], size=(8, 3))
    .astype("float32")
)
layer = keras.layers.BatchNormalization()
y_train_mode = np.asarray(layer(x, training=True))
mean, centered = x.mean(axis=0), x - x.mean(axis=0)
candidates = {
    _(en="variance / n, eps inside sqrt", fr="variance / n, eps sous la racine"): centered
    / np.sqrt(x.var(axis=0) + 1e-3),
    _(en="variance / (n-1)", fr="variance / (n-1)"): centered
    / np.sqrt(x.var(axis=0, ddof=1) + 1e-3),
    _(en="eps outside sqrt", fr="eps hors de la racine"): centered
    / (np.sqrt(x.var(axis=0)) + 1e-3),
}
for name, candidate in candidates.items():
    gap = np.abs(y_train_mode - candidate).max()
    print(
        f"{name:>34}: {_(en='max. gap', fr='écart max.')} {gap:.1e}, {_(en='matches', fr='concorde')} {bool(gap < 1e-5)}"
    )
print(
    _(en="output mean per feature:", fr="moyenne de la sortie par caractéristique :"),
    y_train_mode.mean(axis=0).round(4) + 0.0,
)
print(
    _(en="output std per feature: ", fr="écart type de la sortie par caractéristique :"),
    y_train_mode.std(axis=0).round(4),
)

# %% [markdown] lang="en"
# Keras (3.15, TensorFlow backend) divides by $n$, and $\varepsilon$ is inside the square
# root. With only 8 examples, the $n-1$ version is off by up to 0.12 (the max. gap
# 1.2e-01 above). The output has mean 0 in every feature; its standard deviations are 1,
# 0.9953 and 0.9985. Each is $\sqrt{\sigma^2 / (\sigma^2 + \varepsilon)}$, so the second
# feature's batch variance $\sigma^2$ is about 0.1, small enough for
# $\varepsilon = 0.001$ to matter.
#
# ### What `center=False` and `scale=False` remove
#
# `center=False` removes $\beta$ (no shift), `scale=False` removes $\gamma$ (no scaling).
# The two **moving statistics** are always there; section 2 explains them.

# %% [markdown] lang="fr"
# Keras (3.15, moteur TensorFlow) divise par $n$, et $\varepsilon$ est sous la racine.
# Avec seulement 8 exemples, la version en $n-1$ s'écarte jusqu'à 0,12 (l'écart max.
# 1.2e-01 ci-dessus). La sortie a une moyenne nulle pour chaque caractéristique, et des
# écarts types de 1, 0,9953 et 0,9985. Chacun vaut
# $\sqrt{\sigma^2 / (\sigma^2 + \varepsilon)}$ : la variance sur le lot $\sigma^2$ de la
# deuxième caractéristique vaut donc environ 0,1, une valeur assez petite pour que
# $\varepsilon = 0{,}001$ compte.
#
# ### Ce que suppriment `center=False` et `scale=False`
#
# `center=False` supprime $\beta$ (pas de décalage), `scale=False` supprime $\gamma$ (pas de
# mise à l'échelle). Les deux **statistiques mobiles** sont toujours présentes ; la section 2
# les explique.

# %%
for center, scale in [(True, True), (False, True), (True, False), (False, False)]:
    variant = keras.layers.BatchNormalization(center=center, scale=scale)
    variant.build((None, 3))
    print(
        f"center={center!s:5} scale={scale!s:5} ->",
        [w.name for w in variant.weights],
        _(en="trainable:", fr="entraînables :"),
        [w.name for w in variant.trainable_weights],
    )

# %% [markdown] lang="en"
# Only $\gamma$ and $\beta$ are trainable: the moving statistics are not learned by
# gradient descent. `scale=False` makes sense when the next layer is linear (a `Dense`
# layer, or ReLU followed by a `Dense` layer), since that layer can do the scaling itself.
# Symmetrically, a `Dense` layer placed **before** batch normalization does not need its
# own bias: subtracting the batch mean cancels any constant added to a feature. Let us
# check it.

# %% [markdown] lang="fr"
# Seuls $\gamma$ et $\beta$ sont entraînables : les statistiques mobiles ne s'apprennent pas
# par descente de gradient. `scale=False` a du sens quand la couche suivante est linéaire
# (une couche `Dense`, ou une ReLU suivie d'une couche `Dense`), puisque celle-ci peut
# se charger de la mise à l'échelle. Symétriquement, une couche `Dense` placée **avant**
# la normalisation par lots n'a pas besoin de son propre biais : soustraire la moyenne du
# lot annule toute constante ajoutée à une caractéristique. Vérifions-le.

# %%
shift = np.array([5.0, -3.0, 0.7], dtype="float32")
fresh = keras.layers.BatchNormalization()
same = np.allclose(fresh(x, training=True), fresh(x + shift, training=True), atol=1e-4)
print(
    _(
        en="adding a bias before BN changes nothing:",
        fr="ajouter un biais avant la BN ne change rien :",
    ),
    same,
)

# %% [markdown] lang="en"
# ### Exercise 1 — the forward pass in NumPy (3 points)
#
# Write `batchnorm_forward(x, gamma, beta, moving_mean, moving_var, training, epsilon=1e-3)`
# that returns what a `BatchNormalization` layer with these weights returns for a batch `x`
# of shape `(batch, features)`:
# - with `training=True`, normalize with the batch's own mean and variance, exactly as
#   Keras does (section 1);
# - with `training=False` (inference), normalize with `moving_mean` and `moving_var`
#   instead (section 2 explains why; the formula is the same with these two vectors in
#   place of $\mu$ and $\sigma^2$).
#
# `gamma` may be `None` (layer built with `scale=False`) and `beta` may be `None`
# (`center=False`). Use NumPy only, and do not update the moving statistics here.
#
# The tests compare your output with a real `BatchNormalization` layer holding the same
# weights (same shape as `x`, each value within $10^{-5} + 10^{-5}\,|y|$ of the layer's
# value $y$), in both modes; the hidden tests do the same on four random layers with other
# values of `epsilon`, including `center=False` and `scale=False`, and check that in
# training mode your output does not depend on `moving_mean` and `moving_var`.

# %% [markdown] lang="fr"
# ### Exercice 1 — la propagation avant avec NumPy (3 points)
#
# Écrivez `batchnorm_forward(x, gamma, beta, moving_mean, moving_var, training, epsilon=1e-3)`
# qui renvoie ce que renvoie une couche `BatchNormalization` ayant ces poids pour un lot `x`
# de forme `(lot, caractéristiques)` :
# - avec `training=True`, normalisez avec la moyenne et la variance du lot lui-même,
#   exactement comme Keras (section 1) ;
# - avec `training=False` (inférence), normalisez plutôt avec `moving_mean` et `moving_var`
#   (la section 2 explique pourquoi ; la formule est la même, avec ces deux vecteurs à la
#   place de $\mu$ et $\sigma^2$).
#
# `gamma` peut valoir `None` (couche construite avec `scale=False`) et `beta` peut valoir
# `None` (`center=False`). N'utilisez que NumPy, et ne mettez pas à jour les statistiques
# mobiles ici.
#
# Les tests comparent votre sortie à celle d'une vraie couche `BatchNormalization` ayant les
# mêmes poids (même forme que `x`, chaque valeur à $10^{-5} + 10^{-5}\,|y|$ près de la
# valeur $y$ de la couche), dans les deux modes ; les tests cachés font de même sur quatre
# couches tirées au hasard, avec d'autres valeurs d'`epsilon`, dont `center=False` et
# `scale=False`, et vérifient qu'en mode entraînement votre sortie ne dépend pas de
# `moving_mean` ni de `moving_var`.


# %% nbgrader="solution" grade_id="batchnorm_forward"
def batchnorm_forward(x, gamma, beta, moving_mean, moving_var, training, epsilon=1e-3):
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype="float64")
    if training:
        mean, var = x.mean(axis=0), x.var(axis=0)
    else:
        mean, var = np.asarray(moving_mean), np.asarray(moving_var)
    y = (x - mean) / np.sqrt(var + epsilon)
    if gamma is not None:
        y = y * np.asarray(gamma)
    if beta is not None:
        y = y + np.asarray(beta)
    return y
    ### END SOLUTION


# %% nbgrader="tests" grade_id="batchnorm_forward_tests" points=3
# en: Visible tests: run this cell to check your function.
# fr: Tests visibles : exécutez cette cellule pour vérifier votre fonction.
def _close(a, b):
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-5)


_rng = np.random.default_rng(6)
_x = (_rng.normal(size=(16, 5)) * [0.3, 0.5, 1.0, 2.0, 4.0] + [0.0, 1.0, -2.0, 3.0, 0.5]).astype(
    "float32"
)
_g, _b = _rng.uniform(0.5, 2.0, 5).astype("float32"), _rng.normal(size=5).astype("float32")
_mm, _mv = _rng.normal(size=5).astype("float32"), _rng.uniform(0.5, 3.0, 5).astype("float32")
_layer = keras.layers.BatchNormalization()
_layer.build((None, 5))
_layer.set_weights([_g, _b, _mm, _mv])
_exp_inf = np.asarray(_layer(_x, training=False))
_exp_train = np.asarray(_layer(_x, training=True))
_got_train = np.asarray(batchnorm_forward(_x, _g, _b, _mm.copy(), _mv.copy(), training=True))
_got_inf = np.asarray(batchnorm_forward(_x, _g, _b, _mm.copy(), _mv.copy(), training=False))
assert _got_train.shape == _x.shape and _got_inf.shape == _x.shape, _(
    en=f"The output must have the shape of x, {_x.shape}; got {_got_train.shape} (training) and {_got_inf.shape} (inference).",
    fr=f"La sortie doit avoir la forme de x, {_x.shape} ; obtenu {_got_train.shape} (entraînement) et {_got_inf.shape} (inférence).",
)
_m, _c = _x.mean(axis=0), _x - _x.mean(axis=0)
if _close(_got_inf, _exp_train):
    raise AssertionError(
        _(
            en="With training=False you normalized with the batch statistics: at inference, use moving_mean and moving_var instead of the batch's mean and variance.",
            fr="Avec training=False, vous avez normalisé avec les statistiques du lot : en inférence, utilisez moving_mean et moving_var au lieu de la moyenne et de la variance du lot.",
        )
    )
if _close(_got_train, _g * _c / np.sqrt(_x.var(axis=0, ddof=1) + 1e-3) + _b):
    raise AssertionError(
        _(
            en="You used the unbiased variance (divided by n-1): Keras divides by n, as np.var(x, axis=0) does with its default ddof=0.",
            fr="Vous avez utilisé la variance non biaisée (divisée par n-1) : Keras divise par n, comme np.var(x, axis=0) avec son ddof=0 par défaut.",
        )
    )
if _close(_got_train, _g * _c / (np.sqrt(_x.var(axis=0)) + 1e-3) + _b):
    raise AssertionError(
        _(
            en="epsilon must be added to the variance inside the square root: sqrt(var + epsilon), not sqrt(var) + epsilon.",
            fr="epsilon doit s'ajouter à la variance sous la racine : sqrt(var + epsilon), et non sqrt(var) + epsilon.",
        )
    )
_plain = _c / np.sqrt(_x.var(axis=0) + 1e-3)
if any(_close(_got_train, _p) for _p in (_plain, _g * _plain, _plain + _b)):
    raise AssertionError(
        _(
            en="gamma or beta is missing: multiply the normalized value by gamma, then add beta.",
            fr="gamma ou beta manque : multipliez la valeur normalisée par gamma, puis ajoutez beta.",
        )
    )
_wrong_axis = (_x - _x.mean(axis=1, keepdims=True)) / np.sqrt(_x.var(axis=1, keepdims=True) + 1e-3)
if _close(_got_train, _g * _wrong_axis + _b):
    raise AssertionError(
        _(
            en="Wrong axis: each feature (column) is normalized over the batch, so take the mean and variance with axis=0.",
            fr="Mauvais axe : chaque caractéristique (colonne) est normalisée sur le lot, prenez donc la moyenne et la variance avec axis=0.",
        )
    )
assert _close(_got_train, _exp_train), _(
    en="With training=True your output differs from the Keras layer's.",
    fr="Avec training=True, votre sortie diffère de celle de la couche Keras.",
)
assert _close(_got_inf, _exp_inf), _(
    en="With training=False your output differs from the Keras layer's (it uses moving_mean and moving_var).",
    fr="Avec training=False, votre sortie diffère de celle de la couche Keras (qui utilise moving_mean et moving_var).",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
for _center, _scale, _eps in [
    (True, True, 0.1),
    (False, True, 1e-3),
    (True, False, 1e-3),
    (False, False, 0.01),
]:
    _rng = np.random.default_rng(ct.fresh_seed())
    _x = (_rng.normal(size=(9, 4)) * [0.2, 1.0, 3.0, 0.05] + [1.0, -1.0, 2.0, 0.0]).astype(
        "float32"
    )
    _layer = keras.layers.BatchNormalization(epsilon=_eps, center=_center, scale=_scale)
    _layer.build((None, 4))
    _w = {
        "gamma": _rng.uniform(0.5, 2.0, 4).astype("float32"),
        "beta": _rng.normal(size=4).astype("float32"),
        "moving_mean": _rng.normal(size=4).astype("float32"),
        "moving_variance": _rng.uniform(0.1, 2.0, 4).astype("float32"),
    }
    _layer.set_weights([_w[v.name] for v in _layer.weights])
    _gg, _bb = (_w["gamma"] if _scale else None), (_w["beta"] if _center else None)
    _mm, _mv = _w["moving_mean"], _w["moving_variance"]
    _exp_inf = np.asarray(_layer(_x, training=False))
    _exp_train = np.asarray(_layer(_x, training=True))
    assert _close(
        np.asarray(batchnorm_forward(_x, _gg, _bb, _mm, _mv, False, epsilon=_eps)), _exp_inf
    )
    assert _close(
        np.asarray(batchnorm_forward(_x, _gg, _bb, _mm, _mv, True, epsilon=_eps)), _exp_train
    )
    assert _close(
        np.asarray(batchnorm_forward(_x, _gg, _bb, _mm * 0 + 99, _mv * 0 + 99, True, _eps)),
        _exp_train,
    )
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## 2. Training versus inference: the moving statistics
#
# In training mode, an example's output depends on the **other** examples of its batch,
# through $\mu$ and $\sigma^2$. That is acceptable while training, but not once the model is
# deployed: a prediction must depend on the input alone, and it must exist for a single
# example (a "batch" of one has variance 0). So the layer keeps two extra vectors,
# `moving_mean` (initialized to 0) and `moving_variance` (initialized to 1), and each call in
# training mode updates them with the batch statistics:
#
# $$\text{moving} \leftarrow \text{moving} \times \text{momentum} + \text{batch statistic}
# \times (1 - \text{momentum}), \qquad \text{momentum} = 0.99 .$$
#
# They are exponential moving averages of the batch means and variances seen during
# training. **In inference mode** (`training=False`, used by `predict()` and `evaluate()`,
# and the default when you call a model or layer yourself) the layer normalizes with them,
# so the output no longer depends on the batch. Let us verify the update rule, including
# which variance (divided by $n$ or by $n-1$) goes into the moving average.

# %% [markdown] lang="fr"
# ## 2. Entraînement et inférence : les statistiques mobiles
#
# En mode entraînement, la sortie d'un exemple dépend des **autres** exemples de son lot, à
# travers $\mu$ et $\sigma^2$. C'est acceptable pendant l'entraînement, mais plus une fois
# le modèle déployé : une prédiction ne doit dépendre que de l'entrée, et elle doit exister
# pour un exemple seul (un « lot » d'un seul exemple a une variance nulle). La couche
# conserve donc deux vecteurs supplémentaires, `moving_mean` (initialisé à 0) et
# `moving_variance` (initialisé à 1), et chaque appel en mode entraînement les met à jour
# avec les statistiques du lot :
#
# $$\text{mobile} \leftarrow \text{mobile} \times \text{momentum} + \text{statistique du lot}
# \times (1 - \text{momentum}), \qquad \text{momentum} = 0{,}99 .$$
#
# Ce sont des moyennes mobiles exponentielles des moyennes et variances des lots vus pendant
# l'entraînement. **En mode inférence** (`training=False`, utilisé par `predict()` et
# `evaluate()`, et mode par défaut quand on appelle soi-même un modèle ou une couche), la
# couche normalise avec elles : la sortie ne dépend plus du lot. Vérifions la règle de mise
# à jour, y compris la variance (divisée par $n$ ou par $n-1$) qui entre dans la moyenne
# mobile.

# %%
layer = keras.layers.BatchNormalization()
layer.build((None, 3))
before = layer(x, training=False)
print(
    _(
        en="fresh layer at inference = x / sqrt(1 + eps):",
        fr="couche neuve en inférence = x / sqrt(1 + eps) :",
    ),
    bool(np.allclose(before, x / np.sqrt(1.001), atol=1e-5)),
)
# en: One training-mode call updates the moving statistics.
# fr: Un appel en mode entraînement met à jour les statistiques mobiles.
layer(x, training=True)
moving_mean, moving_var = layer.moving_mean.numpy(), layer.moving_variance.numpy()
print("moving_mean:    ", moving_mean.round(4))
print("moving_variance:", moving_var.round(4))
print(
    _(
        en="moving_mean = 0.99 * 0 + 0.01 * mean(batch):",
        fr="moving_mean = 0,99 × 0 + 0,01 × moyenne(lot) :",
    ),
    bool(np.allclose(moving_mean, 0.01 * x.mean(axis=0), atol=1e-6)),
)
print(
    _(en="moving_variance uses var / n:      ", fr="moving_variance utilise var / n :      "),
    bool(np.allclose(moving_var, 0.99 + 0.01 * x.var(axis=0), atol=1e-6)),
)
print(
    _(en="moving_variance uses var / (n-1):  ", fr="moving_variance utilise var / (n-1) :  "),
    bool(np.allclose(moving_var, 0.99 + 0.01 * x.var(axis=0, ddof=1), atol=1e-6)),
)
after = layer(x, training=False)
print(
    _(
        en="inference uses the moving statistics:",
        fr="l'inférence utilise les statistiques mobiles :",
    ),
    bool(np.allclose(after, (x - moving_mean) / np.sqrt(moving_var + 1e-3), atol=1e-5)),
)
print(
    _(en="calling without `training` = inference:", fr="appel sans `training` = inférence :"),
    bool(np.allclose(layer(x), after)),
)
print(
    _(
        en="a batch of one in training mode gives:",
        fr="un lot d'un seul exemple en mode entraînement donne :",
    ),
    np.asarray(layer(x[:1], training=True)).round(4) + 0.0,
)

# %% [markdown] lang="en"
# In Keras 3.15 the same biased variance (divided by $n$) is used to normalize in training
# mode and to update `moving_variance`. (PyTorch differs: the documentation of
# `torch.nn.BatchNorm1d` says that it normalizes with the biased variance but puts the
# unbiased $n-1$ variance into its moving average.) Note the last line: in training mode a
# single example is normalized to exactly $\beta = 0$, whatever it is.
#
# One more trap, for fine-tuning: setting `layer.trainable = False` on a
# `BatchNormalization` layer does not only freeze $\gamma$ and $\beta$; it also makes the
# layer run in inference mode, even inside `fit()`. In Keras 3.15's source
# (`BatchNormalization.call`), the batch statistics are used, and the moving statistics
# updated, only `if training and self.trainable`.

# %% [markdown] lang="fr"
# Dans Keras 3.15, la même variance biaisée (divisée par $n$) sert à normaliser en mode
# entraînement et à mettre à jour `moving_variance`. (PyTorch fait autrement : d'après la
# documentation de `torch.nn.BatchNorm1d`, il normalise avec la variance biaisée mais met
# la variance non biaisée, en $n-1$, dans sa moyenne mobile.) Remarquez la dernière ligne :
# en mode entraînement, un exemple seul est normalisé exactement en $\beta = 0$, quel qu'il
# soit.
#
# Un dernier piège, pour l'affinage (*fine-tuning*) : mettre `layer.trainable = False` sur
# une couche `BatchNormalization` ne fige pas seulement $\gamma$ et $\beta$ ; la couche
# fonctionne alors aussi en mode inférence, même dans `fit()`. Dans le code source de
# Keras 3.15 (`BatchNormalization.call`), les statistiques du lot ne servent, et les
# statistiques mobiles ne sont mises à jour, que `if training and self.trainable`.

# %%
frozen = keras.layers.BatchNormalization()
frozen.build((None, 3))
frozen.trainable = False
print(
    _(
        en="trainable=False, training=True -> inference mode:",
        fr="trainable=False, training=True -> mode inférence :",
    ),
    bool(np.allclose(frozen(x, training=True), frozen(x, training=False))),
)
print(_(en="moving_mean unchanged:", fr="moving_mean inchangé :"), frozen.moving_mean.numpy())

# %% [markdown] lang="en"
# PyTorch also names the moving statistics' parameter `momentum`, with the **opposite**
# convention. Its documentation (`torch.nn.BatchNorm1d`) writes the update
# $\hat x_{\text{new}} = (1 - \text{momentum})\,\hat x + \text{momentum}\, x_t$, with
# $x_t$ the new batch statistic and a default `momentum=0.1`: PyTorch's `momentum` weights
# the **new** batch, Keras' weights the **old** moving average. PyTorch's default 0.1 is
# therefore Keras' `momentum=0.9`, not 0.1, and Keras' default 0.99 is PyTorch's 0.01. (The
# default `epsilon` differs too: $10^{-5}$ in PyTorch, $10^{-3}$ in Keras.) PyTorch is not
# installed here, so the cell below writes its documented rule in NumPy and compares it with
# Keras layers after one training-mode call on `x`.

# %% [markdown] lang="fr"
# PyTorch nomme aussi `momentum` le paramètre des statistiques mobiles, avec la convention
# **inverse**. Sa documentation (`torch.nn.BatchNorm1d`) écrit la mise à jour
# $\hat x_{\text{nouveau}} = (1 - \text{momentum})\,\hat x + \text{momentum}\, x_t$, où
# $x_t$ est la nouvelle statistique du lot, avec `momentum=0.1` par défaut : le `momentum`
# de PyTorch pondère le **nouveau** lot, celui de Keras l'**ancienne** moyenne mobile. La
# valeur par défaut 0,1 de PyTorch correspond donc à `momentum=0.9` dans Keras, et non à
# 0,1, et la valeur par défaut 0,99 de Keras correspond à 0,01 dans PyTorch. (L'`epsilon`
# par défaut diffère aussi : $10^{-5}$ dans PyTorch, $10^{-3}$ dans Keras.) PyTorch n'est pas
# installé ici : la cellule ci-dessous écrit sa règle documentée avec NumPy et la compare à
# des couches Keras après un appel en mode entraînement sur `x`.


# %%
def pytorch_running_stat(running, batch_stat, momentum):
    """en: The running-statistic update documented for PyTorch's torch.nn.BatchNorm1d.

    fr: La mise à jour des statistiques courantes documentée pour torch.nn.BatchNorm1d de PyTorch.
    """
    return (1 - momentum) * running + momentum * batch_stat


pytorch_mean = pytorch_running_stat(np.zeros(3), x.mean(axis=0), momentum=0.1)
print(
    _(en="PyTorch, momentum=0.1:  running_mean", fr="PyTorch, momentum=0.1 : running_mean"),
    pytorch_mean.round(4),
)
for keras_momentum in [0.1, 0.9]:
    keras_layer = keras.layers.BatchNormalization(momentum=keras_momentum)
    keras_layer(x, training=True)
    keras_mean = keras_layer.moving_mean.numpy()
    print(
        _(
            en=f"Keras, momentum={keras_momentum}:   moving_mean",
            fr=f"Keras, momentum={keras_momentum} :   moving_mean",
        ),
        keras_mean.round(4),
        _(en="same as PyTorch's:", fr="identique à PyTorch :"),
        bool(np.allclose(keras_mean, pytorch_mean, atol=1e-6)),
    )

# %% [markdown] lang="en"
# ### Exercise 2 — predict the moving statistics before running the layer (2 points)
#
# The cell above checked **one** update. Section 4 trains networks for 100 steps, with
# momentum 0.99 and then 0.9: what will their moving statistics hold by then? Predict it
# from the update rule and the initial values, before any experiment.
#
# Write `predict_moving_stats(batch_mean, batch_var, momentum, steps)` that returns the pair
# `(moving_mean, moving_variance)` held by a **fresh** `BatchNormalization(momentum=momentum)`
# layer after `steps` calls in training mode, when every batch it receives has, feature by
# feature, the mean `batch_mean` and the variance (divided by $n$) `batch_var`.
# `batch_mean` and `batch_var` are NumPy arrays with one value per feature; return two
# arrays of the same shape. A closed form fits on two lines, and a NumPy loop over the
# steps is accepted too; do not create a Keras layer: the cell after the tests runs one and
# prints your prediction next to it.
#
# The visible tests compare your prediction with a real layer called 10 times, with
# momentum 0.95, on a batch of 2 features having exactly these statistics: each value must
# be within $10^{-4} + 10^{-4}\,|v|$ of the layer's value $v$, and the message says which
# statistic is off, in which direction and by how much. The hidden tests do the same for
# three random settings (momentum between 0.5 and 0.98, 2 to 60 steps, 3 features).

# %% [markdown] lang="fr"
# ### Exercice 2 — prévoir les statistiques mobiles avant de faire tourner la couche (2 points)
#
# La cellule ci-dessus a vérifié **une** mise à jour. La section 4 entraîne des réseaux
# pendant 100 pas, avec un momentum de 0,99 puis de 0,9 : que contiendront alors leurs
# statistiques mobiles ? Prévoyez-le à partir de la règle de mise à jour et des valeurs
# initiales, avant toute expérience.
#
# Écrivez `predict_moving_stats(batch_mean, batch_var, momentum, steps)` qui renvoie le
# couple `(moving_mean, moving_variance)` que contient une couche **neuve**
# `BatchNormalization(momentum=momentum)` après `steps` appels en mode entraînement, quand
# chaque lot qu'elle reçoit a, caractéristique par caractéristique, la moyenne `batch_mean`
# et la variance (divisée par $n$) `batch_var`. `batch_mean` et `batch_var` sont des
# tableaux NumPy, avec une valeur par caractéristique ; renvoyez deux tableaux de même
# forme. Une formule explicite tient en deux lignes, et une boucle NumPy sur les pas est
# acceptée aussi ; ne créez pas de couche Keras : la cellule qui suit les tests en fait
# tourner une et affiche votre prévision à côté.
#
# Les tests visibles comparent votre prévision à une vraie couche appelée 10 fois, avec un
# momentum de 0,95, sur un lot de 2 caractéristiques ayant exactement ces statistiques :
# chaque valeur doit être à $10^{-4} + 10^{-4}\,|v|$ près de la valeur $v$ de la couche, et
# le message indique quelle statistique s'écarte, dans quel sens et de combien. Les tests
# cachés font de même pour trois réglages tirés au hasard (momentum entre 0,5 et 0,98, de 2
# à 60 pas, 3 caractéristiques).


# %% nbgrader="solution" grade_id="predict_moving_stats"
def predict_moving_stats(batch_mean, batch_var, momentum, steps):
    ### BEGIN SOLUTION
    # en: The weight left on the initial values (mean 0, variance 1).
    # fr: Le poids qui reste aux valeurs initiales (moyenne 0, variance 1).
    kept = momentum**steps
    moving_mean = 0.0 * kept + np.asarray(batch_mean) * (1 - kept)
    moving_var = 1.0 * kept + np.asarray(batch_var) * (1 - kept)
    return moving_mean, moving_var
    ### END SOLUTION


# %% nbgrader="tests" grade_id="predict_moving_stats_tests" points=2
# en: Visible tests: run this cell to check your prediction against a real layer.
# fr: Tests visibles : exécutez cette cellule pour confronter votre prévision à une vraie couche.
def _layer_after(mean, var, momentum, steps):
    """en: Moving statistics of a fresh layer after `steps` calls on batches of these statistics.

    fr: Statistiques mobiles d'une couche neuve après `steps` appels sur des lots ayant ces
    statistiques.
    """
    signs = np.tile([[1.0], [-1.0]], (1, len(mean)))  # en: mean 0, var. 1 # fr: moy. 0, var. 1
    batch = (mean + np.sqrt(var) * signs).astype("float32")
    layer = keras.layers.BatchNormalization(momentum=momentum)
    for _step in range(steps):
        layer(batch, training=True)
    return layer.moving_mean.numpy().astype("float64"), layer.moving_variance.numpy().astype(
        "float64"
    )


def _prediction(mean, var, momentum, steps):
    got = ct.plain(predict_moving_stats(mean.copy(), var.copy(), momentum, steps))
    assert type(got) in (tuple, list) and len(got) == 2, _(
        en="Return a pair: (moving_mean, moving_variance).",
        fr="Renvoyez un couple : (moving_mean, moving_variance).",
    )
    got_m, got_v = (np.asarray(a, dtype="float64") for a in got)
    assert got_m.shape == mean.shape and got_v.shape == var.shape, _(
        en=f"Each statistic has one value per feature, shape {mean.shape}; got {got_m.shape} and {got_v.shape}.",
        fr=f"Chaque statistique a une valeur par caractéristique, forme {mean.shape} ; obtenu {got_m.shape} et {got_v.shape}.",
    )
    return got_m, got_v


def _close(a, b):
    return np.allclose(a, b, rtol=1e-4, atol=1e-4)


def _gap(statistic, got, expected, momentum, steps):
    """en: Which way and by how much a predicted statistic is off.

    fr: Dans quel sens et de combien une statistique prévue s'écarte.
    """
    j = int(np.argmax(np.abs(got - expected)))
    gap = float(got[j] - expected[j])
    return _(
        en=f"After {steps} steps with momentum {momentum}, your {statistic} for feature {j} is {got[j]:.4f} but the layer holds {expected[j]:.4f}: {'too high' if gap > 0 else 'too low'} by {abs(gap):.4f}.",
        fr=f"Après {steps} pas avec un momentum de {momentum}, votre {statistic} pour la caractéristique {j} vaut {got[j]:.4f} mais la couche contient {expected[j]:.4f} : {'trop haut' if gap > 0 else 'trop bas'} de {abs(gap):.4f}.",
    )


_mean, _var, _momentum, _steps = np.array([2.0, -1.0]), np.array([0.25, 4.0]), 0.95, 10
_exp_m, _exp_v = _layer_after(_mean, _var, _momentum, _steps)
_got_m, _got_v = _prediction(_mean, _var, _momentum, _steps)
_kept = _momentum**_steps
_diagnoses = [
    (
        _close(_got_m, _mean * _kept),
        _(
            en="You swapped the weights: the initial value keeps momentum**steps, the batch statistic gets 1 - momentum**steps.",
            fr="Vous avez inversé les poids : la valeur initiale garde momentum**steps, la statistique du lot reçoit 1 - momentum**steps.",
        ),
    ),
    (
        _close(_got_m, _mean * (1 - _momentum)),
        _(
            en="Your prediction is the moving mean after only one step: each of the steps multiplies what is left of the initial value by momentum.",
            fr="Votre prévision est la moyenne mobile après un seul pas : chacun des pas multiplie par momentum ce qui reste de la valeur initiale.",
        ),
    ),
    (
        _close(_got_m, _mean * min(1.0, _steps * (1 - _momentum))),
        _(
            en="You added (1 - momentum) of the batch statistic at each step, as if the weights added up: the update is multiplicative, what is left of the initial value is momentum**steps.",
            fr="Vous avez ajouté (1 - momentum) de la statistique du lot à chaque pas, comme si les poids s'additionnaient : la mise à jour est multiplicative, il reste momentum**steps de la valeur initiale.",
        ),
    ),
    (
        any(_close(_got_m, _mean * (1 - _momentum**k)) for k in (_steps - 1, _steps + 1)),
        _(
            en="You are one step off: after steps calls, what is left of the initial value is momentum**steps exactly.",
            fr="Vous êtes décalé d'un pas : après steps appels, il reste exactement momentum**steps de la valeur initiale.",
        ),
    ),
]
for _found, _message in _diagnoses:
    if _found:
        raise AssertionError(
            _message + " " + _gap("moving_mean", _got_m, _exp_m, _momentum, _steps)
        )
assert _close(_got_m, _exp_m), _gap("moving_mean", _got_m, _exp_m, _momentum, _steps)
if _close(_got_v, _var * (1 - _kept)):
    raise AssertionError(
        _(
            en="moving_variance starts at 1, not 0 (moving_variance_initializer='ones'): its initial value 1 keeps the weight momentum**steps.",
            fr="moving_variance part de 1, pas de 0 (moving_variance_initializer='ones') : sa valeur initiale 1 garde le poids momentum**steps.",
        )
        + " "
        + _gap("moving_variance", _got_v, _exp_v, _momentum, _steps)
    )
assert _close(_got_v, _exp_v), _gap("moving_variance", _got_v, _exp_v, _momentum, _steps)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(ct.fresh_seed())
for _trial in range(3):
    _mean = _rng.normal(0.0, 3.0, size=3)
    _var = _rng.uniform(0.05, 5.0, size=3)
    _momentum, _steps = float(_rng.uniform(0.5, 0.98)), int(_rng.integers(2, 61))
    _exp_m, _exp_v = _layer_after(_mean, _var, _momentum, _steps)
    _got_m, _got_v = _prediction(_mean, _var, _momentum, _steps)
    assert _close(_got_m, _exp_m), _gap("moving_mean", _got_m, _exp_m, _momentum, _steps)
    assert _close(_got_v, _exp_v), _gap("moving_variance", _got_v, _exp_v, _momentum, _steps)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# Now the experiment: a fresh layer called 100 times in training mode on a batch of mean 2
# and variance 0.25, with each momentum of section 4, next to your prediction.

# %% [markdown] lang="fr"
# Place à l'expérience : une couche neuve appelée 100 fois en mode entraînement sur un lot
# de moyenne 2 et de variance 0,25, avec chacun des deux momentums de la section 4, à côté
# de votre prévision.

# %%
# en: A batch of mean 2 and variance 0.25.
# fr: Un lot de moyenne 2 et de variance 0,25.
batch = np.array([[1.5], [2.5]], dtype="float32")
print(
    _(
        en="                 moving_mean        moving_variance",
        fr="                    moving_mean        moving_variance",
    )
)
print(
    _(
        en="               predicted  layer   predicted  layer",
        fr="                  prévu   couche     prévu   couche",
    )
)
for momentum in [0.99, 0.9]:
    predicted = [
        float(np.asarray(s).ravel()[0])
        for s in predict_moving_stats(np.array([2.0]), np.array([0.25]), momentum, 100)
    ]
    layer = keras.layers.BatchNormalization(momentum=momentum)
    for _step in range(100):
        layer(batch, training=True)
    held = [float(layer.moving_mean.numpy()[0]), float(layer.moving_variance.numpy()[0])]
    print(
        _(en=f"momentum {momentum:4}:", fr=f"momentum {momentum:4} :"),
        f"{predicted[0]:8.4f} {held[0]:8.4f}    {predicted[1]:8.4f} {held[1]:8.4f}",
    )
for momentum in [0.99, 0.9]:
    print(
        _(
            en=f"momentum {momentum}: initial values weigh {momentum**100:.3g} after 100 steps, below 5% after {int(np.ceil(np.log(0.05) / np.log(momentum)))} steps",
            fr=f"momentum {momentum} : les valeurs initiales pèsent {momentum**100:.3g} après 100 pas, moins de 5 % après {int(np.ceil(np.log(0.05) / np.log(momentum)))} pas",
        )
    )

# %% [markdown] lang="en"
# If your prediction and the layer disagree, go back to exercise 2. The momentum is a memory
# length: after $k$ training steps, the initial values still weigh $\text{momentum}^k$ in
# the moving statistics. With momentum 0.99 that is 0.366 after 100 steps: the moving mean
# has covered only part of the way from 0 to 2 (1.2679), and the moving variance is still
# 0.5245 instead of 0.25. It takes 299 steps for the initial values to weigh less than 5%.
# With momentum 0.9 they weigh $2.66 \times 10^{-5}$ after 100 steps, and the moving
# statistics have reached the batch's (1.9999 and 0.2500). Section 4 shows what this means
# for a network trained for 100 steps.

# %% [markdown] lang="fr"
# Si votre prévision et la couche ne concordent pas, revenez à l'exercice 2. Le momentum
# est une durée de mémoire : après $k$ pas d'entraînement, les valeurs initiales pèsent
# encore $\text{momentum}^k$ dans les statistiques mobiles. Avec un momentum de 0,99, cela
# fait 0,366 après 100 pas : la moyenne mobile n'a parcouru qu'une partie du chemin de 0 à 2
# (1,2679), et la variance mobile vaut encore 0,5245 au lieu de 0,25. Il faut 299 pas pour
# que les valeurs initiales pèsent moins de 5 %. Avec un momentum de 0,9, elles pèsent
# $2{,}66 \times 10^{-5}$ après 100 pas, et les statistiques mobiles ont rejoint celles du lot
# (1,9999 et 0,2500). La section 4 montre ce que cela implique pour un réseau entraîné
# pendant 100 pas.

# %% [markdown] lang="en"
# ## 3. What normalization does to a hidden layer's pre-activations
#
# We now move to real data: scikit-learn's bundled 8×8 digits (64 pixel features, 10
# classes), loaded offline. Take a `Dense` layer of 3 units with its random initial
# weights and look at its **pre-activations** (the values before ReLU) over 600 training
# images, before and after a batch normalization layer in training mode.

# %% [markdown] lang="fr"
# ## 3. Ce que la normalisation fait aux pré-activations d'une couche cachée
#
# Passons à des données réelles : les chiffres manuscrits 8×8 fournis avec scikit-learn
# (64 pixels en entrée, 10 classes), chargés hors ligne. Prenons une couche `Dense` de
# 3 unités avec ses poids initiaux aléatoires et regardons ses **pré-activations** (les
# valeurs avant la ReLU) sur 600 images d'entraînement, avant et après une couche de
# normalisation par lots en mode entraînement.

# %%
x_train, y_train, x_val, y_val = ct.load_digits_split(n_train=600, n_val=500)
ct.reseed()
dense = keras.layers.Dense(3, use_bias=False)
pre = np.asarray(dense(x_train))
normalized = np.asarray(keras.layers.BatchNormalization()(pre, training=True))
print(
    _(
        en="           mean before / after   std before / after",
        fr="          moyenne avant / après   écart type avant / après",
    )
)
for unit in range(3):
    print(
        f"{_(en='unit', fr='unité')} {unit}: {pre[:, unit].mean():9.4f} / {round(float(normalized[:, unit].mean()), 4) + 0.0:7.4f}"
        f"      {pre[:, unit].std():7.4f} / {normalized[:, unit].std():6.4f}"
    )
# alt en: Two histograms of the 600 values of each of the 3 units. Left, before
# alt en: normalization: three distributions with their own centres (means -0.52, 0.11 and
# alt en: 0.06) and spreads (standard deviations 0.42, 0.28 and 0.30). Right, after
# alt en: BatchNormalization: the same three shapes, all centred at 0, with standard deviations
# alt en: of 0.994 to 0.997.
# alt fr: Deux histogrammes des 600 valeurs de chacune des 3 unités. À gauche, avant la
# alt fr: normalisation : trois distributions, chacune avec son centre (moyennes -0,52, 0,11 et
# alt fr: 0,06) et sa dispersion (écarts types 0,42, 0,28 et 0,30). À droite, après
# alt fr: BatchNormalization : les trois mêmes formes, toutes centrées en 0, avec des écarts
# alt fr: types de 0,994 à 0,997.
fig, axes = plt.subplots(1, 2, figsize=(9, 3.4), sharey=True)
for unit, style in zip(range(3), ["-", "--", ":"], strict=True):
    for ax, values in zip(axes, [pre[:, unit], normalized[:, unit]], strict=True):
        ax.hist(
            values,
            bins=30,
            histtype="step",
            linewidth=1.5,
            linestyle=style,
            color=f"C{unit}",
            label=_(en=f"unit {unit}", fr=f"unité {unit}"),
        )
axes[0].set_title(_(en="pre-activations (Dense output)", fr="pré-activations (sortie de Dense)"))
axes[1].set_title(_(en="after BatchNormalization", fr="après BatchNormalization"))
for ax in axes:
    ax.set_xlabel(_(en="value", fr="valeur"))
axes[0].set_ylabel(_(en="number of images", fr="nombre d'images"))
axes[0].legend(fontsize="small")
plt.show()

# %% [markdown] lang="en"
# Before normalization, each unit has its own center and spread, set by chance at
# initialization, and they keep changing as the weights below are trained. After it, every
# unit is centered at 0 with standard deviation close to 1 (0.9938 to 0.9971: $\varepsilon$
# again), so a ReLU placed next cuts each unit near its middle; $\gamma$ and $\beta$ then
# let training move that cut where it helps.
# The shapes of the distributions do not change: batch normalization is an affine map per
# unit, not a "Gaussianization".
#
# Ioffe and Szegedy called that drift of each layer's input distribution during training
# *internal covariate shift*, and presented its reduction as the reason batch normalization
# speeds up training. That explanation was their motivation, not a measured fact, and later
# work disputes it: Santurkar et al. (2018, "How Does Batch Normalization Help
# Optimization?") injected noise after each batch normalization layer to bring the drift
# back, found that the networks trained about as well as with plain batch normalization, and
# argued that batch normalization helps by making the loss smoother to optimize. Why it
# helps is still debated; that it speeds up training is what section 4 measures.

# %% [markdown] lang="fr"
# Avant la normalisation, chaque unité a son propre centre et sa propre dispersion, fixés
# au hasard à l'initialisation, et ils changent sans cesse à mesure que les poids en amont
# s'entraînent. Après, chaque unité est centrée en 0 avec un écart type proche de 1 (de
# 0,9938 à 0,9971 : $\varepsilon$ encore) : une ReLU placée ensuite coupe chaque unité près
# de son milieu, et $\gamma$ et $\beta$ permettent à l'entraînement de déplacer cette
# coupure là où elle est utile. La forme des distributions, elle, ne change pas : la
# normalisation par lots est une transformation affine par unité, pas une
# « gaussianisation ».
#
# Ioffe et Szegedy ont appelé cette dérive de la distribution des entrées de chaque couche
# pendant l'entraînement *décalage interne de covariables* (*internal covariate shift*), et
# ont présenté sa réduction comme la raison pour laquelle la normalisation par lots accélère
# l'entraînement. C'était leur motivation, pas un fait mesuré, et des travaux ultérieurs la
# contestent : Santurkar et al. (2018, « How Does Batch Normalization Help Optimization? »)
# ont réintroduit cette dérive en injectant du bruit après chaque couche de normalisation
# par lots, ont constaté que les réseaux s'entraînaient à peu près aussi bien qu'avec la
# normalisation par lots seule, et soutiennent que la normalisation par lots aide plutôt en
# rendant la perte plus lisse, donc plus facile à optimiser. Pourquoi elle aide reste
# débattu ; qu'elle accélère l'entraînement, c'est ce que mesure la section 4.

# %% [markdown] lang="en"
# ## 4. The same network with and without batch normalization
#
# We train the same two-hidden-layer network (64 units each, plain SGD with learning rate
# 0.1, batches of 60, so 10 steps per epoch) three times:
# - **without** batch normalization;
# - **with** a `BatchNormalization` layer between each `Dense` layer (no bias) and its ReLU,
#   default momentum 0.99;
# - the same, with momentum 0.9.
#
# The momentum does not enter the training computation at all: it only changes the moving
# statistics, which are used for validation. So the last two models follow exactly the same
# training trajectory; we check it on their weights.

# %% [markdown] lang="fr"
# ## 4. Le même réseau avec et sans normalisation par lots
#
# Nous entraînons trois fois le même réseau à deux couches cachées (64 unités chacune, SGD
# simple avec un taux d'apprentissage de 0,1, des lots de 60, donc 10 pas par époque) :
# - **sans** normalisation par lots ;
# - **avec** une couche `BatchNormalization` entre chaque couche `Dense` (sans biais) et sa
#   ReLU, momentum par défaut 0,99 ;
# - la même chose, avec un momentum de 0,9.
#
# Le momentum n'intervient pas du tout dans le calcul d'entraînement : il ne change que les
# statistiques mobiles, qui servent à la validation. Les deux derniers modèles suivent donc
# exactement la même trajectoire d'entraînement ; nous le vérifions sur leurs poids.


# %%
def make_mlp(batch_norm, momentum=0.99, learning_rate=0.1):
    ct.reseed()
    layers = [keras.Input((64,))]
    for _unused in range(2):
        layers.append(keras.layers.Dense(64, use_bias=not batch_norm))
        if batch_norm:
            layers.append(keras.layers.BatchNormalization(momentum=momentum))
        layers.append(keras.layers.Activation("relu"))
    model = keras.Sequential(layers + [keras.layers.Dense(10, activation="softmax")])
    model.compile(
        keras.optimizers.SGD(learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


models, histories = {}, {}
for name, batch_norm, momentum in [
    (_(en="no BN", fr="sans BN"), False, None),
    (_(en="BN, momentum 0.99", fr="BN, momentum 0,99"), True, 0.99),
    (_(en="BN, momentum 0.9", fr="BN, momentum 0,9"), True, 0.9),
]:
    models[name] = make_mlp(batch_norm, momentum)
    histories[name] = models[name].fit(
        x_train, y_train, validation_data=(x_val, y_val), epochs=10, batch_size=60, verbose=0
    )
    print(
        f"{name:>18}: {ct.summarize(histories[name])}, {_(en='val. accuracy', fr='exactitude val.')} {histories[name].history['val_accuracy'][-1]:.4f}"
    )

# %%
# alt en: Loss per epoch (1 to 10) of the three networks, training dashed with hollow markers,
# alt en: validation solid with filled markers. Both BN networks share one training curve,
# alt en: which falls to 0.12 while the plain network's only reaches 0.60. Validation: the
# alt en: momentum-0.9 model falls to 0.20, the momentum-0.99 model stays high (0.95 at
# alt en: epoch 10), above the plain network (0.51).
# alt fr: Perte par époque (1 à 10) des trois réseaux, entraînement en tirets avec marqueurs
# alt fr: vides, validation en trait plein avec marqueurs pleins. Les deux réseaux avec BN ont la
# alt fr: même courbe d'entraînement, qui descend à 0,12, quand celle du réseau simple n'atteint
# alt fr: que 0,60. En validation, le modèle au momentum 0,9 descend à 0,20, celui au momentum
# alt fr: 0,99 reste haut (0,95 à l'époque 10), au-dessus du réseau simple (0,51).
names = list(histories)
fig, ax = plt.subplots(figsize=(8.4, 3.6))
for index, (name, marker) in enumerate(zip(names, ["o", "s", "^"], strict=True)):
    h = histories[name].history
    epochs = np.arange(1, len(h["loss"]) + 1)
    ax.plot(
        epochs,
        h["loss"],
        "--",
        color=f"C{index}",
        marker=marker,
        markerfacecolor="none",
        label=f"{name} ({ct.msg('train')})",
    )
    ax.plot(
        epochs,
        h["val_loss"],
        "-",
        color=f"C{index}",
        marker=marker,
        label=f"{name} ({ct.msg('val')})",
    )
ax.set_xlabel(ct.msg("epoch"))
ax.set_ylabel(ct.msg("loss"))
ax.set_title(
    _(
        en="Digits: the same network with and without batch normalization",
        fr="Chiffres : le même réseau avec et sans normalisation par lots",
    )
)
ax.legend(fontsize="small", loc="center left", bbox_to_anchor=(1.0, 0.5))
fig.tight_layout()
plt.show()
print(_(en="epoch:                  ", fr="époque :                "), [1, 3, 5, 8, 10])
for name in names:
    for key, label in [("loss", _(en="train", fr="entr.")), ("val_loss", _(en="val.", fr="val."))]:
        print(
            f"{name:>18} {label:5}",
            [round(histories[name].history[key][e - 1], 4) for e in [1, 3, 5, 8, 10]],
        )
same_weights = all(
    np.array_equal(a, b)
    for a, b in zip(
        models[names[1]].trainable_weights, models[names[2]].trainable_weights, strict=True
    )
)
print(
    _(
        en="momentum 0.99 and 0.9 reach identical trained weights:",
        fr="momentum 0,99 et 0,9 aboutissent aux mêmes poids entraînés :",
    ),
    same_weights,
)

# %% [markdown] lang="en"
# Three observations:
# - **Training is much faster with batch normalization**: with the same optimizer and
#   learning rate, the BN networks' training loss is 0.5104 at epoch 3 and 0.1181 at
#   epoch 10, while the plain network's is 2.0157 and 0.5998. Accelerating training is
#   what Ioffe and Szegedy designed batch normalization for (their title begins "Batch
#   Normalization: Accelerating Deep Network Training").
# - **With momentum 0.99, validation lags behind training.** Its trained weights are
#   identical to the momentum-0.9 model's (its dashed training curve is hidden under that
#   model's), yet its validation loss is higher at every epoch (0.9516 against 0.1976 at
#   epoch 10), and at the end even higher than the plain network's (0.5143), although its
#   validation accuracy is higher than the plain network's (0.94 against 0.912). After
#   100 steps the initial `moving_mean = 0` and `moving_variance = 1` still weigh 0.366 in
#   its moving statistics (section 2), which therefore do not describe the activations the
#   network produces now.
# - When you compare models, read validation curves with this in mind: a BN model's
#   validation loss measures its weights **and** its moving statistics.
#
# Is the momentum-0.99 model's high validation loss overfitting, or only stale moving
# statistics? Keep its weights and recompute its moving statistics: with momentum 0, one
# call in training mode on the whole training set sets them to that set's statistics (and
# changes no weight, since no optimizer step runs).

# %% [markdown] lang="fr"
# Trois constats :
# - **L'entraînement est bien plus rapide avec la normalisation par lots** : avec le même
#   optimiseur et le même taux d'apprentissage, la perte d'entraînement des réseaux avec BN
#   vaut 0,5104 à l'époque 3 et 0,1181 à l'époque 10, contre 2,0157 et 0,5998 pour le réseau
#   simple. Accélérer l'entraînement est le but pour lequel Ioffe et Szegedy ont conçu la
#   normalisation par lots (leur titre commence par « Batch Normalization: Accelerating Deep
#   Network Training »).
# - **Avec un momentum de 0,99, la validation est en retard sur l'entraînement.** Ses poids
#   entraînés sont identiques à ceux du modèle au momentum 0,9 (sa courbe d'entraînement en
#   tirets est cachée sous celle de ce modèle), et pourtant sa perte de validation est plus
#   élevée à chaque époque (0,9516 contre 0,1976 à l'époque 10), et même, à la fin, plus
#   élevée que celle du réseau simple (0,5143), alors que son exactitude de validation
#   dépasse celle du réseau simple (0,94 contre 0,912). Après 100 pas, les valeurs initiales
#   `moving_mean = 0` et `moving_variance = 1` pèsent encore 0,366 dans ses statistiques
#   mobiles (section 2), qui ne décrivent donc pas les activations que le réseau produit
#   désormais.
# - Quand vous comparez des modèles, lisez les courbes de validation en gardant cela en
#   tête : la perte de validation d'un modèle avec BN mesure ses poids **et** ses
#   statistiques mobiles.
#
# La perte de validation élevée du modèle au momentum 0,99 vient-elle du surapprentissage,
# ou seulement de statistiques mobiles en retard ? Gardons ses poids et recalculons ses
# statistiques mobiles : avec un momentum nul, un seul appel en mode entraînement sur tout
# le jeu d'entraînement leur donne les statistiques de ce jeu (sans changer aucun poids,
# puisqu'aucun pas d'optimiseur n'a lieu).


# %%
def copy_of(model):
    """en: A copy of a trained model, so that the experiments below leave the original as it is.

    fr: Une copie d'un modèle entraîné, pour que les expériences ci-dessous laissent
    l'original tel quel.
    """
    copy = keras.models.clone_model(model)
    copy.set_weights(model.get_weights())
    return copy


refreshed = copy_of(models[names[1]])
for layer in refreshed.layers:
    if isinstance(layer, keras.layers.BatchNormalization):
        layer.momentum = 0.0
refreshed(x_train, training=True)
probabilities = np.asarray(refreshed(x_val))
print(
    _(
        en="momentum 0.99, moving statistics recomputed: val. loss",
        fr="momentum 0,99, statistiques mobiles recalculées : perte val.",
    ),
    round(float(np.mean(keras.losses.sparse_categorical_crossentropy(y_val, probabilities))), 4),
    _(en="val. accuracy", fr="exactitude val."),
    round(float(np.mean(np.argmax(probabilities, axis=1) == y_val)), 4),
)
print(
    _(en="trainable weights unchanged:", fr="poids entraînables inchangés :"),
    all(
        np.array_equal(a, b)
        for a, b in zip(
            refreshed.trainable_weights, models[names[1]].trainable_weights, strict=True
        )
    ),
)

# %% [markdown] lang="en"
# With the same weights and fresh moving statistics, the validation loss falls from 0.9516
# to 0.1982, the level of the momentum-0.9 model (0.1976): the gap was not overfitting, only
# stale moving statistics. With few training steps (small data sets, short runs), lower the
# momentum, or recompute the moving statistics after training as above; with many steps,
# the default is fine.
#
# ### A learning rate 20 times larger
#
# Ioffe and Szegedy also reported that batch normalization lets a network train with much
# larger learning rates. Let us train the same two networks, without and with batch
# normalization (momentum 0.9), for 5 epochs with the learning rate 2.0 instead of 0.1.

# %% [markdown] lang="fr"
# Avec les mêmes poids et des statistiques mobiles recalculées, la perte de validation
# tombe de 0,9516 à 0,1982, le niveau du modèle au momentum 0,9 (0,1976) : l'écart ne venait
# pas du surapprentissage, seulement de statistiques mobiles en retard. Avec peu de pas
# d'entraînement (petits jeux de données, entraînements courts), baissez le momentum, ou
# recalculez les statistiques mobiles après l'entraînement comme ci-dessus ; avec beaucoup
# de pas, la valeur par défaut convient.
#
# ### Un taux d'apprentissage 20 fois plus grand
#
# Ioffe et Szegedy ont aussi observé que la normalisation par lots permet d'entraîner un
# réseau avec des taux d'apprentissage bien plus grands. Entraînons les deux mêmes réseaux,
# sans et avec normalisation par lots (momentum 0,9), pendant 5 époques avec le taux
# d'apprentissage 2,0 au lieu de 0,1.

# %%
print(
    _(en="chance level, ln(10):", fr="niveau du hasard, ln(10) :"),
    round(float(np.log(10)), 2),
)
for name, batch_norm in [(_(en="no BN", fr="sans BN"), False), ("BN", True)]:
    fast = make_mlp(batch_norm, momentum=0.9, learning_rate=2.0)
    h = fast.fit(
        x_train, y_train, validation_data=(x_val, y_val), epochs=5, batch_size=60, verbose=0
    ).history
    print(
        _(en=f"{name:>7}:", fr=f"{name:>7} :"),
        _(en="training loss per epoch", fr="perte d'entraînement par époque"),
        [round(v, 1) for v in h["loss"]],
        _(en="| final val. accuracy", fr="| exactitude val. finale"),
        f"{h['val_accuracy'][-1]:.2f}",
    )

# %% [markdown] lang="en"
# Without batch normalization, the rate 2.0 throws the network off: its training loss
# stays at about the chance level $\ln 10 \approx 2.30$ (a network that gives every class the
# probability 0.1), and its validation accuracy is that of a guess. With batch normalization
# the same rate trains, faster than the rate 0.1 did in section 4. Part of the reason is
# simple: each layer's output is rescaled by the batch statistics, so a step that makes a
# kernel larger does not make the next layer's input larger. Santurkar et al. (2018) go
# further and argue that batch normalization makes the loss and its gradients smoother, so
# that a gradient step remains a good guess further away; larger steps are then safe. This
# run is consistent with that view; it does not prove it.
#
# ### Exercise 3 — debug an evaluation (2 points)
#
# A colleague evaluates trained models with the function `colleague_accuracy` below, which
# runs the model in training mode "so that each test batch is normalized properly". The
# cell runs it on copies of the momentum-0.9 model, on the first 100 validation images,
# with several batch sizes; then it looks at the model after an evaluation in batches of
# one image.

# %% [markdown] lang="fr"
# Sans normalisation par lots, le taux 2,0 fait dérailler le réseau : sa perte
# d'entraînement reste vers le niveau du hasard, $\ln 10 \approx 2{,}30$ (celle d'un réseau qui
# donne à chaque classe la probabilité 0,1), et son exactitude de validation est celle d'un
# tirage au sort. Avec la normalisation par lots, le même taux entraîne le réseau, plus vite
# que le taux 0,1 à la section 4. Une partie de la raison est simple : la sortie de chaque
# couche est remise à l'échelle par les statistiques du lot, si bien qu'un pas qui agrandit
# un noyau n'agrandit pas l'entrée de la couche suivante. Santurkar et al. (2018) vont plus
# loin et soutiennent que la normalisation par lots rend la perte et ses gradients plus
# lisses, de sorte qu'un pas de gradient reste une bonne estimation plus loin ; de plus
# grands pas deviennent alors sûrs. Cette expérience est compatible avec cette idée ; elle
# ne la prouve pas.
#
# ### Exercice 3 — déboguer une évaluation (2 points)
#
# Un collègue évalue des modèles entraînés avec la fonction `colleague_accuracy` ci-dessous,
# qui fait tourner le modèle en mode entraînement « pour que chaque lot de test soit bien
# normalisé ». La cellule l'exécute sur des copies du modèle au momentum 0,9, sur les
# 100 premières images de validation, avec plusieurs tailles de lot ; puis elle examine le
# modèle après une évaluation par lots d'une seule image.


# %%
def colleague_accuracy(model, x, y, batch_size):
    """en: The colleague's evaluation: accuracy of `model` on `(x, y)`, batch by batch.

    fr: L'évaluation du collègue : exactitude de `model` sur `(x, y)`, lot par lot.
    """
    accuracies = []
    for start in range(0, len(x), batch_size):
        probabilities = model(x[start : start + batch_size], training=True)
        predicted = np.argmax(probabilities, axis=1)
        accuracies.append(np.mean(predicted == y[start : start + batch_size]))
    return float(np.mean(accuracies))


# en: The momentum-0.9 model, whose moving statistics are up to date.
# fr: Le modèle au momentum 0,9, dont les statistiques mobiles sont à jour.
trained = models[names[2]]
x_test, y_test = x_val[:100], y_val[:100]
print(
    _(en="inference mode, whole batch:       ", fr="mode inférence, lot entier :         "),
    float(np.mean(np.argmax(trained(x_test, training=False), axis=1) == y_test)),
)
for batch_size in [100, 32, 10]:
    print(
        _(
            en=f"colleague_accuracy, batches of {batch_size:3}:",
            fr=f"colleague_accuracy, lots de {batch_size:3} :  ",
        ),
        round(colleague_accuracy(copy_of(trained), x_test, y_test, batch_size), 4),
    )
victim = copy_of(trained)
first_norm = victim.layers[1]  # en: the first BN layer # fr: la première couche BN
variance_before = float(np.mean(first_norm.moving_variance.numpy()))
print(
    _(en="colleague_accuracy, batches of   1:", fr="colleague_accuracy, lots de   1 :  "),
    round(colleague_accuracy(victim, x_test, y_test, 1), 4),
)
alone = [int(np.argmax(copy_of(trained)(x_test[i : i + 1], training=True))) for i in range(3)]
share = float(np.mean(y_test == alone[0]))
print(
    _(
        en=f"classes of images 0, 1, 2, each alone in training mode: {alone}; share of class {alone[0]} in y_test: {share}",
        fr=f"classes des images 0, 1, 2, chacune seule en mode entraînement : {alone} ; part de la classe {alone[0]} dans y_test : {share}",
    )
)
print(
    _(
        en="after that evaluation, mean moving_variance of the first BN layer:",
        fr="après cette évaluation, moyenne de moving_variance de la première couche BN :",
    ),
    round(variance_before, 4),
    "->",
    f"{float(np.mean(first_norm.moving_variance.numpy())):.2e}",
)
print(
    _(
        en="after that evaluation, accuracy in inference mode on the 500 validation images:",
        fr="après cette évaluation, exactitude en mode inférence sur les 500 images de validation :",
    ),
    float(np.mean(np.argmax(victim(x_val, training=False), axis=1) == y_val)),
    _(en="(before:", fr="(avant :"),
    f"{float(np.mean(np.argmax(trained(x_val, training=False), axis=1) == y_val))})",
)

# %% [markdown] lang="en"
# The same model gets an accuracy that depends on the batch size of its evaluation (0.95,
# 0.8984, 0.9 and 0.06 with batches of 100, 32, 10 and 1, against 0.97 in inference mode),
# and the evaluation in batches of one damaged the model itself: its accuracy in inference
# mode on the 500 validation images fell from 0.956 to 0.92.
#
# Write `accuracy_in_batches(model, x, y, batch_size)`, a corrected `colleague_accuracy`: it returns the fraction of the
# images of `x` whose predicted class (the index of the largest output) equals their label
# in `y`, computing the model's outputs batch by batch, `batch_size` images at a time (the
# last batch may be smaller), as one must for a test set too large for one call.
# `colleague_accuracy` has more than one bug.
#
# The visible tests use a small model (`Dense`, `BatchNormalization`, ReLU, `Dense`) and
# 45 images. They check, in this order, that (1) a call to your function leaves every
# variable of the model unchanged, moving statistics included; (2) it returns a number equal
# (within $10^{-9}$) to the accuracy computed from `model(x, training=False)` on the whole
# of `x`, with `batch_size` 45, then 1, then 7 ($45 = 6 \times 7 + 3$: the last batch holds
# 3 images). The hidden tests check the same on a random model with 30 to 60 random images
# and two random batch sizes that do not divide the number of images.

# %% [markdown] lang="fr"
# Le même modèle obtient une exactitude qui dépend de la taille des lots de son évaluation
# (0,95, 0,8984, 0,9 et 0,06 avec des lots de 100, 32, 10 et 1, contre 0,97 en mode
# inférence), et l'évaluation par lots d'une image a abîmé le modèle lui-même : son
# exactitude en mode inférence sur les 500 images de validation est tombée de 0,956 à 0,92.
#
# Écrivez `accuracy_in_batches(model, x, y, batch_size)`, une version corrigée de
# `colleague_accuracy` : elle renvoie la proportion des images de `x` dont la classe prédite
# (l'indice de la plus grande sortie) est égale à leur étiquette dans `y`, en calculant les
# sorties du modèle lot par lot, `batch_size` images à la fois (le dernier lot peut être plus
# petit), comme il le faut pour un jeu de test trop grand pour un seul appel.
# `colleague_accuracy` contient plus d'une erreur.
#
# Les tests visibles utilisent un petit modèle (`Dense`, `BatchNormalization`, ReLU,
# `Dense`) et 45 images. Ils vérifient, dans cet ordre, (1) qu'un appel de votre fonction
# laisse inchangées toutes les variables du modèle, statistiques mobiles comprises ;
# (2) qu'elle renvoie un nombre égal (à $10^{-9}$ près) à l'exactitude calculée avec
# `model(x, training=False)` sur tout `x`, avec `batch_size` valant 45, puis 1, puis 7
# ($45 = 6 \times 7 + 3$ : le dernier lot contient 3 images). Les tests cachés vérifient la
# même chose sur un modèle tiré au hasard, avec 30 à 60 images aléatoires et deux tailles de
# lot aléatoires qui ne divisent pas le nombre d'images.


# %% nbgrader="solution" grade_id="accuracy_in_batches"
def accuracy_in_batches(model, x, y, batch_size):
    ### BEGIN SOLUTION
    correct = 0
    for start in range(0, len(x), batch_size):
        probabilities = model(x[start : start + batch_size], training=False)
        predicted = np.argmax(probabilities, axis=1)
        correct += int(np.sum(predicted == y[start : start + batch_size]))
    return correct / len(x)
    ### END SOLUTION


# %% nbgrader="tests" grade_id="accuracy_in_batches_tests" points=2
# en: Visible tests: run this cell to check your function. Each call gets a fresh copy of
# en: the test model, so one call cannot change what the next one sees.
# fr: Tests visibles : exécutez cette cellule pour vérifier votre fonction. Chaque appel
# fr: reçoit une copie neuve du modèle de test : un appel ne peut pas changer ce que voit le
# fr: suivant.
def _test_model(seed):
    """en: A small model with a BatchNormalization layer, its weights drawn from `seed`.

    fr: Un petit modèle avec une couche BatchNormalization, ses poids tirés de `seed`.
    """
    rng = np.random.default_rng(seed)
    model = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(6, use_bias=False),
            keras.layers.BatchNormalization(),
            keras.layers.Activation("relu"),
            keras.layers.Dense(3, activation="softmax"),
        ]
    )
    shapes_and_draws = [
        rng.normal(size=(4, 6)),
        rng.uniform(0.5, 2.0, 6),
        rng.normal(0.0, 0.5, 6),
        rng.normal(0.0, 1.0, 6),
        rng.uniform(0.5, 3.0, 6),
        rng.normal(size=(6, 3)),
        rng.normal(0.0, 0.1, 3),
    ]
    model.set_weights([w.astype("float32") for w in shapes_and_draws])
    return model


def _test_data(seed, n):
    """en: `n` images and labels: the model's own class for most, a random class for the rest.

    fr: `n` images et étiquettes : la classe du modèle lui-même pour la plupart, une classe
    au hasard pour les autres.
    """
    rng = np.random.default_rng(seed + 1)
    x = (rng.normal(size=(n, 4)) * 1.5 + 0.7).astype("float32")
    y = np.argmax(np.asarray(_test_model(seed)(x, training=False)), axis=1)
    flip = rng.random(n) < 0.3
    y[flip] = rng.integers(0, 3, size=int(flip.sum()))
    return x, y


def _check(seed, n, sizes):
    x, y = _test_data(seed, n)
    hits = np.argmax(np.asarray(_test_model(seed)(x, training=False)), axis=1) == y
    expected = float(np.mean(hits))
    changed = ct.changed_weights("accuracy_in_batches", _test_model(seed), x, y, sizes[0])
    assert not changed, _(
        en=f"Your function changed the model's {sorted({p.split('/')[-1] for p in changed})}: a call with training=True updates the moving statistics, so evaluating in training mode changes the model it evaluates. Call the model with training=False.",
        fr=f"Votre fonction a modifié les variables {sorted({p.split('/')[-1] for p in changed})} du modèle : un appel avec training=True met à jour les statistiques mobiles, donc évaluer en mode entraînement modifie le modèle évalué. Appelez le modèle avec training=False.",
    )
    for size in sizes:
        got = ct.plain(accuracy_in_batches(_test_model(seed), x, y, size))
        assert type(got) in (int, float), _(
            en=f"Return the accuracy as a number, not a {type(got).__name__}.",
            fr=f"Renvoyez l'exactitude sous forme de nombre, pas de {type(got).__name__}.",
        )
        if abs(got - expected) <= 1e-9:
            continue
        starts = range(0, n, size)
        if abs(got - np.mean([hits[s : s + size].mean() for s in starts])) <= 1e-9:
            raise AssertionError(
                _(
                    en=f"With batch_size={size} you returned the average of the batch accuracies ({got:.4f}): the last batch is smaller, so it must weigh less. Count the correct images over all batches and divide by len(x) (expected {expected:.4f}).",
                    fr=f"Avec batch_size={size}, vous avez renvoyé la moyenne des exactitudes des lots ({got:.4f}) : le dernier lot est plus petit et doit donc peser moins. Comptez les images correctes sur tous les lots et divisez par len(x) (attendu : {expected:.4f}).",
                )
            )
        full = n - n % size
        if n % size and abs(got - hits[:full].sum() / n) <= 1e-9:
            raise AssertionError(
                _(
                    en=f"With batch_size={size} you skipped the last, smaller batch of {n % size} images: range(0, len(x), batch_size) already yields its start.",
                    fr=f"Avec batch_size={size}, vous avez sauté le dernier lot, plus petit, de {n % size} images : range(0, len(x), batch_size) donne déjà son début.",
                )
            )
        raise AssertionError(
            _(
                en=f"With batch_size={size} your accuracy is {got:.4f}, but the model classifies {expected:.4f} of the images correctly in inference mode: {'too high' if got > expected else 'too low'} by {abs(got - expected):.4f}.",
                fr=f"Avec batch_size={size}, votre exactitude vaut {got:.4f}, mais le modèle classe correctement une proportion {expected:.4f} des images en mode inférence : {'trop haute' if got > expected else 'trop basse'} de {abs(got - expected):.4f}.",
            )
        )


_check(606, 45, [45, 1, 7])
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(ct.fresh_seed())
_n = int(_rng.integers(30, 61))
_sizes = [int(s) for s in _rng.choice([b for b in range(2, _n) if _n % b], size=2, replace=False)]
_check(int(_rng.integers(0, 2**31 - 2)), _n, _sizes)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Exercise 4 — written question (2 points, graded by hand)
#
# Explain, with what you saw in this lesson, the three symptoms of `colleague_accuracy`
# shown before exercise 3: (a) why, with batches of one image, every image gets the same
# class, so that the accuracy equals the share of that class among the labels; (b) why,
# with batches of 10 or 32, the accuracy is lower than in inference mode and depends on the
# batch size; (c) why the model classifies worse in inference mode after an evaluation in
# batches of one.

# %% [markdown] lang="fr"
# ### Exercice 4 — question rédigée (2 points, corrigée à la main)
#
# Expliquez, en vous appuyant sur ce que vous avez vu dans cette leçon, les trois symptômes
# de `colleague_accuracy` montrés avant l'exercice 3 : (a) pourquoi, avec des lots d'une
# seule image, toutes les images reçoivent la même classe, si bien que l'exactitude est égale
# à la part de cette classe parmi les étiquettes ; (b) pourquoi, avec des lots de 10 ou
# de 32, l'exactitude est plus basse qu'en mode inférence et dépend de la taille des lots ;
# (c) pourquoi le modèle classe moins bien en mode inférence après une évaluation par lots
# d'une seule image.

# %% [markdown] lang="en" nbgrader="manual" grade_id="inference_statistics" points=2
# (a) In training mode a `BatchNormalization` layer normalizes each feature with the mean
# and variance of the batch. In a batch of one image, the mean is the image's own value and
# the variance is 0, so every feature is normalized to exactly beta, whatever the image
# (section 2 showed a batch of one giving 0 = beta). From the first BN layer on, the
# network computes the same thing for every image: every image gets the same class, and
# the accuracy is the share of that class among the labels.
# (b) With batches of 10 or 32, each image is normalized with the statistics of the few
# other images of its batch: noisy estimates that differ from batch to batch and from the
# statistics the trained network expects (the moving statistics), so some predictions
# change, and they depend on how the test set was cut into batches. (With 32, the last batch
# of 4 images also weighs as much as a full batch in the average of the batch accuracies.)
# (c) Each call in training mode also updates moving_mean and moving_variance, with the
# statistics of the test batch: 100 batches of one image, each of variance 0, multiplied
# the moving variance by 0.9^100 (from 0.0796 to 2.11e-06 on average in the first BN
# layer). In inference mode that layer then divides by about sqrt(epsilon) instead of the
# standard deviation it had learned, so its outputs are several times too large, and the
# accuracy on the 500 validation images falls from 0.956 to 0.92.
# Evaluation must use training=False (as predict() and evaluate() do): each prediction then
# depends on its own input only, and the model is left unchanged.

# %% [markdown] lang="fr" nbgrader="manual" grade_id="inference_statistics" points=2
# (a) En mode entraînement, une couche `BatchNormalization` normalise chaque caractéristique
# avec la moyenne et la variance du lot. Dans un lot d'une seule image, la moyenne est la
# valeur de l'image elle-même et la variance est nulle : chaque caractéristique est
# normalisée exactement en beta, quelle que soit l'image (la section 2 a montré un lot d'un
# seul exemple donnant 0 = beta). À partir de la première couche BN, le réseau calcule la
# même chose pour toutes les images : toutes reçoivent la même classe, et l'exactitude est
# la part de cette classe parmi les étiquettes.
# (b) Avec des lots de 10 ou de 32, chaque image est normalisée avec les statistiques des
# quelques autres images de son lot : des estimations bruitées, qui changent d'un lot à
# l'autre et diffèrent des statistiques qu'attend le réseau entraîné (les statistiques
# mobiles). Certaines prédictions changent donc, et elles dépendent de la façon dont on a
# découpé le jeu de test en lots. (Avec 32, le dernier lot de 4 images pèse en outre autant
# qu'un lot complet dans la moyenne des exactitudes des lots.)
# (c) Chaque appel en mode entraînement met aussi à jour moving_mean et moving_variance avec
# les statistiques du lot de test : 100 lots d'une seule image, chacun de variance nulle,
# ont multiplié la variance mobile par 0,9^100 (de 0,0796 à 2,11e-06 en moyenne dans la
# première couche BN). En mode inférence, cette couche divise alors par environ
# sqrt(epsilon) au lieu de l'écart type qu'elle avait appris : ses sorties sont plusieurs
# fois trop grandes, et l'exactitude sur les 500 images de validation tombe de 0,956 à 0,92.
# L'évaluation doit utiliser training=False (comme predict() et evaluate()) : chaque
# prédiction ne dépend alors que de sa propre entrée, et le modèle reste inchangé.

# %% [markdown] lang="en"
# ## 5. Why batch normalization regularizes, and batch normalization with dropout
#
# In training mode, an example is normalized with the statistics of the batch it happens
# to be drawn into. Batches are drawn at random, so the same image gets a slightly
# different hidden representation at every epoch: batch normalization **injects noise**
# during training, a little like dropout does, and the network must learn to be robust
# to it. At inference the moving statistics are fixed, and the noise disappears. Let us see
# it on one image placed in five random batches of 16.

# %% [markdown] lang="fr"
# ## 5. Pourquoi la normalisation par lots régularise, et la combiner avec le dropout
#
# En mode entraînement, un exemple est normalisé avec les statistiques du lot dans lequel
# le hasard l'a placé. Les lots sont tirés au hasard : la même image reçoit donc une
# représentation cachée légèrement différente à chaque époque. La normalisation par lots
# **injecte du bruit** pendant l'entraînement, un peu comme le dropout, et le réseau doit
# apprendre à y être robuste. En inférence, les statistiques mobiles sont fixes et le bruit
# disparaît. Observons-le sur une image placée dans cinq lots tirés au hasard, de 16 images
# chacun.

# %%
ct.reseed()
dense = keras.layers.Dense(4, use_bias=False)
norm = keras.layers.BatchNormalization()
rng = np.random.default_rng(1)
batches = []
for _trial in range(5):
    others = rng.choice(np.arange(1, len(x_train)), size=15, replace=False)
    batches.append(np.concatenate([x_train[:1], x_train[others]]))
in_training = [np.asarray(norm(dense(batch), training=True))[0] for batch in batches]
at_inference = [np.asarray(norm(dense(batch), training=False))[0] for batch in batches]
print(
    _(
        en="image 0, training mode, one row per batch:",
        fr="image 0, mode entraînement, une ligne par lot :",
    )
)
print(np.array(in_training).round(4))
print(
    _(en="std over the 5 batches, training mode: ", fr="écart type sur les 5 lots, entraînement :"),
    np.array(in_training).std(axis=0).round(4),
)
print(
    _(en="std over the 5 batches, inference mode:", fr="écart type sur les 5 lots, inférence :   "),
    np.array(at_inference).std(axis=0).round(4),
)
# en: The same measure for other batch sizes: image 0 in 20 random batches of each size,
# en: standard deviation over the batches, averaged over the 4 units.
# fr: La même mesure pour d'autres tailles de lot : l'image 0 dans 20 lots tirés au hasard
# fr: pour chaque taille, écart type sur les lots, moyenné sur les 4 unités.
for size in [4, 16, 64, 256]:
    rows = []
    for _trial in range(20):
        others = rng.choice(np.arange(1, len(x_train)), size=size - 1, replace=False)
        batch = np.concatenate([x_train[:1], x_train[others]])
        rows.append(np.asarray(norm(dense(batch), training=True))[0])
    print(
        _(
            en=f"batches of {size:3}: mean std of image 0's normalized values",
            fr=f"lots de {size:3} : écart type moyen des valeurs normalisées de l'image 0 :",
        ),
        round(float(np.array(rows).std(axis=0).mean()), 4),
    )

# %% [markdown] lang="en"
# The noise shrinks as batches grow, since the batch mean and variance become better
# estimates: the average standard deviation of image 0's normalized values goes from 0.5529
# with batches of 4 to 0.044 with batches of 256. So the noise, and the regularizing effect
# it can have, is largest with small batches. Ioffe and Szegedy reported that with batch
# normalization they
# could remove dropout from their image classifier without more overfitting. That is why
# batch normalization **may** make dropout unnecessary: it is an observation on some
# networks, not a rule, and not an effect to count on when a model overfits badly.
#
# Combining the two needs care. Li et al. (2019, "variance shift") argue that dropout
# placed **before** a batch normalization layer changes the variance that layer sees:
# in training, dropout's zeros and its $1/(1-\text{rate})$ rescaling enlarge the variance,
# and `moving_variance` learns that enlarged value; at inference dropout does nothing, the
# variance is smaller, and the normalized outputs are shrunk. Their measurements suggest
# that this can cost accuracy, and that putting dropout only after the last batch
# normalization layer (or using a small rate) avoids most of it. How much it matters
# depends on the network. Here is the mechanism on one feature of mean 1 and variance 1,
# with a dropout rate of 0.5 and a momentum of 0 (so `moving_variance` is exactly the
# variance of the last training batch).

# %% [markdown] lang="fr"
# Le bruit diminue quand les lots grandissent, car la moyenne et la variance du lot
# deviennent de meilleures estimations : l'écart type moyen des valeurs normalisées de
# l'image 0 passe de 0,5529 avec des lots de 4 à 0,044 avec des lots de 256. Le bruit, et
# l'effet régularisant qu'il peut avoir, est donc maximal avec de petits lots. Ioffe et
# Szegedy ont observé qu'avec la normalisation par lots, ils pouvaient retirer le dropout de
# leur classifieur d'images sans surapprendre davantage. C'est pourquoi la normalisation par
# lots **peut** rendre le dropout superflu : c'est une observation sur certains réseaux, pas
# une règle, et ce n'est pas un effet sur lequel compter quand un modèle surapprend
# fortement.
#
# Les combiner demande de la prudence. Li et al. (2019, « décalage de variance »)
# soutiennent qu'un dropout placé **avant** une couche de normalisation par lots change la
# variance que voit cette couche : à l'entraînement, les zéros du dropout et sa remise à
# l'échelle par $1/(1-\text{taux})$ augmentent la variance, et `moving_variance` apprend
# cette valeur gonflée ; en inférence, le dropout ne fait rien, la variance est plus petite
# et les sorties normalisées se retrouvent trop petites. Leurs mesures suggèrent que cela
# peut coûter en exactitude, et que placer le dropout seulement après la dernière couche de
# normalisation (ou utiliser un petit taux) en évite l'essentiel. L'ampleur de l'effet
# dépend du réseau. Voici le mécanisme sur une caractéristique de moyenne 1 et de variance
# 1, avec un taux de dropout de 0,5 et un momentum nul (`moving_variance` vaut alors
# exactement la variance du dernier lot d'entraînement).

# %%
feature = np.random.default_rng(2).normal(loc=1.0, scale=1.0, size=(4000, 1)).astype("float32")
ct.reseed()
dropout = keras.layers.Dropout(0.5)
norm = keras.layers.BatchNormalization(momentum=0.0)
dropped = np.asarray(dropout(feature, training=True))
trained_out = np.asarray(norm(dropped, training=True))
inference_out = np.asarray(norm(dropout(feature, training=False), training=False))
print(
    _(en="variance after dropout, training: ", fr="variance après dropout, entraînement :"),
    round(float(dropped.var()), 4),
)
print(
    _(en="variance after dropout, inference:", fr="variance après dropout, inférence :   "),
    round(float(feature.var()), 4),
)
print(
    _(en="moving_variance learned by BN:    ", fr="moving_variance apprise par la BN :   "),
    norm.moving_variance.numpy().round(4),
)
print(
    _(
        en="BN output std, training / inference:",
        fr="écart type de sortie de la BN, entraînement / inférence :",
    ),
    round(float(trained_out.std()), 4),
    "/",
    round(float(inference_out.std()), 4),
)

# %% [markdown] lang="en"
# With rate $p$, dropout multiplies a feature of mean $m$ and variance $s^2$ by $0$ or
# $1/(1-p)$, which keeps the mean but raises the variance to $(s^2 + m^2)/(1-p) - m^2$, here
# $2/0.5 - 1 = 3$ (the cell measures 2.9272). The next layer was trained on outputs of
# standard deviation 1 and gets about $1/\sqrt{3} \approx 0.58$ at inference (measured:
# 0.5862).
#
# ## 6. Penalties on gamma and beta
#
# $\gamma$ and $\beta$ are weights like any other and can carry a penalty (lesson 2):
# `gamma_regularizer` and `beta_regularizer`. Each penalty appears in `model.losses` and is
# added to the training loss by `fit()`. An L2 penalty on $\gamma$ pulls every unit's scale
# towards 0; one on $\beta$ pulls its shift towards 0. Penalizing them is optional: there
# are only two per unit.

# %% [markdown] lang="fr"
# Avec un taux $p$, le dropout multiplie une caractéristique de moyenne $m$ et de variance
# $s^2$ par $0$ ou par $1/(1-p)$, ce qui conserve la moyenne mais porte la variance à
# $(s^2 + m^2)/(1-p) - m^2$, ici $2/0{,}5 - 1 = 3$ (la cellule mesure 2,9272). La couche
# suivante a été entraînée sur des sorties d'écart type 1 et reçoit en inférence environ
# $1/\sqrt{3} \approx 0{,}58$ (mesuré : 0,5862).
#
# ## 6. Pénalités sur gamma et beta
#
# $\gamma$ et $\beta$ sont des poids comme les autres et peuvent recevoir une pénalité
# (leçon 2) : `gamma_regularizer` et `beta_regularizer`. Chaque pénalité apparaît dans
# `model.losses` et `fit()` l'ajoute à la perte d'entraînement. Une pénalité L2 sur $\gamma$
# tire l'échelle de chaque unité vers 0 ; sur $\beta$, elle tire son décalage vers 0. Les
# pénaliser reste facultatif : il n'y en a que deux par unité.

# %%
penalized = keras.layers.BatchNormalization(
    gamma_regularizer=keras.regularizers.L2(0.01), beta_regularizer=keras.regularizers.L1(0.01)
)
model = keras.Sequential([keras.Input((8,)), penalized])
print(
    _(
        en="penalties at initialization (gamma=1, beta=0):",
        fr="pénalités à l'initialisation (gamma=1, beta=0) :",
    ),
    [round(float(v), 4) for v in model.losses],
)
penalized.gamma.assign(np.full(8, 0.5, dtype="float32"))
penalized.beta.assign(np.full(8, -2.0, dtype="float32"))
print(
    _(
        en="penalties with gamma=0.5, beta=-2:            ",
        fr="pénalités avec gamma=0,5, beta=-2 :             ",
    ),
    [round(float(v), 4) for v in model.losses],
)
print(
    _(
        en="expected: 0.01 * 8 * 0.5**2 and 0.01 * 8 * 2:",
        fr="attendu : 0,01 × 8 × 0,5² et 0,01 × 8 × 2 :",
    ),
    round(0.01 * 8 * 0.25, 4),
    round(0.01 * 8 * 2, 4),
)

# %% [markdown] lang="en"
# What about a penalty on the kernel of the `Dense` layer **before** batch normalization?
# Multiplying that kernel by a constant $c$ multiplies each unit's batch mean by $c$ and its
# batch standard deviation by $|c|$. For $c > 0$ the constant cancels in the normalization,
# up to $\varepsilon$; for $c < 0$ the normalized values change sign (before $\gamma$ and
# $\beta$ are applied). Let us check it on the layers of section 5, in training mode, on
# 60 training images.

# %% [markdown] lang="fr"
# Et une pénalité sur le noyau de la couche `Dense` placée **avant** la normalisation par
# lots ? Multiplier ce noyau par une constante $c$ multiplie la moyenne de chaque unité sur
# le lot par $c$ et son écart type sur le lot par $|c|$. Pour $c > 0$, la constante se
# simplifie dans la normalisation, à $\varepsilon$ près ; pour $c < 0$, les valeurs
# normalisées changent de signe (avant l'application de $\gamma$ et $\beta$). Vérifions-le
# sur les couches de la section 5, en mode entraînement, sur 60 images d'entraînement.

# %%
ct.reseed()
dense = keras.layers.Dense(4, use_bias=False)
norm = keras.layers.BatchNormalization()
images = x_train[:60]
reference = np.asarray(norm(dense(images), training=True))
kernel = dense.kernel.numpy()
print(
    _(
        en="pre-activation variances with the initial kernel:",
        fr="variances des pré-activations avec le noyau initial :",
    ),
    np.asarray(dense(images)).var(axis=0).round(4),
)
for factor in [10.0, 0.5, 0.1, 0.01, -1.0]:
    dense.kernel.assign(kernel * factor)
    variances = np.asarray(dense(images)).var(axis=0)
    output = np.asarray(norm(dense(images), training=True))
    print(
        _(en=f"kernel x {factor:5}: variances", fr=f"noyau x {factor:5} : variances"),
        f"{variances.min():.1e} - {variances.max():.1e},",
        _(en="max. gap", fr="écart max."),
        f"{np.abs(output - reference).max():.1e},",
        _(en="with minus the output", fr="avec l'opposé de la sortie"),
        f"{np.abs(output + reference).max():.1e}",
    )

# %% [markdown] lang="en"
# The normalized outputs have a standard deviation of about 1. Multiplying the kernel by 10
# or by 0.5 moves them by at most 0.015 and 0.044: they differ only through $\varepsilon$,
# which weighs a little against pre-activation variances of 0.073 to 0.2213. With the kernel
# multiplied by 0.1, the variances (7.3e-04 to 2.2e-03) are of the order of $\varepsilon =
# 0.001$ and the output moves by up to 0.78; by 0.01, by up to 2.4. With $-1$ the output is
# exactly minus the original (gap 0).
#
# So an L2 penalty on that kernel barely limits what the network computes: the kernel can
# shrink, which lowers the penalty, and the output stays nearly as it was, as long as the
# batch variances stay well above $\varepsilon$. Van Laarhoven (2017, "L2 Regularization
# versus Batch and Weight Normalization") showed that the penalty then mainly acts on the
# optimization: a smaller kernel makes each gradient step larger relative to the kernel,
# like a higher learning rate.

# %% [markdown] lang="fr"
# Les sorties normalisées ont un écart type d'environ 1. Multiplier le noyau par 10 ou par
# 0,5 les déplace d'au plus 0,015 et 0,044 : elles ne diffèrent que par $\varepsilon$, qui
# pèse un peu face à des variances de pré-activation de 0,073 à 0,2213. Avec le noyau
# multiplié par 0,1, les variances (7.3e-04 à 2.2e-03) sont de l'ordre de $\varepsilon =
# 0{,}001$ et la sortie bouge jusqu'à 0,78 ; par 0,01, jusqu'à 2,4. Avec $-1$, la sortie est
# exactement l'opposé de l'originale (écart nul).
#
# Une pénalité L2 sur ce noyau limite donc à peine ce que calcule le réseau : le noyau peut
# rétrécir, ce qui abaisse la pénalité, et la sortie reste presque telle quelle, tant que les
# variances sur le lot restent bien au-dessus de $\varepsilon$. Van Laarhoven (2017, « L2
# Regularization versus Batch and Weight Normalization ») a montré que la pénalité agit
# alors surtout sur l'optimisation : un noyau plus petit rend chaque pas de gradient plus
# grand par rapport au noyau, comme un taux d'apprentissage plus élevé.

# %% [markdown] lang="en"
# ## 7. Layer normalization, for contrast
#
# `keras.layers.LayerNormalization` (Ba et al., 2016) uses the same formula, with
# $\varepsilon$ inside the square root and learned $\gamma$ and $\beta$, but computes the
# mean and the variance **over the features of each example** instead of over the examples
# of the batch. Its `call(inputs)` in Keras 3.15's source has no `training` argument and the
# layer creates no moving statistics: it computes the same thing in training and in
# inference, and an example's output never depends on the other examples of its batch. Let
# us check it on the batch `x` of section 1.

# %% [markdown] lang="fr"
# ## 7. La normalisation par couche, pour comparer
#
# `keras.layers.LayerNormalization` (Ba et al., 2016) utilise la même formule, avec
# $\varepsilon$ sous la racine et des $\gamma$ et $\beta$ appris, mais calcule la moyenne et
# la variance **sur les caractéristiques de chaque exemple** au lieu de les calculer sur les
# exemples du lot. Sa méthode `call(inputs)`, dans le code source de Keras 3.15, n'a pas
# d'argument `training`, et la couche ne crée aucune statistique mobile : elle calcule la
# même chose en entraînement et en inférence, et la sortie d'un exemple ne dépend jamais des
# autres exemples de son lot. Vérifions-le sur le lot `x` de la section 1.

# %%
layer_norm = keras.layers.LayerNormalization()
ln_train = np.asarray(layer_norm(x, training=True))
print(_(en="weights:", fr="poids :"), [w.name for w in layer_norm.weights])
by_rows = (x - x.mean(axis=1, keepdims=True)) / np.sqrt(x.var(axis=1, keepdims=True) + 1e-3)
print(
    _(
        en="normalizes each example over its features:",
        fr="normalise chaque exemple sur ses caractéristiques :",
    ),
    bool(np.allclose(ln_train, by_rows, atol=1e-5)),
)
print(
    _(
        en="training=True and training=False agree:",
        fr="training=True et training=False concordent :",
    ),
    bool(np.array_equal(ln_train, np.asarray(layer_norm(x, training=False)))),
)
print(
    _(en="example 0 alone gives the same output:", fr="l'exemple 0 seul donne la même sortie :"),
    bool(np.allclose(np.asarray(layer_norm(x[:1], training=True)), ln_train[:1], atol=1e-6)),
)
print(
    _(en="BatchNormalization, example 0 alone:", fr="BatchNormalization, exemple 0 seul :"),
    np.asarray(keras.layers.BatchNormalization()(x[:1], training=True)).round(4) + 0.0,
)

# %% [markdown] lang="en"
# The layer holds only `gamma` and `beta`, normalizes each row of `x` over its 3 features,
# and gives the same output with `training=True` and `training=False`, and for an example
# alone or in its batch; in training mode, batch normalization maps a lone example to 0
# (section 2). So layer normalization has no training/inference gap to debug, no
# `momentum` to tune, and works with batches of one; in exchange it adds none of the batch
# noise of section 5, and it equalizes the features of an example, which is not what a
# network wants when their scales carry information. It is the usual choice in transformers
# and recurrent networks; for small fully connected and convolutional networks such as this
# course's, batch normalization is the common one.

# %% [markdown] lang="fr"
# La couche ne contient que `gamma` et `beta`, normalise chaque ligne de `x` sur ses
# 3 caractéristiques, et donne la même sortie avec `training=True` et `training=False`, ainsi
# que pour un exemple seul ou dans son lot ; en mode entraînement, la normalisation par lots
# envoie un exemple seul sur 0 (section 2). La normalisation par couche n'a donc pas d'écart
# entre entraînement et inférence à déboguer, pas de `momentum` à régler, et fonctionne avec
# des lots d'un seul exemple ; en contrepartie, elle n'apporte rien du bruit de lot de la
# section 5, et elle égalise les caractéristiques d'un exemple, ce que le réseau ne souhaite
# pas quand leurs échelles portent de l'information. C'est le choix habituel dans les
# transformeurs et les réseaux récurrents ; pour de petits réseaux denses ou convolutifs
# comme ceux de ce cours, la normalisation par lots est la plus courante.

# %% [markdown] lang="en"
# ## Key points
# - In training mode, `BatchNormalization` computes, per feature,
#   `gamma * (x - mean) / sqrt(var + epsilon) + beta` with the batch mean and the batch
#   variance **divided by n**; defaults `epsilon=0.001`, `gamma=1`, `beta=0`, `momentum=0.99`.
#   `center=False` removes `beta`, `scale=False` removes `gamma`.
# - Each training-mode call updates `moving = moving * momentum + batch_stat * (1 - momentum)`,
#   with the same variance divided by n. After $k$ steps on batches of the same statistics,
#   the initial values (mean 0, variance 1) still weigh $\text{momentum}^k$: 0.366 after
#   100 steps with momentum 0.99. With few training steps, lower the momentum or recompute
#   the moving statistics after training.
#   PyTorch's `momentum` weights the new batch instead: its default 0.1 is Keras' 0.9.
# - Inference (`training=False`, `predict`, `evaluate`, the default call) normalizes with the
#   moving statistics. Evaluating in training mode makes predictions depend on the batch
#   (a batch of one image gives every image the same output) and changes the moving
#   statistics of the model being evaluated.
# - Batch normalization was designed to speed up training, and does so here, also with a
#   learning rate 20 times larger that stalls the plain network at chance level; why it helps
#   is debated (internal covariate shift, the original motivation, is disputed; Santurkar et
#   al. argue for a smoother loss). The noise of
#   batch statistics also regularizes a little, which may make dropout unnecessary. Dropout
#   before batch normalization shifts the variance between training and inference.
# - `gamma_regularizer` and `beta_regularizer` add penalties to `model.losses`; a positive
#   factor on the kernel of the `Dense` layer before batch normalization leaves its output
#   nearly unchanged while the batch variances stay well above $\varepsilon$.
# - `LayerNormalization` normalizes each example over its features: no moving statistics,
#   the same output in training and inference, and none of the batch noise.
#
# Next lesson: learning-rate schedules.

# %% [markdown] lang="fr"
# ## À retenir
# - En mode entraînement, `BatchNormalization` calcule, par caractéristique,
#   `gamma * (x - moyenne) / sqrt(var + epsilon) + beta` avec la moyenne du lot et la
#   variance du lot **divisée par n** ; par défaut `epsilon=0.001`, `gamma=1`, `beta=0`,
#   `momentum=0.99`. `center=False` supprime `beta`, `scale=False` supprime `gamma`.
# - Chaque appel en mode entraînement met à jour
#   `mobile = mobile * momentum + stat_du_lot * (1 - momentum)`, avec la même variance
#   divisée par n. Après $k$ pas sur des lots de mêmes statistiques, les valeurs initiales
#   (moyenne 0, variance 1) pèsent encore $\text{momentum}^k$ : 0,366 après 100 pas avec un
#   momentum de 0,99. Avec peu de pas d'entraînement, baissez le momentum ou recalculez les
#   statistiques mobiles après l'entraînement.
#   Le `momentum` de PyTorch pondère au contraire le nouveau lot : sa valeur par défaut 0,1
#   correspond à 0,9 dans Keras.
# - L'inférence (`training=False`, `predict`, `evaluate`, l'appel par défaut) normalise
#   avec les statistiques mobiles. Évaluer en mode entraînement rend les prédictions
#   dépendantes du lot (un lot d'une seule image donne la même sortie pour toutes les
#   images) et modifie les statistiques mobiles du modèle évalué.
# - La normalisation par lots a été conçue pour accélérer l'entraînement, et c'est ce qu'elle
#   fait ici, y compris avec un taux d'apprentissage 20 fois plus grand qui bloque le réseau
#   simple au niveau du hasard ; la raison pour laquelle elle aide est débattue (le décalage
#   interne de covariables, la motivation d'origine, est contesté ; Santurkar et al. plaident
#   pour une perte plus lisse). Le bruit des statistiques de lot
#   régularise aussi un peu, ce qui peut rendre le dropout superflu. Un dropout placé avant
#   une normalisation par lots décale la variance entre entraînement et inférence.
# - `gamma_regularizer` et `beta_regularizer` ajoutent des pénalités à `model.losses` ; un
#   facteur positif sur le noyau de la couche `Dense` qui précède la normalisation par lots
#   laisse sa sortie presque inchangée tant que les variances sur le lot restent bien
#   au-dessus de $\varepsilon$.
# - `LayerNormalization` normalise chaque exemple sur ses caractéristiques : pas de
#   statistiques mobiles, la même sortie en entraînement et en inférence, et aucun bruit de
#   lot.
#
# Leçon suivante : les calendriers de taux d'apprentissage.
