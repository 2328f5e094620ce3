"""Typical wrong answers to lesson 5's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

MISTAKES = {
    "stopping_epoch": {
        "compared_with_previous_epoch": {
            "edit": [
                ("    min_delta = abs(min_delta)\n    best = None\n", "    previous = None\n"),
                (
                    "        wait += 1\n        if best is None or loss + min_delta < best:\n            best = loss\n",
                    "        if previous is None or loss + min_delta < previous:\n",
                ),
                (
                    "        elif wait >= patience:\n            return epoch\n",
                    "        else:\n            wait += 1\n            if wait >= patience:\n                return epoch\n        previous = loss\n",
                ),
            ],
            "says": {"en": "compare each epoch with the previous one", "fr": "à la précédente"},
        },
        "stops_one_epoch_early": {
            "edit": [
                ("    min_delta = abs(min_delta)\n", ""),
                ("        wait += 1\n", ""),
                (
                    "        elif wait >= patience:\n            return epoch\n",
                    "        else:\n            wait += 1\n            if wait >= patience - 1:\n                return epoch\n",
                ),
            ],
            "says": {"en": "One epoch too early", "fr": "Une époque trop tôt"},
        },
        "stops_one_epoch_late": {
            "edit": [
                ("    min_delta = abs(min_delta)\n", ""),
                ("        wait += 1\n", ""),
                (
                    "        elif wait >= patience:\n            return epoch\n",
                    "        else:\n            wait += 1\n            if wait > patience:\n                return epoch\n",
                ),
            ],
            "says": {"en": "One epoch too late", "fr": "Une époque trop tard"},
        },
        "returns_zero_based_index": {
            "edit": [
                ("    min_delta = abs(min_delta)\n", ""),
                (
                    "    for epoch, loss in enumerate(losses, start=1):\n        wait += 1\n",
                    "    for index, loss in enumerate(losses):\n",
                ),
                (
                    "        elif wait >= patience:\n            return epoch\n",
                    "        else:\n            wait += 1\n            if wait >= patience:\n                return index\n",
                ),
            ],
            "says": {"en": "(index + 1)", "fr": "(indice + 1)"},
        },
        "min_delta_ignored": {
            "edit": [
                ("    min_delta = abs(min_delta)\n", ""),
                (
                    "        wait += 1\n        if best is None or loss + min_delta < best:\n",
                    "        if best is None or loss < best:\n",
                ),
                (
                    "        elif wait >= patience:\n            return epoch\n",
                    "        else:\n            wait += 1\n            if wait >= patience:\n                return epoch\n",
                ),
            ],
            "says": {"en": "min_delta is ignored", "fr": "min_delta est ignoré"},
        },
        "best_moves_within_min_delta": {
            "edit": [
                ("    min_delta = abs(min_delta)\n", ""),
                ("        wait += 1\n", ""),
                (
                    "        if best is None or loss + min_delta < best:\n",
                    "        if best is None or loss + min_delta < best:\n            wait = 0\n        else:\n            wait += 1\n            if wait >= patience:\n                return epoch\n        if best is None or loss < best:\n",
                ),
                (
                    "            wait = 0\n        elif wait >= patience:\n            return epoch\n",
                    "",
                ),
            ],
            "says": {"en": "does not become the new best", "fr": "ne devient pas la"},
        },
        "nan_counted_as_improvement": {
            "edit": [
                ("    min_delta = abs(min_delta)\n", ""),
                (
                    "        wait += 1\n        if best is None or loss + min_delta < best:\n",
                    "        if best is not None and loss + min_delta >= best:\n            wait += 1\n            if wait >= patience:\n                return epoch\n        else:\n",
                ),
                ("        elif wait >= patience:\n            return epoch\n", ""),
            ],
            "says": {"en": "NaN treated as an improvement", "fr": "NaN traité comme une"},
        },
        "best_starts_at_infinity": {
            "edit": [
                ("    min_delta = abs(min_delta)\n    best = None\n", '    best = float("inf")\n'),
                (
                    "        wait += 1\n        if best is None or loss + min_delta < best:\n",
                    "        if loss + min_delta < best:\n",
                ),
                (
                    "        elif wait >= patience:\n            return epoch\n",
                    "        else:\n            wait += 1\n            if wait >= patience:\n                return epoch\n",
                ),
            ],
            "says": {"en": "even when its loss is NaN", "fr": "même si sa perte est NaN"},
        },
        "improving_epoch_can_stop": {
            "edit": [
                ("    min_delta = abs(min_delta)\n", ""),
                (
                    "        elif wait >= patience:\n",
                    "        if epoch > 1 and wait >= patience:\n",
                ),
            ],
            "says": {"en": "An epoch that improves never stops", "fr": "améliore n'arrête jamais"},
        },
        "none_when_never_stopped": {
            "edit": [
                ("    min_delta = abs(min_delta)\n", ""),
                ("    return len(losses)\n", "    return None\n"),
            ],
            "says": {
                "en": "If training never stops, return len(losses)",
                "fr": "Si l'entraînement ne s'arrête jamais, renvoyez len(losses)",
            },
        },
    },
    "fix_divergence": {
        "nothing_changed": {
            "edit": [("    return x / x.max(), 0.1\n", "    return x, 0.01\n")],
            "says": {"en": "still diverges", "fr": "diverge toujours"},
        },
        "learning_rate_only": {
            "edit": [("    return x / x.max(), 0.1\n", "    return x, 5e-5\n")],
            "says": {"en": "learning rate alone is not enough", "fr": "ne suffit pas"},
        },
        "scaled_too_little": {
            "edit": [("    return x / x.max(), 0.1\n", "    return x / 10, 0.01\n")],
            "says": {"en": "EarlyStopping stopped training after", "fr": "EarlyStopping a arrêté"},
        },
        "scaled_too_little_large_rate": {
            "edit": [("    return x / x.max(), 0.1\n", "    return x / 10, 0.1\n")],
            "says": {"en": "still diverges", "fr": "diverge toujours"},
        },
        "learning_rate_too_small_after_scaling": {
            "edit": [("    return x / x.max(), 0.1\n", "    return x / 99, 0.001\n")],
            "says": {"en": "the learning rate is too small", "fr": "est trop petit"},
        },
        "scaled_in_place": {
            "edit": [
                (
                    '    x = np.asarray(x, dtype="float32")\n',
                    '    x = np.asarray(x, dtype="float64")\n',
                ),
                ("    return x / x.max(), 0.1\n", "    x /= x.max()\n    return x, 0.1\n"),
            ],
        },
    },
    "predict_stop": {
        "min_delta_ignored": {
            "edit": [
                (
                    "epochs_run_a = 9\nrestored_epoch_a = 6\n",
                    "epochs_run_a = 13\nrestored_epoch_a = 10\n",
                )
            ],
            "says": {
                "en": "is what patience=3 gives without min_delta",
                "fr": "est ce que donne patience=3 sans min_delta",
            },
        },
        "lowest_loss_restored": {
            "edit": [("restored_epoch_a = 6\n", "restored_epoch_a = 9\n")],
            "says": {"en": "not the lowest loss seen", "fr": "et non la perte la plus basse"},
        },
        "best_epoch_counted_from_zero": {
            "edit": [("restored_epoch_a = 6\n", "restored_epoch_a = 5\n")],
            "says": {
                "en": "Keras: 6, 1 epoch later than your prediction",
                "fr": "6, 1 époque plus tard que prévu",
            },
        },
        "patience_one_epoch_short": {
            "edit": [("epochs_run_a = 9\n", "epochs_run_a = 8\n")],
            "says": {
                "en": "Keras: 9, 1 epoch later than your prediction",
                "fr": "9, 1 époque plus tard que prévu",
            },
        },
        "warmup_counted_from_one": {
            "edit": [
                (
                    "epochs_run_b = 14\nrestored_epoch_b = 11\n",
                    "epochs_run_b = 13\nrestored_epoch_b = 10\n",
                )
            ],
            "says": {
                "en": "Keras numbers epochs from 0",
                "fr": "Keras numérote les époques à partir de 0",
            },
        },
        "warmup_minimum_restored": {
            "edit": [("restored_epoch_b = 11\n", "restored_epoch_b = 10\n")],
            "says": {"en": "falls in the warm-up", "fr": "tombe dans la période d'échauffement"},
        },
        "last_epoch_weights_kept": {
            "edit": [("restored_epoch_b = 11\n", "restored_epoch_b = 14\n")],
            "says": {
                "en": "does not keep the weights of the last epoch",
                "fr": "ne garde pas les poids de la dernière époque",
            },
        },
        "not_an_integer": {
            "edit": [("epochs_run_b = 14\n", "epochs_run_b = 14.0\n")],
            "says": {"en": "must be an integer", "fr": "doit être un entier"},
        },
    },
}
