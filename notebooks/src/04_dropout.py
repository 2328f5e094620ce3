# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] lang="en"
# # Lesson 4 — Dropout
#
# **Goal.** By the end of this lesson you can (1) say exactly what `keras.layers.Dropout(rate)`
# does to its input during training and at inference, and reproduce it with NumPy;
# (2) explain *inverted* dropout: why the kept values are divided by $1 - \text{rate}$ during
# training, why this keeps the expected value of every unit unchanged, and predict how far a
# single draw strays from that expected value; (3) read the learning curves of a network
# trained with dropout; (4) see dropout as the training of a huge ensemble of thinned
# sub-networks, and use Monte Carlo dropout to estimate how unsure a network is of a
# prediction; (5) find and fix dropout left on at inference.

# %% [markdown] lang="fr"
# # Leçon 4 — L'abandon (*dropout*)
#
# **Objectif.** À la fin de cette leçon, vous saurez (1) dire exactement ce que fait
# `keras.layers.Dropout(rate)` à son entrée pendant l'entraînement et en inférence, et le
# reproduire avec NumPy ; (2) expliquer le dropout *inversé* : pourquoi les valeurs conservées
# sont divisées par $1 - \text{rate}$ pendant l'entraînement, pourquoi l'espérance de chaque
# unité reste ainsi inchangée, et prévoir de combien un tirage isolé s'en écarte ; (3) lire
# les courbes d'apprentissage d'un réseau entraîné avec du dropout ; (4) voir le dropout comme
# l'entraînement d'un immense ensemble de sous-réseaux amincis, et utiliser le dropout
# Monte-Carlo pour estimer l'incertitude d'un réseau sur une prédiction ; (5) repérer et
# corriger un dropout resté actif en inférence.

# %%
import coursetools as ct  # en: first: it quiets TensorFlow's logs before TensorFlow loads # fr: en premier : il fait taire les journaux de TensorFlow avant que celui-ci ne se charge

ct.setup(_(en="en", fr="fr"))

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes

# %% [markdown] lang="en"
# ## 1. The classic example
#
# Lesson 1 ended on a large network that learned the noise of its 120 training examples by
# heart. **Dropout** (Hinton et al. 2012, Srivastava et al. 2014) fights this in a surprising
# way: during training, every time an example goes through the network, each unit of a
# layer is switched off (set to 0) at random, with probability `rate`. No unit can count on
# any particular other unit being present, so the network cannot build the fragile,
# co-adapted combinations of units that memorizing noise requires.
#
# In Keras, dropout is a layer with no weights, placed after the layer whose outputs it
# drops. The docstring of `tf.keras.layers.Dropout` in Keras 2 (TensorFlow 2.21 still carries
# a copy of it in `tensorflow/python/keras/layers/core.py`) shows it on a small example: a
# `Dropout(.2)` layer applied to `np.arange(10).reshape(5, 2)`, the numbers 0 to 9 arranged
# as 5 examples of 2 values, and called with `training=True`. We take the numbers 1 to 10
# instead, so that every 0 in the output is a dropped value. That docstring also prints the
# output it got, but an output of dropout depends on the random draw, which repeats only when
# it is seeded. We give the layer a seed (`seed=0`), and call it twice in a row.

# %% [markdown] lang="fr"
# ## 1. L'exemple classique
#
# La leçon 1 s'est terminée sur un grand réseau qui apprenait par cœur le bruit de ses
# 120 exemples d'entraînement. L'**abandon** (*dropout*, Hinton et al. 2012, Srivastava et al.
# 2014) combat ce phénomène d'une manière surprenante : pendant l'entraînement, chaque fois
# qu'un exemple traverse le réseau, chaque unité d'une couche est éteinte (mise à 0) au hasard,
# avec la probabilité `rate`. Aucune unité ne peut compter sur la présence d'une autre unité
# en particulier : le réseau ne peut donc pas construire les combinaisons d'unités fragiles et
# co-adaptées dont il aurait besoin pour mémoriser le bruit.
#
# Dans Keras, le dropout est une couche sans poids, placée après la couche dont elle abandonne
# les sorties. La documentation de `tf.keras.layers.Dropout` dans Keras 2 (TensorFlow 2.21 en
# garde une copie dans `tensorflow/python/keras/layers/core.py`) la présente sur un petit
# exemple : une couche `Dropout(.2)` appliquée à `np.arange(10).reshape(5, 2)`, les nombres
# de 0 à 9 rangés en 5 exemples de 2 valeurs, et appelée avec `training=True`. Nous prenons
# plutôt les nombres de 1 à 10, pour que chaque 0 de la sortie soit une valeur abandonnée.
# Cette documentation affiche aussi la sortie qu'elle a obtenue, mais une sortie du dropout
# dépend du tirage aléatoire, qui ne se répète que s'il est fixé par une graine. Nous donnons
# une graine à la couche (`seed=0`) et l'appelons deux fois de suite.

# %%
ct.reseed()
data = np.arange(1, 11).reshape(5, 2).astype("float32")
dropout = keras.layers.Dropout(0.2, seed=0)
first = np.asarray(dropout(data, training=True))
second = np.asarray(dropout(data, training=True))
print(_(en="input:", fr="entrée :"))
print(data)
print(_(en="first call, training=True:", fr="premier appel, training=True :"))
print(first)
print(_(en="second call, training=True:", fr="second appel, training=True :"))
print(second)
for name, out in [(_(en="first", fr="premier"), first), (_(en="second", fr="second"), second)]:
    kept = out != 0
    print(
        f"{name:>8}: {_(en='zeros', fr='zéros')} = {int((~kept).sum())}/10,",
        _(en="kept values = 1.25 × input:", fr="valeurs conservées = 1,25 × entrée :"),
        bool(np.allclose(out[kept], 1.25 * data[kept])),
    )

# %% [markdown] lang="en"
# Three things to notice:
# - Every value is either **0** or **1.25 times** its input, and $1.25 = 1/(1 - 0.2)$. The
#   kept values are scaled up; we will see why in section 3.
# - The two calls drop different values: a new random mask is drawn at every call. The seed
#   fixes the *sequence* of masks, not one mask. A layer draws its masks from its own random
#   generator, created with the layer: `keras.utils.set_random_seed` (which `ct.reseed()`
#   calls) fixes the masks of the layers created after it, but does not rewind a layer that
#   already exists.
# - `rate=0.2` is a **probability**, not a quota: the first call dropped 1 value out of 10 and
#   the second 2. Only on average is 20% of the values dropped.
#
# Now the same layer at inference: with `training=False`, or without the argument (outside
# `fit`, a layer is called in inference mode by default).

# %% [markdown] lang="fr"
# Trois choses à remarquer :
# - Chaque valeur vaut soit **0**, soit **1,25 fois** son entrée, et $1{,}25 = 1/(1 - 0{,}2)$.
#   Les valeurs conservées sont agrandies ; nous verrons pourquoi dans la section 3.
# - Les deux appels n'abandonnent pas les mêmes valeurs : un nouveau masque aléatoire est tiré
#   à chaque appel. La graine fixe la *suite* des masques, pas un masque unique. Une couche
#   tire ses masques dans son propre générateur aléatoire, créé en même temps qu'elle :
#   `keras.utils.set_random_seed` (qu'appelle `ct.reseed()`) fixe les masques des couches
#   créées après son appel, mais ne ramène pas en arrière une couche qui existe déjà.
# - `rate=0.2` est une **probabilité**, pas un quota : le premier appel a abandonné 1 valeur
#   sur 10 et le second 2. Ce n'est qu'en moyenne que 20 % des valeurs sont abandonnées.
#
# Voyons maintenant la même couche en inférence : avec `training=False`, ou sans cet argument
# (en dehors de `fit`, une couche est appelée par défaut en mode inférence).

# %%
print(_(en="training=False:", fr="training=False :"))
print(np.asarray(dropout(data, training=False)))
print(
    _(en="identity with training=False:", fr="identité avec training=False :"),
    bool(np.array_equal(np.asarray(dropout(data, training=False)), data)),
)
print(
    _(en="identity without the argument:", fr="identité sans l'argument :"),
    bool(np.array_equal(np.asarray(dropout(data)), data)),
)

# %% [markdown] lang="en"
# ## 2. `rate` is the fraction *dropped*
#
# `rate` is the probability that a value is **dropped**, not kept: `Dropout(0.8)` keeps only
# one value in five. This is a classic source of confusion, because the original paper
# (Srivastava et al. 2014) writes $p$ for the probability of **keeping** a unit, and so did
# TensorFlow 1's `tf.nn.dropout(x, keep_prob)`. TensorFlow 2 still has that function as
# `tf.compat.v1.nn.dropout`, where `keep_prob` is deprecated with the advice
# "Rate should be set to `rate = 1 - keep_prob`": a tutorial written for TensorFlow 1 with
# `keep_prob=0.8` means `Dropout(0.2)` in Keras. Let us measure the fraction of zeros on a
# large input of ones, for three rates.

# %% [markdown] lang="fr"
# ## 2. `rate` est la fraction *abandonnée*
#
# `rate` est la probabilité qu'une valeur soit **abandonnée**, et non conservée :
# `Dropout(0.8)` ne garde qu'une valeur sur cinq. C'est une source de confusion classique, car
# l'article original (Srivastava et al. 2014) note $p$ la probabilité de **conserver** une
# unité, tout comme le `tf.nn.dropout(x, keep_prob)` de TensorFlow 1. TensorFlow 2 a gardé
# cette fonction sous le nom `tf.compat.v1.nn.dropout`, où `keep_prob` est déclaré obsolète
# avec ce conseil : « Rate should be set to `rate = 1 - keep_prob` ». Un tutoriel écrit pour
# TensorFlow 1 avec `keep_prob=0.8` correspond donc à `Dropout(0.2)` dans Keras. Mesurons la
# fraction de zéros sur une grande entrée remplie de uns, pour trois taux.

# %%
ones = np.ones((1000, 100), dtype="float32")
for rate in (0.2, 0.5, 0.8):
    ct.reseed()
    out = np.asarray(keras.layers.Dropout(rate)(ones, training=True))
    print(
        f"rate={rate}: {_(en='fraction of zeros', fr='fraction de zéros')} =",
        f"{(out == 0).mean():.4f},",
        _(en="kept values =", fr="valeurs conservées ="),
        np.unique(out[out != 0]).round(4),
    )

# %% [markdown] lang="en"
# The fraction of zeros matches `rate` to within a few thousandths, and every kept value is
# $1/(1 - \text{rate})$: 1.25, 2 and 5.

# %% [markdown] lang="fr"
# La fraction de zéros vaut `rate` à quelques millièmes près, et chaque valeur conservée vaut
# $1/(1 - \text{rate})$ : 1,25, 2 et 5.

# %% [markdown] lang="en"
# ## 3. Inverted dropout: scale during training, not at inference
#
# Why multiply the kept values by $1/(1 - \text{rate})$? Write $r$ for the rate and
# $m \in \{0, 1\}$ for the random mask of one value $x$, with $P(m = 1) = 1 - r$. The output
# $y = m\,x/(1 - r)$ has the expected value
#
# $$E[y] = (1 - r)\cdot\frac{x}{1 - r} + r \cdot 0 = x.$$
#
# So each unit keeps, *on average*, the value it has without dropout, and so does any sum of
# units, such as the input of the next `Dense` layer. This is what lets Keras do **nothing**
# at inference: the next layer receives, without dropout, the values that it received on
# average during training.
#
# An average says where the draws are centred, not how far one draw strays from it. The
# next layer never sees an average: at every step it receives one draw.

# %% [markdown] lang="fr"
# ## 3. Le dropout inversé : agrandir à l'entraînement, pas en inférence
#
# Pourquoi multiplier les valeurs conservées par $1/(1 - \text{rate})$ ? Notons $r$ le taux et
# $m \in \{0, 1\}$ le masque aléatoire d'une valeur $x$, avec $P(m = 1) = 1 - r$. La sortie
# $y = m\,x/(1 - r)$ a pour espérance
#
# $$E[y] = (1 - r)\cdot\frac{x}{1 - r} + r \cdot 0 = x.$$
#
# Chaque unité garde donc, *en moyenne*, la valeur qu'elle aurait sans dropout, et il en va de
# même pour toute somme d'unités, comme l'entrée de la couche `Dense` suivante. C'est ce qui
# permet à Keras de ne **rien** faire en inférence : sans dropout, la couche suivante reçoit
# les valeurs qu'elle recevait en moyenne pendant l'entraînement.
#
# Une moyenne dit autour de quoi les tirages se répartissent, pas de combien un tirage s'en
# écarte. Or la couche suivante ne voit jamais de moyenne : à chaque pas, elle reçoit un seul
# tirage.

# %% [markdown] lang="en"
# ### Exercise 1 — predict the spread of one draw, then measure it (2 points)
#
# The cell after the tests applies `Dropout(0.2)` to `data` (the numbers 1 to 10) 4,000
# times, and measures the standard deviation of the **sum** of the 10 output values over the
# 4,000 draws. Predict that standard deviation from the theory, **before** running that cell.
#
# Write `dropout_sum_std(x, rate)`, which returns, without drawing anything at random, the
# standard deviation of the sum of the values of `Dropout(rate)(x, training=True)` for an
# array `x`. The cell then stores your prediction for the experiment in `predicted_sum_std`.
# Hint: compute $E[y^2]$ for one value the way $E[y]$ is computed above; every value gets
# its own mask, independent of the others.
#
# What the tests check:
# - `predicted_sum_std` must be within 5% of the standard deviation measured on the 4,000
#   draws of the experiment (the test draws them again, with the same seed); if it is not,
#   the message says in which direction and by how much you were off;
# - hidden tests: for 3 other arrays `x` of 12 values (drawn at grading time from a standard
#   normal distribution, so some of them are negative) and the rates 0.2, 0.5 and 0.75,
#   `dropout_sum_std(x, rate)` must be within 5% of the standard deviation measured over
#   20,000 draws of `Dropout(rate)`.

# %% [markdown] lang="fr"
# ### Exercice 1 — prévoir la dispersion d'un tirage, puis la mesurer (2 points)
#
# La cellule qui suit les tests applique 4 000 fois `Dropout(0.2)` à `data` (les nombres de
# 1 à 10) et mesure l'écart type de la **somme** des 10 valeurs de sortie sur les 4 000
# tirages. Prévoyez cet écart type à partir de la théorie, **avant** d'exécuter cette cellule.
#
# Écrivez `dropout_sum_std(x, rate)`, qui renvoie, sans aucun tirage aléatoire, l'écart type
# de la somme des valeurs de `Dropout(rate)(x, training=True)` pour un tableau `x`. La
# cellule range ensuite votre prévision pour l'expérience dans `predicted_sum_std`.
# Indication : calculez $E[y^2]$ pour une valeur comme $E[y]$ l'est ci-dessus ; chaque valeur
# reçoit son propre masque, indépendant des autres.
#
# Ce que vérifient les tests :
# - `predicted_sum_std` doit être à moins de 5 % de l'écart type mesuré sur les 4 000 tirages
#   de l'expérience (le test les refait, avec la même graine) ; sinon, le message indique dans
#   quel sens et de combien vous vous êtes trompé ;
# - tests cachés : pour 3 autres tableaux `x` de 12 valeurs (tirés au moment de la correction
#   selon une loi normale centrée réduite, donc avec des valeurs négatives) et les taux 0,2,
#   0,5 et 0,75, `dropout_sum_std(x, rate)` doit être à moins de 5 % de l'écart type mesuré
#   sur 20 000 tirages de `Dropout(rate)`.


# %% nbgrader="solution" grade_id="predict_sum_std"
def dropout_sum_std(x, rate):
    """en: Standard deviation of the sum of Dropout(rate)(x, training=True), from theory.

    fr: Écart type de la somme de Dropout(rate)(x, training=True), d'après la théorie.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype="float64")
    # en: One value: y = m x / (1 - rate), so E[y²] = (1 - rate) x² / (1 - rate)² and
    # en: Var(y) = E[y²] - E[y]² = x² rate / (1 - rate). The masks are independent: the
    # en: variances of the values add up (their standard deviations do not).
    # fr: Une valeur : y = m x / (1 - rate), donc E[y²] = (1 - rate) x² / (1 - rate)² et
    # fr: Var(y) = E[y²] - E[y]² = x² rate / (1 - rate). Les masques sont indépendants : les
    # fr: variances des valeurs s'additionnent (pas leurs écarts types).
    variance = (x**2).sum() * rate / (1 - rate)
    return float(np.sqrt(variance))
    ### END SOLUTION


predicted_sum_std = dropout_sum_std(data, 0.2)

# %% nbgrader="tests" grade_id="predict_sum_std_tests" points=2
# en: The experiment of the next cell, drawn again with the same seed.
# fr: L'expérience de la cellule suivante, tirée à nouveau avec la même graine.
_data = np.arange(1, 11).reshape(5, 2).astype("float32")
_draws = np.asarray(
    keras.layers.Dropout(0.2, seed=0)(np.broadcast_to(_data, (4000, 5, 2)), training=True)
)
_measured = float(_draws.sum(axis=(1, 2)).std())
_predicted = float(predicted_sum_std)
# en: What typical wrong predictions would give, measured on the same draws.
# fr: Ce que donneraient des prévisions fausses typiques, mesuré sur les mêmes tirages.
_not_rescaled = _measured * (1 - 0.2)
_stds_added = float(_draws.reshape(4000, 10).std(axis=0).sum())
_as_keep = float(
    np.asarray(
        keras.layers.Dropout(0.8, seed=0)(np.broadcast_to(_data, (4000, 5, 2)), training=True)
    )
    .sum(axis=(1, 2))
    .std()
)
assert np.isfinite(_predicted) and _predicted > 0, _(
    en=f"A standard deviation is a positive number; your prediction is {_predicted}.",
    fr=f"Un écart type est un nombre positif ; votre prévision vaut {_predicted}.",
)
if abs(_predicted - _measured**2) <= 0.05 * _measured**2:
    raise AssertionError(
        _(
            en=f"Your prediction {_predicted:.4g} is close to the square of the measured standard deviation ({_measured:.4g}): you predicted the variance of the sum. Take its square root.",
            fr=f"Votre prévision, {_predicted:.4g}, est proche du carré de l'écart type mesuré ({_measured:.4g}) : vous avez prévu la variance de la somme. Prenez-en la racine carrée.",
        )
    )
if abs(_predicted - _not_rescaled) <= 0.05 * _not_rescaled:
    raise AssertionError(
        _(
            en=f"Your prediction {_predicted:.4g} is the spread of outputs that are not divided by 1 - rate (measured: {_not_rescaled:.4g}). Dropout divides every kept value by 1 - rate, and that scaling also stretches the spread.",
            fr=f"Votre prévision, {_predicted:.4g}, est la dispersion de sorties qui ne sont pas divisées par 1 - rate (mesurée : {_not_rescaled:.4g}). Le dropout divise chaque valeur conservée par 1 - rate, et cette remise à l'échelle étire aussi la dispersion.",
        )
    )
if abs(_predicted - _stds_added) <= 0.05 * _stds_added:
    raise AssertionError(
        _(
            en=f"Your prediction {_predicted:.4g} is the sum of the standard deviations of the 10 values (measured: {_stds_added:.4g}). For independent values, the variances add up, not the standard deviations.",
            fr=f"Votre prévision, {_predicted:.4g}, est la somme des écarts types des 10 valeurs (mesurée : {_stds_added:.4g}). Pour des valeurs indépendantes, ce sont les variances qui s'additionnent, pas les écarts types.",
        )
    )
if abs(_predicted - _as_keep) <= 0.05 * _as_keep:
    raise AssertionError(
        _(
            en=f"Your prediction {_predicted:.4g} is the spread of Dropout(0.8) (measured: {_as_keep:.4g}): rate is the probability of DROPPING a value, not of keeping it.",
            fr=f"Votre prévision, {_predicted:.4g}, est la dispersion de Dropout(0.8) (mesurée : {_as_keep:.4g}) : rate est la probabilité d'ABANDONNER une valeur, pas de la conserver.",
        )
    )
_gap = _predicted - _measured
assert abs(_gap) <= 0.05 * _measured, _(
    en=f"Your prediction {_predicted:.4g} is {abs(_gap):.4g} {'above' if _gap > 0 else 'below'} the measured standard deviation {_measured:.4g}: {abs(_gap) / _measured:.0%} off, and at most 5% is allowed.",
    fr=f"Votre prévision, {_predicted:.4g}, est {'supérieure' if _gap > 0 else 'inférieure'} de {abs(_gap):.4g} à l'écart type mesuré, {_measured:.4g} : un écart de {abs(_gap) / _measured:.0%}, pour 5 % au plus.",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
for _rate in (0.2, 0.5, 0.75):
    _x = np.random.default_rng(ct.fresh_seed()).normal(size=(3, 4)).astype("float32")
    _layer = keras.layers.Dropout(_rate, seed=ct.fresh_seed())
    _draws = np.asarray(_layer(np.broadcast_to(_x, (20000, 3, 4)), training=True))
    _measured = float(_draws.sum(axis=(1, 2)).std())
    _got = float(dropout_sum_std(_x, _rate))
    assert abs(_got - _measured) <= 0.05 * _measured, _(
        en=f"With rate={_rate} and an input drawn at grading time, dropout_sum_std gives {_got:.4g}, and the standard deviation measured over 20,000 draws is {_measured:.4g}.",
        fr=f"Avec rate={_rate} et une entrée tirée au moment de la correction, dropout_sum_std donne {_got:.4g}, et l'écart type mesuré sur 20 000 tirages vaut {_measured:.4g}.",
    )
### END HIDDEN TESTS

# %% [markdown] lang="en"
# Now the experiment: 4,000 masks drawn at once (the layer draws an independent mask value for
# every entry of a `(4000, 5, 2)` tensor). We average the draws, which should give back the
# input, then look at the sum of the 10 values of each draw.

# %% [markdown] lang="fr"
# Place à l'expérience : 4 000 masques tirés d'un coup (la couche tire un masque indépendant
# pour chaque case d'un tenseur de forme `(4000, 5, 2)`). Nous faisons la moyenne des tirages,
# qui devrait redonner l'entrée, puis regardons la somme des 10 valeurs de chaque tirage.

# %%
ct.reseed()
draws = np.asarray(
    keras.layers.Dropout(0.2, seed=0)(np.broadcast_to(data, (4000, 5, 2)), training=True)
)
print(_(en="mean over 4000 draws:", fr="moyenne sur 4000 tirages :"))
print(draws.mean(axis=0).round(2))
print(
    _(en="largest gap with the input:", fr="plus grand écart avec l'entrée :"),
    round(float(np.abs(draws.mean(axis=0) - data).max()), 4),
)
sums = draws.sum(axis=(1, 2))
print(
    _(en="sum of the input:", fr="somme de l'entrée :"),
    float(data.sum()),
    _(en="| sum per draw: mean", fr="| somme par tirage : moyenne"),
    round(float(sums.mean()), 2),
    "min",
    round(float(sums.min()), 2),
    "max",
    round(float(sums.max()), 2),
)
print(
    _(en="standard deviation of the sum: predicted", fr="écart type de la somme : prévu"),
    round(float(predicted_sum_std), 2),
    _(en="| measured", fr="| mesuré"),
    round(float(sums.std()), 2),
)

# %% [markdown] lang="en"
# The average of the 4,000 draws gives back the input to within 0.175, and the sum, 55, is
# preserved **on average** (55.04). A single draw, however, strays far from it: the sums of
# the draws range from 18.75 to 68.75, with a standard deviation of 9.77, where the theory
# predicts 9.81. Dropout adds noise; the rescaling only makes that noise centred on the right
# value.
#
# **The original scheme.** The dropout paper did it the other way round: no scaling during
# training, and at test time every unit present, with its outgoing weights multiplied by the
# keep probability $1 - r$. Both schemes give the next layer the same expected input. We check
# it with NumPy on a linear layer of weights $W$: for many random masks, we average the
# layer's output under each scheme, and compare it with what each scheme computes at test time.

# %% [markdown] lang="fr"
# La moyenne des 4 000 tirages redonne l'entrée à 0,175 près, et la somme, 55, est conservée
# **en moyenne** (55,04). Un tirage isolé peut cependant s'en écarter beaucoup : les sommes
# des tirages vont de 18,75 à 68,75, avec un écart type de 9,77, là où la théorie prévoit
# 9,81. Le dropout ajoute du bruit ; la remise à l'échelle garantit seulement que ce bruit
# est centré sur la bonne valeur.
#
# **Le schéma original.** L'article sur le dropout procédait à l'inverse : aucune remise à
# l'échelle pendant l'entraînement, puis, au moment du test, toutes les unités présentes et
# leurs poids sortants multipliés par la probabilité de conservation $1 - r$. Les deux schémas
# donnent la même entrée moyenne à la couche suivante. Vérifions-le avec NumPy sur une couche
# linéaire de poids $W$ : pour de nombreux masques aléatoires, on fait la moyenne de la sortie
# de la couche selon chaque schéma, et on la compare à ce que chaque schéma calcule au test.

# %%
rng = np.random.default_rng(0)
rate = 0.5
x = rng.normal(size=(1, 6))
W = rng.normal(size=(6, 3))
masks = rng.random((20000, 6)) >= rate  # en: True = kept # fr: True = conservée
# en: Original paper: no scaling during training, weights multiplied by 1 - rate at test time.
# fr: Article original : rien à l'entraînement, poids multipliés par 1 - rate au test.
original_training = (masks * x) @ W
original_test = x @ (W * (1 - rate))
# en: Inverted: kept values divided by 1 - rate during training, nothing to do at test time.
# fr: Inversé : valeurs conservées divisées par 1 - rate à l'entraînement, rien à faire au test.
inverted_training = (masks * x / (1 - rate)) @ W
inverted_test = x @ W
print(
    _(en="original, mean over the masks:", fr="original, moyenne sur les masques :"),
    original_training.mean(axis=0).round(3),
    _(en="| at test time:", fr="| au test :"),
    original_test[0].round(3),
)
print(
    _(en="inverted, mean over the masks:", fr="inversé, moyenne sur les masques :"),
    inverted_training.mean(axis=0).round(3),
    _(en="| at test time:", fr="| au test :"),
    inverted_test[0].round(3),
)

# %% [markdown] lang="en"
# In each line, the first vector is the average over 20,000 training-time masks and the
# second is the test-time output: they agree to within 0.015, the noise of the average.
# Keras uses **inverted** dropout, as sections 1 and 2 showed: inference is then just the
# plain network, so a saved model can be used, converted or exported without knowing
# anything about the dropout it was trained with, and changing the rate never requires
# touching the weights.

# %% [markdown] lang="fr"
# Sur chaque ligne, le premier vecteur est la moyenne sur 20 000 masques tirés à
# l'entraînement et le second est la sortie au test : ils concordent à 0,015 près, le
# bruit de la moyenne. Keras utilise le dropout **inversé**, comme l'ont montré les sections 1
# et 2 : l'inférence se réduit alors au réseau ordinaire, si bien qu'un modèle sauvegardé peut
# être utilisé, converti ou exporté sans rien savoir du dropout avec lequel il a été
# entraîné, et changer de taux n'oblige jamais à retoucher les poids.

# %% [markdown] lang="en"
# ### Exercise 2 — inverted dropout in NumPy (3 points)
#
# Write `inverted_dropout(x, rate, rng, training)` that does what `keras.layers.Dropout(rate)`
# does to a NumPy array `x`:
# - with `training=True`, each value is dropped (set to 0) with probability `rate`, and each
#   kept value is divided by `1 - rate`;
# - with `training=False`, `x` is returned unchanged.
#
# `rng` is a `np.random.Generator` (made by `np.random.default_rng(seed)`): draw all your
# random numbers from it (for example with `rng.random(x.shape)`), never from `np.random`
# directly, so that the same seed gives the same mask. `rate` is in $[0, 1)$.
#
# What the tests check, on a 250 × 400 array without zeros (`rate=0.3` in the visible tests;
# 0.1, 0.5 and 0.8, with seeds drawn at grading time, in the hidden ones):
# - the output has the shape of `x`; with `training=False` it is `x` unchanged;
# - with `training=True`, the fraction of zeros is within 0.01 of `rate`, every kept value
#   equals `x / (1 - rate)`, and (hidden) the mean of the output is within 5% of the mean
#   of `x`;
# - the same seed gives the same mask; (hidden) two different seeds give different masks,
#   and a generator that has already drawn numbers gives a new mask: draw from `rng` as it
#   stands, without re-seeding or copying it;
# - with `rate=0`, the output equals `x` (on this array, and on a small one in the hidden
#   tests).

# %% [markdown] lang="fr"
# ### Exercice 2 — le dropout inversé avec NumPy (3 points)
#
# Écrivez `inverted_dropout(x, rate, rng, training)` qui fait à un tableau NumPy `x` ce que
# `keras.layers.Dropout(rate)` fait à son entrée :
# - avec `training=True`, chaque valeur est abandonnée (mise à 0) avec la probabilité `rate`,
#   et chaque valeur conservée est divisée par `1 - rate` ;
# - avec `training=False`, `x` est renvoyé inchangé.
#
# `rng` est un `np.random.Generator` (créé par `np.random.default_rng(graine)`) : tirez-y
# tous vos nombres aléatoires (par exemple avec `rng.random(x.shape)`), jamais directement
# dans `np.random`, afin que la même graine donne le même masque. `rate` est dans $[0, 1)$.
#
# Ce que vérifient les tests, sur un tableau 250 × 400 sans zéro (`rate=0.3` dans les tests
# visibles ; 0,1, 0,5 et 0,8, avec des graines tirées au moment de la correction, dans les
# tests cachés) :
# - la sortie a la forme de `x` ; avec `training=False`, c'est `x` inchangé ;
# - avec `training=True`, la fraction de zéros est à moins de 0,01 de `rate`, chaque valeur
#   conservée vaut `x / (1 - rate)` et (tests cachés) la moyenne de la sortie est à moins de
#   5 % de celle de `x` ;
# - la même graine donne le même masque ; (tests cachés) deux graines différentes donnent des
#   masques différents, et un générateur qui a déjà tiré des nombres donne un nouveau masque :
#   tirez dans `rng` tel qu'il est, sans le réinitialiser ni le copier ;
# - avec `rate=0`, la sortie est égale à `x` (sur ce tableau, et sur un petit tableau dans les
#   tests cachés).


# %% nbgrader="solution" grade_id="inverted_dropout"
def inverted_dropout(x, rate, rng, training):
    ### BEGIN SOLUTION
    x = np.asarray(x)
    if not training or rate == 0:
        return x
    keep = rng.random(x.shape) >= rate
    return np.where(keep, x / (1 - rate), 0.0)
    ### END SOLUTION


# %% nbgrader="tests" grade_id="inverted_dropout_tests" points=3
# en: Visible tests: run this cell to check your function.
# fr: Tests visibles : exécutez cette cellule pour vérifier votre fonction.
# en: No zero in the input, so that every 0 of the output is a dropped value.
# fr: Aucun zéro dans l'entrée : chaque 0 de la sortie est une valeur abandonnée.
_x = np.arange(1, 100_001, dtype="float64").reshape(250, 400)
_rate = 0.3
_out = np.asarray(inverted_dropout(_x, _rate, np.random.default_rng(0), training=False))
assert _out.shape == _x.shape, _(
    en=f"The output must have the input's shape {_x.shape}, not {_out.shape}.",
    fr=f"La sortie doit avoir la forme de l'entrée {_x.shape}, et non {_out.shape}.",
)
if np.allclose(_out, _x * (1 - _rate)):
    raise AssertionError(
        _(
            en="With training=False you multiplied by 1 - rate: that is the original paper's scheme. Inverted dropout divides the kept values by 1 - rate during training and returns x unchanged at inference.",
            fr="Avec training=False, vous avez multiplié par 1 - rate : c'est le schéma de l'article original. Le dropout inversé divise les valeurs conservées par 1 - rate pendant l'entraînement et renvoie x inchangé en inférence.",
        )
    )
assert np.array_equal(_out, _x), _(
    en="Dropout does nothing at inference: with training=False, return x unchanged.",
    fr="Le dropout ne fait rien en inférence : avec training=False, renvoyez x inchangé.",
)
_out = np.asarray(inverted_dropout(_x, _rate, np.random.default_rng(0), training=True))
assert _out.shape == _x.shape, _(
    en=f"The output must have the input's shape {_x.shape}, not {_out.shape}.",
    fr=f"La sortie doit avoir la forme de l'entrée {_x.shape}, et non {_out.shape}.",
)
_again = np.asarray(inverted_dropout(_x, _rate, np.random.default_rng(0), training=True))
assert np.array_equal(_out, _again), _(
    en="The same seed must give the same mask: draw your random numbers from the rng argument, not from np.random.",
    fr="La même graine doit donner le même masque : tirez vos nombres aléatoires dans l'argument rng, pas dans np.random.",
)
_dropped = float((_out == 0).mean())
if abs(_dropped - (1 - _rate)) < 0.01:
    raise AssertionError(
        _(
            en=f"You dropped {_dropped:.1%} of the values with rate={_rate}: rate is the fraction DROPPED, not kept. Keep each value with probability 1 - rate.",
            fr=f"Vous avez abandonné {_dropped:.1%} des valeurs avec rate={_rate} : rate est la fraction ABANDONNÉE, pas conservée. Gardez chaque valeur avec la probabilité 1 - rate.",
        )
    )
assert abs(_dropped - _rate) < 0.01, _(
    en=f"With rate={_rate}, about {_rate:.0%} of the values should be 0; you have {_dropped:.1%}.",
    fr=f"Avec rate={_rate}, environ {_rate:.0%} des valeurs devraient valoir 0 ; vous en avez {_dropped:.1%}.",
)
_kept = _out != 0
if np.allclose(_out[_kept], _x[_kept]):
    raise AssertionError(
        _(
            en="The kept values are unchanged: kept values must be divided by 1 - rate, so that the expected value of each unit stays the same.",
            fr="Les valeurs conservées sont inchangées : elles doivent être divisées par 1 - rate, pour que l'espérance de chaque unité reste la même.",
        )
    )
if np.allclose(_out[_kept], _x[_kept] * (1 - _rate)):
    raise AssertionError(
        _(
            en="You multiplied the kept values by 1 - rate: divide them by 1 - rate instead.",
            fr="Vous avez multiplié les valeurs conservées par 1 - rate : divisez-les plutôt par 1 - rate.",
        )
    )
assert np.allclose(_out[_kept], _x[_kept] / (1 - _rate)), _(
    en="Each kept value must equal x / (1 - rate).",
    fr="Chaque valeur conservée doit valoir x / (1 - rate).",
)
_out = np.asarray(inverted_dropout(_x, 0.0, np.random.default_rng(1), training=True))
assert np.array_equal(_out, _x), _(
    en="With rate=0, nothing is dropped: the output must equal x.",
    fr="Avec rate=0, rien n'est abandonné : la sortie doit être égale à x.",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
# en: Seeds drawn at grading time: a function cannot have stored the masks of these draws.
# fr: Graines tirées au moment de la correction : une fonction ne peut pas avoir mémorisé
# fr: les masques de ces tirages.
_seeds = [ct.fresh_seed() for _ in range(4)]
for _rate in (0.1, 0.5, 0.8):
    for _seed in _seeds[:2]:
        _out = np.asarray(inverted_dropout(_x, _rate, np.random.default_rng(_seed), True))
        _kept = _out != 0
        assert abs((~_kept).mean() - _rate) < 0.01, _(
            en=f"With rate={_rate}, {(~_kept).mean():.1%} of the values are 0 instead of about {_rate:.0%}.",
            fr=f"Avec rate={_rate}, {(~_kept).mean():.1%} des valeurs valent 0 au lieu d'environ {_rate:.0%}.",
        )
        assert np.allclose(_out[_kept], _x[_kept] / (1 - _rate)), _(
            en=f"With rate={_rate}, some kept values differ from x / (1 - rate).",
            fr=f"Avec rate={_rate}, des valeurs conservées diffèrent de x / (1 - rate).",
        )
        assert abs(_out.mean() / _x.mean() - 1) < 0.05, _(
            en=f"With rate={_rate}, the mean of the output is not within 5% of the mean of x.",
            fr=f"Avec rate={_rate}, la moyenne de la sortie n'est pas à moins de 5 % de celle de x.",
        )
        assert np.array_equal(
            np.asarray(inverted_dropout(_x, _rate, np.random.default_rng(_seed), False)), _x
        ), _(
            en=f"With rate={_rate} and training=False, x must be returned unchanged.",
            fr=f"Avec rate={_rate} et training=False, x doit être renvoyé inchangé.",
        )
_a = np.asarray(inverted_dropout(_x, 0.5, np.random.default_rng(_seeds[2]), True))
_b = np.asarray(inverted_dropout(_x, 0.5, np.random.default_rng(_seeds[3]), True))
assert not np.array_equal(_a != 0, _b != 0), _(
    en="Two different seeds gave the same mask: draw the mask from rng.",
    fr="Deux graines différentes ont donné le même masque : tirez le masque dans rng.",
)
_small = np.array([[1.0, -2.0, 3.0]])
assert np.array_equal(
    np.asarray(inverted_dropout(_small, 0.0, np.random.default_rng(0), True)), _small
), _(
    en="With rate=0, a small array must be returned unchanged.",
    fr="Avec rate=0, un petit tableau doit être renvoyé inchangé.",
)
_gen = np.random.default_rng(_seeds[2])
_gen.random(10)  # en: the same generator, further on # fr: le même générateur, plus loin
_c = np.asarray(inverted_dropout(_x, 0.5, _gen, True))
assert not np.array_equal(_a != 0, _c != 0), _(
    en="A generator that had already drawn numbers gave the mask of a new one: draw from rng as it stands, without re-seeding or copying it.",
    fr="Un générateur qui avait déjà tiré des nombres a donné le masque d'un générateur neuf : tirez dans rng tel qu'il est, sans le réinitialiser ni le copier.",
)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## 4. Dropout inside a model: `fit` drops, `predict` and `evaluate` do not
#
# With `fit`, `predict` and `evaluate` you do not pass `training` yourself: `fit` calls the
# model with `training=True` (Keras 3.15's `train_step`), while `predict`, `evaluate` and a
# plain call `model(x)` use `training=False`. To see it, we build a model whose only weights
# are an identity matrix (so without dropout it returns its input exactly), and "train" it
# with a learning rate of 0 so that the weights never change.

# %% [markdown] lang="fr"
# ## 4. Le dropout dans un modèle : `fit` abandonne, `predict` et `evaluate` non
#
# Avec `fit`, `predict` et `evaluate`, on ne passe pas `training` soi-même : `fit` appelle le
# modèle avec `training=True` (le `train_step` de Keras 3.15), tandis que `predict`,
# `evaluate` et un simple appel `model(x)` utilisent `training=False`. Pour le voir, nous
# construisons un modèle dont les seuls poids forment une matrice identité (sans dropout, il
# renvoie donc exactement son entrée) et nous l'« entraînons » avec un taux d'apprentissage
# nul, pour que ses poids ne changent jamais.

# %%
ct.reseed()
identity_model = keras.Sequential(
    [
        keras.Input((2,)),
        keras.layers.Dropout(0.2, seed=0),
        keras.layers.Dense(2, kernel_initializer="identity", use_bias=False),
    ]
)
identity_model.compile(keras.optimizers.SGD(learning_rate=0.0), loss="mse")
print(
    _(en="predict returns the input:", fr="predict renvoie l'entrée :"),
    bool(np.array_equal(identity_model.predict(data, verbose=0), data)),
)
print(
    _(en="evaluate, loss:", fr="evaluate, perte :"),
    round(identity_model.evaluate(data, data, verbose=0), 4),
)
history = identity_model.fit(data, data, epochs=3, batch_size=5, verbose=0)
print(
    _(en="fit, loss of each epoch:", fr="fit, perte de chaque époque :"),
    [round(v, 4) for v in history.history["loss"]],
)
print(
    _(en="evaluate after fit, loss:", fr="evaluate après fit, perte :"),
    round(identity_model.evaluate(data, data, verbose=0), 4),
)

# %% [markdown] lang="en"
# `evaluate` reports a loss of exactly 0 before and after `fit`: the weights did not change,
# and dropout is off. During `fit`, the same model has a positive loss that changes from epoch
# to epoch, because dropout is on and draws new masks. Remember this when you read learning
# curves: with dropout, the **training loss** that `fit` reports is measured on the noisy,
# thinned network, while the **validation loss** is measured on the full network. A training
# loss *above* the validation loss is then normal, and is no sign of a bug.

# %% [markdown] lang="fr"
# `evaluate` donne une perte exactement nulle avant comme après `fit` : les poids n'ont pas
# changé et le dropout est inactif. Pendant `fit`, le même modèle a une perte positive qui
# change d'une époque à l'autre, car le dropout est actif et tire de nouveaux masques. Retenez
# cela en lisant des courbes d'apprentissage : avec du dropout, la **perte d'entraînement**
# affichée par `fit` est mesurée sur le réseau aminci et bruité, tandis que la **perte de
# validation** est mesurée sur le réseau complet. Une perte d'entraînement *supérieure* à la
# perte de validation est alors normale, et ne signale aucun bogue.


# %% [markdown] lang="en"
# ## 5. The effect on learning curves
#
# We come back to lesson 1's overfitting setting: the *diabetes* data (bundled with
# scikit-learn), only 120 patients for training and 322 for validation, and an
# over-parameterised network with two hidden layers of 128 units. We train it twice with the
# same initial weights, the same optimizer and the same number of epochs: once as it is, and
# once with a `Dropout(0.5)` after each hidden layer.

# %% [markdown] lang="fr"
# ## 5. L'effet sur les courbes d'apprentissage
#
# Revenons au cadre de surapprentissage de la leçon 1 : les données *diabetes* (fournies avec
# scikit-learn), seulement 120 patients pour l'entraînement et 322 pour la validation, et un
# réseau surdimensionné à deux couches cachées de 128 unités. Nous l'entraînons deux fois,
# avec les mêmes poids initiaux, le même optimiseur et le même nombre d'époques : une fois
# tel quel, et une fois avec un `Dropout(0.5)` après chaque couche cachée.

# %%
features, target = load_diabetes(return_X_y=True)
features = ((features - features.mean(axis=0)) / features.std(axis=0)).astype("float32")
target = ((target - target.mean()) / target.std()).astype("float32")
order = np.random.default_rng(0).permutation(len(features))
x_train, y_train = features[order[:120]], target[order[:120]]
x_val, y_val = features[order[120:]], target[order[120:]]


def train(rate, epochs=30):
    ct.reseed()
    layers = [keras.Input((10,))]
    for units in (128, 128):
        layers.append(keras.layers.Dense(units, activation="relu"))
        if rate > 0:
            layers.append(keras.layers.Dropout(rate))
    model = keras.Sequential(layers + [keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(0.01), loss="mse")
    history = model.fit(
        x_train, y_train, validation_data=(x_val, y_val), epochs=epochs, batch_size=60, verbose=0
    )
    return model, history


plain_model, plain_history = train(rate=0.0)
dropout_model, dropout_history = train(rate=0.5)
histories = {
    _(en="no dropout", fr="sans dropout"): plain_history,
    _(en="dropout 0.5", fr="dropout 0,5"): dropout_history,
}
print(
    _(en="training / validation patients:", fr="patients d'entraînement / de validation :"),
    len(x_train),
    "/",
    len(x_val),
    _(en="| parameters:", fr="| paramètres :"),
    plain_model.count_params(),
    "/",
    dropout_model.count_params(),
)
for name, history in histories.items():
    print(f"{name:>12}:", ct.summarize(history))

# %%
# alt en: Loss against epoch, 1 to 30: blue with circles without dropout, orange with squares
# alt en: with dropout 0.5; dashed lines for training, solid lines for validation, stars at
# alt en: the lowest validation loss. Without dropout the training loss falls to 0.022 and the
# alt en: validation loss climbs from its minimum, 0.526 at epoch 5, to 1.056; with dropout
# alt en: the training loss stays noisy and ends at 0.442, and the validation loss ends at
# alt en: 0.567, near its minimum, 0.524 at epoch 7.
# alt fr: Perte en fonction de l'époque, de 1 à 30 : en bleu avec des cercles sans dropout, en
# alt fr: orange avec des carrés avec un dropout de 0,5 ; tirets pour l'entraînement, traits
# alt fr: pleins pour la validation, étoiles à la perte de validation minimale. Sans dropout,
# alt fr: la perte d'entraînement tombe à 0,022 et la perte de validation remonte de son
# alt fr: minimum, 0,526 à l'époque 5, jusqu'à 1,056 ; avec dropout, la perte d'entraînement
# alt fr: reste bruitée et finit à 0,442, et la perte de validation finit à 0,567, près de son
# alt fr: minimum, 0,524 à l'époque 7.
fig, ax = plt.subplots()
for (name, history), color, marker in zip(histories.items(), ("C0", "C1"), ("o", "s"), strict=True):
    h = history.history
    epochs = np.arange(1, len(h["loss"]) + 1)
    for key, style, part in (("loss", "--", ct.msg("train")), ("val_loss", "-", ct.msg("val"))):
        ax.plot(
            epochs,
            h[key],
            linestyle=style,
            marker=marker,
            markevery=5,
            color=color,
            label=f"{name} ({part})",
        )
    best = int(np.argmin(h["val_loss"]))
    ax.plot(epochs[best], h["val_loss"][best], marker="*", markersize=14, color=color)
ax.set_xlabel(ct.msg("epoch"))
ax.set_ylabel(ct.msg("loss"))
ax.set_title(
    _(
        en="Diabetes, 2 × 128 units: without and with dropout",
        fr="Diabetes, 2 × 128 unités : sans et avec dropout",
    )
)
ax.legend(fontsize="small")
plt.show()

# %% [markdown] lang="en"
# How to read the figure (dashed: training, solid: validation; circles: without dropout,
# squares: with dropout; star: lowest validation loss):
# - **Without dropout**, the training loss falls to 0.022, and the validation loss reaches
#   its minimum, 0.526, at epoch 5, then climbs to 1.056 at epoch 30: the network memorizes
#   the noise.
# - **With dropout**, the training loss stays far from 0 (0.442 at epoch 30) and is noisy: it
#   is measured on thinned networks, with new masks at every step. The validation loss rises
#   much less, from its minimum, 0.524 at epoch 7, to 0.567. The network cannot memorize
#   120 examples when half of its units vanish at random at every step.
# - The two **lowest** validation losses are close, 0.526 and 0.524: dropout does not find a
#   better model here, it makes the good one *stay* good.

# %% [markdown] lang="fr"
# Comment lire la figure (tirets : entraînement, trait plein : validation ; cercles : sans
# dropout, carrés : avec dropout ; étoile : perte de validation minimale) :
# - **Sans dropout**, la perte d'entraînement tombe à 0,022, et la perte de validation
#   atteint son minimum, 0,526, à l'époque 5, puis remonte jusqu'à 1,056 à l'époque 30 : le
#   réseau mémorise le bruit.
# - **Avec dropout**, la perte d'entraînement reste loin de 0 (0,442 à l'époque 30) et elle
#   est bruitée : elle est mesurée sur des réseaux amincis, avec de nouveaux masques à chaque
#   pas. La perte de validation remonte beaucoup moins, de son minimum, 0,524 à l'époque 7,
#   à 0,567. Le réseau ne peut pas mémoriser 120 exemples quand la moitié de ses unités
#   disparaît au hasard à chaque pas.
# - Les deux pertes de validation **minimales** sont proches, 0,526 et 0,524 : ici, le
#   dropout ne trouve pas un meilleur modèle, il fait en sorte que le bon modèle le *reste*.

# %%
print(
    f"{_(en='model', fr='modèle'):>12} | {_(en='train', fr='entr.'):>6} | "
    f"{_(en='val.', fr='val.'):>6} | {_(en='gap', fr='écart'):>6}"
)
for name, history in histories.items():
    train_loss, val_loss = history.history["loss"][-1], history.history["val_loss"][-1]
    print(f"{name:>12} | {train_loss:6.3f} | {val_loss:6.3f} | {val_loss - train_loss:6.3f}")

# %% [markdown] lang="en"
# At the last epoch, the gap between the validation and the training loss is 1.034 without
# dropout and 0.125 with it: this gap is what dropout shrinks.

# %% [markdown] lang="fr"
# À la dernière époque, l'écart entre la perte de validation et la perte d'entraînement vaut
# 1,034 sans dropout et 0,125 avec : c'est cet écart que le dropout réduit.

# %% [markdown] lang="en"
# ## 6. The ensemble view, and Monte Carlo dropout
#
# Each dropout mask selects a **thinned sub-network**: the units that survive, with their
# weights. Our network has 256 hidden units, so it contains $2^{256}$ sub-networks, and each
# training step trains one of them per example of the batch (60 per step here), all
# **sharing** the same weights. Training with dropout is thus training a gigantic ensemble of
# networks at the cost of one, and an ensemble usually generalizes better than its members,
# because their errors partly cancel out.
#
# At inference, we would like the average prediction of the whole ensemble. Averaging
# $2^{256}$ networks is impossible, but running the full network with the rescaled values is a
# cheap approximation of it: for a linear network it is **exactly** the average (section 3),
# and with nonlinear activations it is an approximation. (The *Deep Learning* book of
# Goodfellow, Bengio and Courville calls this the *weight scaling inference rule*.)
#
# **Monte Carlo dropout** (Gal and Ghahramani, 2016) takes the ensemble view literally: keep
# dropout **on** at inference, run the same input through the network $n$ times (each pass
# uses a different random sub-network), and average. The average is a second approximation of
# the ensemble's prediction, and the **spread** of the $n$ predictions (their standard
# deviation) tells how much the sub-networks disagree: a rough measure of how unsure the
# network is.

# %% [markdown] lang="fr"
# ## 6. Le point de vue de l'ensemble, et le dropout Monte-Carlo
#
# Chaque masque de dropout sélectionne un **sous-réseau aminci** : les unités qui survivent,
# avec leurs poids. Notre réseau a 256 unités cachées : il contient donc $2^{256}$
# sous-réseaux, et chaque pas d'entraînement en entraîne un par exemple du lot (60 par pas
# ici) ; tous **partagent** les mêmes poids. Entraîner avec du dropout
# revient ainsi à entraîner un gigantesque ensemble de réseaux pour le prix d'un seul ; or un
# ensemble généralise le plus souvent mieux que ses membres, car leurs erreurs se compensent en
# partie.
#
# En inférence, on voudrait la prédiction moyenne de tout l'ensemble. Moyenner $2^{256}$
# réseaux est impossible, mais faire passer l'entrée dans le réseau complet, avec les valeurs
# remises à l'échelle, en est une approximation bon marché : pour un réseau linéaire, c'est
# **exactement** la moyenne (section 3), et avec des activations non linéaires, c'en est une
# approximation. (Le livre *Deep Learning* de Goodfellow, Bengio et Courville l'appelle la
# *règle d'inférence par mise à l'échelle des poids*, *weight scaling inference rule*.)
#
# Le **dropout Monte-Carlo** (Gal et Ghahramani, 2016) prend ce point de vue au pied de la
# lettre : on laisse le dropout **actif** en inférence, on fait passer la même entrée $n$ fois
# dans le réseau (chaque passage utilise un sous-réseau aléatoire différent) et on fait la
# moyenne. Cette moyenne est une seconde approximation de la prédiction de l'ensemble, et la
# **dispersion** des $n$ prédictions (leur écart type) indique à quel point les sous-réseaux
# sont en désaccord : une mesure grossière de l'incertitude du réseau.

# %% [markdown] lang="en"
# ### Exercise 3 — Monte Carlo dropout (2 points)
#
# Write `mc_dropout_predict(model, x, n)`, which runs the Keras model `n` times on the batch
# `x` **with dropout active**, and returns two NumPy arrays `(mean, std)`: the mean and the
# standard deviation of the `n` predictions, computed separately for every example and every
# output, so that both have the shape of one prediction, `(batch, outputs)`. Section 4 says
# which ways of running a model leave dropout off.
#
# What the tests check. The models are linear (a `Dropout` layer, then a `Dense` layer), so
# the average over all masks is exactly the output without dropout; the tests measure the
# standard deviation of one pass over 20,000 passes of their own.
# - Visible (8 inputs, 5 examples, `Dropout(0.3)`, `Dense(1)`, `n=200`): both arrays have
#   the shape `(5, 1)`; the passes differ (dropout was on); the mean is within 6 standard
#   errors ($\text{sd}/\sqrt{n}$) of the output without dropout; `std` is within 30% of the
#   measured standard deviation of one pass.
# - Hidden (a model and inputs drawn at grading time: 6 inputs, 7 examples, `Dropout(0.5)`,
#   `Dense(3)`): the same with `n=100` and 35%; and with `n=5`, the mean has the shape
#   `(7, 3)` and differs from the output without dropout.

# %% [markdown] lang="fr"
# ### Exercice 3 — le dropout Monte-Carlo (2 points)
#
# Écrivez `mc_dropout_predict(model, x, n)`, qui fait passer `n` fois le lot `x` dans le
# modèle Keras **avec le dropout actif**, et renvoie deux tableaux NumPy `(mean, std)` : la
# moyenne et l'écart type des `n` prédictions, calculés séparément pour chaque exemple et
# chaque sortie, de sorte que les deux ont la forme d'une prédiction, `(lot, sorties)`. La
# section 4 dit quelles façons d'exécuter un modèle laissent le dropout inactif.
#
# Ce que vérifient les tests. Les modèles sont linéaires (une couche `Dropout`, puis une
# couche `Dense`) : la moyenne sur tous les masques est donc exactement la sortie sans
# dropout ; les tests mesurent l'écart type d'un passage sur 20 000 passages à eux.
# - Tests visibles (8 entrées, 5 exemples, `Dropout(0.3)`, `Dense(1)`, `n=200`) : les deux
#   tableaux ont la forme `(5, 1)` ; les passages diffèrent (le dropout était actif) ; la
#   moyenne est à moins de 6 erreurs types ($\text{sd}/\sqrt{n}$) de la sortie sans dropout ;
#   `std` est à moins de 30 % de l'écart type mesuré d'un passage.
# - Tests cachés (un modèle et des entrées tirés au moment de la correction : 6 entrées,
#   7 exemples, `Dropout(0.5)`, `Dense(3)`) : la même chose avec `n=100` et 35 % ; et avec
#   `n=5`, la moyenne a la forme `(7, 3)` et diffère de la sortie sans dropout.


# %% nbgrader="solution" grade_id="mc_dropout_predict"
def mc_dropout_predict(model, x, n):
    ### BEGIN SOLUTION
    passes = np.stack([np.asarray(model(x, training=True)) for _ in range(n)])
    return passes.mean(axis=0), passes.std(axis=0)
    ### END SOLUTION


# %% nbgrader="tests" grade_id="mc_dropout_predict_tests" points=2
# en: Visible tests: a linear model, whose exact average over all masks is its output
# en: without dropout.
# fr: Tests visibles : un modèle linéaire, dont la moyenne exacte sur tous les masques est sa
# fr: sortie sans dropout.
ct.reseed()
_linear = keras.Sequential([keras.Input((8,)), keras.layers.Dropout(0.3), keras.layers.Dense(1)])
_x = np.random.default_rng(3).normal(size=(5, 8)).astype("float32")
_deterministic = np.asarray(_linear(_x, training=False))
# en: The standard deviation of one pass, measured over 20,000 passes.
# fr: L'écart type d'un passage, mesuré sur 20 000 passages.
_sd = np.asarray(_linear(np.tile(_x, (20000, 1)), training=True)).reshape(20000, 5, 1).std(axis=0)
_n = 200
_mean, _std = (np.asarray(a) for a in mc_dropout_predict(_linear, _x, _n))
assert _mean.shape == (5, 1) and _std.shape == (5, 1), _(
    en=f"mean and std must have one row per example, shape (5, 1); you returned {_mean.shape} and {_std.shape}. Average over the n passes, not over the examples.",
    fr=f"mean et std doivent avoir une ligne par exemple, forme (5, 1) ; vous avez renvoyé {_mean.shape} et {_std.shape}. Faites la moyenne sur les n passages, pas sur les exemples.",
)
if np.all(_std < 1e-5) and np.allclose(_mean, _deterministic, atol=1e-5):
    raise AssertionError(
        _(
            en="All passes gave the output without dropout: dropout was off. model(x) and model.predict(x) run in inference mode.",
            fr="Tous les passages ont donné la sortie sans dropout : le dropout était inactif. model(x) et model.predict(x) tournent en mode inférence.",
        )
    )
assert not np.all(_std < 1e-5), _(
    en="The standard deviation is 0 although dropout makes the passes differ: compute it over the n passes.",
    fr="L'écart type est nul alors que le dropout rend les passages différents : calculez-le sur les n passages.",
)
assert np.all(np.abs(_mean - _deterministic) < 6 * _sd / np.sqrt(_n)), _(
    en="For this linear model, the mean of many passes should approach the output without dropout, and yours is too far from it: return the average of all n passes, not one pass.",
    fr="Pour ce modèle linéaire, la moyenne de nombreux passages devrait approcher la sortie sans dropout, et la vôtre en est trop loin : renvoyez la moyenne des n passages, pas un seul passage.",
)
if np.allclose(_std, _sd**2, rtol=0.3) and not np.allclose(_std, _sd, rtol=0.3):
    raise AssertionError(
        _(
            en="You returned the variance: return the standard deviation, its square root.",
            fr="Vous avez renvoyé la variance : renvoyez l'écart type, sa racine carrée.",
        )
    )
assert np.allclose(_std, _sd, rtol=0.3), _(
    en="Your std is not the standard deviation of the n predictions.",
    fr="Votre std n'est pas l'écart type des n prédictions.",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
# en: Weights and inputs drawn at grading time.
# fr: Poids et entrées tirés au moment de la correction.
ct.reseed(ct.fresh_seed())
_multi = keras.Sequential([keras.Input((6,)), keras.layers.Dropout(0.5), keras.layers.Dense(3)])
_x = np.random.default_rng(ct.fresh_seed()).normal(size=(7, 6)).astype("float32")
_deterministic = np.asarray(_multi(_x, training=False))
_sd = np.asarray(_multi(np.tile(_x, (20000, 1)), training=True)).reshape(20000, 7, 3).std(axis=0)
_mean, _std = (np.asarray(a) for a in mc_dropout_predict(_multi, _x, 100))
assert _mean.shape == (7, 3) and _std.shape == (7, 3), _(
    en=f"With 7 examples and 3 outputs, mean and std must have the shape (7, 3); you returned {_mean.shape} and {_std.shape}.",
    fr=f"Avec 7 exemples et 3 sorties, mean et std doivent avoir la forme (7, 3) ; vous avez renvoyé {_mean.shape} et {_std.shape}.",
)
assert np.all(np.abs(_mean - _deterministic) < 6 * _sd / np.sqrt(100)), _(
    en="On a model drawn at grading time, the mean of 100 passes is more than 6 standard errors from the output without dropout.",
    fr="Sur un modèle tiré au moment de la correction, la moyenne de 100 passages est à plus de 6 erreurs types de la sortie sans dropout.",
)
assert np.allclose(_std, _sd, rtol=0.35), _(
    en="On a model drawn at grading time, std is not within 35% of the standard deviation of one pass.",
    fr="Sur un modèle tiré au moment de la correction, std n'est pas à moins de 35 % de l'écart type d'un passage.",
)
_mean5, _std5 = (np.asarray(a) for a in mc_dropout_predict(_multi, _x, 5))
assert _mean5.shape == (7, 3) and not np.allclose(_mean5, _deterministic, atol=1e-5), _(
    en="With n=5, the mean must have the shape (7, 3) and differ from the output without dropout.",
    fr="Avec n=5, la moyenne doit avoir la forme (7, 3) et différer de la sortie sans dropout.",
)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# Let us apply your function to the network trained with dropout in section 5, with 50
# passes over the 322 validation patients. (We first rebuild the model from its weights after
# `ct.reseed()`, so that the random masks, and thus the numbers below, are the same however
# often the cell runs.) We compare the validation loss of the usual prediction (dropout off)
# with that of the Monte Carlo average, and look at the spread for the first five patients.

# %% [markdown] lang="fr"
# Appliquons votre fonction au réseau entraîné avec du dropout dans la section 5, avec
# 50 passages sur les 322 patients de validation. (Nous reconstruisons d'abord le modèle à
# partir de ses poids après `ct.reseed()`, pour que les masques aléatoires, et donc les
# nombres ci-dessous, soient les mêmes à chaque exécution de la cellule.) Nous comparons la
# perte de validation de la prédiction habituelle (dropout inactif) à celle de la moyenne
# Monte-Carlo, et regardons la dispersion pour les cinq premiers patients.

# %%
ct.reseed()
mc_model = keras.models.clone_model(dropout_model)
mc_model.set_weights(dropout_model.get_weights())
usual = np.asarray(mc_model(x_val))[:, 0]
mc_mean, mc_std = mc_dropout_predict(mc_model, x_val, 50)
mc_mean, mc_std = np.asarray(mc_mean)[:, 0], np.asarray(mc_std)[:, 0]
print(
    _(en="validation loss, dropout off:     ", fr="perte de validation, dropout inactif :"),
    round(float(np.mean((usual - y_val) ** 2)), 4),
)
print(
    _(en="validation loss, MC average (50): ", fr="perte de validation, moyenne MC (50) :  "),
    round(float(np.mean((mc_mean - y_val) ** 2)), 4),
)
print(
    _(en="mean |usual - MC average|:", fr="moyenne de |habituelle - moyenne MC| :"),
    round(float(np.abs(usual - mc_mean).mean()), 4),
)
print(
    _(
        en="patient | target | usual | MC mean | MC std",
        fr="patient | cible | habit. | moy. MC | é. t. MC",
    )
)
for i in range(5):
    print(f"{i:7d} | {y_val[i]:6.3f} | {usual[i]:6.3f} | {mc_mean[i]:7.3f} | {mc_std[i]:6.3f}")

# %% [markdown] lang="en"
# The Monte Carlo average and the usual prediction are close (0.0708 apart on average over the
# 322 patients), as the ensemble view predicts: both approximate the average of the
# sub-networks. They are not equal, because the network is not linear; here the Monte Carlo
# average has the slightly lower validation loss, 0.5556 against 0.567. The standard
# deviations, from 0.174 to 0.356 for these five patients, show how much the sub-networks
# disagree (the targets are standardized: 0.25 is a quarter of a standard deviation of the
# disease progression). For four of the five patients they are smaller than the error of the
# Monte Carlo mean: Monte Carlo dropout measures how unsure the *model* is, not the noise in
# the targets, which no model can predict. It costs $n$ forward passes per prediction, while
# Keras' default inference runs the network once, with dropout off.

# %% [markdown] lang="fr"
# La moyenne Monte-Carlo et la prédiction habituelle sont proches (0,0708 d'écart en moyenne
# sur les 322 patients), comme le prévoit le point de vue de l'ensemble : toutes deux
# approchent la moyenne des sous-réseaux. Elles ne sont pas égales, car le réseau n'est pas
# linéaire ; ici, la moyenne Monte-Carlo a une perte de validation légèrement plus basse,
# 0,5556 contre 0,567. Les écarts types, de 0,174 à 0,356 pour ces cinq patients, montrent à
# quel point les sous-réseaux sont en désaccord (les cibles sont standardisées : 0,25
# représente un quart d'écart type de la progression de la maladie). Pour quatre des cinq
# patients, ils sont plus petits que l'erreur de la moyenne Monte-Carlo : le dropout
# Monte-Carlo mesure l'incertitude du *modèle*, pas le bruit des cibles, qu'aucun modèle ne
# peut prédire. Il coûte $n$ propagations avant par prédiction, alors que l'inférence par
# défaut de Keras fait un seul passage, dropout inactif.

# %% [markdown] lang="en"
# ## 7. A bug hunt: dropout left on at inference
#
# A colleague must serve the network of section 5 on a machine without Keras. They copied
# its weights (`get_weights()` gives, in order, the kernel and the bias of each `Dense`
# layer) and rewrote its forward pass in NumPy, as below. They are proud of one detail: "I
# even fixed the seed, so the predictions are reproducible." Run the cell and compare with
# Keras.

# %% [markdown] lang="fr"
# ## 7. Chasse au bogue : un dropout resté actif en inférence
#
# Une collègue doit faire tourner le réseau de la section 5 sur une machine sans Keras. Elle
# a copié ses poids (`get_weights()` donne, dans l'ordre, le noyau puis le biais de chaque
# couche `Dense`) et réécrit sa propagation avant avec NumPy, comme ci-dessous. Elle est fière
# d'un détail : « J'ai même fixé la graine, les prédictions sont donc reproductibles. »
# Exécutez la cellule et comparez avec Keras.


# %%
def deployed_predict(weights, x, rate=0.5, seed=0):
    """en: The colleague's NumPy version of the network of section 5.

    fr: La version NumPy du réseau de la section 5 écrite par la collègue.
    """
    rng = np.random.default_rng(seed)
    kernel1, bias1, kernel2, bias2, kernel3, bias3 = weights
    hidden = np.maximum(x @ kernel1 + bias1, 0)
    hidden = np.where(rng.random(hidden.shape) < rate, 0.0, hidden / (1 - rate))
    hidden = np.maximum(hidden @ kernel2 + bias2, 0)
    hidden = np.where(rng.random(hidden.shape) < rate, 0.0, hidden / (1 - rate))
    return hidden @ kernel3 + bias3


weights = dropout_model.get_weights()
print(_(en="shapes of the weights:", fr="formes des poids :"), [w.shape for w in weights])
print(
    _(en="validation loss, Keras evaluate:  ", fr="perte de validation, evaluate de Keras :"),
    round(dropout_model.evaluate(x_val, y_val, verbose=0), 4),
)
print(
    _(en="validation loss, deployed_predict:", fr="perte de validation, deployed_predict :  "),
    round(float(np.mean((deployed_predict(weights, x_val)[:, 0] - y_val) ** 2)), 4),
)
print(
    _(en="patient 0, two calls:", fr="patient 0, deux appels :"),
    [round(float(deployed_predict(weights, x_val[:1])[0, 0]), 4) for _ in range(2)],
)
print(
    _(en="patient 0, three times in one batch:", fr="patient 0, trois fois dans un même lot :"),
    deployed_predict(weights, np.repeat(x_val[:1], 3, axis=0))[:, 0].round(4),
)
print(
    _(en="patient 0, Keras:", fr="patient 0, Keras :"),
    round(float(np.asarray(dropout_model(x_val[:1]))[0, 0]), 4),
)

# %% [markdown] lang="en"
# The symptoms. The validation loss of the NumPy version is 0.6551, where Keras' `evaluate`
# gives 0.567. Called twice on patient 0, it does give the same number twice, -1.5253, as the
# colleague says; but Keras predicts -0.7186 for that patient, and the same patient placed
# three times in one batch gets three different predictions, -1.4762, -0.8731 and -1.0121,
# none of them the prediction made for the patient alone.
#
# ### Exercise 4 — find the bug and fix it (2 points)
#
# Find the cause of these symptoms, then write in the cell below a corrected
# `deployed_predict`. Keep its arguments: the callers pass `rate` and `seed`, and your version
# may ignore them. Its predictions must be those of Keras at inference,
# `model(x, training=False)`.
#
# What the tests check:
# - visible, on a small network of the same form (4 inputs, two hidden layers of 8 units,
#   random biases, `Dropout(0.5)`), called with `rate=0.5`: the predictions have the shape
#   `(examples, 1)`; they do not change (by more than $10^{-6}$) with the seed, 0 or 1, nor
#   between 4 copies of the same example in one batch; they equal `model(x, training=False)`
#   to within $10^{-4}$;
# - hidden, on another network of the same form (5 inputs, hidden layers of 16 units;
#   weights, inputs and seeds drawn at grading time), called with `rate=0.3` and two seeds:
#   the predictions equal `model(x, training=False)` to within $10^{-4}$.

# %% [markdown] lang="fr"
# Les symptômes. La perte de validation de la version NumPy vaut 0,6551, là où `evaluate` de
# Keras donne 0,567. Appelée deux fois sur le patient 0, elle donne bien deux fois le même
# nombre, -1,5253, comme le dit la collègue ; mais Keras prédit -0,7186 pour ce patient, et le
# même patient placé trois fois dans un lot reçoit trois prédictions différentes, -1,4762,
# -0,8731 et -1,0121, dont aucune n'est la prédiction faite pour le patient seul.
#
# ### Exercice 4 — trouver le bogue et le corriger (2 points)
#
# Trouvez la cause de ces symptômes, puis écrivez dans la cellule ci-dessous une version
# corrigée de `deployed_predict`. Gardez ses arguments : les appelants passent `rate` et
# `seed`, et votre version peut les ignorer. Ses prédictions doivent être celles de Keras en
# inférence, `model(x, training=False)`.
#
# Ce que vérifient les tests :
# - tests visibles, sur un petit réseau de la même forme (4 entrées, deux couches cachées de
#   8 unités, biais aléatoires, `Dropout(0.5)`), appelé avec `rate=0.5` : les prédictions ont
#   la forme `(exemples, 1)` ; elles ne changent (de plus de $10^{-6}$) ni avec la graine,
#   0 ou 1, ni entre 4 copies d'un même exemple dans un lot ; elles sont égales à
#   `model(x, training=False)` à $10^{-4}$ près ;
# - tests cachés, sur un autre réseau de la même forme (5 entrées, couches cachées de
#   16 unités ; poids, entrées et graines tirés au moment de la correction), appelé avec
#   `rate=0.3` et deux graines : les prédictions sont égales à `model(x, training=False)` à
#   $10^{-4}$ près.


# %% nbgrader="solution" grade_id="deployed_predict"
def deployed_predict(weights, x, rate=0.5, seed=0):
    """en: Predictions of the network of section 5 at inference, with NumPy only.

    fr: Prédictions du réseau de la section 5 en inférence, avec NumPy seulement.
    """
    ### BEGIN SOLUTION
    # en: At inference a Dropout layer returns its input unchanged: no mask and no scaling,
    # en: since Keras already divided the kept values by 1 - rate during training.
    # fr: En inférence, une couche Dropout renvoie son entrée inchangée : ni masque ni remise
    # fr: à l'échelle, puisque Keras a déjà divisé les valeurs conservées par 1 - rate pendant
    # fr: l'entraînement.
    kernel1, bias1, kernel2, bias2, kernel3, bias3 = weights
    hidden = np.maximum(x @ kernel1 + bias1, 0)
    hidden = np.maximum(hidden @ kernel2 + bias2, 0)
    return hidden @ kernel3 + bias3
    ### END SOLUTION


# %% nbgrader="tests" grade_id="deployed_predict_tests" points=2
# en: A small network of the same form as section 5's, with random biases.
# fr: Un petit réseau de la même forme que celui de la section 5, avec des biais aléatoires.
ct.reseed()
_model = keras.Sequential(
    [
        keras.Input((4,)),
        keras.layers.Dense(8, activation="relu", bias_initializer="random_normal"),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(8, activation="relu", bias_initializer="random_normal"),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(1, bias_initializer="random_normal"),
    ]
)
_weights = _model.get_weights()
_x = np.random.default_rng(4).normal(size=(6, 4)).astype("float32")
_expected = np.asarray(_model(_x, training=False))
_out = np.asarray(deployed_predict(_weights, _x, 0.5, 0))
assert _out.shape == _expected.shape, _(
    en=f"The predictions must have the shape {_expected.shape} (examples, 1), not {_out.shape}.",
    fr=f"Les prédictions doivent avoir la forme {_expected.shape} (exemples, 1), et non {_out.shape}.",
)
_seed_1 = np.asarray(deployed_predict(_weights, _x, 0.5, 1))
_copies = np.asarray(deployed_predict(_weights, np.repeat(_x[:1], 4, axis=0), 0.5, 0))
assert np.allclose(_out, _seed_1, atol=1e-6) and np.allclose(_copies, _copies[0], atol=1e-6), _(
    en="Dropout is still on at inference: your predictions change with the seed, or differ between copies of the same example in one batch. A fixed seed only makes one random sub-network reproducible. At inference a Dropout layer returns its input unchanged.",
    fr="Le dropout est encore actif en inférence : vos prédictions changent avec la graine, ou diffèrent entre les copies d'un même exemple dans un lot. Une graine fixe ne fait que rendre reproductible un sous-réseau aléatoire. En inférence, une couche Dropout renvoie son entrée inchangée.",
)


def _hidden_scaled(factor):
    """en: What Keras predicts when each hidden layer's output is multiplied by factor.

    fr: Ce que prédit Keras quand la sortie de chaque couche cachée est multipliée par factor.
    """
    kernel1, bias1, kernel2, bias2, kernel3, bias3 = _weights
    _model.set_weights([kernel1, bias1, kernel2 * factor, bias2, kernel3 * factor, bias3])
    scaled = np.asarray(_model(_x, training=False))
    _model.set_weights(_weights)
    return scaled


if np.allclose(_out, _hidden_scaled(1 - 0.5), atol=1e-4):
    raise AssertionError(
        _(
            en="You multiplied the hidden values by 1 - rate at inference: that is the original paper's rule, for networks trained without rescaling. Keras divided the kept values by 1 - rate during training, so at inference there is nothing to scale.",
            fr="Vous avez multiplié les valeurs cachées par 1 - rate en inférence : c'est la règle de l'article original, pour des réseaux entraînés sans remise à l'échelle. Keras a divisé les valeurs conservées par 1 - rate pendant l'entraînement : en inférence, il n'y a rien à remettre à l'échelle.",
        )
    )
if np.allclose(_out, _hidden_scaled(1 / (1 - 0.5)), atol=1e-4):
    raise AssertionError(
        _(
            en="You removed the mask but still divided the hidden values by 1 - rate: at inference every unit is present, and the division by 1 - rate only belongs to training.",
            fr="Vous avez supprimé le masque mais divisé encore les valeurs cachées par 1 - rate : en inférence, toutes les unités sont présentes, et la division par 1 - rate n'a sa place qu'à l'entraînement.",
        )
    )
assert np.allclose(_out, _expected, atol=1e-4), _(
    en=f"Your predictions differ from model(x, training=False) by up to {np.abs(_out - _expected).max():.3g}.",
    fr=f"Vos prédictions diffèrent de model(x, training=False) d'au plus {np.abs(_out - _expected).max():.3g}.",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
ct.reseed(ct.fresh_seed())
_model = keras.Sequential(
    [
        keras.Input((5,)),
        keras.layers.Dense(16, activation="relu", bias_initializer="random_normal"),
        keras.layers.Dropout(0.3),
        keras.layers.Dense(16, activation="relu", bias_initializer="random_normal"),
        keras.layers.Dropout(0.3),
        keras.layers.Dense(1, bias_initializer="random_normal"),
    ]
)
_weights = _model.get_weights()
_x = np.random.default_rng(ct.fresh_seed()).normal(size=(10, 5)).astype("float32")
_expected = np.asarray(_model(_x, training=False))
for _seed in (ct.fresh_seed(), ct.fresh_seed()):
    _out = np.asarray(deployed_predict(_weights, _x, 0.3, _seed))
    assert _out.shape == _expected.shape and np.allclose(_out, _expected, atol=1e-4), _(
        en="On a network drawn at grading time, called with rate=0.3, the predictions differ from model(x, training=False).",
        fr="Sur un réseau tiré au moment de la correction, appelé avec rate=0.3, les prédictions diffèrent de model(x, training=False).",
    )
### END HIDDEN TESTS

# %% [markdown] lang="en"
# The corrected function on the validation patients of section 5:

# %% [markdown] lang="fr"
# La fonction corrigée, sur les patients de validation de la section 5 :

# %%
print(
    _(en="validation loss, Keras evaluate:  ", fr="perte de validation, evaluate de Keras :"),
    round(dropout_model.evaluate(x_val, y_val, verbose=0), 4),
)
print(
    _(en="validation loss, deployed_predict:", fr="perte de validation, deployed_predict :  "),
    round(float(np.mean((deployed_predict(weights, x_val)[:, 0] - y_val) ** 2)), 4),
)
print(
    _(en="patient 0, three times in one batch:", fr="patient 0, trois fois dans un même lot :"),
    deployed_predict(weights, np.repeat(x_val[:1], 3, axis=0))[:, 0].round(4),
)
print(
    _(
        en="equal to Keras at inference, to within 1e-5:",
        fr="égale à Keras en inférence, à 1e-5 près :",
    ),
    bool(np.allclose(deployed_predict(weights, x_val), dropout_model(x_val), atol=1e-5)),
)

# %% [markdown] lang="en"
# Corrected, the NumPy version gives Keras' validation loss, 0.567, the same prediction,
# -0.7186, to the three copies of patient 0, and Keras' predictions to within $10^{-5}$. The
# fixed seed had not made the colleague's version right: it only made it pick the same random
# sub-networks at every call, and which ones depended on a patient's place in the batch.

# %% [markdown] lang="fr"
# Corrigée, la version NumPy donne la perte de validation de Keras, 0,567, la même prédiction,
# -0,7186, aux trois copies du patient 0, et les prédictions de Keras à $10^{-5}$ près. La
# graine fixe n'avait pas rendu correcte la version de la collègue : elle lui faisait
# seulement choisir les mêmes sous-réseaux aléatoires à chaque appel, et lesquels dépendait
# de la place du patient dans le lot.

# %% [markdown] lang="en"
# ### Written question (2 points, graded by hand)
#
# Why is dropout inactive at inference (`training=False`, `predict`, `evaluate`)? Describe
# what would go wrong if a deployed model kept dropout on for its usual single prediction.
# Then describe what would go wrong if dropout were switched off at inference but the kept
# values had **not** been divided by $1 - \text{rate}$ during training.

# %% [markdown] lang="fr"
# ### Question rédigée (2 points, corrigée à la main)
#
# Pourquoi le dropout est-il inactif en inférence (`training=False`, `predict`, `evaluate`) ?
# Décrivez ce qui se passerait si un modèle en production gardait le dropout actif pour sa
# prédiction unique habituelle. Décrivez ensuite ce qui se passerait si le dropout était
# désactivé en inférence mais que les valeurs conservées n'avaient **pas** été divisées par
# $1 - \text{rate}$ pendant l'entraînement.

# %% [markdown] lang="en" nbgrader="manual" grade_id="why_inactive_at_inference" points=2
# Dropout is a training device: the random masks stop units from co-adapting and train an
# ensemble of thinned sub-networks that share their weights. At inference we want the
# prediction of the whole ensemble, and the full network (with inverted scaling) is a cheap
# approximation of that average, exact for a linear network. If dropout stayed on, every
# prediction would come from one random sub-network: the same input would get different
# answers from one call to the next, each answer would be noisier and usually worse than the
# ensemble's, and `evaluate` would report a noisy, pessimistic loss. (Keeping it on on
# purpose and averaging many passes is Monte Carlo dropout, which costs n passes.) Without
# the 1/(1 - rate) scaling in training, the next layer would have learned to receive on
# average (1 - rate) times each value; at inference, with every unit present, it would
# receive values 1/(1 - rate) times larger than in training (twice as large for rate 0.5),
# so the pre-activations and the predictions would be shifted. The original paper fixed this
# by multiplying the weights by the keep probability at test time; inverted dropout does the
# scaling in training so that nothing has to change at inference.

# %% [markdown] lang="fr" nbgrader="manual" grade_id="why_inactive_at_inference" points=2
# Le dropout est un outil d'entraînement : les masques aléatoires empêchent les unités de se
# co-adapter et entraînent un ensemble de sous-réseaux amincis qui partagent leurs poids. En
# inférence, on veut la prédiction de l'ensemble entier, et le réseau complet (avec la remise à
# l'échelle du dropout inversé) en est une approximation bon marché, exacte pour un réseau
# linéaire. Si le dropout restait actif, chaque prédiction viendrait d'un seul sous-réseau
# tiré au hasard : la même entrée recevrait des réponses différentes d'un appel à l'autre,
# chaque réponse serait plus bruitée et en général moins bonne que celle de l'ensemble, et
# `evaluate` donnerait une perte bruitée et pessimiste. (Le laisser actif volontairement et
# moyenner de nombreux passages, c'est le dropout Monte-Carlo, qui coûte n passages.) Sans la
# division par 1 - rate à l'entraînement, la couche suivante aurait appris à recevoir en
# moyenne (1 - rate) fois chaque valeur ; en inférence, avec toutes les unités présentes, elle
# recevrait des valeurs 1/(1 - rate) fois plus grandes qu'à l'entraînement (deux fois plus
# grandes pour rate = 0,5) : les pré-activations et les prédictions seraient décalées.
# L'article original corrigeait cela en multipliant les poids par la probabilité de
# conservation au moment du test ; le dropout inversé fait la mise à l'échelle pendant
# l'entraînement pour que rien ne change en inférence.


# %% [markdown] lang="en"
# ## Key points
# - `keras.layers.Dropout(rate)` with `training=True` sets each value to 0 with probability
#   `rate` (the fraction **dropped**, not kept: TensorFlow 1's `keep_prob` and the paper's $p$
#   are the opposite) and divides the kept values by $1 - \text{rate}$. With
#   `training=False` it returns its input unchanged.
# - Inverted dropout keeps the expected value of every unit, so inference is the plain
#   network. It does not keep each draw close to that expected value: with `Dropout(0.2)` on
#   the numbers 1 to 10, the sum of one draw had a standard deviation of 9.77 around 55. The
#   original paper scaled the weights by the keep probability at test time instead; both
#   give the same expected input to the next layer.
# - `fit` runs dropout; `predict`, `evaluate` and `model(x)` do not. With dropout, the
#   training loss of `fit` is measured on thinned networks and can exceed the validation loss.
# - A random draw is seeded with `seed=` on the layer, or with `keras.utils.set_random_seed`
#   before the layer is created; each call draws a new mask.
# - Dropout trains an ensemble of weight-sharing sub-networks; the full network approximates
#   their average. On the diabetes data, it limited the rise of the validation loss (from
#   0.524 to 0.567, against 0.526 to 1.056 without dropout), without changing its minimum
#   much.
# - Monte Carlo dropout averages $n$ passes with `training=True`; their standard deviation is
#   a rough measure of uncertainty.
# - A re-implementation of a trained network must do at inference what Keras does: no mask
#   and no scaling. A fixed seed makes a random sub-network reproducible, not right.
#
# Next lesson: early stopping, which stops training at the epoch where the validation loss is
# lowest.

# %% [markdown] lang="fr"
# ## À retenir
# - `keras.layers.Dropout(rate)` avec `training=True` met chaque valeur à 0 avec la
#   probabilité `rate` (la fraction **abandonnée**, pas conservée : le `keep_prob` de
#   TensorFlow 1 et le $p$ de l'article sont l'inverse) et divise les valeurs conservées par
#   $1 - \text{rate}$. Avec `training=False`, la couche renvoie son entrée inchangée.
# - Le dropout inversé conserve l'espérance de chaque unité : l'inférence se fait avec le
#   réseau ordinaire. Il ne garde pas pour autant chaque tirage proche de cette espérance :
#   avec `Dropout(0.2)` sur les nombres de 1 à 10, la somme d'un tirage avait un écart type
#   de 9,77 autour de 55. L'article original multipliait plutôt les poids par la probabilité
#   de conservation au moment du test ; les deux donnent la même entrée moyenne à la couche
#   suivante.
# - `fit` applique le dropout ; `predict`, `evaluate` et `model(x)` non. Avec du dropout, la
#   perte d'entraînement de `fit` est mesurée sur des réseaux amincis et peut dépasser la
#   perte de validation.
# - On fixe un tirage avec `seed=` sur la couche, ou avec `keras.utils.set_random_seed` avant
#   de créer la couche ; chaque appel tire un nouveau masque.
# - Le dropout entraîne un ensemble de sous-réseaux qui partagent leurs poids ; le réseau
#   complet approche leur moyenne. Sur les données diabetes, il a limité la remontée de la
#   perte de validation (de 0,524 à 0,567, contre 0,526 à 1,056 sans dropout), sans beaucoup
#   changer son minimum.
# - Le dropout Monte-Carlo fait la moyenne de $n$ passages avec `training=True` ; leur écart
#   type est une mesure grossière de l'incertitude.
# - Une réécriture d'un réseau entraîné doit faire en inférence ce que fait Keras : ni masque,
#   ni remise à l'échelle. Une graine fixe rend un sous-réseau aléatoire reproductible, pas
#   correct.
#
# Leçon suivante : l'arrêt précoce, qui arrête l'entraînement à l'époque où la perte de
# validation est minimale.
