"""Small notebook transformations, one per class, in nbconvert/nbgrader style."""

from .bilingual import CheckBilingual, SelectLanguage
from .cells import ExpandGraderTags, StableCellIds, StripVolatileMetadata

__all__ = [
    "CheckBilingual",
    "ExpandGraderTags",
    "SelectLanguage",
    "StableCellIds",
    "StripVolatileMetadata",
]
