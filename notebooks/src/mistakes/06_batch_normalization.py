"""Typical wrong answers to lesson 6's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

MISTAKES = {
    "batchnorm_forward": {
        "batch_statistics_at_inference": {
            "edit": [
                (
                    "    if training:\n        mean, var = x.mean(axis=0), x.var(axis=0)\n    else:\n        mean, var = np.asarray(moving_mean), np.asarray(moving_var)\n    y = (x - mean) / np.sqrt(var + epsilon)\n",
                    "    y = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + epsilon)\n",
                ),
                ("        y = y * np.asarray(gamma)\n", "        y = y * gamma\n"),
                ("        y = y + np.asarray(beta)\n", "        y = y + beta\n"),
            ],
            "says": {"en": "batch statistics", "fr": "statistiques du lot"},
        },
        "unbiased_variance": {
            "edit": [
                (
                    "        mean, var = x.mean(axis=0), x.var(axis=0)\n",
                    "        mean, var = x.mean(axis=0), x.var(axis=0, ddof=1)\n",
                ),
                (
                    "        mean, var = np.asarray(moving_mean), np.asarray(moving_var)\n",
                    "        mean, var = moving_mean, moving_var\n",
                ),
                ("        y = y * np.asarray(gamma)\n", "        y = y * gamma\n"),
                ("        y = y + np.asarray(beta)\n", "        y = y + beta\n"),
            ],
            "says": {"en": "unbiased variance", "fr": "variance non biaisée"},
        },
        "epsilon_outside_sqrt": {
            "edit": [
                (
                    "        mean, var = np.asarray(moving_mean), np.asarray(moving_var)\n    y = (x - mean) / np.sqrt(var + epsilon)\n",
                    "        mean, var = moving_mean, moving_var\n    y = (x - mean) / (np.sqrt(var) + epsilon)\n",
                ),
                ("        y = y * np.asarray(gamma)\n", "        y = y * gamma\n"),
                ("        y = y + np.asarray(beta)\n", "        y = y + beta\n"),
            ],
            "says": {"en": "inside the square root", "fr": "sous la racine"},
        },
        "gamma_beta_forgotten": {
            "edit": [
                (
                    "        mean, var = np.asarray(moving_mean), np.asarray(moving_var)\n    y = (x - mean) / np.sqrt(var + epsilon)\n    if gamma is not None:\n        y = y * np.asarray(gamma)\n    if beta is not None:\n        y = y + np.asarray(beta)\n    return y\n",
                    "        mean, var = moving_mean, moving_var\n    return (x - mean) / np.sqrt(var + epsilon)\n",
                ),
            ],
            "says": {"en": "gamma or beta is missing", "fr": "gamma ou beta manque"},
        },
        "beta_forgotten": {
            "edit": [
                (
                    "        mean, var = np.asarray(moving_mean), np.asarray(moving_var)\n",
                    "        mean, var = moving_mean, moving_var\n",
                ),
                (
                    "    if gamma is not None:\n        y = y * np.asarray(gamma)\n    if beta is not None:\n        y = y + np.asarray(beta)\n    return y\n",
                    "    return y if gamma is None else y * gamma\n",
                ),
            ],
            "says": {"en": "gamma or beta is missing", "fr": "gamma ou beta manque"},
        },
        "wrong_axis": {
            "edit": [
                (
                    "        mean, var = x.mean(axis=0), x.var(axis=0)\n",
                    "        mean, var = x.mean(axis=1, keepdims=True), x.var(axis=1, keepdims=True)\n",
                ),
                (
                    "        mean, var = np.asarray(moving_mean), np.asarray(moving_var)\n",
                    "        mean, var = moving_mean, moving_var\n",
                ),
                ("        y = y * np.asarray(gamma)\n", "        y = y * gamma\n"),
                ("        y = y + np.asarray(beta)\n", "        y = y + beta\n"),
            ],
            "says": {"en": "Wrong axis", "fr": "Mauvais axe"},
        },
        "moving_statistics_in_training": {
            "edit": [
                (
                    "    if training:\n        mean, var = x.mean(axis=0), x.var(axis=0)\n    else:\n        mean, var = np.asarray(moving_mean), np.asarray(moving_var)\n    y = (x - mean) / np.sqrt(var + epsilon)\n",
                    "    y = (x - moving_mean) / np.sqrt(moving_var + epsilon)\n",
                ),
                ("        y = y * np.asarray(gamma)\n", "        y = y * gamma\n"),
                ("        y = y + np.asarray(beta)\n", "        y = y + beta\n"),
            ],
        },
        "none_not_handled": {
            "edit": [
                (
                    "        mean, var = np.asarray(moving_mean), np.asarray(moving_var)\n    y = (x - mean) / np.sqrt(var + epsilon)\n    if gamma is not None:\n        y = y * np.asarray(gamma)\n    if beta is not None:\n        y = y + np.asarray(beta)\n    return y\n",
                    "        mean, var = moving_mean, moving_var\n    return gamma * (x - mean) / np.sqrt(var + epsilon) + beta\n",
                ),
            ],
        },
        "epsilon_hard_coded": {
            "edit": [
                (
                    "        mean, var = np.asarray(moving_mean), np.asarray(moving_var)\n    y = (x - mean) / np.sqrt(var + epsilon)\n",
                    "        mean, var = moving_mean, moving_var\n    y = (x - mean) / np.sqrt(var + 1e-3)\n",
                ),
                ("        y = y * np.asarray(gamma)\n", "        y = y * gamma\n"),
                ("        y = y + np.asarray(beta)\n", "        y = y + beta\n"),
            ],
        },
    },
    "update_moving_stats": {
        "momentum_swapped": {
            "edit": [
                (
                    "    new_mean = np.asarray(moving_mean) * momentum + x.mean(axis=0) * (1 - momentum)\n    new_var = np.asarray(moving_var) * momentum + x.var(axis=0) * (1 - momentum)\n",
                    "    new_mean = moving_mean * (1 - momentum) + x.mean(axis=0) * momentum\n    new_var = moving_var * (1 - momentum) + x.var(axis=0) * momentum\n",
                ),
            ],
            "says": {"en": "momentum weights are swapped", "fr": "poids du momentum sont inversés"},
        },
        "unbiased_variance": {
            "edit": [
                (
                    "    new_mean = np.asarray(moving_mean) * momentum + x.mean(axis=0) * (1 - momentum)\n    new_var = np.asarray(moving_var) * momentum + x.var(axis=0) * (1 - momentum)\n",
                    "    new_mean = moving_mean * momentum + x.mean(axis=0) * (1 - momentum)\n    new_var = moving_var * momentum + x.var(axis=0, ddof=1) * (1 - momentum)\n",
                ),
            ],
            "says": {"en": "unbiased variance", "fr": "variance non biaisée"},
        },
        "normalized_output_statistics": {
            "edit": [
                (
                    "    new_mean = np.asarray(moving_mean) * momentum + x.mean(axis=0) * (1 - momentum)\n    new_var = np.asarray(moving_var) * momentum + x.var(axis=0) * (1 - momentum)\n",
                    "    y = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + 1e-3)\n    new_mean = moving_mean * momentum + y.mean(axis=0) * (1 - momentum)\n    new_var = moving_var * momentum + y.var(axis=0) * (1 - momentum)\n",
                ),
            ],
            "says": {"en": "normalized output", "fr": "sortie normalisée"},
        },
        "standard_deviation_instead_of_variance": {
            "edit": [
                (
                    "    new_mean = np.asarray(moving_mean) * momentum + x.mean(axis=0) * (1 - momentum)\n    new_var = np.asarray(moving_var) * momentum + x.var(axis=0) * (1 - momentum)\n",
                    "    new_mean = moving_mean * momentum + x.mean(axis=0) * (1 - momentum)\n    new_var = moving_var * momentum + x.std(axis=0) * (1 - momentum)\n",
                ),
            ],
        },
        "arguments_modified_in_place": {
            "edit": [
                (
                    "    new_mean = np.asarray(moving_mean) * momentum + x.mean(axis=0) * (1 - momentum)\n    new_var = np.asarray(moving_var) * momentum + x.var(axis=0) * (1 - momentum)\n    return new_mean, new_var\n",
                    "    moving_mean *= momentum\n    moving_mean += x.mean(axis=0) * (1 - momentum)\n    moving_var *= momentum\n    moving_var += x.var(axis=0) * (1 - momentum)\n    return moving_mean, moving_var\n",
                ),
            ],
        },
    },
}
