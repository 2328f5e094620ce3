"""Typical wrong answers to lesson 9's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

# The reference solution's justification, dropped by the wrong answers below (it would
# not describe them).
_BUILD_COMMENT = (
    "    # en: Sections 3 and 4: batch normalization failed here (its moving statistics lag\n"
    "    # en: behind after 120 steps) and the source's L1 term outweighed the data loss. So: a\n"
    "    # en: light L2 penalty (0.001, ten times below the table's, no L1) and a moderate dropout\n"
    "    # en: (0.3), no batch normalization.\n"
    "    # fr: Sections 3 et 4 : la normalisation par lots a échoué ici (ses statistiques mobiles\n"
    "    # fr: sont en retard après 120 pas) et le terme L1 de la source pesait plus que la perte\n"
    "    # fr: sur les données. Donc : une légère pénalité L2 (0,001, dix fois moins que celle du\n"
    "    # fr: tableau, sans L1) et un dropout modéré (0,3), sans normalisation par lots.\n"
)
_HIDDEN_LAYER = (
    '            keras.layers.Dense(\n                64, activation="relu", '
    "kernel_regularizer=keras.regularizers.l2(0.001)\n            ),\n"
)

MISTAKES = {
    "penalty_at_start": {
        "coefficient_left_out": {
            "edit": [("float(l1 * n * a / 2)", "float(n * a / 2)")],
            "says": {
                "en": "You left out the coefficient l1",
                "fr": "Vous avez oublié le coefficient l1",
            },
        },
        "mean_of_abs_is_a": {
            "edit": [("l1 * n * a / 2)", "l1 * n * a)")],
            "says": {"en": "is a/2, not a", "fr": "vaut a/2, et non a"},
        },
        "square_of_the_mean": {
            "edit": [("a**2 / 3", "(a / 2) ** 2")],
            "says": {
                "en": "the mean of w² is a²/3",
                "fr": "la moyenne de w² vaut a²/3",
            },
        },
        "fan_in_only": {
            "edit": [("np.sqrt(6 / (fan_in + fan_out))", "np.sqrt(6 / fan_in)")],
            "says": {
                "en": "uses fan_in + fan_out, not fan_in alone",
                "fr": "utilise fan_in + fan_out, et non fan_in seul",
            },
        },
        "half_l2": {
            "edit": [("float(l2 * n * a**2 / 3)", "float(0.5 * l2 * n * a**2 / 3)")],
            "says": {"en": "with no factor ½", "fr": "sans facteur ½"},
        },
        "one_weight_only": {
            "edit": [("n = fan_in * fan_out", "n = 1")],
            "says": {
                "en": "multiply by the number of weights",
                "fr": "multipliez par le nombre de poids",
            },
        },
        "terms_swapped": {
            "edit": [
                (
                    "return float(l1 * n * a / 2), float(l2 * n * a**2 / 3)",
                    "return float(l2 * n * a**2 / 3), float(l1 * n * a / 2)",
                )
            ],
            "says": {"en": "in the wrong order", "fr": "dans le mauvais ordre"},
        },
    },
    "build_model": {
        "no_regularization": {
            "edit": [
                (_BUILD_COMMENT, ""),
                (
                    _HIDDEN_LAYER + "            keras.layers.Dropout(0.3),\n",
                    '            keras.layers.Dense(64, activation="relu"),\n',
                ),
            ],
            "says": {"en": "No regularization at all", "fr": "Aucune régularisation"},
        },
        "way_too_much_regularization": {
            "edit": [
                (_BUILD_COMMENT, ""),
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
                (_BUILD_COMMENT, ""),
                (
                    '            keras.layers.Dense(10, activation="softmax"),\n',
                    "            keras.layers.Dense(10),\n",
                ),
            ],
            "says": {"en": "the softmax is missing", "fr": "le softmax manque"},
        },
        "wrong_output_size": {
            "edit": [
                (_BUILD_COMMENT, ""),
                (
                    '            keras.layers.Dense(10, activation="softmax"),\n',
                    '            keras.layers.Dense(1, activation="sigmoid"),\n',
                ),
            ],
            "says": {"en": "Wrong output size", "fr": "Mauvaise taille de sortie"},
        },
        "one_technique_only": {
            "edit": [
                (_BUILD_COMMENT, ""),
                (
                    _HIDDEN_LAYER + "            keras.layers.Dropout(0.3),\n",
                    '            keras.layers.Dense(64, activation="relu"),\n'
                    "            keras.layers.Dropout(0.5),\n",
                ),
            ],
            "says": {"en": "Only one technique", "fr": "Une seule technique"},
        },
        "source_model_as_is": {
            "edit": [
                (_BUILD_COMMENT, ""),
                (
                    '                64, activation="relu", kernel_regularizer=keras.regularizers.l2(0.001)\n',
                    '                64,\n                activation="relu",\n'
                    "                kernel_regularizer=keras.regularizers.l1_l2(l1=0.01, l2=0.01),\n",
                ),
                (
                    "            keras.layers.Dropout(0.3),\n",
                    "            keras.layers.BatchNormalization(),\n            keras.layers.Dropout(0.5),\n",
                ),
            ],
            "says": {"en": "Way too much regularization", "fr": "Bien trop de régularisation"},
        },
        # Passes the visible tests (they only print a hint about the momentum); the graded
        # training ends below the bar of 0.92.
        "default_batch_norm_momentum": {
            "edit": [
                (_BUILD_COMMENT, ""),
                (
                    "            ),\n",
                    "            ),\n            keras.layers.BatchNormalization(),\n",
                ),
            ],
        },
    },
}
