"""Strip what a student must not see from an autograded notebook before feedback.

nbgrader shows hidden tests in feedback by design (jupyter/nbgrader#917): the
test cells were restored from the instructor's source. ``ClearHiddenTests``
removes their hidden regions from the source; a failing hidden assert would
still print its line of code (often the expected answer) in the traceback, so
:class:`ConciseTestErrors` keeps only the error's name and message, which the
course writes in the student's language for that purpose.
"""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool


class ConciseTestErrors(Preprocessor):
    """Replace tracebacks of autograder test cells by ``Name: message``."""

    enabled = Bool(True).tag(config=True)  # on by default, like nbgrader's own steps

    def preprocess_cell(self, cell, resources, index):
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    output.traceback = [f"{output.ename}: {output.evalue}"]
        return cell, resources
