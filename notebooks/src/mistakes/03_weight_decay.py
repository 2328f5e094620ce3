"""Typical wrong answers to lesson 3's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

MISTAKES = {
    "sgd_l2_step": {
        "half_factor": {
            "edit": [
                (
                    "    return w - lr * (np.asarray(grad) + 2 * l2 * w)\n",
                    "    return w - lr * (np.asarray(grad) + l2 * w)\n",
                ),
            ],
            "says": {"en": "no 1/2 factor", "fr": "pas de facteur 1/2"},
        },
        "sign_error": {
            "edit": [
                (
                    "    return w - lr * (np.asarray(grad) + 2 * l2 * w)\n",
                    "    return w + lr * (np.asarray(grad) + 2 * l2 * w)\n",
                ),
            ],
            "says": {"en": "Sign error: a step goes against", "fr": "Erreur de signe : un pas"},
        },
        "decay_sign_error": {
            "edit": [
                (
                    "    return w - lr * (np.asarray(grad) + 2 * l2 * w)\n",
                    "    return w - lr * np.asarray(grad) + 2 * lr * l2 * w\n",
                ),
            ],
            "says": {"en": "Sign error on the decay", "fr": "Erreur de signe sur la décroissance"},
        },
        "data_gradient_forgotten": {
            "edit": [
                (
                    "    return w - lr * (np.asarray(grad) + 2 * l2 * w)\n",
                    "    return w - 2 * lr * l2 * w\n",
                ),
            ],
            "says": {"en": "data gradient is missing", "fr": "gradient des données manque"},
        },
        "decay_without_lr": {
            "edit": [
                (
                    "    return w - lr * (np.asarray(grad) + 2 * l2 * w)\n",
                    "    return w - lr * np.asarray(grad) - 2 * l2 * w\n",
                ),
            ],
            "says": {
                "en": "not multiplied by the learning rate",
                "fr": "n'est pas multipliée par le taux d'apprentissage",
            },
        },
        "penalty_value_instead_of_gradient": {
            "edit": [
                (
                    "    return w - lr * (np.asarray(grad) + 2 * l2 * w)\n",
                    "    return w - lr * (np.asarray(grad) + l2 * np.sum(w**2))\n",
                ),
            ],
        },
    },
    "adamw_step": {
        "decay_after_update": {
            "edit": [
                (
                    '    w = np.asarray(w, dtype="float64")\n    grad = np.asarray(grad, dtype="float64")\n    w = w - lr * weight_decay * w\n    m = beta_1 * np.asarray(m) + (1 - beta_1) * grad\n    v = beta_2 * np.asarray(v) + (1 - beta_2) * grad**2\n    m_hat = m / (1 - beta_1**t)\n    v_hat = v / (1 - beta_2**t)\n    return w - lr * m_hat / (np.sqrt(v_hat) + epsilon), m, v\n',
                    '    w, grad = np.asarray(w, dtype="float64"), np.asarray(grad, dtype="float64")\n    m = beta_1 * m + (1 - beta_1) * grad\n    v = beta_2 * v + (1 - beta_2) * grad**2\n    w = w - lr * (m / (1 - beta_1**t)) / (np.sqrt(v / (1 - beta_2**t)) + epsilon)\n    return w - lr * weight_decay * w, m, v\n',
                ),
            ],
            "says": {"en": "after Adam's update", "fr": "après la mise à jour d'Adam"},
        },
        "decay_added_to_gradient": {
            "edit": [
                (
                    '    w = np.asarray(w, dtype="float64")\n    grad = np.asarray(grad, dtype="float64")\n    w = w - lr * weight_decay * w\n    m = beta_1 * np.asarray(m) + (1 - beta_1) * grad\n    v = beta_2 * np.asarray(v) + (1 - beta_2) * grad**2\n    m_hat = m / (1 - beta_1**t)\n    v_hat = v / (1 - beta_2**t)\n    return w - lr * m_hat / (np.sqrt(v_hat) + epsilon), m, v\n',
                    '    w, grad = np.asarray(w, dtype="float64"), np.asarray(grad, dtype="float64")\n    grad = grad + weight_decay * w\n    m = beta_1 * m + (1 - beta_1) * grad\n    v = beta_2 * v + (1 - beta_2) * grad**2\n    w = w - lr * (m / (1 - beta_1**t)) / (np.sqrt(v / (1 - beta_2**t)) + epsilon)\n    return w, m, v\n',
                ),
            ],
            "says": {"en": "that is Adam + L2, not AdamW", "fr": "c'est Adam + L2, pas AdamW"},
        },
        "no_bias_correction": {
            "edit": [
                (
                    '    w = np.asarray(w, dtype="float64")\n    grad = np.asarray(grad, dtype="float64")\n',
                    '    w, grad = np.asarray(w, dtype="float64"), np.asarray(grad, dtype="float64")\n',
                ),
                (
                    "    m = beta_1 * np.asarray(m) + (1 - beta_1) * grad\n    v = beta_2 * np.asarray(v) + (1 - beta_2) * grad**2\n    m_hat = m / (1 - beta_1**t)\n    v_hat = v / (1 - beta_2**t)\n    return w - lr * m_hat / (np.sqrt(v_hat) + epsilon), m, v\n",
                    "    m = beta_1 * m + (1 - beta_1) * grad\n    v = beta_2 * v + (1 - beta_2) * grad**2\n    return w - lr * m / (np.sqrt(v) + epsilon), m, v\n",
                ),
            ],
            "says": {
                "en": "a bias correction is missing",
                "fr": "il manque une correction de biais",
            },
        },
        "decay_without_lr": {
            "edit": [
                (
                    '    w = np.asarray(w, dtype="float64")\n    grad = np.asarray(grad, dtype="float64")\n    w = w - lr * weight_decay * w\n    m = beta_1 * np.asarray(m) + (1 - beta_1) * grad\n    v = beta_2 * np.asarray(v) + (1 - beta_2) * grad**2\n    m_hat = m / (1 - beta_1**t)\n    v_hat = v / (1 - beta_2**t)\n    return w - lr * m_hat / (np.sqrt(v_hat) + epsilon), m, v\n',
                    '    w, grad = np.asarray(w, dtype="float64"), np.asarray(grad, dtype="float64")\n    w = w - weight_decay * w\n    m = beta_1 * m + (1 - beta_1) * grad\n    v = beta_2 * v + (1 - beta_2) * grad**2\n    w = w - lr * (m / (1 - beta_1**t)) / (np.sqrt(v / (1 - beta_2**t)) + epsilon)\n    return w, m, v\n',
                ),
            ],
            "says": {
                "en": "must be multiplied by the learning rate",
                "fr": "doit être multipliée par le taux d'apprentissage",
            },
        },
        "state_not_returned": {
            "edit": [
                (
                    '    w = np.asarray(w, dtype="float64")\n    grad = np.asarray(grad, dtype="float64")\n',
                    '    w, grad = np.asarray(w, dtype="float64"), np.asarray(grad, dtype="float64")\n',
                ),
                (
                    "    m = beta_1 * np.asarray(m) + (1 - beta_1) * grad\n    v = beta_2 * np.asarray(v) + (1 - beta_2) * grad**2\n    m_hat = m / (1 - beta_1**t)\n    v_hat = v / (1 - beta_2**t)\n    return w - lr * m_hat / (np.sqrt(v_hat) + epsilon), m, v\n",
                    "    new_m = beta_1 * m + (1 - beta_1) * grad\n    new_v = beta_2 * v + (1 - beta_2) * grad**2\n    w = w - lr * (new_m / (1 - beta_1**t)) / (np.sqrt(new_v / (1 - beta_2**t)) + epsilon)\n    return w, m, v\n",
                ),
            ],
            "says": {"en": "but not the third", "fr": "mais pas le troisième"},
        },
        "modifies_inputs": {
            "edit": [
                (
                    '    w = np.asarray(w, dtype="float64")\n    grad = np.asarray(grad, dtype="float64")\n    w = w - lr * weight_decay * w\n    m = beta_1 * np.asarray(m) + (1 - beta_1) * grad\n    v = beta_2 * np.asarray(v) + (1 - beta_2) * grad**2\n    m_hat = m / (1 - beta_1**t)\n    v_hat = v / (1 - beta_2**t)\n    return w - lr * m_hat / (np.sqrt(v_hat) + epsilon), m, v\n',
                    "    w -= lr * weight_decay * w\n    m *= beta_1\n    m += (1 - beta_1) * grad\n    v *= beta_2\n    v += (1 - beta_2) * grad**2\n    w -= lr * (m / (1 - beta_1**t)) / (np.sqrt(v / (1 - beta_2**t)) + epsilon)\n    return w, m, v\n",
                ),
            ],
            "says": {"en": "Do not modify the arrays", "fr": "Ne modifiez pas les tableaux"},
        },
        "step_counted_from_zero": {
            "edit": [
                (
                    '    w = np.asarray(w, dtype="float64")\n    grad = np.asarray(grad, dtype="float64")\n',
                    '    w, grad = np.asarray(w, dtype="float64"), np.asarray(grad, dtype="float64")\n',
                ),
                (
                    "    m = beta_1 * np.asarray(m) + (1 - beta_1) * grad\n    v = beta_2 * np.asarray(v) + (1 - beta_2) * grad**2\n    m_hat = m / (1 - beta_1**t)\n    v_hat = v / (1 - beta_2**t)\n",
                    "    m = beta_1 * m + (1 - beta_1) * grad\n    v = beta_2 * v + (1 - beta_2) * grad**2\n    t = t - 1\n    m_hat = m / (1 - beta_1**t) if t > 0 else m\n    v_hat = v / (1 - beta_2**t) if t > 0 else v\n",
                ),
            ],
        },
    },
}
