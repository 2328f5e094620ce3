"""Grading: submissions in, grades and feedback out.

Submissions come in through :mod:`grader.lms.collect`;
:mod:`.intake` checks each file before anything runs it, :mod:`.jobs` grades one
submission in the sandbox (the worker's side), :mod:`.autograde` coordinates a class
over :mod:`.cluster` (Dask), :mod:`.feedback` writes the pages students get, and
:mod:`.notes` and :mod:`.late` keep what happened and what lateness costs.
"""
