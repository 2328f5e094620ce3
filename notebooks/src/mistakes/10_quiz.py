"""Every wrong letter of every quiz question must lose its point."""

MISTAKES = {
    "q01": {
        "answers_a": {
            "code": 'q01 = "a"\n',
        },
        "answers_c": {
            "code": 'q01 = "c"\n',
        },
        "answers_d": {
            "code": 'q01 = "d"\n',
        },
    },
    "q02": {
        "answers_a": {
            "code": 'q02 = "a"\n',
        },
        "answers_b": {
            "code": 'q02 = "b"\n',
        },
        "answers_d": {
            "code": 'q02 = "d"\n',
        },
    },
    "q03": {
        "answers_a": {
            "code": 'q03 = "a"\n',
        },
        "answers_b": {
            "code": 'q03 = "b"\n',
        },
        "answers_c": {
            "code": 'q03 = "c"\n',
        },
    },
    "q04": {
        "answers_b": {
            "code": 'q04 = "b"\n',
        },
        "answers_c": {
            "code": 'q04 = "c"\n',
        },
        "answers_d": {
            "code": 'q04 = "d"\n',
        },
    },
    "q05": {
        "answers_a": {
            "code": 'q05 = "a"\n',
        },
        "answers_c": {
            "code": 'q05 = "c"\n',
        },
        "answers_d": {
            "code": 'q05 = "d"\n',
        },
    },
    "q06": {
        "answers_a": {
            "code": 'q06 = "a"\n',
        },
        "answers_b": {
            "code": 'q06 = "b"\n',
        },
        "answers_d": {
            "code": 'q06 = "d"\n',
        },
    },
    "q07": {
        "answers_b": {
            "code": 'q07 = "b"\n',
        },
        "answers_c": {
            "code": 'q07 = "c"\n',
        },
        "answers_d": {
            "code": 'q07 = "d"\n',
        },
    },
    "q08": {
        "answers_a": {
            "code": 'q08 = "a"\n',
        },
        "answers_b": {
            "code": 'q08 = "b"\n',
        },
        "answers_c": {
            "code": 'q08 = "c"\n',
        },
    },
    "q09": {
        "answers_a": {
            "code": 'q09 = "a"\n',
        },
        "answers_c": {
            "code": 'q09 = "c"\n',
        },
        "answers_d": {
            "code": 'q09 = "d"\n',
        },
    },
    "q10": {
        "answers_a": {
            "code": 'q10 = "a"\n',
        },
        "answers_b": {
            "code": 'q10 = "b"\n',
        },
        "answers_d": {
            "code": 'q10 = "d"\n',
        },
    },
    "q11": {
        "answers_a": {
            "code": 'q11 = "a"\n',
        },
        "answers_b": {
            "code": 'q11 = "b"\n',
        },
        "answers_c": {
            "code": 'q11 = "c"\n',
        },
    },
    "q12": {
        "answers_b": {
            "code": 'q12 = "b"\n',
        },
        "answers_c": {
            "code": 'q12 = "c"\n',
        },
        "answers_d": {
            "code": 'q12 = "d"\n',
        },
    },
    "q13": {
        "answers_a": {
            "code": 'q13 = "a"\n',
        },
        "answers_b": {
            "code": 'q13 = "b"\n',
        },
        "answers_d": {
            "code": 'q13 = "d"\n',
        },
    },
    "q14": {
        "answers_a": {
            "code": 'q14 = "a"\n',
        },
        "answers_c": {
            "code": 'q14 = "c"\n',
        },
        "answers_d": {
            "code": 'q14 = "d"\n',
        },
    },
    "q15": {
        "answers_a": {
            "code": 'q15 = "a"\n',
        },
        "answers_c": {
            "code": 'q15 = "c"\n',
        },
        "answers_d": {
            "code": 'q15 = "d"\n',
        },
    },
}
