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
# get the factor 2 right; (2) say exactly what the `weight_decay` argument of Keras'
# optimizers does, to which variables, and how to exempt some of them; (3) explain, with
# numbers, why an L2 penalty and weight decay are **no longer** the same thing with Adam,
# and implement one step of AdamW, the optimizer that fixes this; (4) predict from the
# theory what AdamW does to weights that get no gradient, and find a decay applied twice.

# %% [markdown] lang="fr"
# # Leçon 3 — Décroissance des poids : pénalité L2, `weight_decay` et AdamW
#
# **Objectif.** À la fin de cette leçon, vous saurez (1) montrer qu'avec la SGD simple une
# pénalité L2 revient à réduire un peu les poids à chaque pas (la « décroissance des poids »,
# *weight decay*), sans vous tromper sur le facteur 2 ; (2) dire exactement ce que fait
# l'argument `weight_decay` des optimiseurs de Keras, sur quelles variables, et comment en
# exempter certaines ; (3) expliquer, chiffres à l'appui, pourquoi pénalité L2 et
# décroissance des poids **ne coïncident plus** avec Adam, et programmer un pas d'AdamW,
# l'optimiseur qui corrige ce défaut ; (4) prévoir par la théorie ce qu'AdamW fait aux poids
# qui ne reçoivent aucun gradient, et repérer une décroissance appliquée deux fois.

# %%
import coursetools as ct  # en: first: it quiets TensorFlow before TensorFlow loads # fr: en premier : il fait taire TensorFlow avant que celui-ci ne se charge

ct.setup(_(en="en", fr="fr"))

import inspect

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
# the gradient of the data loss at the weights *before* the step. So, with plain SGD, an
# `L2(λ)` penalty multiplies every penalized weight by $1 - 2\eta\lambda$ at each step
# (here 0.99), on top of the ordinary gradient step.

# %% [markdown] lang="fr"
# Le noyau suit la formule avec le facteur 2, pas celle en $\eta\lambda$. Le biais n'a pas de
# régulariseur : il fait le pas de gradient simple. Retenez bien ce qu'est $g$ ici : le
# gradient de la perte sur les données, évalué aux poids d'*avant* le pas. Avec la SGD
# simple, une pénalité `L2(λ)` multiplie donc chaque poids pénalisé par $1 - 2\eta\lambda$ à
# chaque pas (ici 0,99), en plus du pas de gradient ordinaire.

# %% [markdown] lang="en"
# ## 2. The optimizers' `weight_decay` argument
#
# Instead of adding a penalty to the loss, you can ask the **optimizer** to shrink the
# weights. The optimizers of `keras.optimizers` accept a `weight_decay` argument (all but
# the two wrappers `LossScaleOptimizer` and `MultiOptimizer`, which wrap other optimizers).
# What it does is in `keras/src/optimizers/base_optimizer.py` (method
# `_apply_weight_decay`, and its TensorFlow version in
# `keras/src/backend/tensorflow/optimizer.py`): for every trainable variable not excluded
# (see below),
#
# ```python
# variable.assign(variable - variable * weight_decay * learning_rate)
# ```
#
# and `apply()` calls it (through `_backend_apply_gradients`) after gradient clipping,
# **before** the optimizer's own update. Reading the source is a start; let us check it by
# running it. With a zero gradient the update does nothing, so only the decay is left: each
# weight should be multiplied by $1 - \eta\cdot\text{weight\_decay}$.

# %% [markdown] lang="fr"
# ## 2. L'argument `weight_decay` des optimiseurs
#
# Au lieu d'ajouter une pénalité à la perte, on peut demander à l'**optimiseur** de réduire
# les poids. Les optimiseurs de `keras.optimizers` acceptent un argument `weight_decay` (tous
# sauf les deux enveloppes `LossScaleOptimizer` et `MultiOptimizer`, qui en enveloppent
# d'autres). Ce qu'il fait se lit dans `keras/src/optimizers/base_optimizer.py` (méthode
# `_apply_weight_decay`, et sa version TensorFlow dans
# `keras/src/backend/tensorflow/optimizer.py`) : pour chaque variable entraînable non exclue
# (voir plus bas),
#
# ```python
# variable.assign(variable - variable * weight_decay * learning_rate)
# ```
#
# et `apply()` l'appelle (par `_backend_apply_gradients`) après l'écrêtage des gradients,
# **avant** la mise à jour propre à l'optimiseur. Lire le code est un début ; vérifions-le en
# l'exécutant. Avec un gradient nul la mise à jour ne fait rien, il ne reste donc que la
# décroissance : chaque poids devrait être multiplié par $1 - \eta\cdot\text{weight\_decay}$.

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
    momentum = " (momentum)" if getattr(optimizer, "momentum", 0) else ""
    name = type(optimizer).__name__ + momentum
    print(
        _(
            en=f"{name:>16}: weight_decay={optimizer.weight_decay}, w/w_start =",
            fr=f"{name:>16} : weight_decay={optimizer.weight_decay}, w/w_start =",
        ),
        (np.asarray(variable) / w_start).round(4),
    )
# en: The default of weight_decay, read from the signature of each optimizer class, and the
# en: classes grouped by that default.
# fr: La valeur par défaut de weight_decay, lue dans la signature de chaque classe
# fr: d'optimiseur, et les classes regroupées selon cette valeur.
by_default = {}
for name in dir(keras.optimizers):
    kind = getattr(keras.optimizers, name)
    if (
        inspect.isclass(kind)
        and issubclass(kind, keras.optimizers.Optimizer)
        and kind is not keras.optimizers.Optimizer
    ):
        parameter = inspect.signature(kind).parameters.get("weight_decay")
        absent = _(en="not in its signature", fr="absent de sa signature")
        default = absent if parameter is None else parameter.default
        by_default.setdefault(default, []).append(name)
for default, names in by_default.items():
    print(
        _(en=f"default weight_decay {default}:", fr=f"weight_decay par défaut {default} :"), names
    )
print(
    _(en="AdamW is a subclass of Adam:", fr="AdamW est une sous-classe d'Adam :"),
    issubclass(keras.optimizers.AdamW, keras.optimizers.Adam),
)
adamw_default = keras.optimizers.AdamW()
decay_per_step = float(adamw_default.learning_rate) * adamw_default.weight_decay
print(
    _(en="AdamW(): learning_rate =", fr="AdamW() : learning_rate ="),
    round(float(adamw_default.learning_rate), 6),
    _(en="| decay per step lr·weight_decay =", fr="| décroissance par pas lr·weight_decay ="),
    f"{decay_per_step:.1e}",
    _(
        en="| steps to halve a weight without gradient:",
        fr="| pas pour diviser par 2 un poids sans gradient :",
    ),
    int(np.ceil(np.log(0.5) / np.log1p(-decay_per_step))),
)

# %% [markdown] lang="en"
# Every optimizer multiplies the weights by $1 - 0.5 \times 0.4 = 0.8$: the decay is the
# same for all of them and is scaled by the **learning rate**. Only `AdamW` and `Muon`
# decay by default, with `weight_decay=0.004`; for the other optimizers the default is
# `None` (no decay). `AdamW` is in fact `Adam` with a different default (its constructor
# only passes its arguments on to `Adam`'s, and refuses `weight_decay=None`):
# `Adam(weight_decay=0.01)` and `AdamW(weight_decay=0.01)` do exactly the same thing.
#
# Because the decay is multiplied by the learning rate, its strength is the product
# $\eta\cdot\text{weight\_decay}$: with `AdamW()`'s defaults, $0.001 \times 0.004 = 4\cdot
# 10^{-6}$ per step, so a weight that received no gradient would take 173,287 steps to
# halve. Change the learning rate, or use a learning rate schedule (the current rate is
# used), and you change the decay as well.
#
# **Before or after the update?** With a non-zero gradient the order matters a little. If
# the decay comes first, $w \leftarrow (1-\eta d)\,w - \eta g$; if it came after the SGD step,
# $w \leftarrow (1-\eta d)(w - \eta g)$. With a large learning rate we can tell them apart:

# %% [markdown] lang="fr"
# Tous les optimiseurs multiplient les poids par $1 - 0,5 \times 0,4 = 0,8$ : la
# décroissance est la même pour tous et elle est proportionnelle au **taux
# d'apprentissage**. Seuls `AdamW` et `Muon` appliquent une décroissance par défaut, avec
# `weight_decay=0.004` ; pour les autres optimiseurs, la valeur par défaut est `None` (pas de
# décroissance). `AdamW` n'est en fait qu'`Adam` avec une autre valeur par défaut (son
# constructeur ne fait que transmettre ses arguments à celui d'`Adam`, et refuse
# `weight_decay=None`) : `Adam(weight_decay=0.01)` et `AdamW(weight_decay=0.01)` font
# exactement la même chose.
#
# Comme la décroissance est multipliée par le taux d'apprentissage, sa force est le produit
# $\eta\cdot\text{weight\_decay}$ : avec les valeurs par défaut d'`AdamW()`,
# $0,001 \times 0,004 = 4\cdot 10^{-6}$ par pas ; un poids qui ne recevrait aucun gradient
# mettrait 173 287 pas à diminuer de moitié. Changez le taux d'apprentissage, ou utilisez un
# calendrier de taux d'apprentissage (c'est le taux courant qui sert), et vous changez aussi
# la décroissance.
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
# résiste-t-elle au momentum, ou à Adam ? Entraînons la même couche pendant cinq pas, avec
# une pénalité `L2(0.05)` sur son noyau, puis avec `weight_decay=0.1` à la place, pour trois
# optimiseurs (la couche n'a pas de biais, pour que les deux versions régularisent les mêmes
# variables).


# %%
def five_steps(optimizer, l2=None):
    """en: Kernel of a bias-free Dense layer after 5 steps on (x_small, y_small).

    fr: Noyau d'une couche Dense sans biais après 5 pas sur (x_small, y_small).
    """
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
        _(en="SGD momentum", fr="SGD, momentum"),
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
# before the first training step (Keras 3.15 does not enforce it: the check it makes looks
# for an attribute `_built` that the optimizer does not have, so a later call is accepted
# and replaces the previous exemptions). Let us apply one step of pure decay (zero
# gradients) to a small network with batch normalization, with and without exemptions.
# (The moving mean and variance of batch normalization are not trainable: no optimizer
# touches them.)

# %% [markdown] lang="fr"
# (Les deux premières colonnes sont les normes des noyaux finaux.) Avec la SGD simple, les
# deux versions concordent aux erreurs d'arrondi près. Avec le momentum comme avec Adam,
# elles diffèrent de plusieurs centièmes après cinq pas seulement. Avec le momentum, le
# gradient de la pénalité, $2\lambda w$, entre dans la vitesse et s'y accumule de pas en pas,
# alors que la décroissance est appliquée une fois par pas, hors de la vitesse. Avec Adam, le
# gradient de la pénalité est en outre remis à l'échelle poids par poids : la section 3
# explique comment.
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
# ne le vérifie pas : son contrôle cherche un attribut `_built` que l'optimiseur n'a pas ; un
# appel plus tardif est donc accepté et remplace les exemptions précédentes). Appliquons un
# pas de décroissance pure (gradients nuls) à un petit réseau avec normalisation par lots,
# avec et sans exemptions. (La moyenne et la variance mobiles de la normalisation par lots ne
# sont pas entraînables : aucun optimiseur n'y touche.)


# %%
def decay_ratios(exclude=None, first="hidden"):
    """en: Norm of each trainable variable after one step of pure decay, over its norm before.

    fr: Norme de chaque variable entraînable après un pas de décroissance pure, sur sa norme avant.
    """
    ct.reseed()
    net = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(3, bias_initializer="ones", name=first),
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
# en: The same exemptions, when the first layer is named "bias_proj".
# fr: Les mêmes exemptions, quand la première couche s'appelle « bias_proj ».
renamed = decay_ratios(exclude=["bias", "gamma", "beta"], first="bias_proj")
print(
    _(
        en="first layer named bias_proj, its kernel:",
        fr="première couche nommée bias_proj, son noyau :",
    ),
    renamed["net/bias_proj/kernel"],
)

# %% [markdown] lang="en"
# Without exemptions, all six variables shrink by $1 - 0.1\times 0.5 = 0.95$; with
# `var_names=["bias", "gamma", "beta"]`, only the two kernels do. The last line shows a
# detail of the TensorFlow backend: the strings are searched in the variable's full path
# (`net/bias_proj/kernel`), not only in its short name (`kernel`), so the kernel of a layer
# named `bias_proj` is exempted too (ratio 1.0). Name your layers accordingly, or use
# `var_list`.

# %% [markdown] lang="fr"
# Sans exemption, les six variables sont multipliées par $1 - 0,1\times 0,5 = 0,95$ ; avec
# `var_names=["bias", "gamma", "beta"]`, seuls les deux noyaux décroissent. La dernière
# ligne montre un détail du moteur TensorFlow : les chaînes sont cherchées dans le chemin
# complet de la variable (`net/bias_proj/kernel`), pas seulement dans son nom court
# (`kernel`) ; le noyau d'une couche nommée `bias_proj` est donc exempté lui aussi
# (rapport 1,0). Nommez vos couches en conséquence, ou utilisez `var_list`.

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
# Adam (Kingma et Ba, 2015) tient à jour, pour chaque poids, une moyenne mobile $m$ de ses
# gradients et une moyenne mobile $v$ de leurs carrés, et déplace chaque poids d'environ
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
    """en: How far each weight of w_start moved, as text: w_start - w_new.

    fr: De combien chaque poids de w_start a bougé, en texte : w_start - w_new.
    """
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
# by $\sqrt{\hat v}$: each step shrinks a weight $w$ by about $2\eta\lambda w/\sqrt{\hat v}$
# instead of the $2\eta\lambda w$ of SGD.
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
# ### Exercise 1 — one AdamW step (3 points)
#
# Write `adamw_step(w, grad, m, v, t, lr, weight_decay, beta_1=0.9, beta_2=0.999,
# epsilon=1e-7)` that performs step number `t` (counted from 1) of AdamW as Keras does it,
# and returns the tuple `(new_w, new_m, new_v)`. `grad` is the data gradient computed at
# `w`; `m` and `v` are the moment estimates returned by the previous step (zeros before the
# first step). Use NumPy only, and do not modify the arrays you receive.
#
# What the tests check. Visible: three steps from `w = [1, -2, 0.5, 3]` with `lr=0.1`,
# `weight_decay=0.5` and gradients of size 0.2 to 1.5, each new weight compared with that of
# Keras' `AdamW` within $10^{-4}$, your arrays left unchanged, a tuple of three returned.
# Hidden: the same comparison, after each of six steps on a 3×2 array, for two other
# settings (`lr=0.01, weight_decay=0.1`, and `lr=0.05, weight_decay=0.2` with
# `beta_1=0.8, beta_2=0.99`); the returned `m` and `v` compared within $10^{-6}$ with the
# running means of the gradients and of their squares (without bias correction); and a
# zero gradient on $w = 2$ with `lr=0.1, weight_decay=0.5` must give $1.9$.

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
# Adam divise leur somme par $\sqrt{\hat v}$ : chaque pas réduit un poids $w$ d'environ
# $2\eta\lambda w/\sqrt{\hat v}$, au lieu des $2\eta\lambda w$ de la SGD. Les poids à **grands** gradients décroissent
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
# ### Exercice 1 — un pas d'AdamW (3 points)
#
# Écrivez `adamw_step(w, grad, m, v, t, lr, weight_decay, beta_1=0.9, beta_2=0.999,
# epsilon=1e-7)` qui effectue le pas numéro `t` (compté à partir de 1) d'AdamW comme le fait
# Keras, et renvoie le triplet `(new_w, new_m, new_v)`. `grad` est le gradient des données
# calculé en `w` ; `m` et `v` sont les estimations des moments renvoyées par le pas précédent
# (des zéros avant le premier pas). N'utilisez que NumPy, et ne modifiez pas les tableaux
# reçus.
#
# Ce que vérifient les tests. Visibles : trois pas depuis `w = [1, -2, 0.5, 3]` avec
# `lr=0.1`, `weight_decay=0.5` et des gradients de taille 0,2 à 1,5, chaque nouveau poids
# comparé à celui de l'`AdamW` de Keras à $10^{-4}$ près, vos tableaux laissés intacts, un
# triplet renvoyé. Cachés : la même comparaison, après chacun de six pas sur un tableau 3×2,
# pour deux autres réglages (`lr=0.01, weight_decay=0.1`, et `lr=0.05, weight_decay=0.2` avec
# `beta_1=0.8, beta_2=0.99`) ; les `m` et `v` renvoyés comparés à $10^{-6}$ près aux moyennes
# mobiles des gradients et de leurs carrés (sans correction de biais) ; et un gradient nul
# sur $w = 2$ avec `lr=0.1, weight_decay=0.5` doit donner $1,9$.


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
# en: Visible tests: run this cell to check your function.
# fr: Tests visibles : exécutez cette cellule pour vérifier votre fonction.
_w0 = np.array([1.0, -2.0, 0.5, 3.0], dtype="float32")
# en: gradients of size 0.2 to 1.5, either sign
# fr: gradients de taille 0,2 à 1,5, de signe quelconque
_rng = np.random.default_rng(7)
_grads = (_rng.choice([-1, 1], (3, 4)) * _rng.uniform(0.2, 1.5, (3, 4))).astype("float32")
_lr, _wd = 0.1, 0.5


def _keras_run(optimizer, grads, decay_after=0.0):
    """en: Weights after each step of a Keras optimizer (optionally decayed after the update).

    fr: Poids après chaque pas d'un optimiseur Keras (éventuellement réduits après la mise à jour).
    """
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
# 32 ReLU units, 10 classes) on the digits with Adam ($\eta = 0.01$) for 10 epochs, in
# batches of 64 images, three times: without regularization, with `L2(0.001)` on both
# kernels, and with `AdamW(weight_decay=0.5)`, biases exempted. (Weight decay values for
# AdamW are much larger than L2 factors, because the decay per step is only
# $\eta\,d = 0.01 \times 0.5 = 0.005$.) A callback records the norm of the first kernel
# before training and after every epoch. Each row of that kernel belongs to one pixel, and
# some pixels are blank in every training image:

# %% [markdown] lang="fr"
# ## 4. Adam + L2 face à AdamW sur les chiffres
#
# Que change cette différence dans un vrai entraînement ? Nous entraînons un petit réseau
# (64 pixels, 32 unités ReLU, 10 classes) sur les chiffres avec Adam ($\eta = 0,01$) pendant
# 10 époques, par lots de 64 images, trois fois : sans régularisation, avec `L2(0.001)` sur
# les deux noyaux, et avec `AdamW(weight_decay=0.5)`, biais exemptés. (Les valeurs de
# décroissance des poids d'AdamW sont bien plus grandes que les coefficients de L2, car la
# décroissance par pas ne vaut que $\eta\,d = 0,01 \times 0,5 = 0,005$.) Une fonction de
# rappel (*callback*) enregistre la norme du premier noyau avant l'entraînement et après
# chaque époque. Chaque ligne de ce noyau correspond à un pixel, et certains pixels sont
# blancs dans toutes les images d'entraînement :

# %%
x_train, y_train, x_val, y_val = ct.load_digits_split()
always_blank = np.all(x_train == 0, axis=0)
print(
    _(en="training images:", fr="images d'entraînement :"),
    len(x_train),
    _(en="| pixels that are 0 in all of them:", fr="| pixels à 0 dans toutes :"),
    np.flatnonzero(always_blank).tolist(),
)


class KernelNorm(keras.callbacks.Callback):
    """en: Norm of the first layer's kernel before training and after every epoch.

    fr: Norme du noyau de la première couche avant l'entraînement et après chaque époque.
    """

    def on_train_begin(self, logs=None):
        self.norms = [self.norm()]
        self.first = np.asarray(self.model.layers[0].kernel).copy()

    def on_epoch_end(self, epoch, logs=None):
        self.norms.append(self.norm())

    def norm(self):
        return float(np.linalg.norm(np.asarray(self.model.layers[0].kernel)))


def train_digits(optimizer, l2=None):
    """en: Norms per epoch, validation accuracy, first kernel before and after training.

    fr: Normes à chaque époque, exactitude de validation, premier noyau avant et après.
    """
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
    net.fit(x_train, y_train, batch_size=64, epochs=10, verbose=0, callbacks=[norms])
    accuracy = float(np.mean(np.argmax(net(x_val), axis=1) == y_val))
    return norms.norms, accuracy, norms.first, np.asarray(net.layers[0].kernel)


# %% [markdown] lang="en"
# Four pixels, numbers 0, 32, 39 and 56 (corners and edges of the 8×8 images), are 0 in all
# 1000 training images.
#
# ### Exercise 2 — predict what AdamW does to the blank pixels (2 points)
#
# Before running the training, predict what the AdamW run will do to the rows of the first
# kernel that belong to these four pixels. Think it through from what you have seen:
#
# - the data gradient of a weight $w_{ij}$ of the first kernel is a sum, over the batch, of
#   the input $x_i$ times another factor: what is it for these pixels?
# - what is Adam's step (section 3's formulas) for a weight whose gradients have all been
#   exactly 0?
# - what does `AdamW(learning_rate, weight_decay=...)` do to a weight at each update
#   (section 2), and how many updates does `fit(x, y, batch_size=..., epochs=...)` make?
#
# Write `blank_pixel_shrink(learning_rate, weight_decay, n_examples, batch_size, epochs)`
# that returns, for a weight whose data gradient is always 0 (and that is not exempted
# from the decay), the ratio of its value after training to its value before, when the
# model is trained with `AdamW(learning_rate, weight_decay=weight_decay)` by
# `fit(x, y, batch_size=batch_size, epochs=epochs)` on `n_examples` examples. Use NumPy only.
# The cell then stores in `prediction` your prediction for the run below (learning rate
# 0.01, `weight_decay=0.5`, 1000 examples, batches of 64, 10 epochs). All the weights of
# these rows are multiplied by the same ratio, so the norm of the four rows is too.
#
# What the tests check. They train, in the same way, a small model one of whose inputs is
# always 0, and measure the ratio of the norms of that input's kernel row after and before
# training. Visible: `prediction` must be within 0.1 % (relative difference $10^{-3}$) of
# the ratio measured with the settings of the run below; otherwise the test says which way
# and by how much you are off. Hidden: your function, called for three other settings drawn
# at random (learning rate 0.01 to 0.1, `weight_decay` 0.1 to 1, 40 to 300 examples, batch
# size 8 to 64 that does not divide the number of examples, 1 to 3 epochs), must return a
# number within 0.1 % of the measured ratio.

# %% [markdown] lang="fr"
# Quatre pixels, les numéros 0, 32, 39 et 56 (coins et bords des images 8×8), valent 0 dans
# les 1000 images d'entraînement.
#
# ### Exercice 2 — prévoir ce qu'AdamW fait aux pixels blancs (2 points)
#
# Avant de lancer l'entraînement, prévoyez ce que l'entraînement avec AdamW fera aux lignes
# du premier noyau qui correspondent à ces quatre pixels. Raisonnez à partir de ce que vous
# avez vu :
#
# - le gradient des données par rapport à un poids $w_{ij}$ du premier noyau est une somme,
#   sur le lot, de l'entrée $x_i$ multipliée par un autre facteur : que vaut-il pour ces
#   pixels ?
# - quel est le pas d'Adam (formules de la section 3) pour un poids dont tous les gradients
#   ont été exactement nuls ?
# - que fait `AdamW(learning_rate, weight_decay=...)` à un poids à chaque mise à jour
#   (section 2), et combien de mises à jour `fit(x, y, batch_size=..., epochs=...)`
#   effectue-t-il ?
#
# Écrivez `blank_pixel_shrink(learning_rate, weight_decay, n_examples, batch_size, epochs)`
# qui renvoie, pour un poids dont le gradient des données est toujours nul (et qui n'est pas
# exempté de la décroissance), le rapport entre sa valeur après l'entraînement et sa valeur
# avant, quand le modèle est entraîné avec `AdamW(learning_rate, weight_decay=weight_decay)`
# par `fit(x, y, batch_size=batch_size, epochs=epochs)` sur `n_examples` exemples.
# N'utilisez que NumPy. La cellule range ensuite dans `prediction` votre prévision pour
# l'entraînement ci-dessous (taux d'apprentissage 0,01, `weight_decay=0.5`, 1000 exemples,
# lots de 64, 10 époques). Tous les poids de ces lignes sont multipliés par le même rapport,
# la norme des quatre lignes aussi.
#
# Ce que vérifient les tests. Ils entraînent de la même façon un petit modèle dont une
# entrée vaut toujours 0, et mesurent le rapport des normes de la ligne du noyau de cette
# entrée après et avant l'entraînement. Visibles : `prediction` doit être à 0,1 % près
# (écart relatif $10^{-3}$) du rapport mesuré avec les réglages de l'entraînement
# ci-dessous ; sinon, le test dit dans quel sens et de combien vous vous trompez. Cachés :
# votre fonction, appelée pour trois autres réglages tirés au hasard (taux d'apprentissage
# de 0,01 à 0,1, `weight_decay` de 0,1 à 1, 40 à 300 exemples, taille de lot de 8 à 64 qui ne
# divise pas le nombre d'exemples, 1 à 3 époques), doit renvoyer un nombre à 0,1 % près du
# rapport mesuré.


# %% nbgrader="solution" grade_id="blank_pixel_shrink"
def blank_pixel_shrink(learning_rate, weight_decay, n_examples, batch_size, epochs):
    ### BEGIN SOLUTION
    # en: One update per batch, the last, smaller batch of each epoch included.
    # fr: Une mise à jour par lot, y compris le dernier lot de chaque époque, plus petit.
    updates = epochs * int(np.ceil(n_examples / batch_size))
    # en: Adam's own step is 0 for such a weight: only the decay, 1 - lr·wd per update.
    # fr: Le pas propre d'Adam est nul pour un tel poids : seule reste la décroissance,
    # fr: 1 - lr·wd par mise à jour.
    return (1 - learning_rate * weight_decay) ** updates
    ### END SOLUTION


prediction = blank_pixel_shrink(0.01, 0.5, len(x_train), 64, 10)
print(_(en="predicted ratio:", fr="rapport prévu :"), round(float(prediction), 4))


# %% nbgrader="tests" grade_id="blank_pixel_shrink_tests" points=2
# en: Visible tests: run this cell to check your prediction.
# fr: Tests visibles : exécutez cette cellule pour vérifier votre prévision.
def _measured_shrink(lr, wd, n, batch, epochs, seed=0):
    """en: Norm ratio (after / before) of the kernel row of an input that is always 0.

    fr: Rapport des normes (après / avant) de la ligne du noyau d'une entrée toujours nulle.
    """
    ct.reseed(seed)
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3)).astype("float32")
    x[:, 0] = 0.0
    y = rng.normal(size=(n, 2)).astype("float32")
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    model.compile(keras.optimizers.AdamW(lr, weight_decay=wd), loss="mse")
    before = np.linalg.norm(np.asarray(model.layers[0].kernel)[0])
    model.fit(x, y, batch_size=batch, epochs=epochs, verbose=0)
    return float(np.linalg.norm(np.asarray(model.layers[0].kernel)[0]) / before)


_lr, _wd, _n, _batch, _epochs = 0.01, 0.5, 1000, 64, 10
_measured = _measured_shrink(_lr, _wd, _n, _batch, _epochs)
_value = np.asarray(ct.plain(prediction))
assert _value.size == 1 and _value.dtype.kind in "iuf", _(
    en="prediction must be a number (the ratio after / before), from blank_pixel_shrink.",
    fr="prediction doit être un nombre (le rapport après / avant), calculé par blank_pixel_shrink.",
)
_got = float(_value.ravel()[0])
_off = _got - _measured
_how = _(
    en=f"Your prediction, {_got:.4f}, is {abs(_off):.4f} {'above' if _off > 0 else 'below'} "
    f"the measured ratio, {_measured:.4f} ({100 * _off / _measured:+.1f}%)",
    fr=f"Votre prévision, {_got:.4f}, est {'supérieure' if _off > 0 else 'inférieure'} de "
    f"{abs(_off):.4f} au rapport mesuré, {_measured:.4f} (écart relatif {100 * _off / _measured:+.1f} %)",
)
_per_epoch = int(np.ceil(_n / _batch))
_updates = _epochs * _per_epoch
_x = _lr * _wd
_known = [
    (
        (1 - _x) ** _epochs,
        _(
            en=f"you counted epochs, not updates: fit makes one update per batch, "
            f"{_per_epoch} per epoch here, {_updates} in all.",
            fr=f"vous avez compté des époques, pas des mises à jour : fit fait une mise à jour "
            f"par lot, {_per_epoch} par époque ici, {_updates} en tout.",
        ),
    ),
    (
        (1 - _x) ** (_epochs * (_n // _batch)),
        _(
            en=f"the last, smaller batch of each epoch ({_n} = {_n // _batch} × {_batch} + "
            f"{_n % _batch}) is an update too.",
            fr=f"le dernier lot de chaque époque, plus petit ({_n} = {_n // _batch} × {_batch} + "
            f"{_n % _batch}), est lui aussi une mise à jour.",
        ),
    ),
    (
        (1 - _x) ** (_epochs * _n / _batch),
        _(
            en="a number of updates is a whole number: the last, smaller batch counts as one.",
            fr="un nombre de mises à jour est entier : le dernier lot, plus petit, compte pour un.",
        ),
    ),
    (
        (1 - _wd) ** _updates,
        _(
            en="Keras multiplies weight_decay by the learning rate: each update multiplies the "
            "weight by 1 - lr·weight_decay, not by 1 - weight_decay.",
            fr="Keras multiplie weight_decay par le taux d'apprentissage : chaque mise à jour "
            "multiplie le poids par 1 - lr·weight_decay, et non par 1 - weight_decay.",
        ),
    ),
    (
        (1 - 2 * _x) ** _updates,
        _(
            en="there is no factor 2 here: it comes from the gradient of L2(λ), 2λw; "
            "weight_decay multiplies the weight by 1 - lr·weight_decay.",
            fr="il n'y a pas de facteur 2 ici : il vient du gradient de L2(λ), 2λw ; "
            "weight_decay multiplie le poids par 1 - lr·weight_decay.",
        ),
    ),
    (
        1 - _updates * _x,
        _(
            en="the decay compounds: each update multiplies the weight by 1 - lr·weight_decay, "
            "so the factors multiply, they do not add up.",
            fr="la décroissance se compose : chaque mise à jour multiplie le poids par "
            "1 - lr·weight_decay, les facteurs se multiplient donc au lieu de s'additionner.",
        ),
    ),
    (
        np.exp(-_updates * _x),
        _(
            en="exp(-updates·lr·weight_decay) is only an approximation of the product of the "
            "factors 1 - lr·weight_decay.",
            fr="exp(-mises à jour·lr·weight_decay) n'est qu'une approximation du produit des "
            "facteurs 1 - lr·weight_decay.",
        ),
    ),
]
for _candidate, _why in _known:
    if np.isclose(_got, _candidate, rtol=1e-6, atol=1e-12):
        raise AssertionError(_(en=f"{_how}: {_why}", fr=f"{_how} : {_why}"))
assert abs(_off) <= 1e-3 * _measured, _(
    en=f"{_how}. Count the updates that fit makes, and what each one does to a weight whose "
    "gradient is 0.",
    fr=f"{_how}. Comptez les mises à jour que fait fit, et ce que chacune fait à un poids dont "
    "le gradient est nul.",
)
print(
    _(en="Visible tests passed: measured ratio", fr="Tests visibles réussis : rapport mesuré"),
    round(_measured, 4),
)
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(ct.fresh_seed())
for _case in range(3):
    _n = int(_rng.integers(40, 301))
    _batch = int(_rng.integers(8, 65))
    while _n % _batch == 0:
        _batch = int(_rng.integers(8, 65))
    _lr, _wd = float(_rng.uniform(0.01, 0.1)), float(_rng.uniform(0.1, 1.0))
    _epochs = int(_rng.integers(1, 4))
    _measured = _measured_shrink(_lr, _wd, _n, _batch, _epochs, seed=_case)
    _got = float(np.asarray(blank_pixel_shrink(_lr, _wd, _n, _batch, _epochs)).ravel()[0])
    assert np.isclose(_got, _measured, rtol=1e-3, atol=0), (_lr, _wd, _n, _batch, _epochs)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# Now the three runs. For the four blank pixels, the last lines compare your prediction
# with the ratio measured on the real network.

# %% [markdown] lang="fr"
# Voici maintenant les trois entraînements. Pour les quatre pixels blancs, les dernières
# lignes comparent votre prévision au rapport mesuré sur le vrai réseau.

# %%
adamw = keras.optimizers.AdamW(0.01, weight_decay=0.5)
adamw.exclude_from_weight_decay(var_names=["bias"])
runs = {
    _(en="Adam, no penalty", fr="Adam, sans pénalité"): train_digits(keras.optimizers.Adam(0.01)),
    "Adam + L2(0.001)": train_digits(keras.optimizers.Adam(0.01), l2=0.001),
    "AdamW(0.5)": train_digits(adamw),
}
for name, (norms, accuracy, _first, _last) in runs.items():
    print(
        _(
            en=f"{name:>20}: validation accuracy {accuracy:.4f}, kernel norm per epoch "
            f"{np.round(norms, 2).tolist()}",
            fr=f"{name:>20} : exactitude de validation {accuracy:.4f}, norme du noyau par époque "
            f"{np.round(norms, 2).tolist()}",
        )
    )
print(
    _(
        en="Blank pixels, norm of their rows after / before:",
        fr="Pixels blancs, norme de leurs lignes après / avant :",
    )
)
for name, (_norms, _accuracy, first, last) in runs.items():
    ratio = np.linalg.norm(last[always_blank]) / np.linalg.norm(first[always_blank])
    print(_(en=f"{name:>20}: {ratio:.4f}", fr=f"{name:>20} : {ratio:.4f}"))
try:
    predicted = f"{float(prediction):.4f}"
except (NameError, TypeError, ValueError):
    predicted = _(en="none (exercise 2 not done)", fr="aucune (exercice 2 non fait)")
print(_(en=f"{'your prediction':>20}: {predicted}", fr=f"{'votre prévision':>20} : {predicted}"))
print(
    _(en="updates made by AdamW's fit:", fr="mises à jour faites par le fit d'AdamW :"),
    int(adamw.iterations),
)

# %% [markdown] lang="en"
# The prediction holds to the fourth decimal: for a weight that gets no data gradient,
# AdamW is nothing but the decay, $(1 - 0.005)^{160} = 0.4484$ after the 160 updates of
# 10 epochs of 16 batches (15 full batches of 64 and one of 40). Without a penalty these
# rows do not move at all (1.0000). With Adam + L2 almost nothing is left of them
# (0.0002): the penalty's gradient $2\lambda w$ is the only gradient these weights get, so
# Adam divides it by its own size; as in section 3, the first update moves each of them by
# about $\eta = 0.01$ towards 0, whatever $\lambda$ is.
#
# The decay acts once per **update**, so the same `weight_decay` does not mean the same
# regularization when the batch size changes: for the same examples and epochs, smaller
# batches make more updates, and each one shrinks the weights again. Let us train, with
# `AdamW(0.01, weight_decay=0.5)` for 2 epochs on 1000 examples, a single `Dense` layer one
# of whose inputs is always 0, with three batch sizes, and measure what is left of that
# input's row of the kernel. The last column is what the same shrinkage would be with the
# paper's normalized decay, `weight_decay` proportional to $\sqrt{b}$ (here
# $0.5\sqrt{b/250}$, so that batches of 250 are unchanged), computed from the formula that
# the first columns check.

# %% [markdown] lang="fr"
# La prévision tient à la quatrième décimale près : pour un poids qui ne reçoit aucun
# gradient des données, AdamW se réduit à la décroissance, $(1 - 0,005)^{160} = 0,4484$
# après les 160 mises à jour de 10 époques de 16 lots (15 lots complets de 64 et un de 40).
# Sans pénalité, ces lignes ne bougent pas du tout (1,0000). Avec Adam + L2, il n'en reste
# presque rien (0,0002) : le gradient de la pénalité, $2\lambda w$, est le seul gradient que
# reçoivent ces poids ; Adam le divise donc par sa propre taille. Comme à la section 3, la
# première mise à jour rapproche chacun d'eux de 0 d'environ $\eta = 0,01$, quel que soit
# $\lambda$.
#
# La décroissance agit une fois par **mise à jour** : la même valeur de `weight_decay` ne
# donne donc pas la même régularisation quand la taille de lot change. Pour les mêmes
# exemples et les mêmes époques, des lots plus petits font plus de mises à jour, et chacune
# réduit encore les poids. Entraînons, avec `AdamW(0.01, weight_decay=0.5)` pendant
# 2 époques sur 1000 exemples, une seule couche `Dense` dont une entrée vaut toujours 0,
# avec trois tailles de lot, et mesurons ce qui reste de la ligne du noyau de cette entrée.
# La dernière colonne donne ce que serait cette réduction avec la décroissance normalisée
# de l'article, `weight_decay` proportionnel à $\sqrt{b}$ (ici $0,5\sqrt{b/250}$, pour
# que les lots de 250 ne changent pas), calculée par la formule que vérifient les premières
# colonnes.

# %%
rng = np.random.default_rng(0)
x_one_blank = rng.normal(size=(1000, 3)).astype("float32")
x_one_blank[:, 0] = 0.0
y_one_blank = rng.normal(size=(1000, 2)).astype("float32")
print(
    _(
        en="batch | updates | measured after/before | (1 - 0.01 * 0.5) ** updates | normalized decay",
        fr="lot   | mises à jour | mesuré après/avant | (1 - 0,01 × 0,5) ** mises à jour | décroissance normalisée",
    )
)
for batch_size in [250, 50, 10]:
    ct.reseed()
    layer = keras.layers.Dense(2)
    net = keras.Sequential([keras.Input((3,)), layer])
    net.compile(keras.optimizers.AdamW(0.01, weight_decay=0.5), loss="mse")
    before = np.linalg.norm(np.asarray(layer.kernel)[0])
    net.fit(x_one_blank, y_one_blank, batch_size=batch_size, epochs=2, verbose=0)
    updates = int(net.optimizer.iterations)
    measured = np.linalg.norm(np.asarray(layer.kernel)[0]) / before
    normalized = (1 - 0.01 * 0.5 * np.sqrt(batch_size / 250)) ** updates
    print(
        f"{batch_size:5d} | {updates:7d} | {measured:21.4f} | {(1 - 0.005) ** updates:27.4f} | "
        f"{normalized:16.4f}"
    )

# %% [markdown] lang="en"
# With the same `weight_decay=0.5`, batches of 250 leave 0.9607 of the row after 8
# updates, batches of 10 only 0.3670 after 200: 25 times as many updates, so 25 times the
# exponent, for the same data seen the same number of times. The paper's normalization
# narrows the gap (0.9607 against 0.8186) without closing it, since it scales with
# $\sqrt{b}$ while the number of updates scales with $1/b$. Whatever rule you follow, a
# `weight_decay` tuned with one batch size (or one number of epochs) must be tuned again
# when they change.
#
# Both regularized runs end with a clearly smaller kernel than the unregularized one, and
# the three accuracies are close on this small problem. But *which* weights did they
# shrink? Beyond the four always-blank pixels, some pixels are almost always blank (the
# border of the 8×8 images): their data gradient is tiny, so Adam's $\sqrt{\hat v}$ is tiny
# too. Others are inked in most images. We group the pixels by their mean intensity over
# the training set and, for each group, divide the mean norm of the rows by that of the
# unregularized run.

# %% [markdown] lang="fr"
# Avec la même valeur `weight_decay=0.5`, les lots de 250 laissent 0,9607 de la ligne
# après 8 mises à jour, les lots de 10 seulement 0,3670 après 200 : 25 fois plus de mises à
# jour, donc un exposant 25 fois plus grand, pour les mêmes données vues le même nombre de
# fois. La normalisation de l'article réduit l'écart (0,9607 contre 0,8186) sans le combler,
# car elle varie comme $\sqrt{b}$ alors que le nombre de mises à jour varie comme $1/b$.
# Quelle que soit la règle suivie, un `weight_decay` réglé pour une taille de lot (ou un
# nombre d'époques) doit être réglé à nouveau quand elles changent.
#
# Les deux entraînements régularisés finissent avec un noyau nettement plus petit que sans
# régularisation, et les trois exactitudes sont proches sur ce petit problème. Mais *quels*
# poids ont-ils réduits ? Au-delà des quatre pixels toujours blancs, certains pixels sont
# presque toujours blancs (le bord des images 8×8) : leur gradient venu des données est
# minuscule, et le $\sqrt{\hat v}$ d'Adam l'est aussi. D'autres sont encrés dans la plupart
# des images. Nous regroupons les pixels selon leur intensité moyenne sur le jeu
# d'entraînement et, pour chaque groupe, divisons la norme moyenne des lignes par celle
# obtenue sans régularisation.

# %%
# alt en: Left: norm of the first kernel before training and after each of the 10 epochs,
# alt en: for the three runs; without a penalty it grows from 6.49 to 12.36, Adam + L2 dips
# alt en: to 5.88 after the first epoch and ends at 8.85, AdamW ends at 9.05. Right: row
# alt en: norm over that of the unregularized run, by pixel group (blank, faint, inked):
# alt en: 0.124, 0.712 and 0.862 for Adam + L2, 0.695, 0.756 and 0.721 for AdamW.
# alt fr: À gauche : norme du premier noyau avant l'entraînement et après chacune des
# alt fr: 10 époques, pour les trois entraînements ; sans pénalité elle passe de 6,49 à
# alt fr: 12,36, Adam + L2 descend à 5,88 après la première époque et finit à 8,85, AdamW
# alt fr: finit à 9,05. À droite : norme des lignes rapportée à celle de l'entraînement sans
# alt fr: régularisation, par groupe de pixels (blancs, pâles, encrés) : 0,124, 0,712 et
# alt fr: 0,862 pour Adam + L2, 0,695, 0,756 et 0,721 pour AdamW.
intensity = x_train.mean(axis=0)
groups = {
    _(en="blank (< 0.05)", fr="blancs (< 0,05)"): intensity < 0.05,
    _(en="faint (0.05-0.3)", fr="pâles (0,05-0,3)"): (intensity >= 0.05) & (intensity < 0.3),
    _(en="inked (>= 0.3)", fr="encrés (>= 0,3)"): intensity >= 0.3,
}
row_norms = {name: np.linalg.norm(last, axis=1) for name, (_n, _a, _f, last) in runs.items()}
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
for marker, (name, (norms, _a, _f, _l)) in zip("os^", runs.items(), strict=True):
    axes[0].plot(range(len(norms)), norms, marker=marker, label=name)
axes[0].set_xlabel(_(en="epoch", fr="époque"))
axes[0].set_ylabel(_(en="norm of the first kernel", fr="norme du premier noyau"))
axes[0].set_title(_(en="Size of the weights", fr="Taille des poids"))
axes[0].legend(fontsize="small")
positions = np.arange(len(groups))
bars = zip((-0.2, 0.2), ("C1", "C2"), ("//", ".."), shrink.items(), strict=True)
for offset, color, hatch, (label, ratios) in bars:
    axes[1].bar(
        positions + offset, ratios, width=0.4, color=color, hatch=hatch, edgecolor="k", label=label
    )
axes[1].set_xticks(positions, list(groups), fontsize="small")
axes[1].set_ylabel(_(en="row norm / unregularized", fr="norme des lignes / sans régul."))
axes[1].set_title(_(en="Shrinkage by pixel group", fr="Réduction par groupe de pixels"))
axes[1].legend(fontsize="small")
fig.tight_layout()
plt.show()

# %% [markdown] lang="en"
# The two regularizers do not shrink the same weights. Adam + L2 leaves the weights of the
# blank pixels at 12 % of their unregularized size, but those of the inked pixels at 86 %;
# its curve even dips during the first epoch, while the blank pixels' weights are pushed
# towards 0. AdamW leaves every group between 70 and 76 % (0.695 to 0.756): the same decay
# for every weight, whatever its gradients. That is what "decoupled" means, and what an L2
# penalty gives with SGD.
#
# ### Written question (2 points, graded by hand)
#
# Explain, using the table above and the formula of Adam's step, why Adam + L2 shrinks the
# weights of rarely used inputs much more than those of frequently used inputs, while AdamW
# shrinks them by about the same factor. What would SGD + L2 do, and why does decoupling the
# decay matter for adaptive optimizers only?

# %% [markdown] lang="fr"
# Les deux régularisations ne réduisent pas les mêmes poids. Adam + L2 laisse les poids des
# pixels blancs à 12 % de leur taille sans régularisation, mais ceux des pixels encrés à
# 86 % ; sa courbe plonge même pendant la première époque, le temps que les poids des pixels
# blancs soient poussés vers 0. AdamW laisse chaque groupe entre 70 et 76 % (0,695 à
# 0,756) : la même décroissance pour chaque poids, quels que soient ses gradients. C'est le
# sens de « découplée », et c'est ce que donne une pénalité L2 avec la SGD.
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
# weights fall to 12 % of their unregularized size (and the four pixels that are blank in
# every image to 0.0002 of their initial size). An inked pixel has large gradients, so the
# same penalty is divided by a large $\sqrt{\hat v}$ and barely acts (86 % left). AdamW
# applies $w \leftarrow w - \eta d w$ outside $m$ and $v$, a decay proportional to the
# weight and identical for all weights, hence about the same ratio (0.695 to 0.756) in
# every group. With SGD there is no per-weight normalization: the L2 step is
# $w - \eta(g + 2\lambda w)$, which is exactly a decay by $2\eta\lambda w$ for every weight,
# so L2 and weight decay coincide (`SGD(weight_decay=2λ)` = `L2(λ)`). Only when the
# optimizer rescales each gradient (Adam, RMSprop, Adagrad…) does adding the penalty to the
# gradient distort it, which is why decoupling matters there.

# %% [markdown] lang="fr" nbgrader="manual" grade_id="why_decouple" points=2
# Adam déplace chaque poids d'environ $\eta\,\hat m/\sqrt{\hat v}$, où $\hat v$ est la moyenne
# mobile des carrés des gradients de ce poids. Avec L2, le gradient de la pénalité,
# $2\lambda w$, fait partie de $g$ : la décroissance est donc elle aussi divisée par
# $\sqrt{\hat v}$ et vaut environ $2\eta\lambda w/\sqrt{\hat v}$. Un pixel blanc ne reçoit
# presque aucun gradient des données : son $\hat v$ est minuscule et la pénalité seule
# provoque à chaque pas un déplacement d'environ $\eta$ vers 0 ; ses poids tombent à 12 % de
# leur taille sans régularisation (et ceux des quatre pixels blancs dans toutes les images à
# 0,0002 de leur taille initiale). Un pixel encré a de grands gradients : la même pénalité
# est divisée par un grand $\sqrt{\hat v}$ et n'agit presque plus (il reste 86 %). AdamW
# applique $w \leftarrow w - \eta d w$ en dehors de $m$ et de $v$ : une décroissance
# proportionnelle au poids et identique pour tous, d'où un rapport à peu près égal (0,695 à
# 0,756) dans chaque groupe. Avec la SGD, il n'y a pas de normalisation par poids : le pas
# avec L2 vaut $w - \eta(g + 2\lambda w)$, soit exactement une décroissance de
# $2\eta\lambda w$ pour chaque poids ; L2 et décroissance des poids coïncident
# (`SGD(weight_decay=2λ)` = `L2(λ)`). Ce n'est que lorsque l'optimiseur remet chaque gradient
# à l'échelle (Adam, RMSprop, Adagrad…) qu'ajouter la pénalité au gradient la déforme ; c'est
# pourquoi le découplage compte dans ce cas.

# %% [markdown] lang="en"
# ## 5. A decay applied twice
#
# A colleague wants to move the Adam + L2 run of section 4 to decoupled weight decay. What
# they want is the set-up of section 4's AdamW run: the same network (64 inputs, 32 ReLU
# units, 10 softmax outputs) trained by `AdamW(learning_rate, weight_decay=weight_decay)`,
# so that at each update, before Adam's step, the decay multiplies every kernel weight by
# $1 - \text{learning\_rate}\cdot\text{weight\_decay}$; the biases are exempted, and
# nothing else regularizes the weights. Here is what they wrote (their comments give their
# reasons):

# %% [markdown] lang="fr"
# ## 5. Une décroissance appliquée deux fois
#
# Un collègue veut passer l'entraînement Adam + L2 de la section 4 à la décroissance des
# poids découplée. Ce qu'il veut, c'est la configuration de l'entraînement AdamW de la
# section 4 : le même réseau (64 entrées, 32 unités ReLU, 10 sorties softmax) entraîné par
# `AdamW(learning_rate, weight_decay=weight_decay)`, de sorte qu'à chaque mise à jour, avant
# le pas d'Adam, la décroissance multiplie chaque poids des noyaux par
# $1 - \text{learning\_rate}\cdot\text{weight\_decay}$ ; les biais sont exemptés, et rien
# d'autre ne régularise les poids. Voici ce qu'il
# a écrit (ses commentaires donnent ses raisons) :


# %%
def colleague_setup(learning_rate, weight_decay):
    """en: The colleague's model and optimizer (to be fixed in exercise 3).

    fr: Le modèle et l'optimiseur du collègue (à corriger à l'exercice 3).
    """
    ct.reseed()
    # en: "Keep section 4's penalty: with SGD, weight_decay = 2λ, so λ = weight_decay / 2."
    # fr: « On garde la pénalité de la section 4 : avec la SGD, weight_decay = 2λ, donc
    # fr: λ = weight_decay / 2. »
    penalty = keras.regularizers.L2(weight_decay / 2)
    model = keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(32, activation="relu", kernel_regularizer=penalty, name="hidden"),
            keras.layers.Dense(10, activation="softmax", kernel_regularizer=penalty, name="out"),
        ],
        name="digits",
    )
    # en: "A step decays a weight by learning_rate · weight_decay · w: pass that product."
    # fr: « Un pas réduit un poids de learning_rate · weight_decay · w : passons ce produit. »
    optimizer = keras.optimizers.AdamW(learning_rate, weight_decay=learning_rate * weight_decay)
    optimizer.exclude_from_weight_decay(var_names=["bias"])
    return model, optimizer


# %% [markdown] lang="en"
# The course's helper `ct.one_decay_step(name, learning_rate, weight_decay)` shows what one
# update does when the data give no gradient at all. It calls the function `name`, sets
# every trainable variable of the model to values of size 0.5 to 1.5 (so that each one can
# visibly shrink), then makes one update as `fit` would with a data loss whose gradient is
# 0: the only gradient left is that of the penalties (`model.losses`). It reports the sum
# of the penalties, and for each variable the smallest and largest ratio (new value / old
# value) over its elements. With `learning_rate=0.1` and `weight_decay=0.5`, the intended
# set-up would give exactly 0.95 for every kernel weight and 1 for every bias, and no
# penalty.

# %% [markdown] lang="fr"
# La fonction `ct.one_decay_step(name, learning_rate, weight_decay)` du cours montre ce que
# fait une mise à jour quand les données ne donnent aucun gradient. Elle appelle la fonction
# `name`, donne à chaque variable entraînable du modèle des valeurs de taille 0,5 à 1,5 (pour
# que chacune puisse visiblement diminuer), puis fait une mise à jour comme le ferait `fit`
# avec une perte sur les données de gradient nul : il ne reste que le gradient des pénalités
# (`model.losses`). Elle renvoie la somme des pénalités et, pour chaque variable, le plus
# petit et le plus grand rapport (nouvelle valeur / ancienne valeur) sur ses éléments. Avec
# `learning_rate=0.1` et `weight_decay=0.5`, la configuration voulue donnerait exactement
# 0,95 pour chaque poids des noyaux, 1 pour chaque biais, et aucune pénalité.

# %%
print(
    f"{_(en='variable', fr='variable'):<20} "
    f"{_(en='smallest ratio', fr='plus petit rapport'):>18} "
    f"{_(en='largest ratio', fr='plus grand rapport'):>18}"
)
diagnosis = ct.one_decay_step("colleague_setup", 0.1, 0.5)
for path, (low, high) in diagnosis["ratios"].items():
    print(f"{path:<20} {low:>18.4f} {high:>18.4f}")
print(
    _(en="penalties in the loss:", fr="pénalités dans la perte :"), round(diagnosis["penalty"], 2)
)

# %% [markdown] lang="en"
# The biases are left alone, as intended, but the kernel weights are multiplied by 0.7951 to
# 0.9283, far from a uniform 0.95, and the loss holds a penalty (632.95 here).
#
# ### Exercise 3 — apply the decay once (2 points)
#
# Find what makes the colleague's kernels decay differently from the intended
# $1 - \text{learning\_rate}\cdot\text{weight\_decay}$ per update, and write
# `adamw_setup(learning_rate, weight_decay)`: a corrected copy of `colleague_setup` that
# returns the pair `(model, optimizer)` of the intended set-up. You can check it with
# `ct.one_decay_step("adamw_setup", 0.1, 0.5)`.
#
# What the tests check, with `learning_rate=0.1, weight_decay=0.5` (visible) and two other
# pairs drawn at random, `learning_rate` from 0.001 to 0.05 and `weight_decay` from 0.05 to
# 1, with other values of the variables (hidden): a pair is returned; the model is the same
# network (kernels of shapes (64, 32) and (32, 10), biases of shapes (32,) and (10,),
# activations ReLU then softmax); and `ct.one_decay_step` finds no penalty in the loss
# (sum 0), every kernel weight multiplied by $1 - \text{learning\_rate}\cdot
# \text{weight\_decay}$ within $10^{-5}$, and every bias by 1 within $10^{-6}$.

# %% [markdown] lang="fr"
# Les biais ne bougent pas, comme voulu, mais les poids des noyaux sont multipliés par
# 0,7951 à 0,9283, loin d'un 0,95 uniforme, et la perte contient une pénalité (ici 632,95).
#
# ### Exercice 3 — appliquer la décroissance une seule fois (2 points)
#
# Trouvez ce qui fait décroître les noyaux du collègue autrement que de
# $1 - \text{learning\_rate}\cdot\text{weight\_decay}$ par mise à jour, et écrivez
# `adamw_setup(learning_rate, weight_decay)` : une copie corrigée de `colleague_setup` qui
# renvoie le couple `(model, optimizer)` de la configuration voulue. Vous pouvez la vérifier
# avec `ct.one_decay_step("adamw_setup", 0.1, 0.5)`.
#
# Ce que vérifient les tests, avec `learning_rate=0.1, weight_decay=0.5` (visibles) et deux
# autres couples tirés au hasard, `learning_rate` de 0,001 à 0,05 et `weight_decay` de 0,05
# à 1, avec d'autres valeurs des variables (cachés) : un couple est renvoyé ; le modèle est
# le même réseau (noyaux de formes (64, 32) et (32, 10), biais de formes (32,) et (10,),
# activations ReLU puis softmax) ; et `ct.one_decay_step` ne trouve aucune pénalité dans la
# perte (somme nulle), chaque poids des noyaux multiplié par
# $1 - \text{learning\_rate}\cdot\text{weight\_decay}$ à $10^{-5}$ près, et chaque biais par
# 1 à $10^{-6}$ près.


# %% nbgrader="solution" grade_id="fix_double_decay"
def adamw_setup(learning_rate, weight_decay):
    ### BEGIN SOLUTION
    ct.reseed()
    model = keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(32, activation="relu", name="hidden"),
            keras.layers.Dense(10, activation="softmax", name="out"),
        ],
        name="digits",
    )
    optimizer = keras.optimizers.AdamW(learning_rate, weight_decay=weight_decay)
    optimizer.exclude_from_weight_decay(var_names=["bias"])
    return model, optimizer
    ### END SOLUTION


# %% nbgrader="tests" grade_id="fix_double_decay_tests" points=2
# en: Visible tests: run this cell to check your set-up.
# fr: Tests visibles : exécutez cette cellule pour vérifier votre configuration.
def _check_setup(lr, wd, seed):
    """en: Check adamw_setup(lr, wd) as the exercise says; return what one update did.

    fr: Vérifie adamw_setup(lr, wd) comme le dit l'exercice ; renvoie l'effet d'une mise à jour.
    """
    result = adamw_setup(lr, wd)
    assert isinstance(result, tuple) and len(result) == 2, _(
        en="adamw_setup must return the pair (model, optimizer).",
        fr="adamw_setup doit renvoyer le couple (model, optimizer).",
    )
    model = result[0]
    assert isinstance(model, keras.Model), _(
        en="The first element of the pair must be the Keras model.",
        fr="Le premier élément du couple doit être le modèle Keras.",
    )
    shapes = [tuple(w.shape) for w in model.get_weights()]
    activations = [layer.get_config().get("activation") for layer in model.layers]
    assert shapes == [(64, 32), (32,), (32, 10), (10,)] and activations == ["relu", "softmax"], _(
        en=f"Keep the colleague's network: weights of shapes {shapes} and activations "
        f"{activations} instead of (64, 32), (32,), (32, 10), (10,) and relu, softmax.",
        fr=f"Gardez le réseau du collègue : poids de formes {shapes} et activations "
        f"{activations} au lieu de (64, 32), (32,), (32, 10), (10,) et relu, softmax.",
    )
    step = ct.one_decay_step("adamw_setup", lr, wd, seed=seed)
    kernels = [r for p, r in step["ratios"].items() if p.endswith("kernel")]
    biases = [r for p, r in step["ratios"].items() if p.endswith("bias")]
    low = min(r[0] for r in kernels)
    high = max(r[1] for r in kernels)
    expected = 1 - lr * wd
    if step["penalty"] > 0:
        raise AssertionError(
            _(
                en=f"The loss still contains a penalty (sum {step['penalty']:.4g}), so the kernels "
                f"are decayed twice: by AdamW, and by the penalty's gradient, which Adam divides by "
                f"sqrt(v̂) (kernel weights multiplied by {low:.4f} to {high:.4f} instead of "
                f"{expected:.4f}). Remove the penalty: AdamW's weight_decay is the only decay wanted.",
                fr=f"La perte contient encore une pénalité (somme {step['penalty']:.4g}) : les noyaux "
                f"décroissent donc deux fois, par AdamW et par le gradient de la pénalité, qu'Adam "
                f"divise par sqrt(v̂) (poids des noyaux multipliés par {low:.4f} à {high:.4f} au "
                f"lieu de {expected:.4f}). Retirez la pénalité : seule la décroissance d'AdamW est voulue.",
            )
        )
    if abs(low - (1 - lr * lr * wd)) < 1e-5 and abs(high - (1 - lr * lr * wd)) < 1e-5:
        raise AssertionError(
            _(
                en=f"The kernels are multiplied by {low:.4f} per update, not {expected:.4f}: you "
                "passed learning_rate · weight_decay, and Keras multiplies it by the learning rate "
                "again (w - w·weight_decay·lr). The learning rate is counted twice: pass "
                "weight_decay as it is.",
                fr=f"Les noyaux sont multipliés par {low:.4f} à chaque mise à jour, et non par "
                f"{expected:.4f} : vous avez passé learning_rate · weight_decay, et Keras le "
                "multiplie encore par le taux d'apprentissage (w - w·weight_decay·lr). Le taux "
                "d'apprentissage est compté deux fois : passez weight_decay tel quel.",
            )
        )
    if abs(low - 1) < 1e-6 and abs(high - 1) < 1e-6:
        raise AssertionError(
            _(
                en="The kernels are not decayed at all: use AdamW(learning_rate, "
                "weight_decay=weight_decay), and check that exclude_from_weight_decay does not "
                "exempt the kernels.",
                fr="Les noyaux ne décroissent pas du tout : utilisez AdamW(learning_rate, "
                "weight_decay=weight_decay), et vérifiez qu'exclude_from_weight_decay n'exempte "
                "pas les noyaux.",
            )
        )
    assert abs(low - expected) < 1e-5 and abs(high - expected) < 1e-5, _(
        en=f"The kernel weights are multiplied by {low:.4f} to {high:.4f} per update, expected "
        f"exactly {expected:.4f} = 1 - learning_rate·weight_decay.",
        fr=f"Les poids des noyaux sont multipliés par {low:.4f} à {high:.4f} à chaque mise à jour, "
        f"au lieu d'exactement {expected:.4f} = 1 - learning_rate·weight_decay.",
    )
    assert all(abs(r[0] - 1) < 1e-6 and abs(r[1] - 1) < 1e-6 for r in biases), _(
        en="The biases are decayed too: exempt them with "
        'optimizer.exclude_from_weight_decay(var_names=["bias"]).',
        fr="Les biais décroissent aussi : exemptez-les avec "
        'optimizer.exclude_from_weight_decay(var_names=["bias"]).',
    )
    return low, high


_low, _high = _check_setup(0.1, 0.5, seed=1)
print(
    _(
        en="Visible tests passed: kernels multiplied by",
        fr="Tests visibles réussis : noyaux multipliés par",
    ),
    round(_low, 4),
    _(en="per update, biases by 1.", fr="à chaque mise à jour, biais par 1."),
)
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(ct.fresh_seed())
for _case in range(2):
    _check_setup(
        float(_rng.uniform(0.001, 0.05)),
        float(_rng.uniform(0.05, 1.0)),
        seed=int(_rng.integers(2**31)),
    )
### END HIDDEN TESTS

# %% [markdown] lang="en"
# With the fix, one update multiplies every kernel weight by 0.95 and leaves the biases
# alone. Two mistakes of the colleague each applied something twice. The L2 penalty was a
# second decay on top of AdamW's, and not even a decay proportional to the weights: Adam
# divides its gradient by $\sqrt{\hat v}$. And the learning rate was applied twice: Keras
# already multiplies `weight_decay` by it. Their comments show where each mistake came
# from: the equivalence $d = 2\lambda$ holds for plain SGD only (section 2), and
# `weight_decay` is not the decay of one step but that decay divided by the learning rate.

# %% [markdown] lang="fr"
# Une fois corrigée, une mise à jour multiplie chaque poids des noyaux par 0,95 et laisse les
# biais intacts. Deux erreurs du collègue appliquaient chacune quelque chose deux fois. La
# pénalité L2 était une seconde décroissance en plus de celle d'AdamW, et pas même une
# décroissance proportionnelle aux poids : Adam divise son gradient par $\sqrt{\hat v}$. Et
# le taux d'apprentissage était appliqué deux fois : Keras multiplie déjà `weight_decay` par
# lui. Ses commentaires montrent d'où vient chaque erreur : l'équivalence $d = 2\lambda$ ne
# vaut que pour la SGD simple (section 2), et `weight_decay` n'est pas la décroissance d'un
# pas, mais cette décroissance divisée par le taux d'apprentissage.

# %% [markdown] lang="en"
# ## Key points
# - With plain SGD, Keras' `L2(λ)` (no $\tfrac12$) gives the step
#   $w - \eta(g + 2\lambda w)$: a decay of $2\eta\lambda w$ plus the usual gradient step.
# - The optimizers of `keras.optimizers` take `weight_decay=d`: before their update, they
#   multiply each trainable variable by $1 - \eta d$ (the current learning rate). Only
#   `AdamW` and `Muon` decay by default (`0.004`); `AdamW` is `Adam` with that default.
# - `SGD(weight_decay=2λ)` equals `L2(λ)` on every weight; with momentum the two already
#   differ, and with Adam they are different algorithms.
# - `weight_decay` applies to all trainable variables, biases and batch normalization's
#   $\gamma$, $\beta$ included; exempt them with
#   `optimizer.exclude_from_weight_decay(var_names=["bias", "gamma", "beta"])` before
#   training (names are searched in the full variable path with TensorFlow).
# - Adam divides the penalty's gradient by $\sqrt{\hat v}$, so Adam + L2 decays weights with
#   small gradients strongly and those with large gradients hardly at all. AdamW decouples
#   the decay from the gradient: every weight decays at the same rate $\eta d$.
# - A weight that gets no gradient is multiplied by $(1 - \eta d)^{n}$ after $n$ updates,
#   and `fit` makes one update per batch, the last, smaller batch included.
# - Keras multiplies `weight_decay` by the learning rate; the $\lambda$ of Loshchilov and
#   Hutter is not multiplied by Adam's learning rate $\alpha$, so it corresponds to
#   `weight_decay = λ / α`. A good decay value depends on the number of updates (the paper's
#   normalized weight decay): the same `weight_decay` with batches of 10 instead of 250
#   left 0.3670 of a weight instead of 0.9607 over the same 2 epochs.
# - Decay once: an L2 penalty on top of AdamW's `weight_decay` decays the kernels twice, and
#   `weight_decay = lr · d` counts the learning rate twice.
#
# Next lesson: dropout.

# %% [markdown] lang="fr"
# ## À retenir
# - Avec la SGD simple, le `L2(λ)` de Keras (sans $\tfrac12$) donne le pas
#   $w - \eta(g + 2\lambda w)$ : une décroissance de $2\eta\lambda w$ plus le pas de gradient
#   habituel.
# - Les optimiseurs de `keras.optimizers` acceptent `weight_decay=d` : avant leur mise à
#   jour, ils multiplient chaque variable entraînable par $1 - \eta d$ (avec le taux
#   d'apprentissage courant). Seuls `AdamW` et `Muon` appliquent une décroissance par défaut
#   (`0.004`) ; `AdamW` est `Adam` avec cette valeur par défaut.
# - `SGD(weight_decay=2λ)` équivaut à `L2(λ)` sur tous les poids ; avec le momentum, les
#   deux diffèrent déjà, et avec Adam ce sont deux algorithmes différents.
# - `weight_decay` s'applique à toutes les variables entraînables, biais et $\gamma$, $\beta$
#   de la normalisation par lots compris ; exemptez-les avec
#   `optimizer.exclude_from_weight_decay(var_names=["bias", "gamma", "beta"])` avant
#   l'entraînement (avec TensorFlow, les noms sont cherchés dans le chemin complet de la
#   variable).
# - Adam divise le gradient de la pénalité par $\sqrt{\hat v}$ : Adam + L2 fait fortement
#   décroître les poids à petits gradients et presque pas ceux à grands gradients. AdamW
#   découple la décroissance du gradient : chaque poids décroît au même rythme $\eta d$.
# - Un poids qui ne reçoit aucun gradient est multiplié par $(1 - \eta d)^{n}$ après $n$
#   mises à jour, et `fit` fait une mise à jour par lot, y compris le dernier lot, plus
#   petit.
# - Keras multiplie `weight_decay` par le taux d'apprentissage ; le $\lambda$ de Loshchilov
#   et Hutter n'est pas multiplié par le taux d'apprentissage $\alpha$ d'Adam, il correspond
#   donc à `weight_decay = λ / α`. Une bonne valeur de décroissance dépend du nombre de mises
#   à jour (la décroissance normalisée de l'article) : le même `weight_decay` avec des lots
#   de 10 au lieu de 250 a laissé 0,3670 d'un poids au lieu de 0,9607 sur les 2 mêmes époques.
# - Une seule décroissance : une pénalité L2 en plus du `weight_decay` d'AdamW fait décroître
#   les noyaux deux fois, et `weight_decay = lr · d` compte deux fois le taux
#   d'apprentissage.
#
# Leçon suivante : le dropout (abandon).
