"""A dataset's derived fields (formats, 5 stars, quality, search index) and deferring them.

Every write to a dataset or its resources recomputes these fields. A caller that makes many
writes to one dataset in one transaction (the harvester: a dataset and its k resources) can
wrap them in ``deferred_refresh()`` so the dataset is recomputed, and its search text
tokenised, once at the end instead of k + 1 times. The writes themselves, their checks and
their audit entries are unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection

from catalog import scoring, search
from catalog.models import Dataset

# Datasets whose refresh is deferred, by primary key (None: refresh immediately).
_pending: ContextVar[dict[int, Dataset] | None] = ContextVar("catalog_deferred_refresh",
                                                             default=None)


def refresh_derived_fields(dataset: Dataset) -> None:
    """Recompute formats, stars, quality and the search index columns of a dataset."""
    pending = _pending.get()
    if pending is not None and dataset.pk is not None:
        # The latest instance wins: it carries the caller's most recent attribute values.
        pending[dataset.pk] = dataset
        return
    formats = set()
    for resource in dataset.resources.filter(deleted=False):
        if resource.format:
            formats.add(resource.format.upper())
    dataset.formats = " ".join(sorted(formats))
    dataset.stars = scoring.stars(licence_open=dataset.licence.is_open, formats=formats)
    dataset.quality = scoring.quality(dataset, formats)
    values = search.index_fields(dataset)
    values.update(formats=dataset.formats, stars=dataset.stars, quality=dataset.quality)
    Dataset.objects.filter(pk=dataset.pk).update(**values)
    for key, value in values.items():
        setattr(dataset, key, value)


@contextmanager
def deferred_refresh() -> Iterator[None]:
    """Refresh each dataset written in the block once, when the block ends without error.

    Use it inside ``transaction.atomic()`` so that nobody sees the stale fields in between;
    on an exception nothing is refreshed (the transaction rolls the writes back anyway).
    Nested blocks join the outermost one.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("deferred_refresh() must run inside transaction.atomic()")
    if _pending.get() is not None:
        yield
        return
    pending: dict[int, Dataset] = {}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    for dataset in pending.values():
        refresh_derived_fields(dataset)
