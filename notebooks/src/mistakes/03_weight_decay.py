"""Typical wrong answers to lesson 3's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

UPDATES = "    updates = epochs * int(np.ceil(n_examples / batch_size))\n"
DECAY = "    return (1 - learning_rate * weight_decay) ** updates\n"
ADAMW = "    optimizer = keras.optimizers.AdamW(learning_rate, weight_decay=weight_decay)\n"
HIDDEN = '            keras.layers.Dense(32, activation="relu", name="hidden"),\n'

MISTAKES = {
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
    "blank_pixel_shrink": {
        "epochs_not_updates": {
            "edit": [(UPDATES, "    updates = epochs\n")],
            "says": {"en": "you counted epochs, not updates", "fr": "vous avez compté des époques"},
        },
        "last_batch_forgotten": {
            "edit": [(UPDATES, "    updates = epochs * (n_examples // batch_size)\n")],
            "says": {
                "en": "the last, smaller batch of each epoch",
                "fr": "le dernier lot de chaque époque",
            },
        },
        "fractional_updates": {
            "edit": [(UPDATES, "    updates = epochs * n_examples / batch_size\n")],
            "says": {
                "en": "a number of updates is a whole number",
                "fr": "un nombre de mises à jour est entier",
            },
        },
        "decay_without_lr": {
            "edit": [(DECAY, "    return (1 - weight_decay) ** updates\n")],
            "says": {
                "en": "Keras multiplies weight_decay by the learning rate",
                "fr": "Keras multiplie weight_decay par le taux d'apprentissage",
            },
        },
        "factor_two_of_l2": {
            "edit": [(DECAY, "    return (1 - 2 * learning_rate * weight_decay) ** updates\n")],
            "says": {"en": "there is no factor 2 here", "fr": "il n'y a pas de facteur 2 ici"},
        },
        "linear_decay": {
            "edit": [(DECAY, "    return 1 - updates * learning_rate * weight_decay\n")],
            "says": {"en": "the decay compounds", "fr": "la décroissance se compose"},
        },
        "exponential_approximation": {
            "edit": [(DECAY, "    return np.exp(-updates * learning_rate * weight_decay)\n")],
            "says": {"en": "only an approximation", "fr": "n'est qu'une approximation"},
        },
    },
    "fix_double_decay": {
        "penalty_kept": {
            "edit": [
                (
                    HIDDEN,
                    "            keras.layers.Dense(\n"
                    "                32,\n"
                    '                activation="relu",\n'
                    "                kernel_regularizer=keras.regularizers.L2(weight_decay / 2),\n"
                    '                name="hidden",\n'
                    "            ),\n",
                )
            ],
            "says": {"en": "decayed twice", "fr": "décroissent donc deux fois"},
        },
        "learning_rate_twice": {
            "edit": [
                (
                    ADAMW,
                    "    optimizer = keras.optimizers.AdamW(\n"
                    "        learning_rate, weight_decay=learning_rate * weight_decay\n"
                    "    )\n",
                )
            ],
            "says": {
                "en": "The learning rate is counted twice",
                "fr": "Le taux d'apprentissage est compté deux fois",
            },
        },
        "biases_decayed": {
            "edit": [('    optimizer.exclude_from_weight_decay(var_names=["bias"])\n', "")],
            "says": {"en": "The biases are decayed too", "fr": "Les biais décroissent aussi"},
        },
        "adam_with_l2": {
            "edit": [
                (
                    HIDDEN,
                    "            keras.layers.Dense(\n"
                    "                32,\n"
                    '                activation="relu",\n'
                    "                kernel_regularizer=keras.regularizers.L2(weight_decay / 2),\n"
                    '                name="hidden",\n'
                    "            ),\n",
                ),
                (ADAMW, "    optimizer = keras.optimizers.Adam(learning_rate)\n"),
            ],
            "says": {"en": "Remove the penalty", "fr": "Retirez la pénalité"},
        },
        "no_decay": {
            "edit": [(ADAMW, "    optimizer = keras.optimizers.Adam(learning_rate)\n")],
            "says": {
                "en": "The kernels are not decayed at all",
                "fr": "Les noyaux ne décroissent pas du tout",
            },
        },
        "sgd_equivalence_halved": {
            "edit": [
                (
                    ADAMW,
                    "    optimizer = keras.optimizers.AdamW(learning_rate, weight_decay=weight_decay / 2)\n",
                )
            ],
            "says": {
                "en": "expected exactly 0.9500",
                "fr": "au lieu d'exactement 0.9500",
            },
        },
    },
}
