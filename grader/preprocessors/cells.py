"""Cell-level transformations that make generated notebooks stable and gradable."""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor

# Short grading tags written in lesson sources -> nbgrader's cell metadata.
_KINDS = {
    # autograded answer: the student writes code between the solution markers
    "solution": {"grade": False, "solution": True, "locked": False},
    # autograder tests: visible asserts, plus hidden ones between HIDDEN TESTS markers
    "tests": {"grade": True, "solution": False, "locked": True},
    # manually graded answer (markdown or code), graded in formgrader
    "manual": {"grade": True, "solution": True, "locked": False},
    # read-only cell the student must not edit
    "readonly": {"grade": False, "solution": False, "locked": True},
}


class ExpandGraderTags(Preprocessor):
    """Turn ``nbgrader="tests" grade_id="x" points=2`` into nbgrader metadata (schema 3)."""

    def preprocess(self, nb, resources):
        seen: set[str] = set()
        for cell in nb.cells:
            kind = cell.metadata.pop("nbgrader", None)
            grade_id = cell.metadata.pop("grade_id", None)
            points = cell.metadata.pop("points", None)
            if kind is None:
                if grade_id is not None or points is not None:
                    raise ValueError(f"grade_id/points without nbgrader kind: {cell.source[:60]!r}")
                continue
            if kind not in _KINDS:
                raise ValueError(f"unknown nbgrader kind {kind!r}; use one of {sorted(_KINDS)}")
            if not grade_id:
                raise ValueError(f"nbgrader cell without grade_id: {cell.source[:60]!r}")
            if grade_id in seen:
                raise ValueError(f"duplicate grade_id {grade_id!r}")
            seen.add(grade_id)
            meta = {**_KINDS[kind], "grade_id": grade_id, "schema_version": 3, "task": False}
            if meta["grade"]:
                if points is None:
                    raise ValueError(f"graded cell {grade_id!r} needs points")
                meta["points"] = points
            cell.metadata["nbgrader"] = meta
        return nb, resources


class StableCellIds(Preprocessor):
    """Give cells ids that depend on their position and grade id only.

    Random ids would make every rebuild a diff; shared ids across languages let
    the instructor compare an EN and a FR submission cell by cell.
    """

    def preprocess(self, nb, resources):
        nb.nbformat, nb.nbformat_minor = 4, 5
        for index, cell in enumerate(nb.cells):
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            cell.id = grade_id.replace("_", "-") if grade_id else f"cell-{index:03d}"
        return nb, resources


class StripVolatileMetadata(Preprocessor):
    """Drop what changes on every run or every editor (timings, jupytext hints)."""

    def preprocess(self, nb, resources):
        nb.metadata.pop("jupytext", None)
        nb.metadata.pop("widgets", None)
        for cell in nb.cells:
            for key in ("execution", "lines_to_next_cell", "collapsed", "scrolled", "ExecuteTime"):
                cell.metadata.pop(key, None)
        return nb, resources
