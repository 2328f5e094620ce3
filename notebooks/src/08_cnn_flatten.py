# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] lang="en"
# # Lesson 8 — Convolutional networks and Flatten
#
# **Goal.** By the end of this lesson you can (1) predict the output shape and the number
# of parameters of a `Conv2D` layer, (2) say what `MaxPooling2D` and `Flatten` do and when
# `Flatten` is needed before a `Dense` layer, and (3) build and train a small convolutional
# network on images of digits. Along the way we look at convolutional networks from the
# angle of this course: sharing weights and pooling globally are ways of **building
# regularization into the architecture**, with far fewer parameters than fully connected
# layers.

# %% [markdown] lang="fr"
# # Leçon 8 — Réseaux convolutifs et Flatten
#
# **Objectif.** À la fin de cette leçon, vous saurez (1) prévoir la forme de sortie et le
# nombre de paramètres d'une couche `Conv2D`, (2) expliquer ce que font `MaxPooling2D` et
# `Flatten`, et quand `Flatten` est nécessaire avant une couche `Dense`, et (3) construire et
# entraîner un petit réseau convolutif sur des images de chiffres. Chemin faisant, nous
# regarderons les réseaux convolutifs sous l'angle de ce cours : le partage des poids et le
# regroupement global sont des façons d'**inscrire la régularisation dans l'architecture**,
# avec beaucoup moins de paramètres que des couches entièrement connectées.

# %%
import coursetools as ct  # first: it quiets TensorFlow before TensorFlow loads

ct.setup(_(en="en", fr="fr"))

import keras
import matplotlib.pyplot as plt
import numpy as np

# %% [markdown] lang="en"
# ## 1. What a convolution computes
#
# Our images are scikit-learn's 8×8 handwritten digits, stored as arrays of shape
# `(height, width, channels)` = `(8, 8, 1)`: one channel, since they are grayscale (a color
# image has 3). `ct.load_digits_images()` returns 1,000 training and 500 validation images,
# scaled to [0, 1]; nothing is downloaded.
#
# A `Conv2D` layer with `filters=8` and `kernel_size=3` holds 8 small **kernels** of size
# 3×3×(input channels). Each kernel slides over the image; at every position it multiplies
# the 3×3 patch under it by its weights, sums, and adds its bias. One kernel thus produces one
# 2-D **feature map**, and the layer stacks its 8 maps along the channel axis. In formula,
# for filter $f$ at position $(i, j)$:
#
# $$\text{out}[i, j, f] = \text{activation}\Big(\sum_{a, b, c} x[i + a,\ j + b,\ c]\;
# W[a, b, c, f] + b_f\Big)$$
#
# (Deep learning libraries do not flip the kernel, so strictly speaking this is a
# cross-correlation; everybody calls it a convolution anyway.) Let us check it with NumPy on
# one digit, at every position and for every filter.

# %% [markdown] lang="fr"
# ## 1. Ce que calcule une convolution
#
# Nos images sont les chiffres manuscrits 8×8 de scikit-learn, rangés dans des tableaux de
# forme `(hauteur, largeur, canaux)` = `(8, 8, 1)` : un seul canal, car elles sont en niveaux
# de gris (une image en couleur en a 3). `ct.load_digits_images()` renvoie 1 000 images
# d'entraînement et 500 de validation, ramenées dans [0, 1] ; rien n'est téléchargé.
#
# Une couche `Conv2D` avec `filters=8` et `kernel_size=3` contient 8 petits **noyaux** de
# taille 3×3×(canaux d'entrée). Chaque noyau glisse sur l'image ; à chaque position, il
# multiplie la fenêtre 3×3 qu'il recouvre par ses poids, fait la somme et ajoute son biais.
# Un noyau produit ainsi une **carte de caractéristiques** (*feature map*) en 2D, et la
# couche empile ses 8 cartes le long de l'axe des canaux. En formule, pour le filtre $f$ à la
# position $(i, j)$ :
#
# $$\text{sortie}[i, j, f] = \text{activation}\Big(\sum_{a, b, c} x[i + a,\ j + b,\ c]\;
# W[a, b, c, f] + b_f\Big)$$
#
# (Les bibliothèques d'apprentissage profond ne retournent pas le noyau : au sens strict,
# c'est une corrélation croisée, mais tout le monde parle de convolution.) Vérifions-le avec
# NumPy sur un chiffre, à toutes les positions et pour tous les filtres.

# %%
x_train, y_train, x_val, y_val = ct.load_digits_images()
print(_(en="training images:  ", fr="images d'entraînement :"), x_train.shape)
print(_(en="validation images:", fr="images de validation :  "), x_val.shape)

ct.reseed()
conv = keras.layers.Conv2D(8, 3, bias_initializer="random_normal")
image = x_train[:1]  # a batch of one image, shape (1, 8, 8, 1)
keras_maps = np.asarray(conv(image))[0]
kernel, bias = conv.get_weights()
numpy_maps = np.zeros((6, 6, 8), dtype="float32")
for i in range(6):
    for j in range(6):
        patch = image[0, i : i + 3, j : j + 3, :]  # shape (3, 3, 1)
        for f in range(8):
            numpy_maps[i, j, f] = np.sum(patch * kernel[:, :, :, f]) + bias[f]
print(_(en="kernel shape:", fr="forme du noyau :"), kernel.shape)
print(_(en="bias shape:  ", fr="forme du biais :"), bias.shape)
print(_(en="output shape:", fr="forme de la sortie :"), keras_maps.shape)
print(
    _(en="Keras and NumPy agree to 1e-5:", fr="Keras et NumPy concordent à 1e-5 près :"),
    bool(np.abs(keras_maps - numpy_maps).max() < 1e-5),
)

# %% [markdown] lang="en"
# Here is the digit and its 8 feature maps of 6×6 values. The weights are still random, so
# the maps are only blurred or contrasted versions of the digit; training will turn the
# kernels into detectors of useful strokes.

# %% [markdown] lang="fr"
# Voici le chiffre et ses 8 cartes de caractéristiques de 6×6 valeurs. Les poids sont encore
# aléatoires : les cartes ne sont que des versions floutées ou contrastées du chiffre ;
# l'entraînement fera des noyaux des détecteurs de traits utiles.

# %%
fig, axes = plt.subplots(1, 9, figsize=(9, 1.6))
axes[0].imshow(image[0, :, :, 0], cmap="gray_r")
axes[0].set_title(_(en=f"digit {y_train[0]}", fr=f"chiffre {y_train[0]}"), fontsize="small")
for f in range(8):
    axes[f + 1].imshow(keras_maps[:, :, f], cmap="viridis")
    axes[f + 1].set_title(_(en=f"filter {f}", fr=f"filtre {f}"), fontsize="small")
for ax in axes:
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
fig.supxlabel(_(en="width (pixels)", fr="largeur (pixels)"), fontsize="small")
fig.supylabel(_(en="height", fr="hauteur"), fontsize="small")
plt.show()
print(_(en="label:", fr="étiquette :"), int(y_train[0]))
print(_(en="min per map:", fr="minimum par carte :"), keras_maps.min(axis=(0, 1)).round(4))
print(_(en="max per map:", fr="maximum par carte :"), keras_maps.max(axis=(0, 1)).round(4))

# %% [markdown] lang="en"
# The kernel has shape `(kernel height, kernel width, input channels, filters)` and the bias
# one value per filter. Hence the number of parameters of a `Conv2D` layer:
#
# $$(k_h \times k_w \times \text{in\_channels} + 1) \times \text{filters}$$
#
# where the `+ 1` is the bias (gone with `use_bias=False`). Note what does *not* appear: the
# height and width of the image. The same 3×3 weights are used at every position, whatever
# the size of the image. Let us compare the formula with Keras on a few layers, including a
# second convolution that reads the 8 channels produced by a first one.

# %% [markdown] lang="fr"
# Le noyau a la forme `(hauteur du noyau, largeur du noyau, canaux d'entrée, filtres)` et le
# biais compte une valeur par filtre. D'où le nombre de paramètres d'une couche `Conv2D` :
#
# $$(k_h \times k_w \times \text{canaux\_entrée} + 1) \times \text{filtres}$$
#
# où le `+ 1` est le biais (qui disparaît avec `use_bias=False`). Remarquez ce qui
# n'apparaît *pas* : la hauteur et la largeur de l'image. Les mêmes poids 3×3 servent à
# toutes les positions, quelle que soit la taille de l'image. Comparons la formule avec Keras
# sur quelques couches, dont une seconde convolution qui lit les 8 canaux produits par une
# première.

# %%
print(
    f"{_(en='kernel', fr='noyau'):>6} | {_(en='in ch.', fr='can. e.'):>7} | "
    f"{_(en='filters', fr='filtres'):>7} | {_(en='bias', fr='biais'):>5} | "
    f"{_(en='formula', fr='formule'):>7} | Keras"
)
for kh, kw, in_channels, filters, use_bias in [
    (3, 3, 1, 8, True),
    (3, 3, 8, 16, True),
    (5, 5, 3, 32, True),
    (2, 3, 1, 16, False),
]:
    layer = keras.layers.Conv2D(filters, (kh, kw), use_bias=use_bias)
    layer.build((None, 8, 8, in_channels))
    formula = (kh * kw * in_channels + int(use_bias)) * filters
    print(
        f"{f'{kh}x{kw}':>6} | {in_channels:>7} | {filters:>7} | {str(use_bias):>5} | "
        f"{formula:>7} | {layer.count_params()}"
    )

# %% [markdown] lang="en"
# ### Exercise 1 — parameters of a convolution (2 points)
#
# Write `conv_params(kh, kw, in_channels, filters, use_bias=True)` that returns the number of
# parameters (an integer) of a `Conv2D` layer with `filters` kernels of size `kh × kw`,
# reading an input with `in_channels` channels, with or without bias.

# %% [markdown] lang="fr"
# ### Exercice 1 — les paramètres d'une convolution (2 points)
#
# Écrivez `conv_params(kh, kw, in_channels, filters, use_bias=True)` qui renvoie le nombre
# de paramètres (un entier) d'une couche `Conv2D` à `filters` noyaux de taille `kh × kw`,
# qui lit une entrée à `in_channels` canaux, avec ou sans biais.


# %% nbgrader="solution" grade_id="conv_params"
def conv_params(kh, kw, in_channels, filters, use_bias=True):
    ### BEGIN SOLUTION
    return int((kh * kw * in_channels + (1 if use_bias else 0)) * filters)
    ### END SOLUTION


# %% nbgrader="tests" grade_id="conv_params_tests" points=2
# Visible tests: run this cell to check your function.
_got = ct.plain(conv_params(3, 3, 1, 8))
assert _got != 3 * 3 * 1 * 8, _(
    en="The bias is missing: each filter also has one bias, (kh*kw*in_channels + 1) * filters.",
    fr="Le biais manque : chaque filtre a aussi un biais, (kh*kw*canaux + 1) * filtres.",
)
assert _got == 80, _(
    en=f"Conv2D(8, 3) on a 1-channel image has 80 parameters, not {_got}.",
    fr=f"Conv2D(8, 3) sur une image à 1 canal a 80 paramètres, et non {_got}.",
)
_got = ct.plain(conv_params(3, 3, 4, 8))
assert _got != (3 * 3 + 1) * 8, _(
    en="The input channels are missing: each kernel is kh x kw x in_channels.",
    fr="Les canaux d'entrée manquent : chaque noyau est de taille kh x kw x canaux d'entrée.",
)
assert _got == 296, _(
    en=f"Conv2D(8, 3) on a 4-channel input has 296 parameters, not {_got}.",
    fr=f"Conv2D(8, 3) sur une entrée à 4 canaux a 296 paramètres, et non {_got}.",
)
_got = ct.plain(conv_params(3, 3, 4, 8, use_bias=False))
assert _got == 288, _(
    en=f"With use_bias=False there is no bias: 288 parameters, not {_got}.",
    fr=f"Avec use_bias=False, il n'y a pas de biais : 288 paramètres, et non {_got}.",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
# Layers drawn at grading time; Keras counts their parameters.
_rng = np.random.default_rng(ct.fresh_seed())
for _bias in (True, False, True, False, True):
    _kh, _kw = (int(_v) for _v in _rng.integers(1, 8, size=2))
    _c, _f = (int(_v) for _v in _rng.integers(2, 65, size=2))
    _layer = keras.layers.Conv2D(_f, (_kh, _kw), use_bias=_bias)
    _layer.build((None, 9, 9, _c))
    _got = ct.plain(conv_params(_kh, _kw, _c, _f, use_bias=_bias))
    assert _got == _layer.count_params(), (_kh, _kw, _c, _f, _bias, _got)
assert isinstance(conv_params(3, 3, 1, 8), (int, np.integer))
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## 2. Padding and stride: the output shape
#
# With the default `padding="valid"`, the kernel only visits positions where it fits
# entirely inside the image: along an axis of length $h$, a kernel of size $k$ has
# $h - k + 1$ positions (6 positions for $h = 8$, $k = 3$, as above). With `padding="same"`,
# Keras pads the border with zeros so that the output keeps the input's size.
#
# The **stride** is the step between two positions (1 by default). With stride $s$ the
# kernel visits every $s$-th position only, so
#
# - `"valid"`: $\lfloor (h - k) / s \rfloor + 1$ (first position at 0, last one at most at
#   $h - k$);
# - `"same"`: $\lceil h / s \rceil$ (whatever the kernel size).
#
# The number of output channels is always the number of filters. Keras computes these
# shapes when a layer is applied to a symbolic `keras.Input`; we print them next to the
# formulas.

# %% [markdown] lang="fr"
# ## 2. Remplissage et pas : la forme de sortie
#
# Avec le réglage par défaut `padding="valid"`, le noyau ne visite que les positions où il
# tient entièrement dans l'image : le long d'un axe de longueur $h$, un noyau de taille $k$ a
# $h - k + 1$ positions (6 positions pour $h = 8$, $k = 3$, comme ci-dessus). Avec
# `padding="same"`, Keras complète le bord par des zéros (*remplissage*) pour que la sortie
# garde la taille de l'entrée.
#
# Le **pas** (*stride*) est l'écart entre deux positions (1 par défaut). Avec un pas $s$, le
# noyau ne visite qu'une position sur $s$, donc
#
# - `"valid"` : $\lfloor (h - k) / s \rfloor + 1$ (première position en 0, dernière au plus
#   en $h - k$) ;
# - `"same"` : $\lceil h / s \rceil$ (quelle que soit la taille du noyau).
#
# Le nombre de canaux de sortie est toujours le nombre de filtres. Keras calcule ces formes
# quand on applique une couche à une entrée symbolique `keras.Input` ; nous les affichons à
# côté des formules.

# %%
print(
    f"{_(en='input', fr='entrée'):>8} | {_(en='kernel', fr='noyau'):>6} | padding | "
    f"{_(en='stride', fr='pas'):>6} | {_(en='formula', fr='formule'):>12} | Keras"
)
for h, w, k, padding, s in [
    (8, 8, 3, "valid", 1),
    (8, 8, 3, "same", 1),
    (8, 8, 3, "valid", 2),
    (8, 8, 3, "same", 2),
    (7, 9, 2, "valid", 3),
    (7, 9, 2, "same", 3),
]:
    if padding == "valid":
        formula = ((h - k) // s + 1, (w - k) // s + 1, 4)
    else:
        formula = (-(-h // s), -(-w // s), 4)  # -(-a // b) is the ceiling of a / b
    layer = keras.layers.Conv2D(4, k, strides=s, padding=padding)
    keras_shape = tuple(layer(keras.Input((h, w, 1))).shape[1:])
    print(
        f"{f'{h}x{w}x1':>8} | {k:>6} | {padding:>7} | {s:>6} | {str(formula):>12} | {keras_shape}"
    )

# %% [markdown] lang="en"
# ### Exercise 2 — output shape of a convolution (2 points)
#
# Write `conv_output_shape(h, w, kernel, filters, padding="valid", stride=1)` that returns the
# shape `(out_h, out_w, channels)` of the output of
# `Conv2D(filters, kernel, strides=stride, padding=padding)` applied to an input of height
# `h` and width `w` (batch axis excluded), as a tuple of three integers. `kernel` and `stride`
# are integers (square kernel, same stride along both axes); `padding` is `"valid"` or
# `"same"`.

# %% [markdown] lang="fr"
# ### Exercice 2 — la forme de sortie d'une convolution (2 points)
#
# Écrivez `conv_output_shape(h, w, kernel, filters, padding="valid", stride=1)` qui renvoie
# la forme `(hauteur, largeur, canaux)` de la sortie de
# `Conv2D(filters, kernel, strides=stride, padding=padding)` appliquée à une entrée de
# hauteur `h` et de largeur `w` (sans l'axe du lot), sous forme d'un tuple de trois entiers.
# `kernel` et `stride` sont des entiers (noyau carré, même pas sur les deux axes) ;
# `padding` vaut `"valid"` ou `"same"`.


# %% nbgrader="solution" grade_id="conv_output_shape"
def conv_output_shape(h, w, kernel, filters, padding="valid", stride=1):
    ### BEGIN SOLUTION
    if padding == "same":
        out_h, out_w = -(-h // stride), -(-w // stride)
    else:
        out_h, out_w = (h - kernel) // stride + 1, (w - kernel) // stride + 1
    return (int(out_h), int(out_w), int(filters))
    ### END SOLUTION


# %% nbgrader="tests" grade_id="conv_output_shape_tests" points=2
# Visible tests: run this cell to check your function.
def _shape(*args, **kwargs):
    return tuple(int(v) for v in ct.plain(conv_output_shape(*args, **kwargs)))


_got = _shape(8, 8, 3, 16, padding="valid", stride=1)
assert _got != (8, 8, 16), _(
    en="'valid' is computed like 'same': without padding, a 3x3 kernel fits at h - 3 + 1 positions.",
    fr="'valid' est calculé comme 'same' : sans remplissage, un noyau 3x3 tient à h - 3 + 1 positions.",
)
assert _got != (5, 5, 16), _(
    en="Off by one: a kernel of size k fits at h - k + 1 positions, not h - k.",
    fr="Décalage d'une unité : un noyau de taille k tient à h - k + 1 positions, et non h - k.",
)
assert _got == (6, 6, 16), _(
    en=f"Conv2D(16, 3) on 8x8 with 'valid' gives (6, 6, 16), not {_got}.",
    fr=f"Conv2D(16, 3) sur du 8x8 avec 'valid' donne (6, 6, 16), et non {_got}.",
)
_got = _shape(8, 8, 3, 16, padding="same", stride=1)
assert _got == (8, 8, 16), _(
    en=f"With 'same' and stride 1 the size is kept: (8, 8, 16), not {_got}.",
    fr=f"Avec 'same' et un pas de 1, la taille est conservée : (8, 8, 16), et non {_got}.",
)
_got = _shape(7, 9, 2, 4, padding="valid", stride=3)
assert _got != (6, 8, 4), _(
    en="The stride is ignored: with stride s the kernel visits one position in s.",
    fr="Le pas est ignoré : avec un pas s, le noyau ne visite qu'une position sur s.",
)
assert _got == (2, 3, 4), _(
    en=f"7x9 input, kernel 2, 'valid', stride 3 gives (2, 3, 4), not {_got}: (h - k) // s + 1.",
    fr=f"Entrée 7x9, noyau 2, 'valid', pas 3 donne (2, 3, 4), et non {_got} : (h - k) // s + 1.",
)
_got = _shape(7, 9, 2, 4, padding="same", stride=3)
assert _got != (2, 3, 4), _(
    en="With 'same', the output size is h / s rounded up (ceiling), not down.",
    fr="Avec 'same', la taille de sortie est h / s arrondi au-dessus (partie entière supérieure), pas en dessous.",
)
assert _got == (3, 3, 4), _(
    en=f"7x9 input, 'same', stride 3 gives (3, 3, 4), not {_got}.",
    fr=f"Entrée 7x9, 'same', pas 3 donne (3, 3, 4), et non {_got}.",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
# Inputs drawn at grading time, each padding with strides 1 to 4; Keras gives the shapes.
_rng = np.random.default_rng(ct.fresh_seed())
for _p in ("valid", "same") * 5:
    _h, _w = (int(_v) for _v in _rng.integers(5, 40, size=2))
    _k, _s = int(_rng.integers(1, 6)), int(_rng.integers(1, 5))
    _f = int(_rng.integers(1, 65))
    _expected = tuple(
        keras.layers.Conv2D(_f, _k, strides=_s, padding=_p)(keras.Input((_h, _w, 3))).shape[1:]
    )
    assert _shape(_h, _w, _k, _f, padding=_p, stride=_s) == _expected, (_h, _w, _k, _f, _p, _s)
assert len(ct.plain(conv_output_shape(8, 8, 3, 8))) == 3
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## 3. Pooling
#
# A `MaxPooling2D` layer (default window 2×2, stride 2) keeps the largest value of each
# 2×2 block of each channel, and halves height and width. It has **no parameters**: it does
# not learn, it summarizes. Keeping the maximum of a block makes the output insensitive to
# small shifts of a feature inside the block, and halving the size divides by 4 the number
# of values that the following layers receive.

# %% [markdown] lang="fr"
# ## 3. Le regroupement (*pooling*)
#
# Une couche `MaxPooling2D` (fenêtre 2×2 et pas de 2 par défaut) garde la plus grande valeur
# de chaque bloc 2×2 de chaque canal, et divise par deux la hauteur et la largeur. Elle n'a
# **aucun paramètre** : elle n'apprend rien, elle résume. Garder le maximum d'un bloc rend la
# sortie insensible aux petits décalages d'une caractéristique à l'intérieur du bloc, et
# diviser la taille par deux divise par 4 le nombre de valeurs que reçoivent les couches
# suivantes.

# %%
block = np.array([[1, 3, 0, 2], [4, 2, 1, 0], [0, 1, 5, 6], [2, 0, 7, 1]], dtype="float32").reshape(
    1, 4, 4, 1
)
pool = keras.layers.MaxPooling2D()
pooled = np.asarray(pool(block))
print(_(en="input (4x4):", fr="entrée (4x4) :"))
print(block[0, :, :, 0])
print(_(en="after MaxPooling2D (2x2):", fr="après MaxPooling2D (2x2) :"))
print(pooled[0, :, :, 0])
print(_(en="parameters:", fr="paramètres :"), pool.count_params())

# %% [markdown] lang="en"
# ## 4. Weight sharing: regularization built into the layer
#
# A convolution is a fully connected layer under two constraints: each output only looks at
# a small neighborhood of the input (**locality**), and all positions use the same weights
# (**weight sharing**). Both come from what we know about images: nearby pixels are related,
# and a stroke means the same thing wherever it is. Let us count what these constraints save:
# we compare a `Conv2D(8, 3, padding="same")` with a `Dense` layer that maps the same input
# values to as many output values (height × width × 8).

# %% [markdown] lang="fr"
# ## 4. Le partage des poids : une régularisation inscrite dans la couche
#
# Une convolution est une couche entièrement connectée soumise à deux contraintes : chaque
# sortie ne regarde qu'un petit voisinage de l'entrée (**localité**), et toutes les positions
# utilisent les mêmes poids (**partage des poids**). Ces deux contraintes traduisent ce que
# l'on sait des images : des pixels voisins sont liés, et un trait a le même sens où qu'il se
# trouve. Comptons ce qu'elles font économiser : nous comparons une
# `Conv2D(8, 3, padding="same")` à une couche `Dense` qui relie les mêmes valeurs d'entrée à
# autant de valeurs de sortie (hauteur × largeur × 8).

# %%
print(
    f"{_(en='input', fr='entrée'):>8} | {_(en='outputs', fr='sorties'):>7} | "
    f"{'Conv2D':>6} | {'Dense':>9} | {_(en='ratio', fr='rapport'):>7}"
)
for side in (8, 28):
    conv = keras.layers.Conv2D(8, 3, padding="same")
    conv.build((None, side, side, 1))
    dense = keras.layers.Dense(side * side * 8)
    dense.build((None, side * side))
    print(
        f"{f'{side}x{side}x1':>8} | {side * side * 8:>7} | {conv.count_params():>6} | "
        f"{dense.count_params():>9} | {dense.count_params() // conv.count_params():>7}"
    )

# %% [markdown] lang="en"
# The convolution has 80 parameters whatever the image size; the equivalent `Dense` layer has
# 33,280 on our 8×8 digits and almost 5 million on 28×28 images. Fewer free parameters means
# less room to memorize the noise of the training set: the prior knowledge "locality +
# sharing" acts as a regularizer that no penalty has to enforce. This is the main reason why
# convolutional networks generalize so much better than fully connected ones on images.

# %% [markdown] lang="fr"
# La convolution a 80 paramètres quelle que soit la taille de l'image ; la couche `Dense`
# équivalente en a 33 280 sur nos chiffres 8×8 et près de 5 millions sur des images 28×28.
# Moins de paramètres libres, c'est moins de place pour mémoriser le bruit du jeu
# d'entraînement : la connaissance a priori « localité + partage » agit comme une
# régularisation, sans qu'aucune pénalité ait à l'imposer. C'est la raison principale pour
# laquelle les réseaux convolutifs généralisent bien mieux que les réseaux entièrement
# connectés sur des images.

# %% [markdown] lang="en"
# ## 5. Is `Flatten` always needed?
#
# A classic question: *"Is it always necessary to include a Flatten operation after a set of
# 2D convolutions (and pooling)? Suppose two models for binary classification, taking as
# input a 2D numerical matrix of 2 rows and 15 columns, with as output a vector of two
# positions (positive and negative): one with `Flatten`, one without."*
#
# The answer hinges on one fact about `Dense`: on an input with more than two axes, it acts
# on the **last axis only**, with the same weights for every position along the other axes.
# On an input of shape `(batch, 2, 15)`, `Dense(2)` has a kernel of shape `(15, 2)` and
# turns each of the 2 rows into 2 numbers: the output has shape `(batch, 2, 2)`, two
# "predictions" per example instead of one. Let us check it numerically.

# %% [markdown] lang="fr"
# ## 5. `Flatten` est-il toujours nécessaire ?
#
# Une question classique : *« Est-il toujours nécessaire d'inclure une opération
# d'aplatissement (`Flatten`) après une série de convolutions 2D (et de regroupements) ?
# Soit deux modèles de classification binaire qui prennent en entrée une matrice numérique de
# 2 lignes et 15 colonnes et renvoient un vecteur de deux positions (positif et négatif) :
# l'un avec `Flatten`, l'autre sans. »*
#
# La réponse tient à une propriété de `Dense` : sur une entrée à plus de deux axes, elle
# n'agit que sur le **dernier axe**, avec les mêmes poids pour chaque position le long des
# autres axes. Sur une entrée de forme `(lot, 2, 15)`, `Dense(2)` a un noyau de forme
# `(15, 2)` et transforme chacune des 2 lignes en 2 nombres : la sortie a la forme
# `(lot, 2, 2)`, soit deux « prédictions » par exemple au lieu d'une. Vérifions-le
# numériquement.

# %%
rng = np.random.default_rng(0)
x_rows = rng.normal(size=(64, 2, 15)).astype("float32")
y_rows = rng.integers(0, 2, size=64)

ct.reseed()
no_flatten = keras.Sequential([keras.Input((2, 15)), keras.layers.Dense(2, activation="softmax")])
kernel, bias = no_flatten.layers[-1].get_weights()
out = no_flatten.predict(x_rows[:4], verbose=0)
logits = x_rows[:4] @ kernel + bias  # NumPy's @ also works on the last axis
by_row = np.exp(logits) / np.exp(logits).sum(axis=-1, keepdims=True)
print(_(en="kernel shape:", fr="forme du noyau :"), kernel.shape)
print(_(en="output shape:", fr="forme de la sortie :"), no_flatten.output_shape)
print(
    _(
        en="each row is classified on its own (agree to 1e-5):",
        fr="chaque ligne est classée séparément (accord à 1e-5 près) :",
    ),
    bool(np.abs(out - by_row).max() < 1e-5),
)

# %% [markdown] lang="en"
# Keras 3 does not let this pass silently: training it with one label per example fails,
# because the loss expects one prediction per example.

# %% [markdown] lang="fr"
# Keras 3 ne laisse pas passer cela en silence : l'entraîner avec une étiquette par exemple
# échoue, car la perte attend une prédiction par exemple.

# %%
no_flatten.compile("adam", loss="sparse_categorical_crossentropy")
try:
    no_flatten.fit(x_rows, y_rows, batch_size=32, epochs=1, verbose=0)
except ValueError as error:
    print("ValueError:", str(error).splitlines()[0])

# %% [markdown] lang="en"
# Two ways to get one prediction per example:
#
# - `Flatten()` puts all values of an example in one vector (here 2 × 15 = 30), and the
#   `Dense` layer then has one weight per value and per class: it can use *where* each value
#   is;
# - **global pooling** averages (or takes the maximum of) each channel over all positions:
#   `GlobalAveragePooling1D` on `(batch, 2, 15)` averages the 2 rows and keeps 15 values,
#   `GlobalAveragePooling2D` on `(batch, h, w, c)` keeps one value per channel, `c` in all.
#   The position is forgotten, and the `Dense` layer that follows is much smaller.
#
# The table compares both on the question's input, first with a `Dense` layer alone, then
# after a `Conv2D(16, (2, 3), padding="same")` (the convolution needs a channel axis, so its
# input is `(2, 15, 1)`).

# %% [markdown] lang="fr"
# Deux façons d'obtenir une prédiction par exemple :
#
# - `Flatten()` met toutes les valeurs d'un exemple dans un seul vecteur (ici 2 × 15 = 30), et
#   la couche `Dense` a alors un poids par valeur et par classe : elle peut se servir de
#   *l'endroit* où se trouve chaque valeur ;
# - le **regroupement global** (*global pooling*) fait la moyenne (ou prend le maximum) de
#   chaque canal sur toutes les positions : `GlobalAveragePooling1D` sur `(lot, 2, 15)`
#   moyenne les 2 lignes et garde 15 valeurs, `GlobalAveragePooling2D` sur
#   `(lot, h, w, c)` garde une valeur par canal, `c` en tout. La position est oubliée, et la
#   couche `Dense` qui suit est beaucoup plus petite.
#
# Le tableau compare les deux sur l'entrée de la question, d'abord avec une couche `Dense`
# seule, puis après une `Conv2D(16, (2, 3), padding="same")` (la convolution a besoin d'un
# axe de canaux, son entrée est donc `(2, 15, 1)`).

# %%
L = keras.layers
variants = [
    ("Dense(2)", (2, 15), []),
    ("Flatten, Dense(2)", (2, 15), [L.Flatten()]),
    ("GlobalAvgPool1D, Dense(2)", (2, 15), [L.GlobalAveragePooling1D()]),
    ("Conv2D, Dense(2)", (2, 15, 1), [L.Conv2D(16, (2, 3), padding="same", activation="relu")]),
    (
        "Conv2D, Flatten, Dense(2)",
        (2, 15, 1),
        [L.Conv2D(16, (2, 3), padding="same", activation="relu"), L.Flatten()],
    ),
    (
        "Conv2D, GlobalAvgPool2D, Dense(2)",
        (2, 15, 1),
        [L.Conv2D(16, (2, 3), padding="same", activation="relu"), L.GlobalAveragePooling2D()],
    ),
]
print(
    f"{_(en='model', fr='modèle'):<34} | {_(en='input', fr='entrée'):<10} | "
    f"{_(en='output shape', fr='forme de sortie'):<16} | {_(en='parameters', fr='paramètres')}"
)
ct.reseed()
for name, input_shape, body in variants:
    model = keras.Sequential([keras.Input(input_shape), *body, L.Dense(2, activation="softmax")])
    print(
        f"{name:<34} | {str(input_shape):<10} | {str(model.output_shape):<16} | "
        f"{model.count_params()}"
    )

# %% [markdown] lang="en"
# Reading the table:
#
# - Without `Flatten` (or global pooling), the output keeps the spatial axes: `(None, 2, 2)`
#   or even `(None, 2, 15, 2)` after the convolution. That is not a binary classifier; so
#   yes, *something* must remove the spatial axes before the last `Dense` layer.
# - With `Flatten`, the last layer's parameter count grows with the size of the feature maps:
#   1,074 parameters after the convolution, of which 962 in the last `Dense` layer.
# - With global average pooling, the last layer only sees one value per channel: 146
#   parameters in all (16 × 2 + 2 = 34 in the last layer), and it would accept inputs of any
#   width. The price: the classifier no longer knows *where* a feature was found.

# %% [markdown] lang="fr"
# Lecture du tableau :
#
# - Sans `Flatten` (ni regroupement global), la sortie garde les axes spatiaux : `(None, 2, 2)`,
#   voire `(None, 2, 15, 2)` après la convolution. Ce n'est pas un classifieur binaire ; donc
#   oui, *quelque chose* doit faire disparaître les axes spatiaux avant la dernière couche
#   `Dense`.
# - Avec `Flatten`, le nombre de paramètres de la dernière couche croît avec la taille des
#   cartes de caractéristiques : 1 074 paramètres après la convolution, dont 962 dans la
#   dernière couche `Dense`.
# - Avec le regroupement global par moyenne, la dernière couche ne voit qu'une valeur par
#   canal : 146 paramètres en tout (16 × 2 + 2 = 34 dans la dernière couche), et le modèle
#   accepterait des entrées de n'importe quelle largeur. Le prix à payer : le classifieur ne
#   sait plus *où* une caractéristique a été trouvée.

# %% [markdown] lang="en"
# ## 6. A small CNN on the digits: Flatten or global pooling?
#
# We now train the classic stack `Conv2D → MaxPooling2D → Flatten → Dense(10, softmax)` on
# the digits, and the same network with `GlobalAveragePooling2D` in place of `Flatten`. Both
# use Adam with a learning rate of 0.01, 8 epochs, batches of 32, and the loss
# `sparse_categorical_crossentropy` (labels are integers 0-9).

# %% [markdown] lang="fr"
# ## 6. Un petit CNN sur les chiffres : Flatten ou regroupement global ?
#
# Entraînons maintenant l'empilement classique
# `Conv2D → MaxPooling2D → Flatten → Dense(10, softmax)` sur les chiffres, ainsi que le même
# réseau avec `GlobalAveragePooling2D` à la place de `Flatten`. Les deux utilisent Adam avec
# un taux d'apprentissage de 0,01, 8 époques, des lots de 32 et la perte
# `sparse_categorical_crossentropy` (les étiquettes sont des entiers de 0 à 9).


# %%
def train_digits(head, epochs=8):
    ct.reseed()
    model = keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            L.Conv2D(8, 3, padding="same", activation="relu"),
            L.MaxPooling2D(),
            head,
            L.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy", metrics=["accuracy"]
    )
    history = model.fit(
        x_train, y_train, validation_data=(x_val, y_val), epochs=epochs, batch_size=32, verbose=0
    )
    return model, history


cnn_models, cnn_histories = {}, {}
for name, head in [("Flatten", L.Flatten()), ("GlobalAvgPool2D", L.GlobalAveragePooling2D())]:
    cnn_models[name], cnn_histories[name] = train_digits(head)

print(
    f"{_(en='head', fr='tête'):>15} | {_(en='parameters', fr='paramètres'):>10} | "
    f"{_(en='train acc.', fr='exact. entr.'):>12} | {_(en='val. acc.', fr='exact. val.'):>11}"
)
for name, history in cnn_histories.items():
    print(
        f"{name:>15} | {cnn_models[name].count_params():>10} | "
        f"{history.history['accuracy'][-1]:>12.2f} | {history.history['val_accuracy'][-1]:>11.2f}"
    )
    print(" " * 18, ct.summarize(history, digits=2))

# %%
ct.plot_curves(
    cnn_histories,
    title=_(
        en="A small CNN on the 8x8 digits: Flatten vs global pooling",
        fr="Petit CNN sur les chiffres 8x8 : Flatten ou regroupement global",
    ),
)

# %% [markdown] lang="en"
# With `Flatten`, this 1,370-parameter network reaches about 94% validation accuracy in
# 8 epochs, with a small gap to its training accuracy. With global average pooling, it has
# only 170 parameters and... underfits badly: training and validation accuracy stay close,
# but both are low (0.37 and 0.39), and the loss falls slowly. Its validation loss is still
# at its lowest at the last epoch (best_epoch 8): the network was still learning when
# training stopped, and how far more epochs would take it is not measured here. A likely
# reason for the gap with `Flatten`: on 8×8 digits, *where* a stroke is matters (a 0 and an
# 8 differ by what happens in the middle), and one convolution of 8 filters is too shallow
# to encode that in 8 averaged values.
#
# Global pooling is a strong **structural regularizer**: it removes most of the parameters
# of the classifier and forces every filter to be a detector whose average presence is
# meaningful. It pays off in deep networks, whose last feature maps are already high-level
# detectors ("there is a wheel somewhere"): most modern image classifiers end with
# `GlobalAveragePooling2D → Dense`. On a shallow network like this one, the constraint is too
# strong.

# %% [markdown] lang="fr"
# Avec `Flatten`, ce réseau de 1 370 paramètres atteint environ 94 % d'exactitude en
# validation en 8 époques, avec un petit écart à son exactitude d'entraînement. Avec le
# regroupement global par moyenne, il n'a que 170 paramètres et… sous-apprend nettement :
# exactitudes d'entraînement et de validation restent proches, mais basses toutes les deux
# (0,37 et 0,39), et la perte baisse lentement. Sa perte de validation est encore à son
# minimum à la dernière époque (best_epoch 8) : le réseau apprenait encore quand
# l'entraînement s'est arrêté, et jusqu'où l'emmèneraient des époques de plus n'est pas
# mesuré ici. Une raison probable de l'écart avec `Flatten` : sur des chiffres 8×8,
# *l'endroit* où se trouve un trait compte (un 0 et un 8 diffèrent par ce qui se passe au
# milieu), et une seule convolution de 8 filtres est trop peu profonde pour le coder dans
# 8 valeurs moyennées.
#
# Le regroupement global est une forte **régularisation structurelle** : il supprime la
# plupart des paramètres du classifieur et oblige chaque filtre à être un détecteur dont la
# présence moyenne a un sens. Il est payant dans les réseaux profonds, dont les dernières
# cartes de caractéristiques sont déjà des détecteurs de haut niveau (« il y a une roue
# quelque part ») : la plupart des classifieurs d'images modernes se terminent par
# `GlobalAveragePooling2D → Dense`. Sur un réseau peu profond comme celui-ci, la contrainte
# est trop forte.

# %% [markdown] lang="en"
# ### Exercise 3 — build a small CNN (3 points)
#
# Write `build_cnn()` that returns a **new, uncompiled** Keras model taking images of shape
# `(8, 8, 1)` and returning, for each image, the 10 probabilities of the classes (shape
# `(None, 10)`, summing to 1). It must contain at least one `Conv2D` layer and have fewer than
# 20,000 parameters. The test compiles it with Adam (learning rate 0.01) and
# `sparse_categorical_crossentropy`, trains it for 5 epochs with batches of 32 on the training
# images (from fresh weights drawn after `ct.reseed()`), and requires a validation accuracy of at least 0.90.

# %% [markdown] lang="fr"
# ### Exercice 3 — construire un petit CNN (3 points)
#
# Écrivez `build_cnn()` qui renvoie un **nouveau** modèle Keras, **non compilé**, qui prend
# des images de forme `(8, 8, 1)` et renvoie, pour chaque image, les 10 probabilités des
# classes (forme `(None, 10)`, de somme 1). Il doit contenir au moins une couche `Conv2D` et
# avoir moins de 20 000 paramètres. Le test le compile avec Adam (taux d'apprentissage 0,01)
# et `sparse_categorical_crossentropy`, l'entraîne 5 époques par lots de 32 sur les images
# d'entraînement (à partir de poids tirés après `ct.reseed()`) et exige une exactitude de validation d'au moins 0,90.


# %% nbgrader="solution" grade_id="build_cnn"
def build_cnn():
    ### BEGIN SOLUTION
    return keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    ### END SOLUTION


# %% nbgrader="tests" grade_id="build_cnn_tests" points=3
# Visible tests: run this cell to check your model (it trains it, a few seconds).
_xt, _yt, _xv, _yv = ct.load_digits_images()
_model = build_cnn()
assert isinstance(_model, keras.Model), _(
    en="build_cnn() must return a Keras model (keras.Sequential or keras.Model).",
    fr="build_cnn() doit renvoyer un modèle Keras (keras.Sequential ou keras.Model).",
)
assert tuple(_model.input_shape) == (None, 8, 8, 1), _(
    en=f"The input must have shape (None, 8, 8, 1), not {_model.input_shape}: use keras.Input((8, 8, 1)).",
    fr=f"L'entrée doit avoir la forme (None, 8, 8, 1), et non {_model.input_shape} : utilisez keras.Input((8, 8, 1)).",
)
_out = tuple(_model.output_shape)
assert len(_out) == 2, _(
    en=f"The output has shape {_out}: a Dense layer on feature maps acts on the last axis only. Add Flatten() (or global pooling) before it.",
    fr=f"La sortie a la forme {_out} : une couche Dense appliquée à des cartes de caractéristiques n'agit que sur le dernier axe. Ajoutez Flatten() (ou un regroupement global) avant elle.",
)
assert _out == (None, 10), _(
    en=f"The output must have shape (None, 10), one probability per class, not {_out}: end with Dense(10, activation='softmax').",
    fr=f"La sortie doit avoir la forme (None, 10), une probabilité par classe, et non {_out} : terminez par Dense(10, activation='softmax').",
)
_p = np.asarray(_model.predict(_xv[:20], verbose=0))
assert (_p >= 0).all() and np.allclose(_p.sum(axis=1), 1.0, atol=1e-4), _(
    en="The outputs are not probabilities summing to 1: the last layer needs activation='softmax'.",
    fr="Les sorties ne sont pas des probabilités de somme 1 : la dernière couche doit avoir activation='softmax'.",
)
assert any(isinstance(_layer, keras.layers.Conv2D) for _layer in _model.layers), _(
    en="The model must contain at least one Conv2D layer.",
    fr="Le modèle doit contenir au moins une couche Conv2D.",
)
assert _model.count_params() < 20_000, _(
    en=f"The model has {_model.count_params()} parameters; keep it under 20,000 (fewer filters, or pooling before Flatten).",
    fr=f"Le modèle a {_model.count_params()} paramètres ; restez sous 20 000 (moins de filtres, ou un regroupement avant Flatten).",
)
# The training starts from fresh weights, drawn after the seed: the same ones however often
# build_cnn() was called before.
ct.reseed()
_model = keras.models.clone_model(_model)
_model.compile(
    keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy", metrics=["accuracy"]
)
_model.fit(_xt, _yt, epochs=5, batch_size=32, verbose=0)
_acc = float(_model.evaluate(_xv, _yv, verbose=0)[1])
print(_(en="validation accuracy:", fr="exactitude de validation :"), round(_acc, 4))
assert _acc >= 0.90, _(
    en=f"Validation accuracy {_acc:.4f} < 0.90: the model is too weak. Use more filters (8 or more) and Flatten before the last Dense layer.",
    fr=f"Exactitude de validation {_acc:.4f} < 0,90 : le modèle est trop faible. Utilisez plus de filtres (8 ou plus) et Flatten avant la dernière couche Dense.",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
_again = build_cnn()
assert _again is not _model, "build_cnn() must build a new model at each call"
assert _again.count_params() == _model.count_params()
assert np.asarray(_again.predict(_xv[:3], verbose=0)).shape == (3, 10)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Written question (2 points, graded by hand)
#
# When can `Flatten` be replaced by a global pooling layer (`GlobalAveragePooling2D`) before
# the last `Dense` layer? Say what the replacement changes in the output shape of the layer,
# in the number of parameters of the classifier (give the numbers of section 6), in what the
# classifier can use, and in the risk of overfitting. Why did it hurt on the digits?

# %% [markdown] lang="fr"
# ### Question rédigée (2 points, corrigée à la main)
#
# Quand peut-on remplacer `Flatten` par une couche de regroupement global
# (`GlobalAveragePooling2D`) avant la dernière couche `Dense` ? Dites ce que ce remplacement
# change à la forme de sortie de la couche, au nombre de paramètres du classifieur (donnez les
# chiffres de la section 6), à ce dont le classifieur peut se servir, et au risque de
# surapprentissage. Pourquoi a-t-il nui sur les chiffres ?

# %% [markdown] lang="en" nbgrader="manual" grade_id="flatten_vs_global_pooling" points=2
# Both remove the spatial axes so that `Dense` gives one prediction per example: on feature
# maps of shape `(4, 4, 8)`, `Flatten` gives 128 values, global average pooling gives 8 (one
# per channel). The last `Dense(10)` then has 1,290 parameters after `Flatten` but only 90
# after pooling (1,370 vs 170 for the whole network). Pooling forgets where each feature was
# found: the classifier only knows how strongly each filter responded on average, which makes
# it insensitive to position and able to take inputs of any size. With far fewer parameters
# it has less room to overfit: it is a strong structural regularizer. The replacement is
# sensible when the last feature maps already detect meaningful, position-independent
# patterns, typically at the end of a deep network, or when position should not matter. On
# the 8×8 digits with a single convolution of 8 filters, position matters and 8 averages are
# too little information: the model underfits (about 0.37 training and 0.39 validation
# accuracy after 8 epochs, against 0.97 and 0.94 with `Flatten`).

# %% [markdown] lang="fr" nbgrader="manual" grade_id="flatten_vs_global_pooling" points=2
# Les deux suppriment les axes spatiaux pour que `Dense` donne une prédiction par exemple :
# sur des cartes de forme `(4, 4, 8)`, `Flatten` donne 128 valeurs, le regroupement global par
# moyenne en donne 8 (une par canal). La dernière couche `Dense(10)` a alors 1 290 paramètres
# après `Flatten`, mais seulement 90 après le regroupement (1 370 contre 170 pour le réseau
# entier). Le regroupement oublie où chaque caractéristique a été trouvée : le classifieur ne
# sait plus que l'intensité moyenne de la réponse de chaque filtre, ce qui le rend insensible à
# la position et capable d'accepter des entrées de toute taille. Avec beaucoup moins de
# paramètres, il a moins de place pour surapprendre : c'est une forte régularisation
# structurelle. Le remplacement est pertinent quand les dernières cartes détectent déjà des
# motifs significatifs indépendamment de leur position, typiquement à la fin d'un réseau
# profond, ou quand la position ne doit pas compter. Sur les chiffres 8×8 avec une seule
# convolution de 8 filtres, la position compte et 8 moyennes sont trop peu d'information : le
# modèle sous-apprend (environ 0,37 d'exactitude en entraînement et 0,39 en validation après
# 8 époques, contre 0,97 et 0,94 avec `Flatten`).

# %% [markdown] lang="en"
# ## Key points
# - `Conv2D(filters, k)` slides `filters` kernels of shape `(k, k, in_channels)` over the
#   input; it has `(k*k*in_channels + 1) * filters` parameters, independent of the image size.
# - Output size along an axis: `(h - k) // s + 1` with `"valid"`, `ceil(h / s)` with `"same"`;
#   the number of channels is the number of filters. `MaxPooling2D` halves height and width
#   and has no parameters.
# - `Dense` on a tensor with more than two axes acts on the last axis only: without `Flatten`
#   or global pooling, a classifier on feature maps returns one prediction per position, not
#   per example.
# - Weight sharing gives convolutions a tiny fraction of the parameters of an equivalent
#   `Dense` layer: regularization built into the architecture. Global pooling goes further
#   (no spatial weights at all) and can underfit when position matters.
#
# Next lesson: putting it all together, the regularizers of this course combined on one
# network.

# %% [markdown] lang="fr"
# ## À retenir
# - `Conv2D(filters, k)` fait glisser `filters` noyaux de forme `(k, k, canaux_entrée)` sur
#   l'entrée ; elle a `(k*k*canaux_entrée + 1) * filters` paramètres, quelle que soit la
#   taille de l'image.
# - Taille de sortie le long d'un axe : `(h - k) // s + 1` avec `"valid"`, `ceil(h / s)` avec
#   `"same"` ; le nombre de canaux est le nombre de filtres. `MaxPooling2D` divise par deux la
#   hauteur et la largeur et n'a aucun paramètre.
# - `Dense` appliquée à un tenseur à plus de deux axes n'agit que sur le dernier axe : sans
#   `Flatten` ni regroupement global, un classifieur posé sur des cartes de caractéristiques
#   renvoie une prédiction par position, et non par exemple.
# - Le partage des poids donne aux convolutions une infime fraction des paramètres d'une
#   couche `Dense` équivalente : une régularisation inscrite dans l'architecture. Le
#   regroupement global va plus loin (plus aucun poids spatial) et peut sous-apprendre quand
#   la position compte.
#
# Leçon suivante : la synthèse, où les régularisations de ce cours se combinent sur un même
# réseau.
