"""Typical wrong answers to lesson 11's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

_SMOOTHED = "    return one_hot * (1 - smoothing) + smoothing / num_classes\n"
_BEST = 'best = max(row["val"] for row in results.values())'
_WITHIN = 'if row["val"] >= best - tolerance'
_REPORTED = 'return chosen, results[chosen]["test"]'
_PREDICTED = "    probabilities = model.predict(x, verbose=0)\n"
_PROBABILITY = {
    "en": "a smoothed target is still a probability distribution",
    "fr": "une cible lissée reste une distribution de probabilités",
}
_CHANGES_IMAGES = {"en": "it changes the images itself", "fr": "elle change elle-même les images"}
_MODEL_AUGMENTS = {
    "en": "the model's own augmentation layers are active",
    "fr": "les couches d'augmentation du modèle lui-même sont actives",
}

MISTAKES = {
    "smooth_targets": {
        "spread_over_the_other_classes_only": {
            "edit": [
                (
                    _SMOOTHED,
                    "    return one_hot * (1 - smoothing) + (1 - one_hot) * smoothing / (num_classes - 1)\n",
                ),
            ],
            "says": {
                "en": "over the 9 other classes only",
                "fr": "sur les 9 autres classes seulement",
            },
        },
        "true_class_left_out": {
            "edit": [
                (
                    _SMOOTHED,
                    "    return one_hot * (1 - smoothing) + (1 - one_hot) * smoothing / num_classes\n",
                ),
            ],
            "says": _PROBABILITY,
        },
        "smoothing_on_each_other_class": {
            "edit": [
                (_SMOOTHED, "    return one_hot * (1 - smoothing) + (1 - one_hot) * smoothing\n")
            ],
            "says": _PROBABILITY,
        },
        "smoothing_read_as_the_weight_kept": {
            "edit": [
                (_SMOOTHED, "    return one_hot * smoothing + (1 - smoothing) / num_classes\n")
            ],
            "says": {
                "en": "You read smoothing as the weight kept",
                "fr": "Vous avez lu smoothing comme le poids que garde",
            },
        },
        "labels_not_one_hot": {
            "edit": [
                (
                    _SMOOTHED,
                    "    return np.asarray(labels) * (1 - smoothing) + smoothing / num_classes\n",
                ),
            ],
            "says": {"en": "must have shape (1, 10)", "fr": "doit avoir la forme (1, 10)"},
        },
    },
    "choose_by_validation": {
        "chosen_by_test": {
            "edit": [
                (_BEST, 'best = max(row["test"] for row in results.values())'),
                (_WITHIN, 'if row["test"] >= best - tolerance'),
            ],
            "says": {"en": "best TEST accuracy", "fr": "meilleure exactitude de TEST"},
        },
        "chosen_by_training": {
            "edit": [
                (_BEST, 'best = max(row["train"] for row in results.values())'),
                (_WITHIN, 'if row["train"] >= best - tolerance'),
            ],
            "says": {"en": "best TRAINING accuracy", "fr": "meilleure exactitude d'ENTRAÎNEMENT"},
        },
        "reports_the_validation_score": {
            "edit": [(_REPORTED, 'return chosen, results[chosen]["val"]')],
            "says": {"en": "Report its TEST accuracy", "fr": "Donnez son exactitude de TEST"},
        },
        "reports_the_best_test_score": {
            "edit": [(_REPORTED, 'return chosen, max(row["test"] for row in results.values())')],
            "says": {
                "en": "the best test accuracy of all the strengths",
                "fr": "la meilleure exactitude de test de toutes les forces",
            },
        },
        "tolerance_ignored": {
            "edit": [(_WITHIN, 'if row["val"] >= best')],
            "says": {"en": "You ignored the tolerance", "fr": "Vous avez ignoré la tolérance"},
        },
        "largest_tied_strength": {
            "edit": [("chosen = min(", "chosen = max(")],
            "says": {
                "en": "the smallest, 0.05, must be chosen",
                "fr": "la plus petite, 0.05, doit",
            },
        },
    },
    "val_accuracy": {
        "the_colleague_s_function": {
            "edit": [(_PREDICTED, "    probabilities = np.asarray(model(augment(x)))\n")],
            "says": _CHANGES_IMAGES,
        },
        "images_still_augmented": {
            "edit": [(_PREDICTED, "    probabilities = model.predict(augment(x), verbose=0)\n")],
            "says": _CHANGES_IMAGES,
        },
        "direct_call_without_training": {
            "edit": [(_PREDICTED, "    probabilities = np.asarray(model(x))\n")],
            "says": _MODEL_AUGMENTS,
        },
        "training_true": {
            "edit": [(_PREDICTED, "    probabilities = np.asarray(model(x, training=True))\n")],
            "says": _MODEL_AUGMENTS,
        },
        # Test-time augmentation: an average over augmented copies is another estimate,
        # random and not the accuracy on the images as they are.
        "average_over_augmented_copies": {
            "edit": [
                (
                    _PREDICTED,
                    "    probabilities = np.mean(\n"
                    "        [model.predict(augment(x, training=True), verbose=0) for _ in range(5)],\n"
                    "        axis=0,\n"
                    "    )\n",
                ),
            ],
            "says": _CHANGES_IMAGES,
        },
    },
}
