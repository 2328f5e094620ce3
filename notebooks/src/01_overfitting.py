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
import coursetools as ct  # en: first: it quiets TensorFlow before TensorFlow loads # fr: en premier : il fait taire TensorFlow avant que celui-ci ne se charge

ct.setup(_(en="en", fr="fr"))

import keras
import matplotlib.pyplot as plt
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
# each unit's outputs their mean (over the batch during training, a moving average of those
# means at inference), and that subtraction cancels any constant added to them, the bias
# included. (The normalization's own learned offset $\beta$, added after it, then plays the
# bias's role.) With an activation such as ReLU between the two, the bias is not cancelled.

# %% [markdown] lang="fr"
# Avec `use_bias=False`, la couche n'a pas de biais du tout : la sortie vaut
# `activation(dot(input, kernel))` et la couche compte `entrées × unités` paramètres au lieu
# de `entrées × unités + unités`. Une couche `Dense` sans activation dont la sortie passe
# directement dans une normalisation par lots (leçon 6) se passe souvent de biais : la
# normalisation retranche aux sorties de chaque unité leur moyenne (sur le lot pendant
# l'entraînement, une moyenne mobile de ces moyennes en inférence), ce qui annule toute
# constante qui leur est ajoutée, biais compris. (Le décalage appris $\beta$ de la
# normalisation, ajouté après elle, tient alors le rôle du biais.) Avec une activation comme
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
#
# The tests compare your output with a Keras `Dense` layer's, to within 1e-5. The visible
# test uses `"relu"` with a bias; the hidden tests try each of the three activations, with
# and without a bias, on weights and inputs drawn at grading time.

# %% [markdown] lang="fr"
# ### Exercice 1 — la propagation avant d'une couche Dense avec NumPy (2 points)
#
# Écrivez `dense_forward(x, kernel, bias, activation)` qui renvoie ce que renvoie une couche
# `Dense` ayant ces poids. `bias` peut valoir `None` (couche construite avec
# `use_bias=False`) et `activation` vaut `"linear"`, `"relu"` ou `"sigmoid"`. N'utilisez
# que NumPy.
#
# Les tests comparent votre sortie à celle d'une couche `Dense` de Keras, à 1e-5 près. Le
# test visible utilise `"relu"` avec un biais ; les tests cachés essaient chacune des trois
# activations, avec et sans biais, sur des poids et des entrées tirés au moment de la
# correction.


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
# en: Visible tests: run this cell to check your function.
# fr: Tests visibles : exécutez cette cellule pour vérifier votre fonction.
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
if np.allclose(_got, _x @ _k + _b, atol=1e-5) and not np.allclose(_got, _expected, atol=1e-5):
    raise AssertionError(
        _(
            en="The activation is missing: your output is x·W + b, but this layer applies "
            "relu to it (some outputs must be 0).",
            fr="L'activation manque : votre sortie vaut x·W + b, alors que cette couche lui "
            "applique relu (certaines sorties doivent valoir 0).",
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
# epochs, and record both losses (mean squared error) after every epoch. Each takes the
# 10 features as input and ends with a `Dense` layer of one unit (the prediction); they
# differ by their hidden ReLU layers:
# - a **tiny** network: one hidden layer of a single unit;
# - a **small** network: one hidden layer of 4 units;
# - a **large** network: two hidden layers of 128 units each.
#
# All their `Dense` layers have a bias.

# %% [markdown] lang="fr"
# Nous entraînons trois modèles de capacité croissante, avec le même optimiseur et le même
# nombre d'époques, en enregistrant les deux pertes (erreur quadratique moyenne) après chaque
# époque. Chacun reçoit les 10 variables en entrée et se termine par une couche `Dense`
# d'une unité (la prédiction) ; ils ne diffèrent que par leurs couches cachées ReLU :
# - un réseau **minuscule** : une couche cachée d'une seule unité ;
# - un **petit** réseau : une couche cachée de 4 unités ;
# - un **grand** réseau : deux couches cachées de 128 unités chacune.
#
# Toutes leurs couches `Dense` ont un biais.

# %% [markdown] lang="en"
# ### Exercise 2 — predict the size of each network (2 points)
#
# How many parameters (weights and biases) does each network have? Work it out from
# section 1, **before** the training below runs, and store three integers: `tiny_params`,
# `small_params` and `large_params`. You may write the arithmetic in the cell (for example
# `(10 * 4 + 4) + ...`), but do not ask Keras: the cell after the training prints your
# numbers beside Keras' own count.
#
# The tests build the three networks and compare each of your numbers with Keras'
# `count_params()`: they must be equal (integers, no tolerance). There are no hidden tests.

# %% [markdown] lang="fr"
# ### Exercice 2 — prédire la taille de chaque réseau (2 points)
#
# Combien de paramètres (poids et biais) compte chaque réseau ? Déduisez-le de la section 1,
# **avant** de lancer l'entraînement ci-dessous, et rangez trois entiers dans `tiny_params`,
# `small_params` et `large_params`. Vous pouvez écrire le calcul dans la cellule (par
# exemple `(10 * 4 + 4) + ...`), mais sans interroger Keras : la cellule qui suit
# l'entraînement affiche vos nombres à côté du décompte de Keras.
#
# Les tests construisent les trois réseaux et comparent chacun de vos nombres au résultat de
# `count_params()` de Keras : ils doivent être égaux (des entiers, sans tolérance). Il n'y a
# pas de tests cachés.

# %% nbgrader="solution" grade_id="param_counts"
### BEGIN SOLUTION
# en: Each Dense layer: inputs × units weights, plus one bias per unit.
# fr: Chaque couche Dense : entrées × unités poids, plus un biais par unité.
tiny_params = (10 * 1 + 1) + (1 * 1 + 1)
small_params = (10 * 4 + 4) + (4 * 1 + 1)
large_params = (10 * 128 + 128) + (128 * 128 + 128) + (128 * 1 + 1)
### END SOLUTION

# %% nbgrader="tests" grade_id="param_counts_tests" points=2
# en: Visible tests: the three networks are built here and Keras counts their parameters.
# fr: Tests visibles : les trois réseaux sont construits ici et Keras compte leurs paramètres.
for _name, _hidden, _predicted in [
    (_(en="tiny network", fr="réseau minuscule"), [1], tiny_params),
    (_(en="small network", fr="petit réseau"), [4], small_params),
    (_(en="large network", fr="grand réseau"), [128, 128], large_params),
]:
    _predicted = ct.plain(_predicted)
    assert type(_predicted) is int, _(
        en=f"For the {_name}, store an integer, not {type(_predicted).__name__} ({_predicted!r}).",
        fr=f"Pour le {_name}, rangez un entier, et non un {type(_predicted).__name__} ({_predicted!r}).",
    )
    _model = keras.Sequential(
        [keras.Input((10,))]
        + [keras.layers.Dense(_units, activation="relu") for _units in _hidden]
        + [keras.layers.Dense(1)]
    )
    _counted = _model.count_params()
    if _predicted == _counted:
        continue
    _sizes = [10, *_hidden, 1]
    _off = _(
        en=f"For the {_name}, you predicted {_predicted} parameters and Keras counts {_counted}: "
        f"{abs(_predicted - _counted)} too {'many' if _predicted > _counted else 'few'}.",
        fr=f"Pour le {_name}, vous avez prédit {_predicted} paramètres et Keras en compte "
        f"{_counted} : {abs(_predicted - _counted)} de {'trop' if _predicted > _counted else 'moins'}.",
    )
    if _predicted == sum(_a * _b for _a, _b in zip(_sizes[:-1], _sizes[1:], strict=True)):
        raise AssertionError(
            _off
            + _(
                en=" You left out the biases: each layer also has one bias per unit.",
                fr=" Vous avez oublié les biais : chaque couche a aussi un biais par unité.",
            )
        )
    if _predicted == _counted - (_hidden[-1] + 1):
        raise AssertionError(
            _off
            + _(
                en=f" You left out the output layer: {_hidden[-1]} weights and 1 bias.",
                fr=f" Vous avez oublié la couche de sortie : {_hidden[-1]} poids et 1 biais.",
            )
        )
    if _predicted == sum(_a * _b + _a for _a, _b in zip(_sizes[:-1], _sizes[1:], strict=True)):
        raise AssertionError(
            _off
            + _(
                en=" You counted one bias per input; a layer has one bias per unit (per output).",
                fr=" Vous avez compté un biais par entrée ; une couche a un biais par unité (par sortie).",
            )
        )
    if _predicted == sum(11 * _u for _u in _hidden) + _hidden[-1] + 1:
        raise AssertionError(
            _off
            + _(
                en=" You fed every hidden layer with the 10 features: the second hidden layer's "
                "inputs are the 128 outputs of the first.",
                fr=" Vous avez branché chaque couche cachée sur les 10 variables : la seconde "
                "couche cachée reçoit les 128 sorties de la première.",
            )
        )
    raise AssertionError(
        _off
        + _(
            en=" Add up, layer by layer, inputs × units + units.",
            fr=" Additionnez, couche par couche, entrées × unités + unités.",
        )
    )
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))


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
    print(f"{name:>9} |", ct.summarize(histories[name]))

# %% [markdown] lang="en"
# Your predictions against Keras' count:

# %% [markdown] lang="fr"
# Vos prédictions face au décompte de Keras :

# %%
for name, predicted in zip(models, [tiny_params, small_params, large_params], strict=True):
    print(
        _(
            en=f"{name:>9} | predicted {str(predicted):>6} | Keras {models[name].count_params():6d}",
            fr=f"{name:>9} | prédit {str(predicted):>6} | Keras {models[name].count_params():6d}",
        )
    )
print(
    _(
        en="large network, parameters per training example:",
        fr="grand réseau, paramètres par exemple d'entraînement :",
    ),
    round(models[_(en="large", fr="grand")].count_params() / len(x_train), 1),
)

# %% [markdown] lang="en"
# Each `Dense` layer holds inputs × units weights and one bias per unit. The large network
# has 18,049 parameters, about 150 per training example: enough to store the noise of every
# one of its 120 examples.

# %% [markdown] lang="fr"
# Chaque couche `Dense` contient entrées × unités poids et un biais par unité. Le grand
# réseau compte 18 049 paramètres, environ 150 par exemple d'entraînement : de quoi retenir
# le bruit de chacun de ses 120 exemples.

# %%
# alt en: Training (dashed) and validation (solid) loss per epoch of the three networks.
# alt en: The large one's training loss falls to 0.0008 while its validation loss is lowest
# alt en: at epoch 2 (0.5355), then climbs to 0.8716; the tiny and small ones fall slowly, the
# alt en: small one ending lowest on validation (0.5205).
# alt fr: Pertes d'entraînement (tirets) et de validation (trait plein) des trois réseaux à
# alt fr: chaque époque. Celle d'entraînement du grand tombe à 0,0008, tandis que sa perte de
# alt fr: validation, minimale à l'époque 2 (0,5355), remonte jusqu'à 0,8716 ; le minuscule et
# alt fr: le petit baissent lentement, le petit finissant le plus bas en validation (0,5205).
fig, ax = plt.subplots(figsize=(8, 3.6))
for index, (name, history) in enumerate(histories.items()):
    h = history.history
    epochs = np.arange(1, len(h["loss"]) + 1)
    style = {"color": f"C{index}", "marker": "os^"[index], "markevery": 5}
    ax.plot(epochs, h["loss"], linestyle="--", label=f"{name} ({ct.msg('train')})", **style)
    ax.plot(epochs, h["val_loss"], linestyle="-", label=f"{name} ({ct.msg('val')})", **style)
    best = int(np.argmin(h["val_loss"]))
    ax.plot(epochs[best], h["val_loss"][best], "*", color=f"C{index}", markersize=12)
ax.set_xlabel(ct.msg("epoch"))
ax.set_ylabel(_(en="loss (MSE)", fr="perte (EQM)"))
ax.set_title(
    _(
        en="Learning curves on the diabetes data",
        fr="Courbes d'apprentissage sur les données diabetes",
    )
)
ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
fig.tight_layout()
plt.show()

# %% [markdown] lang="en"
# How to read the figure (dashed: training, solid: validation, one marker per network, star:
# lowest validation loss), with the numbers printed above:
# - **Underfitting**: the tiny network's two losses stay high (0.6013 and 0.6976 at the end).
#   Its single unit is too simple to capture the signal: the small network, trained the same
#   way, ends lower on both.
# - **Good fit**: the small network reaches the lowest validation loss of the three (0.5205);
#   its training loss is a little below (0.4424), and both are still slowly decreasing
#   together (its lowest validation loss is at the last epoch, 40).
# - **Overfitting**: the large network drives its training loss to 0.0008 while its
#   validation loss is lowest at epoch 2 (0.5355) and then *rises*, to 0.8716 at epoch 40.
#   From epoch 2 on, it is learning the noise of its 120 examples, not the signal.
#
# The gap between validation and training loss estimates how much the model fails to
# generalize. Regularization is every technique that narrows this gap without giving up the
# capacity the problem needs.

# %% [markdown] lang="fr"
# Comment lire la figure (tirets : entraînement, trait plein : validation, un marqueur par
# réseau, étoile : perte de validation minimale), avec les chiffres affichés plus haut :
# - **Sous-apprentissage** : les deux pertes du réseau minuscule restent élevées (0,6013 et
#   0,6976 à la fin). Son unique unité est trop simple pour capter le signal : le petit
#   réseau, entraîné de la même façon, finit plus bas sur les deux.
# - **Bon ajustement** : le petit réseau atteint la perte de validation la plus basse des
#   trois (0,5205) ; sa perte d'entraînement est un peu en dessous (0,4424), et les deux
#   baissent encore lentement, ensemble (sa perte de validation minimale est à la dernière
#   époque, la 40ᵉ).
# - **Surapprentissage** : le grand réseau fait descendre sa perte d'entraînement à 0,0008,
#   alors que sa perte de validation, minimale à l'époque 2 (0,5355), *remonte* ensuite
#   jusqu'à 0,8716 à l'époque 40. À partir de l'époque 2, il apprend le bruit de ses 120 exemples,
#   pas le signal.
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
# ### Exercise 3 — the epoch with the lowest validation loss (2 points)
#
# Write `best_epoch(val_losses)` that takes the validation losses, one per epoch (a list or
# a NumPy array), and returns the epoch **counted from 1** with the lowest validation loss,
# as an integer (a Python `int` or a NumPy integer: a float such as `3.0` is refused). If
# several epochs share the lowest value, return the first of them.
#
# What "best" means here: on a smooth curve that falls and then rises, the lowest point is
# also the last epoch before the rise. A real validation curve is noisy: it can go down and
# up several times, so the lowest value may come after a first rise. The function returns
# the lowest point of the **whole** curve, not the epoch where the loss first goes up. (On
# such a curve, the lowest point is partly luck: a neighbouring epoch may be as good within
# the noise. Lesson 5's `min_delta` deals with that.)
#
# The visible tests try short curves, one with a tie and one that rises before falling
# lower, and a NumPy array. The hidden tests try curves drawn at grading time that fall,
# rise, then fall lower, with a tie at the lowest value (given as a list or as an array), a
# curve of a single epoch, a curve that only falls, and check that the result is an integer.

# %% [markdown] lang="fr"
# ### Exercice 3 — l'époque de plus basse perte de validation (2 points)
#
# Écrivez `best_epoch(val_losses)` qui prend les pertes de validation, une par époque (une
# liste ou un tableau NumPy), et renvoie l'époque **numérotée à partir de 1** dont la perte
# de validation est la plus basse, sous forme d'entier (un `int` de Python ou un entier
# NumPy : un flottant comme `3.0` est refusé). Si plusieurs époques partagent la valeur
# minimale, renvoyez la première.
#
# Ce que « meilleure » veut dire ici : sur une courbe régulière qui descend puis remonte, le
# point le plus bas est aussi la dernière époque avant la remontée. Une vraie courbe de
# validation est bruitée : elle peut descendre et remonter plusieurs fois, si bien que la
# valeur la plus basse peut venir après une première remontée. La fonction renvoie le point
# le plus bas de **toute** la courbe, pas l'époque où la perte remonte pour la première
# fois. (Sur une telle courbe, la position du point le plus bas tient en partie au hasard :
# une époque voisine peut être aussi bonne, aux fluctuations près. Le paramètre `min_delta` de la
# leçon 5 en tient compte.)
#
# Les tests visibles essaient des courbes courtes, dont une avec une égalité et une qui
# remonte avant de descendre plus bas, ainsi qu'un tableau NumPy. Les tests cachés essaient
# des courbes tirées au moment de la correction, qui descendent, remontent puis descendent
# plus bas, avec une égalité à la valeur minimale (données en liste ou en tableau), une
# courbe d'une seule époque et une courbe qui ne fait que descendre, et vérifient que le
# résultat est un entier.


# %% nbgrader="solution" grade_id="best_epoch"
def best_epoch(val_losses):
    ### BEGIN SOLUTION
    return int(np.argmin(np.asarray(val_losses))) + 1
    ### END SOLUTION


# %% nbgrader="tests" grade_id="best_epoch_tests" points=2
# en: Visible tests: run this cell to check your function.
# fr: Tests visibles : exécutez cette cellule pour vérifier votre fonction.
_answer = ct.plain(best_epoch([0.9, 0.7, 0.6, 0.65, 0.8]))
assert isinstance(_answer, (int, np.integer)), _(
    en=f"best_epoch must return an integer, not {type(_answer).__name__} ({_answer!r}).",
    fr=f"best_epoch doit renvoyer un entier, et non un {type(_answer).__name__} ({_answer!r}).",
)
if _answer == 2:
    raise AssertionError(
        _(
            en="Epochs are counted from 1: the third epoch is epoch 3, not index 2.",
            fr="Les époques sont numérotées à partir de 1 : la troisième époque est l'époque 3, pas l'indice 2.",
        )
    )
if _answer == 4:
    raise AssertionError(
        _(
            en="On [0.9, 0.7, 0.6, 0.65, 0.8] you returned epoch 4, where the loss first rises: "
            "return the epoch of the lowest loss, 3.",
            fr="Sur [0.9, 0.7, 0.6, 0.65, 0.8], vous avez renvoyé l'époque 4, où la perte remonte "
            "pour la première fois : renvoyez l'époque de la perte la plus basse, 3.",
        )
    )
assert _answer == 3, _(
    en=f"Lowest validation loss is at epoch 3, you returned {_answer}.",
    fr=f"La perte de validation minimale est à l'époque 3, vous avez renvoyé {_answer}.",
)
# en: A noisy curve: it rises at epoch 3, then falls lower at epoch 4.
# fr: Une courbe bruitée : elle remonte à l'époque 3, puis descend plus bas à l'époque 4.
_answer = ct.plain(best_epoch([0.8, 0.5, 0.6, 0.4, 0.45, 0.42]))
assert _answer not in (2, 3), _(
    en=f"On [0.8, 0.5, 0.6, 0.4, 0.45, 0.42] you returned epoch {_answer}, around where the "
    "loss first rises; it falls lower afterwards: the lowest loss is at epoch 4.",
    fr=f"Sur [0.8, 0.5, 0.6, 0.4, 0.45, 0.42], vous avez renvoyé l'époque {_answer}, là où la perte "
    "remonte pour la première fois ; elle descend plus bas ensuite : le minimum est à l'époque 4.",
)
assert _answer == 4, _(
    en=f"On [0.8, 0.5, 0.6, 0.4, 0.45, 0.42] the lowest loss is at epoch 4, you returned {_answer}.",
    fr=f"Sur [0.8, 0.5, 0.6, 0.4, 0.45, 0.42], la perte la plus basse est à l'époque 4, vous avez renvoyé {_answer}.",
)
_answer = ct.plain(best_epoch([0.5, 0.3, 0.4, 0.3, 0.6]))
assert _answer == 2, _(
    en=f"On [0.5, 0.3, 0.4, 0.3, 0.6] you returned {_answer}: epochs 2 and 4 share the lowest "
    "value, return the first of them, 2.",
    fr=f"Sur [0.5, 0.3, 0.4, 0.3, 0.6], vous avez renvoyé {_answer} : les époques 2 et 4 "
    "partagent la valeur minimale, renvoyez la première, 2.",
)
# en: A curve shaped like the large network's, as a NumPy array: it falls, then rises.
# fr: Une courbe comme celle du grand réseau, en tableau NumPy : elle descend, puis remonte.
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
    # en: It falls, rises, then falls lower: the first rise is not the best epoch.
    # fr: Elle descend, remonte, puis descend plus bas : la première remontée n'est pas
    # fr: la meilleure époque.
    _n = int(_rng.integers(8, 30))
    _losses = np.round(_rng.uniform(0.2, 1.0, size=_n), 3)
    _first_low = int(_rng.integers(1, _n // 2 - 1))
    _losses[_first_low] = 0.15
    _losses[_first_low + 1] = 0.9
    _best = int(_rng.integers(_first_low + 2, _n - 1))
    _losses[_best] = 0.1
    # en: A tie: the first of the two counts.
    # fr: Une égalité : la première des deux compte.
    _losses[int(_rng.integers(_best + 1, _n))] = 0.1
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
# The tiny network underfits: its training and validation losses are both high (0.601 and
# 0.698), higher than the small network's (0.442 and 0.520), although it trained just as
# long; adding capacity (more hidden units) lets it capture more of the signal, as the small
# network shows. The large network overfits: its training loss falls to 0.001 while its
# validation loss is lowest at epoch 2 and then climbs to 0.872, the highest of the three,
# with the largest gap (0.871); stopping at the best epoch, adding a weight penalty or
# dropout, or using a smaller network should lower its validation loss, because each limits
# how much of the training noise it can memorize.

# %% [markdown] lang="fr" nbgrader="manual" grade_id="fit_diagnosis" points=2
# Le réseau minuscule sous-apprend : ses pertes d'entraînement et de validation sont toutes deux
# élevées (0,601 et 0,698), plus que celles du petit réseau (0,442 et 0,520), bien qu'il se
# soit entraîné aussi longtemps. Lui ajouter de la capacité (plus d'unités cachées) lui permet
# de capter une plus grande part du signal, comme le montre le petit réseau.
# Le grand réseau surapprend : sa perte d'entraînement tombe à 0,001 tandis que sa perte de
# validation, minimale à l'époque 2, remonte ensuite jusqu'à 0,872, la plus haute des trois,
# avec le plus grand écart (0,871). S'arrêter à la meilleure époque, ajouter une pénalité
# sur les poids ou du dropout, ou prendre un réseau plus petit devrait faire baisser sa perte de
# validation, car chacune de ces mesures limite la part du bruit d'entraînement qu'il peut
# mémoriser.

# %% [markdown] lang="en"
# ## Key points
# - `Dense` computes `activation(dot(input, kernel) + bias)`; `use_bias=False` drops `+ bias`.
#   A layer holds inputs × units weights plus one bias per unit, so a network's size can be
#   counted before it is built.
# - Learning curves show training and validation loss per epoch. Both high and close:
#   underfitting. Training loss still falling while validation loss rises: overfitting.
# - The epoch with the lowest validation loss is where, as far as the validation set can
#   tell, the model generalizes best; lesson 5 (early stopping) turns this observation into
#   a callback.
#
# Next lesson: penalties on the weights, the first family of regularizers.

# %% [markdown] lang="fr"
# ## À retenir
# - `Dense` calcule `activation(dot(input, kernel) + bias)` ; `use_bias=False` supprime `+ bias`.
#   Une couche contient entrées × unités poids plus un biais par unité : on peut donc compter
#   les paramètres d'un réseau avant de le construire.
# - Les courbes d'apprentissage montrent les pertes d'entraînement et de validation à chaque
#   époque. Toutes deux hautes et proches : sous-apprentissage. Perte d'entraînement qui baisse
#   encore pendant que la perte de validation remonte : surapprentissage.
# - L'époque où la perte de validation est minimale est celle où le modèle généralise le
#   mieux, pour autant que le jeu de validation permette d'en juger ; la leçon 5 (arrêt
#   précoce) transforme cette observation en fonction de rappel (*callback*).
#
# Leçon suivante : les pénalités sur les poids, première famille de régularisations.
