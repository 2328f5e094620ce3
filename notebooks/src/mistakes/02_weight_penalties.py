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
            "says": {"en": "only one of its two factors", "fr": "qu'un de ses deux coefficients"},
        },
        "bias_never_penalized": {
            "edit": [
                (
                    '        for regularizer, weights in [\n            (layer.kernel_regularizer, layer.kernel),\n            (layer.bias_regularizer, layer.bias),\n        ]:\n            if regularizer is None or weights is None:\n                continue\n            config = regularizer.get_config()\n            values = np.asarray(weights, dtype="float64")\n            total += config.get("l1", 0.0) * np.sum(np.abs(values))\n            total += config.get("l2", 0.0) * np.sum(np.square(values))\n',
                    '        if layer.kernel_regularizer is None:\n            continue\n        config = layer.kernel_regularizer.get_config()\n        w = np.asarray(layer.kernel)\n        total += config.get("l1", 0.0) * np.abs(w).sum()\n        total += config.get("l2", 0.0) * np.square(w).sum()\n',
                ),
            ],
            "says": {
                "en": "bias penalty of layer 1 is missing",
                "fr": "pénalité du biais de la couche 1 manque",
            },
        },
    },
    "predict_losses": {
        "activity_not_divided_by_the_batch_size": {
            "edit": [("    0.01 * 4 * 2.5**2 / 4,\n", "    0.01 * 4 * 2.5**2,\n")],
            "says": {
                "en": "divides the activity penalty by the batch size",
                "fr": "divise la pénalité d'activité par la taille du lot",
            },
        },
        "activity_before_the_relu": {
            "edit": [("    0.01 * 4 * 2.5**2 / 4,\n", "    0.01 * 4 * (2.5**2 + 0.5**2) / 4,\n")],
            "says": {"en": "after its activation", "fr": "après son activation"},
        },
        "l2_with_half_factor": {
            "edit": [("0.1 * 6 * 0.5**2,", "0.1 / 2 * 6 * 0.5**2,")],
            "says": {"en": "no 1/2 factor", "fr": "pas de facteur 1/2"},
        },
        "l1l2_string_with_factors_0_01": {
            "edit": [("    0.0,\n", "    0.01 * 4 + 0.01 * 10,\n")],
            "says": {"en": '"l1l2" gives L1L2()', "fr": '"l1l2" donne L1L2()'},
        },
        "zero_entry_left_out": {
            "edit": [
                (
                    '    # en: kernel of second: "l1l2" is L1L2(l1=0, l2=0)\n'
                    '    # fr: noyau de second : "l1l2" vaut L1L2(l1=0, l2=0)\n'
                    "    0.0,\n",
                    "",
                ),
            ],
            "says": {"en": "one entry per regularizer", "fr": "un élément par régulariseur"},
        },
        "weight_penalties_before_the_activity": {
            "edit": [
                ("    0.01 * 4 * 2.5**2 / 4,\n", ""),
                ("    0.01 * 2.0**2,\n", "    0.01 * 2.0**2,\n    0.01 * 4 * 2.5**2 / 4,\n"),
            ],
            "says": {"en": "not in Keras' order", "fr": "pas dans l'ordre de Keras"},
        },
    },
    "train_by_hand": {
        "bug_not_fixed": {
            "edit": [
                (
                    "            # en: fit minimizes the data loss plus the penalties of this call "
                    "(section 3).\n"
                    "            # fr: fit minimise la perte sur les données plus les pénalités de "
                    "cet appel (section 3).\n"
                    "            loss = loss_fn(y, predictions) + sum(model.losses)\n",
                    "            loss = loss_fn(y, predictions)\n",
                ),
            ],
            "says": {
                "en": "must include sum(model.losses)",
                "fr": "doit inclure sum(model.losses)",
            },
        },
        "penalties_read_before_the_forward_pass": {
            "edit": [
                (
                    "            predictions = model(x, training=True)\n",
                    "            penalty = sum(model.losses)\n"
                    "            predictions = model(x, training=True)\n",
                ),
                (
                    "loss_fn(y, predictions) + sum(model.losses)",
                    "loss_fn(y, predictions) + penalty",
                ),
            ],
            "says": {"en": "after the forward pass", "fr": "après la propagation avant"},
        },
        "penalties_added_outside_the_tape": {
            "edit": [
                (
                    "            loss = loss_fn(y, predictions) + sum(model.losses)\n",
                    "            loss = loss_fn(y, predictions)\n"
                    "        loss = loss + sum(model.losses)\n",
                ),
            ],
            "says": {"en": "No gradients provided", "fr": "No gradients provided"},
        },
        "list_of_losses_not_summed": {
            "edit": [("+ sum(model.losses)", "+ model.losses")],
        },
        "last_layer_penalties_only": {
            "edit": [("+ sum(model.losses)", "+ sum(model.layers[-1].losses)")],
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
            "says": {"en": "took the mean", "fr": "pris la moyenne"},
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
            "says": {"en": "get_config() must return", "fr": "get_config() doit renvoyer"},
        },
        "config_with_other_names": {
            "edit": [
                (
                    '        return {"l2": self.l2, "center": self.center}\n',
                    '        return {"strength": self.l2, "target": self.center}\n',
                ),
            ],
            "says": {"en": "get_config() must return", "fr": "get_config() doit renvoyer"},
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
