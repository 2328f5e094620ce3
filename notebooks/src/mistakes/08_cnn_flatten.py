"""Typical wrong answers to lesson 8's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
"""

MISTAKES = {
    "conv_params": {
        "bias_forgotten": {
            "edit": [
                (
                    "    return int((kh * kw * in_channels + (1 if use_bias else 0)) * filters)\n",
                    "    return kh * kw * in_channels * filters\n",
                ),
            ],
        },
        "input_channels_forgotten": {
            "edit": [
                (
                    "    return int((kh * kw * in_channels + (1 if use_bias else 0)) * filters)\n",
                    "    return (kh * kw + (1 if use_bias else 0)) * filters\n",
                ),
            ],
        },
        "use_bias_ignored": {
            "edit": [
                (
                    "    return int((kh * kw * in_channels + (1 if use_bias else 0)) * filters)\n",
                    "    return (kh * kw * in_channels + 1) * filters\n",
                ),
            ],
        },
        "one_bias_per_input_channel": {
            "edit": [
                (
                    "    return int((kh * kw * in_channels + (1 if use_bias else 0)) * filters)\n",
                    "    return (kh * kw + (1 if use_bias else 0)) * in_channels * filters\n",
                ),
            ],
        },
    },
    "conv_output_shape": {
        "valid_computed_like_same": {
            "edit": [
                (
                    '    if padding == "same":\n        out_h, out_w = -(-h // stride), -(-w // stride)\n    else:\n        out_h, out_w = (h - kernel) // stride + 1, (w - kernel) // stride + 1\n    return (int(out_h), int(out_w), int(filters))\n',
                    "    return (-(-h // stride), -(-w // stride), filters)\n",
                ),
            ],
        },
        "off_by_one": {
            "edit": [
                (
                    "        out_h, out_w = -(-h // stride), -(-w // stride)\n    else:\n        out_h, out_w = (h - kernel) // stride + 1, (w - kernel) // stride + 1\n    return (int(out_h), int(out_w), int(filters))\n",
                    "        return (-(-h // stride), -(-w // stride), filters)\n    return ((h - kernel) // stride, (w - kernel) // stride, filters)\n",
                ),
            ],
        },
        "stride_ignored": {
            "edit": [
                (
                    "        out_h, out_w = -(-h // stride), -(-w // stride)\n    else:\n        out_h, out_w = (h - kernel) // stride + 1, (w - kernel) // stride + 1\n    return (int(out_h), int(out_w), int(filters))\n",
                    "        return (h, w, filters)\n    return (h - kernel + 1, w - kernel + 1, filters)\n",
                ),
            ],
        },
        "stride_divides_positions": {
            "edit": [
                (
                    "        out_h, out_w = -(-h // stride), -(-w // stride)\n    else:\n        out_h, out_w = (h - kernel) // stride + 1, (w - kernel) // stride + 1\n    return (int(out_h), int(out_w), int(filters))\n",
                    "        return (-(-h // stride), -(-w // stride), filters)\n    return ((h - kernel + 1) // stride, (w - kernel + 1) // stride, filters)\n",
                ),
            ],
        },
        "same_rounded_down": {
            "edit": [
                (
                    "        out_h, out_w = -(-h // stride), -(-w // stride)\n    else:\n        out_h, out_w = (h - kernel) // stride + 1, (w - kernel) // stride + 1\n    return (int(out_h), int(out_w), int(filters))\n",
                    "        return (h // stride, w // stride, filters)\n    return ((h - kernel) // stride + 1, (w - kernel) // stride + 1, filters)\n",
                ),
            ],
        },
    },
    "build_cnn": {
        "no_flatten": {
            "edit": [
                ("            keras.layers.Flatten(),\n", ""),
            ],
        },
        "binary_output": {
            "edit": [
                (
                    '            keras.layers.Dense(10, activation="softmax"),\n',
                    '            keras.layers.Dense(1, activation="sigmoid"),\n',
                ),
            ],
        },
        "no_softmax": {
            "edit": [
                (
                    '            keras.layers.Dense(10, activation="softmax"),\n',
                    "            keras.layers.Dense(10),\n",
                ),
            ],
        },
        "too_weak_one_filter": {
            "edit": [
                (
                    '            keras.layers.Conv2D(8, 3, padding="same", activation="relu"),\n',
                    '            keras.layers.Conv2D(1, 3, padding="same", activation="relu"),\n',
                ),
            ],
        },
        "too_big": {
            "edit": [
                (
                    '            keras.layers.Conv2D(8, 3, padding="same", activation="relu"),\n            keras.layers.MaxPooling2D(),\n',
                    '            keras.layers.Conv2D(64, 3, padding="same", activation="relu"),\n',
                ),
            ],
        },
        "flat_vectors_no_conv": {
            "edit": [
                (
                    '            keras.Input((8, 8, 1)),\n            keras.layers.Conv2D(8, 3, padding="same", activation="relu"),\n            keras.layers.MaxPooling2D(),\n            keras.layers.Flatten(),\n',
                    '            keras.Input((64,)),\n            keras.layers.Dense(32, activation="relu"),\n',
                ),
            ],
        },
    },
}
