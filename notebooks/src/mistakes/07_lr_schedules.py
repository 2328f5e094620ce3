"""Typical wrong answers to lesson 7's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

MISTAKES = {
    "predict_rates": {
        "the_intended_rates": {
            "edit": [
                (
                    "predicted_rates = [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025]\n",
                    "predicted_rates = [0.2, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05]\n",
                ),
            ],
            "says": {"en": "already true at epoch 0", "fr": "déjà vrai à l'époque 0"},
        },
        "epochs_counted_from_1": {
            "edit": [
                (
                    "predicted_rates = [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025]\n",
                    "predicted_rates = [0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05]\n",
                ),
            ],
            "says": {
                "en": "Keras counts epochs from 0",
                "fr": "numérote les époques à partir de 0",
            },
        },
        "records_the_lr_received": {
            "edit": [
                (
                    "predicted_rates = [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025]\n",
                    "predicted_rates = [0.2, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025]\n",
                ),
            ],
            "says": {"en": "not the lr it received", "fr": "et non le lr qu'elle a reçu"},
        },
        "lr_is_always_the_initial_rate": {
            "edit": [
                (
                    "predicted_rates = [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025]\n",
                    "predicted_rates = [0.1, 0.2, 0.2, 0.2, 0.1, 0.2, 0.2, 0.2, 0.1, 0.2]\n",
                ),
            ],
            "says": {
                "en": "the value the function returned at the previous epoch",
                "fr": "la valeur que la fonction a renvoyée à l'époque précédente",
            },
        },
        "halves_at_every_epoch": {
            "edit": [
                (
                    "predicted_rates = [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025]\n",
                    "predicted_rates = [0.1 * 0.5**e for e in range(10)]\n",
                ),
            ],
            "says": {
                "en": "At epoch 1, you predicted 0.05",
                "fr": "À l'époque 1, vous avez prédit 0.05",
            },
        },
        "epoch_0_left_out": {
            "edit": [
                (
                    "predicted_rates = [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025]\n",
                    "predicted_rates = [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025]\n",
                ),
            ],
            "says": {"en": "it needs 10, one per epoch", "fr": "il en faut 10, un par époque"},
        },
    },
    "make_schedule": {
        "boundaries_in_epochs": {
            "edit": [
                (
                    "    return keras.optimizers.schedules.PiecewiseConstantDecay(\n        [5 * steps_per_epoch - 1, 10 * steps_per_epoch - 1], [0.2, 0.02, 0.002]\n    )\n",
                    "    return keras.optimizers.schedules.PiecewiseConstantDecay([5, 10], [0.2, 0.02, 0.002])\n",
                ),
            ],
            "says": {"en": "are in epochs", "fr": "sont en époques"},
        },
        "off_by_one_boundaries": {
            "edit": [
                (
                    "        [5 * steps_per_epoch - 1, 10 * steps_per_epoch - 1], [0.2, 0.02, 0.002]\n",
                    "        [5 * steps_per_epoch, 10 * steps_per_epoch], [0.2, 0.02, 0.002]\n",
                ),
            ],
            "says": {"en": "Off by one step", "fr": "Décalage d'un pas"},
        },
        "staircase_missing": {
            "edit": [
                (
                    "    return keras.optimizers.schedules.PiecewiseConstantDecay(\n        [5 * steps_per_epoch - 1, 10 * steps_per_epoch - 1], [0.2, 0.02, 0.002]\n    )\n",
                    "    return keras.optimizers.schedules.ExponentialDecay(0.2, 5 * steps_per_epoch, 0.1)\n",
                ),
            ],
            "says": {"en": "staircase=True", "fr": "staircase=True"},
        },
        "decay_steps_in_epochs": {
            "edit": [
                (
                    "    return keras.optimizers.schedules.PiecewiseConstantDecay(\n        [5 * steps_per_epoch - 1, 10 * steps_per_epoch - 1], [0.2, 0.02, 0.002]\n    )\n",
                    "    return keras.optimizers.schedules.ExponentialDecay(0.2, 5, 0.1, staircase=True)\n",
                ),
            ],
            "says": {"en": "are in epochs", "fr": "sont en époques"},
        },
        "boundaries_one_step_early": {
            "edit": [
                (
                    "    return keras.optimizers.schedules.PiecewiseConstantDecay(\n        [5 * steps_per_epoch - 1, 10 * steps_per_epoch - 1], [0.2, 0.02, 0.002]\n",
                    "    return keras.optimizers.schedules.ExponentialDecay(\n        0.2, 5 * steps_per_epoch - 1, 0.1, staircase=True\n",
                ),
            ],
            "says": {"en": "already uses 0.02", "fr": "utilise déjà 0,02"},
        },
        "decays_every_epoch": {
            "edit": [
                (
                    "    return keras.optimizers.schedules.PiecewiseConstantDecay(\n        [5 * steps_per_epoch - 1, 10 * steps_per_epoch - 1], [0.2, 0.02, 0.002]\n    )\n",
                    "    return keras.optimizers.schedules.ExponentialDecay(0.2, steps_per_epoch, 0.1, staircase=True)\n",
                ),
            ],
        },
        "forgets_second_boundary": {
            "edit": [
                (
                    "        [5 * steps_per_epoch - 1, 10 * steps_per_epoch - 1], [0.2, 0.02, 0.002]\n",
                    "        [5 * steps_per_epoch - 1], [0.2, 0.02]\n",
                ),
            ],
        },
    },
}
