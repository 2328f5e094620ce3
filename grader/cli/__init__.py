"""The ``grader`` command: thin command modules over the stages that do the work.

Why one module per audience: ``grader --help`` shows three groups (students,
instructors, authors and maintainers), and each command only parses its arguments
and calls its stage (:mod:`grader.authoring`, :mod:`grader.grading`, ...). Commands
that only a checkout needs (the benchmarks) come from other installed packages
through the ``grader.commands`` entry point, as plugins.
"""
