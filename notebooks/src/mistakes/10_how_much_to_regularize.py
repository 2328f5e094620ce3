"""Typical wrong answers to lesson 10's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

# The reference solution's loop, whose model is built inside it.
_FRESH_MODEL = (
    "        # en: A new network for each size: nothing carries over from the previous one.\n"
    "        # fr: Un nouveau réseau pour chaque taille : rien ne passe du précédent.\n"
    "        model = make_model()\n"
    '        model.compile(keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")\n'
)

MISTAKES = {
    "predict_strongest": {
        "more_regularization_is_better": {
            "edit": [('val_at_largest = "below"', 'val_at_largest = "above"')],
            "says": {
                "en": "More regularization is not always better",
                "fr": "Plus de régularisation n'est pas toujours mieux",
            },
        },
        "strong_penalty_widens_the_gap": {
            "edit": [('gap_at_largest = "smaller"', 'gap_at_largest = "larger"')],
            "says": {
                "en": "smaller than the unregularized network's",
                "fr": "de moins que les",
            },
        },
        "not_one_of_the_strings": {
            "edit": [('val_at_largest = "below"', "val_at_largest = False")],
            "says": {"en": "must be one of the strings", "fr": "doit être l'une des chaînes"},
        },
    },
    "choose_and_report": {
        "chosen_on_test": {
            "edit": [
                (
                    'best = max(scores["val"] for scores',
                    'best = max(scores["test"] for scores',
                ),
                ('if scores["val"] == best)', 'if scores["test"] == best)'),
            ],
            "says": {
                "en": "the candidate with the best test accuracy",
                "fr": "le candidat qui a la meilleure exactitude de test",
            },
        },
        "chosen_on_training": {
            "edit": [
                (
                    'best = max(scores["val"] for scores',
                    'best = max(scores["train"] for scores',
                ),
                ('if scores["val"] == best)', 'if scores["train"] == best)'),
            ],
            "says": {
                "en": "the one that overfits most",
                "fr": "celui qui surapprend le plus",
            },
        },
        "weakest_on_a_tie": {
            "edit": [("chosen = max(candidate", "chosen = min(candidate")],
            "says": {"en": "on a tie", "fr": "en cas d'égalité"},
        },
        "validation_score_reported": {
            "edit": [
                ('return chosen, sweep[chosen]["test"]', 'return chosen, sweep[chosen]["val"]')
            ],
            "says": {"en": "Report its test accuracy", "fr": "Donnez son exactitude de test"},
        },
        "best_test_score_reported": {
            "edit": [
                (
                    'return chosen, sweep[chosen]["test"]',
                    'return chosen, max(scores["test"] for scores in sweep.values())',
                )
            ],
            "says": {
                "en": "the best test accuracy of all candidates",
                "fr": "la meilleure exactitude de test de tous les candidats",
            },
        },
    },
    "size_sweep": {
        "model_built_once": {
            "edit": [
                (
                    "    results = []\n    for n in sizes:\n" + _FRESH_MODEL,
                    "    model = make_model()\n"
                    '    model.compile(keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")\n'
                    "    results = []\n    for n in sizes:\n",
                )
            ],
            "says": {"en": "did not start afresh", "fr": "n'est pas reparti de zéro"},
        },
        "whole_pool_every_time": {
            "edit": [("model.fit(x_pool[:n], y_pool[:n],", "model.fit(x_pool, y_pool,")],
            "says": {
                "en": "Train each size on x_pool[:n] from a new model",
                "fr": "Entraînez chaque taille sur",
            },
        },
        "scored_on_the_whole_pool": {
            "edit": [("results.append(scores(model, n))", "results.append(scores(model, 800))")],
            "says": {
                "en": "score it on its own n images",
                "fr": "évaluez-le sur ses n images",
            },
        },
    },
}
