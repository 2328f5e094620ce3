"""Grading: intake, the sandbox and its budgets, probes, hostile submissions, formgrader."""
