"""Load the 自治体標準オープンデータセット definitions shipped in ``standards/data`` (pure Python).

Each ``data/<slug>.json`` is a verbatim copy of ``shared/standards/datasets/<slug>.json`` (a
Frictionless Table Schema plus provenance, confidence and notes). Their structure differs by
how much of the standard is known, so the loader reads it as follows:

- ``version`` says ``LEGACY`` → ``fields`` is the legacy 推奨データセット layout; a
  ``currentFormat.knownFieldsInOrder`` list is the first items of the current sheet (partial).
- otherwise ``fields`` is the current layout and ``legacyFields`` (when present) the legacy one.
- no ``fields`` → the standard loads with empty layouts and is never auto-matched.

``data/observed/layouts.json`` adds current layouts seen only in published files (names and
order observed, 区分 unknown); it fills a layout that is missing or only partially known.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, Literal

__all__ = ["LayoutName", "Standard", "StandardField", "get_standard", "load_standards"]

LayoutName = Literal["current", "legacy"]

DATA_DIR = Path(__file__).resolve().parent / "data"
OBSERVED_FILE = DATA_DIR / "observed" / "layouts.json"

# Current sheets whose field details are fully known, used (in this order) to give types and
# patterns to the columns of an observed layout that its own standard does not describe.
_VOCABULARY_SOURCES = ("public-toilets", "designated-emergency-evacuation-sites")


@dataclass(frozen=True)
class StandardField:
    """One column of a standard layout: its exact Japanese name and what the sheet says of it."""

    name: str
    type: str  # Table Schema type: string | integer | number | date | time …
    format: str  # "" | "default" | "uri" | "%H:%M" …
    required: bool  # True only for 必須 (constraints.required)
    classification: str  # 必須 | 推奨 | 任意 | 推奨または任意 | unknown
    pattern: str | None
    description: str
    english_name: str
    confidence_note: str  # the field's own note or evidence, "" when none
    enum: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Standard:
    """One standard dataset (e.g. ``aed``) with its known column layouts.

    ``partial_layouts`` names layouts of which only the first items are known (their absent
    columns must not be reported as missing); ``layout_sources`` says where each layout
    comes from, ``layout_confidence`` how sure it is.
    """

    name: str  # file slug, same as catalog StandardDataset.slug
    number: str
    title: str
    confidence: str
    layouts: dict[str, list[StandardField]]
    partial_layouts: frozenset[str] = frozenset()
    layout_sources: dict[str, str] = field(default_factory=dict)
    layout_confidence: dict[str, str] = field(default_factory=dict)

    @property
    def has_fields(self) -> bool:
        """True when at least one layout has columns (only such standards are matched)."""
        return any(self.layouts.values())


def _text(value: Any) -> str:
    """Return a JSON value as text ("" for None, lists joined)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def _field(raw: dict[str, Any], *, classification: str | None = None) -> StandardField:
    """Build a StandardField from one Table Schema field of the shared JSON files."""
    constraints = raw.get("constraints") or {}
    fmt = raw.get("format") or ""
    return StandardField(
        name=raw["name"],
        type=raw.get("type") or "string",
        format="" if fmt == "default" and raw.get("type") == "string" else fmt,
        required=bool(constraints.get("required", False)),
        classification=classification or raw.get("classification") or "unknown",
        pattern=constraints.get("pattern"),
        description=_text(raw.get("description")),
        english_name=_text(raw.get("englishName")),
        confidence_note=_text(raw.get("note") or raw.get("evidence")),
        enum=tuple(str(v) for v in constraints.get("enum", ())),
    )


def _layouts_of(doc: dict[str, Any]) -> tuple[dict[str, list[StandardField]], set[str]]:
    """Return the layouts described by one JSON file and the names of the partial ones."""
    fields = [_field(f) for f in doc.get("fields") or []]
    layouts: dict[str, list[StandardField]] = {}
    partial: set[str] = set()
    if not fields:
        return layouts, partial
    if "LEGACY" in str(doc.get("version", "")):
        layouts["legacy"] = fields
        known = (doc.get("currentFormat") or {}).get("knownFieldsInOrder") or []
        if known:
            layouts["current"] = [_field(f) for f in known]
            partial.add("current")
    else:
        layouts["current"] = fields
        legacy = doc.get("legacyFields") or []
        if legacy:
            layouts["legacy"] = [_field(f) for f in legacy]
    return layouts, partial


def _vocabulary(standards: dict[str, Standard]) -> dict[str, StandardField]:
    """Field details by name from fully known current sheets, first source wins."""
    vocab: dict[str, StandardField] = {}
    for slug in _VOCABULARY_SOURCES:
        std = standards.get(slug)
        if std is None or "current" in std.partial_layouts:
            continue
        for f in std.layouts.get("current", []):
            vocab.setdefault(f.name, f)
    return vocab


def _observed_field(
    name: str, own: dict[str, StandardField], vocab: dict[str, StandardField]
) -> StandardField:
    """Describe one observed column: own same-named field first, then the shared vocabulary."""
    base = own.get(name) or vocab.get(name)
    note = "observed in published files; 区分 not seen"
    if base is None:
        return StandardField(name, "string", "", False, "unknown", None, "", "", note)
    required = bool(own.get(name) and own[name].required)
    if required:
        note += "; required carried over from the legacy field of the same name"
    return StandardField(
        name=name,
        type=base.type,
        format=base.format,
        required=required,
        classification="unknown",
        pattern=base.pattern,
        description=base.description,
        english_name=base.english_name,
        confidence_note=note,
        enum=base.enum,
    )


def _add_observed(standards: dict[str, Standard], observed: dict[str, Any]) -> None:
    """Fill missing or partial layouts from the observed headers (replaces dict entries)."""
    vocab = _vocabulary(standards)
    for slug, layouts in (observed.get("layouts") or {}).items():
        std = standards.get(slug)
        if std is None:
            continue
        own = {f.name: f for fields in std.layouts.values() for f in fields}
        new_layouts, sources = dict(std.layouts), dict(std.layout_sources)
        confidence, partial = dict(std.layout_confidence), set(std.partial_layouts)
        for layout, spec in layouts.items():
            if layout in std.layouts and layout not in std.partial_layouts:
                continue  # the shared definition wins over an observation
            new_layouts[layout] = [_observed_field(n, own, vocab) for n in spec["columns"]]
            sources[layout] = "observed: " + spec.get("source", "")
            confidence[layout] = spec.get("confidence", "")
            partial.discard(layout)
        standards[slug] = replace(
            std,
            layouts=new_layouts,
            partial_layouts=frozenset(partial),
            layout_sources=sources,
            layout_confidence=confidence,
        )


def _load_one(path: Path) -> Standard:
    """Read one shared JSON definition into a Standard."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    layouts, partial = _layouts_of(doc)
    source = json.dumps(doc.get("source", ""), ensure_ascii=False)
    return Standard(
        name=doc.get("name") or path.stem,
        number=str(doc.get("number", "")),
        title=doc.get("title", ""),
        confidence=_text(doc.get("confidence")),
        layouts=layouts,
        partial_layouts=frozenset(partial),
        layout_sources=dict.fromkeys(layouts, source),
        layout_confidence=dict.fromkeys(layouts, _text(doc.get("confidence"))),
    )


@cache
def load_standards() -> dict[str, Standard]:
    """Return every standard by slug (cached; treat the result as read-only)."""
    standards = {p.stem: _load_one(p) for p in sorted(DATA_DIR.glob("*.json"))}
    if OBSERVED_FILE.exists():
        _add_observed(standards, json.loads(OBSERVED_FILE.read_text(encoding="utf-8")))
    return standards


def get_standard(name: str) -> Standard | None:
    """Return the standard with this slug, or None."""
    return load_standards().get(name)
