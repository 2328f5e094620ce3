"""Typical wrong answers to lesson 6's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

MISTAKES = {
    "batchnorm_forward": {
        "batch_statistics_at_inference": {
            "code": """
def batchnorm_forward(x, gamma, beta, moving_mean, moving_var, training, epsilon=1e-3):
    x = np.asarray(x, dtype="float64")
    y = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + epsilon)
    if gamma is not None:
        y = y * gamma
    if beta is not None:
        y = y + beta
    return y
""",
            "says": {"en": "batch statistics", "fr": "statistiques du lot"},
        },
        "unbiased_variance": {
            "code": """
def batchnorm_forward(x, gamma, beta, moving_mean, moving_var, training, epsilon=1e-3):
    x = np.asarray(x, dtype="float64")
    if training:
        mean, var = x.mean(axis=0), x.var(axis=0, ddof=1)
    else:
        mean, var = moving_mean, moving_var
    y = (x - mean) / np.sqrt(var + epsilon)
    if gamma is not None:
        y = y * gamma
    if beta is not None:
        y = y + beta
    return y
""",
            "says": {"en": "unbiased variance", "fr": "variance non biaisée"},
        },
        "epsilon_outside_sqrt": {
            "code": """
def batchnorm_forward(x, gamma, beta, moving_mean, moving_var, training, epsilon=1e-3):
    x = np.asarray(x, dtype="float64")
    if training:
        mean, var = x.mean(axis=0), x.var(axis=0)
    else:
        mean, var = moving_mean, moving_var
    y = (x - mean) / (np.sqrt(var) + epsilon)
    if gamma is not None:
        y = y * gamma
    if beta is not None:
        y = y + beta
    return y
""",
            "says": {"en": "inside the square root", "fr": "sous la racine"},
        },
        "gamma_beta_forgotten": {
            "code": """
def batchnorm_forward(x, gamma, beta, moving_mean, moving_var, training, epsilon=1e-3):
    x = np.asarray(x, dtype="float64")
    if training:
        mean, var = x.mean(axis=0), x.var(axis=0)
    else:
        mean, var = moving_mean, moving_var
    return (x - mean) / np.sqrt(var + epsilon)
""",
            "says": {"en": "gamma or beta is missing", "fr": "gamma ou beta manque"},
        },
        "beta_forgotten": {
            "code": """
def batchnorm_forward(x, gamma, beta, moving_mean, moving_var, training, epsilon=1e-3):
    x = np.asarray(x, dtype="float64")
    if training:
        mean, var = x.mean(axis=0), x.var(axis=0)
    else:
        mean, var = moving_mean, moving_var
    y = (x - mean) / np.sqrt(var + epsilon)
    return y if gamma is None else y * gamma
""",
            "says": {"en": "gamma or beta is missing", "fr": "gamma ou beta manque"},
        },
        "wrong_axis": {
            "code": """
def batchnorm_forward(x, gamma, beta, moving_mean, moving_var, training, epsilon=1e-3):
    x = np.asarray(x, dtype="float64")
    if training:
        mean, var = x.mean(axis=1, keepdims=True), x.var(axis=1, keepdims=True)
    else:
        mean, var = moving_mean, moving_var
    y = (x - mean) / np.sqrt(var + epsilon)
    if gamma is not None:
        y = y * gamma
    if beta is not None:
        y = y + beta
    return y
""",
            "says": {"en": "Wrong axis", "fr": "Mauvais axe"},
        },
        "moving_statistics_in_training": """
def batchnorm_forward(x, gamma, beta, moving_mean, moving_var, training, epsilon=1e-3):
    x = np.asarray(x, dtype="float64")
    y = (x - moving_mean) / np.sqrt(moving_var + epsilon)
    if gamma is not None:
        y = y * gamma
    if beta is not None:
        y = y + beta
    return y
""",
        "none_not_handled": """
def batchnorm_forward(x, gamma, beta, moving_mean, moving_var, training, epsilon=1e-3):
    x = np.asarray(x, dtype="float64")
    if training:
        mean, var = x.mean(axis=0), x.var(axis=0)
    else:
        mean, var = moving_mean, moving_var
    return gamma * (x - mean) / np.sqrt(var + epsilon) + beta
""",
        "epsilon_hard_coded": """
def batchnorm_forward(x, gamma, beta, moving_mean, moving_var, training, epsilon=1e-3):
    x = np.asarray(x, dtype="float64")
    if training:
        mean, var = x.mean(axis=0), x.var(axis=0)
    else:
        mean, var = moving_mean, moving_var
    y = (x - mean) / np.sqrt(var + 1e-3)
    if gamma is not None:
        y = y * gamma
    if beta is not None:
        y = y + beta
    return y
""",
    },
    "update_moving_stats": {
        "momentum_swapped": {
            "code": """
def update_moving_stats(x, moving_mean, moving_var, momentum):
    x = np.asarray(x, dtype="float64")
    new_mean = moving_mean * (1 - momentum) + x.mean(axis=0) * momentum
    new_var = moving_var * (1 - momentum) + x.var(axis=0) * momentum
    return new_mean, new_var
""",
            "says": {"en": "momentum weights are swapped", "fr": "poids du momentum sont inversés"},
        },
        "unbiased_variance": {
            "code": """
def update_moving_stats(x, moving_mean, moving_var, momentum):
    x = np.asarray(x, dtype="float64")
    new_mean = moving_mean * momentum + x.mean(axis=0) * (1 - momentum)
    new_var = moving_var * momentum + x.var(axis=0, ddof=1) * (1 - momentum)
    return new_mean, new_var
""",
            "says": {"en": "unbiased variance", "fr": "variance non biaisée"},
        },
        "normalized_output_statistics": {
            "code": """
def update_moving_stats(x, moving_mean, moving_var, momentum):
    x = np.asarray(x, dtype="float64")
    y = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + 1e-3)
    new_mean = moving_mean * momentum + y.mean(axis=0) * (1 - momentum)
    new_var = moving_var * momentum + y.var(axis=0) * (1 - momentum)
    return new_mean, new_var
""",
            "says": {"en": "normalized output", "fr": "sortie normalisée"},
        },
        "standard_deviation_instead_of_variance": """
def update_moving_stats(x, moving_mean, moving_var, momentum):
    x = np.asarray(x, dtype="float64")
    new_mean = moving_mean * momentum + x.mean(axis=0) * (1 - momentum)
    new_var = moving_var * momentum + x.std(axis=0) * (1 - momentum)
    return new_mean, new_var
""",
        "arguments_modified_in_place": """
def update_moving_stats(x, moving_mean, moving_var, momentum):
    x = np.asarray(x, dtype="float64")
    moving_mean *= momentum
    moving_mean += x.mean(axis=0) * (1 - momentum)
    moving_var *= momentum
    moving_var += x.var(axis=0) * (1 - momentum)
    return moving_mean, moving_var
""",
    },
}
