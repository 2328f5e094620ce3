"""Typical wrong answers to lesson 5's exercises; each must make its tests fail.

Keys are the grade_id of the solution cell; its test cell is ``<grade_id>_tests``.
An entry with ``says`` is a mistake the visible tests name, in each language.
"""

MISTAKES = {
    "stopping_epoch": {
        "compared_with_previous_epoch": {
            "code": """
def stopping_epoch(losses, patience, min_delta=0.0):
    previous = None
    wait = 0
    for epoch, loss in enumerate(losses, start=1):
        if previous is None or loss + min_delta < previous:
            wait = 0
        else:
            wait += 1
            if wait >= patience:
                return epoch
        previous = loss
    return len(losses)
""",
            "says": {"en": "compare each epoch with the previous one", "fr": "à la précédente"},
        },
        "stops_one_epoch_early": {
            "code": """
def stopping_epoch(losses, patience, min_delta=0.0):
    best = None
    wait = 0
    for epoch, loss in enumerate(losses, start=1):
        if best is None or loss + min_delta < best:
            best = loss
            wait = 0
        else:
            wait += 1
            if wait >= patience - 1:
                return epoch
    return len(losses)
""",
            "says": {"en": "One epoch too early", "fr": "Une époque trop tôt"},
        },
        "stops_one_epoch_late": {
            "code": """
def stopping_epoch(losses, patience, min_delta=0.0):
    best = None
    wait = 0
    for epoch, loss in enumerate(losses, start=1):
        if best is None or loss + min_delta < best:
            best = loss
            wait = 0
        else:
            wait += 1
            if wait > patience:
                return epoch
    return len(losses)
""",
            "says": {"en": "One epoch too late", "fr": "Une époque trop tard"},
        },
        "returns_zero_based_index": {
            "code": """
def stopping_epoch(losses, patience, min_delta=0.0):
    best = None
    wait = 0
    for index, loss in enumerate(losses):
        if best is None or loss + min_delta < best:
            best = loss
            wait = 0
        else:
            wait += 1
            if wait >= patience:
                return index
    return len(losses)
""",
            "says": {"en": "(index + 1)", "fr": "(indice + 1)"},
        },
        "min_delta_ignored": {
            "code": """
def stopping_epoch(losses, patience, min_delta=0.0):
    best = None
    wait = 0
    for epoch, loss in enumerate(losses, start=1):
        if best is None or loss < best:
            best = loss
            wait = 0
        else:
            wait += 1
            if wait >= patience:
                return epoch
    return len(losses)
""",
            "says": {"en": "min_delta is ignored", "fr": "min_delta est ignoré"},
        },
        "best_moves_within_min_delta": {
            "code": """
def stopping_epoch(losses, patience, min_delta=0.0):
    best = None
    wait = 0
    for epoch, loss in enumerate(losses, start=1):
        if best is None or loss + min_delta < best:
            wait = 0
        else:
            wait += 1
            if wait >= patience:
                return epoch
        if best is None or loss < best:
            best = loss
    return len(losses)
""",
            "says": {"en": "does not become the new best", "fr": "ne devient pas la"},
        },
        "nan_counted_as_improvement": {
            "code": """
def stopping_epoch(losses, patience, min_delta=0.0):
    best = None
    wait = 0
    for epoch, loss in enumerate(losses, start=1):
        if best is not None and loss + min_delta >= best:
            wait += 1
            if wait >= patience:
                return epoch
        else:
            best = loss
            wait = 0
    return len(losses)
""",
            "says": {"en": "NaN treated as an improvement", "fr": "NaN traité comme une"},
        },
        "best_starts_at_infinity": {
            "code": """
def stopping_epoch(losses, patience, min_delta=0.0):
    best = float("inf")
    wait = 0
    for epoch, loss in enumerate(losses, start=1):
        if loss + min_delta < best:
            best = loss
            wait = 0
        else:
            wait += 1
            if wait >= patience:
                return epoch
    return len(losses)
""",
            "says": {"en": "even when its loss is NaN", "fr": "même si sa perte est NaN"},
        },
        "improving_epoch_can_stop": {
            "code": """
def stopping_epoch(losses, patience, min_delta=0.0):
    best = None
    wait = 0
    for epoch, loss in enumerate(losses, start=1):
        wait += 1
        if best is None or loss + min_delta < best:
            best = loss
            wait = 0
        if epoch > 1 and wait >= patience:
            return epoch
    return len(losses)
""",
            "says": {"en": "An epoch that improves never stops", "fr": "améliore n'arrête jamais"},
        },
        "none_when_never_stopped": """
def stopping_epoch(losses, patience, min_delta=0.0):
    best = None
    wait = 0
    for epoch, loss in enumerate(losses, start=1):
        wait += 1
        if best is None or loss + min_delta < best:
            best = loss
            wait = 0
        elif wait >= patience:
            return epoch
    return None
""",
    },
    "fix_divergence": {
        "nothing_changed": {
            "code": """
def fix_divergence(x):
    return x, 0.01
""",
            "says": {"en": "still diverges", "fr": "diverge toujours"},
        },
        "learning_rate_only": {
            "code": """
def fix_divergence(x):
    return x, 5e-5
""",
            "says": {"en": "learning rate alone is not enough", "fr": "ne suffit pas"},
        },
        "scaled_too_little": {
            "code": """
def fix_divergence(x):
    return x / 10, 0.01
""",
            "says": {"en": "EarlyStopping stopped training after", "fr": "EarlyStopping a arrêté"},
        },
        "scaled_too_little_large_rate": {
            "code": """
def fix_divergence(x):
    return x / 10, 0.1
""",
            "says": {"en": "still diverges", "fr": "diverge toujours"},
        },
        "learning_rate_too_small_after_scaling": {
            "code": """
def fix_divergence(x):
    return x / 99, 0.001
""",
            "says": {"en": "the learning rate is too small", "fr": "est trop petit"},
        },
        "scaled_in_place": """
def fix_divergence(x):
    x = np.asarray(x, dtype="float64")  # no copy when x is already float64
    x /= x.max()
    return x, 0.1
""",
    },
}
