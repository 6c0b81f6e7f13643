"""Registry of job kinds: each app registers the handlers its long work needs.

A job is a ``core.Job`` row the user can follow plus a task enqueued on commit; the task
only carries the job id (never a pickled payload). Apps add kinds without touching core.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from core.actor import Actor
from core.models import Job

Handler = Callable[[Job], None]
_HANDLERS: dict[str, Handler] = {}
_LABELS: dict[str, str] = {}


def register(kind: str, label=None) -> Callable[[Handler], Handler]:
    """Decorator: register the function that performs jobs of this kind, and its UI label."""

    def decorate(func: Handler) -> Handler:
        _HANDLERS[kind] = func
        if label is not None:
            _LABELS[kind] = label
        return func

    return decorate


def label_for(kind: str):
    """The translated label of a job kind (the kind itself when none was registered)."""
    return _LABELS.get(kind, kind)


def handler_for(kind: str) -> Handler:
    """The handler of a kind (KeyError if none is registered)."""
    return _HANDLERS[kind]


def kinds() -> list[str]:
    """All registered kinds."""
    return sorted(_HANDLERS)


def enqueue_job(*, actor: Actor, kind: str, organisation=None, target: str = "") -> Job:
    """Create a job row and enqueue its task once the transaction commits."""
    if kind not in _HANDLERS:
        raise KeyError(kind)
    job = Job.objects.create(
        kind=kind, organisation=organisation, target=target[:200],
        created_by=actor.user if actor.is_authenticated else None,
    )
    from core.tasks import run_job

    transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job
