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
# training, and why this keeps the expected value of every unit unchanged; (3) read the
# learning curves of a network trained with dropout; (4) see dropout as the training of a huge
# ensemble of thinned sub-networks, and use Monte Carlo dropout to estimate how unsure a
# network is of a prediction.

# %% [markdown] lang="fr"
# # Leçon 4 — L'abandon (*dropout*)
#
# **Objectif.** À la fin de cette leçon, vous saurez (1) dire exactement ce que fait
# `keras.layers.Dropout(rate)` à son entrée pendant l'entraînement et en inférence, et le
# reproduire avec NumPy ; (2) expliquer le dropout *inversé* : pourquoi les valeurs conservées
# sont divisées par $1 - \text{rate}$ pendant l'entraînement, et pourquoi l'espérance de
# chaque unité reste ainsi inchangée ; (3) lire les courbes d'apprentissage d'un réseau
# entraîné avec du dropout ; (4) voir le dropout comme l'entraînement d'un immense ensemble de
# sous-réseaux amincis, et utiliser le dropout Monte-Carlo pour estimer l'incertitude d'un
# réseau sur une prédiction.

# %%
import coursetools as ct  # first: it quiets TensorFlow before TensorFlow loads

ct.setup(_(en="en", fr="fr"))

import keras
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
# drops. Many tutorials show this example: a `Dropout(0.2)` layer applied to the numbers 1 to
# 10 arranged as 5 examples of 2 values, called with `training=True`. The tutorials also
# print an output, but that output depends on the random draw: yours will differ unless the
# draw is seeded. We give the layer a seed (`seed=0`), and call it twice in a row.

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
# les sorties. Beaucoup de tutoriels montrent cet exemple : une couche `Dropout(0.2)` appliquée
# aux nombres de 1 à 10 rangés en 5 exemples de 2 valeurs, appelée avec `training=True`. Les
# tutoriels affichent aussi une sortie, mais cette sortie dépend du tirage aléatoire : la
# vôtre sera différente tant que le tirage n'est pas fixé par une graine. Nous donnons une
# graine à la couche (`seed=0`) et l'appelons deux fois de suite.

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
#   créées après lui, mais ne ramène pas en arrière une couche qui existe déjà.
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
# TensorFlow 1 with `tf.nn.dropout(x, keep_prob)`. A tutorial written for TensorFlow 1 with
# `keep_prob=0.8` means `Dropout(0.2)` in Keras. Let us measure the fraction of zeros on a
# large input of ones, for three rates.

# %% [markdown] lang="fr"
# ## 2. `rate` est la fraction *abandonnée*
#
# `rate` est la probabilité qu'une valeur soit **abandonnée**, et non conservée :
# `Dropout(0.8)` ne garde qu'une valeur sur cinq. C'est une source de confusion classique, car
# l'article original (Srivastava et al. 2014) note $p$ la probabilité de **conserver** une
# unité, tout comme TensorFlow 1 avec `tf.nn.dropout(x, keep_prob)`. Un tutoriel écrit pour
# TensorFlow 1 avec `keep_prob=0.8` correspond à `Dropout(0.2)` dans Keras. Mesurons la
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
# average during training. Let us check it by drawing 4,000 masks at once (the layer draws an
# independent mask value for every entry of a `(4000, 5, 2)` tensor) and averaging.

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
# les valeurs qu'elle recevait en moyenne pendant l'entraînement. Vérifions-le en tirant
# 4 000 masques d'un coup (la couche tire un masque indépendant pour chaque case d'un tenseur
# de forme `(4000, 5, 2)`) et en faisant la moyenne.

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
    _(en="std", fr="écart-type"),
    round(float(sums.std()), 2),
    "min",
    round(float(sums.min()), 2),
    "max",
    round(float(sums.max()), 2),
)

# %% [markdown] lang="en"
# The average of the draws is the input, to within 0.2, and the sum, 55, is preserved
# **on average**. A single draw, however, can be far from it: the sum of one draw varies by
# about 10 around 55. Dropout adds noise; the rescaling only makes that noise centred on the
# right value.
#
# **The original scheme.** The dropout paper did it the other way round: no scaling during
# training, and at test time every unit present, with its outgoing weights multiplied by the
# keep probability $1 - r$. Both schemes give the next layer the same expected input. We check
# it with NumPy on a linear layer of weights $W$: for many random masks, we average the
# layer's output under each scheme, and compare it with what each scheme computes at test time.

# %% [markdown] lang="fr"
# La moyenne des tirages redonne l'entrée, à 0,2 près, et la somme, 55, est conservée
# **en moyenne**. Un tirage isolé peut cependant s'en écarter beaucoup : la somme d'un tirage
# varie d'environ 10 autour de 55. Le dropout ajoute du bruit ; la remise à l'échelle garantit
# seulement que ce bruit est centré sur la bonne valeur.
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
masks = rng.random((20000, 6)) >= rate  # True = kept, with probability 1 - rate
original_training = (masks * x) @ W  # original paper: no scaling during training...
original_test = x @ (W * (1 - rate))  # ...weights multiplied by 1 - rate at test time
inverted_training = (masks * x / (1 - rate)) @ W  # inverted: kept values scaled in training...
inverted_test = x @ W  # ...and nothing to do at test time
print(_(en="original, mean in training:", fr="original, moyenne à l'entraînement :"))
print(original_training.mean(axis=0).round(3), original_test.round(3))
print(_(en="inverted, mean in training:", fr="inversé, moyenne à l'entraînement :"))
print(inverted_training.mean(axis=0).round(3), inverted_test.round(3))

# %% [markdown] lang="en"
# In each pair, the first vector is the average over 20,000 training-time masks and the second
# is the test-time output: they agree to within the noise of the average. Modern libraries
# (Keras, PyTorch) all use **inverted** dropout, because then inference is just the plain
# network: a saved model can be used, converted or exported without knowing anything about
# the dropout it was trained with, and changing the rate never requires touching the weights.

# %% [markdown] lang="fr"
# Dans chaque paire, le premier vecteur est la moyenne sur 20 000 masques tirés à
# l'entraînement et le second est la sortie au test : ils concordent, au bruit de la moyenne
# près. Les bibliothèques modernes (Keras, PyTorch) utilisent toutes le dropout **inversé**, car
# l'inférence se réduit alors au réseau ordinaire : un modèle sauvegardé peut être utilisé,
# converti ou exporté sans rien savoir du dropout avec lequel il a été entraîné, et changer
# de taux n'oblige jamais à retoucher les poids.

# %% [markdown] lang="en"
# ### Exercise 1 — inverted dropout in NumPy (3 points)
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

# %% [markdown] lang="fr"
# ### Exercice 1 — le dropout inversé avec NumPy (3 points)
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
# Visible tests: run this cell to check your function.
_x = np.arange(1, 100_001, dtype="float64").reshape(250, 400)  # no zero in the input
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
# Seeds drawn at grading time: a function cannot have stored the masks of these draws.
_seeds = [ct.fresh_seed() for _ in range(4)]
for _rate in (0.1, 0.5, 0.8):
    for _seed in _seeds[:2]:
        _out = np.asarray(inverted_dropout(_x, _rate, np.random.default_rng(_seed), True))
        _kept = _out != 0
        assert abs((~_kept).mean() - _rate) < 0.01, (_rate, _seed)
        assert np.allclose(_out[_kept], _x[_kept] / (1 - _rate)), (_rate, _seed)
        assert abs(_out.mean() / _x.mean() - 1) < 0.05, (_rate, _seed)
        assert np.array_equal(
            np.asarray(inverted_dropout(_x, _rate, np.random.default_rng(_seed), False)), _x
        )
_a = np.asarray(inverted_dropout(_x, 0.5, np.random.default_rng(_seeds[2]), True))
_b = np.asarray(inverted_dropout(_x, 0.5, np.random.default_rng(_seeds[3]), True))
assert not np.array_equal(_a != 0, _b != 0), "different seeds, same mask"
_small = np.array([[1.0, -2.0, 3.0]])
assert np.array_equal(
    np.asarray(inverted_dropout(_small, 0.0, np.random.default_rng(0), True)), _small
)
_gen = np.random.default_rng(_seeds[2])
_gen.random(10)  # the same generator, further on: the mask must come from where it stands
_c = np.asarray(inverted_dropout(_x, 0.5, _gen, True))
assert not np.array_equal(_a != 0, _c != 0), "a generator further on, same mask"
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## 4. Dropout inside a model: `fit` drops, `predict` and `evaluate` do not
#
# With `fit`, `predict` and `evaluate` you do not pass `training` yourself: `fit` calls the
# layers with `training=True`, while `predict`, `evaluate` and a plain call `model(x)` use
# `training=False`. To see it, we
# build a model whose only weights are an identity matrix (so without dropout it returns its
# input exactly), and "train" it with a learning rate of 0 so that the weights never change.

# %% [markdown] lang="fr"
# ## 4. Le dropout dans un modèle : `fit` abandonne, `predict` et `evaluate` non
#
# Avec `fit`, `predict` et `evaluate`, on ne passe pas `training` soi-même : `fit` appelle les
# couches avec `training=True`, tandis que `predict`, `evaluate` et un simple appel `model(x)`
# utilisent `training=False`. Pour le voir, nous construisons un modèle dont les seuls poids forment une
# matrice identité (sans dropout, il renvoie donc exactement son entrée) et nous
# l'« entraînons » avec un taux d'apprentissage nul, pour que ses poids ne changent jamais.

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
# over-parameterised network with two hidden layers of 128 units (about 18,000 parameters).
# We train it twice with the same initial weights, the same optimizer and the same number of
# epochs: once as it is, and once with a `Dropout(0.5)` after each hidden layer.

# %% [markdown] lang="fr"
# ## 5. L'effet sur les courbes d'apprentissage
#
# Revenons au cadre de surapprentissage de la leçon 1 : les données *diabetes* (fournies avec
# scikit-learn), seulement 120 patients pour l'entraînement et 322 pour la validation, et un
# réseau surdimensionné à deux couches cachées de 128 unités (environ 18 000 paramètres). Nous
# l'entraînons deux fois, avec les mêmes poids initiaux, le même optimiseur et le même nombre
# d'époques : une fois tel quel, et une fois avec un `Dropout(0.5)` après chaque couche cachée.

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
for name, history in histories.items():
    print(f"{name:>12}:", ct.summarize(history))

# %%
ct.plot_curves(
    histories,
    title=_(
        en="Diabetes, 2 × 128 units: without and with dropout",
        fr="Diabetes, 2 × 128 unités : sans et avec dropout",
    ),
)

# %% [markdown] lang="en"
# How to read the figure (dashed: training, solid: validation, dot: lowest validation loss):
# - **Without dropout**, the training loss falls to almost 0 and the validation loss reaches
#   its minimum within a few epochs, then climbs: the network memorizes the noise.
# - **With dropout**, the training loss stays far from 0 and is noisy (it is measured on
#   thinned networks, with new masks at every step), and the validation loss rises much less.
#   The network cannot memorize 120 examples when half of its units vanish at random at every
#   step.
# - The two **lowest** validation losses are close: dropout does not find a better model
#   here, it makes the good one *stay* good. The final gap between validation and training
#   loss is what shrinks.

# %% [markdown] lang="fr"
# Comment lire la figure (tirets : entraînement, trait plein : validation, point : perte de
# validation minimale) :
# - **Sans dropout**, la perte d'entraînement tombe presque à 0 et la perte de validation
#   atteint son minimum en quelques époques, puis remonte : le réseau mémorise le bruit.
# - **Avec dropout**, la perte d'entraînement reste loin de 0 et elle est bruitée (elle est
#   mesurée sur des réseaux amincis, avec de nouveaux masques à chaque pas), et la perte de
#   validation remonte beaucoup moins. Le réseau ne peut pas mémoriser 120 exemples quand la
#   moitié de ses unités disparaît au hasard à chaque pas.
# - Les deux pertes de validation **minimales** sont proches : ici, le dropout ne trouve pas un
#   meilleur modèle, il fait en sorte que le bon modèle le *reste*. C'est l'écart final entre
#   perte de validation et perte d'entraînement qui se réduit.

# %%
print(
    f"{_(en='model', fr='modèle'):>12} | {_(en='train', fr='entr.'):>6} | "
    f"{_(en='val.', fr='val.'):>6} | {_(en='gap', fr='écart'):>6}"
)
for name, history in histories.items():
    train_loss, val_loss = history.history["loss"][-1], history.history["val_loss"][-1]
    print(f"{name:>12} | {train_loss:6.3f} | {val_loss:6.3f} | {val_loss - train_loss:6.3f}")

# %% [markdown] lang="en"
# ## 6. The ensemble view, and Monte Carlo dropout
#
# Each dropout mask selects a **thinned sub-network**: the units that survive, with their
# weights. Our network has 256 hidden units, so it contains $2^{256}$ sub-networks, and each
# training step trains a few of them (one per example of the batch), all **sharing** the same
# weights. Training with dropout is thus training a gigantic ensemble of networks at the cost
# of one, and ensembles generalize better than their members because their errors partly
# cancel out.
#
# At inference, we would like the average prediction of the whole ensemble. Averaging
# $2^{256}$ networks is impossible, but running the full network with the rescaled values is a
# cheap approximation of it: for a linear network it is **exactly** the average (section 3),
# and with nonlinear activations it is close to it. (The *Deep Learning* book of Goodfellow,
# Bengio and Courville calls this the *weight scaling inference rule*.)
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
# sous-réseaux, et chaque pas d'entraînement en entraîne quelques-uns (un par exemple du
# lot), qui **partagent** tous les mêmes poids. Entraîner avec du dropout revient ainsi à
# entraîner un gigantesque ensemble de réseaux pour le prix d'un seul ; or un ensemble
# généralise mieux que ses membres, car leurs erreurs se compensent en partie.
#
# En inférence, on voudrait la prédiction moyenne de tout l'ensemble. Moyenner $2^{256}$
# réseaux est impossible, mais faire passer l'entrée dans le réseau complet, avec les valeurs
# remises à l'échelle, en est une approximation bon marché : pour un réseau linéaire, c'est
# **exactement** la moyenne (section 3), et avec des activations non linéaires, c'en est
# proche. (Le livre *Deep Learning* de Goodfellow, Bengio et Courville l'appelle la *règle
# d'inférence par mise à l'échelle des poids*.)
#
# Le **dropout Monte-Carlo** (Gal et Ghahramani, 2016) prend ce point de vue au pied de la
# lettre : on laisse le dropout **actif** en inférence, on fait passer la même entrée $n$ fois
# dans le réseau (chaque passage utilise un sous-réseau aléatoire différent) et on fait la
# moyenne. Cette moyenne est une seconde approximation de la prédiction de l'ensemble, et la
# **dispersion** des $n$ prédictions (leur écart-type) indique à quel point les sous-réseaux
# sont en désaccord : une mesure grossière de l'incertitude du réseau.

# %% [markdown] lang="en"
# ### Exercise 2 — Monte Carlo dropout (2 points)
#
# Write `mc_dropout_predict(model, x, n)` that calls the Keras model `n` times on the batch
# `x` **with dropout on**, and returns two NumPy arrays `(mean, std)`: the mean and the
# standard deviation of the `n` predictions, computed separately for every example and every
# output, so both have the shape of one prediction, `(batch, outputs)`.
#
# Hint: `model(x, training=True)` runs one pass with dropout on; `np.asarray` turns its output
# into a NumPy array, and `np.stack` piles `n` arrays along a new first axis.

# %% [markdown] lang="fr"
# ### Exercice 2 — le dropout Monte-Carlo (2 points)
#
# Écrivez `mc_dropout_predict(model, x, n)` qui appelle `n` fois le modèle Keras sur le lot
# `x` **avec le dropout actif**, et renvoie deux tableaux NumPy `(mean, std)` : la moyenne et
# l'écart-type des `n` prédictions, calculés séparément pour chaque exemple et chaque sortie,
# de sorte que les deux ont la forme d'une prédiction, `(lot, sorties)`.
#
# Indice : `model(x, training=True)` fait un passage avec le dropout actif ; `np.asarray`
# transforme sa sortie en tableau NumPy, et `np.stack` empile `n` tableaux le long d'un
# nouvel axe placé en premier.


# %% nbgrader="solution" grade_id="mc_dropout_predict"
def mc_dropout_predict(model, x, n):
    ### BEGIN SOLUTION
    passes = np.stack([np.asarray(model(x, training=True)) for _ in range(n)])
    return passes.mean(axis=0), passes.std(axis=0)
    ### END SOLUTION


# %% nbgrader="tests" grade_id="mc_dropout_predict_tests" points=2
# Visible tests: a linear model, whose exact average over all masks is its output without dropout.
ct.reseed()
_rate = 0.3
_linear = keras.Sequential([keras.Input((8,)), keras.layers.Dropout(_rate), keras.layers.Dense(1)])
_x = np.random.default_rng(3).normal(size=(5, 8)).astype("float32")
_w = _linear.get_weights()[0][:, 0]
_deterministic = np.asarray(_linear(_x, training=False))
# standard deviation of one pass: sum of independent terms w_i x_i m_i / (1 - rate)
_sd = np.sqrt(((_x * _w) ** 2).sum(axis=1, keepdims=True) * _rate / (1 - _rate))
_n = 200
_mean, _std = (np.asarray(a) for a in mc_dropout_predict(_linear, _x, _n))
assert _mean.shape == (5, 1) and _std.shape == (5, 1), _(
    en=f"mean and std must have one row per example, shape (5, 1); you returned {_mean.shape} and {_std.shape}. Average over the n passes (axis 0 of the stacked passes), not over the examples.",
    fr=f"mean et std doivent avoir une ligne par exemple, forme (5, 1) ; vous avez renvoyé {_mean.shape} et {_std.shape}. Faites la moyenne sur les n passages (axe 0 des passages empilés), pas sur les exemples.",
)
if np.all(_std < 1e-5) and np.allclose(_mean, _deterministic, atol=1e-5):
    raise AssertionError(
        _(
            en="All passes gave the output without dropout: dropout was off. Call model(x, training=True); model(x) and model.predict(x) run in inference mode.",
            fr="Tous les passages ont donné la sortie sans dropout : le dropout était inactif. Appelez model(x, training=True) ; model(x) et model.predict(x) tournent en mode inférence.",
        )
    )
assert not np.all(_std < 1e-5), _(
    en="The standard deviation is 0 although dropout makes the passes differ: compute it over the n passes.",
    fr="L'écart-type est nul alors que le dropout rend les passages différents : calculez-le sur les n passages.",
)
assert np.all(np.abs(_mean - _deterministic) < 6 * _sd / np.sqrt(_n)), _(
    en="For this linear model, the mean of many passes should approach the output without dropout, and yours is too far from it: return the average of all n passes, not one pass.",
    fr="Pour ce modèle linéaire, la moyenne de nombreux passages devrait approcher la sortie sans dropout, et la vôtre en est trop loin : renvoyez la moyenne des n passages, pas un seul passage.",
)
if np.allclose(_std, _sd**2, rtol=0.3) and not np.allclose(_std, _sd, rtol=0.3):
    raise AssertionError(
        _(
            en="You returned the variance: return the standard deviation (np.std), its square root.",
            fr="Vous avez renvoyé la variance : renvoyez l'écart-type (np.std), sa racine carrée.",
        )
    )
assert np.allclose(_std, _sd, rtol=0.3), _(
    en="Your std is not the standard deviation of the n predictions.",
    fr="Votre std n'est pas l'écart-type des n prédictions.",
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
ct.reseed(ct.fresh_seed())  # weights and inputs drawn at grading time
_multi = keras.Sequential([keras.Input((6,)), keras.layers.Dropout(0.5), keras.layers.Dense(3)])
_x = np.random.default_rng(ct.fresh_seed()).normal(size=(7, 6)).astype("float32")
_k = _multi.get_weights()[0]
_deterministic = np.asarray(_multi(_x))
_sd = np.sqrt(((_x[:, :, None] * _k[None]) ** 2).sum(axis=1) * 0.5 / 0.5)
_mean, _std = (np.asarray(a) for a in mc_dropout_predict(_multi, _x, 100))
assert _mean.shape == (7, 3) and _std.shape == (7, 3)
assert np.all(np.abs(_mean - _deterministic) < 6 * _sd / np.sqrt(100))
assert np.allclose(_std, _sd, rtol=0.35)
_mean5, _std5 = (np.asarray(a) for a in mc_dropout_predict(_multi, _x, 5))
assert _mean5.shape == (7, 3) and not np.allclose(_mean5, _deterministic, atol=1e-5)
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
        fr="patient | cible | habit. | moy. MC | é.-t. MC",
    )
)
for i in range(5):
    print(f"{i:7d} | {y_val[i]:6.3f} | {usual[i]:6.3f} | {mc_mean[i]:7.3f} | {mc_std[i]:6.3f}")

# %% [markdown] lang="en"
# The Monte Carlo average and the usual prediction are close, as the ensemble view predicts:
# both approximate the average of the sub-networks. They are not equal, because the network is
# not linear. The standard deviations, about 0.2 to 0.35 for these five patients, show how
# much the sub-networks disagree (the targets are standardized: 0.25 is a quarter of a
# standard deviation of the disease progression). They are smaller than most of the errors:
# Monte Carlo dropout measures how unsure the *model* is, not the noise in the targets, which
# no model can predict. It costs $n$ forward passes per prediction, which is why Keras'
# default inference runs the network once, with dropout off.

# %% [markdown] lang="fr"
# La moyenne Monte-Carlo et la prédiction habituelle sont proches, comme le prévoit le point de
# vue de l'ensemble : toutes deux approchent la moyenne des sous-réseaux. Elles ne sont pas
# égales, car le réseau n'est pas linéaire. Les écarts-types, d'environ 0,2 à 0,35 pour ces
# cinq patients, montrent à quel point les sous-réseaux sont en désaccord (les cibles sont
# standardisées : 0,25 représente un quart d'écart-type de la progression de la maladie). Ils
# sont plus petits que la plupart des erreurs : le dropout Monte-Carlo mesure l'incertitude
# du *modèle*, pas le bruit des cibles, qu'aucun modèle ne peut prédire. Il coûte
# $n$ propagations avant par prédiction ; c'est pourquoi l'inférence par défaut de Keras fait
# un seul passage, dropout inactif.

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
# - `fit` runs dropout; `predict`, `evaluate` and `model(x)` do not. With dropout, the
#   training loss of `fit` is measured on thinned networks and can exceed the validation loss.
# - Inverted dropout keeps the expected value of every unit, so inference is the plain
#   network. The original paper scaled the weights by the keep probability at test time
#   instead; both give the same expected input to the next layer.
# - A random draw is seeded with `seed=` on the layer, or with `keras.utils.set_random_seed`
#   before the layer is created; each call draws a new mask.
# - Dropout trains an ensemble of weight-sharing sub-networks; the full network approximates
#   their average. On the diabetes data it kept the validation loss from climbing, without
#   changing its minimum much.
# - Monte Carlo dropout averages $n$ passes with `training=True`; their standard deviation is
#   a rough measure of uncertainty.
#
# Next lesson: early stopping, which stops training at the epoch where the validation loss is
# lowest.

# %% [markdown] lang="fr"
# ## À retenir
# - `keras.layers.Dropout(rate)` avec `training=True` met chaque valeur à 0 avec la
#   probabilité `rate` (la fraction **abandonnée**, pas conservée : le `keep_prob` de
#   TensorFlow 1 et le $p$ de l'article sont l'inverse) et divise les valeurs conservées par
#   $1 - \text{rate}$. Avec `training=False`, la couche renvoie son entrée inchangée.
# - `fit` applique le dropout ; `predict`, `evaluate` et `model(x)` non. Avec du dropout, la
#   perte d'entraînement de `fit` est mesurée sur des réseaux amincis et peut dépasser la
#   perte de validation.
# - Le dropout inversé conserve l'espérance de chaque unité : l'inférence se fait avec le
#   réseau ordinaire. L'article original multipliait plutôt les poids par la probabilité de
#   conservation au moment du test ; les deux donnent la même entrée moyenne à la couche
#   suivante.
# - On fixe un tirage avec `seed=` sur la couche, ou avec `keras.utils.set_random_seed` avant
#   de créer la couche ; chaque appel tire un nouveau masque.
# - Le dropout entraîne un ensemble de sous-réseaux qui partagent leurs poids ; le réseau
#   complet approche leur moyenne. Sur les données diabetes, il a empêché la perte de
#   validation de remonter, sans beaucoup changer son minimum.
# - Le dropout Monte-Carlo moyenne $n$ passages avec `training=True` ; leur écart-type est une
#   mesure grossière de l'incertitude.
#
# Leçon suivante : l'arrêt précoce, qui arrête l'entraînement à l'époque où la perte de
# validation est minimale.
