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
    "predict_moving_stats": {
        "weights_swapped": {
            "edit": [("    kept = momentum**steps", "    kept = 1 - momentum**steps")],
            "says": {"en": "You swapped the weights", "fr": "Vous avez inversé les poids"},
        },
        "variance_starts_at_zero": {
            "edit": [("1.0 * kept", "0.0 * kept")],
            "says": {"en": "moving_variance starts at 1", "fr": "moving_variance part de 1"},
        },
        "one_step_off": {
            "edit": [("momentum**steps", "momentum ** (steps - 1)")],
            "says": {"en": "one step off", "fr": "décalé d'un pas"},
        },
        "additive_weights": {
            "edit": [("momentum**steps", "max(0.0, 1 - steps * (1 - momentum))")],
            "says": {
                "en": "as if the weights added up",
                "fr": "comme si les poids s'additionnaient",
            },
        },
        "single_step": {
            "edit": [("momentum**steps", "momentum")],
            "says": {"en": "after only one step", "fr": "après un seul pas"},
        },
        "initial_values_forgotten": {
            "edit": [
                ("0.0 * kept + np.asarray(batch_mean) * (1 - kept)", "np.asarray(batch_mean)"),
                ("1.0 * kept + np.asarray(batch_var) * (1 - kept)", "np.asarray(batch_var)"),
            ],
            "says": {"en": "too high by", "fr": "trop haut de"},
        },
    },
    "accuracy_in_batches": {
        "training_mode_kept": {
            "edit": [("training=False", "training=True")],
            "says": {"en": "a call with training=True", "fr": "un appel avec training=True"},
        },
        "statistics_updated_before_inference": {
            "edit": [
                (
                    "        probabilities = model(x[start : start + batch_size], training=False)\n",
                    "        model(x[start : start + batch_size], training=True)\n"
                    "        probabilities = model(x[start : start + batch_size], training=False)\n",
                )
            ],
            "says": {"en": "a call with training=True", "fr": "un appel avec training=True"},
        },
        "mean_of_batch_accuracies": {
            "edit": [
                ("    correct = 0\n", "    accuracies = []\n"),
                (
                    "        correct += int(np.sum(predicted == y[start : start + batch_size]))\n",
                    "        accuracies.append(np.mean(predicted == y[start : start + batch_size]))\n",
                ),
                ("    return correct / len(x)\n", "    return float(np.mean(accuracies))\n"),
            ],
            "says": {
                "en": "the average of the batch accuracies",
                "fr": "la moyenne des exactitudes des lots",
            },
        },
        "last_batch_skipped": {
            "edit": [
                (
                    "range(0, len(x), batch_size)",
                    "range(0, len(x) - batch_size + 1, batch_size)",
                )
            ],
            "says": {
                "en": "you skipped the last, smaller batch",
                "fr": "vous avez sauté le dernier lot",
            },
        },
        "full_batches_in_denominator": {
            "edit": [
                (
                    "    return correct / len(x)\n",
                    "    return correct / (batch_size * int(np.ceil(len(x) / batch_size)))\n",
                )
            ],
            "says": {"en": "too low by", "fr": "trop basse de"},
        },
    },
}
