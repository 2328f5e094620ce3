"""Typical wrong answers to lesson 8's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

_VALID_AND_SAME = (
    "        out_h, out_w = -(-h // stride), -(-w // stride)\n    else:\n"
    "        out_h, out_w = (h - kernel) // stride + 1, (w - kernel) // stride + 1\n"
    "    return (int(out_h), int(out_w), int(filters))\n"
)
_FLATTEN = "params_flatten = 80 + (4 * 4 * 8 * 10 + 10)"
_GAP = "params_gap = 80 + (8 * 10 + 10)"
# The reference design's regularized body, from its first convolution to its dropout.
_REGULARIZED = (
    '            keras.layers.Conv2D(16, 3, padding="same", use_bias=False),\n'
    "            keras.layers.BatchNormalization(momentum=0.9),\n"
    '            keras.layers.Activation("relu"),\n'
    '            keras.layers.Conv2D(16, 3, padding="same", use_bias=False),\n'
    "            keras.layers.BatchNormalization(momentum=0.9),\n"
    '            keras.layers.Activation("relu"),\n'
    "            keras.layers.MaxPooling2D(),\n"
    "            keras.layers.Flatten(),\n"
    "            keras.layers.Dropout(0.5),\n"
)
_SOFTMAX = '            keras.layers.Dense(10, activation="softmax"),\n'

MISTAKES = {
    "conv_output_shape": {
        "valid_computed_like_same": {
            "edit": [
                (
                    '    if padding == "same":\n' + _VALID_AND_SAME,
                    "    return (-(-h // stride), -(-w // stride), filters)\n",
                ),
            ],
            "says": {"en": "'valid' is computed like 'same'", "fr": "'valid' est calculé comme"},
        },
        "off_by_one": {
            "edit": [
                (
                    _VALID_AND_SAME,
                    "        return (-(-h // stride), -(-w // stride), filters)\n"
                    "    return ((h - kernel) // stride, (w - kernel) // stride, filters)\n",
                ),
            ],
            "says": {"en": "Off by one", "fr": "Décalage d'une unité"},
        },
        "stride_ignored": {
            "edit": [
                (
                    _VALID_AND_SAME,
                    "        return (h, w, filters)\n"
                    "    return (h - kernel + 1, w - kernel + 1, filters)\n",
                ),
            ],
            "says": {"en": "The stride is ignored", "fr": "Le pas est ignoré"},
        },
        "stride_divides_positions": {
            "edit": [
                (
                    _VALID_AND_SAME,
                    "        return (-(-h // stride), -(-w // stride), filters)\n"
                    "    return ((h - kernel + 1) // stride, (w - kernel + 1) // stride, filters)\n",
                ),
            ],
            "says": {"en": "positions 0 and 3 fit", "fr": "les positions 0 et 3 tiennent"},
        },
        "same_rounded_down": {
            "edit": [
                (
                    _VALID_AND_SAME,
                    "        return (h // stride, w // stride, filters)\n"
                    "    return ((h - kernel) // stride + 1, (w - kernel) // stride + 1, filters)\n",
                ),
            ],
            "says": {"en": "rounded up", "fr": "arrondi au-dessus"},
        },
    },
    "predict_params": {
        "convolution_left_out": {
            "edit": [
                (_FLATTEN, "params_flatten = 4 * 4 * 8 * 10 + 10"),
                (_GAP, "params_gap = 8 * 10 + 10"),
            ],
            "says": {"en": "You left out the convolution", "fr": "Vous avez oublié la convolution"},
        },
        "pooling_forgotten": {
            "edit": [(_FLATTEN, "params_flatten = 80 + (8 * 8 * 8 * 10 + 10)")],
            "says": {"en": "MaxPooling2D halves", "fr": "MaxPooling2D divise par deux"},
        },
        "dense_biases_forgotten": {
            "edit": [
                (_FLATTEN, "params_flatten = 80 + 4 * 4 * 8 * 10"),
                (_GAP, "params_gap = 80 + 8 * 10"),
            ],
            "says": {"en": "Count the biases", "fr": "Comptez les biais"},
        },
        "global_pooling_counted_like_flatten": {
            "edit": [(_GAP, "params_gap = 80 + (4 * 4 * 8 * 10 + 10)")],
            "says": {"en": "keeps one value per channel", "fr": "garde une valeur par canal"},
        },
        "global_pooling_to_one_value": {
            "edit": [(_GAP, "params_gap = 80 + (1 * 10 + 10)")],
            "says": {"en": "70 below the count", "fr": "inférieure de 70"},
        },
    },
    "design_cnn": {
        "no_regularization": {
            "edit": [
                (
                    _REGULARIZED,
                    '            keras.layers.Conv2D(16, 3, padding="same", activation="relu"),\n'
                    '            keras.layers.Conv2D(16, 3, padding="same", activation="relu"),\n'
                    "            keras.layers.Flatten(),\n"
                    '            keras.layers.Dense(64, activation="relu"),\n',
                ),
            ],
            "says": {"en": "No regularization", "fr": "Aucune régularisation"},
        },
        "no_flatten": {
            "edit": [("            keras.layers.Flatten(),\n", "")],
            "says": {"en": "Add Flatten()", "fr": "Ajoutez Flatten()"},
        },
        "no_softmax": {
            "edit": [(_SOFTMAX, "            keras.layers.Dense(10),\n")],
            "says": {"en": "activation='softmax'", "fr": "activation='softmax'"},
        },
        "too_big": {
            "edit": [
                (
                    "            keras.layers.Flatten(),\n",
                    "            keras.layers.Flatten(),\n"
                    '            keras.layers.Dense(512, activation="relu"),\n',
                ),
            ],
            "says": {"en": "keep it under 100,000", "fr": "restez sous 100 000"},
        },
        # Dropout's rate is the fraction of inputs dropped: 0.95 leaves the classifier 5% of
        # its inputs at each step, and the model underfits (only the hidden test sees it).
        "dropout_far_too_strong": {
            "edit": [("keras.layers.Dropout(0.5)", "keras.layers.Dropout(0.95)")],
        },
    },
}
