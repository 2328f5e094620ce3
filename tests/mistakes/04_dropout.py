"""Typical wrong answers to lesson 4's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

MISTAKES = {
    "inverted_dropout": {
        "no_rescaling": {
            "code": """
def inverted_dropout(x, rate, rng, training):
    x = np.asarray(x)
    if not training:
        return x
    return x * (rng.random(x.shape) >= rate)
""",
            "says": {
                "en": "kept values must be divided by 1 - rate",
                "fr": "elles doivent être divisées par 1 - rate",
            },
        },
        "multiplied_by_keep_probability": {
            "code": """
def inverted_dropout(x, rate, rng, training):
    x = np.asarray(x)
    if not training:
        return x
    return x * (rng.random(x.shape) >= rate) * (1 - rate)
""",
            "says": {
                "en": "You multiplied the kept values by 1 - rate",
                "fr": "Vous avez multiplié les valeurs conservées par 1 - rate",
            },
        },
        "rate_read_as_keep_probability": {
            "code": """
def inverted_dropout(x, rate, rng, training):
    x = np.asarray(x)
    if not training:
        return x
    keep = rng.random(x.shape) < rate
    return np.where(keep, x / (1 - rate), 0.0)
""",
            "says": {
                "en": "rate is the fraction DROPPED, not kept",
                "fr": "rate est la fraction ABANDONNÉE, pas conservée",
            },
        },
        "drops_at_inference": {
            "code": """
def inverted_dropout(x, rate, rng, training):
    x = np.asarray(x)
    keep = rng.random(x.shape) >= rate
    return np.where(keep, x / (1 - rate), 0.0)
""",
            "says": {
                "en": "with training=False, return x unchanged",
                "fr": "avec training=False, renvoyez x inchangé",
            },
        },
        "scales_at_inference_instead": {
            "code": """
def inverted_dropout(x, rate, rng, training):
    x = np.asarray(x)
    if not training:
        return x * (1 - rate)
    return x * (rng.random(x.shape) >= rate)
""",
            "says": {"en": "original paper's scheme", "fr": "schéma de l'article original"},
        },
        "global_random_generator": {
            "code": """
def inverted_dropout(x, rate, rng, training):
    x = np.asarray(x)
    if not training:
        return x
    keep = np.random.random(x.shape) >= rate
    return np.where(keep, x / (1 - rate), 0.0)
""",
            "says": {
                "en": "draw your random numbers from the rng argument",
                "fr": "tirez vos nombres aléatoires dans l'argument rng",
            },
        },
    },
    "mc_dropout_predict": {
        "dropout_off": {
            "code": """
def mc_dropout_predict(model, x, n):
    passes = np.stack([np.asarray(model(x)) for _ in range(n)])
    return passes.mean(axis=0), passes.std(axis=0)
""",
            "says": {"en": "dropout was off", "fr": "le dropout était inactif"},
        },
        "averaged_over_examples": {
            "code": """
def mc_dropout_predict(model, x, n):
    passes = np.stack([np.asarray(model(x, training=True)) for _ in range(n)])
    return passes.mean(axis=1), passes.std(axis=1)
""",
            "says": {
                "en": "Average over the n passes",
                "fr": "Faites la moyenne sur les n passages",
            },
        },
        "last_pass_instead_of_mean": {
            "code": """
def mc_dropout_predict(model, x, n):
    passes = np.stack([np.asarray(model(x, training=True)) for _ in range(n)])
    return passes[-1], passes.std(axis=0)
""",
            "says": {"en": "not one pass", "fr": "pas un seul passage"},
        },
        "variance_instead_of_std": {
            "code": """
def mc_dropout_predict(model, x, n):
    passes = np.stack([np.asarray(model(x, training=True)) for _ in range(n)])
    return passes.mean(axis=0), passes.var(axis=0)
""",
            "says": {"en": "You returned the variance", "fr": "Vous avez renvoyé la variance"},
        },
    },
}
