"""Typical wrong answers to lesson 1's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

MISTAKES = {
    "dense_forward": {
        "bias_forgotten": {
            "code": """
def dense_forward(x, kernel, bias, activation):
    z = np.asarray(x) @ np.asarray(kernel)
    if activation == "relu":
        return np.maximum(z, 0.0)
    if activation == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    return z
""",
            "says": {"en": "The bias is missing", "fr": "Le biais manque"},
        },
        "bias_after_activation": {
            "code": """
def dense_forward(x, kernel, bias, activation):
    z = np.asarray(x) @ np.asarray(kernel)
    if activation == "relu":
        z = np.maximum(z, 0.0)
    elif activation == "sigmoid":
        z = 1.0 / (1.0 + np.exp(-z))
    return z if bias is None else z + bias
""",
            "says": {"en": "added after the activation", "fr": "ajouté après l'activation"},
        },
        "activation_ignored": """
def dense_forward(x, kernel, bias, activation):
    z = np.asarray(x) @ np.asarray(kernel)
    return z if bias is None else z + bias
""",
        "kernel_transposed": """
def dense_forward(x, kernel, bias, activation):
    z = np.asarray(x) @ np.asarray(kernel).T
    z = z if bias is None else z + bias
    return np.maximum(z, 0.0) if activation == "relu" else z
""",
    },
    "best_epoch": {
        "zero_based": {
            "code": """
def best_epoch(val_losses):
    return int(np.argmin(val_losses))
""",
            "says": {"en": "counted from 1", "fr": "numérotées à partir de 1"},
        },
        "last_minimum_on_ties": """
def best_epoch(val_losses):
    v = list(val_losses)
    return len(v) - v[::-1].index(min(v))
""",
        "epoch_of_first_rise": """
def best_epoch(val_losses):
    v = list(val_losses)
    for i in range(1, len(v)):
        if v[i] > v[i - 1]:
            return i + 1
    return len(v)
""",
    },
}
