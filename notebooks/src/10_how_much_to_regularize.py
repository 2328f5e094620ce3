# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] lang="en"
# # Lesson 10 — How much to regularize
#
# **Goal.** Lessons 2 to 9 applied each regularizer once, at one strength, on one data size.
# By the end of this lesson you can (1) sweep a regularizer's strength (the L2 factor, the
# dropout rate) and the size of the training set, and read the resulting **validation
# curves** (training and validation score against the swept value) as regions of
# underfitting and overfitting; (2) choose the strength on the validation set and report
# the test score of the chosen model once, and say why choosing on the test set overstates
# the score; (3) read L2 as a Gaussian prior on the weights and L1 as a Laplace prior,
# watch Lasso, Ridge and Elastic Net shrink or zero the coefficients of a linear model, and
# convert scikit-learn's `alpha` into Keras's factor.

# %% [markdown] lang="fr"
# # Leçon 10 — Combien régulariser
#
# **Objectif.** Les leçons 2 à 9 ont appliqué chaque régularisation une fois, avec une seule
# intensité, sur une seule taille de données. À la fin de cette leçon, vous saurez
# (1) balayer l'intensité d'une régularisation (le facteur L2, le taux de dropout) et la
# taille du jeu d'entraînement, et lire les **courbes de validation** obtenues (score
# d'entraînement et de validation en fonction de la valeur balayée) comme des régions de
# sous-apprentissage et de surapprentissage ; (2) choisir l'intensité sur le jeu de
# validation, puis donner une seule fois le score de test du modèle choisi, et dire pourquoi
# choisir sur le jeu de test surestime le score ; (3) lire L2 comme une loi a priori
# gaussienne sur les poids et L1 comme une loi a priori de Laplace, voir Lasso, Ridge et
# Elastic Net réduire ou annuler les coefficients d'un modèle linéaire, et convertir le
# `alpha` de scikit-learn en facteur de Keras.

# %%
import coursetools as ct  # en: first: it sets TensorFlow's options before TensorFlow loads # fr: en premier : il règle les options de TensorFlow avant que TensorFlow ne se charge

ct.setup(_(en="en", fr="fr"))

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_diabetes
from sklearn.linear_model import ElasticNet, Lasso, Ridge

# %% [markdown] lang="en"
# ## 1. Three sets, one model, one training procedure
#
# Choosing a strength is a decision made from data, so we need data that the decision does
# not see. We split scikit-learn's 8×8 digits (1,797 images) into three sets, once:
# - a **pool of 800 training images**; most models train on its first 200, and section 4
#   trains on its first 50 to all 800;
# - **400 validation images**, on which we compare strengths and choose;
# - **597 test images**, loaded now and left alone until section 5, where they are used once,
#   to report the score of the chosen model.
#
# The model is lesson 9's plain network, `Dense(64, relu) → Dense(10, softmax)`, trained the
# same way for every strength: Adam with a learning rate of 0.01, batches of 50, 30 epochs,
# the loss `sparse_categorical_crossentropy` (integer labels). `make_model` calls
# `ct.reseed()` first, so every model starts from the **same initial weights**: only the
# swept value changes. `scores` gives the accuracy on the model's own training images and
# on the validation images, in inference mode.

# %% [markdown] lang="fr"
# ## 1. Trois jeux, un modèle, une procédure d'entraînement
#
# Choisir une intensité est une décision prise à partir de données : il faut donc des
# données que cette décision ne voit pas. Nous découpons les chiffres 8×8 de scikit-learn
# (1 797 images) en trois jeux, une fois pour toutes :
# - une **réserve de 800 images d'entraînement** ; la plupart des modèles s'entraînent sur ses
#   200 premières, et la section 4 sur ses 50 premières jusqu'à toutes les 800 ;
# - **400 images de validation**, sur lesquelles nous comparons les intensités et choisissons ;
# - **597 images de test**, chargées maintenant et laissées de côté jusqu'à la section 5, où
#   elles servent une seule fois, pour donner le score du modèle choisi.
#
# Le modèle est le réseau simple de la leçon 9, `Dense(64, relu) → Dense(10, softmax)`,
# entraîné de la même façon pour chaque intensité : Adam avec un taux d'apprentissage de
# 0,01, des lots de 50, 30 époques, la perte `sparse_categorical_crossentropy` (étiquettes
# entières). `make_model` appelle d'abord `ct.reseed()`, si bien que tous les modèles partent
# des **mêmes poids initiaux** : seule la valeur balayée change. `scores` donne l'exactitude
# sur les images d'entraînement du modèle et sur les images de validation, en mode inférence.

# %%
x_pool, y_pool, x_val, y_val = ct.load_digits_split(n_train=800, n_val=400)
# en: The 597 images after the first 1,200 of the same shuffled order.
# fr: Les 597 images qui suivent les 1 200 premières dans le même ordre mélangé.
_, _, x_test, y_test = ct.load_digits_split(n_train=1200, n_val=597)
N = 200  # en: training images of most models # fr: images d'entraînement de la plupart des modèles


def make_model(l2=0.0, rate=0.0):
    ct.reseed()
    penalty = keras.regularizers.l2(l2) if l2 else None
    hidden = keras.layers.Dense(64, activation="relu", kernel_regularizer=penalty)
    output = keras.layers.Dense(10, activation="softmax")
    middle = [keras.layers.Dropout(rate)] if rate else []
    return keras.Sequential([keras.Input((64,)), hidden, *middle, output])


def train(model, n=N):
    model.compile(keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
    model.fit(x_pool[:n], y_pool[:n], epochs=30, batch_size=50, verbose=0)
    return model


def accuracy(model, x, y):
    return float(np.mean(np.argmax(model(x, training=False), axis=1) == y))


def scores(model, n=N):
    return accuracy(model, x_pool[:n], y_pool[:n]), accuracy(model, x_val, y_val)


print(_(en="training pool:", fr="réserve d'entraînement :"), x_pool.shape)
print(_(en="validation:   ", fr="validation :           "), x_val.shape)
print(_(en="test:         ", fr="test :                 "), x_test.shape)

# %% [markdown] lang="en"
# ## 2. Sweeping the L2 factor
#
# We train the network without penalty and with `kernel_regularizer=keras.regularizers.l2(λ)`
# on its hidden layer for $\lambda$ = 0.001, 0.01, 0.1 and 1: one value per decade, since a
# factor's effect depends on its order of magnitude, not on its last digit. (Lesson 2: the
# penalty adds $\lambda \sum w^2$ to the loss.)
#
# ### Exercise 1 — predict, then verify (2 points)
#
# Before the sweep runs, commit to two predictions about the strongest penalty, $\lambda = 1$,
# compared with the network without penalty (both trained as above, on the same 200 images):
# - `val_at_largest`: is its **validation accuracy** `"above"` or `"below"` the unregularized
#   network's?
# - `gap_at_largest`: is its **gap** (training accuracy minus validation accuracy) `"smaller"`
#   or `"larger"` than the unregularized network's?
#
# Write each answer as one of these strings, with a one-line reason in a comment. The tests
# train both networks as section 1 does (same seed, same data) and compare each of your two
# answers with what the runs give; a wrong answer is told which way it went and by how
# much. There are no hidden tests. The sweep after the tests prints the numbers.

# %% [markdown] lang="fr"
# ## 2. Balayer le facteur L2
#
# Nous entraînons le réseau sans pénalité et avec `kernel_regularizer=keras.regularizers.l2(λ)`
# sur sa couche cachée pour $\lambda$ = 0,001, 0,01, 0,1 et 1 : une valeur par décade, car
# l'effet d'un facteur dépend de son ordre de grandeur, pas de son dernier chiffre. (Leçon 2 :
# la pénalité ajoute $\lambda \sum w^2$ à la perte.)
#
# ### Exercice 1 — prévoir, puis vérifier (2 points)
#
# Avant que le balayage ne s'exécute, engagez-vous sur deux prévisions à propos de la pénalité
# la plus forte, $\lambda = 1$, comparée au réseau sans pénalité (les deux entraînés comme
# plus haut, sur les mêmes 200 images) :
# - `val_at_largest` : son **exactitude de validation** est-elle au-dessus (`"above"`) ou
#   au-dessous (`"below"`) de celle du réseau non régularisé ?
# - `gap_at_largest` : son **écart** (exactitude d'entraînement moins exactitude de
#   validation) est-il plus petit (`"smaller"`) ou plus grand (`"larger"`) que celui du réseau
#   non régularisé ?
#
# Écrivez chaque réponse sous la forme d'une de ces chaînes, avec une raison d'une ligne en
# commentaire. Les tests entraînent les deux réseaux comme le fait la section 1 (même graine,
# mêmes données) et comparent chacune de vos deux réponses à ce que donnent les
# entraînements ; une réponse fausse apprend dans quel sens elle s'est trompée, et de
# combien. Il n'y a pas de tests cachés. Le balayage qui suit les tests affiche les chiffres.

# %% nbgrader="solution" grade_id="predict_strongest"
### BEGIN SOLUTION
# en: λ = 1 adds sum(w²) itself to a loss of about ln 10 = 2.3: the weights must stay tiny,
# en: the network cannot fit even its training images, and it underfits: validation below.
# fr: λ = 1 ajoute sum(w²) tel quel à une perte d'environ ln 10 = 2,3 : les poids doivent
# fr: rester minuscules, le réseau ne peut même pas s'ajuster à ses images d'entraînement, il
# fr: sous-apprend : validation au-dessous.
val_at_largest = "below"
# en: Training accuracy falls further from 1 than validation accuracy does: smaller gap.
# fr: L'exactitude d'entraînement s'éloigne de 1 plus que l'exactitude de validation ne
# fr: baisse : écart plus petit.
gap_at_largest = "smaller"
### END SOLUTION

# %% nbgrader="tests" grade_id="predict_strongest_tests" points=2
# en: Visible tests: run this cell to check your predictions. They train both networks as
# en: section 1 does.
# fr: Tests visibles : exécutez cette cellule pour vérifier vos prévisions. Ils entraînent
# fr: les deux réseaux comme le fait la section 1.
_xp, _yp, _xv, _yv = ct.load_digits_split(n_train=800, n_val=400)


def _trained(_l2):
    ct.reseed()
    _penalty = keras.regularizers.l2(_l2) if _l2 else None
    _net = keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(64, activation="relu", kernel_regularizer=_penalty),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    _net.compile(keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
    _net.fit(_xp[:200], _yp[:200], epochs=30, batch_size=50, verbose=0)
    _right = [
        float(np.mean(np.argmax(_net(_x, training=False), axis=1) == _y))
        for _x, _y in ((_xp[:200], _yp[:200]), (_xv, _yv))
    ]
    return _right[0], _right[1]


_answers = {"val_at_largest": ct.plain(val_at_largest), "gap_at_largest": ct.plain(gap_at_largest)}
for _name, _allowed in (
    ("val_at_largest", ("above", "below")),
    ("gap_at_largest", ("smaller", "larger")),
):
    assert _answers[_name] in _allowed, _(
        en=f"{_name} must be one of the strings {_allowed}, not {_answers[_name]!r}.",
        fr=f"{_name} doit être l'une des chaînes {_allowed}, et non {_answers[_name]!r}.",
    )
_train0, _val0 = _trained(0.0)
_train1, _val1 = _trained(1.0)
_truth = "above" if _val1 > _val0 else "below"
_way = {"above": _(en="above", fr="au-dessus"), "below": _(en="below", fr="au-dessous")}[_truth]
assert _answers["val_at_largest"] == _truth, _(
    en=f"At λ = 1 the validation accuracy is {_val1:.4f}, {abs(_val1 - _val0):.4f} {_way} the "
    f"unregularized network's {_val0:.4f}. So strong a penalty keeps the weights so small that the "
    f"network underfits: its training accuracy falls too ({_train1:.4f} instead of {_train0:.4f}). "
    "More regularization is not always better.",
    fr=f"À λ = 1, l'exactitude de validation vaut {_val1:.4f}, {abs(_val1 - _val0):.4f} {_way} des "
    f"{_val0:.4f} du réseau non régularisé. Une pénalité aussi forte garde les poids si petits "
    f"que le réseau sous-apprend : son exactitude d'entraînement baisse aussi ({_train1:.4f} au lieu de {_train0:.4f}). "
    "Plus de régularisation n'est pas toujours mieux.",
)
_gap0, _gap1 = _train0 - _val0, _train1 - _val1
_truth = "smaller" if _gap1 < _gap0 else "larger"
_way = {"smaller": _(en="smaller", fr="de moins"), "larger": _(en="larger", fr="de plus")}[_truth]
assert _answers["gap_at_largest"] == _truth, _(
    en=f"At λ = 1 the gap is {_gap1:.4f} ({_train1:.4f} − {_val1:.4f}), {abs(_gap1 - _gap0):.4f} "
    f"{_way} than the unregularized network's {_gap0:.4f} ({_train0:.4f} − {_val0:.4f}).",
    fr=f"À λ = 1, l'écart vaut {_gap1:.4f} ({_train1:.4f} − {_val1:.4f}), {abs(_gap1 - _gap0):.4f} {_way} que les "
    f"{_gap0:.4f} du réseau non régularisé ({_train0:.4f} − {_val0:.4f}).",
)
print(_(en="Both predictions are right.", fr="Les deux prévisions sont justes."))

# %%
strengths = [0.0, 0.001, 0.01, 0.1, 1.0]
l2_models = {l2: train(make_model(l2=l2)) for l2 in strengths}
l2_scores = {l2: scores(model) for l2, model in l2_models.items()}
print(
    f"{'λ':>6} | {_(en='training', fr='entraîn.'):>8} | {'validation':>10} | "
    f"{_(en='gap', fr='écart'):>7}"
)
for l2, (train_acc, val_acc) in l2_scores.items():
    print(f"{l2:>6g} | {train_acc:8.4f} | {val_acc:10.4f} | {train_acc - val_acc:+7.4f}")
print(
    _(en="you predicted:", fr="vous aviez prévu :"),
    val_at_largest,
    _(en="and", fr="et"),
    gap_at_largest,
)

# %% [markdown] lang="en"
# ## 3. Sweeping the dropout rate, and reading validation curves
#
# The same network with a `Dropout(rate)` layer after its hidden layer, for rates 0.25, 0.5
# and 0.75 (rate 0 is the network without dropout, already trained). The figure then draws
# both sweeps as **validation curves**: training accuracy (dashed) and validation accuracy
# (solid) against the swept value, with a logarithmic axis for $\lambda$ (the network without
# penalty, $\lambda = 0$, cannot sit on a log axis: it is drawn as two horizontal lines).

# %% [markdown] lang="fr"
# ## 3. Balayer le taux de dropout, et lire des courbes de validation
#
# Le même réseau avec une couche `Dropout(rate)` après sa couche cachée, pour des taux de
# 0,25, 0,5 et 0,75 (le taux 0 est le réseau sans dropout, déjà entraîné). La figure trace
# ensuite les deux balayages sous forme de **courbes de validation** : exactitude
# d'entraînement (tirets) et de validation (trait plein) en fonction de la valeur balayée,
# avec un axe logarithmique pour $\lambda$ (le réseau sans pénalité, $\lambda = 0$, ne peut pas
# figurer sur un axe logarithmique : il est tracé comme deux droites horizontales).

# %%
rates = [0.0, 0.25, 0.5, 0.75]
rate_models = {0.0: l2_models[0.0]}
rate_models.update({rate: train(make_model(rate=rate)) for rate in rates[1:]})
rate_scores = {rate: scores(model) for rate, model in rate_models.items()}
print(
    f"{_(en='rate', fr='taux'):>6} | {_(en='training', fr='entraîn.'):>8} | {'validation':>10} | "
    f"{_(en='gap', fr='écart'):>7}"
)
for rate, (train_acc, val_acc) in rate_scores.items():
    print(f"{rate:>6g} | {train_acc:8.4f} | {val_acc:10.4f} | {train_acc - val_acc:+7.4f}")

# %%
# alt en: Two panels of accuracy against the swept value, training dashed and validation solid.
# alt en: Left, the L2 factor on a log axis from 0.001 to 1, with the unregularized network as
# alt en: two horizontal grey lines (1.0 and 0.9225): training accuracy stays at 1.0 up to 0.01
# alt en: then falls to 0.905 at 1; validation rises from 0.9325 to 0.945 at 0.01, then falls
# alt en: to 0.84. Right, the dropout rate from 0 to 0.75: training accuracy slides from 1.0 to
# alt en: 0.98, validation from 0.935 at 0.25 to 0.915 at 0.75.
# alt fr: Deux panneaux d'exactitude en fonction de la valeur balayée, l'entraînement en tirets
# alt fr: et la validation en trait plein. À gauche, le facteur L2 sur un axe logarithmique de
# alt fr: 0,001 à 1, avec le réseau non régularisé en deux droites horizontales grises (1,0 et
# alt fr: 0,9225) : l'exactitude d'entraînement reste à 1,0 jusqu'à 0,01 puis tombe à 0,905 à 1 ;
# alt fr: la validation monte de 0,9325 à 0,945 à 0,01, puis tombe à 0,84. À droite, le taux de
# alt fr: dropout de 0 à 0,75 : l'exactitude d'entraînement glisse de 1,0 à 0,98, la validation
# alt fr: de 0,935 à 0,25 à 0,915 à 0,75.
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6), sharey=True)
positive = strengths[1:]
for index, (label, style) in enumerate(((ct.msg("train"), "--"), (ct.msg("val"), "-"))):
    left.plot(
        positive,
        [l2_scores[l2][index] for l2 in positive],
        style,
        color=f"C{index}",
        marker=ct.MARKERS[index],
        label=label,
    )
    left.axhline(l2_scores[0.0][index], color="grey", linestyle=style, linewidth=1)
    right.plot(
        rates,
        [rate_scores[rate][index] for rate in rates],
        style,
        color=f"C{index}",
        marker=ct.MARKERS[index],
        label=label,
    )
left.set_xscale("log")
left.set_xlabel(_(en="L2 factor λ (log scale)", fr="facteur L2 λ (échelle logarithmique)"))
left.set_ylabel(_(en="accuracy", fr="exactitude"))
left.set_title(_(en="L2 (grey: no penalty)", fr="L2 (gris : sans pénalité)"), fontsize="medium")
right.set_xlabel(_(en="dropout rate", fr="taux de dropout"))
right.set_title(_(en="Dropout", fr="Dropout"), fontsize="medium")
left.legend(fontsize="small")
fig.suptitle(
    _(
        en="Validation curves on 200 training digits",
        fr="Courbes de validation sur 200 chiffres d'entraînement",
    )
)
fig.tight_layout()
plt.show()

# %% [markdown] lang="en"
# How to read a validation curve, from left to right:
# - **Overfitting region** (weak regularization): training accuracy at 1.0, validation well
#   below it. Without penalty the gap is 0.0775; at $\lambda$ = 0.001 it is still 0.0675.
# - **The best region**: at $\lambda$ = 0.01 the training accuracy is still 1.0 and validation
#   peaks at 0.945, 9 more validation images right than without penalty (0.9225).
# - **Underfitting region** (strong regularization): the training accuracy leaves 1.0
#   (0.975 at 0.1, 0.905 at 1) and the validation accuracy falls with it, to 0.84 at
#   $\lambda = 1$. The gap does not close: at $\lambda = 1$ it is still 0.065. The network
#   is worse on both sets, not more honest.
#
# Dropout tells the same story with a flatter curve: its best rate, 0.25, gains 5 validation
# images (0.935), and the training accuracy barely leaves 1.0 (0.98 at 0.75) while validation
# drops to 0.915. On both panels the good region spans a factor of a few, not a single
# magic value, and a difference of one or two validation images (0.0025 each) between two
# neighbours is noise, not a reason to prefer one (lesson 9 measured how much a change of
# seed alone moves these numbers).

# %% [markdown] lang="fr"
# Comment lire une courbe de validation, de gauche à droite :
# - **Région de surapprentissage** (régularisation faible) : exactitude d'entraînement à 1,0,
#   validation bien en dessous. Sans pénalité, l'écart vaut 0,0775 ; à $\lambda$ = 0,001, il
#   vaut encore 0,0675.
# - **La meilleure région** : à $\lambda$ = 0,01, l'exactitude d'entraînement vaut encore 1,0
#   et la validation culmine à 0,945, soit 9 images de validation de plus bien classées que
#   sans pénalité (0,9225).
# - **Région de sous-apprentissage** (régularisation forte) : l'exactitude d'entraînement
#   quitte 1,0 (0,975 à 0,1, 0,905 à 1) et l'exactitude de validation baisse avec elle,
#   jusqu'à 0,84 à $\lambda = 1$. L'écart ne se referme pas : à $\lambda = 1$, il vaut encore
#   0,065. Le réseau est moins bon sur les deux jeux, pas plus honnête.
#
# Le dropout raconte la même histoire avec une courbe plus plate : son meilleur taux, 0,25,
# gagne 5 images de validation (0,935), et l'exactitude d'entraînement quitte à peine 1,0
# (0,98 à 0,75) tandis que la validation descend à 0,915. Sur les deux panneaux, la bonne
# région s'étend sur un facteur de quelques unités, pas sur une valeur magique, et une
# différence d'une ou deux images de validation (0,0025 chacune) entre deux voisins est du
# bruit, pas une raison d'en préférer un (la leçon 9 a mesuré de combien un simple changement
# de graine fait bouger ces chiffres).

# %% [markdown] lang="en"
# ## 4. Sweeping the size of the training set
#
# Lesson 9 blamed its gap on its 256 training images but never varied them. Here the
# unregularized network trains on the first 50, 100, 200 and 800 images of the pool (200 is
# the network of section 2), and each is scored on its own training images and on the same
# 400 validation images.

# %% [markdown] lang="fr"
# ## 4. Balayer la taille du jeu d'entraînement
#
# La leçon 9 attribuait son écart à ses 256 images d'entraînement, sans jamais en faire varier
# le nombre. Ici, le réseau non régularisé s'entraîne sur les 50, 100, 200 et 800 premières
# images de la réserve (200 est le réseau de la section 2), et chacun est évalué sur ses propres
# images d'entraînement et sur les mêmes 400 images de validation.

# %%
sizes = [50, 100, 200, 800]
size_scores = {n: scores(train(make_model(), n), n) for n in sizes if n != N}
size_scores[N] = l2_scores[0.0]
size_scores = dict(sorted(size_scores.items()))
print(
    f"{_(en='images', fr='images'):>6} | {_(en='training', fr='entraîn.'):>8} | "
    f"{'validation':>10} | {_(en='gap', fr='écart'):>7}"
)
for n, (train_acc, val_acc) in size_scores.items():
    print(f"{n:>6} | {train_acc:8.4f} | {val_acc:10.4f} | {train_acc - val_acc:+7.4f}")

# %%
# alt en: Accuracy against the number of training images (50, 100, 200, 800, log axis),
# alt en: training dashed and validation solid: training accuracy stays at 1.0 for every size,
# alt en: while validation accuracy climbs from 0.8125 at 50 images to 0.97 at 800, so the
# alt en: gap between the two lines narrows from 0.1875 to 0.03.
# alt fr: Exactitude en fonction du nombre d'images d'entraînement (50, 100, 200, 800, axe
# alt fr: logarithmique), l'entraînement en tirets et la validation en trait plein :
# alt fr: l'exactitude d'entraînement reste à 1,0 pour toutes les tailles, tandis que
# alt fr: l'exactitude de validation monte de 0,8125 à 50 images à 0,97 à 800 : l'écart entre
# alt fr: les deux courbes se resserre de 0,1875 à 0,03.
fig, ax = plt.subplots()
for index, (label, style) in enumerate(((ct.msg("train"), "--"), (ct.msg("val"), "-"))):
    ax.plot(
        list(size_scores),
        [pair[index] for pair in size_scores.values()],
        style,
        color=f"C{index}",
        marker=ct.MARKERS[index],
        label=label,
    )
ax.set_xscale("log", base=2)
ax.set_xticks(sizes, [str(n) for n in sizes])
ax.set_xlabel(
    _(en="training images (log scale)", fr="images d'entraînement (échelle logarithmique)")
)
ax.set_ylabel(_(en="accuracy", fr="exactitude"))
ax.set_title(_(en="No regularization, more data", fr="Sans régularisation, plus de données"))
ax.legend(fontsize="small")
plt.show()

# %% [markdown] lang="en"
# The network fits every training set perfectly (1.0 at every size), and yet the gap
# shrinks from 0.1875 with 50 images to 0.03 with 800, because the validation accuracy
# climbs from 0.8125 to 0.97. Quadrupling the data, from 200 to 800 images, gains 0.0475
# of validation accuracy, 19 images; the best L2 factor gained 9 and the best dropout rate
# 5. When more data can be had, it is the strongest regularizer of all, and it changes the
# strength you need: section 6 shows why, from the prior's point of view.

# %% [markdown] lang="fr"
# Le réseau s'ajuste parfaitement à chaque jeu d'entraînement (1,0 pour chaque taille), et
# pourtant l'écart se réduit de 0,1875 avec 50 images à 0,03 avec 800, parce que
# l'exactitude de validation monte de 0,8125 à 0,97. Quadrupler les données, de 200 à 800
# images, fait gagner 0,0475 d'exactitude de validation, 19 images ; le meilleur facteur L2 en
# a fait gagner 9, et le meilleur taux de dropout 5. Quand on peut obtenir plus de données,
# c'est la plus forte des régularisations, et elle change l'intensité dont on a besoin : la
# section 6 montre pourquoi, du point de vue de la loi a priori.

# %% [markdown] lang="en"
# ## 5. Choose on validation, report on test, once
#
# Each score above is measured on 400 validation images, so it carries noise: one image is
# 0.0025. When we pick the candidate with the best validation score, we also pick the one
# whose noise happened to be most favourable, so **the winner's validation score overstates
# how well it will do on new images**. The test set, never used to choose, gives an honest
# number, but only once: report its score for the chosen model, and stop. If you look at
# the test scores of every candidate and keep the best, the test set has become a second
# validation set, its best score is overstated in turn, and no honest number is left.
#
# How big is that overstatement? The next cell simulates it with no network at all: 5
# candidates that are all **exactly as good** (each classifies an image correctly with
# probability 0.93), scored on 400 images, 10,000 times. Their best score is on average
# above 0.93, although none of them is better than the others.

# %% [markdown] lang="fr"
# ## 5. Choisir sur la validation, rendre compte sur le test, une seule fois
#
# Chaque score ci-dessus est mesuré sur 400 images de validation : il est donc bruité, une
# image vaut 0,0025. En prenant le candidat qui a le meilleur score de validation, nous
# prenons aussi celui dont le bruit a été le plus favorable : **le score de validation du
# gagnant surestime ce qu'il fera sur de nouvelles images**. Le jeu de test, qui n'a jamais
# servi à choisir, donne un chiffre honnête, mais une seule fois : donnez son score pour le
# modèle choisi, et arrêtez-vous là. Si vous regardez les scores de test de tous les
# candidats pour garder le meilleur, le jeu de test devient un second jeu de validation, son
# meilleur score est surestimé à son tour, et il ne reste plus aucun chiffre honnête.
#
# De combien est cette surestimation ? La cellule suivante la simule sans aucun réseau :
# 5 candidats tous **exactement aussi bons** (chacun classe bien une image avec une
# probabilité de 0,93), évalués sur 400 images, 10 000 fois. Leur meilleur score dépasse en
# moyenne 0,93, alors qu'aucun n'est meilleur que les autres.

# %%
rng = np.random.default_rng(0)
simulated = rng.binomial(400, 0.93, size=(10_000, len(strengths))) / 400
print(
    _(en="one candidate, mean score:  ", fr="un candidat, score moyen :    "),
    f"{simulated[:, 0].mean():.3f}",
)
print(
    _(en="best of 5, mean score:      ", fr="meilleur des 5, score moyen :"),
    f"{simulated.max(axis=1).mean():.3f}",
)
print(
    _(en="best of 5 above 0.93, share:", fr="meilleur des 5 > 0,93, part : "),
    f"{np.mean(simulated.max(axis=1) > 0.93):.2f}",
)

# %% [markdown] lang="en"
# Choosing the best of 5 equally good candidates adds about 0.015 to the score, 6 images of
# 400, and the best of 5 is above the true 0.93 in most repetitions: that is the size of
# the differences we are reading in sections 2 and 3. A test score of the winner computed
# once does not carry this bonus; the best of 5 test scores would.
#
# ### Exercise 2 — choose on validation, report on test (3 points)
#
# A sweep gives, for each candidate strength, its scores on the three sets. Write
# `choose_and_report(sweep)`, where `sweep` is a dictionary that maps each candidate (a
# number: an L2 factor, a dropout rate...) to a dictionary `{"train": ..., "val": ...,
# "test": ...}` of accuracies, and which returns the pair `(chosen, reported)`:
# - `chosen` is the candidate with the **highest validation accuracy**; when several share it,
#   the **largest** of them (the strongest regularization that does as well: the simplest
#   model);
# - `reported` is the **test accuracy of that candidate**, the number to report.
#
# The cell after the solution applies your function to the sweep of section 2, with the
# test scores computed now, for the first time.
#
# How it is graded. The visible tests call your function on one small made-up sweep and
# check the pair it returns. The hidden tests call it on sweeps drawn at random when the
# notebook is graded (4 to 8 candidates, accuracies on a grid of 1/400, with ties on the
# best validation accuracy in some of them), and check: the chosen candidate and the
# reported score as defined above; that the choice does not change when the training and
# test accuracies of the sweep are shuffled among the candidates (the choice uses the
# validation set only); and that `reported` is exactly the chosen candidate's test accuracy.

# %% [markdown] lang="fr"
# Choisir le meilleur de 5 candidats aussi bons les uns que les autres ajoute environ 0,015 au
# score, 6 images sur 400, et le meilleur des 5 dépasse les 0,93 réels dans la plupart des
# répétitions : c'est la taille des différences que nous lisons aux sections 2 et 3. Un
# score de test du gagnant calculé une seule fois ne contient pas ce bonus ; le meilleur
# de 5 scores de test, si.
#
# ### Exercice 2 — choisir sur la validation, rendre compte sur le test (3 points)
#
# Un balayage donne, pour chaque intensité candidate, ses scores sur les trois jeux. Écrivez
# `choose_and_report(sweep)`, où `sweep` est un dictionnaire qui associe à chaque candidat (un
# nombre : un facteur L2, un taux de dropout…) un dictionnaire `{"train": ..., "val": ...,
# "test": ...}` d'exactitudes, et qui renvoie le couple `(chosen, reported)` :
# - `chosen` est le candidat qui a la **plus haute exactitude de validation** ; quand
#   plusieurs la partagent, le **plus grand** d'entre eux (la régularisation la plus forte qui
#   fait aussi bien : le modèle le plus simple) ;
# - `reported` est **l'exactitude de test de ce candidat**, le chiffre à donner.
#
# La cellule qui suit la solution applique votre fonction au balayage de la section 2, avec
# les scores de test calculés maintenant, pour la première fois.
#
# Comment c'est corrigé. Les tests visibles appellent votre fonction sur un petit balayage
# inventé et vérifient le couple renvoyé. Les tests cachés l'appellent sur des balayages tirés
# au hasard au moment de la correction (4 à 8 candidats, des exactitudes sur une grille de
# 1/400, avec des ex æquo sur la meilleure exactitude de validation dans certains d'entre
# eux), et vérifient : le candidat choisi et le score donné, tels que définis plus haut ; que
# le choix ne change pas quand on permute entre les candidats les exactitudes d'entraînement
# et de test du balayage (le choix n'utilise que le jeu de validation) ; et que `reported` est
# exactement l'exactitude de test du candidat choisi.


# %% nbgrader="solution" grade_id="choose_and_report"
def choose_and_report(sweep):
    ### BEGIN SOLUTION
    best = max(scores["val"] for scores in sweep.values())
    chosen = max(candidate for candidate, scores in sweep.items() if scores["val"] == best)
    return chosen, sweep[chosen]["test"]
    ### END SOLUTION


# %%
l2_sweep = {
    l2: {
        "train": l2_scores[l2][0],
        "val": l2_scores[l2][1],
        "test": accuracy(model, x_test, y_test),
    }
    for l2, model in l2_models.items()
}
chosen, reported = choose_and_report(l2_sweep)
print(_(en="chosen on validation: λ =", fr="choisi sur la validation : λ ="), chosen)
print(
    _(en="its validation accuracy:", fr="son exactitude de validation :"),
    f"{l2_sweep[chosen]['val']:.4f}",
)
print(_(en="its test accuracy:      ", fr="son exactitude de test :      "), f"{reported:.4f}")
by_test = max(l2_sweep, key=lambda l2: l2_sweep[l2]["test"])
print(
    _(
        en="had we chosen on test: λ =",
        fr="si nous avions choisi sur le test : λ =",
    ),
    by_test,
    _(en="with a test accuracy of", fr="avec une exactitude de test de"),
    f"{l2_sweep[by_test]['test']:.4f}",
)

# %% nbgrader="tests" grade_id="choose_and_report_tests" points=3
# en: Visible tests: one made-up sweep.
# fr: Tests visibles : un balayage inventé.
_sweep = {
    0.0: {"train": 1.0, "val": 0.9, "test": 0.915},
    0.001: {"train": 0.995, "val": 0.92, "test": 0.935},
    0.01: {"train": 0.99, "val": 0.94, "test": 0.925},
    0.1: {"train": 0.96, "val": 0.94, "test": 0.92},
    1.0: {"train": 0.88, "val": 0.85, "test": 0.86},
}


def _check_choice(_sweep):
    """en: Check choose_and_report on one sweep, and say what went wrong.

    fr: Vérifie choose_and_report sur un balayage, et dit ce qui ne va pas.
    """
    _result = ct.plain(choose_and_report(_sweep))
    assert type(_result) is tuple and len(_result) == 2, _(
        en=f"choose_and_report must return a pair (chosen, reported), not {_result!r}.",
        fr=f"choose_and_report doit renvoyer un couple (chosen, reported), et non {_result!r}.",
    )
    _chosen, _reported = _result
    _best = max(_s["val"] for _s in _sweep.values())
    _right = max(_c for _c, _s in _sweep.items() if _s["val"] == _best)
    _by_test = max(_sweep, key=lambda _c: (_sweep[_c]["test"], _c))
    _by_train = max(_sweep, key=lambda _c: (_sweep[_c]["train"], _c))
    assert _chosen in _sweep, _(
        en=f"The chosen value {_chosen!r} is not one of the candidates {list(_sweep)}.",
        fr=f"La valeur choisie {_chosen!r} n'est pas l'un des candidats {list(_sweep)}.",
    )
    if _chosen != _right and _chosen == _by_test and _sweep[_chosen]["val"] < _best:
        raise AssertionError(
            _(
                en=f"You chose {_chosen}, the candidate with the best test accuracy. Choose on the "
                f"validation set ({_right}, validation accuracy {_best}): a test set used to "
                "choose no longer gives an honest score.",
                fr=f"Vous avez choisi {_chosen}, le candidat qui a la meilleure exactitude de test. "
                f"Choisissez sur le jeu de validation ({_right}, exactitude de validation {_best}) : "
                "un jeu de test qui a servi à choisir ne donne plus un score honnête.",
            )
        )
    if _chosen != _right and _chosen == _by_train and _sweep[_chosen]["val"] < _best:
        raise AssertionError(
            _(
                en=f"You chose {_chosen}, the candidate with the best training accuracy: the one "
                f"that overfits most. Choose on the validation set ({_right}).",
                fr=f"Vous avez choisi {_chosen}, le candidat qui a la meilleure exactitude "
                f"d'entraînement : celui qui surapprend le plus. Choisissez sur le jeu de "
                f"validation ({_right}).",
            )
        )
    if _chosen != _right and _sweep[_chosen]["val"] == _best:
        raise AssertionError(
            _(
                en=f"{_chosen} and {_right} share the best validation accuracy ({_best}): on a tie, "
                f"choose the largest candidate, the strongest regularization ({_right}).",
                fr=f"{_chosen} et {_right} partagent la meilleure exactitude de validation ({_best}) : "
                f"en cas d'égalité, choisissez le plus grand candidat, la régularisation la plus "
                f"forte ({_right}).",
            )
        )
    assert _chosen == _right, _(
        en=f"You chose {_chosen} (validation accuracy {_sweep[_chosen]['val']}); the best "
        f"validation accuracy is {_best}, that of {_right}.",
        fr=f"Vous avez choisi {_chosen} (exactitude de validation {_sweep[_chosen]['val']}) ; la "
        f"meilleure exactitude de validation est {_best}, celle de {_right}.",
    )
    if _reported == _sweep[_right]["val"] != _sweep[_right]["test"]:
        raise AssertionError(
            _(
                en=f"You reported {_reported}, the validation accuracy of {_right}: it won on that "
                "set, so it overstates. Report its test accuracy.",
                fr=f"Vous avez donné {_reported}, l'exactitude de validation de {_right} : il a gagné "
                "sur ce jeu, elle le surestime donc. Donnez son exactitude de test.",
            )
        )
    if _reported == max(_s["test"] for _s in _sweep.values()) != _sweep[_right]["test"]:
        raise AssertionError(
            _(
                en=f"You reported {_reported}, the best test accuracy of all candidates, not the "
                f"test accuracy of the chosen one ({_sweep[_right]['test']}).",
                fr=f"Vous avez donné {_reported}, la meilleure exactitude de test de tous les "
                f"candidats, et non l'exactitude de test du candidat choisi "
                f"({_sweep[_right]['test']}).",
            )
        )
    assert _reported == _sweep[_right]["test"], _(
        en=f"You reported {_reported}; the test accuracy of {_right} is {_sweep[_right]['test']}.",
        fr=f"Vous avez donné {_reported} ; l'exactitude de test de {_right} vaut {_sweep[_right]['test']}.",
    )
    return _chosen


_check_choice(_sweep)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(ct.fresh_seed())
for _round in range(6):
    _k = int(_rng.integers(4, 9))
    _candidates = sorted(
        float(_c)
        for _c in _rng.choice(
            [0.0, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0], _k, replace=False
        )
    )
    _val = _rng.integers(300, 390, _k)
    if _round % 2:
        # en: A tie on the best validation accuracy, between two candidates.
        # fr: Deux candidats ex æquo sur la meilleure exactitude de validation.
        _pair = _rng.choice(_k, 2, replace=False)
        _val[_pair] = _val.max() + 1
    _sweep = {
        _c: {
            "train": int(_rng.integers(360, 401)) / 400,
            "val": int(_v) / 400,
            "test": int(_rng.integers(300, 390)) / 400,
        }
        for _c, _v in zip(_candidates, _val, strict=True)
    }
    _chosen = _check_choice(_sweep)
    # en: The same sweep with its training and test accuracies shuffled among the candidates.
    # fr: Le même balayage, ses exactitudes d'entraînement et de test permutées entre candidats.
    _order = _rng.permutation(_k)
    _shuffled = {
        _c: {
            "train": _sweep[_candidates[_order[_i]]]["train"],
            "val": _sweep[_c]["val"],
            "test": _sweep[_candidates[_order[_i]]]["test"],
        }
        for _i, _c in enumerate(_candidates)
    }
    assert _check_choice(_shuffled) == _chosen, _(
        en="Your choice changes when only the training and test accuracies change: it must use the validation accuracies only.",
        fr="Votre choix change quand seules les exactitudes d'entraînement et de test changent : il ne doit utiliser que les exactitudes de validation.",
    )
### END HIDDEN TESTS

# %% [markdown] lang="en"
# On our sweep, validation chose $\lambda$ = 0.01 (0.945 on validation), and its test
# accuracy is 0.9363: 0.0087 lower, the winner's bonus the simulation predicted. Had we
# chosen on test, we would have picked $\lambda$ = 0.001 and announced 0.9380, a number
# that has the same kind of bonus built in, with no set left to measure it.

# %% [markdown] lang="fr"
# Sur notre balayage, la validation a choisi $\lambda$ = 0,01 (0,945 en validation), et son
# exactitude de test vaut 0,9363 : 0,0087 de moins, le bonus du gagnant que prévoyait la
# simulation. Si nous avions choisi sur le test, nous aurions pris $\lambda$ = 0,001 et
# annoncé 0,9380, un chiffre qui contient le même genre de bonus, sans plus aucun jeu pour le
# mesurer.

# %% [markdown] lang="en"
# ### Exercise 3 — a sweep that remembers (2 points)
#
# A colleague sweeps the size of the training set with the function below. It looks like
# section 4's, but it builds and compiles the model **once, before the loop**: each `fit`
# continues from the weights the previous one left. So its scores depend on the sizes that
# came before. The cell runs it on the sizes 800 then 50: the network "trained on 50 images"
# has in fact seen all 800 first.

# %% [markdown] lang="fr"
# ### Exercice 3 — un balayage qui se souvient (2 points)
#
# Un collègue balaie la taille du jeu d'entraînement avec la fonction ci-dessous. Elle
# ressemble à celle de la section 4, mais elle construit et compile le modèle **une seule
# fois, avant la boucle** : chaque `fit` repart des poids qu'a laissés le précédent. Ses
# scores dépendent donc des tailles passées avant. La cellule l'exécute sur les tailles 800
# puis 50 : le réseau « entraîné sur 50 images » a en fait d'abord vu les 800.


# %%
def colleague_size_sweep(sizes):
    model = make_model()
    model.compile(keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
    results = []
    for n in sizes:
        model.fit(x_pool[:n], y_pool[:n], epochs=30, batch_size=50, verbose=0)
        results.append(scores(model, n))
    return results


remembered = colleague_size_sweep([800, 50])
print(
    _(
        en="colleague, 50 images after 800: validation",
        fr="collègue, 50 images après 800 : validation",
    ),
    f"{remembered[1][1]:.4f}",
)
print(
    _(
        en="section 4, 50 images alone:     validation",
        fr="section 4, 50 images seules :    validation",
    ),
    f"{size_scores[50][1]:.4f}",
)

# %% [markdown] lang="en"
# The colleague's sweep credits 50 images with a validation accuracy close to that of 800.
# Write `size_sweep(sizes)`, a corrected copy, which returns the list of pairs
# `(training accuracy, validation accuracy)`, one per size, in the order of `sizes`: for
# each size `n`, a **new** network from `make_model()` (which reseeds, so every network
# starts from the same weights), compiled and trained as `train` does on the first `n`
# images of the pool, then scored with `scores(model, n)`.
#
# The tests check the fix by its effect. Visible: `size_sweep([50, 50])` must give the same
# pair twice (two fresh networks on the same images), and its pair must be that of a fresh
# network trained on 50 images by the test itself, within 0.02. Hidden: two other sizes
# drawn at grading time, the larger first, among 50 to 150 images; the pair of the smaller
# must be that of a fresh network trained on those images by the grader, within 0.02.

# %% [markdown] lang="fr"
# Le balayage du collègue attribue à 50 images une exactitude de validation proche de celle de
# 800. Écrivez `size_sweep(sizes)`, une copie corrigée, qui renvoie la liste des couples
# `(exactitude d'entraînement, exactitude de validation)`, un par taille, dans l'ordre de
# `sizes` : pour chaque taille `n`, un **nouveau** réseau issu de `make_model()` (qui refixe la
# graine, si bien que tous les réseaux partent des mêmes poids), compilé et entraîné comme le
# fait `train` sur les `n` premières images de la réserve, puis évalué par `scores(model, n)`.
#
# Les tests vérifient la correction par son effet. Visibles : `size_sweep([50, 50])` doit
# donner deux fois le même couple (deux réseaux neufs sur les mêmes images), et ce couple doit
# être celui d'un réseau neuf entraîné sur 50 images par le test lui-même, à 0,02 près.
# Cachés : deux autres tailles tirées au moment de la correction, la plus grande d'abord,
# entre 50 et 150 images ; le couple de la plus petite doit être celui d'un réseau neuf
# entraîné sur ces images par la correction, à 0,02 près.


# %% nbgrader="solution" grade_id="size_sweep"
def size_sweep(sizes):
    ### BEGIN SOLUTION
    results = []
    for n in sizes:
        # en: A new network for each size: nothing carries over from the previous one.
        # fr: Un nouveau réseau pour chaque taille : rien ne passe du précédent.
        model = make_model()
        model.compile(keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
        model.fit(x_pool[:n], y_pool[:n], epochs=30, batch_size=50, verbose=0)
        results.append(scores(model, n))
    return results
    ### END SOLUTION


# %% nbgrader="tests" grade_id="size_sweep_tests" points=2
# en: Visible tests: the same size twice, and a fresh network trained here.
# fr: Tests visibles : deux fois la même taille, et un réseau neuf entraîné ici.
_xp, _yp, _xv, _yv = ct.load_digits_split(n_train=800, n_val=400)


def _fresh(_n):
    ct.reseed()
    _net = keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    _net.compile(keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
    _net.fit(_xp[:_n], _yp[:_n], epochs=30, batch_size=50, verbose=0)
    return tuple(
        float(np.mean(np.argmax(_net(_x, training=False), axis=1) == _y))
        for _x, _y in ((_xp[:_n], _yp[:_n]), (_xv, _yv))
    )


def _pairs(_sizes):
    _result = ct.plain(size_sweep(_sizes))
    assert type(_result) in (list, tuple) and len(_result) == len(_sizes), _(
        en=f"size_sweep({_sizes}) must return a list of {len(_sizes)} pairs, one per size, not {_result!r}.",
        fr=f"size_sweep({_sizes}) doit renvoyer une liste de {len(_sizes)} couples, un par taille, et non {_result!r}.",
    )
    for _pair in _result:
        assert type(_pair) in (list, tuple) and len(_pair) == 2, _(
            en=f"Each element must be a pair (training accuracy, validation accuracy), not {_pair!r}.",
            fr=f"Chaque élément doit être un couple (exactitude d'entraînement, exactitude de validation), et non {_pair!r}.",
        )
    return [tuple(float(_v) for _v in _pair) for _pair in _result]


def _compare(_n, _got, _want):
    assert abs(_got[0] - _want[0]) <= 0.02 and abs(_got[1] - _want[1]) <= 0.02, _(
        en=f"For {_n} images you give {_got}; a fresh network trained on the first {_n} images of "
        f"the pool gives ({_want[0]:.4f}, {_want[1]:.4f}). Train each size on x_pool[:n] from a new "
        "model, and score it on its own n images and on the validation set.",
        fr=f"Pour {_n} images, vous donnez {_got} ; un réseau neuf entraîné sur les {_n} premières "
        f"images de la réserve donne ({_want[0]:.4f}, {_want[1]:.4f}). Entraînez chaque taille sur "
        "x_pool[:n] à partir d'un nouveau modèle, et évaluez-le sur ses n images et sur le jeu de "
        "validation.",
    )


_twice = _pairs([50, 50])
assert _twice[0] == _twice[1], _(
    en=f"size_sweep([50, 50]) gives {_twice[0]} then {_twice[1]}: the second network did not start "
    "afresh. Build (and compile) a new model from make_model() inside the loop, for each size.",
    fr=f"size_sweep([50, 50]) donne {_twice[0]} puis {_twice[1]} : le second réseau n'est pas "
    "reparti de zéro. Construisez (et compilez) un nouveau modèle avec make_model() dans la "
    "boucle, pour chaque taille.",
)
_compare(50, _twice[0], _fresh(50))
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(ct.fresh_seed())
_small, _large = sorted(int(_s) for _s in _rng.choice([50, 100, 150], 2, replace=False))
_got = _pairs([_large, _small])
_compare(_small, _got[1], _fresh(_small))
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## 6. Why L2 and L1: priors on the weights
#
# A penalty is a **belief about the weights before seeing the data**, a prior, and
# regularized training finds the weights that are most probable once data and prior are
# combined: the *maximum a posteriori* (MAP) estimate. Take a linear model with Gaussian
# noise, $y_i = w^\top x_i + \varepsilon_i$ with $\varepsilon_i \sim \mathcal N(0, \sigma^2)$,
# and a prior on each weight. Minimizing $-\log p(w \mid \text{data})$ means minimizing
#
# $$\frac{1}{2\sigma^2}\sum_{i=1}^{n} (y_i - w^\top x_i)^2 \;-\; \log p(w).$$
#
# - A **Gaussian prior** $w_j \sim \mathcal N(0, \tau^2)$ gives
#   $-\log p(w) = \frac{1}{2\tau^2}\sum_j w_j^2$ + a constant: the **L2 penalty**. Dividing
#   by $n/(2\sigma^2)$ to get Keras's mean squared error, $\frac1n\sum_i(\cdot)^2 + \lambda
#   \sum_j w_j^2$, gives $\lambda = \sigma^2 / (n\tau^2)$.
# - A **Laplace prior** $p(w_j) \propto e^{-|w_j|/b}$ gives $\frac1b \sum_j |w_j|$: the **L1
#   penalty**, with $\lambda = 2\sigma^2 / (n b)$. The Laplace density has a sharp peak at 0,
#   and the MAP estimate can sit exactly at 0: L1 sets weights to zero, L2 only shrinks them.
#
# The $n$ in $\lambda = \sigma^2/(n\tau^2)$ is section 4's lesson in one formula: with the
# same prior, the more data, the smaller the penalty should be, because the data speak
# louder. A strength chosen on 200 images is not the right one for 800.
#
# ### Lasso, Ridge and Elastic Net
#
# scikit-learn fits these penalized linear models exactly (no gradient descent), which
# makes the difference between the priors easy to see. On the diabetes data (442 patients,
# 10 standardized features, a standardized target), we fit Ridge (L2), Lasso (L1) and
# Elastic Net (both, `l1_ratio=0.5`) over a range of strengths. Their objectives, from
# their docstrings (`sklearn/linear_model/_ridge.py`, `_coordinate_descent.py`):
# - Ridge: $\lVert y - Xw\rVert^2 + \alpha \lVert w\rVert_2^2$, a **sum** of squared errors;
# - Lasso: $\frac{1}{2n}\lVert y - Xw\rVert^2 + \alpha \lVert w\rVert_1$, half a **mean**;
# - Elastic Net: $\frac{1}{2n}\lVert y - Xw\rVert^2 + \alpha\,\rho \lVert w\rVert_1 +
#   \frac{\alpha(1-\rho)}{2}\lVert w\rVert_2^2$, with $\rho$ = `l1_ratio`.
#
# Keras's `l2(λ)` and `l1(λ)` add $\lambda\sum w^2$ and $\lambda\sum|w|$
# (`keras/src/regularizers/regularizers.py`) to the loss, and the `"mse"` loss is a mean,
# $\frac1n\lVert y - Xw\rVert^2$. Scaling each objective to that form gives the
# conversions: Ridge's `alpha` is Keras's `l2(alpha / n)`; Lasso's `alpha` is Keras's
# `l1(2 * alpha)`; Elastic Net's is `l1_l2(l1=2 * alpha * l1_ratio,
# l2=alpha * (1 - l1_ratio))`. The same number means very different strengths in the two
# libraries. The next cell checks the first two: it puts scikit-learn's solution into a
# Keras `Dense(1)` layer with the converted penalty and computes the gradient of Keras's
# loss there. At a minimum it is zero (for L1, on the coefficients that are not zero; on
# those at zero, the gradient of the data term must stay within $\pm\lambda$).

# %% [markdown] lang="fr"
# ## 6. Pourquoi L2 et L1 : des lois a priori sur les poids
#
# Une pénalité est une **croyance sur les poids avant de voir les données**, une loi a priori,
# et l'entraînement régularisé trouve les poids les plus probables une fois données et loi a
# priori combinées : l'estimation du *maximum a posteriori* (MAP). Prenons un modèle linéaire
# à bruit gaussien, $y_i = w^\top x_i + \varepsilon_i$ avec
# $\varepsilon_i \sim \mathcal N(0, \sigma^2)$, et une loi a priori sur chaque poids. Minimiser
# $-\log p(w \mid \text{données})$ revient à minimiser
#
# $$\frac{1}{2\sigma^2}\sum_{i=1}^{n} (y_i - w^\top x_i)^2 \;-\; \log p(w).$$
#
# - Une **loi a priori gaussienne** $w_j \sim \mathcal N(0, \tau^2)$ donne
#   $-\log p(w) = \frac{1}{2\tau^2}\sum_j w_j^2$ + une constante : la **pénalité L2**. En
#   divisant par $n/(2\sigma^2)$ pour retrouver l'erreur quadratique moyenne de Keras,
#   $\frac1n\sum_i(\cdot)^2 + \lambda \sum_j w_j^2$, on obtient $\lambda = \sigma^2/(n\tau^2)$.
# - Une **loi a priori de Laplace** $p(w_j) \propto e^{-|w_j|/b}$ donne $\frac1b \sum_j |w_j|$ :
#   la **pénalité L1**, avec $\lambda = 2\sigma^2/(n b)$. La densité de Laplace a un pic
#   pointu en 0, et l'estimation MAP peut se trouver exactement en 0 : L1 met des poids à zéro,
#   L2 ne fait que les réduire.
#
# Le $n$ de $\lambda = \sigma^2/(n\tau^2)$ résume la leçon de la section 4 en une formule : à
# loi a priori égale, plus il y a de données, plus la pénalité doit être petite, car les
# données parlent plus fort. Une intensité choisie sur 200 images n'est pas la bonne pour 800.
#
# ### Lasso, Ridge et Elastic Net
#
# scikit-learn ajuste exactement ces modèles linéaires pénalisés (sans descente de gradient),
# ce qui rend la différence entre les lois a priori facile à voir. Sur les données diabetes
# (442 patients, 10 variables standardisées, une cible standardisée), nous ajustons Ridge
# (L2), Lasso (L1) et Elastic Net (les deux, `l1_ratio=0.5`) sur une gamme d'intensités.
# Leurs objectifs, d'après leurs docstrings (`sklearn/linear_model/_ridge.py`,
# `_coordinate_descent.py`) :
# - Ridge : $\lVert y - Xw\rVert^2 + \alpha \lVert w\rVert_2^2$, une **somme** des erreurs au
#   carré ;
# - Lasso : $\frac{1}{2n}\lVert y - Xw\rVert^2 + \alpha \lVert w\rVert_1$, la moitié d'une
#   **moyenne** ;
# - Elastic Net : $\frac{1}{2n}\lVert y - Xw\rVert^2 + \alpha\,\rho \lVert w\rVert_1 +
#   \frac{\alpha(1-\rho)}{2}\lVert w\rVert_2^2$, avec $\rho$ = `l1_ratio`.
#
# Les `l2(λ)` et `l1(λ)` de Keras ajoutent $\lambda\sum w^2$ et $\lambda\sum|w|$
# (`keras/src/regularizers/regularizers.py`) à la perte, et la perte `"mse"` est une moyenne,
# $\frac1n\lVert y - Xw\rVert^2$. Ramener chaque objectif à cette forme donne les
# conversions : l'`alpha` de Ridge est le `l2(alpha / n)` de Keras ; l'`alpha` de Lasso est
# le `l1(2 * alpha)` de Keras ; celui d'Elastic Net est `l1_l2(l1=2 * alpha * l1_ratio,
# l2=alpha * (1 - l1_ratio))`. Le même nombre désigne des intensités très différentes dans
# les deux bibliothèques. La cellule suivante vérifie les deux premières : elle place la
# solution de scikit-learn dans une couche `Dense(1)` de Keras munie de la pénalité convertie,
# et calcule là le gradient de la perte de Keras. En un minimum, il est nul (pour L1, sur les
# coefficients non nuls ; sur ceux qui valent zéro, le gradient du terme des données doit
# rester entre $-\lambda$ et $\lambda$).

# %%
features, target = load_diabetes(return_X_y=True)
features = ((features - features.mean(axis=0)) / features.std(axis=0)).astype("float32")
target = ((target - target.mean()) / target.std()).astype("float32")
n = len(target)


def keras_gradient(coef, intercept, regularizer):
    """en: Gradient of Keras's loss (mean squared error + penalty) with respect to the
    kernel of a Dense(1) layer holding these coefficients, and that of the data term alone.

    fr: Gradient de la perte de Keras (erreur quadratique moyenne + pénalité) par rapport
    au noyau d'une couche Dense(1) qui porte ces coefficients, et celui du seul terme des
    données.
    """
    layer = keras.layers.Dense(1, kernel_regularizer=regularizer)
    layer.build((None, 10))
    layer.set_weights([coef.reshape(10, 1).astype("float32"), np.array([intercept], "float32")])
    with tf.GradientTape(persistent=True) as tape:
        data = keras.losses.MeanSquaredError()(target[:, None], layer(features))
        loss = data + tf.add_n(layer.losses)
    return (
        tape.gradient(loss, layer.kernel).numpy().ravel(),
        tape.gradient(data, layer.kernel).numpy().ravel(),
    )


alpha = 50.0
ridge = Ridge(alpha=alpha).fit(features, target)
for label, factor in (("l2(alpha / n)", alpha / n), ("l2(alpha)    ", alpha)):
    full, _data = keras_gradient(ridge.coef_, ridge.intercept_, keras.regularizers.l2(factor))
    print(
        f"Ridge(alpha={alpha:g}) -> {label}:",
        _(en="largest |gradient| below 1e-4:", fr="plus grand |gradient| sous 1e-4 :"),
        bool(np.abs(full).max() < 1e-4),
    )
alpha = 0.05
lasso = Lasso(alpha=alpha, tol=1e-10, max_iter=100_000).fit(features, target)
zero = lasso.coef_ == 0
for label, factor in (("l1(2 * alpha)", 2 * alpha), ("l1(alpha)    ", alpha)):
    full, data = keras_gradient(lasso.coef_, lasso.intercept_, keras.regularizers.l1(factor))
    print(
        f"Lasso(alpha={alpha:g}) -> {label}:",
        _(en="zero gradient on the", fr="gradient nul sur les"),
        int((~zero).sum()),
        _(en="non-zero coefficients:", fr="coefficients non nuls :"),
        bool(np.abs(full[~zero]).max() < 1e-4),
        _(en="| data gradient within ±λ on the", fr="| gradient des données dans ±λ sur les"),
        int(zero.sum()),
        _(en="zeros:", fr="nuls :"),
        bool(np.all(np.abs(data[zero]) <= factor + 1e-5)),
    )

# %% [markdown] lang="en"
# Only the converted factors make scikit-learn's solution a minimum of Keras's loss. Now the
# coefficient paths: the 10 coefficients of each model against its `alpha`, on a log axis,
# and, below the figure, how many of them are exactly zero.

# %% [markdown] lang="fr"
# Seuls les facteurs convertis font de la solution de scikit-learn un minimum de la perte de
# Keras. Voici maintenant les chemins des coefficients : les 10 coefficients de chaque modèle
# en fonction de son `alpha`, sur un axe logarithmique, et, sous la figure, combien d'entre
# eux valent exactement zéro.

# %%
# alt en: Three panels, Ridge, Lasso and Elastic Net, each with the 10 coefficients of the
# alt en: diabetes model against scikit-learn's alpha on a log axis. Ridge's coefficients
# alt en: shrink smoothly towards 0 as alpha grows from 0.1 to 100,000, none of them reaching
# alt en: it; Lasso's hit exactly 0 one after another as alpha grows from 0.001, and all 10
# alt en: are 0 from alpha 0.75; Elastic Net's behave like Lasso's but reach 0 later, all of
# alt en: them from alpha 1.3.
# alt fr: Trois panneaux, Ridge, Lasso et Elastic Net, chacun avec les 10 coefficients du
# alt fr: modèle diabetes en fonction de l'alpha de scikit-learn sur un axe logarithmique. Les
# alt fr: coefficients de Ridge se réduisent en douceur vers 0 quand alpha croît de 0,1 à
# alt fr: 100 000, sans qu'aucun ne l'atteigne ; ceux de Lasso tombent exactement à 0 l'un
# alt fr: après l'autre quand alpha croît à partir de 0,001, et les 10 valent 0 à partir de
# alt fr: alpha 0,75 ; ceux d'Elastic Net se comportent comme ceux de Lasso, mais atteignent 0
# alt fr: plus tard, tous à partir de alpha 1,3.
paths = {
    "Ridge": (Ridge, np.logspace(-1, 5, 25), {}),
    "Lasso": (Lasso, np.logspace(-3, 0.5, 29), {"max_iter": 100_000}),
    "Elastic Net": (ElasticNet, np.logspace(-3, 0.5, 29), {"l1_ratio": 0.5, "max_iter": 100_000}),
}
coefficients = {}
fig, axes = plt.subplots(1, 3, figsize=(12, 3.6), sharey=True)
for ax, (name, (kind, alphas, options)) in zip(axes, paths.items(), strict=True):
    coefficients[name] = np.array(
        [kind(alpha=a, **options).fit(features, target).coef_ for a in alphas]
    )
    ax.plot(alphas, coefficients[name], linewidth=1)
    ax.axhline(0, color="black", linewidth=0.5)
    ax.set_xscale("log")
    ax.set_xlabel(_(en="alpha (scikit-learn, log scale)", fr="alpha (scikit-learn, échelle log.)"))
    ax.set_title(name, fontsize="medium")
axes[0].set_ylabel(_(en="coefficient", fr="coefficient"))
fig.suptitle(
    _(
        en="Coefficient paths on the diabetes data: L2 shrinks, L1 zeros",
        fr="Chemins des coefficients sur les données diabetes : L2 réduit, L1 annule",
    )
)
fig.tight_layout()
plt.show()
for name, (_kind, alphas, _options) in paths.items():
    zeros = (coefficients[name] == 0).sum(axis=1)
    # en: One alpha per decade or two: the grids hold 4 (Ridge) and 8 values per decade.
    # fr: Un alpha par décade ou deux : les grilles ont 4 (Ridge) et 8 valeurs par décade.
    shown = ", ".join(f"{alphas[i]:g}: {zeros[i]}" for i in range(0, len(alphas), 8))
    print(f"{name:12}", _(en="zero coefficients at alpha", fr="coefficients nuls à alpha"), shown)
    if zeros[-1] < 10:
        print(
            " " * 12,
            _(en="smallest |coefficient| at alpha", fr="plus petit |coefficient| à alpha"),
            f"{alphas[-1]:g}: {np.abs(coefficients[name][-1]).min():.1e}",
        )
    else:
        print(
            " " * 12,
            _(en="all 10 at zero from alpha", fr="les 10 nuls à partir de alpha"),
            f"{alphas[np.argmax(zeros == 10)]:.2g}",
        )

# %% [markdown] lang="en"
# Ridge never sets a coefficient to zero: even at an `alpha` of 100,000 its smallest one is
# 1.8e-04, not 0. It shrinks all of them together, as a Gaussian prior, which puts no
# special weight on 0, predicts. Lasso zeros them one by one, keeping longest the features
# that explain most of the target: 6 of the 10 are zero at `alpha` 0.1, and all of them
# from 0.75. Elastic Net sits in between: it zeros like Lasso, but later (4 zeros at 0.1,
# all from 1.3: half of its penalty is L2), and correlated features shrink together instead
# of one of them being kept alone. Which strength is right? The same answer as for the
# network: a sweep scored on validation data (scikit-learn's `RidgeCV`, `LassoCV` and
# `ElasticNetCV` do it by cross-validation).

# %% [markdown] lang="fr"
# Ridge ne met jamais un coefficient à zéro : même avec un `alpha` de 100 000, le plus petit
# vaut 1,8e-04, et non 0. Il les réduit tous ensemble, comme le prévoit une loi a priori
# gaussienne, qui n'accorde aucun poids particulier à 0. Lasso les annule un par un, en
# gardant le plus longtemps les variables qui expliquent le mieux la cible : 6 des 10 sont
# nuls à `alpha` 0,1, et tous à partir de 0,75. Elastic Net se place entre les deux : il
# annule comme Lasso, mais plus tard (4 nuls à 0,1, tous à partir de 1,3 : la moitié de sa
# pénalité est L2), et des variables corrélées se réduisent ensemble au lieu qu'une seule
# d'entre elles soit gardée. Quelle intensité est la bonne ? La même réponse que pour le réseau : un
# balayage évalué sur des données de validation (`RidgeCV`, `LassoCV` et `ElasticNetCV` de
# scikit-learn le font par validation croisée).

# %% [markdown] lang="en"
# ## 7. What a larger sweep would show, and why we do not run it
#
# The sweeps of this lesson trained 11 small networks, one seed each, on at most 800
# images, to stay within half a minute on a two-core processor. A study made to decide would do more:
# - **more values**: several per decade around the best region (0.003, 0.01, 0.03...), to
#   see how flat the top of the curve is;
# - **more seeds**: each point trained from 5 or 10 initial weights and data orders, with the
#   mean and its spread, since lesson 9 measured that a seed alone moves the validation
#   accuracy by a few images, as much as many of the differences we read here;
# - **more data and cross-validation**: the digits have only 1,797 images; with more, or with
#   $k$-fold cross-validation (every image in validation once), each score would be less
#   noisy and the winner's bonus of section 5 smaller;
# - **the sweeps crossed**: the best L2 factor for 200 images is not the best for 800
#   (section 6), nor with dropout added; a grid or a random search over pairs.
#
# Each of these multiplies the number of trainings: 4 decades × 3 values × 10 seeds × 4
# sizes is 480 networks, some 8 minutes at about a second per network on a two-core
# processor, for one data set. What such a
# sweep would most likely show here: a wide, flat optimum for L2 between about 0.003 and
# 0.03 whose exact peak moves with the seed, a best strength that decreases as the training
# set grows, and a test score of the chosen model within a few images of what section 5
# reported.

# %% [markdown] lang="fr"
# ## 7. Ce que montrerait un balayage plus grand, et pourquoi nous ne le lançons pas
#
# Les balayages de cette leçon ont entraîné 11 petits réseaux, une graine chacun, sur au plus
# 800 images, pour tenir en une demi-minute sur un processeur à deux cœurs. Une étude faite pour décider en
# ferait davantage :
# - **plus de valeurs** : plusieurs par décade autour de la meilleure région (0,003, 0,01,
#   0,03…), pour voir à quel point le sommet de la courbe est plat ;
# - **plus de graines** : chaque point entraîné à partir de 5 ou 10 poids initiaux et ordres
#   des données, avec la moyenne et sa dispersion, car la leçon 9 a mesuré qu'une graine à elle
#   seule fait bouger l'exactitude de validation de quelques images, autant que bien des
#   différences lues ici ;
# - **plus de données et la validation croisée** : les chiffres ne comptent que 1 797 images ;
#   avec davantage, ou avec une validation croisée à $k$ plis (chaque image passe une fois en
#   validation), chaque score serait moins bruité et le bonus du gagnant de la section 5 plus
#   petit ;
# - **les balayages croisés** : le meilleur facteur L2 pour 200 images n'est pas le meilleur
#   pour 800 (section 6), ni avec du dropout en plus ; une grille ou une recherche aléatoire
#   sur les couples.
#
# Chacun multiplie le nombre d'entraînements : 4 décades × 3 valeurs × 10 graines × 4 tailles
# font 480 réseaux, quelque 8 minutes à environ une seconde par réseau sur un processeur à
# deux cœurs, pour un seul jeu de données. Ce qu'un
# tel balayage montrerait le plus probablement ici : un optimum large et plat pour L2, entre
# environ 0,003 et 0,03, dont le sommet exact bouge avec la graine, une meilleure intensité
# qui diminue quand le jeu d'entraînement grandit, et un score de test du modèle choisi à
# quelques images de celui qu'a donné la section 5.

# %% [markdown] lang="en"
# ### Written question (2 points, graded by hand)
#
# A colleague trains the network of section 2 with ten L2 factors, evaluates each on the
# test set, and writes in a report "with λ = 0.001, our network reaches 0.938 on unseen
# data". What is wrong with this sentence, and what would you have done instead (name the
# sets and how each is used)? Then say what you would change first to improve the validation
# accuracy of this network on the digits, supporting your answer with figures from sections
# 2 to 4.

# %% [markdown] lang="fr"
# ### Question rédigée (2 points, corrigée à la main)
#
# Un collègue entraîne le réseau de la section 2 avec dix facteurs L2, évalue chacun sur le
# jeu de test et écrit dans un rapport « avec λ = 0,001, notre réseau atteint 0,938 sur des
# données jamais vues ». Qu'est-ce qui ne va pas dans cette phrase, et qu'auriez-vous fait à
# la place (nommez les jeux et l'usage de chacun) ? Dites ensuite ce que vous changeriez en
# premier pour améliorer l'exactitude de validation de ce réseau sur les chiffres, en
# appuyant votre réponse sur des chiffres des sections 2 à 4.

# %% [markdown] lang="en" nbgrader="manual" grade_id="report_honestly" points=2
# The 0.938 is the best of ten test scores: λ = 0.001 was chosen because it did best on
# those test images, so part of its score is luck on them (section 5: the best of 5 equally
# good candidates gains about 0.015). The test set has become a validation set and the
# report has no unbiased number left. Instead: train on the training set, compare the ten
# factors on the validation set, choose the best (here λ = 0.01, 0.945 on validation), then
# evaluate that one model once on the test set and report that score (0.9363), never going
# back to change the choice. First change: more training images. Going from 200 to 800
# images raised validation accuracy from 0.9225 to 0.97 (19 more images right), while the
# best L2 factor gained 9 images and the best dropout rate 5; once the data grow, sweep the
# strength again, since the right λ shrinks with $n$.

# %% [markdown] lang="fr" nbgrader="manual" grade_id="report_honestly" points=2
# Le 0,938 est le meilleur de dix scores de test : λ = 0,001 a été choisi parce qu'il a fait
# le mieux sur ces images de test, donc une partie de son score tient à la chance sur elles
# (section 5 : le meilleur de 5 candidats aussi bons gagne environ 0,015). Le jeu de test est
# devenu un jeu de validation et le rapport n'a plus aucun chiffre sans biais. À la place :
# entraîner sur le jeu d'entraînement, comparer les dix facteurs sur le jeu de validation,
# choisir le meilleur (ici λ = 0,01, 0,945 en validation), puis évaluer ce seul modèle une
# fois sur le jeu de test et donner ce score (0,9363), sans jamais revenir sur le choix.
# Premier changement : plus d'images d'entraînement. Passer de 200 à 800 images a fait monter
# l'exactitude de validation de 0,9225 à 0,97 (19 images de plus bien classées), alors que le
# meilleur facteur L2 a gagné 9 images et le meilleur taux de dropout 5 ; une fois les données
# accrues, balayer de nouveau l'intensité, car le bon λ diminue avec $n$.

# %% [markdown] lang="en"
# ## Key points
# - A strength is chosen by a **sweep**: one value per decade for a factor such as L2's
#   (then finer around the best), a few rates for dropout, every other setting fixed and
#   every model from the same initial weights.
# - Read the **validation curve**: training at 1.0 and validation below it is the
#   overfitting region; training and validation falling together is the underfitting
#   region (here λ = 1: 0.905 and 0.84). Too much regularization does not close the gap; it
#   makes the model worse on both sets.
# - **More data** closed the gap more than any strength did (from 0.1875 at 50 images to
#   0.03 at 800), and the right strength shrinks as the data grow ($\lambda =
#   \sigma^2/(n\tau^2)$).
# - **Choose on validation, report on test, once.** The winner's validation score is
#   overstated (here 0.945 on validation, 0.9363 on test); the best of several test scores
#   would be too.
# - L2 is a Gaussian prior and **shrinks** weights, L1 a Laplace prior and **zeros** them
#   (Ridge versus Lasso); Elastic Net mixes them. scikit-learn's `alpha` is not Keras's
#   factor: Ridge's `alpha` is `l2(alpha / n)`, Lasso's is `l1(2 * alpha)`.
#
# Next lesson: regularizing with data and noise.

# %% [markdown] lang="fr"
# ## À retenir
# - Une intensité se choisit par un **balayage** : une valeur par décade pour un facteur comme
#   celui de L2 (puis plus fin autour du meilleur), quelques taux pour le dropout, tous les
#   autres réglages fixés et tous les modèles partant des mêmes poids initiaux.
# - Lisez la **courbe de validation** : l'entraînement à 1,0 et la validation en dessous,
#   c'est la région de surapprentissage ; l'entraînement et la validation qui baissent
#   ensemble, c'est la région de sous-apprentissage (ici λ = 1 : 0,905 et 0,84). Trop de
#   régularisation ne referme pas l'écart ; elle rend le modèle moins bon sur les deux jeux.
# - **Plus de données** a réduit l'écart plus qu'aucune intensité (de 0,1875 à 50 images à
#   0,03 à 800), et la bonne intensité diminue quand les données augmentent ($\lambda =
#   \sigma^2/(n\tau^2)$).
# - **Choisir sur la validation, rendre compte sur le test, une seule fois.** Le score de
#   validation du gagnant est surestimé (ici 0,945 en validation, 0,9363 en test) ; le
#   meilleur de plusieurs scores de test le serait aussi.
# - L2 est une loi a priori gaussienne et **réduit** les poids, L1 une loi a priori de
#   Laplace et les **annule** (Ridge contre Lasso) ; Elastic Net mélange les deux. L'`alpha`
#   de scikit-learn n'est pas le facteur de Keras : l'`alpha` de Ridge est `l2(alpha / n)`,
#   celui de Lasso est `l1(2 * alpha)`.
#
# Leçon suivante : régulariser avec des données et du bruit.
