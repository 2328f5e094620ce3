"""Small notebook transformations, one per class, in nbconvert/nbgrader style."""

from .bilingual import CheckBilingual, SelectLanguage
from .cells import ExpandGraderTags, StableCellIds, StripVolatileMetadata
from .execute import SandboxedExecute
from .feedback import ConciseTestErrors

__all__ = [
    "CheckBilingual",
    "ConciseTestErrors",
    "ExpandGraderTags",
    "SandboxedExecute",
    "SelectLanguage",
    "StableCellIds",
    "StripVolatileMetadata",
]
