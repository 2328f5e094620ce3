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
# `BatchNormalization` layer returns, in training mode and in inference mode, (2) compute
# how it updates its moving statistics, and (3) explain why batch normalization has a
# regularizing effect, why it may make dropout unnecessary, and what can go wrong when the
# two are combined.

# %% [markdown] lang="fr"
# # Leçon 6 — La normalisation par lots
#
# **Objectif.** À la fin de cette leçon, vous saurez (1) calculer à la main ce que renvoie
# une couche `BatchNormalization` de Keras, en mode entraînement comme en mode inférence,
# (2) calculer comment elle met à jour ses statistiques mobiles et (3) expliquer pourquoi la
# normalisation par lots a un effet régularisant, pourquoi elle peut rendre le dropout
# superflu et ce qui peut mal se passer quand on combine les deux.

# %%
import coursetools as ct  # first: it quiets TensorFlow before TensorFlow loads

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
    _(en="output std per feature: ", fr="écart-type de la sortie par caractéristique :"),
    y_train_mode.std(axis=0).round(4),
)

# %% [markdown] lang="en"
# Keras (3.15, TensorFlow backend) divides by $n$, and $\varepsilon$ is inside the square
# root. With only 8 examples, the $n-1$ version is off by up to 0.12 (the max. gap
# 1.2e-01 above). The output has mean 0 and a standard deviation a little below 1 for the
# second feature (0.9953): that standard deviation is
# $\sqrt{\sigma^2 / (\sigma^2 + \varepsilon)}$, so its batch variance $\sigma^2$ is about
# 0.1, small enough for $\varepsilon = 0.001$ to matter.
#
# ### What `center=False` and `scale=False` remove
#
# `center=False` removes $\beta$ (no shift), `scale=False` removes $\gamma$ (no scaling).
# The two **moving statistics** are always there; section 2 explains them.

# %% [markdown] lang="fr"
# Keras (3.15, moteur TensorFlow) divise par $n$, et $\varepsilon$ est sous la racine.
# Avec seulement 8 exemples, la version en $n-1$ s'écarte jusqu'à 0,12 (l'écart max.
# 1.2e-01 ci-dessus). La sortie a une moyenne nulle et un écart-type un peu inférieur à 1
# pour la deuxième caractéristique (0,9953) : cet écart-type vaut
# $\sqrt{\sigma^2 / (\sigma^2 + \varepsilon)}$, donc sa variance sur le lot $\sigma^2$
# vaut environ 0,1, assez peu pour que $\varepsilon = 0{,}001$ compte.
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
# (`center=False`). Use NumPy only; do not update the moving statistics here
# (exercise 2 does).

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
# `None` (`center=False`). N'utilisez que NumPy ; ne mettez pas à jour les statistiques
# mobiles ici (c'est l'objet de l'exercice 2).


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
# Visible tests: run this cell to check your function.
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
# le modèle déployé : une prédiction doit ne dépendre que de l'entrée, et exister pour un
# exemple seul (un « lot » d'un seul exemple a une variance nulle). La couche conserve donc
# deux vecteurs supplémentaires, `moving_mean` (initialisé à 0) et `moving_variance`
# (initialisé à 1), et chaque appel en mode entraînement les met à jour avec les
# statistiques du lot :
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
layer(x, training=True)  # one training-mode call updates the moving statistics
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
# mode and to update `moving_variance`. (PyTorch's documentation says it puts the unbiased
# $n-1$ variance into its moving average; Keras does not.) Note the last line: in
# training mode a single example is normalized to exactly $\beta = 0$, whatever it is.
#
# The momentum is a memory length: after $k$ training steps, the initial value still weighs
# $\text{momentum}^k$ in the moving average: $0.99^{100} \approx 0.37$ after 100 steps.
# Section 4 shows what this means when a model is trained for only a hundred steps.
#
# One more trap, for fine-tuning: setting `layer.trainable = False` on a
# `BatchNormalization` layer does not only freeze $\gamma$ and $\beta$; it also makes the
# layer run in inference mode, even inside `fit()`.

# %% [markdown] lang="fr"
# Dans Keras 3.15, la même variance biaisée (divisée par $n$) sert à normaliser en mode
# entraînement et à mettre à jour `moving_variance`. (Selon sa documentation, PyTorch
# met la variance non biaisée, en $n-1$, dans sa moyenne mobile ; pas Keras.)
# Remarquez la dernière ligne : en mode entraînement, un exemple seul est normalisé
# exactement en $\beta = 0$, quel qu'il soit.
#
# Le momentum est une durée de mémoire : après $k$ pas d'entraînement, la valeur initiale
# pèse encore $\text{momentum}^k$ dans la moyenne mobile, soit $0{,}99^{100} \approx 0{,}37$ après
# 100 pas. La section 4 montre ce que cela implique quand un modèle n'est entraîné qu'une
# centaine de pas.
#
# Un dernier piège, pour l'affinage (*fine-tuning*) : mettre `layer.trainable = False` sur une
# couche `BatchNormalization` ne fige pas seulement $\gamma$ et $\beta$ ; cela fait aussi
# fonctionner la couche en mode inférence, même dans `fit()`.

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
# ### Exercise 2 — one update of the moving statistics (2 points)
#
# Write `update_moving_stats(x, moving_mean, moving_var, momentum)` that returns the pair
# `(new_moving_mean, new_moving_var)` a `BatchNormalization` layer holds after one call in
# training mode on the batch `x` (shape `(batch, features)`), if it held `moving_mean` and
# `moving_var` before. Return new arrays; do not modify the arguments.

# %% [markdown] lang="fr"
# ### Exercice 2 — une mise à jour des statistiques mobiles (2 points)
#
# Écrivez `update_moving_stats(x, moving_mean, moving_var, momentum)` qui renvoie le couple
# `(new_moving_mean, new_moving_var)` que contient une couche `BatchNormalization` après un
# appel en mode entraînement sur le lot `x` (de forme `(lot, caractéristiques)`), si elle
# contenait `moving_mean` et `moving_var` auparavant. Renvoyez de nouveaux tableaux, sans
# modifier les arguments.


# %% nbgrader="solution" grade_id="update_moving_stats"
def update_moving_stats(x, moving_mean, moving_var, momentum):
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype="float64")
    new_mean = np.asarray(moving_mean) * momentum + x.mean(axis=0) * (1 - momentum)
    new_var = np.asarray(moving_var) * momentum + x.var(axis=0) * (1 - momentum)
    return new_mean, new_var
    ### END SOLUTION


# %% nbgrader="tests" grade_id="update_moving_stats_tests" points=2
# Visible tests: run this cell to check your function.
def _close(a, b):
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-5)


_rng = np.random.default_rng(7)
_x = (_rng.normal(size=(10, 4)) * [0.5, 1.0, 2.0, 3.0] + [3.0, -2.0, 1.0, 0.0]).astype("float32")
_mm0, _mv0 = _rng.normal(size=4).astype("float32"), _rng.uniform(0.5, 2.0, 4).astype("float32")
_layer = keras.layers.BatchNormalization()
_layer.build((None, 4))
_layer.set_weights([np.ones(4, "float32"), np.zeros(4, "float32"), _mm0, _mv0])
_layer(_x, training=True)
_exp_m, _exp_v = _layer.moving_mean.numpy(), _layer.moving_variance.numpy()
_got = ct.plain(update_moving_stats(_x, _mm0.copy(), _mv0.copy(), 0.99))
assert isinstance(_got, tuple) and len(_got) == 2, _(
    en="Return a pair: (new_moving_mean, new_moving_var).",
    fr="Renvoyez un couple : (new_moving_mean, new_moving_var).",
)
_got_m, _got_v = np.asarray(_got[0]), np.asarray(_got[1])
assert _got_m.shape == (4,) and _got_v.shape == (4,), _(
    en=f"Each statistic has one value per feature, shape (4,); got {_got_m.shape} and {_got_v.shape}.",
    fr=f"Chaque statistique a une valeur par caractéristique, forme (4,) ; obtenu {_got_m.shape} et {_got_v.shape}.",
)
if _close(_got_m, _mm0 * 0.01 + _x.mean(axis=0) * 0.99):
    raise AssertionError(
        _(
            en="The momentum weights are swapped: the old moving value is multiplied by momentum, the batch statistic by (1 - momentum).",
            fr="Les poids du momentum sont inversés : l'ancienne valeur mobile est multipliée par momentum, la statistique du lot par (1 - momentum).",
        )
    )
if _close(_got_m, _mm0 * 0.99):
    raise AssertionError(
        _(
            en="You updated with the statistics of the normalized output (mean 0, variance about 1): use the mean and variance of the input x itself.",
            fr="Vous avez mis à jour avec les statistiques de la sortie normalisée (moyenne 0, variance proche de 1) : utilisez la moyenne et la variance de l'entrée x elle-même.",
        )
    )
assert _close(_got_m, _exp_m), _(
    en="The new moving mean differs from the Keras layer's.",
    fr="La nouvelle moyenne mobile diffère de celle de la couche Keras.",
)
if _close(_got_v, _mv0 * 0.99 + _x.var(axis=0, ddof=1) * 0.01):
    raise AssertionError(
        _(
            en="You used the unbiased variance (divided by n-1): Keras puts the variance divided by n into the moving average (np.var's default ddof=0).",
            fr="Vous avez utilisé la variance non biaisée (divisée par n-1) : Keras met la variance divisée par n dans la moyenne mobile (ddof=0, le défaut de np.var).",
        )
    )
assert _close(_got_v, _exp_v), _(
    en="The new moving variance differs from the Keras layer's.",
    fr="La nouvelle variance mobile diffère de celle de la couche Keras.",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
for _momentum, _n in [(0.9, 6), (0.5, 3), (0.0, 12)]:
    _rng = np.random.default_rng(ct.fresh_seed())
    _x = (_rng.normal(size=(_n, 3)) * [0.1, 2.0, 5.0] + [-4.0, 0.0, 2.0]).astype("float32")
    _mm0, _mv0 = _rng.normal(size=3).astype("float32"), _rng.uniform(0.2, 4.0, 3).astype("float32")
    _layer = keras.layers.BatchNormalization(momentum=_momentum)
    _layer.build((None, 3))
    _layer.set_weights([np.ones(3, "float32"), np.zeros(3, "float32"), _mm0, _mv0])
    _layer(_x, training=True)
    _args = (_x.copy(), _mm0.copy(), _mv0.copy())
    _got_m, _got_v = (np.asarray(_a) for _a in ct.plain(update_moving_stats(*_args, _momentum)))
    assert _close(_got_m, _layer.moving_mean.numpy()), _momentum
    assert _close(_got_v, _layer.moving_variance.numpy()), _momentum
    assert not ct.changed_arguments("update_moving_stats", *_args, _momentum)
### END HIDDEN TESTS

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
        fr="          moyenne avant / après   écart-type avant / après",
    )
)
for unit in range(3):
    print(
        f"{_(en='unit', fr='unité')} {unit}: {pre[:, unit].mean():9.4f} / {round(float(normalized[:, unit].mean()), 4) + 0.0:7.4f}"
        f"      {pre[:, unit].std():7.4f} / {normalized[:, unit].std():6.4f}"
    )
fig, axes = plt.subplots(1, 2, figsize=(9, 3.4), sharey=True)
for unit in range(3):
    axes[0].hist(pre[:, unit], bins=30, alpha=0.6, label=_(en=f"unit {unit}", fr=f"unité {unit}"))
    axes[1].hist(
        normalized[:, unit], bins=30, alpha=0.6, label=_(en=f"unit {unit}", fr=f"unité {unit}")
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
# unit is centered at 0 with standard deviation 1, so a ReLU placed next cuts each unit
# near its middle; $\gamma$ and $\beta$ then let training move that cut where it helps.
# The shapes of the distributions do not change: batch normalization is an affine map per
# unit, not a "Gaussianization".

# %% [markdown] lang="fr"
# Avant la normalisation, chaque unité a son propre centre et sa propre dispersion, fixés
# au hasard à l'initialisation, et ils changent sans cesse à mesure que les poids en amont
# s'entraînent. Après, chaque unité est centrée en 0 avec un écart-type de 1 : une ReLU
# placée ensuite coupe chaque unité près de son milieu, et $\gamma$ et $\beta$ permettent à
# l'entraînement de déplacer cette coupure là où elle est utile. La forme des distributions,
# elle, ne change pas : la normalisation par lots est une transformation affine par unité,
# pas une « gaussianisation ».

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
def make_mlp(batch_norm, momentum=0.99):
    ct.reseed()
    layers = [keras.Input((64,))]
    for _unused in range(2):
        layers.append(keras.layers.Dense(64, use_bias=not batch_norm))
        if batch_norm:
            layers.append(keras.layers.BatchNormalization(momentum=momentum))
        layers.append(keras.layers.Activation("relu"))
    model = keras.Sequential(layers + [keras.layers.Dense(10, activation="softmax")])
    model.compile(
        keras.optimizers.SGD(0.1), loss="sparse_categorical_crossentropy", metrics=["accuracy"]
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
ct.plot_curves(
    histories,
    title=_(
        en="Digits: the same network with and without batch normalization",
        fr="Chiffres : le même réseau avec et sans normalisation par lots",
    ),
)
names = list(histories)
print(_(en="epoch:                 ", fr="époque :               "), [1, 3, 5, 8, 10])
for name in names:
    print(
        f"{name:>18} {_(en='val.', fr='val.')}",
        [round(histories[name].history["val_loss"][e - 1], 4) for e in [1, 3, 5, 8, 10]],
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
print(
    _(
        en="weight of the initial moving statistics after 100 steps:",
        fr="poids des statistiques mobiles initiales après 100 pas :",
    ),
    round(0.99**100, 4),
    "/",
    f"{0.9**100:.1e}",
)

# %% [markdown] lang="en"
# Three observations:
# - **Training is much faster with batch normalization**: after a few epochs the BN
#   networks' training loss is far below the plain network's, with the same optimizer and
#   learning rate. This speed-up is the main reason batch normalization is used.
# - **With momentum 0.99, validation lags behind training.** Its trained weights are
#   identical to the momentum-0.9 model's (its dashed training curve is hidden under that
#   model's), yet its validation loss is much higher during the whole run, and at the end
#   even higher than the plain network's (its validation accuracy is nevertheless higher:
#   the loss is more sensitive than the accuracy to badly normalized activations). The gap
#   is not overfitting: after 100 steps the initial `moving_mean = 0` and
#   `moving_variance = 1` still weigh 37% in the moving statistics, which therefore do not
#   describe the activations the network produces now. With few training steps (small data
#   sets, short runs), lower the momentum; with many steps, the default is fine.
# - When you compare models, read validation curves with this in mind: a BN model's
#   validation loss measures its weights **and** its moving statistics.

# %% [markdown] lang="fr"
# Trois constats :
# - **L'entraînement est bien plus rapide avec la normalisation par lots** : après quelques
#   époques, la perte d'entraînement des réseaux avec BN est bien inférieure à celle du
#   réseau simple, avec le même optimiseur et le même taux d'apprentissage. Cette
#   accélération est la principale raison d'utiliser la normalisation par lots.
# - **Avec un momentum de 0,99, la validation est en retard sur l'entraînement.** Ses poids
#   entraînés sont identiques à ceux du modèle au momentum 0,9 (sa courbe d'entraînement en
#   tirets est cachée sous celle de ce modèle), et pourtant sa perte de validation est bien
#   plus élevée tout au long de l'entraînement, et même, à la fin, plus élevée que celle du
#   réseau simple (son exactitude de validation est pourtant meilleure : la perte est plus
#   sensible que l'exactitude à des activations mal normalisées). Cet écart n'est pas du
#   surapprentissage : après 100 pas, les valeurs initiales `moving_mean = 0` et
#   `moving_variance = 1` pèsent encore 37 % dans les statistiques mobiles, qui ne décrivent
#   donc pas les activations que le réseau produit désormais. Avec peu de pas d'entraînement
#   (petits jeux de données, entraînements courts), baissez le momentum ; avec beaucoup de
#   pas, la valeur par défaut convient.
# - Quand vous comparez des modèles, lisez les courbes de validation en gardant cela en
#   tête : la perte de validation d'un modèle avec BN mesure ses poids **et** ses
#   statistiques mobiles.

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
    _(en="std over the 5 batches, training mode: ", fr="écart-type sur les 5 lots, entraînement :"),
    np.array(in_training).std(axis=0).round(4),
)
print(
    _(en="std over the 5 batches, inference mode:", fr="écart-type sur les 5 lots, inférence :   "),
    np.array(at_inference).std(axis=0).round(4),
)

# %% [markdown] lang="en"
# The noise shrinks as batches grow (the batch mean and variance become better estimates),
# so batch normalization's regularizing effect is strongest with small batches and weaker
# with large ones. Ioffe and Szegedy reported that with batch normalization they
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
# Le bruit diminue quand les lots grandissent (la moyenne et la variance du lot deviennent
# de meilleures estimations) : l'effet régularisant de la normalisation par lots est
# maximal avec de petits lots et plus faible avec de grands lots. Ioffe et Szegedy
# ont observé qu'avec la normalisation par lots, ils pouvaient retirer le dropout de leur
# classifieur d'images sans surapprendre davantage. C'est pourquoi la normalisation par lots
# **peut** rendre le dropout superflu : c'est une observation sur certains réseaux, pas une
# règle, et ce n'est pas un effet sur lequel compter quand un modèle surapprend
# fortement.
#
# Les combiner demande de la prudence. Li et al. (2019, « décalage de variance ») soutiennent
# qu'un dropout placé **avant** une couche de normalisation par lots change la variance que
# voit cette couche : à l'entraînement, les zéros du dropout et sa remise à l'échelle par
# $1/(1-\text{taux})$ augmentent la variance, et `moving_variance` apprend cette valeur
# gonflée ; en inférence, le dropout ne fait rien, la variance est plus petite et les
# sorties normalisées sont rétrécies. Leurs mesures suggèrent que cela peut coûter en
# exactitude, et que placer le dropout seulement après la dernière couche de normalisation
# (ou utiliser un petit taux) en évite l'essentiel. L'ampleur de l'effet dépend du réseau.
# Voici le mécanisme sur une caractéristique de moyenne 1 et de variance 1, avec un taux de
# dropout de 0,5 et un momentum nul (`moving_variance` vaut alors exactement la variance du
# dernier lot d'entraînement).

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
        fr="écart-type de sortie de la BN, entraînement / inférence :",
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
# towards 0; one on $\beta$ pulls its shift towards 0. Many practitioners leave $\gamma$ and
# $\beta$ unpenalized, since there are few of them. Note also that the output of batch
# normalization does not change (up to the small $\varepsilon$) when the kernel of the
# `Dense` layer before it is multiplied by a **positive** constant: the batch mean and
# standard deviation are multiplied by the same constant, which cancels. A negative constant
# flips the sign of the normalized value, before $\gamma$ and $\beta$ are applied. So an L2
# penalty on that kernel no longer limits what the network computes (shrinking the kernel by
# a positive factor lowers the penalty and leaves the output as it was); its effect is then
# mainly on the optimization.

# %% [markdown] lang="fr"
# Avec un taux $p$, le dropout multiplie une caractéristique de moyenne $m$ et de variance
# $s^2$ par $0$ ou par $1/(1-p)$, ce qui conserve la moyenne mais porte la variance à
# $(s^2 + m^2)/(1-p) - m^2$, ici $2/0{,}5 - 1 = 3$ (la cellule mesure 2,9272). La couche
# suivante a été entraînée sur des sorties d'écart-type 1 et reçoit en inférence environ
# $1/\sqrt{3} \approx 0{,}58$ (mesuré : 0,5862).
#
# ## 6. Pénalités sur gamma et beta
#
# $\gamma$ et $\beta$ sont des poids comme les autres et peuvent recevoir une pénalité
# (leçon 2) : `gamma_regularizer` et `beta_regularizer`. Chaque pénalité apparaît dans
# `model.losses` et `fit()` l'ajoute à la perte d'entraînement. Une pénalité L2 sur $\gamma$
# tire l'échelle de chaque unité vers 0 ; sur $\beta$, elle tire son décalage vers 0.
# Beaucoup de praticiens ne pénalisent pas $\gamma$ et $\beta$, qui sont peu nombreux.
# Notez aussi que la sortie de la normalisation par lots ne change pas (au petit
# $\varepsilon$ près) quand on multiplie par une constante **positive** le noyau de la couche
# `Dense` qui la précède : la moyenne et l'écart-type du lot sont multipliés par la même
# constante, qui se simplifie. Une constante négative change le signe de la valeur
# normalisée, avant l'application de $\gamma$ et $\beta$. Une pénalité L2 sur ce noyau ne limite
# donc plus ce que calcule le réseau (réduire le noyau d'un facteur positif abaisse la
# pénalité et laisse la sortie telle quelle), et son effet porte alors surtout sur
# l'optimisation.

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
# ### Written question (2 points, graded by hand)
#
# A colleague evaluates a trained model that contains `BatchNormalization` layers by calling
# `model(x_test, training=True)`, "so that each test batch is normalized properly". Give two
# distinct reasons why this is wrong, using what you saw in this lesson (think of what a
# prediction should depend on, of a test batch of one image, and of the moving statistics).

# %% [markdown] lang="fr"
# ### Question rédigée (2 points, corrigée à la main)
#
# Un collègue évalue un modèle entraîné contenant des couches `BatchNormalization` en
# appelant `model(x_test, training=True)`, « pour que chaque lot de test soit bien
# normalisé ». Donnez deux raisons distinctes pour lesquelles c'est une erreur, en vous
# appuyant sur ce que vous avez vu dans cette leçon (pensez à ce dont une prédiction devrait
# dépendre, à un lot de test d'une seule image et aux statistiques mobiles).

# %% [markdown] lang="en" nbgrader="manual" grade_id="inference_statistics" points=2
# In training mode each image is normalized with the mean and variance of its test batch,
# so its prediction depends on the other images it happens to be grouped with and on the
# batch size: the same image can get different predictions, and the measured accuracy
# depends on how the test set was cut into batches. In the extreme case of a batch of one
# image, the batch variance is 0 and every feature is normalized to exactly beta, whatever
# the image: the model predicts the same thing for every input. Besides, each call in
# training mode updates moving_mean and moving_variance with test statistics, so evaluating
# changes the model (and leaks test data into it). At inference the layer must use the
# moving statistics, fixed estimates of the training data's statistics, which make every
# prediction a deterministic function of its own input; this is what `training=False`,
# `predict()` and `evaluate()` do.

# %% [markdown] lang="fr" nbgrader="manual" grade_id="inference_statistics" points=2
# En mode entraînement, chaque image est normalisée avec la moyenne et la variance de son
# lot de test : sa prédiction dépend donc des autres images avec lesquelles elle se trouve
# regroupée et de la taille du lot. La même image peut recevoir des prédictions
# différentes, et l'exactitude mesurée dépend de la façon dont on a découpé le jeu de test
# en lots. Dans le cas extrême d'un lot d'une seule image, la variance du lot est nulle et
# chaque caractéristique est normalisée exactement en beta, quelle que soit l'image : le
# modèle prédit la même chose pour toutes les entrées. De plus, chaque appel en mode
# entraînement met à jour moving_mean et moving_variance avec les statistiques du test :
# évaluer modifie le modèle (et y fait fuiter les données de test). En inférence, la couche
# doit utiliser les statistiques mobiles, des estimations fixes des statistiques des données
# d'entraînement, qui font de chaque prédiction une fonction déterministe de sa seule entrée ;
# c'est ce que font `training=False`, `predict()` et `evaluate()`.

# %% [markdown] lang="en"
# ## Key points
# - In training mode, `BatchNormalization` computes, per feature,
#   `gamma * (x - mean) / sqrt(var + epsilon) + beta` with the batch mean and the batch
#   variance **divided by n**; defaults `epsilon=0.001`, `gamma=1`, `beta=0`, `momentum=0.99`.
#   `center=False` removes `beta`, `scale=False` removes `gamma`.
# - Each training-mode call updates `moving = moving * momentum + batch_stat * (1 - momentum)`,
#   with the same variance divided by n. Inference (`training=False`, `predict`, `evaluate`,
#   the default call) normalizes with these moving statistics; with few training steps,
#   a lower momentum lets them catch up.
# - Batch normalization mainly speeds up training; the noise of batch statistics also
#   regularizes a little, which may make dropout unnecessary. Dropout before batch
#   normalization shifts the variance between training and inference.
# - `gamma_regularizer` and `beta_regularizer` add penalties to `model.losses`.
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
#   divisée par n. L'inférence (`training=False`, `predict`, `evaluate`, l'appel par défaut)
#   normalise avec ces statistiques mobiles ; avec peu de pas d'entraînement, un momentum
#   plus faible leur permet de rattraper leur retard.
# - La normalisation par lots accélère surtout l'entraînement ; le bruit des statistiques
#   de lot régularise aussi un peu, ce qui peut rendre le dropout superflu. Un dropout placé
#   avant une normalisation par lots décale la variance entre entraînement et inférence.
# - `gamma_regularizer` et `beta_regularizer` ajoutent des pénalités à `model.losses`.
#
# Leçon suivante : les calendriers de taux d'apprentissage.
