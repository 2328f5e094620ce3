# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] lang="en"
# # Lesson 9 — Putting it together: combining regularizers
#
# **Goal.** Tutorials often end with a network that stacks every remedy at once: a weight
# penalty, batch normalization and dropout. By the end of this lesson you can (1) compare
# such a combination with each technique alone, on the same data, with the same training
# procedure, watching training and validation together; (2) read the train/validation gap
# correctly, including where the learning curves mislead; and (3) diagnose why a combination
# that looks sensible fails (predicting the size of its penalty before any training), and
# build one that works. The rule of the lesson: **measure,
# don't assume**. Regularizers interact with each other, with the data size and with the
# number of training steps.

# %% [markdown] lang="fr"
# # Leçon 9 — Synthèse : combiner les régularisations
#
# **Objectif.** Les tutoriels se terminent souvent par un réseau qui empile tous les remèdes
# à la fois : une pénalité sur les poids, une normalisation par lots et du dropout. À la fin
# de cette leçon, vous saurez (1) comparer une telle combinaison à chaque technique prise
# seule, sur les mêmes données et avec la même procédure d'entraînement, en suivant
# ensemble l'entraînement et la validation ; (2) lire correctement l'écart entre
# entraînement et validation, y compris là où les courbes d'apprentissage trompent ; et
# (3) diagnostiquer pourquoi une combinaison d'apparence raisonnable échoue (en prédisant la
# taille de sa pénalité avant tout entraînement), puis en construire une qui fonctionne. La règle de la leçon : **mesurer, ne pas supposer**. Les
# régularisations interagissent entre elles, avec la taille des données et avec le nombre
# de pas d'entraînement.

# %%
import coursetools as ct  # en: first: it sets TensorFlow's options before TensorFlow loads # fr: en premier : il règle les options de TensorFlow avant que TensorFlow ne se charge

ct.setup(_(en="en", fr="fr"))

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

# %% [markdown] lang="en"
# ## 1. The data and the model to test
#
# We use scikit-learn's 8×8 handwritten digits (64 pixel features scaled to [0, 1], 10
# classes), shipped with scikit-learn so nothing is downloaded. To make overfitting show, we
# keep only **256 training images**, and 500 for validation.
#
# The model we want to test is a classic of Keras tutorials:
#
# ```python
# Dense(64, activation="relu", kernel_regularizer=keras.regularizers.l1_l2(l1=0.01, l2=0.01))
# BatchNormalization()
# Dropout(0.5)
# Dense(10, activation="softmax")
# # compiled with optimizer="adam", loss="categorical_crossentropy"
# ```
#
# `categorical_crossentropy` expects each label as a **one-hot** vector: a row of 10 values,
# all 0 except a 1 at the digit's position. `keras.utils.to_categorical` builds them from
# integer labels. (With integer labels, use `sparse_categorical_crossentropy` instead: the
# loss is the same, only the label format differs.)

# %% [markdown] lang="fr"
# ## 1. Les données et le modèle à tester
#
# Nous utilisons les chiffres manuscrits 8×8 de scikit-learn (64 pixels ramenés dans [0, 1],
# 10 classes), livrés avec scikit-learn : rien n'est téléchargé. Pour que le
# surapprentissage apparaisse, nous ne gardons que **256 images d'entraînement**, et 500
# pour la validation.
#
# Le modèle que nous voulons tester est un classique des tutoriels Keras :
#
# ```python
# Dense(64, activation="relu", kernel_regularizer=keras.regularizers.l1_l2(l1=0.01, l2=0.01))
# BatchNormalization()
# Dropout(0.5)
# Dense(10, activation="softmax")
# # compilé avec optimizer="adam", loss="categorical_crossentropy"
# ```
#
# `categorical_crossentropy` attend chaque étiquette sous forme d'un vecteur **one-hot** :
# une ligne de 10 valeurs, toutes nulles sauf un 1 à la position du chiffre.
# `keras.utils.to_categorical` les construit à partir des étiquettes entières. (Avec des
# étiquettes entières, on utilise `sparse_categorical_crossentropy` : la perte est la même,
# seul le format des étiquettes change.)

# %%
x_train, y_train, x_val, y_val = ct.load_digits_split(n_train=256)
y_train_1h = keras.utils.to_categorical(y_train, 10)
y_val_1h = keras.utils.to_categorical(y_val, 10)
print(_(en="training images:  ", fr="images d'entraînement :"), x_train.shape)
print(_(en="validation images:", fr="images de validation :  "), x_val.shape)
print(_(en="first label:", fr="première étiquette :"), int(y_train[0]), "->", y_train_1h[0])
print(_(en="images per digit (training):", fr="images par chiffre (entraînement) :"))
print(np.bincount(y_train, minlength=10))

# %% [markdown] lang="en"
# ## 2. One model builder, one training procedure
#
# A fair comparison changes one thing at a time. `make_model` builds the network above with
# any subset of its three ingredients (penalty, batch normalization, dropout); with none of
# them it is a plain `Dense(64) → Dense(10, softmax)` network. It calls `ct.reseed(seed)`
# first (seed 0 unless told otherwise), so every variant starts from the **same initial
# weights**. A detail matters here: a `Dropout` layer draws its own random seed when it is
# created, and each `Dense` layer draws its initial weights' seed when *it* is created. Had we created the output layer after the
# `Dropout` layer, the networks with dropout would start from a different output layer; so
# `make_model` creates both `Dense` layers first (the cell checks it). `train` compiles and
# trains any model in exactly the same way:
# - Adam with a learning rate of **0.01**. The source's `"adam"` means Adam with its default
#   rate of 0.001. With 256 images in batches of 64, an epoch is only 4 steps, and 30 epochs
#   are 120 steps: we take a rate ten times larger, the same for every variant, so that these
#   120 steps are enough for the plain network to fit its training set (the table of
#   section 3 shows a training accuracy of 1.000);
# - batches of 64, 30 epochs, and the validation set evaluated after every epoch;
# - besides the accuracy, a `crossentropy` metric. The reason: with a weight penalty, the
#   `loss` that Keras reports (`val_loss` included) is the cross-entropy **plus the
#   penalty** (lesson 2), so it cannot be compared across models with different penalties.
#   The metric is the cross-entropy alone.
#
# `accuracy(model, x, y)` measures an accuracy in **inference mode** (dropout off, batch
# normalization with its moving statistics): the number `model.evaluate` reports, obtained
# by calling the model once on the whole set.
#
# `model.fit` accepts NumPy arrays with `batch_size=64`; here we hand it ready-made
# `tf.data` pipelines instead, which spell out what happens to the data: the training
# images shuffled anew at each epoch (from the seed, so the same orders at every run), in
# batches of 64, and the whole validation set in one batch.

# %% [markdown] lang="fr"
# ## 2. Un constructeur de modèles, une procédure d'entraînement
#
# Une comparaison honnête ne change qu'une chose à la fois. `make_model` construit le réseau
# ci-dessus avec n'importe quel sous-ensemble de ses trois ingrédients (pénalité,
# normalisation par lots, dropout) ; sans aucun d'eux, c'est un simple réseau
# `Dense(64) → Dense(10, softmax)`. Elle appelle d'abord `ct.reseed(seed)` (graine 0 sauf
# indication contraire), si bien que toutes les variantes partent des **mêmes poids
# initiaux**. Un détail compte ici : une couche `Dropout` tire sa propre graine aléatoire au
# moment de sa création, et chaque couche `Dense` tire la graine de ses poids initiaux au
# moment de *sa* création. Si nous avions
# créé la couche de sortie après la couche `Dropout`, les réseaux avec dropout partiraient
# d'une autre couche de sortie ; `make_model` crée donc d'abord les deux couches `Dense` (la
# cellule le vérifie). `train` compile et entraîne n'importe quel modèle exactement de la
# même façon :
# - Adam avec un taux d'apprentissage de **0,01**. Le `"adam"` de la source désigne Adam avec
#   son taux par défaut, 0,001. Avec 256 images par lots de 64, une époque ne compte que
#   4 pas, et 30 époques font 120 pas : nous prenons un taux dix fois plus grand, le même
#   pour toutes les variantes, pour que ces 120 pas suffisent au réseau simple pour
#   s'ajuster à son jeu d'entraînement (le tableau de la section 3 montre une exactitude d'entraînement de
#   1,000) ;
# - des lots de 64, 30 époques, et le jeu de validation évalué après chaque époque ;
# - en plus de l'exactitude, une métrique `crossentropy`. La raison : avec une pénalité sur
#   les poids, la `loss` qu'affiche Keras (`val_loss` comprise) est l'entropie croisée
#   **plus la pénalité** (leçon 2) ; on ne peut donc pas la comparer entre des modèles aux
#   pénalités différentes. La métrique est l'entropie croisée seule.
#
# `accuracy(model, x, y)` mesure une exactitude en **mode inférence** (dropout inactif,
# normalisation par lots avec ses statistiques mobiles) : le nombre qu'affiche
# `model.evaluate`, obtenu en appelant le modèle une seule fois sur tout le jeu.
#
# `model.fit` accepte des tableaux NumPy avec `batch_size=64` ; ici, nous lui fournissons
# plutôt des pipelines `tf.data` tout prêts, qui disent en clair ce que deviennent les
# données : les images d'entraînement mélangées de nouveau à chaque époque (à partir de la
# graine, donc dans le même ordre à chaque exécution), par lots de 64, et tout le jeu de
# validation en un seul lot.


# %%
def make_model(penalty=None, batch_norm=False, dropout=0.0, seed=0):
    ct.reseed(seed)
    hidden = keras.layers.Dense(64, activation="relu", kernel_regularizer=penalty)
    # en: The output layer is created before Dropout (see above).
    # fr: La couche de sortie est créée avant Dropout (voir plus haut).
    output = keras.layers.Dense(10, activation="softmax")
    middle = [keras.layers.BatchNormalization()] if batch_norm else []
    middle += [keras.layers.Dropout(dropout)] if dropout else []
    return keras.Sequential([keras.Input((64,)), hidden, *middle, output])


def train(model, callbacks=()):
    model.compile(
        keras.optimizers.Adam(learning_rate=0.01),
        loss="categorical_crossentropy",
        metrics=["accuracy", keras.metrics.CategoricalCrossentropy(name="crossentropy")],
    )
    train_data = (
        tf.data.Dataset.from_tensor_slices((x_train, y_train_1h))
        .shuffle(len(x_train), seed=0)
        .batch(64)
    )
    val_data = tf.data.Dataset.from_tensor_slices((x_val, y_val_1h)).batch(len(x_val))
    # en: shuffle=False: the pipeline shuffles itself (fit ignores its own option for a
    # en: tf.data.Dataset).
    # fr: shuffle=False : le pipeline mélange lui-même (fit ignore sa propre option pour un
    # fr: tf.data.Dataset).
    return model.fit(
        train_data,
        validation_data=val_data,
        epochs=30,
        callbacks=list(callbacks),
        shuffle=False,
        verbose=0,
    )


def accuracy(model, x, y):
    probabilities = model(x, training=False)
    return float(np.mean(np.argmax(probabilities, axis=1) == y))


source = make_model(keras.regularizers.l1_l2(l1=0.01, l2=0.01), batch_norm=True, dropout=0.5)
plain = make_model()
print(_(en="layers:", fr="couches :"), [type(layer).__name__ for layer in source.layers])
print(_(en="parameters:", fr="paramètres :"), source.count_params())
print(
    _(
        en="same initial weights as the plain network:",
        fr="mêmes poids initiaux que le réseau simple :",
    ),
    all(
        np.array_equal(a, b)
        for a, b in zip(
            plain.get_weights(),
            source.layers[0].get_weights() + source.layers[3].get_weights(),
            strict=True,
        )
    ),
)

# %% [markdown] lang="en"
# ## 3. Six variants, one table, one figure
#
# We train six variants of the same network:
# 1. **none**: no regularization at all, the reference;
# 2. **L2 0.01**: the source's L2 term alone on the hidden kernel;
# 3. **dropout 0.5** after the hidden layer;
# 4. **batch norm.**: `BatchNormalization()` after the hidden layer, default settings;
# 5. **early stopping** on the plain network: `EarlyStopping(monitor="val_loss",
#    patience=3, min_delta=0.005, restore_best_weights=True)`, which stops after 3 epochs
#    without a decrease of more than 0.005, and gives back the weights of the best epoch;
# 6. **combination**: the source model above, all three together.
#
# For each one the table gives what the learning curves show (last epoch's training loss
# and accuracy, best and last validation loss and accuracy, the gap between training and
# validation accuracy at the last epoch; all losses are the `crossentropy` metric), and, in
# the last three columns, the accuracy of the trained model measured in inference mode on
# the training and the validation sets, and their difference. We will see in a moment why
# both are needed.

# %% [markdown] lang="fr"
# ## 3. Six variantes, un tableau, une figure
#
# Nous entraînons six variantes du même réseau :
# 1. **aucune** : aucune régularisation, la référence ;
# 2. **L2 0,01** : le terme L2 de la source, seul, sur le noyau de la couche cachée ;
# 3. **dropout 0,5** après la couche cachée ;
# 4. **norm. par lots** : `BatchNormalization()` après la couche cachée, réglages par
#    défaut ;
# 5. **arrêt précoce** sur le réseau simple : `EarlyStopping(monitor="val_loss",
#    patience=3, min_delta=0.005, restore_best_weights=True)`, qui arrête après 3 époques
#    sans baisse de plus de 0,005 et rend les poids de la meilleure époque ;
# 6. **combinaison** : le modèle source ci-dessus, les trois ensemble.
#
# Pour chacune, le tableau donne ce que montrent les courbes d'apprentissage (perte et
# exactitude d'entraînement à la dernière époque, meilleures et dernières perte et
# exactitude de validation, écart entre exactitude d'entraînement et de validation à la
# dernière époque ; toutes les pertes sont la métrique `crossentropy`) et, dans les trois
# dernières colonnes, l'exactitude du modèle entraîné mesurée en mode inférence sur le jeu
# d'entraînement et sur le jeu de validation, ainsi que leur différence. Nous verrons dans
# un instant pourquoi il faut les deux.

# %%
NONE = _(en="none", fr="aucune")
L2 = _(en="L2 0.01", fr="L2 0,01")
DROPOUT = _(en="dropout 0.5", fr="dropout 0,5")
BATCH_NORM = _(en="batch norm.", fr="norm. par lots")
EARLY_STOP = _(en="early stopping", fr="arrêt précoce")
COMBINATION = _(en="combination", fr="combinaison")

stopper = keras.callbacks.EarlyStopping(
    monitor="val_loss", patience=3, min_delta=0.005, restore_best_weights=True
)
variants = [
    (NONE, {}, []),
    (L2, {"penalty": keras.regularizers.l2(0.01)}, []),
    (DROPOUT, {"dropout": 0.5}, []),
    (BATCH_NORM, {"batch_norm": True}, []),
    (EARLY_STOP, {}, [stopper]),
    (
        COMBINATION,
        {
            "penalty": keras.regularizers.l1_l2(l1=0.01, l2=0.01),
            "batch_norm": True,
            "dropout": 0.5,
        },
        [],
    ),
]
models, histories = {}, {}
for name, options, callbacks in variants:
    models[name] = make_model(**options)
    histories[name] = train(models[name], callbacks)

print(
    f"{'':16}{'':>4} | {_(en='last training', fr='entr. (dernière)'):>16} | "
    f"{_(en='validation loss', fr='perte de validation'):>19} | "
    f"{_(en='validation acc.', fr='exactitude val.'):>15} | {_(en='curves', fr='courbes'):>7} | "
    f"{_(en='inference mode', fr='mode inférence'):>20}"
)
print(
    f"{_(en='variant', fr='variante'):16}{_(en='ep.', fr='ép.'):>4} | "
    f"{_(en='loss', fr='perte'):>7} {_(en='acc.', fr='exact.'):>8} | "
    f"{_(en='best (ep.)', fr='min (ép.)'):>11} {_(en='last', fr='dern.'):>7} | "
    f"{_(en='best', fr='max'):>7} {_(en='last', fr='dern.'):>7} | {_(en='gap', fr='écart'):>7} | "
    f"{_(en='train', fr='entr.'):>6} {'val.':>6} {_(en='gap', fr='écart'):>6}"
)
inference = {}
for name, history in histories.items():
    h = history.history
    best = int(np.argmin(h["val_crossentropy"]))
    inference[name] = (
        accuracy(models[name], x_train, y_train),
        accuracy(models[name], x_val, y_val),
    )
    if name == COMBINATION:
        continue  # en: its figures hang on rounding (see below the table) # fr: ses chiffres tiennent à l'arrondi (voir sous le tableau)
    # en: Batch normalization's validation loss with one decimal: the next ones move with
    # en: rounding (see below).
    # fr: La perte de validation de la normalisation par lots avec une décimale : les
    # fr: suivantes bougent avec l'arrondi (voir plus bas).
    if name == BATCH_NORM:
        losses = (
            f"{h['val_crossentropy'][best]:6.1f} ({best + 1:2d}) {h['val_crossentropy'][-1]:7.1f}"
        )
    else:
        losses = (
            f"{h['val_crossentropy'][best]:6.3f} ({best + 1:2d}) {h['val_crossentropy'][-1]:7.3f}"
        )
    print(
        f"{name:16}{len(h['loss']):>4} | {h['crossentropy'][-1]:7.3f} {h['accuracy'][-1]:8.3f} | "
        f"{losses} | {max(h['val_accuracy']):7.3f} {h['val_accuracy'][-1]:7.3f} | "
        f"{h['accuracy'][-1] - h['val_accuracy'][-1]:+7.3f} | "
        f"{inference[name][0]:6.3f} {inference[name][1]:6.3f} "
        f"{inference[name][0] - inference[name][1]:+6.3f}"
    )
h = histories[COMBINATION].history
print(
    f"{COMBINATION:16}{len(h['loss']):>4} | "
    + _(
        en="curves: training accuracy above 0.85:",
        fr="courbes : exactitude d'entraînement supérieure à 0,85 :",
    ),
    h["accuracy"][-1] > 0.85,
    _(
        en="| inference mode: validation accuracy below 0.6:",
        fr="| mode inférence : exactitude de validation inférieure à 0,6 :",
    ),
    inference[COMBINATION][1] < 0.6,
)

# %%
# alt en: Twelve panels, one column per variant (none, L2 0.01, dropout 0.5, batch norm.,
# alt en: early stopping, combination): cross-entropy on top, accuracy below, against the epoch
# alt en: (1 to 30), training dashed and validation solid. For the plain network, L2 and early
# alt en: stopping, the curves drop fast, then flatten: the plain network's training loss ends
# alt en: at 0.024 and its validation loss at 0.208; dropout's training curves stay on the
# alt en: worse side of its validation curves (higher loss, lower accuracy). Batch
# alt en: normalization's training loss drops to almost 0 while its validation loss only creeps
# alt en: down to 0.4. The combination's validation accuracy swings up and down and ends below
# alt en: 0.6, while its training accuracy stays above 0.85.
# alt fr: Douze panneaux, une colonne par variante (aucune, L2 0,01, dropout 0,5, norm. par
# alt fr: lots, arrêt précoce, combinaison) : l'entropie croisée en haut, l'exactitude en bas, en
# alt fr: fonction de l'époque (1 à 30), l'entraînement en tirets et la validation en trait
# alt fr: plein. Pour le réseau simple, L2 et l'arrêt précoce, les courbes chutent vite, puis
# alt fr: s'aplatissent : la perte d'entraînement du réseau simple finit à 0,024 et sa perte de
# alt fr: validation à 0,208 ; les courbes d'entraînement du dropout restent du mauvais côté de
# alt fr: ses courbes de validation (perte plus haute, exactitude plus basse). La perte
# alt fr: d'entraînement de la normalisation par lots tombe presque à 0, tandis que sa perte de
# alt fr: validation ne descend que lentement, jusqu'à 0,4.
# alt fr: L'exactitude de validation de la combinaison monte et descend et finit sous 0,6,
# alt fr: tandis que son exactitude d'entraînement reste au-dessus de 0,85.
fig, axes = plt.subplots(2, 6, figsize=(13, 5), sharex=True, sharey="row")
for column, (name, history) in enumerate(histories.items()):
    h = history.history
    epochs = np.arange(1, len(h["loss"]) + 1)
    for row, key in enumerate(["crossentropy", "accuracy"]):
        axes[row, column].plot(epochs, h[key], "--", color="C0", label=ct.msg("train"))
        axes[row, column].plot(epochs, h[f"val_{key}"], "-", color="C1", label=ct.msg("val"))
    axes[0, column].set_title(name, fontsize="medium")
    axes[1, column].set_xlabel(ct.msg("epoch"))
axes[0, 0].set_ylim(0, 2.4)
axes[1, 0].set_ylim(0, 1.02)
axes[0, 0].set_ylabel(_(en="cross-entropy", fr="entropie croisée"))
axes[1, 0].set_ylabel(_(en="accuracy", fr="exactitude"))
axes[0, 0].legend(fontsize="small")
fig.suptitle(
    _(
        en="256 training digits: training (dashed) and validation (solid) curves of each variant",
        fr="256 chiffres d'entraînement : courbes d'entraînement (tirets) et de validation (trait plein) de chaque variante",
    )
)
fig.tight_layout()
plt.show()

# %% [markdown] lang="en"
# How to read the table and the figure:
# - **The plain network overfits, mildly.** Its training loss falls to 0.024 and its
#   training accuracy reaches 1.000, while its validation loss levels off around 0.21 and
#   its validation accuracy at 0.936: a gap of 0.064. Its lowest validation loss is at the
#   last epoch (30): the validation loss does not climb back within 30 epochs. On these
#   digits, overfitting shows as a gap that stops closing, not as a validation curve that
#   turns upward.
# - **L2 0.01** raises the training loss (0.127 instead of 0.024: smaller weights, less
#   confident predictions), but its validation accuracy ends where the plain network's does
#   (0.936), and its validation loss is higher (0.278).
# - **Dropout 0.5 seems to close the gap**, even to reverse it: its curves show a gap of
#   −0.004, its training accuracy (0.926) ending below its validation accuracy (0.930), and
#   its training curves stay worse than its validation curves (higher loss, lower accuracy)
#   for most of the run. But those training curves are measured **with dropout on**, on
#   thinned networks, and averaged over the epoch while the weights change. Measured in inference mode (dropout off), its
#   training accuracy is 0.996 and the real gap is 0.066, as large as the plain network's.
#   Measure the gap in inference mode on both sets, not on the curves.
# - **Batch normalization makes things worse** (validation accuracy 0.904, gap 0.092),
#   although its training loss falls fastest of all. Section 4 explains why. Its validation
#   loss is printed with one decimal (0.4) because its next decimals hang on the last bits
#   of rounding, like the combination's figures (explained below the list).
# - **Early stopping** stopped after epoch 28 and gave back the weights of epoch 25 (both
#   are printed a few cells below): one more validation image right (0.938), two epochs
#   saved. A validation loss that only levels off leaves it little to stop.
# - **The combination collapses**: in inference mode its validation accuracy ends below
#   0.6, while its training curve, measured in training mode, stays above 0.85. Something
#   breaks at inference, not in training; section 4 finds what.
#
# Why the table prints bounds for the combination instead of its figures. A computer
# rounds every operation on floats (Keras computes in `float32`, about 7 significant
# digits), and a long sum added in another order can end with other last digits. The
# matrix products of a network are such sums, and TensorFlow can compute them with code
# chosen for the processor it finds: processors of different generations offer different
# vector instructions, and each version of the code adds in its own order. For most
# models, this changes only digits far beyond those printed here. This model amplifies
# such differences: over its 120 training steps, a difference in the last bits grows into
# other final accuracies. So that everyone gets the same numbers from the same code, the
# course's helper module `coursetools`, imported first in this notebook, tells TensorFlow
# before it loads to use matrix-product code that does not depend on the processor, and
# to compute on one thread. Your numbers should then be ours. But a figure that hangs on
# the last bits can still change with another version of the software or another kind of
# processor, so for this model the table prints only what held under every rounding we
# tried: the collapse.

# %% [markdown] lang="fr"
# Comment lire le tableau et la figure :
# - **Le réseau simple surapprend, modérément.** Sa perte d'entraînement tombe à 0,024 et
#   son exactitude d'entraînement atteint 1,000, tandis que sa perte de validation se
#   stabilise vers 0,21 et son exactitude de validation à 0,936 : un écart de 0,064. Sa
#   perte de validation la plus basse est à la dernière époque (30) : elle ne remonte pas en
#   30 époques. Sur ces chiffres, le surapprentissage se voit comme un écart qui cesse de se
#   réduire, et non comme une courbe de validation qui repart vers le haut.
# - **L2 0,01** relève la perte d'entraînement (0,127 au lieu de 0,024 : des poids plus
#   petits, des prédictions moins tranchées), mais son exactitude de validation finit au
#   même niveau que celle du réseau simple (0,936), et sa perte de validation est plus
#   élevée (0,278).
# - **Le dropout 0,5 semble combler l'écart**, et même l'inverser : ses courbes montrent un
#   écart de −0,004, son exactitude d'entraînement (0,926) finissant sous son exactitude de
#   validation (0,930), et ses courbes d'entraînement restent moins bonnes que ses courbes
#   de validation (perte plus haute, exactitude plus basse) pendant presque tout
#   l'entraînement. Mais ces courbes d'entraînement sont mesurées **dropout actif**, sur des
#   réseaux amincis, et moyennées sur l'époque pendant que les poids changent. Mesurée en mode inférence (dropout inactif), son exactitude
#   d'entraînement vaut 0,996 et l'écart réel 0,066, aussi grand que celui du réseau simple.
#   Mesurez l'écart en mode inférence sur les deux jeux, pas sur les courbes.
# - **La normalisation par lots aggrave les choses** (exactitude de validation 0,904,
#   écart 0,092), alors que sa perte d'entraînement baisse plus vite que toutes les autres.
#   La section 4 explique pourquoi. Sa perte de validation est affichée avec une seule
#   décimale (0,4), car les suivantes tiennent aux derniers bits d'arrondi, comme les
#   chiffres de la combinaison (voir sous la liste).
# - **L'arrêt précoce** s'est arrêté après l'époque 28 et a rendu les poids de l'époque 25
#   (les deux sont affichés quelques cellules plus bas) : une image de validation de plus
#   bien classée (0,938), deux époques économisées. Une perte de validation qui ne fait que
#   se stabiliser lui laisse peu de chose à arrêter.
# - **La combinaison s'effondre** : en mode inférence, son exactitude de validation finit
#   sous 0,6, alors que sa courbe d'entraînement, mesurée en mode entraînement, reste
#   au-dessus de 0,85. Quelque chose casse en inférence, pas pendant l'entraînement ; la
#   section 4 trouve quoi.
#
# Pourquoi le tableau affiche des bornes pour la combinaison plutôt que ses chiffres. Un
# ordinateur arrondit chaque opération sur des nombres flottants (Keras calcule en
# `float32`, environ 7 chiffres significatifs), et une longue somme effectuée dans un autre
# ordre peut finir par d'autres derniers chiffres. Les produits de matrices d'un réseau sont
# de telles sommes, et TensorFlow peut les calculer avec un code choisi selon le processeur
# qu'il trouve : les processeurs de générations différentes offrent des instructions
# vectorielles différentes, et chaque version du code additionne dans son propre ordre. Pour
# la plupart des modèles, cela ne change que des chiffres bien au-delà de ceux affichés ici.
# Ce modèle-ci amplifie ces différences : au fil de ses 120 pas d'entraînement, une
# différence dans les derniers bits aboutit à d'autres exactitudes finales. Pour que chacun obtienne les
# mêmes chiffres avec le même code, le module d'aide du cours, `coursetools`, importé en
# premier dans ce notebook, demande à TensorFlow, avant son chargement, un code de produit
# de matrices qui ne dépend pas du processeur, et un calcul sur un seul fil d'exécution. Vos
# chiffres devraient alors être les nôtres. Mais un chiffre qui tient aux derniers bits peut
# encore changer avec une autre version des logiciels ou un autre type de processeur : pour
# ce modèle, le tableau n'affiche donc que ce qui a tenu sous tous les arrondis que nous
# avons essayés, l'effondrement.

# %% [markdown] lang="en"
# Keep a sense of scale: one validation image is 0.002 of accuracy. How much does the plain
# network move when nothing changes but the seed? The next cell trains it again with seeds
# 1 to 4: other initial weights and another order of the batches, the same data and the same
# training.

# %% [markdown] lang="fr"
# Gardez le sens des proportions : une image de validation vaut 0,002 d'exactitude. De
# combien le réseau simple bouge-t-il quand seule la graine change ? La cellule suivante
# l'entraîne de nouveau avec les graines 1 à 4 : d'autres poids initiaux et un autre ordre
# des lots, les mêmes données et le même entraînement.

# %%
seed_accuracy = {0: inference[NONE][1]}
for seed in range(1, 5):
    seeded = make_model(seed=seed)
    train(seeded)
    seed_accuracy[seed] = accuracy(seeded, x_val, y_val)
print(
    _(
        en="plain network, validation accuracy for seeds 0 to 4:",
        fr="réseau simple, exactitude de validation pour les graines 0 à 4 :",
    ),
    [round(value, 3) for value in seed_accuracy.values()],
)
print(
    _(en="range over the seeds:", fr="étendue selon la graine :"),
    round(max(seed_accuracy.values()) - min(seed_accuracy.values()), 3),
)
alone = [inference[name][1] for name in (NONE, L2, DROPOUT, EARLY_STOP)]
print(
    _(
        en="range among none, L2, dropout and early stopping (seed 0):",
        fr="étendue entre aucune, L2, dropout et arrêt précoce (graine 0) :",
    ),
    round(max(alone) - min(alone), 3),
)

# %% [markdown] lang="en"
# From one seed to another, the plain network's validation accuracy moves by up to 0.008
# (4 validation images): as much as the four variants none, L2, dropout and early stopping
# differ among themselves (0.008, from 0.930 to 0.938). Five seeds give only a rough idea
# of the noise, but enough to see that these differences prove nothing. With 256 training
# images, **no technique alone measurably helps** here: in inference mode, none of them
# brought the gap below 0.062. Two results lie well outside this range: batch
# normalization (0.904, 16 validation images below the plain network's lowest seed) and the
# combination (below 0.6). Section 4 looks for their cause.

# %% [markdown] lang="fr"
# D'une graine à l'autre, l'exactitude de validation du réseau simple bouge jusqu'à 0,008
# (4 images de validation) : autant que les quatre variantes aucune, L2, dropout et arrêt
# précoce diffèrent entre elles (0,008, de 0,930 à 0,938). Cinq graines ne donnent qu'une
# idée grossière du bruit, mais assez pour voir que ces différences ne prouvent rien. Avec
# 256 images d'entraînement, **aucune technique seule n'aide de façon mesurable** ici : en
# mode inférence, aucune n'a fait descendre l'écart sous 0,062. Deux résultats sortent
# nettement de cette étendue : la normalisation par lots (0,904, 16 images de validation
# sous la plus basse des graines du réseau simple) et la combinaison (sous 0,6). La
# section 4 en cherche la cause.

# %% [markdown] lang="en"
# Three facts behind these numbers, checked below:
# - `accuracy` gives the same number as `model.evaluate`, and for the dropout model it
#   differs from the last training accuracy of the curves;
# - with a penalty, `val_loss` is the validation cross-entropy **plus** the penalty of the
#   current weights (`sum(model.losses)`; checked on L2 0.01): that is why the table and
#   the figure use the `crossentropy` metric;
# - `EarlyStopping(restore_best_weights=True)` gives back the weights of its best epoch at
#   the end of training. Its "best" epoch is the last one that improved by more than
#   `min_delta`: here epoch 25, although the validation loss of epoch 28 is slightly lower
#   (by 0.005 at most, or epoch 28 would have counted as an improvement). Since Keras 3.0
#   the weights are restored at the end of training even when it runs to its last epoch
#   without stopping (`on_train_end` in `keras/src/callbacks/early_stopping.py`); Keras 2
#   restored them only when the callback stopped training itself.

# %% [markdown] lang="fr"
# Trois faits derrière ces chiffres, vérifiés ci-dessous :
# - `accuracy` donne le même nombre que `model.evaluate`, et, pour le modèle avec dropout,
#   un nombre différent de la dernière exactitude d'entraînement des courbes ;
# - avec une pénalité, `val_loss` est l'entropie croisée de validation **plus** la pénalité
#   des poids courants (`sum(model.losses)` ; vérifié sur L2 0,01) : voilà pourquoi le
#   tableau et la figure utilisent la métrique `crossentropy` ;
# - `EarlyStopping(restore_best_weights=True)` rend, à la fin de l'entraînement, les poids
#   de sa meilleure époque. Sa « meilleure » époque est la dernière qui a progressé de plus
#   de `min_delta` : ici l'époque 25, bien que la perte de validation de l'époque 28 soit
#   un peu plus basse (de 0,005 au plus, sinon l'époque 28 aurait compté comme un progrès).
#   Depuis Keras 3.0, les poids sont restaurés à la fin de l'entraînement même quand il va
#   jusqu'à sa dernière époque sans s'arrêter (`on_train_end` dans
#   `keras/src/callbacks/early_stopping.py`) ; Keras 2 ne les restaurait que lorsque la
#   fonction de rappel interrompait elle-même l'entraînement.

# %%
evaluated = models[DROPOUT].evaluate(x_train, y_train_1h, verbose=0, return_dict=True)
print(
    _(
        en="dropout 0.5, training set: model.evaluate",
        fr="dropout 0,5, jeu d'entraînement : model.evaluate",
    ),
    round(evaluated["accuracy"], 4),
    "| accuracy()",
    round(accuracy(models[DROPOUT], x_train, y_train), 4),
    _(en="| last epoch of the curves", fr="| dernière époque des courbes"),
    round(histories[DROPOUT].history["accuracy"][-1], 4),
)
h = histories[L2].history
penalty_now = float(sum(keras.ops.convert_to_numpy(loss) for loss in models[L2].losses))
print(
    _(
        en="L2 0.01, last epoch: val_loss - val_crossentropy =",
        fr="L2 0,01, dernière époque : val_loss - val_crossentropy =",
    ),
    round(h["val_loss"][-1] - h["val_crossentropy"][-1], 4),
)
print(
    _(
        en="penalty of the final weights, sum(model.losses) =",
        fr="pénalité des poids finaux, sum(model.losses) =",
    ),
    round(penalty_now, 4),
)
print(
    _(en="early stopping: epochs run", fr="arrêt précoce : époques effectuées"),
    len(histories[EARLY_STOP].history["loss"]),
    _(en="| weights restored from epoch", fr="| poids restaurés de l'époque"),
    stopper.best_epoch + 1,
)

# %% [markdown] lang="en"
# ## 4. Why the combination fails here
#
# Two ingredients of the source model do not suit 256 images and 120 training steps.
#
# **The penalty is far too strong.** Before any training, the network's predictions are
# close to uniform (about 1/10 per digit), so its data loss is about $\ln 10 \approx 2.30$.
# How large is the source's penalty `l1_l2(l1=0.01, l2=0.01)` next to it, on the hidden
# layer's initial 64×64 kernel? You can predict it before measuring it.
#
# ### Exercise 1 — predict the penalty before training (2 points)
#
# A `Dense` layer draws its initial kernel with Keras's default initializer,
# `glorot_uniform`: each weight independently and uniformly in $[-a, a]$, with
# $a = \sqrt{6 / (\text{fan\_in} + \text{fan\_out})}$, where `fan_in` and `fan_out` are the
# layer's numbers of inputs and outputs (class `GlorotUniform` in Keras 3.15.1's
# `keras/src/initializers/random_initializers.py`). `l1_l2(l1, l2)` adds
# $\ell_1 \sum |w| + \ell_2 \sum w^2$ over the kernel's weights (`L1L2.__call__` in
# `keras/src/regularizers/regularizers.py`; the bias is not penalized). With thousands of
# weights, each sum is close to the number of weights times the mean of one term over the
# distribution.
#
# Write `penalty_at_start(fan_in, fan_out, l1, l2)`, which returns the pair
# `(l1_term, l2_term)`: the values of $\ell_1 \sum |w|$ and $\ell_2 \sum w^2$ you expect for
# a freshly initialized kernel of shape `(fan_in, fan_out)`. Work them out from the
# distribution (pen and paper are enough); do not draw weights. The line after your
# function stores your prediction for this lesson's hidden layer in `prediction`; the cell
# after measures the two terms on the real initial kernel and prints both.
#
# The tests compare your two numbers with the two terms computed on kernels that Keras
# draws with its initializer: **each must be within 5% of the measured one**. The visible
# tests check `prediction` (64 inputs, 64 outputs, coefficients 0.01, on the kernel every
# variant started from) and `penalty_at_start(64, 10, 0.01, 0.01)` (the output layer); the
# hidden tests check four layers drawn at grading time, with 100 to 400 inputs, 100 to 400
# outputs, and coefficients `l1` and `l2` between 0.0001 and 0.1. Return two numbers, in
# the order (L1 term, L2 term).

# %% [markdown] lang="fr"
# ## 4. Pourquoi la combinaison échoue ici
#
# Deux ingrédients du modèle source ne conviennent pas à 256 images et 120 pas
# d'entraînement.
#
# **La pénalité est bien trop forte.** Avant tout entraînement, les prédictions du réseau
# sont presque uniformes (environ 1/10 par chiffre) : sa perte sur les données vaut donc
# environ $\ln 10 \approx 2{,}30$. Que pèse, à côté, la pénalité de la source,
# `l1_l2(l1=0.01, l2=0.01)`, sur le noyau initial de 64×64 de la couche cachée ? Vous pouvez
# la prédire avant de la mesurer.
#
# ### Exercice 1 — prédire la pénalité avant l'entraînement (2 points)
#
# Une couche `Dense` tire son noyau initial avec l'initialiseur par défaut de Keras,
# `glorot_uniform` : chaque poids indépendamment et uniformément dans $[-a, a]$, avec
# $a = \sqrt{6 / (\text{fan\_in} + \text{fan\_out})}$, où `fan_in` et `fan_out` sont les
# nombres d'entrées et de sorties de la couche (classe `GlorotUniform` dans
# `keras/src/initializers/random_initializers.py` de Keras 3.15.1). `l1_l2(l1, l2)` ajoute
# $\ell_1 \sum |w| + \ell_2 \sum w^2$ sur les poids du noyau (`L1L2.__call__` dans
# `keras/src/regularizers/regularizers.py` ; le biais n'est pas pénalisé). Avec des milliers
# de poids, chaque somme est proche du nombre de poids multiplié par la moyenne d'un terme
# sur la distribution.
#
# Écrivez `penalty_at_start(fan_in, fan_out, l1, l2)`, qui renvoie le couple
# `(l1_term, l2_term)` : les valeurs de $\ell_1 \sum |w|$ et de $\ell_2 \sum w^2$ que vous
# attendez pour un noyau de forme `(fan_in, fan_out)` tout juste initialisé. Calculez-les à
# partir de la distribution (un papier et un crayon suffisent) ; ne tirez pas de poids. La
# ligne qui suit votre fonction range votre prédiction pour la couche cachée de cette leçon
# dans `prediction` ; la cellule suivante mesure les deux termes sur le vrai noyau initial et
# affiche les deux.
#
# Les tests comparent vos deux nombres aux deux termes calculés sur des noyaux que Keras
# tire avec son initialiseur : **chacun doit être à moins de 5 % de la valeur mesurée**. Les
# tests visibles vérifient `prediction` (64 entrées, 64 sorties, coefficients 0,01, sur le
# noyau dont sont parties toutes les variantes) et `penalty_at_start(64, 10, 0.01, 0.01)`
# (la couche de sortie) ; les tests cachés vérifient quatre couches tirées au moment de la
# correction, de 100 à 400 entrées, de 100 à 400 sorties, avec des coefficients `l1` et `l2`
# entre 0,0001 et 0,1. Renvoyez deux nombres, dans l'ordre (terme L1, terme L2).


# %% nbgrader="solution" grade_id="penalty_at_start"
def penalty_at_start(fan_in, fan_out, l1, l2):
    ### BEGIN SOLUTION
    # en: w is uniform in [-a, a]: the mean of |w| is a/2, the mean of w² is a²/3; the
    # en: kernel holds fan_in × fan_out weights.
    # fr: w est uniforme dans [-a, a] : la moyenne de |w| vaut a/2, celle de w² vaut a²/3 ;
    # fr: le noyau compte fan_in × fan_out poids.
    a = np.sqrt(6 / (fan_in + fan_out))
    n = fan_in * fan_out
    return float(l1 * n * a / 2), float(l2 * n * a**2 / 3)
    ### END SOLUTION


prediction = penalty_at_start(64, 64, 0.01, 0.01)

# %%
# en: The initial weights of every variant.
# fr: Les poids initiaux de toutes les variantes.
initial = make_model()
initial_kernel = initial.layers[0].kernel.numpy()
trained_kernel = models[COMBINATION].layers[0].kernel.numpy()
start_loss = float(np.mean(keras.losses.categorical_crossentropy(y_train_1h, initial(x_train))))
print(
    _(
        en="data loss of the untrained network:",
        fr="perte sur les données du réseau non entraîné :",
    ),
    f"{start_loss:.2f}",
    _(en="| ln(10):", fr="| ln(10) :"),
    f"{np.log(10):.2f}",
)
l1_start = 0.01 * float(np.abs(initial_kernel).sum())
l2_start = 0.01 * float(np.square(initial_kernel).sum())
for term, predicted, measured in [
    ("L1 0.01·Σ|w|", prediction[0], l1_start),
    ("L2 0.01·Σw²", prediction[1], l2_start),
]:
    print(
        _(en="initial kernel,", fr="noyau initial,"),
        term,
        _(en="| predicted:", fr="| prédit :"),
        round(float(predicted), 4),
        _(en="| measured:", fr="| mesuré :"),
        round(measured, 4),
        _(en="| predicted/measured:", fr="| prédit/mesuré :"),
        round(float(predicted) / measured, 3),
    )
print(
    _(en="measured L1 term / data loss:", fr="terme L1 mesuré / perte sur les données :"),
    f"{l1_start / start_loss:.2f}",
    _(en="| L1 term / L2 term:", fr="| terme L1 / terme L2 :"),
    f"{l1_start / l2_start:.2f}",
)
# en: The trained kernel's exact figures hang on rounding (see section 3): we print what
# en: holds.
# fr: Les chiffres exacts du noyau entraîné tiennent à l'arrondi (voir la section 3) : nous
# fr: affichons ce qui tient.
print(
    _(en="trained kernel:", fr="noyau entraîné :"),
    _(en="L1 term below a fifth of its start:", fr="terme L1 sous le cinquième du départ :"),
    0.01 * np.abs(trained_kernel).sum() < l1_start / 5,
    _(en="| L2 term below 0.05:", fr="| terme L2 sous 0,05 :"),
    0.01 * np.square(trained_kernel).sum() < 0.05,
    _(en="| over 20% of |w| < 0.001:", fr="| plus de 20 % des |w| < 0,001 :"),
    np.mean(np.abs(trained_kernel) < 0.001) > 0.2,
)

# %% nbgrader="tests" grade_id="penalty_at_start_tests" points=2
# en: Visible tests: your prediction for the hidden layer, then your function for the output
# en: layer, each against the terms measured on the kernels Keras draws for this lesson.
# fr: Tests visibles : votre prédiction pour la couche cachée, puis votre fonction pour la
# fr: couche de sortie, chacune face aux termes mesurés sur les noyaux que Keras tire pour
# fr: cette leçon.
ct.reseed()
_hidden, _output = keras.layers.Dense(64), keras.layers.Dense(10)
_hidden.build((None, 64))
_output.build((None, 64))


def _check_terms(_what, _got, _fan_in, _fan_out, _l1, _l2, _kernel):
    """en: Fail with a message saying which term is off, which way and by how much.

    fr: Échoue avec un message qui dit quel terme est faux, dans quel sens et de combien.
    """
    _got = ct.plain(_got)
    if type(_got) is np.ndarray:
        _got = _got.tolist()
    assert (
        type(_got) in (tuple, list)
        and len(_got) == 2
        and all(type(_v) in (int, float) for _v in _got)
    ), _(
        en=f"{_what}: return a pair of two numbers (l1_term, l2_term), not {_got!r}.",
        fr=f"{_what} : renvoyez un couple de deux nombres (l1_term, l2_term), et non {_got!r}.",
    )
    _m1 = _l1 * float(np.abs(_kernel).sum())
    _m2 = _l2 * float(np.square(_kernel).sum())
    _g1, _g2 = float(_got[0]), float(_got[1])
    if abs(_g1 / _m1 - 1) <= 0.05 and abs(_g2 / _m2 - 1) <= 0.05:
        return
    assert not (abs(_g1 / _m2 - 1) <= 0.05 and abs(_g2 / _m1 - 1) <= 0.05), _(
        en=f"{_what}: the two terms are in the wrong order: return (L1 term, L2 term).",
        fr=f"{_what} : les deux termes sont dans le mauvais ordre : renvoyez (terme L1, terme L2).",
    )
    _n = _fan_in * _fan_out
    _fan_in_only = np.sqrt((_fan_in + _fan_out) / _fan_in)
    for _term, _g, _m, _coefficient, _hints in [
        (
            "L1",
            _g1,
            _m1,
            _l1,
            [
                (
                    2.0,
                    _(
                        en="The mean of |w| over [-a, a] is a/2, not a.",
                        fr="La moyenne de |w| sur [-a, a] vaut a/2, et non a.",
                    ),
                ),
                (
                    _fan_in_only,
                    _(
                        en="The limit a uses fan_in + fan_out, not fan_in alone.",
                        fr="La borne a utilise fan_in + fan_out, et non fan_in seul.",
                    ),
                ),
            ],
        ),
        (
            "L2",
            _g2,
            _m2,
            _l2,
            [
                (
                    0.75,
                    _(
                        en="(a/2)² is the square of the mean of |w|, not the mean of w²: for w uniform in [-a, a], the mean of w² is a²/3.",
                        fr="(a/2)² est le carré de la moyenne de |w|, pas la moyenne de w² : pour w uniforme dans [-a, a], la moyenne de w² vaut a²/3.",
                    ),
                ),
                (
                    3.0,
                    _(
                        en="The mean of w² over [-a, a] is a²/3, not a².",
                        fr="La moyenne de w² sur [-a, a] vaut a²/3, et non a².",
                    ),
                ),
                (
                    0.5,
                    _(
                        en="Keras's L2 term is l2·Σw², with no factor ½.",
                        fr="Le terme L2 de Keras vaut l2·Σw², sans facteur ½.",
                    ),
                ),
                (
                    _fan_in_only**2,
                    _(
                        en="The limit a uses fan_in + fan_out, not fan_in alone.",
                        fr="La borne a utilise fan_in + fan_out, et non fan_in seul.",
                    ),
                ),
            ],
        ),
    ]:
        _ratio = _g / _m
        if abs(_ratio - 1) <= 0.05:
            continue
        _hint = _(
            en="Work out the mean of |w| and the mean of w² for w uniform in [-a, a].",
            fr="Calculez la moyenne de |w| et celle de w² pour w uniforme dans [-a, a].",
        )
        _hints = [
            (
                1 / _coefficient,
                _(
                    en=f"You left out the coefficient {_term.lower()}: the term is {_term.lower()} times the sum.",
                    fr=f"Vous avez oublié le coefficient {_term.lower()} : le terme vaut {_term.lower()} fois la somme.",
                ),
            ),
            (
                1 / _n,
                _(
                    en="That is the mean for one weight: multiply by the number of weights, fan_in × fan_out.",
                    fr="C'est la moyenne pour un seul poids : multipliez par le nombre de poids, fan_in × fan_out.",
                ),
            ),
            *_hints,
        ]
        for _factor, _text in _hints:
            if np.isclose(_ratio, _factor, rtol=0.04):
                _hint = _text
                break
        raise AssertionError(
            _(
                en=f"{_what}: your {_term} term is {_g:.4g}, the one measured on the kernel is {_m:.4g}: "
                f"{'too large' if _ratio > 1 else 'too small'}, {_ratio:.3g} times the measured value "
                f"(the tests allow 5%). {_hint}",
                fr=f"{_what} : votre terme {_term} vaut {_g:.4g}, celui mesuré sur le noyau vaut {_m:.4g} : "
                f"{'trop grand' if _ratio > 1 else 'trop petit'}, {_ratio:.3g} fois la valeur mesurée "
                f"(les tests admettent 5 %). {_hint}",
            )
        )


_check_terms(
    _(en="prediction (hidden layer, 64 → 64)", fr="prediction (couche cachée, 64 → 64)"),
    prediction,
    64,
    64,
    0.01,
    0.01,
    _hidden.kernel.numpy(),
)
_check_terms(
    _(
        en="penalty_at_start(64, 10, 0.01, 0.01) (output layer)",
        fr="penalty_at_start(64, 10, 0.01, 0.01) (couche de sortie)",
    ),
    penalty_at_start(64, 10, 0.01, 0.01),
    64,
    10,
    0.01,
    0.01,
    _output.kernel.numpy(),
)
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
# en: Four layers drawn at grading time, each against a kernel drawn by Keras.
# fr: Quatre couches tirées au moment de la correction, chacune face à un noyau tiré par Keras.
_rng = np.random.default_rng(ct.fresh_seed())
for _case in range(4):
    _fan_in, _fan_out = (int(_v) for _v in _rng.integers(100, 401, size=2))
    _l1, _l2 = (float(_v) for _v in 10.0 ** _rng.uniform(-4, -1, size=2))
    _initializer = keras.initializers.GlorotUniform(seed=int(_rng.integers(2**31)))
    _kernel = keras.ops.convert_to_numpy(_initializer((_fan_in, _fan_out)))
    _check_terms(
        f"penalty_at_start({_fan_in}, {_fan_out}, {_l1:.3g}, {_l2:.3g})",
        penalty_at_start(_fan_in, _fan_out, _l1, _l2),
        _fan_in,
        _fan_out,
        _l1,
        _l2,
        _kernel,
    )
### END HIDDEN TESTS

# %% [markdown] lang="en"
# At the start, the L1 term alone (4.41) is 1.85 times the data loss of the untrained
# network (2.38, close to $\ln 10 \approx 2.30$: its predictions are indeed close to
# uniform) and 6.93 times the L2 term (0.64): for weights smaller than 1 in absolute value,
# $|w| > w^2$, so with equal coefficients the L1 term dominates. Training shrinks the
# weights: at the end the L1 term is below a fifth of its start and more than a fifth of
# the kernel's weights are practically zero. (The exact figures hang on rounding, like the rest of this model's,
# so the cell prints only these bounds.) The tutorial's `l1_l2(0.01, 0.01)` looks like a
# harmless default, but on this layer it outweighs the very loss it is meant to regularize.
# Compare a penalty with the data loss before adopting it: as you have just done, it takes
# no run.
#
# **Batch normalization's moving statistics lag behind.** Lesson 6 showed that after $k$
# training steps, the initial `moving_mean = 0` and `moving_variance = 1` still weigh
# $\text{momentum}^k$ in the moving statistics used at inference: $0.99^{120} \approx 0.30$
# here. Let us compare the moving statistics of the trained BN layers with the true
# statistics of what they receive on the training set, then, as an experiment, replace the
# former by the latter and evaluate again (the cell puts the moving statistics back
# afterwards).

# %% [markdown] lang="fr"
# Au départ, le terme L1 seul (4,41) vaut 1,85 fois la perte sur les données du réseau non
# entraîné (2,38, proche de $\ln 10 \approx 2{,}30$ : ses prédictions sont bien presque
# uniformes) et 6,93 fois le terme L2 (0,64) : pour des poids inférieurs à 1 en valeur
# absolue, $|w| > w^2$, si bien qu'à coefficients égaux le terme L1 domine. L'entraînement fait
# fondre les poids : à la fin, le terme L1 est tombé sous le cinquième de sa valeur de
# départ, et plus d'un cinquième des poids du noyau sont pratiquement nuls. (Les chiffres
# exacts tiennent à l'arrondi, comme tous ceux de ce modèle : la cellule n'affiche donc que
# ces bornes.) Le `l1_l2(0.01, 0.01)` du tutoriel a l'air d'un réglage par défaut
# inoffensif, mais sur cette couche il pèse plus lourd que la perte même qu'il est censé
# régulariser. Comparez une pénalité à la perte sur les données avant de l'adopter : comme
# vous venez de le faire, cela ne demande aucun entraînement.
#
# **Les statistiques mobiles de la normalisation par lots sont en retard.** La leçon 6 a
# montré qu'après $k$ pas d'entraînement, les valeurs initiales `moving_mean = 0` et
# `moving_variance = 1` pèsent encore $\text{momentum}^k$ dans les statistiques mobiles
# utilisées en inférence : $0{,}99^{120} \approx 0{,}30$ ici. Comparons les statistiques
# mobiles des couches BN entraînées aux vraies statistiques de ce qu'elles reçoivent sur le
# jeu d'entraînement, puis, à titre d'expérience, remplaçons les premières par les secondes
# et évaluons de nouveau (la cellule remet ensuite les statistiques mobiles en place).

# %%
print(
    _(
        en="weight of the initial values after 120 steps:",
        fr="poids des valeurs initiales après 120 pas :",
    ),
    round(0.99**120, 4),
)


def with_true_statistics(model):
    """en: Mean true and moving variances of the BN layer, and the validation accuracy
    with its moving statistics, then with the true ones (put back afterwards).

    fr: Variances vraie et mobile moyennes de la couche BN, et l'exactitude de validation
    avec ses statistiques mobiles, puis avec les vraies (remises en place ensuite).
    """
    bn = model.layers[1]
    # en: What the BN layer receives: the hidden layer's ReLU outputs.
    # fr: Ce que reçoit la couche BN : les sorties ReLU de la couche cachée.
    received = np.asarray(model.layers[0](x_train))
    saved = [bn.moving_mean.numpy(), bn.moving_variance.numpy()]
    before = accuracy(model, x_val, y_val)
    bn.moving_mean.assign(received.mean(axis=0))
    bn.moving_variance.assign(received.var(axis=0))
    after = accuracy(model, x_val, y_val)
    bn.moving_mean.assign(saved[0])
    bn.moving_variance.assign(saved[1])
    return float(received.var(axis=0).mean()), float(saved[1].mean()), before, after


true, moving, before, after = with_true_statistics(models[BATCH_NORM])
print(
    BATCH_NORM,
    _(en="| mean variance: true", fr="| variance moyenne : vraie"),
    round(true, 3),
    _(en="moving", fr="mobile"),
    round(moving, 3),
    _(en="| validation accuracy:", fr="| exactitude de validation :"),
    round(before, 3),
    "->",
    round(after, 3),
)
# en: The combination's exact figures hang on rounding (section 3): we print what holds.
# fr: Les chiffres exacts de la combinaison tiennent à l'arrondi (section 3) : nous
# fr: affichons ce qui tient.
true, moving, before, after = with_true_statistics(models[COMBINATION])
print(
    COMBINATION,
    _(
        en="| moving variance over 30 times the true one:",
        fr="| variance mobile plus de 30 fois la vraie :",
    ),
    moving > 30 * true,
    _(en="| validation accuracy below 0.6:", fr="| exactitude de validation inférieure à 0,6 :"),
    before < 0.6,
    _(en="-> above 0.9:", fr="-> supérieure à 0,9 :"),
    after > 0.9,
)

# %% [markdown] lang="en"
# The moving variances are too large: about 5 times for batch normalization alone (0.35
# instead of 0.073), more than 30 times for the combination (the cell prints only this
# bound, since the exact figures hang on rounding). In the combination, the penalty has
# shrunk the weights, so the BN layer receives tiny activations, while its moving variance
# still remembers its starting value 1. At inference the layer divides by a standard
# deviation far too large, and the predictions collapse. Give the BN layers their true
# statistics and the validation accuracy jumps: from 0.904 to 0.94 for batch normalization
# alone, and for the combination from below 0.6 to above 0.9. Training was fine; the
# statistics used at inference were not. In practice, lower the momentum
# (`BatchNormalization(momentum=0.9)`: $0.9^{120}$ is negligible) or train for many more
# steps.
#
# The two ingredients interact. Batch normalization rescales whatever the hidden layer
# outputs, so in training mode the penalty can shrink the kernel at little cost (the
# combination's training accuracy stays above 0.85). But that very shrinking makes the
# activations tiny and the stale moving variance dozens of times too large. A combination
# is not the sum of its ingredients: test it as a whole.

# %% [markdown] lang="fr"
# Les variances mobiles sont trop grandes : environ 5 fois pour la normalisation par lots
# seule (0,35 au lieu de 0,073), plus de 30 fois pour la combinaison (la cellule n'affiche
# que cette borne, car les chiffres exacts tiennent à l'arrondi). Dans la combinaison, la
# pénalité a fait fondre les poids : la couche BN reçoit des activations minuscules, tandis
# que sa variance mobile garde le souvenir de sa valeur de départ, 1. En inférence, la
# couche divise par un écart type bien trop grand, et les prédictions s'effondrent. Donnons
# aux couches BN leurs vraies statistiques : l'exactitude de validation bondit, de 0,904 à
# 0,94 pour la normalisation par lots seule, et, pour la combinaison, de moins de 0,6 à plus
# de 0,9. L'entraînement s'était bien passé ; ce sont les statistiques utilisées en
# inférence qui étaient fausses. En pratique, baissez le momentum
# (`BatchNormalization(momentum=0.9)` : $0{,}9^{120}$ est négligeable) ou entraînez pendant
# beaucoup plus de pas.
#
# Les deux ingrédients interagissent. La normalisation par lots remet à l'échelle tout ce
# que produit la couche cachée : en mode entraînement, la pénalité peut donc faire fondre le
# noyau sans grand dommage (l'exactitude d'entraînement de la combinaison reste au-dessus
# de 0,85). Mais c'est justement cette fonte qui rend les activations minuscules et la
# variance mobile périmée des dizaines de fois trop grande. Une combinaison n'est pas la
# somme de ses ingrédients : testez-la comme un tout.

# %% [markdown] lang="en"
# ### Exercise 2 — choose a combination that works (3 points)
#
# Write `build_model()`, which returns a **new, uncompiled** model taking the 64 pixel
# features and returning the 10 class probabilities, and `build_callbacks()`, which returns
# a list of callbacks to pass to `fit`, each an `EarlyStopping` or a `ReduceLROnPlateau`
# (possibly empty). Together they must combine **at least two** of the course's techniques
# among: a weight penalty (`kernel_regularizer`), `Dropout`, `BatchNormalization` and
# `EarlyStopping`. Use what sections 3 and 4 measured, and justify your choice in a comment.
#
# How it is graded. The visible tests check the structure: `build_model()` returns a new
# Keras model at each call, with input shape `(None, 64)` and output shape `(None, 10)`,
# whose outputs are probabilities (each row sums to 1); `build_callbacks()` returns a list
# of `EarlyStopping` or `ReduceLROnPlateau` callbacks; together they use at least two of the
# four techniques; and the penalties of the freshly initialized model add at most
# $\ln 10 \approx 2.30$ to the loss. The hidden test then trains your model as the cell
# after the solution does: `build_model()`, then `ct.reseed()` and
# `keras.models.clone_model(...)` (a copy with fresh weights, drawn after the fixed seed),
# then the training of `train(...)` with your callbacks (Adam 0.01, categorical
# cross-entropy, batches of 64, 30 epochs, the validation set evaluated after each epoch);
# then it measures both accuracies in inference mode, as `accuracy` does. It requires a
# **validation accuracy of at least 0.92** and a **gap (training accuracy minus validation
# accuracy) of at most 0.08**.
#
# Where the bar stands. It checks that your combination does not hurt; it cannot prove that
# it helps (section 3: no technique alone measurably did). The plain network, trained this
# way, clears both bounds by 0.016 (validation accuracy 0.936, gap 0.064: 8 validation
# images on each side); batch normalization with its default momentum misses the first by
# 0.016 (0.904, gap 0.092); the source combination misses it by far.
#
# What is repeatable, and what is not. The grader does not use the weights your notebook
# trained: it rebuilds the model that `build_model()` returns, draws fresh weights after the
# same fixed seed and retrains it on its own side. So the cells you ran before, and how
# many times, change nothing. The cell after the solution shows what this training gives
# on your computer. The grader runs the same code on another computer; it should find the
# same numbers, but section 3 showed that some models turn a difference in the last bits
# into other accuracies. Aim for a combination that clears the bar with a margin, not by
# one image.

# %% [markdown] lang="fr"
# ### Exercice 2 — choisir une combinaison qui fonctionne (3 points)
#
# Écrivez `build_model()`, qui renvoie un **nouveau** modèle, **non compilé**, qui prend les
# 64 pixels et renvoie les 10 probabilités des classes, et `build_callbacks()`, qui renvoie
# une liste de fonctions de rappel à passer à `fit`, chacune un `EarlyStopping` ou un
# `ReduceLROnPlateau` (éventuellement vide). Ensemble, elles doivent combiner **au moins
# deux** des techniques du cours parmi : une pénalité sur les poids (`kernel_regularizer`),
# `Dropout`, `BatchNormalization` et `EarlyStopping`. Servez-vous de ce qu'ont mesuré les
# sections 3 et 4, et justifiez votre choix dans un commentaire.
#
# Comment c'est corrigé. Les tests visibles vérifient la structure : `build_model()` renvoie
# un nouveau modèle Keras à chaque appel, d'entrée de forme `(None, 64)` et de sortie de
# forme `(None, 10)`, dont les sorties sont des probabilités (chaque ligne a pour somme 1) ;
# `build_callbacks()` renvoie une liste de fonctions de rappel `EarlyStopping` ou
# `ReduceLROnPlateau` ; à elles deux, elles utilisent au moins deux des quatre techniques ;
# et les pénalités du modèle tout juste initialisé ajoutent au plus $\ln 10 \approx 2{,}30$
# à la perte. Le test caché entraîne ensuite votre modèle comme le fait la cellule qui suit
# la solution : `build_model()`, puis `ct.reseed()` et `keras.models.clone_model(...)` (une
# copie aux poids neufs, tirés après la graine fixe), puis l'entraînement de `train(...)`
# avec vos fonctions de rappel (Adam 0,01, entropie croisée catégorielle, lots de 64,
# 30 époques, le jeu de validation évalué après chaque époque) ; il mesure ensuite les deux
# exactitudes en mode inférence, comme le fait `accuracy`. Il exige une **exactitude de
# validation d'au moins 0,92** et un **écart (exactitude d'entraînement moins exactitude de
# validation) d'au plus 0,08**.
#
# Où se place la barre. Elle vérifie que votre combinaison ne nuit pas ; elle ne peut pas
# prouver qu'elle aide (section 3 : aucune technique seule n'a aidé de façon mesurable). Le
# réseau simple, entraîné ainsi, passe les deux bornes avec 0,016 de marge (exactitude de
# validation 0,936, écart 0,064 : 8 images de validation de chaque côté) ; la normalisation
# par lots avec son momentum par défaut manque la première de 0,016 (0,904, écart 0,092) ;
# la combinaison source la manque de loin.
#
# Ce qui est reproductible, et ce qui ne l'est pas. La correction n'utilise pas les poids
# entraînés dans votre notebook : elle reconstruit le modèle que renvoie `build_model()`,
# tire des poids neufs après la même graine fixe et le réentraîne de son côté. Les cellules
# exécutées avant, et le nombre de fois, ne changent donc rien. La cellule qui suit la
# solution montre ce que donne cet entraînement sur votre ordinateur. La correction exécute
# le même code sur un autre ordinateur ; elle devrait trouver les mêmes chiffres, mais la
# section 3 a montré que certains modèles transforment une différence dans les derniers
# bits en exactitudes différentes. Visez une combinaison qui passe la barre avec de la marge, et non à
# une image près.


# %% nbgrader="solution" grade_id="build_model"
def build_model():
    ### BEGIN SOLUTION
    # en: Sections 3 and 4: batch normalization failed here (its moving statistics lag
    # en: behind after 120 steps) and the source's L1 term outweighed the data loss. So: a
    # en: light L2 penalty (0.001, ten times below the table's, no L1) and a moderate dropout
    # en: (0.3), no batch normalization.
    # fr: Sections 3 et 4 : la normalisation par lots a échoué ici (ses statistiques mobiles
    # fr: sont en retard après 120 pas) et le terme L1 de la source pesait plus que la perte
    # fr: sur les données. Donc : une légère pénalité L2 (0,001, dix fois moins que celle du
    # fr: tableau, sans L1) et un dropout modéré (0,3), sans normalisation par lots.
    return keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(
                64, activation="relu", kernel_regularizer=keras.regularizers.l2(0.001)
            ),
            keras.layers.Dropout(0.3),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    ### END SOLUTION


def build_callbacks():
    ### BEGIN SOLUTION
    return []
    ### END SOLUTION


# %%
my_model = build_model()
ct.reseed()
# en: Fresh weights, drawn after the seed, as the grader draws them.
# fr: Des poids neufs, tirés après la graine, comme les tire la correction.
my_model = keras.models.clone_model(my_model)
my_history = train(my_model, build_callbacks())
my_train = accuracy(my_model, x_train, y_train)
my_val = accuracy(my_model, x_val, y_val)
print(_(en="epochs run:", fr="époques effectuées :"), len(my_history.history["loss"]))
print(_(en="training accuracy:", fr="exactitude d'entraînement :"), round(my_train, 4))
print(
    _(en="validation accuracy:", fr="exactitude de validation :"),
    round(my_val, 4),
    _(en="| at least 0.92:", fr="| au moins 0,92 :"),
    my_val >= 0.92,
)
print(
    _(en="gap:", fr="écart :"),
    round(my_train - my_val, 4),
    _(en="| at most 0.08:", fr="| au plus 0,08 :"),
    my_train - my_val <= 0.08,
)

# %% nbgrader="tests" grade_id="build_model_tests" points=3
# en: Visible tests: they check the structure only. The graded training is hidden: run the
# en: cell above to see what it gives on your computer.
# fr: Tests visibles : ils ne vérifient que la structure. L'entraînement noté est caché :
# fr: exécutez la cellule ci-dessus pour voir ce qu'il donne sur votre ordinateur.
_xt, _yt, _xv, _yv = ct.load_digits_split(n_train=256)
_model = build_model()
assert isinstance(_model, keras.Model), _(
    en="build_model() must return a Keras model (keras.Sequential or keras.Model).",
    fr="build_model() doit renvoyer un modèle Keras (keras.Sequential ou keras.Model).",
)
assert build_model() is not _model, _(
    en="build_model() must build a new model at each call.",
    fr="build_model() doit construire un nouveau modèle à chaque appel.",
)
assert tuple(_model.input_shape) == (None, 64), _(
    en=f"The input must have shape (None, 64), not {_model.input_shape}: start with keras.Input((64,)).",
    fr=f"L'entrée doit avoir la forme (None, 64), et non {_model.input_shape} : commencez par keras.Input((64,)).",
)
assert tuple(_model.output_shape) == (None, 10), _(
    en=f"Wrong output size {_model.output_shape}: one probability per digit, end with Dense(10, activation='softmax').",
    fr=f"Mauvaise taille de sortie {_model.output_shape} : une probabilité par chiffre, terminez par Dense(10, activation='softmax').",
)
_p = np.asarray(_model(_xv[:20], training=False))
assert (_p >= 0).all() and np.allclose(_p.sum(axis=1), 1.0, atol=1e-4), _(
    en="The outputs are not probabilities summing to 1: the softmax is missing, and categorical_crossentropy needs it. Use Dense(10, activation='softmax').",
    fr="Les sorties ne sont pas des probabilités de somme 1 : le softmax manque, et categorical_crossentropy en a besoin. Utilisez Dense(10, activation='softmax').",
)
_callbacks = build_callbacks()
assert isinstance(_callbacks, (list, tuple)) and all(
    isinstance(_c, (keras.callbacks.EarlyStopping, keras.callbacks.ReduceLROnPlateau))
    for _c in _callbacks
), _(
    en="build_callbacks() must return a list of EarlyStopping or ReduceLROnPlateau callbacks (an empty list is allowed).",
    fr="build_callbacks() doit renvoyer une liste de fonctions de rappel EarlyStopping ou ReduceLROnPlateau (une liste vide est permise).",
)
_techniques = sorted(
    {
        _kind
        for _layer in _model.layers
        for _kind, _present in [
            ("penalty", getattr(_layer, "kernel_regularizer", None) is not None),
            ("dropout", "Dropout" in type(_layer).__name__),
            ("batch normalization", isinstance(_layer, keras.layers.BatchNormalization)),
        ]
        if _present
    }
    | {"early stopping" for _c in _callbacks if isinstance(_c, keras.callbacks.EarlyStopping)}
)
assert _techniques, _(
    en="No regularization at all: combine at least two of kernel_regularizer, Dropout, BatchNormalization and EarlyStopping.",
    fr="Aucune régularisation : combinez au moins deux techniques parmi kernel_regularizer, Dropout, BatchNormalization et EarlyStopping.",
)
assert len(_techniques) >= 2, _(
    en=f"Only one technique ({_techniques[0]}): the exercise asks for a combination of at least two.",
    fr=f"Une seule technique ({_techniques[0]}) : l'exercice demande une combinaison d'au moins deux.",
)
# en: The penalty of fresh weights, drawn after the seed: the same however the model was
# en: built.
# fr: La pénalité de poids neufs, tirés après la graine : la même quelle que soit la façon
# fr: dont le modèle a été construit.
ct.reseed()
_fresh = keras.models.clone_model(_model)
_penalty = float(sum(keras.ops.convert_to_numpy(_loss) for _loss in _fresh.losses))
assert _penalty <= np.log(10), _(
    en=f"Way too much regularization: your penalties add {_penalty:.2f} to the loss before any training, more than the data loss itself (ln 10 = 2.30). Use coefficients 10 to 100 times smaller.",
    fr=f"Bien trop de régularisation : vos pénalités ajoutent {_penalty:.2f} à la perte avant tout entraînement, plus que la perte sur les données elle-même (ln 10 = 2,30). Prenez des coefficients 10 à 100 fois plus petits.",
)
for _layer in _model.layers:
    if isinstance(_layer, keras.layers.BatchNormalization) and _layer.momentum > 0.95:
        print(
            _(
                en=f"Hint: BatchNormalization with momentum {_layer.momentum}: in 120 steps its moving statistics lag (section 4).",
                fr=f"Indice : BatchNormalization avec un momentum de {_layer.momentum} : en 120 pas, ses statistiques mobiles sont en retard (section 4).",
            )
        )
print(_(en="Visible tests passed.", fr="Tests visibles réussis."))
### BEGIN HIDDEN TESTS
# en: The graded training, as train() does it, from fresh weights drawn after the seed.
# fr: L'entraînement noté, comme le fait train(), à partir de poids neufs tirés après la
# fr: graine.
_yt1, _yv1 = keras.utils.to_categorical(_yt, 10), keras.utils.to_categorical(_yv, 10)
_model = build_model()
ct.reseed()
_model = keras.models.clone_model(_model)
_model.compile(
    keras.optimizers.Adam(learning_rate=0.01),
    loss="categorical_crossentropy",
    metrics=["accuracy", keras.metrics.CategoricalCrossentropy(name="crossentropy")],
)
_model.fit(
    tf.data.Dataset.from_tensor_slices((_xt, _yt1)).shuffle(len(_xt), seed=0).batch(64),
    validation_data=tf.data.Dataset.from_tensor_slices((_xv, _yv1)).batch(len(_xv)),
    epochs=30,
    callbacks=list(build_callbacks()),
    shuffle=False,
    verbose=0,
)
_train_acc = float(np.mean(np.argmax(_model(_xt, training=False), axis=1) == _yt))
_val_acc = float(np.mean(np.argmax(_model(_xv, training=False), axis=1) == _yv))
assert _val_acc >= 0.92, _(
    en=f"The graded training gives a validation accuracy of {_val_acc:.3f}, below the bar of 0.92.",
    fr=f"L'entraînement noté donne une exactitude de validation de {_val_acc:.3f}, sous la barre de 0,92.",
)
assert _train_acc - _val_acc <= 0.08, _(
    en=f"The graded training gives a gap of {_train_acc - _val_acc:.3f} (training {_train_acc:.3f}, validation {_val_acc:.3f}), above the bar of 0.08.",
    fr=f"L'entraînement noté donne un écart de {_train_acc - _val_acc:.3f} (entraînement {_train_acc:.3f}, validation {_val_acc:.3f}), au-dessus de la barre de 0,08.",
)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ### Written question (2 points, graded by hand)
#
# Which technique helped most on these 256 digits, and why? Support your answer with figures
# from the table of section 3 (not only the curves), say which column you trust to measure
# the gap and why, and explain in one or two sentences why the source combination did worse
# than the plain network.

# %% [markdown] lang="fr"
# ### Question rédigée (2 points, corrigée à la main)
#
# Quelle technique a le plus aidé sur ces 256 chiffres, et pourquoi ? Appuyez votre réponse
# sur des chiffres du tableau de la section 3 (pas seulement sur les courbes), dites quelle
# colonne vous semble fiable pour mesurer l'écart et pourquoi, et expliquez en une ou deux
# phrases pourquoi la combinaison source a fait moins bien que le réseau simple.

# %% [markdown] lang="en" nbgrader="manual" grade_id="which_helped" points=2
# No technique alone helped measurably. The plain network reaches a validation accuracy
# of 0.936 with a gap of 0.064 (1.000 − 0.936, both in inference mode); L2 0.01 (0.936),
# dropout 0.5 (0.930) and early stopping (0.938, with the weights of epoch 25) stay within
# three validation images of it, inside the variation from one seed to another (0.936 to
# 0.944 for the plain network over five seeds). If one must be named, early stopping: one
# more image right and two epochs saved, at no cost. The gap to trust is the one measured in inference mode
# on both sets (as `model.evaluate` does): dropout's curves show a gap of −0.004 only
# because its training accuracy is measured with dropout on; in inference mode its gap is
# 0.066. None of the techniques brought that gap below 0.062: with 256 training images,
# regularization does not close it. The source combination did much worse (below 0.6 in
# inference mode): its L1 term is 1.85 times the data loss at the start and shrinks the
# weights, so the activations reaching batch normalization become tiny, while its moving
# statistics (momentum 0.99) still carry 30% of their initial values after 120 steps: at
# inference it divides by a standard deviation dozens of times too large. With the true
# statistics it recovers above 0.9.

# %% [markdown] lang="fr" nbgrader="manual" grade_id="which_helped" points=2
# Aucune technique seule n'a aidé de façon mesurable. Le réseau simple atteint une
# exactitude de validation de 0,936 avec un écart de 0,064 (1,000 − 0,936, les deux en
# mode inférence) ; L2 0,01 (0,936), le dropout 0,5 (0,930) et l'arrêt précoce (0,938, avec
# les poids de l'époque 25) restent à trois images de validation près, dans la variation
# d'une graine à l'autre (de 0,936 à 0,944 pour le réseau simple sur cinq graines). S'il
# faut en nommer une, l'arrêt précoce : une image de plus bien classée et deux époques
# économisées, sans aucun coût. L'écart fiable est celui mesuré en mode inférence sur les deux jeux (comme le fait
# `model.evaluate`) : les courbes du dropout montrent un écart de −0,004 uniquement parce
# que son exactitude d'entraînement est mesurée dropout actif ; en mode inférence, son écart
# vaut 0,066. Aucune technique n'a fait descendre cet écart sous 0,062 : avec 256 images
# d'entraînement, la régularisation ne le comble pas. La combinaison source a fait bien pire
# (sous 0,6 en mode inférence) : son terme L1 vaut 1,85 fois la perte sur les données au
# départ et fait fondre les poids, si bien que les activations qui arrivent à la
# normalisation par lots deviennent minuscules, tandis que ses statistiques mobiles
# (momentum 0,99) gardent encore 30 % de leurs valeurs initiales après 120 pas : en
# inférence, elle divise par un écart type des dizaines de fois trop grand. Avec les vraies
# statistiques, elle remonte au-dessus de 0,9.

# %% [markdown] lang="en"
# ## Key points
# - Compare regularizers on the same data, from the same initial weights, with the same
#   training procedure, and change one thing at a time; then check the combination. Know
#   your noise: here one validation image is 0.002 of accuracy, five seeds moved the plain
#   network over a range of 0.008, and no technique alone beat it by more than that.
# - Watch training and validation together, but measure the gap in inference mode on both
#   sets (`model.evaluate`, or the model called with `training=False`): the training curve
#   of a dropout model is measured with dropout on and makes the gap look smaller than it is.
# - With a penalty, `loss` and `val_loss` include it; compare models with a metric that does
#   not (here `crossentropy`).
# - Strength matters more than the list of ingredients: `l1_l2(0.01, 0.01)` on a 64×64
#   kernel adds 1.85 times the data loss before training starts. Compare the penalty with
#   the data loss (`sum(model.losses)` against about $\ln(\text{classes})$); you can even
#   predict it from the initializer before any run. And ingredients
#   interact: here the penalty shrank the activations, which made batch normalization's
#   stale statistics fatal. Test a combination as a whole.
# - `BatchNormalization`'s default momentum 0.99 needs hundreds of steps; with small data
#   sets or short runs, lower it (0.9) or the inference-time statistics will be wrong.
# - Early stopping with `restore_best_weights=True` gives back the best epoch's weights;
#   since Keras 3.0 it does so even if it never stopped.
#
# Next lesson: a quiz on the whole course.

# %% [markdown] lang="fr"
# ## À retenir
# - Comparez les régularisations sur les mêmes données, à partir des mêmes poids initiaux,
#   avec la même procédure d'entraînement, en ne changeant qu'une chose à la fois ; puis
#   vérifiez la combinaison. Connaissez votre bruit : ici, une image de validation vaut
#   0,002 d'exactitude, cinq graines ont fait varier le réseau simple sur une étendue de
#   0,008, et aucune technique seule ne l'a battu de plus que cela.
# - Suivez ensemble l'entraînement et la validation, mais mesurez l'écart en mode inférence
#   sur les deux jeux (`model.evaluate`, ou le modèle appelé avec `training=False`) : la
#   courbe d'entraînement d'un modèle avec dropout est mesurée dropout actif et fait paraître
#   l'écart plus petit qu'il n'est.
# - Avec une pénalité, `loss` et `val_loss` l'incluent ; comparez les modèles avec une
#   métrique qui ne l'inclut pas (ici `crossentropy`).
# - L'intensité compte plus que la liste des ingrédients : `l1_l2(0.01, 0.01)` sur un noyau
#   de 64×64 ajoute 1,85 fois la perte sur les données avant même le début de
#   l'entraînement. Comparez la pénalité à la perte sur les données (`sum(model.losses)`
#   face à environ $\ln(\text{nombre de classes})$) ; vous pouvez même la prédire à partir
#   de l'initialiseur, avant tout entraînement. Et les ingrédients interagissent : ici,
#   la pénalité a réduit les activations, ce qui a rendu fatales les statistiques périmées
#   de la normalisation par lots. Testez une combinaison comme un tout.
# - Le momentum par défaut de `BatchNormalization`, 0,99, demande des centaines de pas ;
#   avec de petits jeux de données ou des entraînements courts, baissez-le (0,9), sinon les
#   statistiques utilisées en inférence seront fausses.
# - L'arrêt précoce avec `restore_best_weights=True` rend les poids de la meilleure époque ;
#   depuis Keras 3.0, il le fait même s'il n'a jamais interrompu l'entraînement.
#
# Leçon suivante : un quiz sur l'ensemble du cours.
