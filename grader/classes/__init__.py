"""Classes that do not exist: the sample class of ``make demo`` and drawn classes of any size.

They exercise every stage with the current release (:mod:`.sample`) and give the
benchmarks classes of thousands (:mod:`.drawn`).
"""
