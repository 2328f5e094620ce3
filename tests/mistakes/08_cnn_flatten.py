"""Typical wrong answers to lesson 8's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
"""

MISTAKES = {
    "conv_params": {
        "bias_forgotten": """
def conv_params(kh, kw, in_channels, filters, use_bias=True):
    return kh * kw * in_channels * filters
""",
        "input_channels_forgotten": """
def conv_params(kh, kw, in_channels, filters, use_bias=True):
    return (kh * kw + (1 if use_bias else 0)) * filters
""",
        "use_bias_ignored": """
def conv_params(kh, kw, in_channels, filters, use_bias=True):
    return (kh * kw * in_channels + 1) * filters
""",
        "one_bias_per_input_channel": """
def conv_params(kh, kw, in_channels, filters, use_bias=True):
    return (kh * kw + (1 if use_bias else 0)) * in_channels * filters
""",
    },
    "conv_output_shape": {
        "valid_computed_like_same": """
def conv_output_shape(h, w, kernel, filters, padding="valid", stride=1):
    return (-(-h // stride), -(-w // stride), filters)
""",
        "off_by_one": """
def conv_output_shape(h, w, kernel, filters, padding="valid", stride=1):
    if padding == "same":
        return (-(-h // stride), -(-w // stride), filters)
    return ((h - kernel) // stride, (w - kernel) // stride, filters)
""",
        "stride_ignored": """
def conv_output_shape(h, w, kernel, filters, padding="valid", stride=1):
    if padding == "same":
        return (h, w, filters)
    return (h - kernel + 1, w - kernel + 1, filters)
""",
        "stride_divides_positions": """
def conv_output_shape(h, w, kernel, filters, padding="valid", stride=1):
    if padding == "same":
        return (-(-h // stride), -(-w // stride), filters)
    return ((h - kernel + 1) // stride, (w - kernel + 1) // stride, filters)
""",
        "same_rounded_down": """
def conv_output_shape(h, w, kernel, filters, padding="valid", stride=1):
    if padding == "same":
        return (h // stride, w // stride, filters)
    return ((h - kernel) // stride + 1, (w - kernel) // stride + 1, filters)
""",
    },
    "build_cnn": {
        "no_flatten": """
def build_cnn():
    return keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
""",
        "binary_output": """
def build_cnn():
    return keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
""",
        "no_softmax": """
def build_cnn():
    return keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dense(10),
        ]
    )
""",
        "too_weak_one_filter": """
def build_cnn():
    return keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            keras.layers.Conv2D(1, 3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
""",
        "too_big": """
def build_cnn():
    return keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            keras.layers.Conv2D(64, 3, padding="same", activation="relu"),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
""",
        "flat_vectors_no_conv": """
def build_cnn():
    return keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
""",
    },
}
