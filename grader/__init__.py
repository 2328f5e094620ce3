"""Instructor tooling for the bilingual Keras regularization course, built on nbgrader.

One subpackage per stage, so that the tree shows the architecture:

- :mod:`grader.authoring`: lesson sources to notebooks, the release, the mistakes
  catalogues, and the checks an author runs (validate, perturb);
- :mod:`grader.preprocessors`: the nbconvert/nbgrader preprocessors the stages compose;
- :mod:`grader.grading`: collecting, checking and autograding submissions (with
  :mod:`grader.grading.cluster`, its Dask transport), feedback;
- :mod:`grader.analysis`: what the grades say (report, item analysis, similarity);
- :mod:`grader.lms`: Canvas and Moodle downloads, rosters and grade exports;
- :mod:`grader.sandbox`: where untrusted code runs, and its budgets;
- :mod:`grader.probes`: the wire between a student's kernel and the trusted tests;
- :mod:`grader.db`: the gradebook's database (SQLite or PostgreSQL);
- :mod:`grader.student`: a student's workspace and lab;
- :mod:`grader.site`: the course's website;
- :mod:`grader.classes`: the sample and drawn classes the demo and the checks grade;
- :mod:`grader.cli`: thin command modules over the stages.

The modules at the top (:mod:`.course`, :mod:`.lessons`, :mod:`.languages`,
:mod:`.kernel_env`, :mod:`.envspec`) are what every stage shares: what a course,
a lesson and a language are. Benchmarks, throwaway servers and the nbval kernel are
not here: they are development tools (``dev/devkit``), never shipped to instructors.
"""

__version__ = "0.1.0"
