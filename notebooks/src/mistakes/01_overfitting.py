"""Typical wrong answers to lesson 1's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

MISTAKES = {
    "dense_forward": {
        "bias_forgotten": {
            "edit": [
                ("    if bias is not None:\n        z = z + np.asarray(bias)\n", ""),
            ],
            "says": {"en": "The bias is missing", "fr": "Le biais manque"},
        },
        "bias_after_activation": {
            "edit": [
                ("    if bias is not None:\n        z = z + np.asarray(bias)\n", ""),
                (
                    '        return np.maximum(z, 0.0)\n    if activation == "sigmoid":\n        return 1.0 / (1.0 + np.exp(-z))\n    return z\n',
                    '        z = np.maximum(z, 0.0)\n    elif activation == "sigmoid":\n        z = 1.0 / (1.0 + np.exp(-z))\n    return z if bias is None else z + bias\n',
                ),
            ],
            "says": {"en": "added after the activation", "fr": "ajouté après l'activation"},
        },
        "activation_ignored": {
            "edit": [
                (
                    '    if bias is not None:\n        z = z + np.asarray(bias)\n    if activation == "relu":\n        return np.maximum(z, 0.0)\n    if activation == "sigmoid":\n        return 1.0 / (1.0 + np.exp(-z))\n    return z\n',
                    "    return z if bias is None else z + bias\n",
                ),
            ],
            "says": {"en": "The activation is missing", "fr": "L'activation manque"},
        },
        "kernel_transposed": {
            "edit": [
                (
                    '    z = np.asarray(x) @ np.asarray(kernel)\n    if bias is not None:\n        z = z + np.asarray(bias)\n    if activation == "relu":\n        return np.maximum(z, 0.0)\n    if activation == "sigmoid":\n        return 1.0 / (1.0 + np.exp(-z))\n    return z\n',
                    '    z = np.asarray(x) @ np.asarray(kernel).T\n    z = z if bias is None else z + bias\n    return np.maximum(z, 0.0) if activation == "relu" else z\n',
                ),
            ],
        },
        "sigmoid_sign": {
            "edit": [
                (
                    "        return 1.0 / (1.0 + np.exp(-z))\n",
                    "        return 1.0 / (1.0 + np.exp(z))\n",
                ),
            ],
        },
    },
    "param_counts": {
        "biases_forgotten": {
            "edit": [
                (
                    "large_params = (10 * 128 + 128) + (128 * 128 + 128) + (128 * 1 + 1)\n",
                    "large_params = 10 * 128 + 128 * 128 + 128 * 1\n",
                ),
            ],
            "says": {"en": "You left out the biases", "fr": "Vous avez oublié les biais"},
        },
        "output_layer_forgotten": {
            "edit": [
                (
                    "large_params = (10 * 128 + 128) + (128 * 128 + 128) + (128 * 1 + 1)\n",
                    "large_params = (10 * 128 + 128) + (128 * 128 + 128)\n",
                ),
            ],
            "says": {"en": "You left out the output layer", "fr": "oublié la couche de sortie"},
        },
        "one_bias_per_input": {
            "edit": [
                (
                    "tiny_params = (10 * 1 + 1) + (1 * 1 + 1)\n",
                    "tiny_params = (10 * 1 + 10) + (1 * 1 + 1)\n",
                ),
            ],
            "says": {"en": "one bias per input", "fr": "un biais par entrée"},
        },
        "second_layer_fed_by_the_features": {
            "edit": [
                (
                    "large_params = (10 * 128 + 128) + (128 * 128 + 128) + (128 * 1 + 1)\n",
                    "large_params = (10 * 128 + 128) + (10 * 128 + 128) + (128 * 1 + 1)\n",
                ),
            ],
            "says": {"en": "128 outputs of the first", "fr": "128 sorties de la première"},
        },
        "units_counted_instead_of_parameters": {
            "edit": [
                (
                    "small_params = (10 * 4 + 4) + (4 * 1 + 1)\n",
                    "small_params = 10 + 4 + 1\n",
                ),
            ],
            "says": {"en": "15 parameters and Keras counts 49: 34 too few", "fr": "34 de moins"},
        },
    },
    "best_epoch": {
        "zero_based": {
            "edit": [
                (
                    "    return int(np.argmin(np.asarray(val_losses))) + 1\n",
                    "    return int(np.argmin(val_losses))\n",
                ),
            ],
            "says": {"en": "counted from 1", "fr": "numérotées à partir de 1"},
        },
        "last_minimum_on_ties": {
            "edit": [
                (
                    "    return int(np.argmin(np.asarray(val_losses))) + 1\n",
                    "    v = list(val_losses)\n    return len(v) - v[::-1].index(min(v))\n",
                ),
            ],
            "says": {"en": "share the lowest value", "fr": "partagent la valeur minimale"},
        },
        "epoch_of_first_rise": {
            "edit": [
                (
                    "    return int(np.argmin(np.asarray(val_losses))) + 1\n",
                    "    v = list(val_losses)\n    for i in range(1, len(v)):\n        if v[i] > v[i - 1]:\n            return i + 1\n    return len(v)\n",
                ),
            ],
            "says": {"en": "where the loss first rises", "fr": "remonte pour la première fois"},
        },
        "last_epoch_before_the_first_rise": {
            "edit": [
                (
                    "    return int(np.argmin(np.asarray(val_losses))) + 1\n",
                    "    v = list(val_losses)\n    for i in range(1, len(v)):\n        if v[i] > v[i - 1]:\n            return i\n    return len(v)\n",
                ),
            ],
            "says": {"en": "where the loss first rises", "fr": "remonte pour la première fois"},
        },
        "returns_a_float": {
            "edit": [
                (
                    "    return int(np.argmin(np.asarray(val_losses))) + 1\n",
                    "    return np.argmin(np.asarray(val_losses)) + 1.0\n",
                ),
            ],
            "says": {"en": "must return an integer", "fr": "doit renvoyer un entier"},
        },
    },
}
