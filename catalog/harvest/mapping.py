"""Make remote values fit the catalog's rules: slugs, format labels, licences, field lengths.

A remote catalog is not validated by our rules, so a harvested value is adjusted (cut to the
field's length, mapped to a known licence, dropped when invalid) rather than failing the
dataset; what cannot be mapped falls back to a neutral value ("other", "irregular").
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.dateparse import parse_date, parse_datetime

from catalog.models import Dataset, Licence, StandardDataset, UpdateFrequency
from catalog.services import DatasetData
from catalog.services.datasets import RESERVED_SLUGS, SLUG_RE

MEDIA_TYPES = {
    "text/csv": "CSV",
    "application/csv": "CSV",
    "application/json": "JSON",
    "application/ld+json": "JSONLD",
    "application/geo+json": "GEOJSON",
    "application/vnd.geo+json": "GEOJSON",
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.ms-excel": "XLS",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/msword": "DOC",
    "application/zip": "ZIP",
    "text/html": "HTML",
    "application/xml": "XML",
    "text/xml": "XML",
    "text/turtle": "TTL",
    "application/rdf+xml": "RDF",
    "text/plain": "TXT",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
}
MEDIA_TYPE_PREFIX = "iana.org/assignments/media-types/"
FREQUENCIES = {
    # Our values, the EU frequency vocabulary and Dublin Core's (last path segment, lower case).
    **{value: value for value in UpdateFrequency.values},
    "annual": "annual", "annually": "annual", "irreg": "irregular", "cont": "irregular",
    "continuous": "irregular", "update_cont": "irregular", "quarterly": "quarterly",
    "never": "never", "daily": "daily", "weekly": "weekly", "monthly": "monthly",
}
LICENCE_ALIASES = {"cc-zero": "cc0-1.0", "cc0": "cc0-1.0", "odc-by": "other"}


def clean_slug(text: str) -> str:
    """A valid dataset slug made from text ('' when nothing usable is left)."""
    value = unicodedata.normalize("NFKC", text or "").lower()
    value = re.sub(r"[^a-z0-9_-]+", "-", value)
    value = re.sub(r"-{2,}", "-", value).strip("-_")[:100].rstrip("-_")
    return value if SLUG_RE.match(value) else ""


def allocate_slug(name: str, *, prefixes: list[str], fallback: str) -> str:
    """The first free slug: the source's name, then prefixed with its organisation, then
    numbered. Deleted datasets keep their slug, so they count as taken."""
    base = clean_slug(name) or clean_slug(fallback) or "dataset"
    candidates = [base] + [clean_slug(f"{p}-{base}") for p in prefixes if clean_slug(p)]
    candidates = [c for c in dict.fromkeys(candidates) if c and c not in RESERVED_SLUGS]
    for candidate in candidates:
        if not Dataset.objects.filter(slug=candidate).exists():
            return candidate
    stem = (candidates[-1] if candidates else base)[:94]
    number = 2
    while Dataset.objects.filter(slug=f"{stem}-{number}").exists():
        number += 1
    return f"{stem}-{number}"


def normalise_format(value: str) -> str:
    """A format label our services accept ('text/csv' -> 'CSV', 'ZIP (CSV)' -> 'ZIP')."""
    text = (value or "").strip()
    if MEDIA_TYPE_PREFIX in text:
        text = text.split(MEDIA_TYPE_PREFIX, 1)[1]
    elif text.startswith(("http://", "https://")):
        text = text.rstrip("/").rsplit("/", 1)[-1]
    lowered = text.lower().split(";")[0].strip()
    if lowered in MEDIA_TYPES:
        return MEDIA_TYPES[lowered]
    if "/" in lowered:
        lowered = lowered.split("/", 1)[1]
        for prefix in ("vnd.", "x-"):
            lowered = lowered.removeprefix(prefix)
    word = re.split(r"[\s(,]", lowered.strip(), maxsplit=1)[0]
    return re.sub(r"[^A-Z0-9]", "", word.upper())[:20]


def _url_key(url: str) -> str:
    value = (url or "").strip().lower()
    value = re.sub(r"^https?://", "", value)
    value = re.sub(r"(deed\.[a-z-]+|legalcode(\.[a-z-]+)?)$", "", value)
    return value.rstrip("/")


def licence_table() -> list[tuple[str, str]]:
    """(id, url) of every local licence, for match_licence (a harvester reads it once a run)."""
    return list(Licence.objects.values_list("pk", "url"))


def match_licence(licence_id: str = "", url: str = "", *,
                  table: list[tuple[str, str]] | None = None) -> str:
    """The local licence for a remote id or URL ('other' when unknown); table: licence_table()
    read earlier (None: read it now)."""
    table = licence_table() if table is None else table
    known = {pk.lower(): pk for pk, _url in table}
    wanted = (licence_id or "").strip().lower()
    if wanted in known:
        return known[wanted]
    if wanted in LICENCE_ALIASES:
        return LICENCE_ALIASES[wanted]
    if url or wanted.startswith(("http://", "https://")):
        key = _url_key(url or wanted)
        for pk, licence_url in table:
            if key and licence_url and _url_key(licence_url) == key:
                return pk
    return "other"


def parse_when(value) -> datetime | None:
    """An aware datetime from an ISO string (CKAN's are naive UTC) or a date."""
    if not value:
        return None
    text = str(value).strip()
    parsed = parse_datetime(text.replace("Z", "+00:00"))
    if parsed is None:
        day = parse_date(text[:10])
        if day is None:
            return None
        parsed = datetime(day.year, day.month, day.day, tzinfo=UTC)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _cut(value: str, length: int) -> str:
    return (value or "").strip()[:length]


def fit(data: DatasetData, *, fallback_title: str) -> DatasetData:
    """Adjust mapped data to the catalog's field rules (lengths, known values, valid e-mail)."""
    data.title = _cut(data.title, 300) or _cut(fallback_title, 300) or "-"
    data.title_en = _cut(data.title_en, 300)
    data.contact_name = _cut(data.contact_name, 200)
    data.contact_phone = _cut(data.contact_phone, 40)
    data.spatial = _cut(data.spatial, 200)
    data.contact_email = _cut(data.contact_email, 254)
    if data.contact_email:
        try:
            validate_email(data.contact_email)
        except ValidationError:
            data.contact_email = ""
    frequency = (data.update_frequency or "").rstrip("/").rsplit("/", 1)[-1].lower()
    data.update_frequency = FREQUENCIES.get(frequency, "irregular")
    if data.standard and not StandardDataset.objects.filter(pk=data.standard).exists():
        data.standard = None
    if data.temporal_start and data.temporal_end and data.temporal_start > data.temporal_end:
        data.temporal_start = data.temporal_end = None
    data.tags = list(dict.fromkeys(t for t in data.tags if t and len(t) <= 100))[:50]
    data.categories = sorted(set(data.categories))
    data.private = False
    return data
