"""Every wrong letter of every quiz question must lose its point."""

MISTAKES = {
    "q01": {
        "answers_a": 'q01 = "a"\n',
        "answers_c": 'q01 = "c"\n',
        "answers_d": 'q01 = "d"\n',
    },
    "q02": {
        "answers_a": 'q02 = "a"\n',
        "answers_b": 'q02 = "b"\n',
        "answers_d": 'q02 = "d"\n',
    },
    "q03": {
        "answers_a": 'q03 = "a"\n',
        "answers_b": 'q03 = "b"\n',
        "answers_c": 'q03 = "c"\n',
    },
    "q04": {
        "answers_b": 'q04 = "b"\n',
        "answers_c": 'q04 = "c"\n',
        "answers_d": 'q04 = "d"\n',
    },
    "q05": {
        "answers_a": 'q05 = "a"\n',
        "answers_c": 'q05 = "c"\n',
        "answers_d": 'q05 = "d"\n',
    },
    "q06": {
        "answers_a": 'q06 = "a"\n',
        "answers_b": 'q06 = "b"\n',
        "answers_d": 'q06 = "d"\n',
    },
    "q07": {
        "answers_b": 'q07 = "b"\n',
        "answers_c": 'q07 = "c"\n',
        "answers_d": 'q07 = "d"\n',
    },
    "q08": {
        "answers_a": 'q08 = "a"\n',
        "answers_b": 'q08 = "b"\n',
        "answers_c": 'q08 = "c"\n',
    },
    "q09": {
        "answers_a": 'q09 = "a"\n',
        "answers_c": 'q09 = "c"\n',
        "answers_d": 'q09 = "d"\n',
    },
    "q10": {
        "answers_a": 'q10 = "a"\n',
        "answers_b": 'q10 = "b"\n',
        "answers_d": 'q10 = "d"\n',
    },
    "q11": {
        "answers_a": 'q11 = "a"\n',
        "answers_b": 'q11 = "b"\n',
        "answers_c": 'q11 = "c"\n',
    },
    "q12": {
        "answers_b": 'q12 = "b"\n',
        "answers_c": 'q12 = "c"\n',
        "answers_d": 'q12 = "d"\n',
    },
    "q13": {
        "answers_a": 'q13 = "a"\n',
        "answers_b": 'q13 = "b"\n',
        "answers_d": 'q13 = "d"\n',
    },
    "q14": {
        "answers_a": 'q14 = "a"\n',
        "answers_c": 'q14 = "c"\n',
        "answers_d": 'q14 = "d"\n',
    },
    "q15": {
        "answers_a": 'q15 = "a"\n',
        "answers_c": 'q15 = "c"\n',
        "answers_d": 'q15 = "d"\n',
    },
}
