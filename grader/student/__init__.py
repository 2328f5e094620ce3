"""The student's side of the course: a workspace of their own, in their language.

The rest of ``grader`` serves the instructor (release, collect, grade). A student needs
something else: the released lessons in one language, never a solution, in a folder
outside the repository that a later ``git pull`` can add to without touching their
answers; JupyterLab in that language, without nbgrader's instructor tools; and nbgrader's
*Validate* button configured for a slow machine. Everything here writes only inside that
folder (its own Jupyter configuration included), so the instructor's ``make formgrader``
on the same machine keeps its tools.
"""
