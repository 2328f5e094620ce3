"""Late penalty: 10 % of the notebook's score per started day late, at most the score.

A plugin in nbgrader's own late-submission interface, so the gradebook, the
formgrader and nbgrader's exports all see the same penalty.
"""

from __future__ import annotations

import math

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float


class PercentPerDay(LateSubmissionPlugin):
    percent_per_day = Float(10.0, help="Penalty per started day late, in % of the score").tag(
        config=True
    )

    def late_submission_penalty(self, student_id, score, total_seconds_late):
        if total_seconds_late <= 0:
            return 0.0
        days = math.ceil(total_seconds_late / 86400)
        return round(min(score, score * days * self.percent_per_day / 100.0), 2)
