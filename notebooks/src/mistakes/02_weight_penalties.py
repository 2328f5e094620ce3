"""Typical wrong answers to lesson 2's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` also requires the visible tests to name the mistake.
"""

MISTAKES = {
    "penalty_by_hand": {
        "l2_with_half_factor": {
            "edit": [
                (
                    "        for regularizer, weights in [\n            (layer.kernel_regularizer, layer.kernel),\n            (layer.bias_regularizer, layer.bias),\n        ]:\n            if regularizer is None or weights is None:\n",
                    "        pairs = [(layer.kernel_regularizer, layer.kernel), (layer.bias_regularizer, layer.bias)]\n        for reg, w in pairs:\n            if reg is None or w is None:\n",
                ),
                (
                    '            config = regularizer.get_config()\n            values = np.asarray(weights, dtype="float64")\n            total += config.get("l1", 0.0) * np.sum(np.abs(values))\n            total += config.get("l2", 0.0) * np.sum(np.square(values))\n',
                    '            config = reg.get_config()\n            w = np.asarray(w)\n            total += config.get("l1", 0.0) * np.abs(w).sum()\n            total += 0.5 * config.get("l2", 0.0) * np.square(w).sum()\n',
                ),
            ],
            "says": {"en": "no 1/2 factor", "fr": "pas de facteur 1/2"},
        },
        "bias_penalized_by_kernel_regularizer": {
            "edit": [
                (
                    "        for regularizer, weights in [\n            (layer.kernel_regularizer, layer.kernel),\n            (layer.bias_regularizer, layer.bias),\n        ]:\n            if regularizer is None or weights is None:\n",
                    "        for w, reg in [(layer.kernel, layer.kernel_regularizer),\n                       (layer.bias, layer.bias_regularizer or layer.kernel_regularizer)]:\n            if reg is None or w is None:\n",
                ),
                (
                    '            config = regularizer.get_config()\n            values = np.asarray(weights, dtype="float64")\n            total += config.get("l1", 0.0) * np.sum(np.abs(values))\n            total += config.get("l2", 0.0) * np.sum(np.square(values))\n',
                    '            config = reg.get_config()\n            w = np.asarray(w)\n            total += config.get("l1", 0.0) * np.abs(w).sum()\n            total += config.get("l2", 0.0) * np.square(w).sum()\n',
                ),
            ],
            "says": {"en": "bias_regularizer", "fr": "bias_regularizer"},
        },
        "last_layer_forgotten": {
            "edit": [
                (
                    "    for layer in model.layers:\n        for regularizer, weights in [\n            (layer.kernel_regularizer, layer.kernel),\n            (layer.bias_regularizer, layer.bias),\n        ]:\n            if regularizer is None or weights is None:\n",
                    "    for layer in model.layers[:-1]:\n        pairs = [(layer.kernel_regularizer, layer.kernel), (layer.bias_regularizer, layer.bias)]\n        for reg, w in pairs:\n            if reg is None or w is None:\n",
                ),
                (
                    '            config = regularizer.get_config()\n            values = np.asarray(weights, dtype="float64")\n            total += config.get("l1", 0.0) * np.sum(np.abs(values))\n            total += config.get("l2", 0.0) * np.sum(np.square(values))\n',
                    '            config = reg.get_config()\n            w = np.asarray(w)\n            total += config.get("l1", 0.0) * np.abs(w).sum()\n            total += config.get("l2", 0.0) * np.square(w).sum()\n',
                ),
            ],
            "says": {"en": "skip a layer", "fr": "sauté une couche"},
        },
        "first_layer_forgotten": {
            "edit": [
                (
                    "    for layer in model.layers:\n        for regularizer, weights in [\n            (layer.kernel_regularizer, layer.kernel),\n            (layer.bias_regularizer, layer.bias),\n        ]:\n            if regularizer is None or weights is None:\n",
                    "    for layer in model.layers[1:]:\n        pairs = [(layer.kernel_regularizer, layer.kernel), (layer.bias_regularizer, layer.bias)]\n        for reg, w in pairs:\n            if reg is None or w is None:\n",
                ),
                (
                    '            config = regularizer.get_config()\n            values = np.asarray(weights, dtype="float64")\n            total += config.get("l1", 0.0) * np.sum(np.abs(values))\n            total += config.get("l2", 0.0) * np.sum(np.square(values))\n',
                    '            config = reg.get_config()\n            w = np.asarray(w)\n            total += config.get("l1", 0.0) * np.abs(w).sum()\n            total += config.get("l2", 0.0) * np.square(w).sum()\n',
                ),
            ],
            "says": {"en": "skip a layer", "fr": "sauté une couche"},
        },
        "mean_instead_of_sum": {
            "edit": [
                (
                    "        for regularizer, weights in [\n            (layer.kernel_regularizer, layer.kernel),\n            (layer.bias_regularizer, layer.bias),\n        ]:\n            if regularizer is None or weights is None:\n",
                    "        pairs = [(layer.kernel_regularizer, layer.kernel), (layer.bias_regularizer, layer.bias)]\n        for reg, w in pairs:\n            if reg is None or w is None:\n",
                ),
                (
                    '            config = regularizer.get_config()\n            values = np.asarray(weights, dtype="float64")\n            total += config.get("l1", 0.0) * np.sum(np.abs(values))\n            total += config.get("l2", 0.0) * np.sum(np.square(values))\n',
                    '            config = reg.get_config()\n            w = np.asarray(w)\n            total += config.get("l1", 0.0) * np.abs(w).mean()\n            total += config.get("l2", 0.0) * np.square(w).mean()\n',
                ),
            ],
            "says": {"en": "mean", "fr": "moyenne"},
        },
        "l1l2_uses_only_one_factor": {
            "edit": [
                (
                    "        for regularizer, weights in [\n            (layer.kernel_regularizer, layer.kernel),\n            (layer.bias_regularizer, layer.bias),\n        ]:\n            if regularizer is None or weights is None:\n",
                    "        pairs = [(layer.kernel_regularizer, layer.kernel), (layer.bias_regularizer, layer.bias)]\n        for reg, w in pairs:\n            if reg is None or w is None:\n",
                ),
                (
                    '            config = regularizer.get_config()\n            values = np.asarray(weights, dtype="float64")\n            total += config.get("l1", 0.0) * np.sum(np.abs(values))\n            total += config.get("l2", 0.0) * np.sum(np.square(values))\n',
                    '            config = reg.get_config()\n            w = np.asarray(w)\n            if "l2" in config:\n                total += config["l2"] * np.square(w).sum()\n            else:\n                total += config["l1"] * np.abs(w).sum()\n',
                ),
            ],
        },
        "bias_never_penalized": {
            "edit": [
                (
                    '        for regularizer, weights in [\n            (layer.kernel_regularizer, layer.kernel),\n            (layer.bias_regularizer, layer.bias),\n        ]:\n            if regularizer is None or weights is None:\n                continue\n            config = regularizer.get_config()\n            values = np.asarray(weights, dtype="float64")\n            total += config.get("l1", 0.0) * np.sum(np.abs(values))\n            total += config.get("l2", 0.0) * np.sum(np.square(values))\n',
                    '        if layer.kernel_regularizer is None:\n            continue\n        config = layer.kernel_regularizer.get_config()\n        w = np.asarray(layer.kernel)\n        total += config.get("l1", 0.0) * np.abs(w).sum()\n        total += config.get("l2", 0.0) * np.square(w).sum()\n',
                ),
            ],
        },
    },
    "centered_l2": {
        "center_ignored": {
            "edit": [
                (
                    "        return self.l2 * keras.ops.sum(keras.ops.square(x - self.center))\n",
                    "        return self.l2 * keras.ops.sum(keras.ops.square(x))\n",
                ),
            ],
            "says": {"en": "ignores the center", "fr": "ignore le centre"},
        },
        "half_factor": {
            "edit": [
                (
                    "        return self.l2 * keras.ops.sum(keras.ops.square(x - self.center))\n",
                    "        return 0.5 * self.l2 * keras.ops.sum(keras.ops.square(x - self.center))\n",
                ),
            ],
            "says": {"en": "1/2 factor", "fr": "facteur 1/2"},
        },
        "mean_instead_of_sum": {
            "edit": [
                (
                    "        return self.l2 * keras.ops.sum(keras.ops.square(x - self.center))\n",
                    "        return self.l2 * keras.ops.mean(keras.ops.square(x - self.center))\n",
                ),
            ],
        },
        "numpy_inside": {
            "edit": [
                (
                    "        return self.l2 * keras.ops.sum(keras.ops.square(x - self.center))\n",
                    "        return self.l2 * np.sum(np.square(np.asarray(x) - self.center))\n",
                ),
            ],
            "says": {"en": "use keras.ops", "fr": "utilisez keras.ops"},
        },
        "config_without_center": {
            "edit": [
                (
                    '        return {"l2": self.l2, "center": self.center}\n',
                    '        return {"l2": self.l2}\n',
                ),
            ],
        },
        "config_with_other_names": {
            "edit": [
                (
                    '        return {"l2": self.l2, "center": self.center}\n',
                    '        return {"strength": self.l2, "target": self.center}\n',
                ),
            ],
        },
        "arguments_not_stored": {
            "edit": [
                (
                    "        return self.l2 * keras.ops.sum(keras.ops.square(x - self.center))\n",
                    "        return 0.01 * keras.ops.sum(keras.ops.square(x))\n",
                ),
                (
                    '        return {"l2": self.l2, "center": self.center}\n',
                    '        return {"l2": 0.01, "center": 0.0}\n',
                ),
            ],
        },
    },
}
