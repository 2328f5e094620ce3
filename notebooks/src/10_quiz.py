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
# is a letter; the grading checks whether it is the right one and explains why in the
# feedback. Each question is worth 1 point.

# %% [markdown] lang="fr"
# # Quiz final — régularisation et normalisation
#
# **Objectif.** Vérifier, question par question, que vous savez distinguer les affirmations
# vraies sur la régularisation des idées reçues croisées dans ce cours. Chaque question a
# exactement une bonne réponse ; affectez à la variable de la question la lettre de votre
# choix, par exemple `q01 = "b"`, puis exécutez la cellule de test qui suit. Le test visible
# vérifie seulement que votre réponse est une lettre ; la correction vérifie si c'est la bonne
# et en donne la raison dans le retour. Chaque question vaut 1 point.

# %%
import coursetools as ct  # the course helpers: language, seeds, plot style

ct.setup(_(en="en", fr="fr"), keras=False)

import matplotlib.pyplot as plt
import numpy as np

# %% [markdown] lang="en"
# The curves below (made-up but typical numbers) are used by one of the questions.

# %% [markdown] lang="fr"
# Les courbes ci-dessous (chiffres inventés mais typiques) servent à l'une des questions.

# %%
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
# - **a)** L1 makes the weights binary: every weight ends up 0 or 1.
# - **b)** L1 pushes many weights to (or very near) zero, giving a sparse model; L2 shrinks all weights without zeroing them.
# - **c)** L2 gives sparser weights than L1.
# - **d)** L1 and L2 have the same effect; only their names differ.

# %% [markdown] lang="fr"
# ### Question 1
#
# Quelle affirmation sur les pénalités L1 et L2 est vraie ?
#
# - **a)** L1 rend les poids binaires : chaque poids finit à 0 ou à 1.
# - **b)** L1 pousse beaucoup de poids à zéro (ou tout près), ce qui donne un modèle creux ; L2 réduit tous les poids sans les annuler.
# - **c)** L2 donne des poids plus creux que L1.
# - **d)** L1 et L2 ont le même effet ; seuls leurs noms diffèrent.

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
assert type(q01) is str and str.lower(str.strip(q01)) == "b", _(
    en="L1's constant pull toward zero zeroes small weights (sparsity); L2's pull is proportional to the weight, so it shrinks without zeroing. Nothing makes weights binary.",
    fr="L'attraction constante de L1 vers zéro annule les petits poids (parcimonie) ; celle de L2 est proportionnelle au poids, elle les réduit sans les annuler. Rien ne rend les poids binaires.",
)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 2
#
# In Keras 3, what penalty does `keras.regularizers.L2(0.01)` add for a weight tensor `w`?
#
# - **a)** `0.005 * sum(w**2)` (with a 1/2 factor)
# - **b)** `0.01 * sqrt(sum(w**2))`
# - **c)** `0.01 * sum(w**2)`
# - **d)** `0.01 * mean(w**2)`

# %% [markdown] lang="fr"
# ### Question 2
#
# En Keras 3, quelle pénalité `keras.regularizers.L2(0.01)` ajoute-t-elle pour un tenseur de poids `w` ?
#
# - **a)** `0.005 * sum(w**2)` (avec un facteur 1/2)
# - **b)** `0.01 * sqrt(sum(w**2))`
# - **c)** `0.01 * sum(w**2)`
# - **d)** `0.01 * mean(w**2)`

# %% nbgrader="solution" grade_id="q02"
### BEGIN SOLUTION
q02 = "c"
### END SOLUTION

# %% nbgrader="tests" grade_id="q02_tests" points=1
assert type(q02) is str and q02.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
assert type(q02) is str and str.lower(str.strip(q02)) == "c", _(
    en="Keras' L2 is l2 * sum(w**2): a sum of squares, no 1/2 factor, no mean, no square root.",
    fr="Le L2 de Keras vaut l2 * sum(w**2) : une somme de carrés, sans facteur 1/2, sans moyenne, sans racine.",
)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 3
#
# What does `activity_regularizer` penalize?
#
# - **a)** The layer's kernel.
# - **b)** The layer's bias.
# - **c)** The layer's input.
# - **d)** The layer's output.

# %% [markdown] lang="fr"
# ### Question 3
#
# Que pénalise `activity_regularizer` ?
#
# - **a)** Le noyau de la couche.
# - **b)** Le biais de la couche.
# - **c)** L'entrée de la couche.
# - **d)** La sortie de la couche.

# %% nbgrader="solution" grade_id="q03"
### BEGIN SOLUTION
q03 = "d"
### END SOLUTION

# %% nbgrader="tests" grade_id="q03_tests" points=1
assert type(q03) is str and q03.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
assert type(q03) is str and str.lower(str.strip(q03)) == "d", _(
    en="The activity regularizer is computed on the layer's output. (Lesson 2: in Keras 2.1.3, Layer.__call__ already penalized the output; only when a model was called on new tensors, as a layer of another model for instance, did Container.run_internal_graph penalize its layers' inputs, a bug fixed in 2.1.4.)",
    fr="La régularisation d'activité porte sur la sortie de la couche. (Leçon 2 : dans Keras 2.1.3, Layer.__call__ pénalisait déjà la sortie ; c'est seulement quand un modèle était appelé sur de nouveaux tenseurs, par exemple comme couche d'un autre modèle, que Container.run_internal_graph pénalisait les entrées de ses couches, un bogue corrigé dans la 2.1.4.)",
)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 4
#
# What is in `model.losses`?
#
# - **a)** The penalties of every regularizer in the model, which `fit` adds to the loss.
# - **b)** The training loss of each epoch.
# - **c)** The validation losses.
# - **d)** Only the kernel penalties; bias and activity penalties are never added.

# %% [markdown] lang="fr"
# ### Question 4
#
# Que contient `model.losses` ?
#
# - **a)** Les pénalités de toutes les régularisations du modèle, que `fit` ajoute à la perte.
# - **b)** La perte d'entraînement de chaque époque.
# - **c)** Les pertes de validation.
# - **d)** Seulement les pénalités des noyaux ; celles des biais et des activités ne sont jamais ajoutées.

# %% nbgrader="solution" grade_id="q04"
### BEGIN SOLUTION
q04 = "a"
### END SOLUTION

# %% nbgrader="tests" grade_id="q04_tests" points=1
assert type(q04) is str and q04.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
assert type(q04) is str and str.lower(str.strip(q04)) == "a", _(
    en="model.losses lists the regularization penalties (kernel, bias and activity); fit adds their sum to the loss. In a custom loop you add them yourself.",
    fr="model.losses liste les pénalités de régularisation (noyau, biais, activité) ; fit ajoute leur somme à la perte. Dans une boucle personnalisée, c'est à vous de les ajouter.",
)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 5
#
# With plain SGD (learning rate `lr`), an L2 penalty `λ·sum(w**2)` is equivalent to which weight decay per step, on top of the ordinary gradient step?
#
# - **a)** `w -= lr * λ * w`
# - **b)** `w -= 2 * lr * λ * w`
# - **c)** `w -= λ * w`
# - **d)** None: L2 and weight decay are never equivalent.

# %% [markdown] lang="fr"
# ### Question 5
#
# Avec une SGD simple (taux d'apprentissage `lr`), une pénalité L2 `λ·sum(w**2)` équivaut à quelle décroissance des poids par pas, en plus du pas de gradient ordinaire ?
#
# - **a)** `w -= lr * λ * w`
# - **b)** `w -= 2 * lr * λ * w`
# - **c)** `w -= λ * w`
# - **d)** Aucune : L2 et décroissance des poids ne sont jamais équivalentes.

# %% nbgrader="solution" grade_id="q05"
### BEGIN SOLUTION
q05 = "b"
### END SOLUTION

# %% nbgrader="tests" grade_id="q05_tests" points=1
assert type(q05) is str and q05.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
assert type(q05) is str and str.lower(str.strip(q05)) == "b", _(
    en="The gradient of λ·sum(w**2) is 2λw, and SGD multiplies it by lr: the decay is 2·lr·λ·w.",
    fr="Le gradient de λ·sum(w**2) vaut 2λw, et la SGD le multiplie par lr : la décroissance vaut 2·lr·λ·w.",
)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 6
#
# Why was AdamW introduced?
#
# - **a)** Adam cannot be combined with an L2 penalty at all.
# - **b)** AdamW is Adam with dropout built in.
# - **c)** With Adam, the penalty's gradient is divided by the adaptive per-weight scale, so weights are not decayed uniformly; AdamW decays the weights directly, decoupled from the gradient.
# - **d)** AdamW needs no learning rate.

# %% [markdown] lang="fr"
# ### Question 6
#
# Pourquoi AdamW a-t-il été introduit ?
#
# - **a)** Adam ne peut pas du tout être combiné à une pénalité L2.
# - **b)** AdamW est Adam avec du dropout intégré.
# - **c)** Avec Adam, le gradient de la pénalité est divisé par l'échelle adaptative de chaque poids, donc les poids ne décroissent pas uniformément ; AdamW fait décroître les poids directement, découplé du gradient.
# - **d)** AdamW n'a pas besoin de taux d'apprentissage.

# %% nbgrader="solution" grade_id="q06"
### BEGIN SOLUTION
q06 = "c"
### END SOLUTION

# %% nbgrader="tests" grade_id="q06_tests" points=1
assert type(q06) is str and q06.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
assert type(q06) is str and str.lower(str.strip(q06)) == "c", _(
    en="Adam rescales every gradient, the L2 term included; AdamW applies the decay to the weights outside the adaptive update.",
    fr="Adam remet à l'échelle chaque gradient, terme L2 compris ; AdamW applique la décroissance aux poids en dehors de la mise à jour adaptative.",
)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 7
#
# `keras.layers.Dropout(0.2)` is called with `training=True`. What happens to the values it keeps?
#
# - **a)** They are multiplied by 1 / (1 - 0.2) = 1.25.
# - **b)** They are unchanged.
# - **c)** They are multiplied by 0.8.
# - **d)** They are multiplied by 0.2.

# %% [markdown] lang="fr"
# ### Question 7
#
# On appelle `keras.layers.Dropout(0.2)` avec `training=True`. Que deviennent les valeurs conservées ?
#
# - **a)** Elles sont multipliées par 1 / (1 - 0,2) = 1,25.
# - **b)** Elles restent inchangées.
# - **c)** Elles sont multipliées par 0,8.
# - **d)** Elles sont multipliées par 0,2.

# %% nbgrader="solution" grade_id="q07"
### BEGIN SOLUTION
q07 = "a"
### END SOLUTION

# %% nbgrader="tests" grade_id="q07_tests" points=1
assert type(q07) is str and q07.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
assert type(q07) is str and str.lower(str.strip(q07)) == "a", _(
    en="Inverted dropout: kept values are divided by 1 - rate during training so that the expected sum is unchanged and inference needs no rescaling.",
    fr="Dropout inversé : les valeurs conservées sont divisées par 1 - rate pendant l'entraînement, pour que la somme attendue soit inchangée et que l'inférence n'ait rien à corriger.",
)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 8
#
# What does a Dropout layer do at inference (`model.predict`)?
#
# - **a)** It drops the same fraction of units as in training.
# - **b)** It multiplies its inputs by 1 - rate.
# - **c)** It drops a different random fraction each call.
# - **d)** Nothing: it returns its input unchanged.

# %% [markdown] lang="fr"
# ### Question 8
#
# Que fait une couche Dropout à l'inférence (`model.predict`) ?
#
# - **a)** Elle abandonne la même proportion d'unités qu'à l'entraînement.
# - **b)** Elle multiplie ses entrées par 1 - rate.
# - **c)** Elle abandonne une proportion aléatoire différente à chaque appel.
# - **d)** Rien : elle renvoie son entrée telle quelle.

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
assert type(q08) is str and str.lower(str.strip(q08)) == "d", _(
    en="Dropout is active only when training=True; at inference it is the identity (the rescaling already happened during training).",
    fr="Le dropout n'agit que si training=True ; à l'inférence, c'est l'identité (la remise à l'échelle a déjà eu lieu pendant l'entraînement).",
)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 9
#
# Which statistics does BatchNormalization use at inference?
#
# - **a)** The mean and variance of the current batch.
# - **b)** Its moving mean and moving variance, accumulated during training.
# - **c)** None: it is switched off at inference.
# - **d)** The mean and variance of the whole test set.

# %% [markdown] lang="fr"
# ### Question 9
#
# Quelles statistiques BatchNormalization utilise-t-elle à l'inférence ?
#
# - **a)** La moyenne et la variance du lot courant.
# - **b)** Sa moyenne mobile et sa variance mobile, accumulées pendant l'entraînement.
# - **c)** Aucune : elle est désactivée à l'inférence.
# - **d)** La moyenne et la variance de tout le jeu de test.

# %% nbgrader="solution" grade_id="q09"
### BEGIN SOLUTION
q09 = "b"
### END SOLUTION

# %% nbgrader="tests" grade_id="q09_tests" points=1
assert type(q09) is str and q09.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
assert type(q09) is str and str.lower(str.strip(q09)) == "b", _(
    en="At inference BatchNormalization normalizes with moving_mean and moving_variance, so a prediction does not depend on the other examples in the batch.",
    fr="À l'inférence, BatchNormalization normalise avec moving_mean et moving_variance : une prédiction ne dépend pas des autres exemples du lot.",
)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 10
#
# Which weights of a BatchNormalization layer does the optimizer update by gradient descent?
#
# - **a)** moving_mean and moving_variance
# - **b)** All four: gamma, beta, moving_mean, moving_variance
# - **c)** gamma and beta
# - **d)** None of them

# %% [markdown] lang="fr"
# ### Question 10
#
# Quels poids d'une couche BatchNormalization l'optimiseur met-il à jour par descente de gradient ?
#
# - **a)** moving_mean et moving_variance
# - **b)** Les quatre : gamma, beta, moving_mean, moving_variance
# - **c)** gamma et beta
# - **d)** Aucun

# %% nbgrader="solution" grade_id="q10"
### BEGIN SOLUTION
q10 = "c"
### END SOLUTION

# %% nbgrader="tests" grade_id="q10_tests" points=1
assert type(q10) is str and q10.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
assert type(q10) is str and str.lower(str.strip(q10)) == "c", _(
    en="gamma (scale) and beta (shift) are trainable; the moving statistics are non-trainable and updated by a moving average during training.",
    fr="gamma (échelle) et beta (décalage) sont entraînables ; les statistiques mobiles ne le sont pas et sont mises à jour par moyenne mobile pendant l'entraînement.",
)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 11
#
# `EarlyStopping(monitor='val_loss', patience=3)`: when does training stop?
#
# - **a)** After 3 epochs in a row in which val_loss rose compared with the previous epoch.
# - **b)** After 3 epochs in total.
# - **c)** As soon as val_loss exceeds 3.
# - **d)** After 3 epochs in a row without improving on the best val_loss seen so far.

# %% [markdown] lang="fr"
# ### Question 11
#
# `EarlyStopping(monitor='val_loss', patience=3)` : quand l'entraînement s'arrête-t-il ?
#
# - **a)** Après 3 époques de suite où val_loss a augmenté par rapport à l'époque précédente.
# - **b)** Après 3 époques en tout.
# - **c)** Dès que val_loss dépasse 3.
# - **d)** Après 3 époques de suite sans améliorer la meilleure val_loss vue jusque-là.

# %% nbgrader="solution" grade_id="q11"
### BEGIN SOLUTION
q11 = "d"
### END SOLUTION

# %% nbgrader="tests" grade_id="q11_tests" points=1
assert type(q11) is str and q11.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
assert type(q11) is str and str.lower(str.strip(q11)) == "d", _(
    en="Patience counts epochs since the last improvement over the best value, not since the last decrease.",
    fr="La patience compte les époques depuis la dernière amélioration de la meilleure valeur, pas depuis la dernière baisse.",
)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 12
#
# After `EarlyStopping(patience=5)` (other arguments at their defaults) stops training, which weights does the model hold?
#
# - **a)** Those of the last epoch trained.
# - **b)** Those of the best epoch.
# - **c)** The initial weights.
# - **d)** The average of the last 5 epochs' weights.

# %% [markdown] lang="fr"
# ### Question 12
#
# Après l'arrêt par `EarlyStopping(patience=5)` (autres arguments par défaut), quels poids le modèle contient-il ?
#
# - **a)** Ceux de la dernière époque entraînée.
# - **b)** Ceux de la meilleure époque.
# - **c)** Les poids initiaux.
# - **d)** La moyenne des poids des 5 dernières époques.

# %% nbgrader="solution" grade_id="q12"
### BEGIN SOLUTION
q12 = "a"
### END SOLUTION

# %% nbgrader="tests" grade_id="q12_tests" points=1
assert type(q12) is str and q12.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
assert type(q12) is str and str.lower(str.strip(q12)) == "a", _(
    en="restore_best_weights defaults to False: the model keeps the last epoch's weights unless you set it to True.",
    fr="restore_best_weights vaut False par défaut : le modèle garde les poids de la dernière époque, sauf si vous le mettez à True.",
)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 13
#
# A step decay starts at 0.1 and halves every 10 epochs (epochs counted from 0). Which learning rate is used at epoch 25?
#
# - **a)** 0.1
# - **b)** 0.05
# - **c)** 0.025
# - **d)** 0.0125

# %% [markdown] lang="fr"
# ### Question 13
#
# Une décroissance par paliers part de 0,1 et divise le taux par deux toutes les 10 époques (époques numérotées à partir de 0). Quel taux est utilisé à l'époque 25 ?
#
# - **a)** 0,1
# - **b)** 0,05
# - **c)** 0,025
# - **d)** 0,0125

# %% nbgrader="solution" grade_id="q13"
### BEGIN SOLUTION
q13 = "c"
### END SOLUTION

# %% nbgrader="tests" grade_id="q13_tests" points=1
assert type(q13) is str and q13.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
assert type(q13) is str and str.lower(str.strip(q13)) == "c", _(
    en="Epochs 0-9 use 0.1, 10-19 use 0.05, 20-29 use 0.025.",
    fr="Les époques 0 à 9 utilisent 0,1, 10 à 19 utilisent 0,05, 20 à 29 utilisent 0,025.",
)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 14
#
# A `Dense(2)` layer is applied directly, without `Flatten`, to inputs of shape `(batch, 2, 15)`. What is its output shape?
#
# - **a)** `(batch, 2)`
# - **b)** `(batch, 2, 2)`: Dense acts on the last axis only.
# - **c)** An error: Dense only accepts 2-D inputs.
# - **d)** `(batch, 30, 2)`

# %% [markdown] lang="fr"
# ### Question 14
#
# Une couche `Dense(2)` est appliquée directement, sans `Flatten`, à des entrées de forme `(lot, 2, 15)`. Quelle est la forme de sa sortie ?
#
# - **a)** `(lot, 2)`
# - **b)** `(lot, 2, 2)` : Dense n'agit que sur le dernier axe.
# - **c)** Une erreur : Dense n'accepte que des entrées à 2 dimensions.
# - **d)** `(lot, 30, 2)`

# %% nbgrader="solution" grade_id="q14"
### BEGIN SOLUTION
q14 = "b"
### END SOLUTION

# %% nbgrader="tests" grade_id="q14_tests" points=1
assert type(q14) is str and q14.strip().lower() in ("a", "b", "c", "d"), _(
    en='Answer with one letter between quotes: "a", "b", "c" or "d".',
    fr='Répondez par une lettre entre guillemets : "a", "b", "c" ou "d".',
)
print(_(en="Answer recorded.", fr="Réponse enregistrée."))
### BEGIN HIDDEN TESTS
assert type(q14) is str and str.lower(str.strip(q14)) == "b", _(
    en="Dense multiplies the last axis by its kernel and keeps the others: (batch, 2, 15) becomes (batch, 2, 2). Flatten or global pooling gives one vector per example.",
    fr="Dense multiplie le dernier axe par son noyau et garde les autres : (lot, 2, 15) devient (lot, 2, 2). Flatten ou un pooling global donne un vecteur par exemple.",
)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Question 15
#
# The cell above prints the lowest validation loss at epoch 15. In the learning curves it plots, what happens after epoch 15?
#
# - **a)** Underfitting: the model is too simple.
# - **b)** Overfitting: training loss keeps falling while validation loss rises.
# - **c)** A good fit: both losses fall together.
# - **d)** The learning rate is too small to learn anything.

# %% [markdown] lang="fr"
# ### Question 15
#
# La cellule ci-dessus affiche la perte de validation minimale à l'époque 15. Sur les courbes d'apprentissage qu'elle trace, que se passe-t-il après l'époque 15 ?
#
# - **a)** Sous-apprentissage : le modèle est trop simple.
# - **b)** Surapprentissage : la perte d'entraînement continue de baisser tandis que la perte de validation remonte.
# - **c)** Un bon ajustement : les deux pertes baissent ensemble.
# - **d)** Le taux d'apprentissage est trop faible pour apprendre quoi que ce soit.

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
assert type(q15) is str and str.lower(str.strip(q15)) == "b", _(
    en="Validation loss is lowest at epoch 15, as the cell prints, and rises afterwards while training loss still falls: the model memorizes its training set.",
    fr="La perte de validation est minimale à l'époque 15, comme l'affiche la cellule, puis remonte alors que la perte d'entraînement baisse encore : le modèle mémorise son jeu d'entraînement.",
)
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
