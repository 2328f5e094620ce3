"""``grader bench``: notebook run times, grading speed, grading at scale, the similarity check.

Registered into the ``grader`` command through the ``grader.commands`` entry point of
this development package, so the instructors' ``grader`` has no benchmark in it.
"""
