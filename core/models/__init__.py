"""Core models, split by domain."""

from core.models.audit import AuditEntry
from core.models.jobs import Job
from core.models.organisations import Department, Membership, Organisation, Role
from core.models.schedule import DailyCount, MetricSnapshot, PeriodicRun
from core.models.security import ApiToken, LoginAttempt
from core.models.storage import StoredFile

__all__ = [
    "ApiToken",
    "AuditEntry",
    "DailyCount",
    "Department",
    "Job",
    "LoginAttempt",
    "Membership",
    "MetricSnapshot",
    "Organisation",
    "PeriodicRun",
    "Role",
    "StoredFile",
]
