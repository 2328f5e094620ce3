# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] lang="en"
# # Lesson 3 — Weight decay: L2 penalty, `weight_decay` and AdamW
#
# **Goal.** By the end of this lesson you can (1) show that, with plain SGD, an L2 penalty
# is the same thing as shrinking the weights a little at every step ("weight decay"), and
# get the factor 2 right; (2) say exactly what the `weight_decay` argument of every Keras
# optimizer does, to which variables, and how to exempt some of them; (3) explain, with
# numbers, why an L2 penalty and weight decay are **no longer** the same thing with Adam,
# and implement one step of AdamW, the optimizer that fixes this.

# %% [markdown] lang="fr"
# # Leçon 3 — Décroissance des poids : pénalité L2, `weight_decay` et AdamW
#
# **Objectif.** À la fin de cette leçon, vous saurez (1) montrer qu'avec la SGD simple une
# pénalité L2 revient à réduire un peu les poids à chaque pas (la « décroissance des poids »,
# *weight decay*), sans vous tromper sur le facteur 2 ; (2) dire exactement ce que fait
# l'argument `weight_decay` de chaque optimiseur Keras, sur quelles variables, et comment en
# exempter certaines ; (3) expliquer, chiffres à l'appui, pourquoi pénalité L2 et
# décroissance des poids **ne coïncident plus** avec Adam, et programmer un pas d'AdamW,
# l'optimiseur qui corrige ce défaut.

# %%
import coursetools as ct  # first: it quiets TensorFlow before TensorFlow loads

ct.setup(_(en="en", fr="fr"))

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

# %% [markdown] lang="en"
# ## 1. With SGD, an L2 penalty is weight decay
#
# Lesson 2 showed that Keras' `L2(λ)` adds $\lambda \lVert w\rVert^2 = \lambda\sum_i w_i^2$ to
# the loss, with no $\tfrac12$ factor. Its gradient is $2\lambda w$, so one step of plain
# stochastic gradient descent with learning rate $\eta$ on the penalized loss gives
#
# $$w_{\text{new}} = w - \eta\,(g + 2\lambda w) = \underbrace{(1 - 2\eta\lambda)\,w}_{\text{decay}}
# \;-\; \eta\, g ,$$
#
# where $g$ is the gradient of the **data** loss alone. The step is made of two moves:
# multiply every weight by a number slightly below 1 (the weights *decay* towards 0), and
# take the ordinary gradient step. This is why an L2 penalty is also called **weight
# decay**. With the $\tfrac12$ convention of many textbooks,
# $\tfrac{\lambda}{2}\lVert w\rVert^2$, the decay would be $\eta\lambda w$: with Keras it is
# twice that.
#
# Let us check it on a real layer: one `train_on_batch` of a `Dense` layer whose kernel has
# an `L2(0.05)` penalty, trained by `SGD(0.1)` on a mean squared error. We compute the data
# gradient $g$ ourselves with a `GradientTape`, *without* the penalty, and compare the
# kernel Keras obtains with the formula.

# %% [markdown] lang="fr"
# ## 1. Avec la SGD, une pénalité L2 est une décroissance des poids
#
# La leçon 2 a montré que le `L2(λ)` de Keras ajoute $\lambda \lVert w\rVert^2 =
# \lambda\sum_i w_i^2$ à la perte, sans facteur $\tfrac12$. Son gradient vaut $2\lambda w$ ;
# un pas de descente de gradient stochastique (SGD) simple, de taux d'apprentissage $\eta$,
# sur la perte pénalisée donne donc
#
# $$w_{\text{nouveau}} = w - \eta\,(g + 2\lambda w) =
# \underbrace{(1 - 2\eta\lambda)\,w}_{\text{décroissance}} \;-\; \eta\, g ,$$
#
# où $g$ est le gradient de la perte sur les **données** seule. Le pas se compose de deux
# mouvements : multiplier chaque poids par un nombre légèrement inférieur à 1 (les poids
# *décroissent* vers 0), et faire le pas de gradient ordinaire. Voilà pourquoi une
# pénalité L2 s'appelle aussi **décroissance des poids** (*weight decay*). Avec la convention
# $\tfrac{\lambda}{2}\lVert w\rVert^2$ de nombreux manuels, la décroissance vaudrait
# $\eta\lambda w$ : avec Keras, elle est deux fois plus forte.
#
# Vérifions-le sur une vraie couche : un `train_on_batch` d'une couche `Dense` dont le noyau
# porte une pénalité `L2(0.05)`, entraînée par `SGD(0.1)` sur une erreur quadratique moyenne.
# Nous calculons nous-mêmes le gradient $g$ des données avec un `GradientTape`, *sans* la
# pénalité, et comparons le noyau obtenu par Keras à la formule.

# %%
LR, L2 = 0.1, 0.05
rng = np.random.default_rng(0)
x_small = rng.normal(size=(16, 4)).astype("float32")
y_small = rng.normal(size=(16, 2)).astype("float32")

ct.reseed()
model = keras.Sequential(
    [keras.Input((4,)), keras.layers.Dense(2, kernel_regularizer=keras.regularizers.L2(L2))]
)
model.compile(keras.optimizers.SGD(LR), loss="mse")
kernel_before, bias_before = [w.copy() for w in model.get_weights()]
with tf.GradientTape() as tape:
    data_loss = keras.losses.MeanSquaredError()(y_small, model(x_small))
grad_kernel, grad_bias = [np.asarray(g) for g in tape.gradient(data_loss, model.trainable_weights)]

model.train_on_batch(x_small, y_small)
kernel_after, bias_after = model.get_weights()

formula = kernel_before - 2 * LR * L2 * kernel_before - LR * grad_kernel
half_factor = kernel_before - LR * L2 * kernel_before - LR * grad_kernel
print(
    _(en="kernel = (1 - 2·lr·λ)·w - lr·g:", fr="noyau = (1 - 2·lr·λ)·w - lr·g :"),
    bool(np.allclose(kernel_after, formula, atol=1e-6)),
)
print(
    _(en="kernel = (1 - lr·λ)·w - lr·g:  ", fr="noyau = (1 - lr·λ)·w - lr·g :  "),
    bool(np.allclose(kernel_after, half_factor, atol=1e-6)),
)
print(
    _(en="bias = b - lr·g (not penalized):", fr="biais = b - lr·g (non pénalisé) :"),
    bool(np.allclose(bias_after, bias_before - LR * grad_bias, atol=1e-6)),
)
print(
    _(en="decay factor 1 - 2·lr·λ =", fr="facteur de décroissance 1 - 2·lr·λ ="),
    round(1 - 2 * LR * L2, 4),
)

# %% [markdown] lang="en"
# The kernel follows the formula with the factor 2, not the one with $\eta\lambda$. The bias
# has no regularizer, so it takes the plain gradient step. Keep in mind what $g$ is here:
# the gradient of the data loss at the weights *before* the step.
#
# ### Exercise 1 — one SGD step with an L2 penalty (2 points)
#
# Write `sgd_l2_step(w, grad, lr, l2)` that returns the new weights after one plain SGD step
# on a loss penalized by Keras' `L2(l2)`. `w` is the weight array, `grad` the gradient of the
# **data** loss only (without the penalty), `lr` the learning rate. Use NumPy only. The
# tests compare your result with what Keras' `SGD` does to a `Dense` kernel that has
# `kernel_regularizer=L2(l2)`.

# %% [markdown] lang="fr"
# Le noyau suit la formule avec le facteur 2, pas celle en $\eta\lambda$. Le biais n'a pas de
# régulariseur : il fait le pas de gradient simple. Retenez bien ce qu'est $g$ ici : le
# gradient de la perte sur les données, évalué aux poids d'*avant* le pas.
#
# ### Exercice 1 — un pas de SGD avec une pénalité L2 (2 points)
#
# Écrivez `sgd_l2_step(w, grad, lr, l2)` qui renvoie les nouveaux poids après un pas de SGD
# simple sur une perte pénalisée par le `L2(l2)` de Keras. `w` est le tableau des poids,
# `grad` le gradient de la perte sur les **données** seule (sans la pénalité), `lr` le taux
# d'apprentissage. N'utilisez que NumPy. Les tests comparent votre résultat à ce que fait la
# `SGD` de Keras au noyau d'une couche `Dense` munie de `kernel_regularizer=L2(l2)`.


# %% nbgrader="solution" grade_id="sgd_l2_step"
def sgd_l2_step(w, grad, lr, l2):
    ### BEGIN SOLUTION
    w = np.asarray(w)
    return w - lr * (np.asarray(grad) + 2 * l2 * w)
    ### END SOLUTION


# %% nbgrader="tests" grade_id="sgd_l2_step_tests" points=2
# Visible tests: run this cell to check your function.
_x = np.random.default_rng(1).normal(size=(8, 3)).astype("float32")
_y = np.random.default_rng(2).normal(size=(8, 2)).astype("float32")
ct.reseed()
_model = keras.Sequential(
    [keras.Input((3,)), keras.layers.Dense(2, kernel_regularizer=keras.regularizers.L2(0.2))]
)
_model.compile(keras.optimizers.SGD(0.5), loss="mse")
_w = np.asarray(_model.layers[0].kernel).copy()
with tf.GradientTape() as _tape:
    _data_loss = keras.losses.MeanSquaredError()(_y, _model(_x))
_g = np.asarray(_tape.gradient(_data_loss, _model.layers[0].kernel))
_model.train_on_batch(_x, _y)
_expected = np.asarray(_model.layers[0].kernel)
_got = np.asarray(sgd_l2_step(_w.copy(), _g.copy(), 0.5, 0.2))
assert _got.shape == _w.shape, _(
    en=f"The new weights must have the shape of w, {_w.shape}, not {_got.shape}.",
    fr=f"Les nouveaux poids doivent avoir la forme de w, {_w.shape}, et non {_got.shape}.",
)
_wrong = {
    _(
        en="The decay is half what it should be: Keras' L2 has no 1/2 factor, so the "
        "penalty's gradient is 2·l2·w and the decay is 2·lr·l2·w, not lr·l2·w.",
        fr="La décroissance est deux fois trop faible : le L2 de Keras n'a pas de facteur 1/2, "
        "donc le gradient de la pénalité vaut 2·l2·w et la décroissance 2·lr·l2·w, et non lr·l2·w.",
    ): _w - 0.5 * (_g + 0.2 * _w),
    _(
        en="Sign error: a step goes against the gradient, w - lr·(grad + 2·l2·w).",
        fr="Erreur de signe : un pas va contre le gradient, w - lr·(grad + 2·l2·w).",
    ): _w + 0.5 * (_g + 2 * 0.2 * _w),
    _(
        en="Sign error on the decay: the penalty pulls the weights towards 0, so subtract it.",
        fr="Erreur de signe sur la décroissance : la pénalité tire les poids vers 0, il faut la soustraire.",
    ): _w - 0.5 * _g + 2 * 0.5 * 0.2 * _w,
    _(
        en="The data gradient is missing: the step is w - lr·(grad + 2·l2·w), not only the decay.",
        fr="Le gradient des données manque : le pas vaut w - lr·(grad + 2·l2·w), pas seulement la décroissance.",
    ): _w - 2 * 0.5 * 0.2 * _w,
    _(
        en="The decay is not multiplied by the learning rate: it is 2·lr·l2·w.",
        fr="La décroissance n'est pas multipliée par le taux d'apprentissage : elle vaut 2·lr·l2·w.",
    ): _w - 0.5 * _g - 2 * 0.2 * _w,
}
for _message, _candidate in _wrong.items():
    if np.allclose(_got, _candidate, atol=1e-5):
        raise AssertionError(_message)
assert np.allclose(_got, _expected, atol=1e-5), _(
    en="Your new weights differ from those of Keras' SGD on a kernel with L2(0.2).",
    fr="Vos nouveaux poids diffèrent de ceux de la SGD de Keras sur un noyau avec L2(0.2).",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
# What fit() does in one step: gradient of data loss + penalties, then SGD's update.
for _lr, _l2 in [(0.1, 0.01), (0.03, 0.5), (0.2, 0.0)]:
    _seed = ct.fresh_seed()
    _rng = np.random.default_rng(_seed)
    _x = _rng.normal(size=(10, 5)).astype("float32")
    _y = _rng.normal(size=(10, 3)).astype("float32")
    ct.reseed(_seed)
    _layer = keras.layers.Dense(3, activation="tanh", kernel_regularizer=keras.regularizers.L2(_l2))
    _layer.build((None, 5))
    _w = np.asarray(_layer.kernel).copy()
    with tf.GradientTape() as _tape:
        _data_loss = keras.losses.MeanSquaredError()(_y, _layer(_x))
    _g = np.asarray(_tape.gradient(_data_loss, _layer.kernel))
    with tf.GradientTape() as _tape:
        _loss = keras.losses.MeanSquaredError()(_y, _layer(_x)) + sum(_layer.losses)
    _grads = _tape.gradient(_loss, _layer.trainable_weights)
    keras.optimizers.SGD(_lr).apply_gradients(zip(_grads, _layer.trainable_weights, strict=True))
    _got = np.asarray(sgd_l2_step(_w.copy(), _g.copy(), _lr, _l2))
    assert np.allclose(_got, np.asarray(_layer.kernel), atol=1e-5), (_lr, _l2)
assert np.allclose(sgd_l2_step(np.array([1.0, -2.0]), np.zeros(2), 0.1, 0.5), [0.9, -1.8])
assert np.allclose(sgd_l2_step(np.array([[2.0]]), np.array([[1.0]]), 0.5, 0.25), [[1.0]])
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## 2. The optimizers' `weight_decay` argument
#
# Instead of adding a penalty to the loss, you can ask the **optimizer** to shrink the
# weights. Every Keras 3 optimizer accepts a `weight_decay` argument. What it does is in
# `keras/src/optimizers/base_optimizer.py` (method `_apply_weight_decay`, and its TensorFlow
# version in `keras/src/backend/tensorflow/optimizer.py`): for every trainable variable not
# excluded (see below),
#
# ```python
# variable.assign(variable - variable * weight_decay * learning_rate)
# ```
#
# and `apply()` calls it after gradient clipping, **before** the optimizer's own update.
# Reading the source is a start; let us check it by running it. With a zero gradient the
# update does nothing, so only the decay is left: each weight should be multiplied by
# $1 - \eta\cdot\text{weight\_decay}$.

# %% [markdown] lang="fr"
# ## 2. L'argument `weight_decay` des optimiseurs
#
# Au lieu d'ajouter une pénalité à la perte, on peut demander à l'**optimiseur** de réduire
# les poids. Tout optimiseur de Keras 3 accepte un argument `weight_decay`. Ce qu'il fait se
# lit dans `keras/src/optimizers/base_optimizer.py` (méthode `_apply_weight_decay`, et sa
# version TensorFlow dans `keras/src/backend/tensorflow/optimizer.py`) : pour chaque
# variable entraînable non exclue (voir plus bas),
#
# ```python
# variable.assign(variable - variable * weight_decay * learning_rate)
# ```
#
# et `apply()` l'appelle après l'écrêtage des gradients, **avant** la mise à jour propre à
# l'optimiseur. Lire le code est un début ; vérifions-le en l'exécutant. Avec un gradient nul
# la mise à jour ne fait rien, il ne reste donc que la décroissance : chaque poids devrait
# être multiplié par $1 - \eta\cdot\text{weight\_decay}$.

# %%
w_start = np.array([1.0, -2.0, 4.0], dtype="float32")
for optimizer in [
    keras.optimizers.SGD(0.5, weight_decay=0.4),
    keras.optimizers.SGD(0.5, momentum=0.9, weight_decay=0.4),
    keras.optimizers.Adam(0.5, weight_decay=0.4),
    keras.optimizers.RMSprop(0.5, weight_decay=0.4),
    keras.optimizers.AdamW(0.5),
]:
    variable = keras.Variable(w_start)
    optimizer.apply_gradients([(np.zeros(3, dtype="float32"), variable)])
    momentum = _(en=" (momentum)", fr=" (moment)") if getattr(optimizer, "momentum", 0) else ""
    name = type(optimizer).__name__ + momentum
    print(
        f"{name:>16}: weight_decay={optimizer.weight_decay}, w/w_start =",
        (np.asarray(variable) / w_start).round(4),
    )
print(
    _(en="default weight_decay of", fr="weight_decay par défaut de"),
    {
        name: getattr(keras.optimizers, name)().weight_decay
        for name in ["SGD", "Adam", "RMSprop", "AdamW"]
    },
)
print(
    _(en="AdamW is a subclass of Adam:", fr="AdamW est une sous-classe d'Adam :"),
    issubclass(keras.optimizers.AdamW, keras.optimizers.Adam),
)

# %% [markdown] lang="en"
# Every optimizer multiplies the weights by $1 - 0.5 \times 0.4 = 0.8$: the decay is the
# same for all of them and is scaled by the **learning rate**. Only `AdamW` decays by
# default, with `weight_decay=0.004`; for the others the default is `None` (no decay).
# `AdamW` is in fact `Adam` with a different default: `Adam(weight_decay=0.01)` and
# `AdamW(weight_decay=0.01)` do exactly the same thing.
#
# Because the decay is multiplied by the learning rate, its strength is the product
# $\eta\cdot\text{weight\_decay}$: with `AdamW()`'s defaults, $0.001 \times 0.004 = 4\cdot
# 10^{-6}$ per step, so a weight that received no gradient would take about 170,000 steps to
# halve. Change the learning rate, or use a learning rate schedule (the current rate is
# used), and you change the decay as well.
#
# **Before or after the update?** With a non-zero gradient the order matters a little. If
# the decay comes first, $w \leftarrow (1-\eta d)\,w - \eta g$; if it came after the SGD step,
# $w \leftarrow (1-\eta d)(w - \eta g)$. With a large learning rate we can tell them apart:

# %% [markdown] lang="fr"
# Tous les optimiseurs multiplient les poids par $1 - 0,5 \times 0,4 = 0,8$ : la
# décroissance est la même pour tous et elle est proportionnelle au **taux
# d'apprentissage**. Seul `AdamW` applique une décroissance par défaut, avec
# `weight_decay=0.004` ; pour les autres, la valeur par défaut est `None` (pas de
# décroissance). `AdamW` n'est en fait qu'`Adam` avec une autre valeur par défaut :
# `Adam(weight_decay=0.01)` et `AdamW(weight_decay=0.01)` font exactement la même chose.
#
# Comme la décroissance est multipliée par le taux d'apprentissage, sa force est le produit
# $\eta\cdot\text{weight\_decay}$ : avec les valeurs par défaut d'`AdamW()`,
# $0,001 \times 0,004 = 4\cdot 10^{-6}$ par pas ; un poids qui ne recevrait aucun gradient
# mettrait environ 170 000 pas à diminuer de moitié. Changez le taux d'apprentissage, ou
# utilisez un calendrier de taux d'apprentissage (c'est le taux courant qui sert), et vous
# changez aussi la décroissance.
#
# **Avant ou après la mise à jour ?** Avec un gradient non nul, l'ordre compte un peu. Si
# la décroissance vient d'abord, $w \leftarrow (1-\eta d)\,w - \eta g$ ; si elle venait après
# le pas de SGD, $w \leftarrow (1-\eta d)(w - \eta g)$. Avec un grand taux d'apprentissage, on
# peut les distinguer :

# %%
grad = np.array([1.0, 1.0, -1.0], dtype="float32")
variable = keras.Variable(w_start)
keras.optimizers.SGD(0.5, weight_decay=0.4).apply_gradients([(grad, variable)])
print(_(en="Keras:        ", fr="Keras :         "), np.asarray(variable).round(4))
print(_(en="decay first:  ", fr="décroître avant :"), (0.8 * w_start - 0.5 * grad).round(4))
print(_(en="decay after:  ", fr="décroître après :"), (0.8 * (w_start - 0.5 * grad)).round(4))

# %% [markdown] lang="en"
# Keras decays first, and the gradient $g$ was computed at the weights *before* the decay.
# So for plain SGD, `weight_decay=d` gives $w - \eta\,(g + d\,w)$, which is exactly the step
# of an `L2(λ)` penalty with $d = 2\lambda$: **`SGD(weight_decay=2λ)` is `L2(λ)` on every
# weight**. Does this equivalence survive momentum, or Adam? Let us train the same layer for
# five steps with an `L2(0.05)` penalty on its kernel, and with `weight_decay=0.1` instead,
# for three optimizers (the layer has no bias, so that both versions regularize the same
# variables).

# %% [markdown] lang="fr"
# Keras applique la décroissance d'abord, et le gradient $g$ a été calculé aux poids d'*avant*
# la décroissance. Pour la SGD simple, `weight_decay=d` donne donc $w - \eta\,(g + d\,w)$,
# c'est-à-dire exactement le pas d'une pénalité `L2(λ)` avec $d = 2\lambda$ :
# **`SGD(weight_decay=2λ)` équivaut à `L2(λ)` sur tous les poids**. Cette équivalence
# résiste-t-elle au moment (*momentum*), ou à Adam ? Entraînons la même couche pendant cinq
# pas, avec une pénalité `L2(0.05)` sur son noyau, puis avec `weight_decay=0.1` à la place,
# pour trois optimiseurs (la couche n'a pas de biais, pour que les deux versions régularisent
# les mêmes variables).


# %%
def five_steps(optimizer, l2=None):
    """Kernel of a bias-free Dense layer after 5 steps on (x_small, y_small)."""
    ct.reseed()
    penalty = keras.regularizers.L2(l2) if l2 else None
    layer = keras.layers.Dense(2, use_bias=False, kernel_regularizer=penalty)
    layer.build((None, 4))
    for _step in range(5):
        with tf.GradientTape() as tape:
            loss = keras.losses.MeanSquaredError()(y_small, layer(x_small)) + sum(layer.losses)
        grads = tape.gradient(loss, layer.trainable_weights)
        optimizer.apply_gradients(zip(grads, layer.trainable_weights, strict=True))
    return np.asarray(layer.kernel)


print(f"{'':>14} | {'L2(0.05)':>8} | {'wd=0.1':>8} | {_(en='max diff.', fr='écart max'):>9}")
for label, make in [
    ("SGD", lambda **kw: keras.optimizers.SGD(0.1, **kw)),
    (
        _(en="SGD momentum", fr="SGD + moment"),
        lambda **kw: keras.optimizers.SGD(0.1, momentum=0.9, **kw),
    ),
    ("Adam", lambda **kw: keras.optimizers.Adam(0.1, **kw)),
]:
    with_l2 = five_steps(make(), l2=0.05)
    with_decay = five_steps(make(weight_decay=0.1))
    print(
        f"{label:>14} | {np.linalg.norm(with_l2):8.4f} | {np.linalg.norm(with_decay):8.4f} | "
        f"{np.abs(with_l2 - with_decay).max():9.4f}"
    )

# %% [markdown] lang="en"
# (The first two columns are the norms of the final kernels.) With plain SGD the two
# versions agree to rounding error. With momentum and with Adam they differ by several
# hundredths after only five steps. With momentum, the penalty's gradient $2\lambda w$
# enters the velocity and is accumulated over the steps, whereas the decay is applied once
# per step, outside the velocity. With Adam, the penalty's gradient is moreover rescaled
# weight by weight: section 3 explains how.
#
# **Which variables are decayed?** A `kernel_regularizer` is set layer by layer, on the
# kernel only. `weight_decay` belongs to the optimizer and applies to **every trainable
# variable** it updates: kernels, but also biases and the $\gamma$ (scale) and $\beta$
# (offset) of `BatchNormalization` (lesson 6). A common practice (in transformers, for
# instance) is to decay only the kernels: a bias or a $\beta$ does not multiply the input,
# so it adds little capacity to restrain, and pulling $\gamma$ towards 0 just shrinks the
# normalized outputs, which the next layer has to undo. The method
# `optimizer.exclude_from_weight_decay(var_names=[...])` exempts every variable whose name
# contains one of the strings (a regular-expression search), and `var_list=[...]` exempts
# given variables. Its docstring says to call it before the optimizer is built, that is,
# before the first training step (Keras 3.15 does not enforce it: a later call is accepted
# and replaces the previous exemptions). Let us apply one step of pure decay (zero gradients) to a
# small network with batch normalization, with and without exemptions. (The moving mean and
# variance of batch normalization are not trainable: no optimizer touches them.)

# %% [markdown] lang="fr"
# (Les deux premières colonnes sont les normes des noyaux finaux.) Avec la SGD simple, les
# deux versions concordent aux erreurs d'arrondi près. Avec le moment comme avec Adam, elles
# diffèrent de plusieurs centièmes après cinq pas seulement. Avec le moment, le gradient de
# la pénalité, $2\lambda w$, entre dans la vitesse et s'y accumule de pas en pas, alors que la
# décroissance est appliquée une fois par pas, hors de la vitesse. Avec Adam, le gradient de
# la pénalité est en outre remis à l'échelle poids par poids : la section 3 explique
# comment.
#
# **Quelles variables décroissent ?** Un `kernel_regularizer` se choisit couche par couche et
# ne porte que sur le noyau. `weight_decay` appartient à l'optimiseur et s'applique à **toutes
# les variables entraînables** qu'il met à jour : les noyaux, mais aussi les biais, ainsi que
# le $\gamma$ (échelle) et le $\beta$ (décalage) de `BatchNormalization` (leçon 6). Une
# pratique courante (dans les *transformers*, par exemple) consiste à ne faire décroître que
# les noyaux : un biais ou un $\beta$ ne multiplie pas l'entrée, il apporte donc peu de
# capacité à brider, et tirer $\gamma$ vers 0 ne fait que rétrécir les sorties normalisées, ce
# que la couche suivante doit compenser. La méthode
# `optimizer.exclude_from_weight_decay(var_names=[...])` exempte toute variable dont le nom
# contient l'une des chaînes (recherche par expression régulière), et `var_list=[...]`
# exempte des variables données. Sa documentation demande de l'appeler avant que
# l'optimiseur soit construit, c'est-à-dire avant le premier pas d'entraînement (Keras 3.15
# ne le vérifie pas : un appel plus tardif est accepté et remplace les exemptions
# précédentes). Appliquons un
# pas de décroissance pure (gradients nuls) à un petit réseau avec normalisation par lots,
# avec et sans exemptions. (La moyenne et la variance mobiles de la normalisation par lots ne
# sont pas entraînables : aucun optimiseur n'y touche.)


# %%
def decay_ratios(exclude=None):
    """Norm of each trainable variable after one step of pure decay, over its norm before."""
    ct.reseed()
    net = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(3, bias_initializer="ones", name="hidden"),
            keras.layers.BatchNormalization(beta_initializer="ones", name="norm"),
            keras.layers.Dense(1, bias_initializer="ones", name="output"),
        ],
        name="net",
    )
    optimizer = keras.optimizers.SGD(0.1, weight_decay=0.5)
    if exclude:
        optimizer.exclude_from_weight_decay(var_names=exclude)
    before = [np.linalg.norm(np.asarray(v)) for v in net.trainable_variables]
    optimizer.apply_gradients([(np.zeros(v.shape, "float32"), v) for v in net.trainable_variables])
    after = [np.linalg.norm(np.asarray(v)) for v in net.trainable_variables]
    return {
        v.path: round(float(a / b), 4)
        for v, a, b in zip(net.trainable_variables, after, before, strict=True)
    }


all_decayed = decay_ratios()
kernels_only = decay_ratios(exclude=["bias", "gamma", "beta"])
print(
    f"{_(en='variable', fr='variable'):<18} {_(en='no exemption', fr='sans exemption'):>14} "
    f"{_(en='with exemptions', fr='avec exemptions'):>15}"
)
for path in all_decayed:
    print(f"{path:<18} {all_decayed[path]:>14} {kernels_only[path]:>15}")

# %% [markdown] lang="en"
# Without exemptions, all six variables shrink by $1 - 0.1\times 0.5 = 0.95$; with
# `var_names=["bias", "gamma", "beta"]`, only the two kernels do. One detail measured here,
# with the TensorFlow backend: the strings are searched in the variable's full path
# (`net/hidden/kernel`), not only in its short name (`kernel`), so a layer whose name
# contains "bias" or "beta" would be exempted entirely. Name your layers accordingly, or use
# `var_list`.

# %% [markdown] lang="fr"
# Sans exemption, les six variables sont multipliées par $1 - 0,1\times 0,5 = 0,95$ ; avec
# `var_names=["bias", "gamma", "beta"]`, seuls les deux noyaux décroissent. Un détail mesuré
# ici, avec le moteur TensorFlow : les chaînes sont cherchées dans le chemin complet de la
# variable (`net/hidden/kernel`), pas seulement dans son nom court (`kernel`) ; une couche dont
# le nom contiendrait « bias » ou « beta » serait donc entièrement exemptée. Nommez vos
# couches en conséquence, ou utilisez `var_list`.

# %% [markdown] lang="en"
# ## 3. With Adam, L2 is not weight decay: AdamW
#
# Adam (Kingma and Ba, 2015) keeps, for every weight, a running mean $m$ of its gradients and
# a running mean $v$ of their squares, and moves each weight by roughly
# $\eta\, \hat m / \sqrt{\hat v}$: the step is **divided by the typical size of that weight's
# gradients**. That is the point of Adam: weights with small gradients get relatively large
# steps, weights with large gradients relatively small ones.
#
# With an L2 penalty, the penalty's gradient $2\lambda w$ is added to $g$ *before* Adam
# sees it, so it is divided by $\sqrt{\hat v}$ like the rest. The extreme case shows it best:
# a loss made of the penalty only. Its gradient is $2\lambda w$, and Adam's first step is,
# up to its tiny $\varepsilon$, $\eta\, g/\lvert g\rvert$: every weight moves by about
# $\eta$, **whatever $\lambda$ is**. Decoupled weight decay (`AdamW`) instead multiplies the
# weights by $1 - \eta\lambda'$ outside Adam's normalization (here $\lambda' = 2\lambda$,
# the SGD-equivalent value).

# %% [markdown] lang="fr"
# ## 3. Avec Adam, L2 n'est pas une décroissance des poids : AdamW
#
# Adam (Kingma et Ba, 2015) tient à jour, pour chaque poids, une moyenne glissante $m$ de ses
# gradients et une moyenne glissante $v$ de leurs carrés, et déplace chaque poids d'environ
# $\eta\, \hat m / \sqrt{\hat v}$ : le pas est **divisé par la taille typique des gradients
# de ce poids**. C'est tout l'intérêt d'Adam : les poids à petits gradients font des pas
# relativement grands, ceux à grands gradients des pas relativement petits.
#
# Avec une pénalité L2, le gradient de la pénalité, $2\lambda w$, est ajouté à $g$ *avant*
# qu'Adam ne le voie ; il est donc divisé par $\sqrt{\hat v}$ comme le reste. Le cas extrême
# le montre le mieux : une perte réduite à la seule pénalité. Son gradient vaut $2\lambda w$,
# et le premier pas d'Adam vaut, à son minuscule $\varepsilon$ près,
# $\eta\, g/\lvert g\rvert$ : chaque poids bouge d'environ $\eta$, **quel que soit
# $\lambda$**. La décroissance des poids découplée (`AdamW`), elle, multiplie les poids par
# $1 - \eta\lambda'$ en dehors de la normalisation d'Adam (ici $\lambda' = 2\lambda$, la
# valeur équivalente pour la SGD).


# %%
def moves(after):
    """How far each weight of w_start moved, as text: w_start - w_new."""
    return " ".join(f"{value:+.5f}" for value in w_start - np.asarray(after))


print(_(en="w_start =", fr="w_start ="), w_start)
print(
    f"{'λ':>7} | {_(en='Adam + L2(λ): w_start - w_new', fr='Adam + L2(λ) : w_start - w_nouv.'):>32} | "
    f"{_(en='AdamW(2λ): w_start - w_new', fr='AdamW(2λ) : w_start - w_nouv.'):>30}"
)
for l2 in [1e-4, 1e-2, 1.0]:
    with_l2 = keras.Variable(w_start)
    with tf.GradientTape() as tape:
        penalty = keras.regularizers.L2(l2)(with_l2)
    keras.optimizers.Adam(0.1).apply_gradients([(tape.gradient(penalty, with_l2), with_l2)])
    decoupled = keras.Variable(w_start)
    optimizer = keras.optimizers.AdamW(0.1, weight_decay=2 * l2)
    optimizer.apply_gradients([(np.zeros(3, dtype="float32"), decoupled)])
    print(f"{l2:>7} | {moves(with_l2):>32} | {moves(decoupled):>30}")

# %% [markdown] lang="en"
# With Adam + L2, the first step moves each weight by about 0.1 towards 0 for
# $\lambda = 10^{-4}$ as for $\lambda = 1$, and the large weight 4 moves no more than the small weight 1. The
# decoupled decay is proportional to $\lambda$ and to each weight, as a decay should be.
#
# Why 0.09844 and not 0.1 in the first row? Keras adds $\varepsilon$ to $\sqrt v$, not to
# $\sqrt{\hat v}$ (`keras/src/optimizers/adam.py`, `update_step`: `m * alpha / (sqrt(v) +
# epsilon)` with `alpha = lr * sqrt(1 - beta_2**t) / (1 - beta_1**t)`). At the first step,
# $m = 0.1\,g$ and $\sqrt v = \sqrt{0.001}\,\lvert g\rvert$, so the move is
# $\eta\,\lvert g\rvert/(\lvert g\rvert + \varepsilon/\sqrt{0.001})$. For the weight 1 with
# $\lambda = 10^{-4}$, $g = 2\cdot 10^{-4}$:
# $0.1 \times 2\cdot 10^{-4}/(2\cdot 10^{-4} + 10^{-7}/\sqrt{0.001}) = 0.09844$. The weights
# −2 and 4 have larger gradients, hence −0.09922 and +0.09961 in the table, and with
# $\lambda = 10^{-2}$ the effect of $\varepsilon$ almost disappears (0.09998 to 0.10000).
#
# In general both the data gradient and the penalty are in $g$, and Adam divides their sum
# by $\sqrt{\hat v}$: the effective decay of a weight is about $2\eta\lambda/\sqrt{\hat v}$.
# Weights with **large** gradients are decayed **less** than intended, weights with small
# gradients **more**. Loshchilov and Hutter ("Decoupled Weight Decay Regularization", 2019)
# argued that this is why Adam + L2 often regularizes worse than SGD + L2, and proposed AdamW,
# which takes the decay out of Adam's gradient. Keras implements it as follows, with $\eta$
# its learning rate and $d$ its `weight_decay`:
#
# $$w \leftarrow w - \eta\, d\, w \quad\text{(decay, outside Adam)}, \qquad
# m \leftarrow \beta_1 m + (1-\beta_1)\,g, \quad v \leftarrow \beta_2 v + (1-\beta_2)\,g^2,$$
# $$\hat m = \frac{m}{1-\beta_1^t}, \quad \hat v = \frac{v}{1-\beta_2^t}, \qquad
# w \leftarrow w - \eta\,\frac{\hat m}{\sqrt{\hat v} + \varepsilon},$$
#
# where $t = 1, 2, \dots$ counts the steps, $m$ and $v$ start at 0, and the divisions by
# $1-\beta^t$ are the **bias corrections** that compensate for this start at 0. Keras'
# defaults are $\beta_1 = 0.9$, $\beta_2 = 0.999$, $\varepsilon = 10^{-7}$. (Keras writes the
# last line $w - \eta\sqrt{1-\beta_2^t}/(1-\beta_1^t)\cdot m/(\sqrt v + \varepsilon)$: its
# $\varepsilon$ is on $\sqrt v$, which amounts to $\varepsilon/\sqrt{1-\beta_2^t}$ on
# $\sqrt{\hat v}$. This is what gave 0.09844 above, where the gradients were tiny; with the
# gradients of the exercise's tests, 0.2 to 1.5 in size, the formula above ($\varepsilon$ on
# $\sqrt{\hat v}$) matches Keras within the tests' tolerance of $10^{-4}$.)
#
# **The paper's $\lambda$ is not Keras' `weight_decay`.** In the paper (Algorithm 2) the step
# is $w \leftarrow w - \eta_t\,\big(\alpha\,\hat m/(\sqrt{\hat v} + \varepsilon) + \lambda
# w\big)$, where $\alpha$ is Adam's learning rate and $\eta_t$ a *schedule multiplier*
# (1 without a schedule): the decay per step is $\eta_t\lambda w$, it is **not** multiplied
# by $\alpha$. Keras multiplies `weight_decay` by the learning rate
# (`variable - variable * wd * lr` in `_apply_weight_decay`,
# `keras/src/optimizers/base_optimizer.py`), and that learning rate plays the role of
# $\alpha\eta_t$. A $\lambda$ taken from the paper is therefore `weight_decay = λ / α` in
# Keras, not `weight_decay = λ`. The paper also found that the best $\lambda$ depends on the
# length of training, and proposed (appendix B.1) a *normalized* weight decay,
# $\lambda = \lambda_{\text{norm}}\sqrt{b/(BT)}$, with $b$ the batch size, $B$ the number of
# training examples and $T$ the number of epochs; $BT/b$ is the number of updates. So a good
# decay value for Adam depends on the number of updates: the longer the training, the
# smaller it should be, and a value tuned for one batch size and number of epochs does not
# carry over to another.
#
# ### Exercise 2 — one AdamW step (3 points)
#
# Write `adamw_step(w, grad, m, v, t, lr, weight_decay, beta_1=0.9, beta_2=0.999,
# epsilon=1e-7)` that performs step number `t` (counted from 1) of AdamW as Keras does it,
# and returns the tuple `(new_w, new_m, new_v)`. `grad` is the data gradient computed at
# `w`; `m` and `v` are the moment estimates returned by the previous step (zeros before the
# first step). Use NumPy only, and do not modify the arrays you receive.

# %% [markdown] lang="fr"
# Avec Adam + L2, le premier pas rapproche chaque poids de 0 d'environ 0,1 pour
# $\lambda = 10^{-4}$ comme pour $\lambda = 1$, et le grand poids 4 ne bouge pas plus que le petit poids 1. La
# décroissance découplée est proportionnelle à $\lambda$ et à chaque poids, comme doit l'être
# une décroissance.
#
# Pourquoi 0,09844 et non 0,1 à la première ligne ? Keras ajoute $\varepsilon$ à
# $\sqrt v$, et non à $\sqrt{\hat v}$ (`keras/src/optimizers/adam.py`, `update_step` :
# `m * alpha / (sqrt(v) + epsilon)` avec `alpha = lr * sqrt(1 - beta_2**t) / (1 - beta_1**t)`).
# Au premier pas, $m = 0,1\,g$ et $\sqrt v = \sqrt{0,001}\,\lvert g\rvert$ : le déplacement
# vaut $\eta\,\lvert g\rvert/(\lvert g\rvert + \varepsilon/\sqrt{0,001})$. Pour le poids 1 avec
# $\lambda = 10^{-4}$, $g = 2\cdot 10^{-4}$ :
# $0,1 \times 2\cdot 10^{-4}/(2\cdot 10^{-4} + 10^{-7}/\sqrt{0,001}) = 0,09844$. Les poids
# −2 et 4 ont des gradients plus grands, d'où −0,09922 et +0,09961 dans le tableau, et
# avec $\lambda = 10^{-2}$ l'effet de $\varepsilon$ disparaît presque (0,09998 à 0,10000).
#
# En général, le gradient des données et celui de la pénalité sont tous deux dans $g$, et
# Adam divise leur somme par $\sqrt{\hat v}$ : la décroissance effective d'un poids vaut
# environ $2\eta\lambda/\sqrt{\hat v}$. Les poids à **grands** gradients décroissent
# **moins** que prévu, ceux à petits gradients **plus**. Loshchilov et Hutter (« Decoupled
# Weight Decay Regularization », 2019) y ont vu la raison pour laquelle Adam + L2 régularise
# souvent moins bien que SGD + L2, et ont proposé AdamW, qui sort la décroissance du gradient
# d'Adam. Keras l'implémente ainsi, avec $\eta$ son taux d'apprentissage et $d$ son
# `weight_decay` :
#
# $$w \leftarrow w - \eta\, d\, w \quad\text{(décroissance, hors d'Adam)}, \qquad
# m \leftarrow \beta_1 m + (1-\beta_1)\,g, \quad v \leftarrow \beta_2 v + (1-\beta_2)\,g^2,$$
# $$\hat m = \frac{m}{1-\beta_1^t}, \quad \hat v = \frac{v}{1-\beta_2^t}, \qquad
# w \leftarrow w - \eta\,\frac{\hat m}{\sqrt{\hat v} + \varepsilon},$$
#
# où $t = 1, 2, \dots$ compte les pas, $m$ et $v$ partent de 0, et les divisions par
# $1-\beta^t$ sont les **corrections de biais** qui compensent ce départ à 0. Les valeurs par
# défaut de Keras sont $\beta_1 = 0,9$, $\beta_2 = 0,999$ et $\varepsilon = 10^{-7}$. (Keras
# écrit la dernière ligne $w - \eta\sqrt{1-\beta_2^t}/(1-\beta_1^t)\cdot m/(\sqrt v +
# \varepsilon)$ : son $\varepsilon$ porte sur $\sqrt v$, ce qui revient à
# $\varepsilon/\sqrt{1-\beta_2^t}$ sur $\sqrt{\hat v}$. C'est ce qui a donné 0,09844
# ci-dessus, où les gradients étaient minuscules ; avec les gradients des tests de
# l'exercice, de taille 0,2 à 1,5, la formule ci-dessus ($\varepsilon$ sur $\sqrt{\hat v}$)
# s'écarte de Keras de moins que la tolérance des tests, $10^{-4}$.)
#
# **Le $\lambda$ de l'article n'est pas le `weight_decay` de Keras.** Dans l'article
# (algorithme 2), le pas est $w \leftarrow w - \eta_t\,\big(\alpha\,\hat m/(\sqrt{\hat v} +
# \varepsilon) + \lambda w\big)$, où $\alpha$ est le taux d'apprentissage d'Adam et $\eta_t$
# un *multiplicateur de calendrier* (*schedule multiplier*, 1 sans calendrier) : la
# décroissance par pas vaut $\eta_t\lambda w$, elle n'est **pas** multipliée par $\alpha$.
# Keras multiplie `weight_decay` par le taux d'apprentissage
# (`variable - variable * wd * lr` dans `_apply_weight_decay`,
# `keras/src/optimizers/base_optimizer.py`), et ce taux joue le rôle de $\alpha\eta_t$. Un
# $\lambda$ repris de l'article correspond donc à `weight_decay = λ / α` dans Keras, et non à
# `weight_decay = λ`. L'article constate aussi que le meilleur $\lambda$ dépend de la durée
# de l'entraînement, et propose (annexe B.1) une décroissance *normalisée*,
# $\lambda = \lambda_{\text{norm}}\sqrt{b/(BT)}$, où $b$ est la taille du lot, $B$ le nombre
# d'exemples d'entraînement et $T$ le nombre d'époques ; $BT/b$ est le nombre de mises à
# jour. Une bonne valeur de décroissance pour Adam dépend donc du nombre de mises à jour :
# plus l'entraînement est long, plus elle doit être petite, et une valeur réglée pour une
# taille de lot et un nombre d'époques ne se transpose pas telle quelle à d'autres.
#
# ### Exercice 2 — un pas d'AdamW (3 points)
#
# Écrivez `adamw_step(w, grad, m, v, t, lr, weight_decay, beta_1=0.9, beta_2=0.999,
# epsilon=1e-7)` qui effectue le pas numéro `t` (compté à partir de 1) d'AdamW comme le fait
# Keras, et renvoie le triplet `(new_w, new_m, new_v)`. `grad` est le gradient des données
# calculé en `w` ; `m` et `v` sont les estimations des moments renvoyées par le pas précédent
# (des zéros avant le premier pas). N'utilisez que NumPy, et ne modifiez pas les tableaux
# reçus.


# %% nbgrader="solution" grade_id="adamw_step"
def adamw_step(w, grad, m, v, t, lr, weight_decay, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    ### BEGIN SOLUTION
    w = np.asarray(w, dtype="float64")
    grad = np.asarray(grad, dtype="float64")
    w = w - lr * weight_decay * w
    m = beta_1 * np.asarray(m) + (1 - beta_1) * grad
    v = beta_2 * np.asarray(v) + (1 - beta_2) * grad**2
    m_hat = m / (1 - beta_1**t)
    v_hat = v / (1 - beta_2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + epsilon), m, v
    ### END SOLUTION


# %% nbgrader="tests" grade_id="adamw_step_tests" points=3
# Visible tests: run this cell to check your function.
_w0 = np.array([1.0, -2.0, 0.5, 3.0], dtype="float32")
_rng = np.random.default_rng(7)  # gradients of size 0.2 to 1.5, either sign
_grads = (_rng.choice([-1, 1], (3, 4)) * _rng.uniform(0.2, 1.5, (3, 4))).astype("float32")
_lr, _wd = 0.1, 0.5


def _keras_run(optimizer, grads, decay_after=0.0):
    """Weights after each step of a Keras optimizer (optionally decayed after the update)."""
    variable = keras.Variable(_w0)
    out = []
    for g in grads:
        optimizer.apply_gradients([(g, variable)])
        if decay_after:
            variable.assign(variable * (1 - decay_after))
        out.append(np.asarray(variable).copy())
    return out


_expected = _keras_run(keras.optimizers.AdamW(_lr, weight_decay=_wd), _grads)
_w, _m, _v = _w0.copy(), np.zeros(4), np.zeros(4)
_got = []
for _t, _g in enumerate(_grads, start=1):
    _inputs = [_w.copy(), _g.copy(), _m.copy(), _v.copy()]
    _result = adamw_step(*_inputs, _t, _lr, _wd)
    assert isinstance(_result, tuple) and len(_result) == 3, _(
        en="adamw_step must return the tuple (new_w, new_m, new_v).",
        fr="adamw_step doit renvoyer le triplet (new_w, new_m, new_v).",
    )
    assert not ct.changed_arguments("adamw_step", *_inputs, _t, _lr, _wd), _(
        en="Do not modify the arrays you receive (w -= ... changes the caller's array): "
        "compute new ones.",
        fr="Ne modifiez pas les tableaux reçus (w -= ... change le tableau de l'appelant) : "
        "calculez-en de nouveaux.",
    )
    _w, _m, _v = (np.asarray(_a, dtype="float64") for _a in _result)
    _got.append(_w.copy())
assert _got[0].shape == _w0.shape, _(
    en=f"new_w must have the shape of w, {_w0.shape}, not {_got[0].shape}.",
    fr=f"new_w doit avoir la forme de w, {_w0.shape}, et non {_got[0].shape}.",
)
_adam_l2 = {
    _c: _keras_run(
        keras.optimizers.Adam(_lr),
        [_g + _c * _wd * _w0 for _g in _grads[:1]],
    )[0]
    for _c in (1, 2)
}
if any(np.allclose(_got[0], _a, atol=1e-4) for _a in _adam_l2.values()):
    raise AssertionError(
        _(
            en="You added the decay to the gradient: that is Adam + L2, not AdamW. Decay the "
            "weights directly, w - lr·weight_decay·w, outside Adam's m and v.",
            fr="Vous avez ajouté la décroissance au gradient : c'est Adam + L2, pas AdamW. "
            "Faites décroître les poids directement, w - lr·weight_decay·w, en dehors des m et v d'Adam.",
        )
    )
_first_move = np.abs(_got[0] - (1 - _lr * _wd) * _w0) / _lr
if np.allclose(_first_move, _first_move.mean(), rtol=0.01) and not (0.5 < _first_move.mean() < 1.5):
    raise AssertionError(
        _(
            en=f"Apart from the decay, Adam's first step moves every weight by lr, but yours "
            f"moves them by {_first_move.mean():.3f}·lr: a bias correction is missing "
            "(m / (1 - beta_1**t) and v / (1 - beta_2**t)), or t does not start at 1.",
            fr=f"En dehors de la décroissance, le premier pas d'Adam déplace chaque poids de lr, "
            f"mais le vôtre les déplace de {_first_move.mean():.3f}·lr : il manque une correction "
            "de biais (m / (1 - beta_1**t) et v / (1 - beta_2**t)), ou t ne commence pas à 1.",
        )
    )
_after = _keras_run(keras.optimizers.Adam(_lr), _grads, decay_after=_lr * _wd)
if np.allclose(_got[-1], _after[-1], atol=1e-4):
    raise AssertionError(
        _(
            en="You decay the weights after Adam's update; Keras decays them before (section 2). "
            "With lr=0.1 and weight_decay=0.5 the difference is visible.",
            fr="Vous faites décroître les poids après la mise à jour d'Adam ; Keras le fait avant "
            "(section 2). Avec lr=0.1 et weight_decay=0.5, la différence se voit.",
        )
    )
_no_lr = _keras_run(keras.optimizers.Adam(_lr), _grads[:1])[0] - _wd * _w0
if np.allclose(_got[0], _no_lr, atol=1e-4):
    raise AssertionError(
        _(
            en="The decay must be multiplied by the learning rate: w - lr·weight_decay·w.",
            fr="La décroissance doit être multipliée par le taux d'apprentissage : w - lr·weight_decay·w.",
        )
    )
assert np.allclose(_got[0], _expected[0], atol=1e-4), _(
    en="Your first step differs from Keras' AdamW.",
    fr="Votre premier pas diffère de celui de l'AdamW de Keras.",
)
assert np.allclose(_got[-1], _expected[-1], atol=1e-4), _(
    en="Your first step is right, but not the third: check how m and v are updated and "
    "returned, and the bias corrections with t.",
    fr="Votre premier pas est juste, mais pas le troisième : vérifiez la mise à jour de m et "
    "de v, ce que vous renvoyez, et les corrections de biais avec t.",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
for _lr, _wd, _b1, _b2 in [(0.01, 0.1, 0.9, 0.999), (0.05, 0.2, 0.8, 0.99)]:
    _rng = np.random.default_rng(ct.fresh_seed())
    _w0 = _rng.normal(size=(3, 2)).astype("float32")
    _grads = (_rng.choice([-1, 1], (6, 3, 2)) * _rng.uniform(0.2, 1.5, (6, 3, 2))).astype("float32")
    _opt = keras.optimizers.AdamW(_lr, weight_decay=_wd, beta_1=_b1, beta_2=_b2)
    _expected = _keras_run(_opt, _grads)
    _w, _m, _v = _w0.copy(), np.zeros((3, 2)), np.zeros((3, 2))
    _m_ref, _v_ref = np.zeros((3, 2)), np.zeros((3, 2))
    for _t, _g in enumerate(_grads, start=1):
        _w, _m, _v = adamw_step(_w, _g, _m, _v, _t, _lr, _wd, beta_1=_b1, beta_2=_b2)
        _m_ref = _b1 * _m_ref + (1 - _b1) * _g
        _v_ref = _b2 * _v_ref + (1 - _b2) * _g.astype("float64") ** 2
        assert np.allclose(_w, _expected[_t - 1], atol=1e-4), (_lr, _t)
        assert np.allclose(_m, _m_ref, atol=1e-6) and np.allclose(_v, _v_ref, atol=1e-6), _t
_w, _m, _v = adamw_step(np.array([2.0]), np.array([0.0]), np.zeros(1), np.zeros(1), 1, 0.1, 0.5)
assert np.allclose(_w, [1.9]), _w
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## 4. Adam + L2 versus AdamW on the digits
#
# What does the difference do in a real training run? We train a small network (64 pixels,
# 32 ReLU units, 10 classes) on the digits with Adam ($\eta = 0.01$) for 10 epochs, three
# times: without regularization, with `L2(0.001)` on both kernels, and with
# `AdamW(weight_decay=0.5)`, biases exempted. (Weight decay values for AdamW are much larger
# than L2 factors, because the decay per step is only $\eta\,d = 0.005$.) A callback records
# the norm of the first kernel after every epoch.

# %% [markdown] lang="fr"
# ## 4. Adam + L2 face à AdamW sur les chiffres
#
# Que change cette différence dans un vrai entraînement ? Nous entraînons un petit réseau
# (64 pixels, 32 unités ReLU, 10 classes) sur les chiffres avec Adam ($\eta = 0,01$) pendant
# 10 époques, trois fois : sans régularisation, avec `L2(0.001)` sur les deux noyaux, et avec
# `AdamW(weight_decay=0.5)`, biais exemptés. (Les valeurs de décroissance des poids d'AdamW
# sont bien plus grandes que les coefficients de L2, car la décroissance par pas ne vaut que
# $\eta\,d = 0,005$.) Une fonction de rappel (*callback*) enregistre la norme du premier noyau
# après chaque époque.

# %%
x_train, y_train, x_val, y_val = ct.load_digits_split()


class KernelNorm(keras.callbacks.Callback):
    """Norm of the first layer's kernel before training and after every epoch."""

    def on_train_begin(self, logs=None):
        self.norms = [self.norm()]

    def on_epoch_end(self, epoch, logs=None):
        self.norms.append(self.norm())

    def norm(self):
        return float(np.linalg.norm(np.asarray(self.model.layers[0].kernel)))


def train_digits(optimizer, l2=None):
    ct.reseed()
    penalty = keras.regularizers.L2(l2) if l2 else None
    net = keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(32, activation="relu", kernel_regularizer=penalty),
            keras.layers.Dense(10, activation="softmax", kernel_regularizer=penalty),
        ]
    )
    net.compile(optimizer, loss="sparse_categorical_crossentropy")
    norms = KernelNorm()
    net.fit(x_train, y_train, batch_size=100, epochs=10, verbose=0, callbacks=[norms])
    accuracy = float(np.mean(np.argmax(net(x_val), axis=1) == y_val))
    return norms.norms, accuracy, np.asarray(net.layers[0].kernel)


adamw = keras.optimizers.AdamW(0.01, weight_decay=0.5)
adamw.exclude_from_weight_decay(var_names=["bias"])
runs = {
    _(en="Adam, no penalty", fr="Adam, sans pénalité"): train_digits(keras.optimizers.Adam(0.01)),
    "Adam + L2(0.001)": train_digits(keras.optimizers.Adam(0.01), l2=0.001),
    "AdamW(0.5)": train_digits(adamw),
}
for name, (norms, accuracy, _kernel) in runs.items():
    print(
        f"{name:>20}: {_(en='kernel norm', fr='norme du noyau')} {norms[0]:.3f} -> "
        f"{norms[-1]:.3f}, {_(en='validation accuracy', fr='exactitude de validation')} "
        f"{accuracy:.4f}"
    )

# %% [markdown] lang="en"
# Both regularized runs end with a clearly smaller kernel than the unregularized one, and
# the three accuracies are close on this small problem. But *which*
# weights did they shrink? Each row of the first kernel belongs to one pixel. Some pixels
# are almost always blank (the border of the 8×8 images): their data gradient is tiny, so
# Adam's $\sqrt{\hat v}$ is tiny too. Others are inked in most images. We group the pixels by
# their mean intensity over the training set and, for each group, divide the mean norm of the
# rows by that of the unregularized run.

# %% [markdown] lang="fr"
# Les deux entraînements régularisés finissent avec un noyau nettement plus petit que sans
# régularisation, et les trois exactitudes sont proches sur ce petit problème. Mais *quels*
# poids ont-elles réduits ? Chaque ligne du premier noyau correspond à un pixel.
# Certains pixels sont presque toujours blancs (le bord des images 8×8) : leur gradient venu
# des données est minuscule, et le $\sqrt{\hat v}$ d'Adam l'est aussi. D'autres sont encrés
# dans la plupart des images. Nous regroupons les pixels selon leur intensité moyenne sur le
# jeu d'entraînement et, pour chaque groupe, divisons la norme moyenne des lignes par celle
# obtenue sans régularisation.

# %%
intensity = x_train.mean(axis=0)
groups = {
    _(en="blank (< 0.05)", fr="blancs (< 0,05)"): intensity < 0.05,
    _(en="faint (0.05-0.3)", fr="pâles (0,05-0,3)"): (intensity >= 0.05) & (intensity < 0.3),
    _(en="inked (>= 0.3)", fr="encrés (>= 0,3)"): intensity >= 0.3,
}
row_norms = {name: np.linalg.norm(kernel, axis=1) for name, (_n, _a, kernel) in runs.items()}
reference, with_l2, with_adamw = row_norms.values()
shrink = {
    label: [float(rows[mask].mean() / reference[mask].mean()) for mask in groups.values()]
    for label, rows in [("Adam + L2(0.001)", with_l2), ("AdamW(0.5)", with_adamw)]
}
print(f"{'':>18} " + " ".join(f"{label:>18}" for label in groups))
print(
    f"{_(en='pixels', fr='pixels'):>18} " + " ".join(f"{int(m.sum()):>18}" for m in groups.values())
)
for label, ratios in shrink.items():
    print(f"{label:>18} " + " ".join(f"{r:>18.3f}" for r in ratios))

fig, axes = plt.subplots(1, 2, figsize=(10, 3.6))
for name, (norms, _a, _k) in runs.items():
    axes[0].plot(range(len(norms)), norms, label=name)
axes[0].set_xlabel(_(en="epoch", fr="époque"))
axes[0].set_ylabel(_(en="norm of the first kernel", fr="norme du premier noyau"))
axes[0].set_title(_(en="Size of the weights", fr="Taille des poids"))
axes[0].legend(fontsize="small")
positions = np.arange(len(groups))
for offset, color, (label, ratios) in zip((-0.2, 0.2), ("C1", "C2"), shrink.items(), strict=True):
    axes[1].bar(positions + offset, ratios, width=0.4, color=color, label=label)
axes[1].set_xticks(positions, list(groups), fontsize="small")
axes[1].set_ylabel(_(en="row norm / unregularized", fr="norme des lignes / sans régul."))
axes[1].set_title(_(en="Shrinkage by pixel group", fr="Réduction par groupe de pixels"))
axes[1].legend(fontsize="small")
fig.tight_layout()
plt.show()

# %% [markdown] lang="en"
# The two regularizers do not shrink the same weights. Adam + L2 leaves the weights of the
# blank pixels at about 15 % of their unregularized size, but those of the inked pixels at
# about 90 %; its curve even dips during the first epoch, while the blank pixels' weights
# are pushed towards 0. AdamW leaves every group between 75 and 81 % (0.747 to 0.810).
# The same decay for every weight, whatever its gradients: that is what "decoupled" means,
# and what an L2 penalty gives with SGD.
#
# ### Written question (2 points, graded by hand)
#
# Explain, using the table above and the formula of Adam's step, why Adam + L2 shrinks the
# weights of rarely used inputs much more than those of frequently used inputs, while AdamW
# shrinks them by about the same factor. What would SGD + L2 do, and why does decoupling the
# decay matter for adaptive optimizers only?

# %% [markdown] lang="fr"
# Les deux régularisations ne réduisent pas les mêmes poids. Adam + L2 laisse les poids des
# pixels blancs à environ 15 % de leur taille sans régularisation, mais ceux des pixels
# encrés à environ 90 % ; sa courbe plonge même pendant la première époque, le temps que les
# poids des pixels blancs soient poussés vers 0. AdamW laisse chaque groupe entre 75 et 81 %
# (0,747 à 0,810). La même décroissance pour chaque poids, quels que soient ses gradients :
# c'est le sens de « découplée », et c'est ce que donne une pénalité L2 avec la SGD.
#
# ### Question rédigée (2 points, corrigée à la main)
#
# À l'aide du tableau ci-dessus et de la formule du pas d'Adam, expliquez pourquoi Adam + L2
# réduit beaucoup plus les poids des entrées rarement utilisées que ceux des entrées
# souvent utilisées, alors qu'AdamW les réduit d'un facteur à peu près identique. Que ferait
# SGD + L2, et pourquoi découpler la décroissance n'importe-t-il que pour les optimiseurs
# adaptatifs ?

# %% [markdown] lang="en" nbgrader="manual" grade_id="why_decouple" points=2
# Adam moves each weight by about $\eta\,\hat m/\sqrt{\hat v}$, where $\hat v$ is the running
# mean of that weight's squared gradients. With L2, the penalty's gradient $2\lambda w$ is
# part of $g$, so the decay is divided by $\sqrt{\hat v}$ too: it is about
# $2\eta\lambda w/\sqrt{\hat v}$. A blank pixel gets almost no data gradient, so $\hat v$ is
# tiny and the penalty alone drives a step of about $\eta$ towards 0 at every step: its
# weights fall to about 15 % of their unregularized size. An inked pixel has large
# gradients, so the same penalty is divided by a large $\sqrt{\hat v}$ and barely acts (about
# 90 % left). AdamW applies $w \leftarrow w - \eta d w$ outside $m$ and $v$, a decay
# proportional to the weight and identical for all weights, hence about the same ratio
# (0.747 to 0.810) in every group. With SGD there is no per-weight normalization: the L2
# step is $w - \eta(g + 2\lambda w)$, which is exactly a decay by $2\eta\lambda w$ for every weight,
# so L2 and weight decay coincide (`SGD(weight_decay=2λ)` = `L2(λ)`). Only when the
# optimizer rescales each gradient (Adam, RMSprop, Adagrad…) does adding the penalty to the
# gradient distort it, which is why decoupling matters there.

# %% [markdown] lang="fr" nbgrader="manual" grade_id="why_decouple" points=2
# Adam déplace chaque poids d'environ $\eta\,\hat m/\sqrt{\hat v}$, où $\hat v$ est la moyenne
# glissante des carrés des gradients de ce poids. Avec L2, le gradient de la pénalité,
# $2\lambda w$, fait partie de $g$ : la décroissance est donc elle aussi divisée par
# $\sqrt{\hat v}$ et vaut environ $2\eta\lambda w/\sqrt{\hat v}$. Un pixel blanc ne reçoit
# presque aucun gradient des données : son $\hat v$ est minuscule et la pénalité seule
# provoque à chaque pas un déplacement d'environ $\eta$ vers 0 ; ses poids tombent à environ
# 15 % de leur taille sans régularisation. Un pixel encré a de grands gradients : la même
# pénalité est divisée par un grand $\sqrt{\hat v}$ et n'agit presque plus (il reste environ
# 90 %). AdamW applique $w \leftarrow w - \eta d w$ en dehors de $m$ et de $v$ : une
# décroissance proportionnelle au poids et identique pour tous, d'où un rapport à peu près
# égal (0,747 à 0,810) dans chaque groupe. Avec la SGD, il n'y a pas de normalisation par poids :
# le pas avec L2 vaut $w - \eta(g + 2\lambda w)$, soit exactement une décroissance de
# $2\eta\lambda w$ pour chaque poids ; L2 et décroissance des poids coïncident
# (`SGD(weight_decay=2λ)` = `L2(λ)`). Ce n'est que lorsque l'optimiseur remet chaque gradient à
# l'échelle (Adam, RMSprop, Adagrad…) qu'ajouter la pénalité au gradient la déforme ; c'est
# pourquoi le découplage compte dans ce cas.

# %% [markdown] lang="en"
# ## Key points
# - With plain SGD, Keras' `L2(λ)` (no $\tfrac12$) gives the step
#   $w - \eta(g + 2\lambda w)$: a decay of $2\eta\lambda w$ plus the usual gradient step.
# - Every Keras 3 optimizer takes `weight_decay=d`: before its update, it multiplies each
#   trainable variable by $1 - \eta d$ (the current learning rate). Only `AdamW` decays by
#   default (`0.004`); `AdamW` is `Adam` with that default.
# - `SGD(weight_decay=2λ)` equals `L2(λ)` on every weight; with momentum the two already
#   differ, and with Adam they are different algorithms.
# - `weight_decay` applies to all trainable variables, biases and batch normalization's
#   $\gamma$, $\beta$ included; exempt them with
#   `optimizer.exclude_from_weight_decay(var_names=["bias", "gamma", "beta"])` before
#   training (names are searched in the full variable path with TensorFlow).
# - Adam divides the penalty's gradient by $\sqrt{\hat v}$, so Adam + L2 decays weights with
#   small gradients strongly and those with large gradients hardly at all. AdamW decouples
#   the decay from the gradient: every weight decays at the same rate $\eta d$.
# - Keras multiplies `weight_decay` by the learning rate; the $\lambda$ of Loshchilov and
#   Hutter is not multiplied by Adam's learning rate $\alpha$, so it corresponds to
#   `weight_decay = λ / α`. A good decay value depends on the number of updates (the paper's
#   normalized weight decay).
#
# Next lesson: dropout.

# %% [markdown] lang="fr"
# ## À retenir
# - Avec la SGD simple, le `L2(λ)` de Keras (sans $\tfrac12$) donne le pas
#   $w - \eta(g + 2\lambda w)$ : une décroissance de $2\eta\lambda w$ plus le pas de gradient
#   habituel.
# - Tout optimiseur de Keras 3 accepte `weight_decay=d` : avant sa mise à jour, il multiplie
#   chaque variable entraînable par $1 - \eta d$ (avec le taux d'apprentissage courant). Seul
#   `AdamW` applique une décroissance par défaut (`0.004`) ; `AdamW` est `Adam` avec cette
#   valeur par défaut.
# - `SGD(weight_decay=2λ)` équivaut à `L2(λ)` sur tous les poids ; avec le moment, les deux
#   diffèrent déjà, et avec Adam ce sont deux algorithmes différents.
# - `weight_decay` s'applique à toutes les variables entraînables, biais et $\gamma$, $\beta$
#   de la normalisation par lots compris ; exemptez-les avec
#   `optimizer.exclude_from_weight_decay(var_names=["bias", "gamma", "beta"])` avant
#   l'entraînement (avec TensorFlow, les noms sont cherchés dans le chemin complet de la
#   variable).
# - Adam divise le gradient de la pénalité par $\sqrt{\hat v}$ : Adam + L2 fait fortement
#   décroître les poids à petits gradients et presque pas ceux à grands gradients. AdamW
#   découple la décroissance du gradient : chaque poids décroît au même rythme $\eta d$.
# - Keras multiplie `weight_decay` par le taux d'apprentissage ; le $\lambda$ de Loshchilov
#   et Hutter n'est pas multiplié par le taux d'apprentissage $\alpha$ d'Adam, il correspond
#   donc à `weight_decay = λ / α`. Une bonne valeur de décroissance dépend du nombre de mises
#   à jour (la décroissance normalisée de l'article).
#
# Leçon suivante : le dropout (abandon).
