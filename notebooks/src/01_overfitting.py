# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] lang="en"
# # Lesson 1 — Overfitting, underfitting and the Dense layer
#
# **Goal.** By the end of this lesson you can (1) compute what a Keras `Dense` layer computes,
# by hand, and (2) read learning curves to tell an underfitting model from a well-fitted one
# and from an overfitting one. Everything later in the course (penalties, dropout, early
# stopping, batch normalization) is a remedy for the third case, so we start by seeing it.

# %% [markdown] lang="fr"
# # Leçon 1 — Surapprentissage, sous-apprentissage et la couche Dense
#
# **Objectif.** À la fin de cette leçon, vous saurez (1) calculer à la main ce que calcule une
# couche `Dense` de Keras et (2) lire des courbes d'apprentissage pour distinguer un modèle
# qui sous-apprend, un modèle bien ajusté et un modèle qui surapprend. Tout le reste du cours
# (pénalités, dropout, arrêt précoce, normalisation par lots) soigne ce troisième cas : commençons
# donc par l'observer.

# %%
import coursetools as ct  # first: it quiets TensorFlow before TensorFlow loads

ct.setup(_(en="en", fr="fr"))

import keras
import numpy as np

# %% [markdown] lang="en"
# ## 1. What a Dense layer computes
#
# A fully connected layer holds a weight matrix, the **kernel** $W$ of shape
# `(inputs, units)`, and a **bias** vector $b$ of shape `(units,)`. For a batch of inputs
# $X$ of shape `(batch, inputs)` it returns
#
# $$\text{output} = \text{activation}(X \cdot W + b)$$
#
# which is exactly Keras' documented `activation(dot(input, kernel) + bias)`. Let us check
# it on a small layer: we call the layer once (this creates its weights), read the weights,
# and redo the computation with NumPy.

# %% [markdown] lang="fr"
# ## 1. Ce que calcule une couche Dense
#
# Une couche entièrement connectée contient une matrice de poids, le **noyau** (*kernel*)
# $W$ de forme `(entrées, unités)`, et un vecteur de **biais** $b$ de forme `(unités,)`.
# Pour un lot d'entrées $X$ de forme `(lot, entrées)`, elle renvoie
#
# $$\text{sortie} = \text{activation}(X \cdot W + b)$$
#
# c'est-à-dire exactement la formule documentée par Keras,
# `activation(dot(input, kernel) + bias)`. Vérifions-le sur une petite couche : on l'appelle
# une fois (ce qui crée ses poids), on lit ses poids et on refait le calcul avec NumPy.

# %%
ct.reseed()
x = np.random.default_rng(0).normal(size=(4, 5)).astype("float32")
layer = keras.layers.Dense(3, activation="relu", bias_initializer="random_normal")
keras_out = np.asarray(layer(x))
kernel, bias = layer.get_weights()
numpy_out = np.maximum(x @ kernel + bias, 0.0)
print(_(en="kernel shape:", fr="forme du noyau :"), kernel.shape)
print(_(en="bias shape:  ", fr="forme du biais :"), bias.shape)
print(_(en="output shape:", fr="forme de la sortie :"), keras_out.shape)
print(
    _(en="Keras and NumPy agree to 1e-6:", fr="Keras et NumPy concordent à 1e-6 près :"),
    bool(np.abs(keras_out - numpy_out).max() < 1e-6),
)
print(keras_out.round(4))

# %% [markdown] lang="en"
# With `use_bias=False` the layer has no bias at all: the output is
# `activation(dot(input, kernel))`, and the layer has `inputs × units` parameters instead
# of `inputs × units + units`. A `Dense` layer without activation whose output goes straight
# into batch normalization (lesson 6) often drops its bias: the normalization subtracts from
# each unit's outputs their mean over the batch, and that subtraction cancels any constant
# added to them, the bias included. (The normalization's own learned offset $\beta$, added after it, then plays
# the bias's role.) With an activation such as ReLU between the two, the bias is not
# cancelled.

# %% [markdown] lang="fr"
# Avec `use_bias=False`, la couche n'a pas de biais du tout : la sortie vaut
# `activation(dot(input, kernel))` et la couche compte `entrées × unités` paramètres au lieu
# de `entrées × unités + unités`. Une couche `Dense` sans activation dont la sortie passe
# directement dans une normalisation par lots (leçon 6) se passe souvent de biais : la
# normalisation soustrait aux sorties de chaque unité leur moyenne sur le lot, et cette
# soustraction annule toute constante qui leur est ajoutée, biais compris. (Le décalage appris $\beta$ de la
# normalisation, ajouté après elle, joue alors le rôle du biais.) Avec une activation comme
# ReLU entre les deux, le biais n'est pas annulé.

# %%
with_bias = keras.layers.Dense(3)
without_bias = keras.layers.Dense(3, use_bias=False)
with_bias.build((None, 5))
without_bias.build((None, 5))
print(_(en="parameters with bias:   ", fr="paramètres avec biais :"), with_bias.count_params())
print(_(en="parameters without bias:", fr="paramètres sans biais :"), without_bias.count_params())
print(
    _(en="weights without bias:", fr="poids sans biais :"),
    [tuple(w.shape) for w in without_bias.weights],
)

# %% [markdown] lang="en"
# ### Exercise 1 — a Dense forward pass in NumPy (2 points)
#
# Write `dense_forward(x, kernel, bias, activation)` that returns what a `Dense` layer with
# these weights returns. `bias` may be `None` (a layer built with `use_bias=False`), and
# `activation` is one of `"linear"`, `"relu"` or `"sigmoid"`. Use NumPy only.

# %% [markdown] lang="fr"
# ### Exercice 1 — la propagation avant d'une couche Dense avec NumPy (2 points)
#
# Écrivez `dense_forward(x, kernel, bias, activation)` qui renvoie ce que renvoie une couche
# `Dense` ayant ces poids. `bias` peut valoir `None` (couche construite avec
# `use_bias=False`) et `activation` vaut `"linear"`, `"relu"` ou `"sigmoid"`. N'utilisez
# que NumPy.


# %% nbgrader="solution" grade_id="dense_forward"
def dense_forward(x, kernel, bias, activation):
    ### BEGIN SOLUTION
    z = np.asarray(x) @ np.asarray(kernel)
    if bias is not None:
        z = z + np.asarray(bias)
    if activation == "relu":
        return np.maximum(z, 0.0)
    if activation == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    return z
    ### END SOLUTION


# %% nbgrader="tests" grade_id="dense_forward_tests" points=2
# Visible tests: run this cell to check your function.
_x = np.random.default_rng(1).normal(size=(6, 5)).astype("float32")
_layer = keras.layers.Dense(4, activation="relu", bias_initializer="random_normal")
_expected = np.asarray(_layer(_x))
_k, _b = _layer.get_weights()
_got = np.asarray(dense_forward(_x, _k, _b, "relu"))
assert _got.shape == _expected.shape, _(
    en=f"The output must have shape {_expected.shape} (batch, units), not {_got.shape}.",
    fr=f"La sortie doit avoir la forme {_expected.shape} (lot, unités), et non {_got.shape}.",
)
if np.allclose(_got, np.maximum(_x @ _k, 0), atol=1e-5) and not np.allclose(
    _got, _expected, atol=1e-5
):
    raise AssertionError(
        _(
            en="The bias is missing: add it before the activation.",
            fr="Le biais manque : ajoutez-le avant l'activation.",
        )
    )
if np.allclose(_got, np.maximum(_x @ _k, 0) + _b, atol=1e-5) and not np.allclose(
    _got, _expected, atol=1e-5
):
    raise AssertionError(
        _(
            en="The bias is added after the activation: it goes inside, activation(x·W + b).",
            fr="Le biais est ajouté après l'activation : il va dedans, activation(x·W + b).",
        )
    )
assert np.allclose(_got, _expected, atol=1e-5), _(
    en="Your output differs from the Keras layer's output.",
    fr="Votre sortie diffère de celle de la couche Keras.",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
ct.reseed(ct.fresh_seed())
_rng = np.random.default_rng(ct.fresh_seed())
for _act in ("linear", "sigmoid", "relu"):
    for _use_bias in (True, False):
        _layer = keras.layers.Dense(
            3, activation=_act, use_bias=_use_bias, bias_initializer="random_normal"
        )
        _x = _rng.normal(size=(7, 4)).astype("float32")
        _expected = np.asarray(_layer(_x))
        _w = _layer.get_weights()
        _got = np.asarray(dense_forward(_x, _w[0], _w[1] if _use_bias else None, _act))
        assert np.allclose(_got, _expected, atol=1e-5), (_act, _use_bias)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## 2. Learning curves: underfitting, good fit, overfitting
#
# A model is trained to lower its loss on the **training** set, but what we care about is
# its loss on data it has never seen: the **generalization error**. We estimate it on a
# **validation** set held out from training. Plotting both losses after every epoch gives the
# **learning curves**.
#
# We use scikit-learn's bundled *diabetes* data set (442 patients, 10 standardized
# measurements, target: disease progression after one year). It ships with scikit-learn, so
# nothing is downloaded. The target is noisy, and we keep only 120 patients for training:
# a large network will have every chance to learn the noise by heart.

# %% [markdown] lang="fr"
# ## 2. Courbes d'apprentissage : sous-apprentissage, bon ajustement, surapprentissage
#
# Un modèle est entraîné à faire baisser sa perte sur le jeu d'**entraînement**, mais ce qui
# nous intéresse est sa perte sur des données qu'il n'a jamais vues : l'**erreur de
# généralisation**. On l'estime sur un jeu de **validation** mis de côté pendant
# l'entraînement. Tracer les deux pertes après chaque époque donne les **courbes
# d'apprentissage**.
#
# Nous utilisons le jeu de données *diabetes* fourni avec scikit-learn (442 patients,
# 10 mesures standardisées, cible : progression de la maladie après un an). Il est livré avec
# scikit-learn, donc rien n'est téléchargé. La cible est bruitée et nous ne gardons que
# 120 patients pour l'entraînement : un grand réseau aura toutes les chances d'apprendre le
# bruit par cœur.

# %%
from sklearn.datasets import load_diabetes

features, target = load_diabetes(return_X_y=True)
features = ((features - features.mean(axis=0)) / features.std(axis=0)).astype("float32")
target = ((target - target.mean()) / target.std()).astype("float32")
order = np.random.default_rng(0).permutation(len(features))
x_train, y_train = features[order[:120]], target[order[:120]]
x_val, y_val = features[order[120:]], target[order[120:]]
print(_(en="training set:  ", fr="entraînement :"), x_train.shape)
print(_(en="validation set:", fr="validation :  "), x_val.shape)


# %% [markdown] lang="en"
# We train three models of growing capacity with the same optimizer and the same number of
# epochs, and record both losses (mean squared error) after every epoch:
# - a **tiny** network: one hidden layer of a single ReLU unit, 13 parameters;
# - a **small** network: one hidden layer of 4 units, 49 parameters;
# - a **large** network: two hidden layers of 128 units, about 18,000 parameters for 120 examples.

# %% [markdown] lang="fr"
# Nous entraînons trois modèles de capacité croissante, avec le même optimiseur et le même
# nombre d'époques, en enregistrant les deux pertes (erreur quadratique moyenne) après chaque
# époque :
# - un réseau **minuscule** : une couche cachée d'une seule unité ReLU, 13 paramètres ;
# - un **petit** réseau : une couche cachée de 4 unités, 49 paramètres ;
# - un **grand** réseau : deux couches cachées de 128 unités, environ 18 000 paramètres pour
#   120 exemples.


# %%
def train(hidden_units, epochs=40, learning_rate=0.01):
    ct.reseed()
    model = keras.Sequential(
        [keras.Input((10,))]
        + [keras.layers.Dense(units, activation="relu") for units in hidden_units]
        + [keras.layers.Dense(1)]
    )
    model.compile(keras.optimizers.Adam(learning_rate), loss="mse")
    history = model.fit(
        x_train, y_train, validation_data=(x_val, y_val), epochs=epochs, batch_size=32, verbose=0
    )
    return model, history


models, histories = {}, {}
for name, hidden in [
    (_(en="tiny", fr="minuscule"), [1]),
    (_(en="small", fr="petit"), [4]),
    (_(en="large", fr="grand"), [128, 128]),
]:
    models[name], histories[name] = train(hidden)
    print(
        f"{name:>9}: {models[name].count_params():6d} {_(en='parameters', fr='paramètres')},",
        ct.summarize(histories[name]),
    )

# %%
ct.plot_curves(
    histories,
    title=_(
        en="Learning curves on the diabetes data",
        fr="Courbes d'apprentissage sur les données diabetes",
    ),
)

# %% [markdown] lang="en"
# How to read the figure (dashed: training, solid: validation, dot: lowest validation loss):
# - **Underfitting**: the tiny network's two losses stay high. Its single unit is too
#   simple to capture the signal; more training would not help, more capacity would.
# - **Good fit**: the small network reaches the lowest validation loss of the three; its
#   training loss is a little below, and both are still slowly decreasing together.
# - **Overfitting**: the large network drives its training loss towards zero while its
#   validation loss reaches its minimum within a few epochs and then *rises*. From that
#   epoch on, it is learning the noise of its 120 examples, not the signal.
#
# The gap between validation and training loss estimates how much the model fails to
# generalize. Regularization is every technique that narrows this gap without giving up the
# capacity the problem needs.

# %% [markdown] lang="fr"
# Comment lire la figure (tirets : entraînement, trait plein : validation, point : perte de
# validation minimale) :
# - **Sous-apprentissage** : les deux pertes du réseau minuscule restent élevées. Son unique
#   unité est trop simple pour capter le signal ; l'entraîner plus longtemps n'y changerait
#   rien, lui donner plus de capacité, si.
# - **Bon ajustement** : le petit réseau atteint la perte de validation la plus basse des
#   trois ; sa perte d'entraînement est un peu en dessous, et les deux baissent encore
#   lentement, ensemble.
# - **Surapprentissage** : le grand réseau fait tendre sa perte d'entraînement vers zéro,
#   tandis que sa perte de validation atteint son minimum en quelques époques puis
#   *remonte*. À partir de cette époque, il apprend le bruit de ses 120 exemples, pas le signal.
#
# L'écart entre la perte de validation et la perte d'entraînement mesure à quel point le modèle
# généralise mal. La régularisation regroupe toutes les techniques qui réduisent cet écart
# sans renoncer à la capacité dont le problème a besoin.

# %%
print(
    f"{_(en='model', fr='modèle'):>9} | {_(en='train', fr='entr.'):>6} | {_(en='val.', fr='val.'):>6} | {_(en='gap', fr='écart'):>6}"
)
for name, history in histories.items():
    train_loss, val_loss = history.history["loss"][-1], history.history["val_loss"][-1]
    print(f"{name:>9} | {train_loss:6.3f} | {val_loss:6.3f} | {val_loss - train_loss:6.3f}")

# %% [markdown] lang="en"
# ### Exercise 2 — the epoch with the lowest validation loss (2 points)
#
# Write `best_epoch(val_losses)` that takes the list of validation losses, one per epoch, and
# returns the epoch **counted from 1** with the lowest validation loss. If several epochs
# share the lowest value, return the first of them. It must also accept a NumPy array.
#
# On a smooth curve that falls and then rises, this is also the last epoch before the rise.
# A real validation curve is noisy: it can go down and up several times, so the lowest value
# may come after a first rise, and the epochs after it may still go down now and then. The
# function returns the lowest point of the whole curve, not the first epoch where the loss
# goes up.

# %% [markdown] lang="fr"
# ### Exercice 2 — l'époque de plus basse perte de validation (2 points)
#
# Écrivez `best_epoch(val_losses)` qui prend la liste des pertes de validation, une par
# époque, et renvoie l'époque **numérotée à partir de 1** dont la perte de validation est la
# plus basse. Si plusieurs époques partagent la valeur minimale, renvoyez la première. La
# fonction doit aussi accepter un tableau NumPy.
#
# Sur une courbe régulière qui descend puis remonte, c'est aussi la dernière époque avant la
# remontée. Une vraie courbe de validation est bruitée : elle peut descendre et remonter
# plusieurs fois, si bien que la valeur la plus basse peut venir après une première remontée,
# et que les époques suivantes peuvent encore redescendre par moments. La fonction renvoie le
# point le plus bas de toute la courbe, pas la première époque où la perte remonte.


# %% nbgrader="solution" grade_id="best_epoch"
def best_epoch(val_losses):
    ### BEGIN SOLUTION
    return int(np.argmin(np.asarray(val_losses))) + 1
    ### END SOLUTION


# %% nbgrader="tests" grade_id="best_epoch_tests" points=2
_answer = ct.plain(best_epoch([0.9, 0.7, 0.6, 0.65, 0.8]))
if _answer == 2:
    raise AssertionError(
        _(
            en="Epochs are counted from 1: the third epoch is epoch 3, not index 2.",
            fr="Les époques sont numérotées à partir de 1 : la troisième époque est l'époque 3, pas l'indice 2.",
        )
    )
assert _answer == 3, _(
    en=f"Lowest validation loss is at epoch 3, you returned {_answer}.",
    fr=f"La perte de validation minimale est à l'époque 3, vous avez renvoyé {_answer}.",
)
# A curve shaped like the large network's: it falls for a few epochs, then rises.
_epochs = np.arange(1, 41)
_curve = (1.0 / _epochs + 0.02 * _epochs).astype("float32")
assert ct.plain(best_epoch(_curve)) == int(np.argmin(_curve)) + 1, _(
    en="Wrong epoch on a curve like the large network's (a NumPy array of 40 losses).",
    fr="Époque erronée sur une courbe comme celle du grand réseau (un tableau NumPy de 40 pertes).",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(ct.fresh_seed())
for _round in range(5):
    # falls, rises, then falls lower: the first rise is not the best epoch
    _n = int(_rng.integers(8, 30))
    _losses = np.round(_rng.uniform(0.2, 1.0, size=_n), 3)
    _first_low = int(_rng.integers(1, _n // 2 - 1))
    _losses[_first_low] = 0.15
    _losses[_first_low + 1] = 0.9
    _best = int(_rng.integers(_first_low + 2, _n - 1))
    _losses[_best] = 0.1
    _losses[int(_rng.integers(_best + 1, _n))] = 0.1  # a tie: the first of them counts
    _given = _losses if _rng.random() < 0.5 else [float(_v) for _v in _losses]
    assert ct.plain(best_epoch(_given)) == _best + 1, (list(_losses), _best + 1)
assert ct.plain(best_epoch([1.0])) == 1
_n = int(_rng.integers(3, 12))
_losses = [float(_v) for _v in np.sort(_rng.uniform(0.1, 1.0, size=_n))[::-1]]
assert ct.plain(best_epoch(_losses)) == _n, _losses
assert isinstance(best_epoch([2.0, 1.0]), (int, np.integer))
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Written question (2 points, graded by hand)
#
# Using the table and the figure above: which model underfits, which overfits, and how do you
# see it in the numbers? For each of these two models, suggest one change that should lower
# its validation loss, and say why.

# %% [markdown] lang="fr"
# ### Question rédigée (2 points, corrigée à la main)
#
# À l'aide du tableau et de la figure ci-dessus : quel modèle sous-apprend, lequel
# surapprend, et comment le voit-on dans les chiffres ? Pour chacun de ces deux modèles,
# proposez une modification qui devrait faire baisser sa perte de validation, en expliquant
# pourquoi.

# %% [markdown] lang="en" nbgrader="manual" grade_id="fit_diagnosis" points=2
# The tiny network underfits: its training and validation losses are both high (about 0.60
# and 0.70), higher than the small network's, although it trained just as long; adding
# capacity (more hidden units) lets it capture more of the signal. The large network overfits: its training loss
# falls close to 0 while its validation loss is lowest after a few epochs and then climbs to
# the highest value of the three, the largest gap; stopping at the best epoch, adding a
# weight penalty or dropout, or using a smaller network should lower its validation loss,
# because each limits how much of the training noise it can memorize.

# %% [markdown] lang="fr" nbgrader="manual" grade_id="fit_diagnosis" points=2
# Le réseau minuscule sous-apprend : ses pertes d'entraînement et de validation sont toutes deux
# élevées (environ 0,60 et 0,70), plus que celles du petit réseau, bien qu'il se soit entraîné
# aussi longtemps. Lui ajouter de la capacité (plus d'unités cachées) lui permet de capter une
# plus grande part du signal.
# Le grand réseau surapprend : sa perte d'entraînement tombe presque à 0 tandis que sa perte de
# validation est minimale après quelques époques puis remonte jusqu'à la valeur la plus haute
# des trois, avec le plus grand écart. S'arrêter à la meilleure époque, ajouter une pénalité
# sur les poids ou du dropout, ou prendre un réseau plus petit devrait faire baisser sa perte de
# validation, car chacune de ces mesures limite la part du bruit d'entraînement qu'il peut
# mémoriser.

# %% [markdown] lang="en"
# ## Key points
# - `Dense` computes `activation(dot(input, kernel) + bias)`; `use_bias=False` drops `+ bias`.
# - Learning curves show training and validation loss per epoch. Both high and close:
#   underfitting. Training loss still falling while validation loss rises: overfitting.
# - The epoch with the lowest validation loss is where a model generalizes best; lesson 5
#   (early stopping) turns this observation into a callback.
#
# Next lesson: penalties on the weights, the first family of regularizers.

# %% [markdown] lang="fr"
# ## À retenir
# - `Dense` calcule `activation(dot(input, kernel) + bias)` ; `use_bias=False` supprime `+ bias`.
# - Les courbes d'apprentissage montrent les pertes d'entraînement et de validation à chaque
#   époque. Toutes deux hautes et proches : sous-apprentissage. Perte d'entraînement qui baisse
#   encore pendant que la perte de validation remonte : surapprentissage.
# - L'époque où la perte de validation est minimale est celle où le modèle généralise le
#   mieux ; la leçon 5 (arrêt précoce) transforme cette observation en fonction de rappel
#   (*callback*).
#
# Leçon suivante : les pénalités sur les poids, première famille de régularisations.
