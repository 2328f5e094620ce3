"""What a graded class tells the instructor: the report, item analysis and similarity.

Nothing here executes student code: it reads the gradebook and the notebooks.
"""
