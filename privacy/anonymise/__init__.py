"""Anonymisation engine (行政機関等匿名加工情報): pure Python, no Django.

Entry point: ``anonymise(table, config) -> Result`` in :mod:`privacy.anonymise.engine`.
"""

from privacy.anonymise.config import AnonymisationError, Config
from privacy.anonymise.engine import Result, anonymise

__all__ = ["AnonymisationError", "Config", "Result", "anonymise"]
