# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] lang="en"
# # Closing quiz — regularization and normalization
#
# **Goal.** Check, question by question, that you can tell the true statements about
# regularization from the common misconceptions met in this course. Each question has
# exactly one true answer; set the variable of the question to its letter, for example
# `q01 = "b"`, and run the test cell below it. The visible test only checks that your answer
# is a letter; the grading checks whether it is the right one, and the feedback of a wrong
# answer names the misconception behind it. Each question is worth 1 point. Nine questions
# ask you to compute something from a given set-up: work it out on paper, as the lessons
# did, before you answer.

# %% [markdown] lang="fr"
# # Quiz final — régularisation et normalisation
#
# **Objectif.** Vérifier, question par question, que vous savez distinguer les affirmations
# vraies sur la régularisation des idées reçues croisées dans ce cours. Chaque question a
# exactement une bonne réponse ; affectez à la variable de la question la lettre de votre
# choix, par exemple `q01 = "b"`, puis exécutez la cellule de test qui suit. Le test visible
# vérifie seulement que votre réponse est une lettre ; la correction vérifie si c'est la bonne,
# et le retour d'une mauvaise réponse nomme l'idée fausse qui la sous-tend. Chaque question
# vaut 1 point. Neuf questions demandent de calculer quelque chose à partir d'une
# configuration donnée : faites le calcul sur papier, comme dans les leçons, avant de
# répondre.

# %%
import coursetools as ct  # en: the course helpers: language, seeds, plot style # fr: les outils du cours : langue, graines, style des figures

ct.setup(_(en="en", fr="fr"), keras=False)

import matplotlib.pyplot as plt
import numpy as np

# %% [markdown] lang="en"
# The curves below (made-up but typical numbers) are used by one of the questions.

# %% [markdown] lang="fr"
# Les courbes ci-dessous (chiffres inventés mais typiques) servent à l'une des questions.

# %%
# alt en: Made-up learning curves over 30 epochs: the training loss (dashed) falls steadily,
# alt en: the validation loss (solid) falls to its lowest point at epoch 15, then rises again.
# alt fr: Courbes d'apprentissage inventées sur 30 époques : la perte d'entraînement (tirets)
# alt fr: baisse sans cesse, la perte de validation (trait plein) atteint son minimum à
# alt fr: l'époque 15, puis remonte.
epochs = np.arange(1, 31)
train_loss = 1.2 * np.exp(-epochs / 8) + 0.02
val_loss = 1.2 * np.exp(-epochs / 8) + 0.3 + 0.004 * np.maximum(epochs - 12, 0) ** 2
fig, ax = plt.subplots()
ax.plot(epochs, train_loss, "--", label=_(en="training", fr="entraînement"))
ax.plot(epochs, val_loss, "-", label=_(en="validation", fr="validation"))
ax.set_xlabel(_(en="epoch", fr="époque"))
ax.set_ylabel(_(en="loss", fr="perte"))
ax.legend()
plt.show()
print(
    _(en="lowest validation loss at epoch", fr="perte de validation minimale à l'époque"),
    int(epochs[np.argmin(val_loss)]),
)

# %% [markdown] lang="en"
# ### Question 1
#
# Which statement about L1 and L2 weight penalties is true?
#
# - **a)** L2 zeroes the small weights; L1 shrinks all weights without zeroing them.
# - **b)** L1 zeroes many small weights; L2 shrinks all weights without zeroing them.
# - **c)** Both zero the small weights; L1 only does it in fewer epochs than L2.
# - **d)** Neither changes the weights: a penalty only changes the loss that is reported.

# %% [markdown] lang="fr"
# ### Question 1
#
# Quelle affirmation sur les pénalités L1 et L2 est vraie ?
#
# - **a)** L2 annule les petits poids ; L1 réduit tous les poids sans les annuler.
# - **b)** L1 annule beaucoup de petits poids ; L2 réduit tous les poids sans les annuler.
# - **c)** Les deux annulent les petits poids ; L1 le fait seulement en moins d'époques que L2.
# - **d)** Aucune ne change les poids : une pénalité change seulement la perte affichée.

# %% nbgrader="solution" grade_id="q01"
### BEGIN SOLUTION
q01 = "b"
### END SOLUTION

# %% nbgrader="tests" grade_id="q01_tests" points=1
assert type(q01) is str and q01.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="You swapped L1 and L2 (lesson 2). The right answer: L1's pull toward zero is constant, so it zeroes small weights (sparsity); L2's is proportional to the weight.",
        fr="Vous avez inversé L1 et L2 (leçon 2). La bonne réponse : L'attraction de L1 vers zéro est constante : elle annule les petits poids (parcimonie) ; celle de L2 est proportionnelle au poids.",
    ),
    "c": _(
        en="L2's pull is proportional to the weight, so it fades near zero and never reaches it exactly. The right answer: L1's pull toward zero is constant, so it zeroes small weights (sparsity); L2's is proportional to the weight.",
        fr="L'attraction de L2 est proportionnelle au poids : elle s'éteint près de zéro sans jamais l'atteindre. La bonne réponse : L'attraction de L1 vers zéro est constante : elle annule les petits poids (parcimonie) ; celle de L2 est proportionnelle au poids.",
    ),
    "d": _(
        en="fit adds model.losses to the loss it differentiates, so the penalty changes the gradient and the weights. The right answer: L1's pull toward zero is constant, so it zeroes small weights (sparsity); L2's is proportional to the weight.",
        fr="fit ajoute model.losses à la perte qu'il dérive : la pénalité change le gradient, donc les poids. La bonne réponse : L'attraction de L1 vers zéro est constante : elle annule les petits poids (parcimonie) ; celle de L2 est proportionnelle au poids.",
    ),
}
assert str.lower(str.strip(q01)) == "b", _why.get(str.lower(str.strip(q01)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 2
#
# A layer's kernel holds the weights `w = [1, -2, 2]` and has `kernel_regularizer=keras.regularizers.L2(0.01)`. What does it add to `model.losses`?
#
# - **a)** 0.045
# - **b)** 0.05
# - **c)** 0.03
# - **d)** 0.09

# %% [markdown] lang="fr"
# ### Question 2
#
# Le noyau d'une couche contient les poids `w = [1, -2, 2]`, avec `kernel_regularizer=keras.regularizers.L2(0.01)`. Qu'ajoute-t-il à `model.losses` ?
#
# - **a)** 0,045
# - **b)** 0,05
# - **c)** 0,03
# - **d)** 0,09

# %% nbgrader="solution" grade_id="q02"
### BEGIN SOLUTION
q02 = "d"
### END SOLUTION

# %% nbgrader="tests" grade_id="q02_tests" points=1
assert type(q02) is str and q02.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="Keras's L2 has no factor 1/2: it is 0.01 · (1 + 4 + 4) = 0.09 (the 1/2 is a textbook convention). The right answer: 0.01 · (1 + 4 + 4) = 0.09.",
        fr="Le L2 de Keras n'a pas de facteur 1/2 : 0,01 · (1 + 4 + 4) = 0,09 (le 1/2 est une convention de manuel). La bonne réponse : 0,01 · (1 + 4 + 4) = 0,09.",
    ),
    "b": _(
        en="0.05 is the L1 penalty, 0.01 · (1 + 2 + 2); L2 sums the squares: 0.09. The right answer: 0.01 · (1 + 4 + 4) = 0.09.",
        fr="0,05 est la pénalité L1, 0,01 · (1 + 2 + 2) ; L2 somme les carrés : 0,09. La bonne réponse : 0,01 · (1 + 4 + 4) = 0,09.",
    ),
    "c": _(
        en="L2 is not the norm but the squared norm: 0.01 · 9 = 0.09, not 0.01 · 3. The right answer: 0.01 · (1 + 4 + 4) = 0.09.",
        fr="L2 n'est pas la norme mais la norme au carré : 0,01 · 9 = 0,09, pas 0,01 · 3. La bonne réponse : 0,01 · (1 + 4 + 4) = 0,09.",
    ),
}
assert str.lower(str.strip(q02)) == "d", _why.get(str.lower(str.strip(q02)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 3
#
# What does `activity_regularizer` penalize?
#
# - **a)** The layer's output, its activations.
# - **b)** The layer's kernel, its weight matrix.
# - **c)** The layer's input, as it enters the layer.
# - **d)** The layer's bias, one value per unit.

# %% [markdown] lang="fr"
# ### Question 3
#
# Que pénalise `activity_regularizer` ?
#
# - **a)** La sortie de la couche, ses activations.
# - **b)** Le noyau de la couche, sa matrice de poids.
# - **c)** L'entrée de la couche, telle qu'elle arrive.
# - **d)** Le biais de la couche, une valeur par unité.

# %% nbgrader="solution" grade_id="q03"
### BEGIN SOLUTION
q03 = "a"
### END SOLUTION

# %% nbgrader="tests" grade_id="q03_tests" points=1
assert type(q03) is str and q03.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "b": _(
        en="That is kernel_regularizer. The right answer: It penalizes the layer's output.",
        fr="C'est kernel_regularizer. La bonne réponse : Il pénalise la sortie de la couche.",
    ),
    "c": _(
        en="Only a bug of Keras before 2.1.4 penalized inputs, when a model was re-applied to new tensors (lesson 2). The right answer: It penalizes the layer's output.",
        fr="Seul un bogue de Keras avant 2.1.4 pénalisait les entrées, quand un modèle était réappliqué à de nouveaux tenseurs (leçon 2). La bonne réponse : Il pénalise la sortie de la couche.",
    ),
    "d": _(
        en="That is bias_regularizer. The right answer: It penalizes the layer's output.",
        fr="C'est bias_regularizer. La bonne réponse : Il pénalise la sortie de la couche.",
    ),
}
assert str.lower(str.strip(q03)) == "a", _why.get(str.lower(str.strip(q03)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 4
#
# What is in `model.losses`?
#
# - **a)** The training loss of each epoch, as `fit` records it.
# - **b)** The penalties of every regularizer, which `fit` adds to the loss.
# - **c)** The validation loss of each epoch of the last `fit`.
# - **d)** The kernel penalties only; bias and activity ones are left out.

# %% [markdown] lang="fr"
# ### Question 4
#
# Que contient `model.losses` ?
#
# - **a)** La perte d'entraînement de chaque époque, comme `fit` l'enregistre.
# - **b)** Les pénalités de tous les régulariseurs, que `fit` ajoute à la perte.
# - **c)** La perte de validation de chaque époque du dernier `fit`.
# - **d)** Les pénalités des noyaux seulement, sans celles des biais ni des activités.

# %% nbgrader="solution" grade_id="q04"
### BEGIN SOLUTION
q04 = "b"
### END SOLUTION

# %% nbgrader="tests" grade_id="q04_tests" points=1
assert type(q04) is str and q04.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="Losses per epoch are in history.history['loss'], not in model.losses. The right answer: model.losses holds every regularizer's penalty; fit adds their sum to the loss.",
        fr="Les pertes par époque sont dans history.history['loss'], pas dans model.losses. La bonne réponse : model.losses contient la pénalité de chaque régulariseur ; fit ajoute leur somme à la perte.",
    ),
    "c": _(
        en="Validation losses are in history.history['val_loss']. The right answer: model.losses holds every regularizer's penalty; fit adds their sum to the loss.",
        fr="Les pertes de validation sont dans history.history['val_loss']. La bonne réponse : model.losses contient la pénalité de chaque régulariseur ; fit ajoute leur somme à la perte.",
    ),
    "d": _(
        en="Bias and activity penalties are in model.losses too (lesson 2). The right answer: model.losses holds every regularizer's penalty; fit adds their sum to the loss.",
        fr="Les pénalités des biais et des activités sont aussi dans model.losses (leçon 2). La bonne réponse : model.losses contient la pénalité de chaque régulariseur ; fit ajoute leur somme à la perte.",
    ),
}
assert str.lower(str.strip(q04)) == "b", _why.get(str.lower(str.strip(q04)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 5
#
# With plain SGD (learning rate `lr`), an L2 penalty `λ·sum(w**2)` in the loss acts as which weight decay per step, on top of the ordinary gradient step?
#
# - **a)** `w -= lr * λ * w`
# - **b)** `w -= λ * w`
# - **c)** `w -= 2 * lr * λ * w`
# - **d)** None: the two are never equivalent.

# %% [markdown] lang="fr"
# ### Question 5
#
# Avec une SGD simple (taux d'apprentissage `lr`), une pénalité L2 `λ·sum(w**2)` dans la perte agit comme quelle décroissance des poids par pas, en plus du pas de gradient ordinaire ?
#
# - **a)** `w -= lr * λ * w`
# - **b)** `w -= λ * w`
# - **c)** `w -= 2 * lr * λ * w`
# - **d)** Aucune : les deux ne sont jamais équivalentes.

# %% nbgrader="solution" grade_id="q05"
### BEGIN SOLUTION
q05 = "c"
### END SOLUTION

# %% nbgrader="tests" grade_id="q05_tests" points=1
assert type(q05) is str and q05.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="The gradient of λ·w² is 2·λ·w: the factor 2 is missing. The right answer: The penalty's gradient is 2·λ·w, and SGD multiplies it by lr.",
        fr="Le gradient de λ·w² est 2·λ·w : il manque le facteur 2. La bonne réponse : Le gradient de la pénalité vaut 2·λ·w, et la SGD le multiplie par lr.",
    ),
    "b": _(
        en="Every gradient step is multiplied by the learning rate, the penalty's too. The right answer: The penalty's gradient is 2·λ·w, and SGD multiplies it by lr.",
        fr="Chaque pas de gradient est multiplié par le taux d'apprentissage, celui de la pénalité aussi. La bonne réponse : Le gradient de la pénalité vaut 2·λ·w, et la SGD le multiplie par lr.",
    ),
    "d": _(
        en="With plain SGD they are equivalent; they differ with adaptive optimizers such as Adam (lesson 3). The right answer: The penalty's gradient is 2·λ·w, and SGD multiplies it by lr.",
        fr="Avec une SGD simple elles sont équivalentes ; elles diffèrent avec les optimiseurs adaptatifs comme Adam (leçon 3). La bonne réponse : Le gradient de la pénalité vaut 2·λ·w, et la SGD le multiplie par lr.",
    ),
}
assert str.lower(str.strip(q05)) == "c", _why.get(str.lower(str.strip(q05)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 6
#
# Why was AdamW introduced?
#
# - **a)** Adam divides an L2 gradient by each weight's scale, so the decay is uneven; AdamW decays w directly.
# - **b)** Adam cannot be combined with an L2 penalty: Keras refuses a regularizer with Adam.
# - **c)** AdamW adds the decay to the gradient before Adam's scaling, which makes the decay stronger.
# - **d)** AdamW subtracts weight_decay · w at each step, whatever the learning rate is.

# %% [markdown] lang="fr"
# ### Question 6
#
# Pourquoi AdamW a-t-il été introduit ?
#
# - **a)** Adam divise le gradient d'une L2 par l'échelle de chaque poids : la décroissance est inégale ; AdamW décroît w directement.
# - **b)** Adam ne peut pas être combiné à une pénalité L2 : Keras refuse un régulariseur avec Adam.
# - **c)** AdamW ajoute la décroissance au gradient avant la mise à l'échelle d'Adam, ce qui la renforce.
# - **d)** AdamW soustrait weight_decay · w à chaque pas, quel que soit le taux d'apprentissage.

# %% nbgrader="solution" grade_id="q06"
### BEGIN SOLUTION
q06 = "a"
### END SOLUTION

# %% nbgrader="tests" grade_id="q06_tests" points=1
assert type(q06) is str and q06.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "b": _(
        en="Adam and an L2 penalty combine fine (lesson 3 trains them); the penalty is just rescaled per weight. The right answer: AdamW decouples the decay from Adam's per-weight scaling.",
        fr="Adam et une pénalité L2 se combinent (la leçon 3 les entraîne) ; la pénalité est simplement remise à l'échelle par poids. La bonne réponse : AdamW découple la décroissance de la mise à l'échelle d'Adam par poids.",
    ),
    "c": _(
        en="Adding the decay to the gradient is L2 in the loss, the coupled form AdamW avoids. The right answer: AdamW decouples the decay from Adam's per-weight scaling.",
        fr="Ajouter la décroissance au gradient, c'est la L2 dans la perte, la forme couplée qu'AdamW évite. La bonne réponse : AdamW découple la décroissance de la mise à l'échelle d'Adam par poids.",
    ),
    "d": _(
        en="Keras multiplies the decay by the learning rate: w -= lr · weight_decay · w (lesson 3). The right answer: AdamW decouples the decay from Adam's per-weight scaling.",
        fr="Keras multiplie la décroissance par le taux d'apprentissage : w -= lr · weight_decay · w (leçon 3). La bonne réponse : AdamW découple la décroissance de la mise à l'échelle d'Adam par poids.",
    ),
}
assert str.lower(str.strip(q06)) == "a", _why.get(str.lower(str.strip(q06)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 7
#
# `keras.layers.Dropout(0.2)` is called with `training=True` on an input whose values are all 3.0. Which value does a kept unit output?
#
# - **a)** 2.4
# - **b)** 3.0
# - **c)** 3.75
# - **d)** 15.0

# %% [markdown] lang="fr"
# ### Question 7
#
# `keras.layers.Dropout(0.2)` est appelée avec `training=True` sur une entrée dont toutes les valeurs valent 3,0. Quelle valeur sort d'une unité conservée ?
#
# - **a)** 2,4
# - **b)** 3,0
# - **c)** 3,75
# - **d)** 15,0

# %% nbgrader="solution" grade_id="q07"
### BEGIN SOLUTION
q07 = "c"
### END SOLUTION

# %% nbgrader="tests" grade_id="q07_tests" points=1
assert type(q07) is str and q07.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="Multiplying by 1 - rate is the original paper's scaling at inference; Keras divides kept values by 1 - rate in training. The right answer: 3.0 / (1 - 0.2) = 3.75.",
        fr="Multiplier par 1 - rate est la mise à l'échelle à l'inférence de l'article original ; Keras divise les valeurs conservées par 1 - rate à l'entraînement. La bonne réponse : 3,0 / (1 - 0,2) = 3,75.",
    ),
    "b": _(
        en="Keras's dropout is inverted: kept values are divided by 1 - rate = 0.8. The right answer: 3.0 / (1 - 0.2) = 3.75.",
        fr="Le dropout de Keras est inversé : les valeurs conservées sont divisées par 1 - rate = 0,8. La bonne réponse : 3,0 / (1 - 0,2) = 3,75.",
    ),
    "d": _(
        en="rate is the fraction dropped: divide by 1 - rate = 0.8, not by rate. The right answer: 3.0 / (1 - 0.2) = 3.75.",
        fr="rate est la fraction abandonnée : on divise par 1 - rate = 0,8, pas par rate. La bonne réponse : 3,0 / (1 - 0,2) = 3,75.",
    ),
}
assert str.lower(str.strip(q07)) == "c", _why.get(str.lower(str.strip(q07)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 8
#
# What does a Dropout layer do at inference (`model.predict`)?
#
# - **a)** It drops the same fraction of units as in training.
# - **b)** It multiplies its inputs by 1 - rate to keep their mean.
# - **c)** It divides its inputs by 1 - rate, as in training.
# - **d)** Nothing: it returns its input unchanged.

# %% [markdown] lang="fr"
# ### Question 8
#
# Que fait une couche Dropout à l'inférence (`model.predict`) ?
#
# - **a)** Elle abandonne la même fraction d'unités qu'à l'entraînement.
# - **b)** Elle multiplie ses entrées par 1 - rate pour garder leur moyenne.
# - **c)** Elle divise ses entrées par 1 - rate, comme à l'entraînement.
# - **d)** Rien : elle renvoie son entrée inchangée.

# %% nbgrader="solution" grade_id="q08"
### BEGIN SOLUTION
q08 = "d"
### END SOLUTION

# %% nbgrader="tests" grade_id="q08_tests" points=1
assert type(q08) is str and q08.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="Dropout is active in training only; Monte Carlo dropout turns it on at inference on purpose (lesson 4). The right answer: At inference, Keras's Dropout is the identity.",
        fr="Le dropout n'agit qu'à l'entraînement ; le dropout Monte-Carlo l'active exprès à l'inférence (leçon 4). La bonne réponse : À l'inférence, le Dropout de Keras est l'identité.",
    ),
    "b": _(
        en="That is the original paper's scheme; Keras's inverted dropout already scaled in training. The right answer: At inference, Keras's Dropout is the identity.",
        fr="C'est le schéma de l'article original ; le dropout inversé de Keras a déjà mis à l'échelle à l'entraînement. La bonne réponse : À l'inférence, le Dropout de Keras est l'identité.",
    ),
    "c": _(
        en="The division by 1 - rate happens in training only, on the kept values. The right answer: At inference, Keras's Dropout is the identity.",
        fr="La division par 1 - rate n'a lieu qu'à l'entraînement, sur les valeurs conservées. La bonne réponse : À l'inférence, le Dropout de Keras est l'identité.",
    ),
}
assert str.lower(str.strip(q08)) == "d", _why.get(str.lower(str.strip(q08)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 9
#
# Which statistics does BatchNormalization use at inference?
#
# - **a)** The mean and variance of the current batch.
# - **b)** The mean and variance of the last training batch.
# - **c)** The mean and variance of the whole test set.
# - **d)** Its moving mean and variance, from training.

# %% [markdown] lang="fr"
# ### Question 9
#
# Quelles statistiques BatchNormalization utilise-t-elle à l'inférence ?
#
# - **a)** La moyenne et la variance du lot courant.
# - **b)** La moyenne et la variance du tout dernier lot d'entraînement vu.
# - **c)** La moyenne et la variance de tout le jeu de test.
# - **d)** Sa moyenne et sa variance mobiles, issues de l'entraînement.

# %% nbgrader="solution" grade_id="q09"
### BEGIN SOLUTION
q09 = "d"
### END SOLUTION

# %% nbgrader="tests" grade_id="q09_tests" points=1
assert type(q09) is str and q09.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="That is training mode (training=True); at inference a prediction must not depend on the other examples of the batch. The right answer: It normalizes with moving_mean and moving_variance.",
        fr="C'est le mode entraînement (training=True) ; à l'inférence, une prédiction ne doit pas dépendre des autres exemples du lot. La bonne réponse : Elle normalise avec moving_mean et moving_variance.",
    ),
    "b": _(
        en="The moving averages cover many batches, weighted by momentum, not only the last one. The right answer: It normalizes with moving_mean and moving_variance.",
        fr="Les moyennes mobiles portent sur de nombreux lots, pondérés par le momentum, pas seulement le dernier. La bonne réponse : Elle normalise avec moving_mean et moving_variance.",
    ),
    "c": _(
        en="Keras never computes statistics of the test set; it uses the moving averages learned in training. The right answer: It normalizes with moving_mean and moving_variance.",
        fr="Keras ne calcule jamais de statistiques du jeu de test ; il utilise les moyennes mobiles apprises à l'entraînement. La bonne réponse : Elle normalise avec moving_mean et moving_variance.",
    ),
}
assert str.lower(str.strip(q09)) == "d", _why.get(str.lower(str.strip(q09)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 10
#
# A `BatchNormalization(momentum=0.99)` layer starts with a moving mean of 0 and is called 100 times with `training=True` on batches whose mean is 10. What is its moving mean then (to two decimals)?
#
# - **a)** 6.34
# - **b)** 10.00
# - **c)** 3.66
# - **d)** 9.90

# %% [markdown] lang="fr"
# ### Question 10
#
# Une couche `BatchNormalization(momentum=0.99)` part d'une moyenne mobile nulle et est appelée 100 fois avec `training=True` sur des lots de moyenne 10. Que vaut alors sa moyenne mobile (à deux décimales) ?
#
# - **a)** 6,34
# - **b)** 10,00
# - **c)** 3,66
# - **d)** 9,90

# %% nbgrader="solution" grade_id="q10"
### BEGIN SOLUTION
q10 = "a"
### END SOLUTION

# %% nbgrader="tests" grade_id="q10_tests" points=1
assert type(q10) is str and q10.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "b": _(
        en="Each step keeps 99 % of the old value: after n steps the mean is 10 · (1 - 0.99**n). In PyTorch momentum is the new batch's weight, the opposite convention. The right answer: 10 · (1 - 0.99**100) ≈ 6.34.",
        fr="Chaque pas garde 99 % de l'ancienne valeur : après n pas la moyenne vaut 10 · (1 - 0,99**n). Dans PyTorch, momentum est le poids du nouveau lot, la convention inverse. La bonne réponse : 10 · (1 - 0,99**100) ≈ 6,34.",
    ),
    "c": _(
        en="10 · 0.99**100 is the share still missing; the moving mean is 10 · (1 - 0.99**100). The right answer: 10 · (1 - 0.99**100) ≈ 6.34.",
        fr="10 · 0,99**100 est la part qui manque encore ; la moyenne mobile vaut 10 · (1 - 0,99**100). La bonne réponse : 10 · (1 - 0,99**100) ≈ 6,34.",
    ),
    "d": _(
        en="The update is applied at every step, not once: 10 · (1 - 0.99**100). The right answer: 10 · (1 - 0.99**100) ≈ 6.34.",
        fr="La mise à jour a lieu à chaque pas, pas une seule fois : 10 · (1 - 0,99**100). La bonne réponse : 10 · (1 - 0,99**100) ≈ 6,34.",
    ),
}
assert str.lower(str.strip(q10)) == "a", _why.get(str.lower(str.strip(q10)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 11
#
# Which weights of a BatchNormalization layer does the optimizer update by gradient descent?
#
# - **a)** moving_mean and moving_variance
# - **b)** All four: gamma, beta and the moving statistics
# - **c)** gamma and beta
# - **d)** None: normalization has nothing to learn

# %% [markdown] lang="fr"
# ### Question 11
#
# Quels poids d'une couche BatchNormalization l'optimiseur met-il à jour par descente de gradient ?
#
# - **a)** moving_mean et moving_variance
# - **b)** Les quatre : gamma, beta et les statistiques mobiles
# - **c)** gamma et beta
# - **d)** Aucun : la normalisation n'a rien à apprendre

# %% nbgrader="solution" grade_id="q11"
### BEGIN SOLUTION
q11 = "c"
### END SOLUTION

# %% nbgrader="tests" grade_id="q11_tests" points=1
assert type(q11) is str and q11.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="The moving statistics are updated by a moving average in training mode, not by the optimizer. The right answer: Only gamma and beta are trainable.",
        fr="Les statistiques mobiles sont mises à jour par une moyenne mobile en mode entraînement, pas par l'optimiseur. La bonne réponse : Seuls gamma et beta sont entraînables.",
    ),
    "b": _(
        en="moving_mean and moving_variance are non-trainable weights. The right answer: Only gamma and beta are trainable.",
        fr="moving_mean et moving_variance sont des poids non entraînables. La bonne réponse : Seuls gamma et beta sont entraînables.",
    ),
    "d": _(
        en="gamma (scale) and beta (shift) are trainable. The right answer: Only gamma and beta are trainable.",
        fr="gamma (échelle) et beta (décalage) sont entraînables. La bonne réponse : Seuls gamma et beta sont entraînables.",
    ),
}
assert str.lower(str.strip(q11)) == "c", _why.get(str.lower(str.strip(q11)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 12
#
# How many trainable parameters has `Sequential([Input((20,)), Dense(64), BatchNormalization(), Dense(10)])`?
#
# - **a)** 2,250
# - **b)** 2,122
# - **c)** 1,994
# - **d)** 2,048

# %% [markdown] lang="fr"
# ### Question 12
#
# Combien de paramètres entraînables a `Sequential([Input((20,)), Dense(64), BatchNormalization(), Dense(10)])` ?
#
# - **a)** 2 250
# - **b)** 2 122
# - **c)** 1 994
# - **d)** 2 048

# %% nbgrader="solution" grade_id="q12"
### BEGIN SOLUTION
q12 = "b"
### END SOLUTION

# %% nbgrader="tests" grade_id="q12_tests" points=1
assert type(q12) is str and q12.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="2,250 counts the 128 moving statistics, which are not trainable. The right answer: 20·64 + 64 + 2·64 + 64·10 + 10 = 2,122.",
        fr="2 250 compte les 128 statistiques mobiles, qui ne sont pas entraînables. La bonne réponse : 20·64 + 64 + 2·64 + 64·10 + 10 = 2 122.",
    ),
    "c": _(
        en="BatchNormalization has 64 gammas and 64 betas to train. The right answer: 20·64 + 64 + 2·64 + 64·10 + 10 = 2,122.",
        fr="BatchNormalization a 64 gammas et 64 betas à entraîner. La bonne réponse : 20·64 + 64 + 2·64 + 64·10 + 10 = 2 122.",
    ),
    "d": _(
        en="The biases are parameters too: 64 + 10 of them. The right answer: 20·64 + 64 + 2·64 + 64·10 + 10 = 2,122.",
        fr="Les biais sont aussi des paramètres : 64 + 10. La bonne réponse : 20·64 + 64 + 2·64 + 64·10 + 10 = 2 122.",
    ),
}
assert str.lower(str.strip(q12)) == "b", _why.get(str.lower(str.strip(q12)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 13
#
# `EarlyStopping(monitor='val_loss', patience=3)`: when does training stop?
#
# - **a)** After 3 epochs in a row where val_loss rose from the epoch before.
# - **b)** After 3 epochs in a row without beating the best val_loss so far.
# - **c)** After 3 epochs in a row in which the training loss did not fall.
# - **d)** At the first epoch worse than the best, once 3 epochs have passed.

# %% [markdown] lang="fr"
# ### Question 13
#
# `EarlyStopping(monitor='val_loss', patience=3)` : quand l'entraînement s'arrête-t-il ?
#
# - **a)** Après 3 époques d'affilée où val_loss a augmenté par rapport à l'époque précédente.
# - **b)** Après 3 époques d'affilée sans battre la meilleure val_loss jusque-là.
# - **c)** Après 3 époques d'affilée où la perte d'entraînement n'a pas baissé.
# - **d)** À la première époque pire que la meilleure, une fois 3 époques passées.

# %% nbgrader="solution" grade_id="q13"
### BEGIN SOLUTION
q13 = "b"
### END SOLUTION

# %% nbgrader="tests" grade_id="q13_tests" points=1
assert type(q13) is str and q13.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="Each epoch is compared with the best value seen, not with the epoch before (lesson 5). The right answer: It stops after patience epochs in a row without improving on the best.",
        fr="Chaque époque est comparée à la meilleure valeur vue, pas à l'époque précédente (leçon 5). La bonne réponse : Il s'arrête après patience époques d'affilée sans améliorer la meilleure.",
    ),
    "c": _(
        en="monitor='val_loss' watches the validation loss, not the training loss. The right answer: It stops after patience epochs in a row without improving on the best.",
        fr="monitor='val_loss' surveille la perte de validation, pas la perte d'entraînement. La bonne réponse : Il s'arrête après patience époques d'affilée sans améliorer la meilleure.",
    ),
    "d": _(
        en="That mixes up patience with start_from_epoch. The right answer: It stops after patience epochs in a row without improving on the best.",
        fr="C'est confondre patience et start_from_epoch. La bonne réponse : Il s'arrête après patience époques d'affilée sans améliorer la meilleure.",
    ),
}
assert str.lower(str.strip(q13)) == "b", _why.get(str.lower(str.strip(q13)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 14
#
# `EarlyStopping(monitor='val_loss', patience=2, restore_best_weights=True)` sees the validation losses 0.90, 0.70, 0.65, 0.66, 0.64, 0.67, 0.68, 0.69 at epochs 1 to 8. After which epoch does training stop, and which epoch's weights does the model keep?
#
# - **a)** Stops after 4, keeps 3
# - **b)** Stops after 7, keeps 7
# - **c)** Stops after 6, keeps 5
# - **d)** Stops after 7, keeps 5

# %% [markdown] lang="fr"
# ### Question 14
#
# `EarlyStopping(monitor='val_loss', patience=2, restore_best_weights=True)` voit les pertes de validation 0,90, 0,70, 0,65, 0,66, 0,64, 0,67, 0,68, 0,69 aux époques 1 à 8. Après quelle époque l'entraînement s'arrête-t-il, et de quelle époque le modèle garde-t-il les poids ?
#
# - **a)** Arrêt après 4, garde 3
# - **b)** Arrêt après 7, garde 7
# - **c)** Arrêt après 6, garde 5
# - **d)** Arrêt après 7, garde 5

# %% nbgrader="solution" grade_id="q14"
### BEGIN SOLUTION
q14 = "d"
### END SOLUTION

# %% nbgrader="tests" grade_id="q14_tests" points=1
assert type(q14) is str and q14.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="Epoch 4 is one epoch without improvement, and epoch 5 improves: the count starts again. The right answer: Best at epoch 5; epochs 6 and 7 do not improve, so it stops after 7 and restores epoch 5.",
        fr="L'époque 4 est une époque sans amélioration, et l'époque 5 améliore : le compte repart de zéro. La bonne réponse : Meilleure à l'époque 5 ; les époques 6 et 7 n'améliorent pas : arrêt après 7, poids de l'époque 5.",
    ),
    "b": _(
        en="restore_best_weights=True puts back the best epoch's weights, epoch 5's. The right answer: Best at epoch 5; epochs 6 and 7 do not improve, so it stops after 7 and restores epoch 5.",
        fr="restore_best_weights=True remet les poids de la meilleure époque, la 5. La bonne réponse : Meilleure à l'époque 5 ; les époques 6 et 7 n'améliorent pas : arrêt après 7, poids de l'époque 5.",
    ),
    "c": _(
        en="The best epoch does not count in the patience: epochs 6 and 7 are the two without improvement. The right answer: Best at epoch 5; epochs 6 and 7 do not improve, so it stops after 7 and restores epoch 5.",
        fr="La meilleure époque ne compte pas dans la patience : les époques 6 et 7 sont les deux sans amélioration. La bonne réponse : Meilleure à l'époque 5 ; les époques 6 et 7 n'améliorent pas : arrêt après 7, poids de l'époque 5.",
    ),
}
assert str.lower(str.strip(q14)) == "d", _why.get(str.lower(str.strip(q14)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 15
#
# `EarlyStopping(patience=5)`, its other arguments left at their defaults, stops training after epoch 40; the lowest val_loss was at epoch 35. Which is true?
#
# - **a)** The model holds epoch 35's weights: stopping puts back the best.
# - **b)** The model holds epoch 40's weights; restore_best_weights=True gives 35's.
# - **c)** The model holds epoch 35's weights, because training stopped at 35.
# - **d)** The model holds the weights it had before the first epoch.

# %% [markdown] lang="fr"
# ### Question 15
#
# `EarlyStopping(patience=5)`, ses autres arguments laissés par défaut, arrête l'entraînement après l'époque 40 ; la val_loss la plus basse était à l'époque 35. Qu'est-ce qui est vrai ?
#
# - **a)** Le modèle a les poids de l'époque 35 : l'arrêt remet les meilleurs.
# - **b)** Le modèle a les poids de l'époque 40 ; restore_best_weights=True donne ceux de la 35.
# - **c)** Le modèle a les poids de l'époque 35, car l'entraînement s'est arrêté à la 35.
# - **d)** Le modèle a les poids qu'il avait avant la première époque.

# %% nbgrader="solution" grade_id="q15"
### BEGIN SOLUTION
q15 = "b"
### END SOLUTION

# %% nbgrader="tests" grade_id="q15_tests" points=1
assert type(q15) is str and q15.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="restore_best_weights is False by default: the model keeps the last epoch's weights. The right answer: By default the model keeps the last epoch's weights.",
        fr="restore_best_weights vaut False par défaut : le modèle garde les poids de la dernière époque. La bonne réponse : Par défaut, le modèle garde les poids de la dernière époque.",
    ),
    "c": _(
        en="Training ran until epoch 40: it needed 5 epochs without improvement to know 35 was the best. The right answer: By default the model keeps the last epoch's weights.",
        fr="L'entraînement a duré jusqu'à l'époque 40 : il fallait 5 époques sans amélioration pour savoir que la 35 était la meilleure. La bonne réponse : Par défaut, le modèle garde les poids de la dernière époque.",
    ),
    "d": _(
        en="EarlyStopping never rolls back to the initial weights. The right answer: By default the model keeps the last epoch's weights.",
        fr="EarlyStopping ne revient jamais aux poids initiaux. La bonne réponse : Par défaut, le modèle garde les poids de la dernière époque.",
    ),
}
assert str.lower(str.strip(q15)) == "b", _why.get(str.lower(str.strip(q15)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 16
#
# An optimizer uses `keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=100, decay_rate=0.5)`. Which learning rate does it use after 200 optimizer steps (batches), in the second epoch?
#
# - **a)** 0.05
# - **b)** 0.1
# - **c)** 0.025
# - **d)** about 6e-62

# %% [markdown] lang="fr"
# ### Question 16
#
# Un optimiseur utilise `keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=100, decay_rate=0.5)`. Quel taux d'apprentissage utilise-t-il après 200 pas d'optimisation (lots), pendant la deuxième époque ?
#
# - **a)** 0,05
# - **b)** 0,1
# - **c)** 0,025
# - **d)** environ 6e-62

# %% nbgrader="solution" grade_id="q16"
### BEGIN SOLUTION
q16 = "c"
### END SOLUTION

# %% nbgrader="tests" grade_id="q16_tests" points=1
assert type(q16) is str and q16.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="The rate is multiplied by 0.5 every 100 steps: twice after 200 steps. The right answer: 0.1 · 0.5**(200/100) = 0.025.",
        fr="Le taux est multiplié par 0,5 tous les 100 pas : deux fois après 200 pas. La bonne réponse : 0,1 · 0,5**(200/100) = 0,025.",
    ),
    "b": _(
        en="A Keras schedule counts optimizer steps (batches), not epochs (lesson 7). The right answer: 0.1 · 0.5**(200/100) = 0.025.",
        fr="Un schedule Keras compte les pas d'optimisation (lots), pas les époques (leçon 7). La bonne réponse : 0,1 · 0,5**(200/100) = 0,025.",
    ),
    "d": _(
        en="decay_rate is applied once per decay_steps steps, not at every step: 0.1 · 0.5**(200/100). The right answer: 0.1 · 0.5**(200/100) = 0.025.",
        fr="decay_rate s'applique une fois par decay_steps pas, pas à chaque pas : 0,1 · 0,5**(200/100). La bonne réponse : 0,1 · 0,5**(200/100) = 0,025.",
    ),
}
assert str.lower(str.strip(q16)) == "c", _why.get(str.lower(str.strip(q16)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 17
#
# A step decay starts at 0.1 and halves every 10 epochs (epochs counted from 0). Which learning rate is used at epoch 25?
#
# - **a)** 0.0125
# - **b)** 0.025
# - **c)** 0.05
# - **d)** about 0.0177

# %% [markdown] lang="fr"
# ### Question 17
#
# Une décroissance par paliers part de 0,1 et est divisée par deux toutes les 10 époques (époques comptées à partir de 0). Quel taux d'apprentissage est utilisé à l'époque 25 ?
#
# - **a)** 0,0125
# - **b)** 0,025
# - **c)** 0,05
# - **d)** environ 0,0177

# %% nbgrader="solution" grade_id="q17"
### BEGIN SOLUTION
q17 = "b"
### END SOLUTION

# %% nbgrader="tests" grade_id="q17_tests" points=1
assert type(q17) is str and q17.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="Epoch 25 is after 2 drops (at 10 and 20), not 3: floor(25 / 10) = 2. The right answer: 0.1 · 0.5**floor(25/10) = 0.025.",
        fr="L'époque 25 vient après 2 paliers (à 10 et 20), pas 3 : floor(25 / 10) = 2. La bonne réponse : 0,1 · 0,5**floor(25/10) = 0,025.",
    ),
    "c": _(
        en="Two drops have happened, at epochs 10 and 20. The right answer: 0.1 · 0.5**floor(25/10) = 0.025.",
        fr="Deux paliers sont passés, aux époques 10 et 20. La bonne réponse : 0,1 · 0,5**floor(25/10) = 0,025.",
    ),
    "d": _(
        en="0.1 · 0.5**2.5 is a smooth decay; a step decay changes only every 10 epochs. The right answer: 0.1 · 0.5**floor(25/10) = 0.025.",
        fr="0,1 · 0,5**2,5 est une décroissance continue ; une décroissance par paliers ne change que toutes les 10 époques. La bonne réponse : 0,1 · 0,5**floor(25/10) = 0,025.",
    ),
}
assert str.lower(str.strip(q17)) == "b", _why.get(str.lower(str.strip(q17)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 18
#
# A `Dense(2)` layer is applied directly, without `Flatten`, to inputs of shape `(batch, 2, 15)`. What is its output shape?
#
# - **a)** `(batch, 2)`
# - **b)** An error: Dense needs 2-D inputs
# - **c)** `(batch, 2, 2)`
# - **d)** `(batch, 15, 2)`

# %% [markdown] lang="fr"
# ### Question 18
#
# Une couche `Dense(2)` est appliquée directement, sans `Flatten`, à des entrées de forme `(batch, 2, 15)`. Quelle est la forme de sa sortie ?
#
# - **a)** `(batch, 2)`
# - **b)** Une erreur : Dense veut des entrées 2-D
# - **c)** `(batch, 2, 2)`
# - **d)** `(batch, 15, 2)`

# %% nbgrader="solution" grade_id="q18"
### BEGIN SOLUTION
q18 = "c"
### END SOLUTION

# %% nbgrader="tests" grade_id="q18_tests" points=1
assert type(q18) is str and q18.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="Dense does not flatten its input: it acts on the last axis only (lesson 8). The right answer: Dense maps the last axis 15 → 2 and keeps the others.",
        fr="Dense n'aplatit pas son entrée : elle agit sur le dernier axe seulement (leçon 8). La bonne réponse : Dense transforme le dernier axe 15 → 2 et garde les autres.",
    ),
    "b": _(
        en="Keras 3's Dense accepts any rank and acts on the last axis. The right answer: Dense maps the last axis 15 → 2 and keeps the others.",
        fr="La Dense de Keras 3 accepte tout rang et agit sur le dernier axe. La bonne réponse : Dense transforme le dernier axe 15 → 2 et garde les autres.",
    ),
    "d": _(
        en="Dense acts on the last axis (15), not on the middle one. The right answer: Dense maps the last axis 15 → 2 and keeps the others.",
        fr="Dense agit sur le dernier axe (15), pas sur celui du milieu. La bonne réponse : Dense transforme le dernier axe 15 → 2 et garde les autres.",
    ),
}
assert str.lower(str.strip(q18)) == "c", _why.get(str.lower(str.strip(q18)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 19
#
# `Conv2D(8, 3)` (padding 'valid') is applied to 28×28×1 images, then a `Dense(10)` head. How many parameters has the `Dense(10)` after `Flatten()`, and after `GlobalAveragePooling2D()`?
#
# - **a)** 54,090 and 90
# - **b)** 7,850 and 90
# - **c)** 62,730 and 90
# - **d)** 54,090 and 54,090

# %% [markdown] lang="fr"
# ### Question 19
#
# `Conv2D(8, 3)` (padding 'valid') est appliquée à des images 28×28×1, puis une tête `Dense(10)`. Combien de paramètres a la `Dense(10)` après `Flatten()`, et après `GlobalAveragePooling2D()` ?
#
# - **a)** 54 090 et 90
# - **b)** 7 850 et 90
# - **c)** 62 730 et 90
# - **d)** 54 090 et 54 090

# %% nbgrader="solution" grade_id="q19"
### BEGIN SOLUTION
q19 = "a"
### END SOLUTION

# %% nbgrader="tests" grade_id="q19_tests" points=1
assert type(q19) is str and q19.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "b": _(
        en="Flatten sees the convolution's output, 26×26×8 = 5,408 values, not the 28×28 image. The right answer: 26·26·8·10 + 10 = 54,090; 8·10 + 10 = 90.",
        fr="Flatten voit la sortie de la convolution, 26×26×8 = 5 408 valeurs, pas l'image 28×28. La bonne réponse : 26·26·8·10 + 10 = 54 090 ; 8·10 + 10 = 90.",
    ),
    "c": _(
        en="'valid' padding shrinks 28 to 26; 'same' would keep 28. The right answer: 26·26·8·10 + 10 = 54,090; 8·10 + 10 = 90.",
        fr="Le padding 'valid' réduit 28 à 26 ; 'same' garderait 28. La bonne réponse : 26·26·8·10 + 10 = 54 090 ; 8·10 + 10 = 90.",
    ),
    "d": _(
        en="Global pooling leaves one value per channel, 8, so the head has 8·10 + 10 = 90 parameters. The right answer: 26·26·8·10 + 10 = 54,090; 8·10 + 10 = 90.",
        fr="Le pooling global laisse une valeur par canal, 8 : la tête a 8·10 + 10 = 90 paramètres. La bonne réponse : 26·26·8·10 + 10 = 54 090 ; 8·10 + 10 = 90.",
    ),
}
assert str.lower(str.strip(q19)) == "a", _why.get(str.lower(str.strip(q19)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 20
#
# The cell at the top of this quiz prints the lowest validation loss at epoch 15. In the learning curves it plots, what happens after epoch 15?
#
# - **a)** Underfitting: the model is too simple for the data.
# - **b)** A good fit: validation loss stays within 0.1 of its best.
# - **c)** Divergence: the learning rate is too large.
# - **d)** Overfitting: training loss falls, validation loss rises.

# %% [markdown] lang="fr"
# ### Question 20
#
# La cellule en haut de ce quiz affiche la perte de validation minimale à l'époque 15. Dans les courbes d'apprentissage qu'elle trace, que se passe-t-il après l'époque 15 ?
#
# - **a)** Sous-apprentissage : le modèle est trop simple pour les données.
# - **b)** Un bon ajustement : la perte de validation reste à moins de 0,1 de son minimum.
# - **c)** Divergence : le taux d'apprentissage est trop grand.
# - **d)** Surapprentissage : la perte d'entraînement baisse, celle de validation monte.

# %% nbgrader="solution" grade_id="q20"
### BEGIN SOLUTION
q20 = "d"
### END SOLUTION

# %% nbgrader="tests" grade_id="q20_tests" points=1
assert type(q20) is str and q20.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="Underfitting keeps both losses high; here training loss keeps falling. The right answer: Validation loss rises after epoch 15 while training loss still falls: the model memorizes its training set.",
        fr="Le sous-apprentissage garde les deux pertes hautes ; ici la perte d'entraînement continue de baisser. La bonne réponse : La perte de validation monte après l'époque 15 alors que celle d'entraînement baisse encore : le modèle mémorise son jeu d'entraînement.",
    ),
    "b": _(
        en="A validation loss that rises while training loss falls is the sign of overfitting, however small. The right answer: Validation loss rises after epoch 15 while training loss still falls: the model memorizes its training set.",
        fr="Une perte de validation qui monte pendant que celle d'entraînement baisse signe le surapprentissage, même faible. La bonne réponse : La perte de validation monte après l'époque 15 alors que celle d'entraînement baisse encore : le modèle mémorise son jeu d'entraînement.",
    ),
    "c": _(
        en="Divergence makes the training loss rise too; here it keeps falling. The right answer: Validation loss rises after epoch 15 while training loss still falls: the model memorizes its training set.",
        fr="Une divergence fait aussi monter la perte d'entraînement ; ici elle continue de baisser. La bonne réponse : La perte de validation monte après l'époque 15 alors que celle d'entraînement baisse encore : le modèle mémorise son jeu d'entraînement.",
    ),
}
assert str.lower(str.strip(q20)) == "d", _why.get(str.lower(str.strip(q20)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 21
#
# A weight `w = 1.0` receives a zero gradient. After one step of `keras.optimizers.AdamW(learning_rate=0.01, weight_decay=0.1)`, what is `w`?
#
# - **a)** 0.9
# - **b)** 0.99
# - **c)** 1.0
# - **d)** 0.999

# %% [markdown] lang="fr"
# ### Question 21
#
# Un poids `w = 1,0` reçoit un gradient nul. Après un pas de `keras.optimizers.AdamW(learning_rate=0.01, weight_decay=0.1)`, que vaut `w` ?
#
# - **a)** 0,9
# - **b)** 0,99
# - **c)** 1,0
# - **d)** 0,999

# %% nbgrader="solution" grade_id="q21"
### BEGIN SOLUTION
q21 = "d"
### END SOLUTION

# %% nbgrader="tests" grade_id="q21_tests" points=1
assert type(q21) is str and q21.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="Keras multiplies the decay by the learning rate: 1 - 0.01 · 0.1 = 0.999; 0.9 would be a paper's λ used alone (lesson 3). The right answer: w - lr · weight_decay · w = 1 - 0.001 = 0.999.",
        fr="Keras multiplie la décroissance par le taux d'apprentissage : 1 - 0,01 · 0,1 = 0,999 ; 0,9 serait le λ d'un article pris seul (leçon 3). La bonne réponse : w - lr · weight_decay · w = 1 - 0,001 = 0,999.",
    ),
    "b": _(
        en="The decay is lr · weight_decay · w = 0.001, not lr · w. The right answer: w - lr · weight_decay · w = 1 - 0.001 = 0.999.",
        fr="La décroissance vaut lr · weight_decay · w = 0,001, pas lr · w. La bonne réponse : w - lr · weight_decay · w = 1 - 0,001 = 0,999.",
    ),
    "c": _(
        en="AdamW's decay is decoupled from the gradient: it shrinks w even when the gradient is zero. The right answer: w - lr · weight_decay · w = 1 - 0.001 = 0.999.",
        fr="La décroissance d'AdamW est découplée du gradient : elle réduit w même quand le gradient est nul. La bonne réponse : w - lr · weight_decay · w = 1 - 0,001 = 0,999.",
    ),
}
assert str.lower(str.strip(q21)) == "d", _why.get(str.lower(str.strip(q21)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 22
#
# You tried four dropout rates. Which procedure tells you honestly which one helps, and how well the model will do?
#
# - **a)** Choose by validation loss, then measure the test set once.
# - **b)** Choose the rate with the lowest final training loss.
# - **c)** Choose by test accuracy, and report that same accuracy.
# - **d)** Choose the rate whose train-validation gap is smallest.

# %% [markdown] lang="fr"
# ### Question 22
#
# Vous avez essayé quatre taux de dropout. Quelle démarche dit honnêtement lequel aide, et ce que vaudra le modèle ?
#
# - **a)** Choisir par la perte de validation, puis mesurer le test une fois.
# - **b)** Choisir le taux de plus faible perte d'entraînement finale.
# - **c)** Choisir par l'exactitude de test, et annoncer cette exactitude.
# - **d)** Choisir le taux dont l'écart entraînement-validation est minimal.

# %% nbgrader="solution" grade_id="q22"
### BEGIN SOLUTION
q22 = "a"
### END SOLUTION

# %% nbgrader="tests" grade_id="q22_tests" points=1
assert type(q22) is str and q22.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "b": _(
        en="The training loss rewards memorizing: it favours the least regularized model (lesson 1). The right answer: Validation chooses, the test set measures once.",
        fr="La perte d'entraînement récompense la mémorisation : elle favorise le modèle le moins régularisé (leçon 1). La bonne réponse : La validation choisit, le test mesure une fois.",
    ),
    "c": _(
        en="Choosing on the test set makes its score optimistic: it is no longer an unseen set (lesson 9). The right answer: Validation chooses, the test set measures once.",
        fr="Choisir sur le jeu de test rend son score optimiste : ce n'est plus un jeu jamais vu (leçon 9). La bonne réponse : La validation choisit, le test mesure une fois.",
    ),
    "d": _(
        en="A small gap can come from underfitting: a model bad on both sets has no gap (lesson 9). The right answer: Validation chooses, the test set measures once.",
        fr="Un petit écart peut venir du sous-apprentissage : un modèle mauvais partout n'a pas d'écart (leçon 9). La bonne réponse : La validation choisit, le test mesure une fois.",
    ),
}
assert str.lower(str.strip(q22)) == "a", _why.get(str.lower(str.strip(q22)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 23
#
# You train a network with six values of the L2 factor λ, keep the one with the best **test** accuracy, and report that accuracy. What is true of the reported number?
#
# - **a)** It is unbiased: the test set was never used to train the weights.
# - **b)** It is optimistic only when far more values are tried, a hundred or more.
# - **c)** It is optimistic: the test set chose λ; choose on validation data.
# - **d)** It is pessimistic, since the six runs share the data and each sees less.

# %% [markdown] lang="fr"
# ### Question 23
#
# Vous entraînez un réseau avec six valeurs du facteur L2 λ, gardez celle qui a la meilleure exactitude de **test** et publiez cette exactitude. Qu'est-ce qui est vrai du chiffre publié ?
#
# - **a)** Il est sans biais : le jeu de test n'a jamais servi à entraîner les poids.
# - **b)** Il n'est optimiste que si l'on essaie bien plus de valeurs, une centaine ou plus.
# - **c)** Il est optimiste : le test a choisi λ ; choisissez sur la validation.
# - **d)** Il est pessimiste, car les six entraînements se partagent les données.

# %% nbgrader="solution" grade_id="q23"
### BEGIN SOLUTION
q23 = "c"
### END SOLUTION

# %% nbgrader="tests" grade_id="q23_tests" points=1
assert type(q23) is str and q23.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="Not training on it is not enough: keeping the best of six test scores keeps a lucky one, so the test set is no longer unseen (lesson 10). The right answer: Validation chooses λ, the test set measures the chosen model once.",
        fr="Ne pas s'en servir pour l'entraînement ne suffit pas : garder le meilleur de six scores de test garde un score chanceux, le jeu de test n'est plus un jeu jamais vu (leçon 10). La bonne réponse : La validation choisit λ, le jeu de test mesure une fois le modèle choisi.",
    ),
    "b": _(
        en="Even a choice between two values uses the test set: the bias grows with the number of values tried, it does not start at a threshold (lesson 10). The right answer: Validation chooses λ, the test set measures the chosen model once.",
        fr="Même un choix entre deux valeurs utilise le jeu de test : le biais croît avec le nombre de valeurs essayées, il ne commence pas à un seuil (leçon 10). La bonne réponse : La validation choisit λ, le jeu de test mesure une fois le modèle choisi.",
    ),
    "d": _(
        en="Every run trains on the same training set; tuning on the test set spends it, it removes no training data (lesson 10). The right answer: Validation chooses λ, the test set measures the chosen model once.",
        fr="Chaque entraînement utilise le même jeu d'entraînement ; régler sur le jeu de test use ce jeu, il ne retire aucune donnée d'entraînement (leçon 10). La bonne réponse : La validation choisit λ, le jeu de test mesure une fois le modèle choisi.",
    ),
}
assert str.lower(str.strip(q23)) == "c", _why.get(str.lower(str.strip(q23)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 24
#
# A validation curve plots the training and validation losses against the L2 factor λ (log scale). The training loss rises steadily with λ; the validation loss is high at the smallest λ, lowest in the middle, and high again at the largest λ. Where does the model overfit?
#
# - **a)** At the smallest λ, where the training loss is far below the validation loss.
# - **b)** At the largest λ, where both losses are high.
# - **c)** At the λ of lowest validation loss, since the model fits the validation set best there.
# - **d)** Nowhere: overfitting shows over epochs, not along λ.

# %% [markdown] lang="fr"
# ### Question 24
#
# Une courbe de validation trace les pertes d'entraînement et de validation en fonction du facteur L2 λ (échelle logarithmique). La perte d'entraînement croît régulièrement avec λ ; la perte de validation est haute au plus petit λ, minimale au milieu, et de nouveau haute au plus grand λ. Où le modèle surapprend-il ?
#
# - **a)** Au plus petit λ, où la perte d'entraînement est bien en dessous de celle de validation.
# - **b)** Au plus grand λ, où les deux pertes sont hautes.
# - **c)** Au λ de perte de validation minimale, puisque le modèle y colle le mieux aux données de validation.
# - **d)** Nulle part : le surapprentissage se voit au fil des époques, pas selon λ.

# %% nbgrader="solution" grade_id="q24"
### BEGIN SOLUTION
q24 = "a"
### END SOLUTION

# %% nbgrader="tests" grade_id="q24_tests" points=1
assert type(q24) is str and q24.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "b": _(
        en="High training and validation losses together are underfitting: the penalty is too strong for the model to fit even its training data (lesson 10). The right answer: Overfitting is a low training loss with a much higher validation loss: the small-λ end, where the penalty leaves the model free to fit noise.",
        fr="Des pertes d'entraînement et de validation hautes toutes les deux, c'est du sous-apprentissage : la pénalité est trop forte pour que le modèle apprenne même ses données d'entraînement (leçon 10). La bonne réponse : Le surapprentissage, c'est une perte d'entraînement basse et une perte de validation bien plus haute : l'extrémité des petits λ, où la pénalité laisse le modèle libre d'apprendre le bruit.",
    ),
    "c": _(
        en="That λ is the one to choose, not a sign of overfitting: the validation loss is lowest there (lesson 10). The right answer: Overfitting is a low training loss with a much higher validation loss: the small-λ end, where the penalty leaves the model free to fit noise.",
        fr="Ce λ est celui qu'il faut choisir, pas un signe de surapprentissage : la perte de validation y est minimale (leçon 10). La bonne réponse : Le surapprentissage, c'est une perte d'entraînement basse et une perte de validation bien plus haute : l'extrémité des petits λ, où la pénalité laisse le modèle libre d'apprendre le bruit.",
    ),
    "d": _(
        en="A validation curve shows the same trade-off as learning curves, along λ instead of epochs: less penalty, more capacity (lesson 10). The right answer: Overfitting is a low training loss with a much higher validation loss: the small-λ end, where the penalty leaves the model free to fit noise.",
        fr="Une courbe de validation montre le même compromis que les courbes d'apprentissage, selon λ au lieu des époques : moins de pénalité, plus de capacité (leçon 10). La bonne réponse : Le surapprentissage, c'est une perte d'entraînement basse et une perte de validation bien plus haute : l'extrémité des petits λ, où la pénalité laisse le modèle libre d'apprendre le bruit.",
    ),
}
assert str.lower(str.strip(q24)) == "a", _why.get(str.lower(str.strip(q24)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 25
#
# In the Bayesian view, minimizing a negative log-likelihood plus λ‖w‖² finds the most probable weights (MAP) under a prior on the weights. Which prior?
#
# - **a)** A uniform prior: the penalty only rescales the loss and changes no probability.
# - **b)** A Laplace prior, the one that sets weights exactly to zero.
# - **c)** A zero-mean Gaussian prior whose variance grows as λ grows.
# - **d)** A zero-mean Gaussian prior whose variance shrinks as λ grows.

# %% [markdown] lang="fr"
# ### Question 25
#
# Vu de façon bayésienne, minimiser une log-vraisemblance négative plus λ‖w‖² revient à trouver les poids les plus probables (MAP) sous une loi a priori sur les poids. Laquelle ?
#
# - **a)** Une loi uniforme : la pénalité ne fait que changer l'échelle de la perte.
# - **b)** Une loi de Laplace, celle qui met des poids exactement à zéro.
# - **c)** Une loi gaussienne centrée dont la variance croît quand λ croît.
# - **d)** Une loi gaussienne centrée dont la variance décroît quand λ croît.

# %% nbgrader="solution" grade_id="q25"
### BEGIN SOLUTION
q25 = "d"
### END SOLUTION

# %% nbgrader="tests" grade_id="q25_tests" points=1
assert type(q25) is str and q25.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="A uniform prior adds no penalty at all: MAP is then plain maximum likelihood (lesson 10). The right answer: -log of a zero-mean Gaussian density is w²/(2σ²) plus a constant, so λ = 1/(2σ²): a larger λ is a narrower prior.",
        fr="Une loi uniforme n'ajoute aucune pénalité : le MAP est alors le simple maximum de vraisemblance (leçon 10). La bonne réponse : -log d'une densité gaussienne centrée vaut w²/(2σ²) plus une constante, donc λ = 1/(2σ²) : un λ plus grand est une loi a priori plus étroite.",
    ),
    "b": _(
        en="The Laplace prior gives the L1 penalty λ|w|, not λw² (lesson 10). The right answer: -log of a zero-mean Gaussian density is w²/(2σ²) plus a constant, so λ = 1/(2σ²): a larger λ is a narrower prior.",
        fr="La loi de Laplace donne la pénalité L1 λ|w|, pas λw² (leçon 10). La bonne réponse : -log d'une densité gaussienne centrée vaut w²/(2σ²) plus une constante, donc λ = 1/(2σ²) : un λ plus grand est une loi a priori plus étroite.",
    ),
    "c": _(
        en="λ plays the role of 1/(2σ²): a stronger penalty holds the weights closer to zero, a narrower prior (lesson 10). The right answer: -log of a zero-mean Gaussian density is w²/(2σ²) plus a constant, so λ = 1/(2σ²): a larger λ is a narrower prior.",
        fr="λ joue le rôle de 1/(2σ²) : une pénalité plus forte tient les poids plus près de zéro, une loi a priori plus étroite (leçon 10). La bonne réponse : -log d'une densité gaussienne centrée vaut w²/(2σ²) plus une constante, donc λ = 1/(2σ²) : un λ plus grand est une loi a priori plus étroite.",
    ),
}
assert str.lower(str.strip(q25)) == "d", _why.get(str.lower(str.strip(q25)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 26
#
# A model begins with `keras.layers.RandomFlip()` and `keras.layers.RandomRotation(0.1)`. What do these two layers do to the images in `model.predict`?
#
# - **a)** They flip and rotate each image at random, as in fit, so predictions vary.
# - **b)** They apply their average transformation: half a flip and no rotation.
# - **c)** Nothing: outside training they return the images unchanged.
# - **d)** predict raises an error until the augmentation layers are removed.

# %% [markdown] lang="fr"
# ### Question 26
#
# Un modèle commence par `keras.layers.RandomFlip()` et `keras.layers.RandomRotation(0.1)`. Que font ces deux couches aux images dans `model.predict` ?
#
# - **a)** Elles retournent et tournent chaque image au hasard, comme dans fit : les prédictions varient.
# - **b)** Elles appliquent leur transformation moyenne : un demi-retournement, aucune rotation.
# - **c)** Rien : hors entraînement, elles renvoient les images inchangées.
# - **d)** predict lève une erreur tant que les couches d'augmentation sont là.

# %% nbgrader="solution" grade_id="q26"
### BEGIN SOLUTION
q26 = "c"
### END SOLUTION

# %% nbgrader="tests" grade_id="q26_tests" points=1
assert type(q26) is str and q26.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="predict calls the model with training=False, and the random image layers then pass their input through (lesson 11). The right answer: Augmentation layers act in training only; predict and evaluate call them with training=False and see the images as they are.",
        fr="predict appelle le modèle avec training=False, et les couches d'images aléatoires laissent alors passer leur entrée (leçon 11). La bonne réponse : Les couches d'augmentation n'agissent qu'à l'entraînement ; predict et evaluate les appellent avec training=False et voient les images telles quelles.",
    ),
    "b": _(
        en="There is no average transformation: outside training these layers do nothing (lesson 11). The right answer: Augmentation layers act in training only; predict and evaluate call them with training=False and see the images as they are.",
        fr="Il n'y a pas de transformation moyenne : hors entraînement, ces couches ne font rien (leçon 11). La bonne réponse : Les couches d'augmentation n'agissent qu'à l'entraînement ; predict et evaluate les appellent avec training=False et voient les images telles quelles.",
    ),
    "d": _(
        en="They can stay in the model: in predict they are the identity (lesson 11). The right answer: Augmentation layers act in training only; predict and evaluate call them with training=False and see the images as they are.",
        fr="Elles peuvent rester dans le modèle : dans predict, elles sont l'identité (leçon 11). La bonne réponse : Les couches d'augmentation n'agissent qu'à l'entraînement ; predict et evaluate les appellent avec training=False et voient les images telles quelles.",
    ),
}
assert str.lower(str.strip(q26)) == "c", _why.get(str.lower(str.strip(q26)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 27
#
# With 10 classes and `keras.losses.CategoricalCrossentropy(label_smoothing=0.1)`, which targets does the loss use for the true class and for each of the nine other classes?
#
# - **a)** 0.91 for the true class, 0.01 for each other class.
# - **b)** 0.9 for the true class, 0.1 for each other class.
# - **c)** 0.9 for the true class, 0.1/9 ≈ 0.0111 for each other class.
# - **d)** 0.99 for the true class, 0.001 for each other class.

# %% [markdown] lang="fr"
# ### Question 27
#
# Avec 10 classes et `keras.losses.CategoricalCrossentropy(label_smoothing=0.1)`, quelles cibles la perte utilise-t-elle pour la vraie classe et pour chacune des neuf autres ?
#
# - **a)** 0,91 pour la vraie classe, 0,01 pour chaque autre classe.
# - **b)** 0,9 pour la vraie classe, 0,1 pour chaque autre classe.
# - **c)** 0,9 pour la vraie classe, 0,1/9 ≈ 0,0111 pour chaque autre classe.
# - **d)** 0,99 pour la vraie classe, 0,001 pour chaque autre classe.

# %% nbgrader="solution" grade_id="q27"
### BEGIN SOLUTION
q27 = "a"
### END SOLUTION

# %% nbgrader="tests" grade_id="q27_tests" points=1
assert type(q27) is str and q27.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "b": _(
        en="The targets must still add up to 1, and 0.9 + 9 × 0.1 = 1.8 (lesson 11). The right answer: Keras mixes the one-hot target with the uniform one, y·(1 - 0.1) + 0.1/10: 0.9 + 0.01 = 0.91 for the true class, 0.01 for the others.",
        fr="Les cibles doivent toujours faire 1 en tout, et 0,9 + 9 × 0,1 = 1,8 (leçon 11). La bonne réponse : Keras mélange la cible one-hot et la cible uniforme, y·(1 - 0,1) + 0,1/10 : 0,9 + 0,01 = 0,91 pour la vraie classe, 0,01 pour les autres.",
    ),
    "c": _(
        en="That spreads 0.1 over the nine other classes only; Keras spreads it over all ten, the true class included (lesson 11). The right answer: Keras mixes the one-hot target with the uniform one, y·(1 - 0.1) + 0.1/10: 0.9 + 0.01 = 0.91 for the true class, 0.01 for the others.",
        fr="Cela répartit 0,1 sur les neuf autres classes seulement ; Keras le répartit sur les dix, vraie classe comprise (leçon 11). La bonne réponse : Keras mélange la cible one-hot et la cible uniforme, y·(1 - 0,1) + 0,1/10 : 0,9 + 0,01 = 0,91 pour la vraie classe, 0,01 pour les autres.",
    ),
    "d": _(
        en="label_smoothing=0.1 moves 0.1 of the target, not 0.01 (lesson 11). The right answer: Keras mixes the one-hot target with the uniform one, y·(1 - 0.1) + 0.1/10: 0.9 + 0.01 = 0.91 for the true class, 0.01 for the others.",
        fr="label_smoothing=0.1 déplace 0,1 de la cible, pas 0,01 (leçon 11). La bonne réponse : Keras mélange la cible one-hot et la cible uniforme, y·(1 - 0,1) + 0,1/10 : 0,9 + 0,01 = 0,91 pour la vraie classe, 0,01 pour les autres.",
    ),
}
assert str.lower(str.strip(q27)) == "a", _why.get(str.lower(str.strip(q27)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 28
#
# A PyTorch model uses `torch.nn.BatchNorm1d` with its default `momentum=0.1`. Which `keras.layers.BatchNormalization` setting updates the moving statistics in the same way?
#
# - **a)** `momentum=0.1`: the same name and number give the same update.
# - **b)** `momentum=0.9`
# - **c)** `momentum=0.99`, Keras' default, which matches PyTorch's default.
# - **d)** `momentum=0.01`, as the libraries weigh the batch the other way.

# %% [markdown] lang="fr"
# ### Question 28
#
# Un modèle PyTorch utilise `torch.nn.BatchNorm1d` avec son `momentum=0.1` par défaut. Quel réglage de `keras.layers.BatchNormalization` met à jour les statistiques mobiles de la même façon ?
#
# - **a)** `momentum=0.1` : le même nom et le même nombre donnent la même mise à jour.
# - **b)** `momentum=0.9`
# - **c)** `momentum=0.99`, la valeur par défaut de Keras, qui équivaut à celle de PyTorch.
# - **d)** `momentum=0.01`, puisque les bibliothèques pondèrent le lot en sens inverse.

# %% nbgrader="solution" grade_id="q28"
### BEGIN SOLUTION
q28 = "b"
### END SOLUTION

# %% nbgrader="tests" grade_id="q28_tests" points=1
assert type(q28) is str and q28.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="PyTorch's momentum is the weight of the new batch statistic, Keras' the weight of the old moving average (lesson 6). The right answer: PyTorch computes (1 - 0.1)·old + 0.1·batch; Keras computes momentum·old + (1 - momentum)·batch, so momentum=0.9.",
        fr="Le momentum de PyTorch est le poids de la nouvelle statistique du lot, celui de Keras le poids de l'ancienne moyenne mobile (leçon 6). La bonne réponse : PyTorch calcule (1 - 0,1)·ancien + 0,1·lot ; Keras calcule momentum·ancien + (1 - momentum)·lot, donc momentum=0.9.",
    ),
    "c": _(
        en="Keras' 0.99 keeps 99 % of the old average at each step: that is PyTorch's momentum=0.01 (lesson 6). The right answer: PyTorch computes (1 - 0.1)·old + 0.1·batch; Keras computes momentum·old + (1 - momentum)·batch, so momentum=0.9.",
        fr="Le 0,99 de Keras garde 99 % de l'ancienne moyenne à chaque pas : c'est le momentum=0.01 de PyTorch (leçon 6). La bonne réponse : PyTorch calcule (1 - 0,1)·ancien + 0,1·lot ; Keras calcule momentum·ancien + (1 - momentum)·lot, donc momentum=0.9.",
    ),
    "d": _(
        en="Keras' 0.01 would keep only 1 % of the old average, while PyTorch's 0.1 keeps 90 % of it (lesson 6). The right answer: PyTorch computes (1 - 0.1)·old + 0.1·batch; Keras computes momentum·old + (1 - momentum)·batch, so momentum=0.9.",
        fr="Le 0,01 de Keras ne garderait que 1 % de l'ancienne moyenne, alors que le 0,1 de PyTorch en garde 90 % (leçon 6). La bonne réponse : PyTorch calcule (1 - 0,1)·ancien + 0,1·lot ; Keras calcule momentum·ancien + (1 - momentum)·lot, donc momentum=0.9.",
    ),
}
assert str.lower(str.strip(q28)) == "b", _why.get(str.lower(str.strip(q28)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 29
#
# What does `keras.layers.LayerNormalization` do differently in training and in inference?
#
# - **a)** Like BatchNormalization, it uses batch statistics in training and moving statistics in inference.
# - **b)** Nothing: it normalizes each example over its features in both, with no moving statistics.
# - **c)** It normalizes over the batch in training and over each example's features in inference.
# - **d)** It only normalizes in training; in inference it returns its input unchanged, like dropout.

# %% [markdown] lang="fr"
# ### Question 29
#
# Que fait `keras.layers.LayerNormalization` de différent en entraînement et en inférence ?
#
# - **a)** Comme BatchNormalization, statistiques du lot à l'entraînement et statistiques mobiles en inférence.
# - **b)** Rien : elle normalise chaque exemple sur ses caractéristiques, sans statistiques mobiles.
# - **c)** Elle normalise sur le lot à l'entraînement et sur les caractéristiques de chaque exemple en inférence.
# - **d)** Elle ne normalise qu'à l'entraînement ; en inférence, elle renvoie son entrée, comme le dropout.

# %% nbgrader="solution" grade_id="q29"
### BEGIN SOLUTION
q29 = "b"
### END SOLUTION

# %% nbgrader="tests" grade_id="q29_tests" points=1
assert type(q29) is str and q29.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="LayerNormalization keeps no moving statistics: its weights are gamma and beta only (lesson 6). The right answer: It computes the mean and variance over the features of each example, the same way in training and inference; its only weights are gamma and beta.",
        fr="LayerNormalization ne garde aucune statistique mobile : ses seuls poids sont gamma et beta (leçon 6). La bonne réponse : Elle calcule la moyenne et la variance sur les caractéristiques de chaque exemple, de la même façon en entraînement et en inférence ; ses seuls poids sont gamma et beta.",
    ),
    "c": _(
        en="It never averages over the batch, in either mode: an example's output does not depend on the other examples (lesson 6). The right answer: It computes the mean and variance over the features of each example, the same way in training and inference; its only weights are gamma and beta.",
        fr="Elle ne fait jamais de moyenne sur le lot, dans aucun mode : la sortie d'un exemple ne dépend pas des autres exemples (leçon 6). La bonne réponse : Elle calcule la moyenne et la variance sur les caractéristiques de chaque exemple, de la même façon en entraînement et en inférence ; ses seuls poids sont gamma et beta.",
    ),
    "d": _(
        en="It normalizes at every call; layers such as Dropout and GaussianNoise are the ones that switch off outside training (lesson 6). The right answer: It computes the mean and variance over the features of each example, the same way in training and inference; its only weights are gamma and beta.",
        fr="Elle normalise à chaque appel ; ce sont des couches comme Dropout et GaussianNoise qui s'éteignent hors entraînement (leçon 6). La bonne réponse : Elle calcule la moyenne et la variance sur les caractéristiques de chaque exemple, de la même façon en entraînement et en inférence ; ses seuls poids sont gamma et beta.",
    ),
}
assert str.lower(str.strip(q29)) == "b", _why.get(str.lower(str.strip(q29)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 30
#
# A model has `keras.layers.GaussianNoise(0.1)` right after its input. What does this layer do in `model.predict`?
#
# - **a)** It adds noise of standard deviation 0.1, so two predictions of one image differ.
# - **b)** It adds the noise, then rescales by 1/(1 - 0.1), as dropout does.
# - **c)** It multiplies the inputs by 0.9 to make up for the noise seen in training.
# - **d)** It returns its input unchanged: the noise is only added in training.

# %% [markdown] lang="fr"
# ### Question 30
#
# Un modèle a une couche `keras.layers.GaussianNoise(0.1)` juste après son entrée. Que fait cette couche dans `model.predict` ?
#
# - **a)** Elle ajoute un bruit d'écart type 0,1 : deux prédictions d'une même image diffèrent.
# - **b)** Elle ajoute le bruit, puis remet à l'échelle par 1/(1 - 0,1), comme le dropout.
# - **c)** Elle multiplie les entrées par 0,9 pour compenser le bruit vu à l'entraînement.
# - **d)** Elle renvoie son entrée inchangée : le bruit n'est ajouté qu'à l'entraînement.

# %% nbgrader="solution" grade_id="q30"
### BEGIN SOLUTION
q30 = "d"
### END SOLUTION

# %% nbgrader="tests" grade_id="q30_tests" points=1
assert type(q30) is str and q30.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
_why = {
    "a": _(
        en="predict calls the layer with training=False, and GaussianNoise then adds nothing (lesson 11). The right answer: GaussianNoise adds noise only when training is true; predict calls it with training=False, so it is the identity.",
        fr="predict appelle la couche avec training=False, et GaussianNoise n'ajoute alors rien (leçon 11). La bonne réponse : GaussianNoise n'ajoute du bruit que si training est vrai ; predict l'appelle avec training=False : elle est alors l'identité.",
    ),
    "b": _(
        en="The 1/(1 - rate) rescaling is dropout's, in training; noise of mean 0 added to the input needs no rescaling (lesson 11). The right answer: GaussianNoise adds noise only when training is true; predict calls it with training=False, so it is the identity.",
        fr="La remise à l'échelle par 1/(1 - taux) est celle du dropout, à l'entraînement ; un bruit de moyenne nulle ajouté à l'entrée n'en demande aucune (leçon 11). La bonne réponse : GaussianNoise n'ajoute du bruit que si training est vrai ; predict l'appelle avec training=False : elle est alors l'identité.",
    ),
    "c": _(
        en="Added noise of mean 0 leaves the mean of the inputs unchanged, so there is nothing to make up for (lesson 11). The right answer: GaussianNoise adds noise only when training is true; predict calls it with training=False, so it is the identity.",
        fr="Un bruit ajouté de moyenne nulle ne change pas la moyenne des entrées : il n'y a rien à compenser (leçon 11). La bonne réponse : GaussianNoise n'ajoute du bruit que si training est vrai ; predict l'appelle avec training=False : elle est alors l'identité.",
    ),
}
assert str.lower(str.strip(q30)) == "d", _why.get(str.lower(str.strip(q30)), "")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Written question (2 points, graded by hand)
#
# Pick one of the misconceptions in this quiz's wrong answers. In two or three sentences,
# explain why it is wrong and what would go wrong in practice if you built a model on it.

# %% [markdown] lang="fr"
# ### Question rédigée (2 points, corrigée à la main)
#
# Choisissez l'une des idées fausses proposées parmi les mauvaises réponses de ce quiz. En deux
# ou trois phrases, expliquez pourquoi elle est fausse et ce qui se passerait en pratique si
# l'on construisait un modèle en s'y fiant.

# %% [markdown] lang="en" nbgrader="manual" grade_id="misconception" points=2
# Example: "batch normalization uses the batch statistics at inference" is wrong; Keras
# normalizes with the moving mean and variance accumulated in training. If it used the batch
# statistics, a prediction would change with the other examples in the batch, and a batch of
# one example would be normalized to zero, so single predictions would be meaningless.

# %% [markdown] lang="fr" nbgrader="manual" grade_id="misconception" points=2
# Exemple : « la normalisation par lots utilise les statistiques du lot à l'inférence » est
# faux ; Keras normalise avec la moyenne et la variance mobiles accumulées à l'entraînement.
# S'il utilisait les statistiques du lot, une prédiction changerait selon les autres exemples du
# lot, et un lot d'un seul exemple serait normalisé à zéro : les prédictions isolées
# n'auraient plus de sens.

# %% [markdown] lang="en"
# ## Key points
#
# Every wrong answer above is a misconception that appears in real tutorials. When in doubt,
# do what this course did: build the smallest example and ask Keras.

# %% [markdown] lang="fr"
# ## À retenir
#
# Chaque mauvaise réponse ci-dessus est une idée fausse qu'on trouve dans de vrais tutoriels.
# Dans le doute, faites comme ce cours : construisez le plus petit exemple possible et
# interrogez Keras.
