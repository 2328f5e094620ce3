"""Every wrong letter of every quiz question must lose its point.

Each is an edit of the
solution (the right letter replaced), so a question whose right answer moves carries its
mistakes along."""

MISTAKES = {
    "q01": {
        "answers_a": {"edit": [('q01 = "b"', 'q01 = "a"')]},
        "answers_c": {"edit": [('q01 = "b"', 'q01 = "c"')]},
        "answers_d": {"edit": [('q01 = "b"', 'q01 = "d"')]},
    },
    "q02": {
        "answers_a": {"edit": [('q02 = "d"', 'q02 = "a"')]},
        "answers_b": {"edit": [('q02 = "d"', 'q02 = "b"')]},
        "answers_c": {"edit": [('q02 = "d"', 'q02 = "c"')]},
    },
    "q03": {
        "answers_b": {"edit": [('q03 = "a"', 'q03 = "b"')]},
        "answers_c": {"edit": [('q03 = "a"', 'q03 = "c"')]},
        "answers_d": {"edit": [('q03 = "a"', 'q03 = "d"')]},
    },
    "q04": {
        "answers_a": {"edit": [('q04 = "b"', 'q04 = "a"')]},
        "answers_c": {"edit": [('q04 = "b"', 'q04 = "c"')]},
        "answers_d": {"edit": [('q04 = "b"', 'q04 = "d"')]},
    },
    "q05": {
        "answers_a": {"edit": [('q05 = "c"', 'q05 = "a"')]},
        "answers_b": {"edit": [('q05 = "c"', 'q05 = "b"')]},
        "answers_d": {"edit": [('q05 = "c"', 'q05 = "d"')]},
    },
    "q06": {
        "answers_b": {"edit": [('q06 = "a"', 'q06 = "b"')]},
        "answers_c": {"edit": [('q06 = "a"', 'q06 = "c"')]},
        "answers_d": {"edit": [('q06 = "a"', 'q06 = "d"')]},
    },
    "q07": {
        "answers_a": {"edit": [('q07 = "c"', 'q07 = "a"')]},
        "answers_b": {"edit": [('q07 = "c"', 'q07 = "b"')]},
        "answers_d": {"edit": [('q07 = "c"', 'q07 = "d"')]},
    },
    "q08": {
        "answers_a": {"edit": [('q08 = "d"', 'q08 = "a"')]},
        "answers_b": {"edit": [('q08 = "d"', 'q08 = "b"')]},
        "answers_c": {"edit": [('q08 = "d"', 'q08 = "c"')]},
    },
    "q09": {
        "answers_a": {"edit": [('q09 = "d"', 'q09 = "a"')]},
        "answers_b": {"edit": [('q09 = "d"', 'q09 = "b"')]},
        "answers_c": {"edit": [('q09 = "d"', 'q09 = "c"')]},
    },
    "q10": {
        "answers_b": {"edit": [('q10 = "a"', 'q10 = "b"')]},
        "answers_c": {"edit": [('q10 = "a"', 'q10 = "c"')]},
        "answers_d": {"edit": [('q10 = "a"', 'q10 = "d"')]},
    },
    "q11": {
        "answers_a": {"edit": [('q11 = "c"', 'q11 = "a"')]},
        "answers_b": {"edit": [('q11 = "c"', 'q11 = "b"')]},
        "answers_d": {"edit": [('q11 = "c"', 'q11 = "d"')]},
    },
    "q12": {
        "answers_a": {"edit": [('q12 = "b"', 'q12 = "a"')]},
        "answers_c": {"edit": [('q12 = "b"', 'q12 = "c"')]},
        "answers_d": {"edit": [('q12 = "b"', 'q12 = "d"')]},
    },
    "q13": {
        "answers_a": {"edit": [('q13 = "b"', 'q13 = "a"')]},
        "answers_c": {"edit": [('q13 = "b"', 'q13 = "c"')]},
        "answers_d": {"edit": [('q13 = "b"', 'q13 = "d"')]},
    },
    "q14": {
        "answers_a": {"edit": [('q14 = "d"', 'q14 = "a"')]},
        "answers_b": {"edit": [('q14 = "d"', 'q14 = "b"')]},
        "answers_c": {"edit": [('q14 = "d"', 'q14 = "c"')]},
    },
    "q15": {
        "answers_a": {"edit": [('q15 = "b"', 'q15 = "a"')]},
        "answers_c": {"edit": [('q15 = "b"', 'q15 = "c"')]},
        "answers_d": {"edit": [('q15 = "b"', 'q15 = "d"')]},
    },
    "q16": {
        "answers_a": {"edit": [('q16 = "c"', 'q16 = "a"')]},
        "answers_b": {"edit": [('q16 = "c"', 'q16 = "b"')]},
        "answers_d": {"edit": [('q16 = "c"', 'q16 = "d"')]},
    },
    "q17": {
        "answers_a": {"edit": [('q17 = "b"', 'q17 = "a"')]},
        "answers_c": {"edit": [('q17 = "b"', 'q17 = "c"')]},
        "answers_d": {"edit": [('q17 = "b"', 'q17 = "d"')]},
    },
    "q18": {
        "answers_a": {"edit": [('q18 = "c"', 'q18 = "a"')]},
        "answers_b": {"edit": [('q18 = "c"', 'q18 = "b"')]},
        "answers_d": {"edit": [('q18 = "c"', 'q18 = "d"')]},
    },
    "q19": {
        "answers_b": {"edit": [('q19 = "a"', 'q19 = "b"')]},
        "answers_c": {"edit": [('q19 = "a"', 'q19 = "c"')]},
        "answers_d": {"edit": [('q19 = "a"', 'q19 = "d"')]},
    },
    "q20": {
        "answers_a": {"edit": [('q20 = "d"', 'q20 = "a"')]},
        "answers_b": {"edit": [('q20 = "d"', 'q20 = "b"')]},
        "answers_c": {"edit": [('q20 = "d"', 'q20 = "c"')]},
    },
    "q21": {
        "answers_a": {"edit": [('q21 = "d"', 'q21 = "a"')]},
        "answers_b": {"edit": [('q21 = "d"', 'q21 = "b"')]},
        "answers_c": {"edit": [('q21 = "d"', 'q21 = "c"')]},
    },
    "q22": {
        "answers_b": {"edit": [('q22 = "a"', 'q22 = "b"')]},
        "answers_c": {"edit": [('q22 = "a"', 'q22 = "c"')]},
        "answers_d": {"edit": [('q22 = "a"', 'q22 = "d"')]},
    },
    "q23": {
        "answers_a": {"edit": [('q23 = "c"', 'q23 = "a"')]},
        "answers_b": {"edit": [('q23 = "c"', 'q23 = "b"')]},
        "answers_d": {"edit": [('q23 = "c"', 'q23 = "d"')]},
    },
    "q24": {
        "answers_b": {"edit": [('q24 = "a"', 'q24 = "b"')]},
        "answers_c": {"edit": [('q24 = "a"', 'q24 = "c"')]},
        "answers_d": {"edit": [('q24 = "a"', 'q24 = "d"')]},
    },
    "q25": {
        "answers_a": {"edit": [('q25 = "d"', 'q25 = "a"')]},
        "answers_b": {"edit": [('q25 = "d"', 'q25 = "b"')]},
        "answers_c": {"edit": [('q25 = "d"', 'q25 = "c"')]},
    },
    "q26": {
        "answers_a": {"edit": [('q26 = "c"', 'q26 = "a"')]},
        "answers_b": {"edit": [('q26 = "c"', 'q26 = "b"')]},
        "answers_d": {"edit": [('q26 = "c"', 'q26 = "d"')]},
    },
    "q27": {
        "answers_b": {"edit": [('q27 = "a"', 'q27 = "b"')]},
        "answers_c": {"edit": [('q27 = "a"', 'q27 = "c"')]},
        "answers_d": {"edit": [('q27 = "a"', 'q27 = "d"')]},
    },
    "q28": {
        "answers_a": {"edit": [('q28 = "b"', 'q28 = "a"')]},
        "answers_c": {"edit": [('q28 = "b"', 'q28 = "c"')]},
        "answers_d": {"edit": [('q28 = "b"', 'q28 = "d"')]},
    },
    "q29": {
        "answers_a": {"edit": [('q29 = "b"', 'q29 = "a"')]},
        "answers_c": {"edit": [('q29 = "b"', 'q29 = "c"')]},
        "answers_d": {"edit": [('q29 = "b"', 'q29 = "d"')]},
    },
    "q30": {
        "answers_a": {"edit": [('q30 = "d"', 'q30 = "a"')]},
        "answers_b": {"edit": [('q30 = "d"', 'q30 = "b"')]},
        "answers_c": {"edit": [('q30 = "d"', 'q30 = "c"')]},
    },
}
