"""Instructor tooling for the bilingual Keras regularization course, built on nbgrader."""

__version__ = "0.1.0"
