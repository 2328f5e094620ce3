"""What Canvas and Moodle hand the instructor, and what they take back.

Why a package apart: each LMS names its bulk downloads, its rosters and its
gradebook imports its own way, and those formats change with the LMS, not with
the course. One module per LMS (:mod:`.canvas`, :mod:`.moodle`, and
:mod:`.folders` for this project's own ``<student>/<notebook>.ipynb``) keeps each
format, with the source it was read from, in one place; :mod:`.safezip` reads a
download as the hostile input it is, :mod:`.roster` maps LMS identities to
nbgrader student ids, :mod:`.download` turns a zip into uploads for
:mod:`grader.lms.collect`, and :mod:`.package` sends grades and feedback back.
Nothing here imports :mod:`grader.lms.collect` or :mod:`grader.lms.export`: they call in.
"""
