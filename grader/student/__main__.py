"""``python -m grader.student``: the student's commands without the instructor's CLI, whose
imports (the build, grading, the cluster) a student's environment does not hold."""

from grader.student.commands import app

app(prog_name="python -m grader.student")
