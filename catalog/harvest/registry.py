"""Harvesters by source kind: each kind registers itself, the engine never asks 'which kind?'."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime

from catalog.services import DatasetData
from core.errors import ServiceError

_HARVESTERS: dict[str, type[Harvester]] = {}


class HarvestError(ServiceError):
    """The source could not be read as a whole (bad answer, unparsable document)."""

    status = 502


@dataclass
class RemoteResource:
    """A distribution at the source; kept locally as a link to its URL."""

    key: str  # stable id at the source: CKAN resource id, DCAT distribution IRI
    url: str
    name: str = ""
    name_en: str = ""
    description: str = ""
    format: str = ""


@dataclass
class RemoteDataset:
    """A dataset as read from the source, already mapped onto the catalog's input types."""

    remote_id: str
    remote_url: str
    name: str  # the slug wanted locally (the source's name, if it has one)
    data: DatasetData
    resources: list[RemoteResource] = field(default_factory=list)
    modified: datetime | None = None
    publisher: str = ""  # the source's organisation slug: prefixed to the slug on a clash

    def content_hash(self) -> str:
        """SHA-256 of everything that becomes local data: equal hashes mean nothing changed."""
        payload = {"data": asdict(self.data), "resources": [asdict(r) for r in self.resources],
                   "remote_url": self.remote_url}
        encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(encoded.encode()).hexdigest()


@dataclass
class Gathered:
    """What one run read from a source."""

    datasets: list[RemoteDataset] = field(default_factory=list)
    # Every dataset id the source lists now, or None when the listing was incomplete (then
    # nothing is withdrawn this run).
    listed_ids: set[str] | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)  # (remote id or URL, reason)
    unchanged: int = 0  # listed, already harvested and not modified since: not even fetched
    log: list[str] = field(default_factory=list)


class Harvester:
    """Reads one source. Subclasses register with @register(kind) and implement gather()."""

    kind = ""

    def __init__(self, source, *, fetch: Callable | None = None):
        from core.http import fetch as guarded_fetch

        self.source = source
        self.fetch = fetch or guarded_fetch

    def gather(self, *, since: datetime | None, known: dict[str, datetime | None]) -> Gathered:
        """Read the source: since is the last complete run's start (None: read everything);
        known maps remote ids already harvested to the modification time recorded for them."""
        raise NotImplementedError


def register(kind: str) -> Callable[[type[Harvester]], type[Harvester]]:
    """Class decorator: the harvester of a source kind."""

    def decorate(cls: type[Harvester]) -> type[Harvester]:
        cls.kind = kind
        _HARVESTERS[kind] = cls
        return cls

    return decorate


def _load() -> None:
    # Importing the modules registers their kinds.
    from catalog.harvest import ckan, dcat  # noqa: F401


def harvester_for(source, *, fetch: Callable | None = None) -> Harvester:
    """The harvester for a source (KeyError for an unknown kind)."""
    _load()
    return _HARVESTERS[source.kind](source, fetch=fetch)


def kinds() -> list[str]:
    """Every registered kind."""
    _load()
    return sorted(_HARVESTERS)
