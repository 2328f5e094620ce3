"""Small notebook transformations, one per class, in nbconvert/nbgrader style."""

from grader.preprocessors.bilingual import CheckBilingual, SelectLanguage
from grader.preprocessors.cells import ExpandGraderTags, StableCellIds, StripVolatileMetadata
from grader.preprocessors.execute import SandboxedExecute
from grader.preprocessors.feedback import ConciseTestErrors
from grader.preprocessors.typography import FrenchTypography

__all__ = [
    "CheckBilingual",
    "ConciseTestErrors",
    "ExpandGraderTags",
    "FrenchTypography",
    "SandboxedExecute",
    "SelectLanguage",
    "StableCellIds",
    "StripVolatileMetadata",
]
