"""Typical wrong answers to lesson 9's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

MISTAKES = {
    "build_model": {
        "no_regularization": {
            "edit": [
                (
                    "    # Sections 3 and 4: batch normalization failed here (its moving statistics lag behind\n    # after 120 steps) and the source's L1 term dominated the loss. So: a light L2 penalty\n    # (0.001, ten times below the table's, no L1) and a moderate dropout (0.3), no batch\n    # normalization.\n",
                    "",
                ),
                (
                    '            keras.layers.Dense(\n                64, activation="relu", kernel_regularizer=keras.regularizers.l2(0.001)\n            ),\n            keras.layers.Dropout(0.3),\n',
                    '            keras.layers.Dense(64, activation="relu"),\n',
                ),
            ],
            "says": {"en": "No regularization at all", "fr": "Aucune régularisation"},
        },
        "way_too_much_regularization": {
            "edit": [
                (
                    "    # Sections 3 and 4: batch normalization failed here (its moving statistics lag behind\n    # after 120 steps) and the source's L1 term dominated the loss. So: a light L2 penalty\n    # (0.001, ten times below the table's, no L1) and a moderate dropout (0.3), no batch\n    # normalization.\n",
                    "",
                ),
                (
                    '                64, activation="relu", kernel_regularizer=keras.regularizers.l2(0.001)\n',
                    '                64, activation="relu", kernel_regularizer=keras.regularizers.l1_l2(l1=1.0, l2=1.0)\n',
                ),
                (
                    "            keras.layers.Dropout(0.3),\n",
                    "            keras.layers.Dropout(0.5),\n",
                ),
            ],
            "says": {"en": "Way too much regularization", "fr": "Bien trop de régularisation"},
        },
        "softmax_missing": {
            "edit": [
                (
                    "    # Sections 3 and 4: batch normalization failed here (its moving statistics lag behind\n    # after 120 steps) and the source's L1 term dominated the loss. So: a light L2 penalty\n    # (0.001, ten times below the table's, no L1) and a moderate dropout (0.3), no batch\n    # normalization.\n",
                    "",
                ),
                (
                    '            keras.layers.Dense(10, activation="softmax"),\n',
                    "            keras.layers.Dense(10),\n",
                ),
            ],
            "says": {"en": "the softmax is missing", "fr": "le softmax manque"},
        },
        "wrong_output_size": {
            "edit": [
                (
                    "    # Sections 3 and 4: batch normalization failed here (its moving statistics lag behind\n    # after 120 steps) and the source's L1 term dominated the loss. So: a light L2 penalty\n    # (0.001, ten times below the table's, no L1) and a moderate dropout (0.3), no batch\n    # normalization.\n",
                    "",
                ),
                (
                    '            keras.layers.Dense(10, activation="softmax"),\n',
                    '            keras.layers.Dense(1, activation="sigmoid"),\n',
                ),
            ],
            "says": {"en": "Wrong output size", "fr": "Mauvaise taille de sortie"},
        },
        "one_technique_only": {
            "edit": [
                (
                    "    # Sections 3 and 4: batch normalization failed here (its moving statistics lag behind\n    # after 120 steps) and the source's L1 term dominated the loss. So: a light L2 penalty\n    # (0.001, ten times below the table's, no L1) and a moderate dropout (0.3), no batch\n    # normalization.\n",
                    "",
                ),
                (
                    '            keras.layers.Dense(\n                64, activation="relu", kernel_regularizer=keras.regularizers.l2(0.001)\n            ),\n            keras.layers.Dropout(0.3),\n',
                    '            keras.layers.Dense(64, activation="relu"),\n            keras.layers.Dropout(0.5),\n',
                ),
            ],
            "says": {"en": "Only one technique", "fr": "Une seule technique"},
        },
        "source_model_as_is": {
            "edit": [
                (
                    "    # Sections 3 and 4: batch normalization failed here (its moving statistics lag behind\n    # after 120 steps) and the source's L1 term dominated the loss. So: a light L2 penalty\n    # (0.001, ten times below the table's, no L1) and a moderate dropout (0.3), no batch\n    # normalization.\n",
                    "",
                ),
                (
                    '                64, activation="relu", kernel_regularizer=keras.regularizers.l2(0.001)\n',
                    '                64,\n                activation="relu",\n                kernel_regularizer=keras.regularizers.l1_l2(l1=0.01, l2=0.01),\n',
                ),
                (
                    "            keras.layers.Dropout(0.3),\n",
                    "            keras.layers.BatchNormalization(),\n            keras.layers.Dropout(0.5),\n",
                ),
            ],
        },
        "default_batch_norm_momentum": {
            "edit": [
                (
                    "    # Sections 3 and 4: batch normalization failed here (its moving statistics lag behind\n    # after 120 steps) and the source's L1 term dominated the loss. So: a light L2 penalty\n    # (0.001, ten times below the table's, no L1) and a moderate dropout (0.3), no batch\n    # normalization.\n",
                    "",
                ),
                (
                    "            ),\n",
                    "            ),\n            keras.layers.BatchNormalization(),\n",
                ),
            ],
        },
    },
    "generalization_gap": {
        "last_epoch": {
            "edit": [
                (
                    '    best = int(np.argmin(h["val_loss"]))\n    return float(h["accuracy"][best] - h["val_accuracy"][best])\n',
                    '    return float(h["accuracy"][-1] - h["val_accuracy"][-1])\n',
                ),
            ],
            "says": {"en": "at the last epoch", "fr": "à la dernière époque"},
        },
        "sign_swapped": {
            "edit": [
                (
                    '    return float(h["accuracy"][best] - h["val_accuracy"][best])\n',
                    '    return float(h["val_accuracy"][best] - h["accuracy"][best])\n',
                ),
            ],
            "says": {"en": "The sign is swapped", "fr": "Le signe est inversé"},
        },
        "off_by_one_epoch": {
            "edit": [
                (
                    '    best = int(np.argmin(h["val_loss"]))\n',
                    '    best = int(np.argmin(h["val_loss"])) + 1\n',
                ),
            ],
            "says": {"en": "one epoch off", "fr": "décalé d'une époque"},
        },
        "best_by_val_accuracy": {
            "edit": [
                (
                    '    best = int(np.argmin(h["val_loss"]))\n',
                    '    best = int(np.argmax(h["val_accuracy"]))\n',
                ),
            ],
            "says": {"en": "highest validation accuracy", "fr": "plus haute exactitude"},
        },
        "dict_only": {
            "edit": [
                (
                    '    h = getattr(history, "history", history)\n    best = int(np.argmin(h["val_loss"]))\n    return float(h["accuracy"][best] - h["val_accuracy"][best])\n',
                    '    best = int(np.argmin(history["val_loss"]))\n    return float(history["accuracy"][best] - history["val_accuracy"][best])\n',
                ),
            ],
            "says": {
                "en": "must also accept the History object",
                "fr": "doit aussi accepter l'objet History",
            },
        },
        "minimum_gap_over_epochs": {
            "edit": [
                (
                    '    best = int(np.argmin(h["val_loss"]))\n    return float(h["accuracy"][best] - h["val_accuracy"][best])\n',
                    '    return float(min(a - v for a, v in zip(h["accuracy"], h["val_accuracy"])))\n',
                ),
            ],
        },
    },
}
