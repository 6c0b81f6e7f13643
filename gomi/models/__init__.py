"""Gomi models, split by domain: schedule (areas, categories, rules, exceptions), drafts and
dictionary."""

from gomi.models.dictionary import Item, Translation
from gomi.models.drafts import DraftChange
from gomi.models.languages import LANGUAGES, TRANSLATED_LANGUAGES, Language
from gomi.models.schedule import (
    Area,
    AreaAddress,
    Category,
    Closure,
    GomiSettings,
    Remark,
    Rule,
    ScheduleException,
)

__all__ = [
    "LANGUAGES",
    "TRANSLATED_LANGUAGES",
    "Area",
    "AreaAddress",
    "Category",
    "Closure",
    "DraftChange",
    "GomiSettings",
    "Item",
    "Language",
    "Remark",
    "Rule",
    "ScheduleException",
    "Translation",
]
from gomi.models_residents import *  # noqa: F403
