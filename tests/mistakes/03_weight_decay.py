"""Typical wrong answers to lesson 3's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

MISTAKES = {
    "sgd_l2_step": {
        "half_factor": {
            "code": """
def sgd_l2_step(w, grad, lr, l2):
    w = np.asarray(w)
    return w - lr * (np.asarray(grad) + l2 * w)
""",
            "says": {"en": "no 1/2 factor", "fr": "pas de facteur 1/2"},
        },
        "sign_error": {
            "code": """
def sgd_l2_step(w, grad, lr, l2):
    w = np.asarray(w)
    return w + lr * (np.asarray(grad) + 2 * l2 * w)
""",
            "says": {"en": "Sign error: a step goes against", "fr": "Erreur de signe : un pas"},
        },
        "decay_sign_error": {
            "code": """
def sgd_l2_step(w, grad, lr, l2):
    w = np.asarray(w)
    return w - lr * np.asarray(grad) + 2 * lr * l2 * w
""",
            "says": {"en": "Sign error on the decay", "fr": "Erreur de signe sur la décroissance"},
        },
        "data_gradient_forgotten": {
            "code": """
def sgd_l2_step(w, grad, lr, l2):
    w = np.asarray(w)
    return w - 2 * lr * l2 * w
""",
            "says": {"en": "data gradient is missing", "fr": "gradient des données manque"},
        },
        "decay_without_lr": {
            "code": """
def sgd_l2_step(w, grad, lr, l2):
    w = np.asarray(w)
    return w - lr * np.asarray(grad) - 2 * l2 * w
""",
            "says": {
                "en": "not multiplied by the learning rate",
                "fr": "n'est pas multipliée par le taux d'apprentissage",
            },
        },
        "penalty_value_instead_of_gradient": """
def sgd_l2_step(w, grad, lr, l2):
    w = np.asarray(w)
    return w - lr * (np.asarray(grad) + l2 * np.sum(w**2))
""",
    },
    "adamw_step": {
        "decay_after_update": {
            "code": """
def adamw_step(w, grad, m, v, t, lr, weight_decay, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    w, grad = np.asarray(w, dtype="float64"), np.asarray(grad, dtype="float64")
    m = beta_1 * m + (1 - beta_1) * grad
    v = beta_2 * v + (1 - beta_2) * grad**2
    w = w - lr * (m / (1 - beta_1**t)) / (np.sqrt(v / (1 - beta_2**t)) + epsilon)
    return w - lr * weight_decay * w, m, v
""",
            "says": {"en": "after Adam's update", "fr": "après la mise à jour d'Adam"},
        },
        "decay_added_to_gradient": {
            "code": """
def adamw_step(w, grad, m, v, t, lr, weight_decay, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    w, grad = np.asarray(w, dtype="float64"), np.asarray(grad, dtype="float64")
    grad = grad + weight_decay * w
    m = beta_1 * m + (1 - beta_1) * grad
    v = beta_2 * v + (1 - beta_2) * grad**2
    w = w - lr * (m / (1 - beta_1**t)) / (np.sqrt(v / (1 - beta_2**t)) + epsilon)
    return w, m, v
""",
            "says": {"en": "that is Adam + L2, not AdamW", "fr": "c'est Adam + L2, pas AdamW"},
        },
        "no_bias_correction": {
            "code": """
def adamw_step(w, grad, m, v, t, lr, weight_decay, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    w, grad = np.asarray(w, dtype="float64"), np.asarray(grad, dtype="float64")
    w = w - lr * weight_decay * w
    m = beta_1 * m + (1 - beta_1) * grad
    v = beta_2 * v + (1 - beta_2) * grad**2
    return w - lr * m / (np.sqrt(v) + epsilon), m, v
""",
            "says": {
                "en": "a bias correction is missing",
                "fr": "il manque une correction de biais",
            },
        },
        "decay_without_lr": {
            "code": """
def adamw_step(w, grad, m, v, t, lr, weight_decay, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    w, grad = np.asarray(w, dtype="float64"), np.asarray(grad, dtype="float64")
    w = w - weight_decay * w
    m = beta_1 * m + (1 - beta_1) * grad
    v = beta_2 * v + (1 - beta_2) * grad**2
    w = w - lr * (m / (1 - beta_1**t)) / (np.sqrt(v / (1 - beta_2**t)) + epsilon)
    return w, m, v
""",
            "says": {
                "en": "must be multiplied by the learning rate",
                "fr": "doit être multipliée par le taux d'apprentissage",
            },
        },
        "state_not_returned": {
            "code": """
def adamw_step(w, grad, m, v, t, lr, weight_decay, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    w, grad = np.asarray(w, dtype="float64"), np.asarray(grad, dtype="float64")
    w = w - lr * weight_decay * w
    new_m = beta_1 * m + (1 - beta_1) * grad
    new_v = beta_2 * v + (1 - beta_2) * grad**2
    w = w - lr * (new_m / (1 - beta_1**t)) / (np.sqrt(new_v / (1 - beta_2**t)) + epsilon)
    return w, m, v
""",
            "says": {"en": "but not the third", "fr": "mais pas le troisième"},
        },
        "modifies_inputs": {
            "code": """
def adamw_step(w, grad, m, v, t, lr, weight_decay, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    w -= lr * weight_decay * w
    m *= beta_1
    m += (1 - beta_1) * grad
    v *= beta_2
    v += (1 - beta_2) * grad**2
    w -= lr * (m / (1 - beta_1**t)) / (np.sqrt(v / (1 - beta_2**t)) + epsilon)
    return w, m, v
""",
            "says": {"en": "Do not modify the arrays", "fr": "Ne modifiez pas les tableaux"},
        },
        "step_counted_from_zero": """
def adamw_step(w, grad, m, v, t, lr, weight_decay, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    w, grad = np.asarray(w, dtype="float64"), np.asarray(grad, dtype="float64")
    w = w - lr * weight_decay * w
    m = beta_1 * m + (1 - beta_1) * grad
    v = beta_2 * v + (1 - beta_2) * grad**2
    t = t - 1
    m_hat = m / (1 - beta_1**t) if t > 0 else m
    v_hat = v / (1 - beta_2**t) if t > 0 else v
    return w - lr * m_hat / (np.sqrt(v_hat) + epsilon), m, v
""",
    },
}
