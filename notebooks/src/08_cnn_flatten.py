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
# **Goal.** By the end of this lesson you can (1) predict the output shape of a `Conv2D`
# layer and the number of parameters of a small convolutional network, (2) say what
# `MaxPooling2D`, `Flatten` and global pooling do, and when something must remove the
# spatial axes before a `Dense` layer, and (3) design a small convolutional network that
# overfits less than a given one, judged on images that played no part in choosing it.
# Along the way we look at convolutional networks from the angle of this course: sharing
# weights and pooling globally are ways of **building regularization into the
# architecture**, with far fewer parameters than fully connected layers.

# %% [markdown] lang="fr"
# # Leçon 8 — Réseaux convolutifs et Flatten
#
# **Objectif.** À la fin de cette leçon, vous saurez (1) prévoir la forme de sortie d'une
# couche `Conv2D` et le nombre de paramètres d'un petit réseau convolutif, (2) expliquer ce
# que font `MaxPooling2D`, `Flatten` et le regroupement global, et quand il faut supprimer
# les axes spatiaux avant une couche `Dense`, et (3) concevoir un petit réseau convolutif qui
# surapprend moins qu'un réseau donné, jugé sur des images qui n'ont joué aucun rôle dans son
# choix. Chemin faisant, nous regarderons les réseaux convolutifs sous l'angle de ce cours :
# le partage des poids et le regroupement global sont des façons d'**inscrire la
# régularisation dans l'architecture**, avec beaucoup moins de paramètres que des couches
# entièrement connectées.

# %%
import coursetools as ct  # en: first: it quiets TensorFlow before TensorFlow loads # fr: en premier : il fait taire TensorFlow avant son chargement

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
# (Keras does not flip the kernel, so strictly speaking this is a cross-correlation; everybody
# calls it a convolution anyway.) Let us check the formula with NumPy on one digit, at every
# position and for every filter, without flipping anything.

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
# (Keras ne retourne pas le noyau : au sens strict, c'est une corrélation croisée, mais tout
# le monde parle de convolution.) Vérifions la formule avec NumPy sur un chiffre, à toutes les
# positions et pour tous les filtres, sans rien retourner.

# %%
x_train, y_train, x_val, y_val = ct.load_digits_images()
print(_(en="training images:  ", fr="images d'entraînement :"), x_train.shape)
print(_(en="validation images:", fr="images de validation :  "), x_val.shape)
print(
    _(en="pixel values from", fr="valeurs des pixels de"),
    x_train.min(),
    _(en="to", fr="à"),
    x_train.max(),
)

ct.reseed()
conv = keras.layers.Conv2D(8, 3, bias_initializer="random_normal")
# en: A batch of one image, shape (1, 8, 8, 1).
# fr: Un lot d'une seule image, de forme (1, 8, 8, 1).
image = x_train[:1]
keras_maps = np.asarray(conv(image))[0]
kernel, bias = conv.get_weights()
numpy_maps = np.zeros((6, 6, 8), dtype="float32")
for i in range(6):
    for j in range(6):
        patch = image[0, i : i + 3, j : j + 3, :]  # en: shape (3, 3, 1) # fr: forme (3, 3, 1)
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
# alt en: The digit 6 in grey levels, then its 8 feature maps of 6x6 values computed with
# alt en: random weights, in the viridis colour map; their values range from -0.42 to 0.94.
# alt fr: Le chiffre 6 en niveaux de gris, puis ses 8 cartes de caractéristiques de 6x6
# alt fr: valeurs calculées avec des poids aléatoires, dans la palette viridis ; leurs
# alt fr: valeurs vont de -0,42 à 0,94.
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
# ## 2. Padding and stride: the output shape
#
# Along one axis of length $h$, a kernel of size $k$ placed at position $p$ covers the rows
# $p$ to $p + k - 1$. With the default `padding="valid"`, Keras keeps only the positions where
# the kernel lies entirely inside the image: in section 1, $h = 8$ and $k = 3$ gave the
# 6 positions 0 to 5.
#
# The **stride** $s$ is the step between two positions (1 by default): the kernel visits
# positions $0, s, 2s, \dots$ only, for as long as it fits.
#
# With `padding="same"`, Keras first pads the border with zeros, just enough to give one
# output position per block of $s$ input rows, an incomplete last block included: with
# stride 1 the output keeps the input's size, whatever the kernel size.
#
# All of this holds along the width too. The number of output channels is always the number
# of filters.

# %% [markdown] lang="fr"
# ## 2. Remplissage et pas : la forme de sortie
#
# Le long d'un axe de longueur $h$, un noyau de taille $k$ placé en position $p$ recouvre les
# lignes $p$ à $p + k - 1$. Avec le réglage par défaut `padding="valid"`, Keras ne garde que
# les positions où le noyau tient entièrement dans l'image : à la section 1, $h = 8$ et
# $k = 3$ donnaient les 6 positions 0 à 5.
#
# Le **pas** (*stride*) $s$ est l'écart entre deux positions (1 par défaut) : le noyau ne
# visite que les positions $0, s, 2s, \dots$, tant qu'il tient dans l'image.
#
# Avec `padding="same"`, Keras commence par compléter le bord par des zéros
# (*remplissage*), juste assez pour obtenir une position de sortie par bloc de $s$ lignes
# d'entrée, y compris un dernier bloc incomplet : avec un pas de 1, la sortie garde la taille
# de l'entrée, quelle que soit la taille du noyau.
#
# Tout cela vaut aussi le long de la largeur. Le nombre de canaux de sortie est toujours le
# nombre de filtres.

# %% [markdown] lang="en"
# ### Exercise 1 — output shape of a convolution (2 points)
#
# Write `conv_output_shape(h, w, kernel, filters, padding="valid", stride=1)` that returns the
# shape `(out_h, out_w, channels)` of the output of
# `Conv2D(filters, kernel, strides=stride, padding=padding)` applied to an input of height
# `h` and width `w` (batch axis excluded), as a tuple of three integers. `kernel` and `stride`
# are integers (square kernel, same stride along both axes); `padding` is `"valid"` or
# `"same"`. No formula is given on purpose: derive the size along one axis from the positions
# described above (with `"valid"`, which is the last position where the kernel still fits?).
#
# The visible tests try four layers. The hidden tests compare your function with the shapes
# Keras computes for 10 layers drawn at grading time (height and width from 5 to 39, kernel
# from 1 to 5, stride from 1 to 4, 1 to 64 filters, five layers with each padding), and check
# that `conv_output_shape(8, 8, 3, 8)` returns three values. Every shape must match exactly.

# %% [markdown] lang="fr"
# ### Exercice 1 — la forme de sortie d'une convolution (2 points)
#
# Écrivez `conv_output_shape(h, w, kernel, filters, padding="valid", stride=1)` qui renvoie
# la forme `(hauteur, largeur, canaux)` de la sortie de
# `Conv2D(filters, kernel, strides=stride, padding=padding)` appliquée à une entrée de
# hauteur `h` et de largeur `w` (sans l'axe du lot), sous forme d'un tuple de trois entiers.
# `kernel` et `stride` sont des entiers (noyau carré, même pas sur les deux axes) ;
# `padding` vaut `"valid"` ou `"same"`. Aucune formule n'est donnée, c'est voulu : déduisez
# la taille le long d'un axe des positions décrites ci-dessus (avec `"valid"`, quelle est la
# dernière position où le noyau tient encore ?).
#
# Les tests visibles essaient quatre couches. Les tests cachés comparent votre fonction aux
# formes que calcule Keras pour 10 couches tirées au moment de la correction (hauteur et
# largeur de 5 à 39, noyau de 1 à 5, pas de 1 à 4, de 1 à 64 filtres, cinq couches avec
# chaque remplissage), et vérifient que `conv_output_shape(8, 8, 3, 8)` renvoie trois
# valeurs. Chaque forme doit correspondre exactement.


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
# en: Visible tests: run this cell to check your function.
# fr: Tests visibles : exécutez cette cellule pour vérifier votre fonction.
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
    en=f"7x9 input, kernel 2, 'valid', stride 3 gives (2, 3, 4), not {_got}: positions 0 and 3 fit in 7 rows (3 + 2 <= 7), 6 does not; (h - k) // s + 1.",
    fr=f"Entrée 7x9, noyau 2, 'valid', pas 3 donne (2, 3, 4), et non {_got} : les positions 0 et 3 tiennent dans 7 lignes (3 + 2 <= 7), pas 6 ; (h - k) // s + 1.",
)
_got = _shape(7, 9, 2, 4, padding="same", stride=3)
assert _got != (2, 3, 4), _(
    en="With 'same', an incomplete last block of s rows still gives a position: h / s rounded up (ceiling), not down.",
    fr="Avec 'same', un dernier bloc incomplet de s lignes donne quand même une position : h / s arrondi au-dessus (partie entière supérieure), pas en dessous.",
)
assert _got == (3, 3, 4), _(
    en=f"7x9 input, 'same', stride 3 gives (3, 3, 4), not {_got}.",
    fr=f"Entrée 7x9, 'same', pas 3 donne (3, 3, 4), et non {_got}.",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
# en: Inputs drawn at grading time, each padding with strides 1 to 4; Keras gives the shapes.
# fr: Entrées tirées au moment de la correction, chaque remplissage avec des pas de 1 à 4 ;
# fr: Keras donne les formes.
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
# Your function against Keras, which computes the shape when a layer is applied to a symbolic
# `keras.Input`:

# %% [markdown] lang="fr"
# Votre fonction face à Keras, qui calcule la forme quand on applique une couche à une entrée
# symbolique `keras.Input` :

# %%
print(
    f"{_(en='input', fr='entrée'):>8} | {_(en='kernel', fr='noyau'):>6} | padding | "
    f"{_(en='stride', fr='pas'):>6} | {_(en='yours', fr='la vôtre'):>12} | Keras"
)
for h, w, k, padding, s in [
    (8, 8, 3, "valid", 1),
    (8, 8, 3, "same", 1),
    (8, 8, 3, "valid", 2),
    (8, 8, 3, "same", 2),
    (7, 9, 2, "valid", 3),
    (7, 9, 2, "same", 3),
]:
    yours = tuple(conv_output_shape(h, w, k, 4, padding=padding, stride=s))
    layer = keras.layers.Conv2D(4, k, strides=s, padding=padding)
    keras_shape = tuple(layer(keras.Input((h, w, 1))).shape[1:])
    print(f"{f'{h}x{w}x1':>8} | {k:>6} | {padding:>7} | {s:>6} | {str(yours):>12} | {keras_shape}")

# %% [markdown] lang="en"
# In formulas, along an axis of length $h$:
#
# - `"valid"`: the last position $p$ must satisfy $p + k \le h$, so the positions are
#   $0, s, \dots$ up to $\lfloor (h - k) / s \rfloor \cdot s$, that is
#   $\lfloor (h - k) / s \rfloor + 1$ of them (7 rows, kernel 2, stride 3: positions 0
#   and 3, so 2);
# - `"same"`: one position per block of $s$ rows, an incomplete last one included:
#   $\lceil h / s \rceil$ (7 rows, stride 3: blocks 0–2, 3–5 and 6, so 3).

# %% [markdown] lang="fr"
# En formules, le long d'un axe de longueur $h$ :
#
# - `"valid"` : la dernière position $p$ doit vérifier $p + k \le h$ ; les positions sont
#   donc $0, s, \dots$ jusqu'à $\lfloor (h - k) / s \rfloor \cdot s$, soit
#   $\lfloor (h - k) / s \rfloor + 1$ positions (7 lignes, noyau 2, pas 3 : les positions 0
#   et 3, donc 2) ;
# - `"same"` : une position par bloc de $s$ lignes, y compris un dernier bloc incomplet :
#   $\lceil h / s \rceil$ (7 lignes, pas 3 : les blocs 0–2, 3–5 et 6, donc 3).

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
# sharing" acts as a regularizer that no penalty has to enforce. It is the usual explanation
# of why convolutional networks generalize better than fully connected ones on images; this
# lesson counts the parameters but does not measure that comparison.

# %% [markdown] lang="fr"
# La convolution a 80 paramètres quelle que soit la taille de l'image ; la couche `Dense`
# équivalente en a 33 280 sur nos chiffres 8×8 et près de 5 millions sur des images 28×28.
# Moins de paramètres libres, c'est moins de place pour mémoriser le bruit du jeu
# d'entraînement : la connaissance a priori « localité + partage » agit comme une
# régularisation, sans qu'aucune pénalité ait à l'imposer. C'est l'explication habituelle de
# la meilleure généralisation des réseaux convolutifs sur des images, comparés aux réseaux
# entièrement connectés ; cette leçon compte les paramètres, mais ne mesure pas cette
# comparaison.

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
# en: NumPy's @ also works on the last axis.
# fr: Le @ de NumPy agit lui aussi sur le dernier axe.
logits = x_rows[:4] @ kernel + bias
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
# Keras does not let this pass silently: in Keras 3.15.1, the version of this course,
# training it with one label per example fails. The loss `sparse_categorical_crossentropy`
# requires the output to have exactly one axis more than the labels (the check is in
# `keras/src/backend/tensorflow/nn.py`), and here it has two more.

# %% [markdown] lang="fr"
# Keras ne laisse pas passer cela en silence : avec Keras 3.15.1, la version de ce cours,
# l'entraîner avec une étiquette par exemple échoue. La perte
# `sparse_categorical_crossentropy` exige que la sortie ait exactement un axe de plus que les
# étiquettes (la vérification se trouve dans `keras/src/backend/tensorflow/nn.py`), et elle
# en a ici deux de plus.

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
    f"{_(en='output shape', fr='forme de sortie'):<16} | {_(en='parameters', fr='paramètres')} | "
    f"{_(en='of which last Dense', fr='dont la Dense finale')}"
)
ct.reseed()
for name, input_shape, body in variants:
    model = keras.Sequential([keras.Input(input_shape), *body, L.Dense(2, activation="softmax")])
    print(
        f"{name:<34} | {str(input_shape):<10} | {str(model.output_shape):<16} | "
        f"{model.count_params():>10} | "
        f"{model.layers[-1].count_params()}"
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
#   parameters in all (16 × 2 + 2 = 34 in the last layer), whatever the width of the input,
#   since no weight depends on it. The price: the classifier no longer knows *where* a
#   feature was found.

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
#   canal : 146 paramètres en tout (16 × 2 + 2 = 34 dans la dernière couche), quelle que soit
#   la largeur de l'entrée, puisqu'aucun poids n'en dépend. Le prix à payer : le classifieur
#   ne sait plus *où* une caractéristique a été trouvée.

# %% [markdown] lang="en"
# ## 6. A small CNN on the digits: Flatten or global pooling?
#
# We now train the classic stack
# `Conv2D(8, 3, padding="same", activation="relu") → MaxPooling2D → Flatten → Dense(10, softmax)`
# on the digits, and the same network with `GlobalAveragePooling2D` in place of `Flatten`.
# Both use Adam with a learning rate of 0.01, 8 epochs, batches of 32, and the loss
# `sparse_categorical_crossentropy` (labels are integers 0-9).
#
# ### Exercise 2 — predict the size of both networks (2 points)
#
# Before they train, predict how many parameters each network has, as `model.count_params()`
# will count them: set `params_flatten` for
# `Conv2D(8, 3, padding="same") → MaxPooling2D → Flatten → Dense(10)` on the `(8, 8, 1)`
# digits, and `params_gap` for the same network with `GlobalAveragePooling2D` in place of
# `Flatten`. Work it out with sections 1 to 5 (the shape after each layer, then the
# parameters of each layer) and write your computation, not only its result.
#
# The tests build both networks with Keras and compare each of your two integers with its
# count, exactly (no tolerance). When a prediction is off, they say by how much and in which
# direction, and name the usual slip when they recognize it. There are no hidden tests. The
# cell after the tests trains both networks and prints your predictions next to Keras's
# counts.

# %% [markdown] lang="fr"
# ## 6. Un petit CNN sur les chiffres : Flatten ou regroupement global ?
#
# Entraînons maintenant l'empilement classique
# `Conv2D(8, 3, padding="same", activation="relu") → MaxPooling2D → Flatten → Dense(10, softmax)`
# sur les chiffres, ainsi que le même réseau avec `GlobalAveragePooling2D` à la place de
# `Flatten`. Les deux utilisent Adam avec un taux d'apprentissage de 0,01, 8 époques, des lots
# de 32 et la perte `sparse_categorical_crossentropy` (les étiquettes sont des entiers de 0
# à 9).
#
# ### Exercice 2 — prévoir la taille des deux réseaux (2 points)
#
# Avant qu'ils ne s'entraînent, prévoyez le nombre de paramètres de chaque réseau, tel que
# `model.count_params()` le comptera : donnez à `params_flatten` celui de
# `Conv2D(8, 3, padding="same") → MaxPooling2D → Flatten → Dense(10)` sur les chiffres de
# forme `(8, 8, 1)`, et à `params_gap` celui du même réseau avec `GlobalAveragePooling2D` à la
# place de `Flatten`. Appuyez-vous sur les sections 1 à 5 (la forme après chaque couche, puis
# les paramètres de chaque couche) et écrivez votre calcul, pas seulement son résultat.
#
# Les tests construisent les deux réseaux avec Keras et comparent chacun de vos deux entiers
# à son compte, exactement (sans tolérance). Quand une prévision est fausse, ils disent de
# combien et dans quel sens, et nomment l'erreur habituelle quand ils la reconnaissent. Il n'y
# a pas de tests cachés. La cellule qui suit les tests entraîne les deux réseaux et affiche
# vos prévisions à côté des comptes de Keras.

# %% nbgrader="solution" grade_id="predict_params"
### BEGIN SOLUTION
# en: Conv2D(8, 3) on 1 channel: (3*3*1 + 1) * 8 = 80 parameters; "same" keeps 8x8, so its
# en: output is (8, 8, 8). MaxPooling2D: (4, 4, 8), no parameters.
# en: Flatten: 4*4*8 = 128 values, so Dense(10) has 128*10 + 10 = 1290.
# en: GlobalAveragePooling2D: one value per channel, 8, so Dense(10) has 8*10 + 10 = 90.
# fr: Conv2D(8, 3) sur 1 canal : (3*3*1 + 1) * 8 = 80 paramètres ; "same" garde 8x8, sa
# fr: sortie est donc (8, 8, 8). MaxPooling2D : (4, 4, 8), aucun paramètre.
# fr: Flatten : 4*4*8 = 128 valeurs, donc Dense(10) en a 128*10 + 10 = 1290.
# fr: GlobalAveragePooling2D : une valeur par canal, 8, donc Dense(10) en a 8*10 + 10 = 90.
params_flatten = 80 + (4 * 4 * 8 * 10 + 10)
params_gap = 80 + (8 * 10 + 10)
### END SOLUTION


# %% nbgrader="tests" grade_id="predict_params_tests" points=2
# en: Tests (all visible): Keras builds both networks, and the variants of the usual slips.
# fr: Tests (tous visibles) : Keras construit les deux réseaux, et les variantes des erreurs
# fr: habituelles.
def _network(*head):
    return keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
            *head,
            keras.layers.Dense(10, activation="softmax"),
        ]
    )


def _off(name, predicted, counted):
    """en: How far a prediction is from Keras's count, in one sentence.

    fr: L'écart entre une prévision et le compte de Keras, en une phrase.
    """
    if predicted < counted:
        return _(
            en=f"Your prediction for {name} ({predicted}) is {counted - predicted} below the count of Keras ({counted}).",
            fr=f"Votre prévision pour {name} ({predicted}) est inférieure de {counted - predicted} au compte de Keras ({counted}).",
        )
    return _(
        en=f"Your prediction for {name} ({predicted}) is {predicted - counted} above the count of Keras ({counted}).",
        fr=f"Votre prévision pour {name} ({predicted}) est supérieure de {predicted - counted} au compte de Keras ({counted}).",
    )


_conv = keras.layers.Conv2D(8, 3, padding="same")
_conv.build((None, 8, 8, 1))
_conv = _conv.count_params()
_flat = _network(keras.layers.MaxPooling2D(), keras.layers.Flatten()).count_params()
_gap = _network(keras.layers.MaxPooling2D(), keras.layers.GlobalAveragePooling2D()).count_params()
_unpooled = _network(keras.layers.Flatten()).count_params()
_pf, _pg = ct.plain(params_flatten), ct.plain(params_gap)
assert type(_pf) is int and type(_pg) is int, _(
    en=f"params_flatten and params_gap must be integers (numbers of parameters), not {_pf!r} and {_pg!r}.",
    fr=f"params_flatten et params_gap doivent être des entiers (des nombres de paramètres), et non {_pf!r} et {_pg!r}.",
)
_name = _(en="the Flatten network", fr="le réseau avec Flatten")
assert _pf != _flat - _conv, _off(_name, _pf, _flat) + _(
    en=f" You left out the convolution: its (3*3*1 + 1) * 8 = {_conv} parameters count too.",
    fr=f" Vous avez oublié la convolution : ses (3*3*1 + 1) * 8 = {_conv} paramètres comptent aussi.",
)
assert _pf != _unpooled, _off(_name, _pf, _flat) + _(
    en=" MaxPooling2D halves the height and the width: Flatten receives 4 x 4 x 8 values, not 8 x 8 x 8.",
    fr=" MaxPooling2D divise par deux la hauteur et la largeur : Flatten reçoit 4 x 4 x 8 valeurs, et non 8 x 8 x 8.",
)
assert _pf not in (_flat - 10, _flat - 8, _flat - 18), _off(_name, _pf, _flat) + _(
    en=" Count the biases: one per filter of the convolution, one per unit of Dense.",
    fr=" Comptez les biais : un par filtre de la convolution, un par unité de Dense.",
)
assert _pf == _flat, _off(_name, _pf, _flat) + _(
    en=" Follow the shape layer by layer: (8, 8, 8) after the convolution, then MaxPooling2D, then Flatten.",
    fr=" Suivez la forme couche par couche : (8, 8, 8) après la convolution, puis MaxPooling2D, puis Flatten.",
)
_name = _(en="the global-pooling network", fr="le réseau à regroupement global")
assert _pg != _gap - _conv, _off(_name, _pg, _gap) + _(
    en=f" You left out the convolution: its (3*3*1 + 1) * 8 = {_conv} parameters count too.",
    fr=f" Vous avez oublié la convolution : ses (3*3*1 + 1) * 8 = {_conv} paramètres comptent aussi.",
)
assert _pg != _flat, _off(_name, _pg, _gap) + _(
    en=" GlobalAveragePooling2D keeps one value per channel (the average over all positions), not one value per position and channel as Flatten does.",
    fr=" GlobalAveragePooling2D garde une valeur par canal (la moyenne sur toutes les positions), et non une valeur par position et par canal comme Flatten.",
)
assert _pg not in (_gap - 10, _gap - 8, _gap - 18), _off(_name, _pg, _gap) + _(
    en=" Count the biases: one per filter of the convolution, one per unit of Dense.",
    fr=" Comptez les biais : un par filtre de la convolution, un par unité de Dense.",
)
assert _pg == _gap, _off(_name, _pg, _gap) + _(
    en=" GlobalAveragePooling2D keeps one value per channel: how many channels come out of the convolution?",
    fr=" GlobalAveragePooling2D garde une valeur par canal : combien de canaux sortent de la convolution ?",
)
print(_(en="Both predictions are right.", fr="Les deux prévisions sont justes."))


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
predicted = {"Flatten": params_flatten, "GlobalAvgPool2D": params_gap}

print(
    f"{_(en='head', fr='tête'):>15} | {_(en='predicted', fr='prévu'):>9} | "
    f"{_(en='parameters', fr='paramètres'):>10} | "
    f"{_(en='train acc.', fr='exact. entr.'):>12} | {_(en='val. acc.', fr='exact. val.'):>11}"
)
for name, history in cnn_histories.items():
    print(
        f"{name:>15} | {predicted[name]:>9} | {cnn_models[name].count_params():>10} | "
        f"{history.history['accuracy'][-1]:>12.2f} | {history.history['val_accuracy'][-1]:>11.2f}"
    )
    print(" " * 18, ct.summarize(history, digits=2))


# %%
def plot_losses(histories, title):
    """en: Training (dashed) and validation (solid) loss per epoch, a colour and a marker per model.

    fr: Perte d'entraînement (tirets) et de validation (trait plein) par époque, une couleur et
    un marqueur par modèle.
    """
    fig, ax = plt.subplots()
    for index, (label, history) in enumerate(histories.items()):
        losses = history.history
        epochs = np.arange(1, len(losses["loss"]) + 1)
        style = {
            "color": f"C{index}",
            "marker": "os^D"[index],
            "markevery": max(1, len(epochs) // 12),
        }
        ax.plot(
            epochs,
            losses["loss"],
            "--",
            fillstyle="none",
            label=f"{label} ({ct.msg('train')})",
            **style,
        )
        ax.plot(epochs, losses["val_loss"], "-", label=f"{label} ({ct.msg('val')})", **style)
    ax.set_xlabel(ct.msg("epoch"))
    ax.set_ylabel(ct.msg("loss"))
    ax.set_title(title)
    ax.legend(fontsize="small")
    plt.show()


# alt en: Training (dashed) and validation (solid) loss over 8 epochs. The Flatten network's
# alt en: curves (circles) drop steeply and end at 0.10 and 0.17; the global-pooling
# alt en: network's (squares) fall slowly and end at 2.03 and 1.98.
# alt fr: Pertes d'entraînement (tirets) et de validation (trait plein) sur 8 époques. Les
# alt fr: courbes du réseau avec Flatten (cercles) chutent fortement et finissent à 0,10 et
# alt fr: 0,17 ; celles du réseau à regroupement global (carrés) baissent lentement et
# alt fr: finissent à 2,03 et 1,98.
plot_losses(
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
# meaningful. It is meant for deep networks, whose last feature maps can already be
# high-level detectors ("there is a wheel somewhere"): in `keras.applications` (Keras
# 3.15.1), the classification heads of ResNet, Inception V3, DenseNet and EfficientNet start
# with `GlobalAveragePooling2D` and end with a `Dense` layer, while VGG16 and VGG19 use
# `Flatten`. On a shallow network like this one, trained for 8 epochs, the constraint is too
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
# présence moyenne a un sens. Il est fait pour les réseaux profonds, dont les dernières
# cartes de caractéristiques peuvent déjà être des détecteurs de haut niveau (« il y a une
# roue quelque part ») : dans `keras.applications` (Keras 3.15.1), les têtes de
# classification de ResNet, Inception V3, DenseNet et EfficientNet commencent par
# `GlobalAveragePooling2D` et se terminent par une couche `Dense`, tandis que VGG16 et VGG19
# utilisent `Flatten`. Sur un réseau peu profond comme celui-ci, entraîné 8 époques, la
# contrainte est trop forte.

# %% [markdown] lang="en"
# ## 7. Regularizing a CNN that overfits
#
# Section 6's networks have at most 1,370 parameters for 1,000 training images. The network
# below, `build_baseline()`, has two convolutions of 16 filters and a hidden `Dense` layer of
# 64 units, and trains on only 300 digits. This section uses a split of its own of
# scikit-learn's 1,797 digits, in the same shuffled order as `ct.load_digits_images`: the
# first 300 for training, the next 500 for validation, and the other 997 as a **test set**.
# The test set plays no part in choosing a model: it grades the exercise below, and this
# notebook evaluates only the baseline on it, once, to show where the bar stands.
#
# `train_small` trains a model with the exercise's fixed budget: fresh weights drawn after
# `ct.reseed()` (a copy made by `keras.models.clone_model`), Adam with a learning rate of
# 0.001, the loss `sparse_categorical_crossentropy`, 60 epochs with batches of 32 on the 300
# training images. It also measures the validation loss after each epoch, for the curves;
# that pass does not change the training (it computes no gradient and draws no random
# number).

# %% [markdown] lang="fr"
# ## 7. Régulariser un CNN qui surapprend
#
# Les réseaux de la section 6 ont au plus 1 370 paramètres pour 1 000 images
# d'entraînement. Le réseau ci-dessous, `build_baseline()`, a deux convolutions de 16 filtres
# et une couche `Dense` cachée de 64 unités, et s'entraîne sur 300 chiffres seulement. Cette
# section découpe à sa façon les 1 797 chiffres de scikit-learn, dans le même ordre mélangé
# que `ct.load_digits_images` : les 300 premiers pour l'entraînement, les 500 suivants pour
# la validation, et les 997 autres comme **jeu de test**. Le jeu de test ne joue aucun rôle
# dans le choix d'un modèle : il sert à noter l'exercice ci-dessous, et ce notebook n'y
# évalue que le réseau de référence, une seule fois, pour montrer où se trouve la barre.
#
# `train_small` entraîne un modèle avec le budget fixe de l'exercice : des poids neufs tirés
# après `ct.reseed()` (une copie faite par `keras.models.clone_model`), Adam avec un taux
# d'apprentissage de 0,001, la perte `sparse_categorical_crossentropy`, 60 époques par lots
# de 32 sur les 300 images d'entraînement. Elle mesure aussi la perte de validation après
# chaque époque, pour les courbes ; ce passage ne change rien à l'entraînement (il ne calcule
# aucun gradient et ne tire aucun nombre aléatoire).

# %%
x_fit, y_fit, x_check, y_check = ct.load_digits_images(n_train=300, n_val=500)
_, _, x_test, y_test = ct.load_digits_images(n_train=800, n_val=997)
print(
    _(en="training, validation, test:", fr="entraînement, validation, test :"),
    len(x_fit),
    len(x_check),
    len(x_test),
    _(en="of", fr="sur"),
    len(x_fit) + len(x_check) + len(x_test),
)


def build_baseline():
    """en: The unregularized CNN of this section: two convolutions, a hidden Dense layer.

    fr: Le CNN non régularisé de cette section : deux convolutions, une couche Dense cachée.
    """
    return keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            L.Conv2D(16, 3, padding="same", activation="relu"),
            L.Conv2D(16, 3, padding="same", activation="relu"),
            L.Flatten(),
            L.Dense(64, activation="relu"),
            L.Dense(10, activation="softmax"),
        ]
    )


def train_small(model):
    """en: A copy of `model` trained with the exercise's budget, and its history.

    fr: Une copie de `model` entraînée avec le budget de l'exercice, et son historique.
    """
    ct.reseed()
    # en: Fresh weights, drawn after the seed.
    # fr: Des poids neufs, tirés après la graine.
    model = keras.models.clone_model(model)
    model.compile(
        keras.optimizers.Adam(0.001), loss="sparse_categorical_crossentropy", metrics=["accuracy"]
    )
    history = model.fit(
        x_fit, y_fit, validation_data=(x_check, y_check), epochs=60, batch_size=32, verbose=0
    )
    return model, history


def accuracy(model, x, y):
    """en: The fraction of the images `x` whose most probable class is their label `y`.

    fr: La fraction des images `x` dont la classe la plus probable est leur étiquette `y`.
    """
    return float(np.mean(np.argmax(np.asarray(model(x, training=False)), axis=1) == y))


baseline, baseline_history = train_small(build_baseline())
print(
    _(en="baseline parameters:", fr="paramètres du réseau de référence :"), baseline.count_params()
)
for name, x, y in [
    (_(en="training", fr="entraînement"), x_fit, y_fit),
    (_(en="validation", fr="validation"), x_check, y_check),
    (_(en="test", fr="test"), x_test, y_test),
]:
    correct = int(round(accuracy(baseline, x, y) * len(y)))
    print(
        f"{name:>12} | {_(en='accuracy', fr='exactitude')} {correct / len(y):.3f} "
        f"({correct} / {len(y)})"
    )
print(ct.summarize(baseline_history, digits=2))

# %%
# alt en: Training (dashed) and validation (solid) loss of the baseline over 60 epochs: the
# alt en: training loss falls to 0.00 (to two decimals), while the validation loss reaches its
# alt en: lowest, 0.23, at epoch 13 and then creeps up to 0.29 at epoch 60.
# alt fr: Pertes d'entraînement (tirets) et de validation (trait plein) du réseau de
# alt fr: référence sur 60 époques : la perte d'entraînement tombe à 0,00 (à deux décimales),
# alt fr: tandis que la perte de validation atteint son minimum, 0,23, à l'époque 13, puis
# alt fr: remonte lentement jusqu'à 0,29 à l'époque 60.
plot_losses(
    {_(en="baseline", fr="référence"): baseline_history},
    title=_(
        en="The baseline CNN on 300 training digits",
        fr="Le CNN de référence sur 300 chiffres d'entraînement",
    ),
)

# %% [markdown] lang="en"
# The baseline learns its 300 training images perfectly (accuracy 1.000, final training loss
# 0.0 to two decimals) but classifies only 466 of the 500 validation images (0.932) and 949
# of the 997 test images (0.952). Its validation loss is lowest at epoch 13 (0.23), then
# creeps up to 0.29 at epoch 60 while the training loss keeps falling: it overfits. Early
# stopping (lesson 5) would stop it sooner; the exercise asks for something else, a network
# that generalizes better within the same budget.

# %% [markdown] lang="fr"
# Le réseau de référence apprend parfaitement ses 300 images d'entraînement (exactitude
# 1,000, perte d'entraînement finale de 0,0 à deux décimales), mais ne classe bien que 466 des
# 500 images de validation (0,932) et 949 des 997 images de test (0,952). Sa perte de
# validation est minimale à l'époque 13 (0,23), puis remonte lentement jusqu'à 0,29 à
# l'époque 60, tandis que la perte d'entraînement continue de baisser : il surapprend.
# L'arrêt précoce (leçon 5) l'arrêterait plus tôt ; l'exercice demande autre chose, un
# réseau qui généralise mieux avec le même budget.

# %% [markdown] lang="en"
# ### Exercise 3 — design a regularized CNN (3 points)
#
# Write `design_cnn()`, which returns a **new, uncompiled** Keras model of your design. The
# visible tests check these rules:
#
# - input of shape `(8, 8, 1)` (`keras.Input((8, 8, 1))`), output of shape `(None, 10)`: the
#   10 class probabilities (softmax, each row summing to 1);
# - at least one `Conv2D` layer, and fewer than 100,000 parameters;
# - at least one of the course's regularizers: a dropout layer (`Dropout`,
#   `SpatialDropout2D`...), a weight penalty (`kernel_regularizer=...`), `BatchNormalization`,
#   or global pooling (`GlobalAveragePooling2D`, `GlobalMaxPooling2D`); `MaxPooling2D` is
#   allowed but does not count as one;
# - a new model at each call.
#
# The rest is yours: the number of filters and layers, which regularizers, where and how
# strong. Say why in a comment. The optimizer is fixed (Adam without `weight_decay`), so
# lesson 3's decoupled weight decay is out of reach here; a weight penalty is not.
#
# The hidden test trains your model as `train_small` does (the same steps, without the
# validation pass) and computes its accuracy on the 997 test images: it must be **at least
# 0.96**, that is 958 images or more. The baseline gets 949 of them right, 9 too few. You
# do not see your model's test accuracy: choose on validation, as one should. The cell after
# the solution trains your model as the grader will and prints its validation accuracy next
# to the baseline's (0.932).
#
# What is repeatable: as in lesson 9, the grader rebuilds the model `design_cnn()` returns,
# draws its weights after the same seed and retrains it on its own side, with the same
# software and settings. Only the processor may differ, and round the last bits of some sums
# differently. A model well above the baseline on validation leaves room for that; one that
# barely beats it may land on either side of the bar.

# %% [markdown] lang="fr"
# ### Exercice 3 — concevoir un CNN régularisé (3 points)
#
# Écrivez `design_cnn()`, qui renvoie un **nouveau** modèle Keras, **non compilé**, de votre
# conception. Les tests visibles vérifient ces règles :
#
# - une entrée de forme `(8, 8, 1)` (`keras.Input((8, 8, 1))`), une sortie de forme
#   `(None, 10)` : les 10 probabilités des classes (softmax, chaque ligne de somme 1) ;
# - au moins une couche `Conv2D`, et moins de 100 000 paramètres ;
# - au moins une des régularisations du cours : une couche de dropout (`Dropout`,
#   `SpatialDropout2D`…), une pénalité sur les poids (`kernel_regularizer=...`),
#   `BatchNormalization`, ou un regroupement global (`GlobalAveragePooling2D`,
#   `GlobalMaxPooling2D`) ; `MaxPooling2D` est permis, mais ne compte pas comme tel ;
# - un nouveau modèle à chaque appel.
#
# Le reste vous appartient : le nombre de filtres et de couches, quelles régularisations, où
# et avec quelle force. Justifiez vos choix dans un commentaire. L'optimiseur est imposé
# (Adam sans `weight_decay`) : la décroissance des poids découplée de la leçon 3 est donc hors
# de portée ici, mais pas une pénalité sur les poids.
#
# Le test caché entraîne votre modèle comme le fait `train_small` (les mêmes pas, sans le
# passage de validation) et calcule son exactitude sur les 997 images de test : elle doit
# valoir **au moins 0,96**, soit au moins 958 images bien classées. Le réseau de référence
# n'en classe bien que 949, 9 de moins qu'il n'en faut. Vous ne voyez pas l'exactitude de
# test de votre modèle : choisissez sur la validation, comme il se doit. La cellule qui suit
# la solution entraîne votre modèle comme le fera la correction et affiche son exactitude de
# validation à côté de celle du réseau de référence (0,932).
#
# Ce qui est reproductible : comme à la leçon 9, la correction reconstruit le modèle que
# renvoie `design_cnn()`, tire ses poids après la même graine et le réentraîne de son côté,
# avec les mêmes logiciels et les mêmes réglages. Seul le processeur peut différer, et
# arrondir autrement les derniers bits de certaines sommes. Un modèle qui dépasse nettement
# le réseau de référence en validation garde de la marge ; un modèle qui le bat de peu peut
# tomber d'un côté ou de l'autre de la barre.


# %% nbgrader="solution" grade_id="design_cnn"
def design_cnn():
    ### BEGIN SOLUTION
    # en: Batch normalization after each convolution (momentum 0.9: its moving statistics
    # en: follow within the 600 training steps, lesson 6), no bias before it, max pooling,
    # en: and dropout 0.5 before the classifier instead of a hidden Dense layer: 5,146
    # en: parameters instead of the baseline's 68,730.
    # fr: Une normalisation par lots après chaque convolution (momentum 0,9 : ses
    # fr: statistiques mobiles suivent en 600 pas d'entraînement, leçon 6), sans biais avant
    # fr: elle, un regroupement par maximum, et un dropout de 0,5 avant le classifieur au
    # fr: lieu d'une couche Dense cachée : 5 146 paramètres au lieu des 68 730 du réseau de
    # fr: référence.
    return keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            keras.layers.Conv2D(16, 3, padding="same", use_bias=False),
            keras.layers.BatchNormalization(momentum=0.9),
            keras.layers.Activation("relu"),
            keras.layers.Conv2D(16, 3, padding="same", use_bias=False),
            keras.layers.BatchNormalization(momentum=0.9),
            keras.layers.Activation("relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dropout(0.5),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    ### END SOLUTION


# %%
my_cnn, my_history = train_small(design_cnn())
print(_(en="parameters:", fr="paramètres :"), my_cnn.count_params())
print(
    _(en="validation accuracy, your model:", fr="exactitude de validation, votre modèle :"),
    f"{accuracy(my_cnn, x_check, y_check):.3f}",
)
print(
    _(en="validation accuracy, baseline:  ", fr="exactitude de validation, référence :   "),
    f"{accuracy(baseline, x_check, y_check):.3f}",
)

# %% nbgrader="tests" grade_id="design_cnn_tests" points=3
# en: Visible tests: they check the rules only. The graded training is hidden: run the cell
# en: above to see your model's validation accuracy.
# fr: Tests visibles : ils ne vérifient que les règles. L'entraînement noté est caché :
# fr: exécutez la cellule ci-dessus pour voir l'exactitude de validation de votre modèle.
_model = design_cnn()
assert isinstance(_model, keras.Model), _(
    en="design_cnn() must return a Keras model (keras.Sequential or keras.Model).",
    fr="design_cnn() doit renvoyer un modèle Keras (keras.Sequential ou keras.Model).",
)
assert design_cnn() is not _model, _(
    en="design_cnn() must build a new model at each call.",
    fr="design_cnn() doit construire un nouveau modèle à chaque appel.",
)
assert tuple(_model.input_shape) == (None, 8, 8, 1), _(
    en=f"The input must have shape (None, 8, 8, 1), not {_model.input_shape}: start with keras.Input((8, 8, 1)).",
    fr=f"L'entrée doit avoir la forme (None, 8, 8, 1), et non {_model.input_shape} : commencez par keras.Input((8, 8, 1)).",
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
_xv = ct.load_digits_images(n_train=300, n_val=500)[2]
_p = np.asarray(_model(_xv[:20], training=False))
assert (_p >= 0).all() and np.allclose(_p.sum(axis=1), 1.0, atol=1e-4), _(
    en="The outputs are not probabilities summing to 1: the last layer needs activation='softmax'.",
    fr="Les sorties ne sont pas des probabilités de somme 1 : la dernière couche doit avoir activation='softmax'.",
)
assert any(isinstance(_layer, keras.layers.Conv2D) for _layer in _model.layers), _(
    en="The model must contain at least one Conv2D layer.",
    fr="Le modèle doit contenir au moins une couche Conv2D.",
)
assert _model.count_params() < 100_000, _(
    en=f"The model has {_model.count_params()} parameters; keep it under 100,000 (fewer filters or units, or pooling before Flatten).",
    fr=f"Le modèle a {_model.count_params()} paramètres ; restez sous 100 000 (moins de filtres ou d'unités, ou un regroupement avant Flatten).",
)
_regularizers = {
    _kind
    for _layer in _model.layers
    for _kind, _present in [
        ("dropout", "Dropout" in type(_layer).__name__),
        (
            "penalty",
            any(
                getattr(_layer, _a, None) is not None
                for _a in ("kernel_regularizer", "bias_regularizer", "activity_regularizer")
            ),
        ),
        ("batch normalization", isinstance(_layer, keras.layers.BatchNormalization)),
        ("global pooling", type(_layer).__name__.startswith("Global")),
    ]
    if _present
}
assert _regularizers, _(
    en="No regularization: use at least one of a dropout layer, a weight penalty (kernel_regularizer), BatchNormalization or global pooling.",
    fr="Aucune régularisation : utilisez au moins une couche de dropout, une pénalité sur les poids (kernel_regularizer), BatchNormalization ou un regroupement global.",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
# en: The graded training: train_small's budget on the same 300 images, then the 997 test
# en: images, which no cell of the notebook shows for the student's model.
# fr: L'entraînement noté : le budget de train_small sur les mêmes 300 images, puis les 997
# fr: images de test, qu'aucune cellule du notebook ne montre pour le modèle de l'étudiant.
_xf, _yf, _, _ = ct.load_digits_images(n_train=300, n_val=500)
_, _, _xs, _ys = ct.load_digits_images(n_train=800, n_val=997)
_model = design_cnn()
ct.reseed()
# en: Fresh weights, drawn after the seed.
# fr: Des poids neufs, tirés après la graine.
_model = keras.models.clone_model(_model)
_model.compile(
    keras.optimizers.Adam(0.001), loss="sparse_categorical_crossentropy", metrics=["accuracy"]
)
_model.fit(_xf, _yf, epochs=60, batch_size=32, verbose=0)
_correct = int(np.sum(np.argmax(np.asarray(_model(_xs, training=False)), axis=1) == _ys))
assert _correct >= 958, _(
    en=f"Test accuracy {_correct / 997:.4f} ({_correct} of 997 images) < 0.96: your model does not generalize clearly better than the baseline.",
    fr=f"Exactitude de test {_correct / 997:.4f} ({_correct} images sur 997) < 0,96 : votre modèle ne généralise pas nettement mieux que le réseau de référence.",
)
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
# it insensitive to position, and its weights no longer depend on the size of the input.
# With far fewer parameters it has less room to overfit: it is a strong structural
# regularizer. The replacement is sensible when the last feature maps already detect
# meaningful, position-independent patterns, typically at the end of a deep network, or when
# position should not matter. On the 8×8 digits with a single convolution of 8 filters,
# position matters and 8 averages are too little information: the model underfits (about
# 0.37 training and 0.39 validation accuracy after 8 epochs, against 0.97 and 0.94 with
# `Flatten`).

# %% [markdown] lang="fr" nbgrader="manual" grade_id="flatten_vs_global_pooling" points=2
# Les deux suppriment les axes spatiaux pour que `Dense` donne une prédiction par exemple :
# sur des cartes de forme `(4, 4, 8)`, `Flatten` donne 128 valeurs, le regroupement global par
# moyenne en donne 8 (une par canal). La dernière couche `Dense(10)` a alors 1 290 paramètres
# après `Flatten`, mais seulement 90 après le regroupement (1 370 contre 170 pour le réseau
# entier). Le regroupement oublie où chaque caractéristique a été trouvée : le classifieur ne
# sait plus que l'intensité moyenne de la réponse de chaque filtre, ce qui le rend insensible à
# la position, et ses poids ne dépendent plus de la taille de l'entrée. Avec beaucoup moins
# de paramètres, il a moins de place pour surapprendre : c'est une forte régularisation
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
# - On 300 training digits, a CNN of 68,730 parameters classifies every training image right
#   but only 93.2% of the validation images. Regularize it, choose on the validation set,
#   and let a test set that played no part in the choice judge the result, once.
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
# - Sur 300 chiffres d'entraînement, un CNN de 68 730 paramètres classe bien toutes ses
#   images d'entraînement, mais seulement 93,2 % des images de validation. Régularisez-le,
#   choisissez sur le jeu de validation, et laissez un jeu de test qui n'a joué aucun rôle
#   dans ce choix juger le résultat, une seule fois.
#
# Leçon suivante : la synthèse, où les régularisations de ce cours se combinent sur un même
# réseau.
