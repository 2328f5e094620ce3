"""Typical wrong answers to lesson 2's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` also requires the visible tests to name the mistake.
"""

MISTAKES = {
    "penalty_by_hand": {
        "l2_with_half_factor": {
            "code": """
def penalty_by_hand(model):
    total = 0.0
    for layer in model.layers:
        pairs = [(layer.kernel_regularizer, layer.kernel), (layer.bias_regularizer, layer.bias)]
        for reg, w in pairs:
            if reg is None or w is None:
                continue
            config = reg.get_config()
            w = np.asarray(w)
            total += config.get("l1", 0.0) * np.abs(w).sum()
            total += 0.5 * config.get("l2", 0.0) * np.square(w).sum()
    return float(total)
""",
            "says": {"en": "no 1/2 factor", "fr": "pas de facteur 1/2"},
        },
        "bias_penalized_by_kernel_regularizer": {
            "code": """
def penalty_by_hand(model):
    total = 0.0
    for layer in model.layers:
        for w, reg in [(layer.kernel, layer.kernel_regularizer),
                       (layer.bias, layer.bias_regularizer or layer.kernel_regularizer)]:
            if reg is None or w is None:
                continue
            config = reg.get_config()
            w = np.asarray(w)
            total += config.get("l1", 0.0) * np.abs(w).sum()
            total += config.get("l2", 0.0) * np.square(w).sum()
    return float(total)
""",
            "says": {"en": "bias_regularizer", "fr": "bias_regularizer"},
        },
        "last_layer_forgotten": {
            "code": """
def penalty_by_hand(model):
    total = 0.0
    for layer in model.layers[:-1]:
        pairs = [(layer.kernel_regularizer, layer.kernel), (layer.bias_regularizer, layer.bias)]
        for reg, w in pairs:
            if reg is None or w is None:
                continue
            config = reg.get_config()
            w = np.asarray(w)
            total += config.get("l1", 0.0) * np.abs(w).sum()
            total += config.get("l2", 0.0) * np.square(w).sum()
    return float(total)
""",
            "says": {"en": "skip a layer", "fr": "sauté une couche"},
        },
        "first_layer_forgotten": {
            "code": """
def penalty_by_hand(model):
    total = 0.0
    for layer in model.layers[1:]:
        pairs = [(layer.kernel_regularizer, layer.kernel), (layer.bias_regularizer, layer.bias)]
        for reg, w in pairs:
            if reg is None or w is None:
                continue
            config = reg.get_config()
            w = np.asarray(w)
            total += config.get("l1", 0.0) * np.abs(w).sum()
            total += config.get("l2", 0.0) * np.square(w).sum()
    return float(total)
""",
            "says": {"en": "skip a layer", "fr": "sauté une couche"},
        },
        "mean_instead_of_sum": {
            "code": """
def penalty_by_hand(model):
    total = 0.0
    for layer in model.layers:
        pairs = [(layer.kernel_regularizer, layer.kernel), (layer.bias_regularizer, layer.bias)]
        for reg, w in pairs:
            if reg is None or w is None:
                continue
            config = reg.get_config()
            w = np.asarray(w)
            total += config.get("l1", 0.0) * np.abs(w).mean()
            total += config.get("l2", 0.0) * np.square(w).mean()
    return float(total)
""",
            "says": {"en": "mean", "fr": "moyenne"},
        },
        "l1l2_uses_only_one_factor": """
def penalty_by_hand(model):
    total = 0.0
    for layer in model.layers:
        pairs = [(layer.kernel_regularizer, layer.kernel), (layer.bias_regularizer, layer.bias)]
        for reg, w in pairs:
            if reg is None or w is None:
                continue
            config = reg.get_config()
            w = np.asarray(w)
            if "l2" in config:
                total += config["l2"] * np.square(w).sum()
            else:
                total += config["l1"] * np.abs(w).sum()
    return float(total)
""",
        "bias_never_penalized": """
def penalty_by_hand(model):
    total = 0.0
    for layer in model.layers:
        if layer.kernel_regularizer is None:
            continue
        config = layer.kernel_regularizer.get_config()
        w = np.asarray(layer.kernel)
        total += config.get("l1", 0.0) * np.abs(w).sum()
        total += config.get("l2", 0.0) * np.square(w).sum()
    return float(total)
""",
    },
    "centered_l2": {
        "center_ignored": {
            "code": """
class CenteredL2(keras.regularizers.Regularizer):
    def __init__(self, l2=0.01, center=0.0):
        self.l2 = float(l2)
        self.center = float(center)

    def __call__(self, x):
        return self.l2 * keras.ops.sum(keras.ops.square(x))

    def get_config(self):
        return {"l2": self.l2, "center": self.center}
""",
            "says": {"en": "ignores the center", "fr": "ignore le centre"},
        },
        "half_factor": {
            "code": """
class CenteredL2(keras.regularizers.Regularizer):
    def __init__(self, l2=0.01, center=0.0):
        self.l2 = float(l2)
        self.center = float(center)

    def __call__(self, x):
        return 0.5 * self.l2 * keras.ops.sum(keras.ops.square(x - self.center))

    def get_config(self):
        return {"l2": self.l2, "center": self.center}
""",
            "says": {"en": "1/2 factor", "fr": "facteur 1/2"},
        },
        "mean_instead_of_sum": """
class CenteredL2(keras.regularizers.Regularizer):
    def __init__(self, l2=0.01, center=0.0):
        self.l2 = float(l2)
        self.center = float(center)

    def __call__(self, x):
        return self.l2 * keras.ops.mean(keras.ops.square(x - self.center))

    def get_config(self):
        return {"l2": self.l2, "center": self.center}
""",
        "numpy_inside": {
            "code": """
class CenteredL2(keras.regularizers.Regularizer):
    def __init__(self, l2=0.01, center=0.0):
        self.l2 = float(l2)
        self.center = float(center)

    def __call__(self, x):
        return self.l2 * np.sum(np.square(np.asarray(x) - self.center))

    def get_config(self):
        return {"l2": self.l2, "center": self.center}
""",
            "says": {"en": "use keras.ops", "fr": "utilisez keras.ops"},
        },
        "config_without_center": """
class CenteredL2(keras.regularizers.Regularizer):
    def __init__(self, l2=0.01, center=0.0):
        self.l2 = float(l2)
        self.center = float(center)

    def __call__(self, x):
        return self.l2 * keras.ops.sum(keras.ops.square(x - self.center))

    def get_config(self):
        return {"l2": self.l2}
""",
        "config_with_other_names": """
class CenteredL2(keras.regularizers.Regularizer):
    def __init__(self, l2=0.01, center=0.0):
        self.l2 = float(l2)
        self.center = float(center)

    def __call__(self, x):
        return self.l2 * keras.ops.sum(keras.ops.square(x - self.center))

    def get_config(self):
        return {"strength": self.l2, "target": self.center}
""",
        "arguments_not_stored": """
class CenteredL2(keras.regularizers.Regularizer):
    def __init__(self, l2=0.01, center=0.0):
        self.l2 = float(l2)
        self.center = float(center)

    def __call__(self, x):
        return 0.01 * keras.ops.sum(keras.ops.square(x))

    def get_config(self):
        return {"l2": 0.01, "center": 0.0}
""",
    },
}
