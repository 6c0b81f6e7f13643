"""Write 5374 files: UTF-8 without BOM, LF, and no field that would need CSV quoting.

5374 splits on every comma and does not understand quotes, so commas become 「、」, line
breaks become spaces and double quotes become full-width 「＂」.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

AREA_HEADER = ("地名", "センター")


@dataclass(frozen=True)
class ExportArea:
    """One area to write: name, centre and one cell text per category label."""

    name: str
    center: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class ExportCategory:
    """One description.csv row to write."""

    label: str
    sublabel: str = ""
    description: str = ""
    icon: str = ""
    colour: str = ""


def safe(value: object) -> str:
    """A field 5374 reads back unchanged (no comma, quote or line break)."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return text.replace(",", "、").replace('"', "＂")


def _csv(rows: Sequence[Sequence[object]]) -> bytes:
    """Lines joined by LF, fields by commas, UTF-8."""
    return "".join(",".join(safe(v) for v in row) + "\n" for row in rows).encode("utf-8")


def _slash(day: date) -> str:
    """A date as center.csv writes it (2022/12/30)."""
    return f"{day:%Y/%m/%d}"


def write_files(*, labels: Sequence[str], areas: Sequence[ExportArea],
                categories: Sequence[ExportCategory],
                targets: Sequence[tuple[str, str, str, str]],
                centers: Sequence[tuple[str, date, date]],
                remarks: dict[int, str]) -> dict[str, bytes]:
    """The five 5374 files as {name: bytes}; targets are (label, name, notice, furigana)."""
    return {
        "area_days.csv": _csv([(*AREA_HEADER, *labels)]
                              + [(a.name, a.center, *a.cells) for a in areas]),
        "description.csv": _csv([("label", "sublabel", "description", "styles", "bgcolor")]
                                + [(c.label, c.sublabel, c.description, c.icon, c.colour)
                                   for c in categories]),
        "target.csv": _csv([("label", "name", "notice", "furigana"), *list(targets)]),
        "center.csv": _csv([("名称", "休止開始日", "休止終了日")]
                           + [(n, _slash(s), _slash(e)) for n, s, e in centers]),
        "remarks.csv": _csv([("ID", "注意事項"), *sorted(remarks.items())]),
    }
