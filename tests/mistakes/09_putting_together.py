"""Typical wrong answers to lesson 9's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

# The callbacks function is part of the same solution cell; wrong answers redefine both.
_CALLBACKS = """

def build_callbacks():
    return []
"""

MISTAKES = {
    "build_model": {
        "no_regularization": {
            "code": """
def build_model():
    return keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
"""
            + _CALLBACKS,
            "says": {"en": "No regularization at all", "fr": "Aucune régularisation"},
        },
        "way_too_much_regularization": {
            "code": """
def build_model():
    return keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(
                64, activation="relu", kernel_regularizer=keras.regularizers.l1_l2(l1=1.0, l2=1.0)
            ),
            keras.layers.Dropout(0.5),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
"""
            + _CALLBACKS,
            "says": {"en": "Way too much regularization", "fr": "Bien trop de régularisation"},
        },
        "softmax_missing": {
            "code": """
def build_model():
    return keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(
                64, activation="relu", kernel_regularizer=keras.regularizers.l2(0.001)
            ),
            keras.layers.Dropout(0.3),
            keras.layers.Dense(10),
        ]
    )
"""
            + _CALLBACKS,
            "says": {"en": "the softmax is missing", "fr": "le softmax manque"},
        },
        "wrong_output_size": {
            "code": """
def build_model():
    return keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(
                64, activation="relu", kernel_regularizer=keras.regularizers.l2(0.001)
            ),
            keras.layers.Dropout(0.3),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
"""
            + _CALLBACKS,
            "says": {"en": "Wrong output size", "fr": "Mauvaise taille de sortie"},
        },
        "one_technique_only": {
            "code": """
def build_model():
    return keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dropout(0.5),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
"""
            + _CALLBACKS,
            "says": {"en": "Only one technique", "fr": "Une seule technique"},
        },
        "source_model_as_is": """
def build_model():
    return keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(
                64,
                activation="relu",
                kernel_regularizer=keras.regularizers.l1_l2(l1=0.01, l2=0.01),
            ),
            keras.layers.BatchNormalization(),
            keras.layers.Dropout(0.5),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
"""
        + _CALLBACKS,
        "default_batch_norm_momentum": """
def build_model():
    return keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(
                64, activation="relu", kernel_regularizer=keras.regularizers.l2(0.001)
            ),
            keras.layers.BatchNormalization(),
            keras.layers.Dropout(0.3),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
"""
        + _CALLBACKS,
    },
    "generalization_gap": {
        "last_epoch": {
            "code": """
def generalization_gap(history):
    h = getattr(history, "history", history)
    return float(h["accuracy"][-1] - h["val_accuracy"][-1])
""",
            "says": {"en": "at the last epoch", "fr": "à la dernière époque"},
        },
        "sign_swapped": {
            "code": """
def generalization_gap(history):
    h = getattr(history, "history", history)
    best = int(np.argmin(h["val_loss"]))
    return float(h["val_accuracy"][best] - h["accuracy"][best])
""",
            "says": {"en": "The sign is swapped", "fr": "Le signe est inversé"},
        },
        "off_by_one_epoch": {
            "code": """
def generalization_gap(history):
    h = getattr(history, "history", history)
    best = int(np.argmin(h["val_loss"])) + 1
    return float(h["accuracy"][best] - h["val_accuracy"][best])
""",
            "says": {"en": "one epoch off", "fr": "décalé d'une époque"},
        },
        "best_by_val_accuracy": {
            "code": """
def generalization_gap(history):
    h = getattr(history, "history", history)
    best = int(np.argmax(h["val_accuracy"]))
    return float(h["accuracy"][best] - h["val_accuracy"][best])
""",
            "says": {"en": "highest validation accuracy", "fr": "plus haute exactitude"},
        },
        "dict_only": {
            "code": """
def generalization_gap(history):
    best = int(np.argmin(history["val_loss"]))
    return float(history["accuracy"][best] - history["val_accuracy"][best])
""",
            "says": {
                "en": "must also accept the History object",
                "fr": "doit aussi accepter l'objet History",
            },
        },
        "minimum_gap_over_epochs": """
def generalization_gap(history):
    h = getattr(history, "history", history)
    return float(min(a - v for a, v in zip(h["accuracy"], h["val_accuracy"])))
""",
    },
}
