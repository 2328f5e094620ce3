"""When a submission counts as handed in, from what the LMS says, for nbgrader's late penalty.

Why: nbgrader's late penalty (the course's :class:`grader.grading.late.PercentPerDay`,
an nbgrader ``LateSubmissionPlugin``) reads ``timestamp.txt`` against the
assignment's due date. The LMSs say different things: this project's folders
layout dates each file at upload; Moodle's grading worksheet gives the
submission time; Canvas's names carry only a LATE marker, and both LMSs stamp
their zips with the download's time, which must never count as a submission
time. :func:`decide` picks the time to write and says, in a note, which source
was used whenever it matters for the grade.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from grader.grading.late import PercentPerDay


def penalty_rule() -> str:
    return f"{PercentPerDay().percent_per_day:g} % per started day"


def decide(
    submitted: datetime | None,
    late: bool | None,
    source: str,
    due: datetime | None,
    zip_date: datetime,
) -> tuple[datetime, str | None]:
    """The time to give nbgrader, and a note saying where it came from (None: nothing to say).

    - a submission time from the LMS: used as it is; nbgrader compares it with the due date;
    - a late marker without a time: one second after the due date, so one started day
      of penalty, and the note says so (the instructor can correct it by hand);
    - no time and no marker (or "not late"): the due date, i.e. on time.
    """
    if submitted is not None:
        if due is not None and submitted > due:
            return submitted, (
                f"late: submitted {submitted:%Y-%m-%d %H:%M} per {source}, due "
                f"{due:%Y-%m-%d %H:%M}; course penalty {penalty_rule()}"
            )
        return submitted, None
    if late:
        if due is None:
            return zip_date, (
                f"late per {source}, but this lesson has no due date (grader release --due): "
                "no penalty"
            )
        return due + timedelta(seconds=1), (
            f"late per {source}, which gives no time: penalized as 1 started day late "
            f"(course penalty {penalty_rule()})"
        )
    return (due if due is not None else zip_date), None
