"""The course on your own computer, with Python 3.11 to 3.13 and nothing else.

    python student.py --lang fr      (Windows: py student.py --lang fr)

Installs the course's packages with pip into .venv-student (once), writes your folder of
lessons in your language (~/regularization-course) and opens JupyterLab on it.
`python student.py --help` for the options; docs/guide/en/students.md for the rest.
"""

import sys
from pathlib import Path

if sys.version_info < (3, 9):  # noqa: UP036 (older than the code below can parse)
    sys.exit("Python 3.11, 3.12 or 3.13 is required / Python 3.11, 3.12 ou 3.13 est requis")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from grader.student.laptop import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
