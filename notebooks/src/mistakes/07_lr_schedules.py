"""Typical wrong answers to lesson 7's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

MISTAKES = {
    "step_decay": {
        "off_by_one_early": {
            "edit": [
                (
                    "    return INITIAL_RATE * 0.5 ** (epoch // 10)\n",
                    "    return INITIAL_RATE * 0.5 ** ((epoch + 1) // 10)\n",
                ),
            ],
            "says": {"en": "halved at epoch 9, one epoch too early", "fr": "une époque trop tôt"},
        },
        "off_by_one_late": {
            "edit": [
                (
                    "    return INITIAL_RATE * 0.5 ** (epoch // 10)\n",
                    "    return INITIAL_RATE * 0.5 ** (max(epoch - 1, 0) // 10)\n",
                ),
            ],
            "says": {"en": "halved at epoch 11, one epoch too late", "fr": "une époque trop tard"},
        },
        "off_by_one_strict_comparison": {
            "edit": [
                (
                    "    return INITIAL_RATE * 0.5 ** (epoch // 10)\n",
                    "    halvings = 0\n    while epoch > 10 * (halvings + 1):\n        halvings += 1\n    return INITIAL_RATE * 0.5**halvings\n",
                ),
            ],
            "says": {"en": "one epoch too late", "fr": "une époque trop tard"},
        },
        "compounds_after_10": {
            "edit": [
                (
                    "    return INITIAL_RATE * 0.5 ** (epoch // 10)\n",
                    "    if epoch >= 10:\n        return lr * 0.5\n    return INITIAL_RATE\n",
                ),
            ],
            "says": {"en": "the halvings compound", "fr": "les divisions s'accumulent"},
        },
        "float_division": {
            "edit": [
                (
                    "    return INITIAL_RATE * 0.5 ** (epoch // 10)\n",
                    "    return INITIAL_RATE * 0.5 ** (epoch / 10)\n",
                ),
            ],
            "says": {"en": "Use integer division", "fr": "Utilisez la division entière"},
        },
        "decays_every_epoch": {
            "edit": [
                (
                    "    return INITIAL_RATE * 0.5 ** (epoch // 10)\n",
                    "    return INITIAL_RATE * 0.5**epoch\n",
                ),
            ],
            "says": {"en": "already changes at epoch 1", "fr": "change dès l'époque 1"},
        },
        "modulo_instead_of_floor_division": {
            "edit": [
                (
                    "    return INITIAL_RATE * 0.5 ** (epoch // 10)\n",
                    "    return INITIAL_RATE * 0.5 ** (epoch % 10)\n",
                ),
            ],
        },
        "precedence_floors_the_rate": {
            "edit": [
                (
                    "    return INITIAL_RATE * 0.5 ** (epoch // 10)\n",
                    "    return INITIAL_RATE * 0.5**epoch // 10\n",
                ),
            ],
        },
        "halves_lr_it_receives": {
            "edit": [
                (
                    "    return INITIAL_RATE * 0.5 ** (epoch // 10)\n",
                    "    if epoch > 0 and epoch % 10 == 0:\n        return lr * 0.5\n    return lr\n",
                ),
            ],
            "says": {"en": "depends on the lr argument", "fr": "dépend de l'argument lr"},
        },
        "returns_an_integer": {
            "edit": [
                ("    return INITIAL_RATE * 0.5 ** (epoch // 10)\n", "    return epoch // 10\n"),
            ],
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
