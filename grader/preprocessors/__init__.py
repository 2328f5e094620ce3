"""Small notebook transformations, one per class, in nbconvert/nbgrader style."""

from .bilingual import CheckBilingual, SelectLanguage
from .cells import ExpandGraderTags, StableCellIds, StripVolatileMetadata
from .execute import SandboxedExecute
from .feedback import ConciseTestErrors
from .typography import FrenchTypography

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
