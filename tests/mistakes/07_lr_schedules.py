"""Typical wrong answers to lesson 7's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

MISTAKES = {
    "step_decay": {
        "off_by_one_early": {
            "code": """
def step_decay(epoch, lr):
    return INITIAL_RATE * 0.5 ** ((epoch + 1) // 10)
""",
            "says": {"en": "halved at epoch 9, one epoch too early", "fr": "une époque trop tôt"},
        },
        "off_by_one_late": {
            "code": """
def step_decay(epoch, lr):
    return INITIAL_RATE * 0.5 ** (max(epoch - 1, 0) // 10)
""",
            "says": {"en": "halved at epoch 11, one epoch too late", "fr": "une époque trop tard"},
        },
        "off_by_one_strict_comparison": {
            "code": """
def step_decay(epoch, lr):
    halvings = 0
    while epoch > 10 * (halvings + 1):
        halvings += 1
    return INITIAL_RATE * 0.5**halvings
""",
            "says": {"en": "one epoch too late", "fr": "une époque trop tard"},
        },
        "compounds_after_10": {
            "code": """
def step_decay(epoch, lr):
    if epoch >= 10:
        return lr * 0.5
    return INITIAL_RATE
""",
            "says": {"en": "the halvings compound", "fr": "les divisions s'accumulent"},
        },
        "float_division": {
            "code": """
def step_decay(epoch, lr):
    return INITIAL_RATE * 0.5 ** (epoch / 10)
""",
            "says": {"en": "Use integer division", "fr": "Utilisez la division entière"},
        },
        "decays_every_epoch": {
            "code": """
def step_decay(epoch, lr):
    return INITIAL_RATE * 0.5**epoch
""",
            "says": {"en": "already changes at epoch 1", "fr": "change dès l'époque 1"},
        },
        "modulo_instead_of_floor_division": """
def step_decay(epoch, lr):
    return INITIAL_RATE * 0.5 ** (epoch % 10)
""",
        "precedence_floors_the_rate": """
def step_decay(epoch, lr):
    return INITIAL_RATE * 0.5**epoch // 10
""",
        "halves_lr_it_receives": {
            "code": """
def step_decay(epoch, lr):
    if epoch > 0 and epoch % 10 == 0:
        return lr * 0.5
    return lr
""",
            "says": {"en": "depends on the lr argument", "fr": "dépend de l'argument lr"},
        },
        "returns_an_integer": """
def step_decay(epoch, lr):
    return epoch // 10
""",
    },
    "make_schedule": {
        "boundaries_in_epochs": {
            "code": """
def make_schedule(steps_per_epoch):
    return keras.optimizers.schedules.PiecewiseConstantDecay([5, 10], [0.2, 0.02, 0.002])
""",
            "says": {"en": "are in epochs", "fr": "sont en époques"},
        },
        "off_by_one_boundaries": {
            "code": """
def make_schedule(steps_per_epoch):
    return keras.optimizers.schedules.PiecewiseConstantDecay(
        [5 * steps_per_epoch, 10 * steps_per_epoch], [0.2, 0.02, 0.002]
    )
""",
            "says": {"en": "Off by one step", "fr": "Décalage d'un pas"},
        },
        "staircase_missing": {
            "code": """
def make_schedule(steps_per_epoch):
    return keras.optimizers.schedules.ExponentialDecay(0.2, 5 * steps_per_epoch, 0.1)
""",
            "says": {"en": "staircase=True", "fr": "staircase=True"},
        },
        "decay_steps_in_epochs": {
            "code": """
def make_schedule(steps_per_epoch):
    return keras.optimizers.schedules.ExponentialDecay(0.2, 5, 0.1, staircase=True)
""",
            "says": {"en": "are in epochs", "fr": "sont en époques"},
        },
        "boundaries_one_step_early": {
            "code": """
def make_schedule(steps_per_epoch):
    return keras.optimizers.schedules.ExponentialDecay(
        0.2, 5 * steps_per_epoch - 1, 0.1, staircase=True
    )
""",
            "says": {"en": "already uses 0.02", "fr": "utilise déjà 0,02"},
        },
        "decays_every_epoch": """
def make_schedule(steps_per_epoch):
    return keras.optimizers.schedules.ExponentialDecay(0.2, steps_per_epoch, 0.1, staircase=True)
""",
        "forgets_second_boundary": """
def make_schedule(steps_per_epoch):
    return keras.optimizers.schedules.PiecewiseConstantDecay(
        [5 * steps_per_epoch - 1], [0.2, 0.02]
    )
""",
    },
}
