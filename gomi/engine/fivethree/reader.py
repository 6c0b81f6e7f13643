"""Read a 5374 data folder: every file in whatever encoding it comes (CP932, UTF-8, BOM).

The 5374 app splits lines on every comma; real folders also hold quoted multi-line cells
(亀岡市 target.csv), so the csv module reads them (a superset for files without quotes).
Headers are skipped and columns read by position, as in the app, except area_days.csv whose
header cells from column 3 on are the category labels.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from gomi.engine.fivethree.cell import CellRule, parse_cell
from tabular.engine.encoding import detect_encoding
from tabular.engine.types import Notice, TabularError

KNOWN_FILES = ("area_days.csv", "description.csv", "target.csv", "center.csv", "remarks.csv")
_SLASH_DATE = re.compile(r"^\s*(\d{4})\s*[/\-.年]\s*(\d{1,2})\s*[/\-.月]\s*(\d{1,2})\s*日?\s*$")


@dataclass(frozen=True)
class AreaRow:
    """One area_days.csv row: the area, its centre and one parsed cell per category label."""

    name: str
    center: str
    cells: tuple[tuple[str, str, CellRule], ...]  # (label, cell text, rule)
    row: int


@dataclass(frozen=True)
class CategoryRow:
    """One description.csv row."""

    label: str
    sublabel: str = ""
    description: str = ""
    icon: str = ""
    colour: str = ""


@dataclass(frozen=True)
class TargetRow:
    """One target.csv row (an item of the sorting dictionary)."""

    label: str
    name: str
    notice: str = ""
    furigana: str = ""
    row: int = 0


@dataclass(frozen=True)
class CenterRow:
    """One center.csv row: a closure period of a collection centre (inclusive)."""

    name: str
    start: date
    end: date


@dataclass
class FiveThreeData:
    """Everything a 5374 folder says, plus notices on what the reader did."""

    labels: list[str] = field(default_factory=list)  # area_days.csv category columns
    areas: list[AreaRow] = field(default_factory=list)
    categories: list[CategoryRow] = field(default_factory=list)
    targets: list[TargetRow] = field(default_factory=list)
    centers: list[CenterRow] = field(default_factory=list)
    remarks: dict[int, str] = field(default_factory=dict)
    encodings: dict[str, str] = field(default_factory=dict)
    notices: list[Notice] = field(default_factory=list)

    def category_labels(self) -> list[str]:
        """Every category label: area_days columns, then description and target extras."""
        labels = list(self.labels)
        keys = {label_key(label) for label in labels}
        for label in [c.label for c in self.categories] + [t.label for t in self.targets]:
            if label and label_key(label) not in keys:
                labels.append(label)
                keys.add(label_key(label))
        return labels


def _clean(value: str) -> str:
    """A cell as used: CR and surrounding (also ideographic) spaces removed."""
    return (value or "").replace("\r", "").strip().strip("\u3000").strip()


def _label(value: str) -> str:
    """A category label as written (kept exactly: it is the name residents see)."""
    return _clean(value)


def label_key(value: str) -> str:
    """A category label as matched across files (NFKC, no spaces): 資源（びん） = 資源(びん)."""
    return "".join(unicodedata.normalize("NFKC", value or "").split())


def decode(name: str, raw: bytes, notices: list[Notice]) -> tuple[str, str]:
    """The text of one file and the encoding it was read in."""
    if not raw.strip():
        return "", "utf-8"
    guess = detect_encoding(raw)
    codec = "cp932" if guess.encoding in ("shift_jis", "cp932") else guess.encoding
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise TabularError(
            "encoding-error",
            f"{name} の文字コードを判別できません（{guess.encoding} として読めません）。",
            f"Cannot tell the character encoding of {name} (it is not valid {guess.encoding}).",
            step="decode") from exc
    if codec not in ("utf-8", "utf-8-sig"):
        notices.append(Notice("encoding-detected", f"{name} は {codec} として読みました。",
                              f"{name} was read as {codec}."))
    return text, codec


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """Non-blank rows with their 1-based line numbers."""
    reader = csv.reader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n")))
    rows = []
    for row in reader:
        if any(_clean(cell) for cell in row):
            rows.append((reader.line_num, row))
    return rows


def _cell(row: list[str], index: int) -> str:
    """Column index of a row, "" when the row is shorter."""
    return _clean(row[index]) if index < len(row) else ""


def parse_slash_date(text: str) -> date | None:
    """A center.csv date (2022/12/30, 2023/1/3) or None."""
    match = _SLASH_DATE.match(unicodedata.normalize("NFKC", text or ""))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _area_days(text: str, data: FiveThreeData) -> None:
    """Fill labels and areas from area_days.csv."""
    rows = _rows(text)
    if not rows:
        raise TabularError("no-header", "area_days.csv が空です。", "area_days.csv is empty.",
                           step="read")
    _, header = rows[0]
    data.labels = [_label(h) for h in header[2:]]
    if not data.labels or not all(data.labels):
        raise TabularError(
            "no-header", "area_days.csv の3列目以降の見出し（分別区分名）がありません。",
            "area_days.csv has no category labels in its header from column 3 on.", step="read")
    for line, row in rows[1:]:
        name = _clean(row[0]) if row else ""
        if not name:
            data.notices.append(Notice("blank-area", "地名が空の行を飛ばしました。",
                                       "Skipped a row without an area name.", line))
            continue
        cells = []
        for index, label in enumerate(data.labels):
            raw = _cell(row, index + 2)
            rule = parse_cell(raw)
            for w in rule.warnings:
                data.notices.append(Notice(f"cell-{w.code}", f"{name}・{label}: {w.message_ja}",
                                           f"{name} / {label}: {w.message_en}", line))
            cells.append((label, raw, rule))
        data.areas.append(AreaRow(name, _cell(row, 1), tuple(cells), line))


def _description(text: str, data: FiveThreeData) -> None:
    """Fill categories from description.csv (header skipped)."""
    for _line, row in _rows(text)[1:]:
        label = _label(row[0])
        if label:
            data.categories.append(CategoryRow(label, _cell(row, 1), _cell(row, 2),
                                               _cell(row, 3), _cell(row, 4)))


def _target(text: str, data: FiveThreeData) -> None:
    """Fill targets from target.csv (header, and a repeated header row, skipped)."""
    rows = _rows(text)
    header = [_clean(c) for c in rows[0][1]] if rows else []
    for line, row in rows[1:]:
        if [_clean(c) for c in row] == header:
            data.notices.append(Notice("header-repeated",
                                       "target.csv の見出し行の繰り返しを飛ばしました。",
                                       "Skipped a repeated header row in target.csv.", line))
            continue
        name = _cell(row, 1)
        if name:
            data.targets.append(TargetRow(_label(row[0]), name, _cell(row, 2), _cell(row, 3),
                                          line))


def _center(text: str, data: FiveThreeData) -> None:
    """Fill centers from center.csv; rows with unreadable dates are reported and skipped."""
    for line, row in _rows(text)[1:]:
        start, end = parse_slash_date(_cell(row, 1)), parse_slash_date(_cell(row, 2))
        if start is None or end is None or end < start:
            data.notices.append(Notice("bad-closure",
                                       "center.csv の休止期間を読めない行を飛ばしました。",
                                       "Skipped a center.csv row whose dates cannot be read.",
                                       line))
            continue
        data.centers.append(CenterRow(_clean(row[0]), start, end))


def _remarks(text: str, data: FiveThreeData) -> None:
    """Fill remarks from remarks.csv (header skipped; IDs must be numbers)."""
    for _line, row in _rows(text)[1:]:
        number = unicodedata.normalize("NFKC", _cell(row, 0))
        if number.isdigit():
            data.remarks[int(number)] = _cell(row, 1)


_READERS = {"area_days.csv": _area_days, "description.csv": _description,
            "target.csv": _target, "center.csv": _center, "remarks.csv": _remarks}


def read_files(files: dict[str, bytes]) -> FiveThreeData:
    """Read a 5374 folder given as {file name: bytes}; area_days.csv is required."""
    data = FiveThreeData()
    if "area_days.csv" not in files:
        raise TabularError("missing-area-days",
                           "area_days.csv がありません。5374 のデータフォルダ（data/）を"
                           "指定してください。",
                           "area_days.csv is missing: give the 5374 data folder (data/).",
                           step="read")
    for name in files:
        if name not in KNOWN_FILES:
            data.notices.append(Notice("file-ignored",
                                       f"{name} は 5374 のファイルではないため無視しました。",
                                       f"Ignored {name}: not a 5374 file."))
    for name in KNOWN_FILES:
        if name not in files:
            if name != "remarks.csv":
                data.notices.append(Notice("file-missing", f"{name} がありません。",
                                           f"{name} is missing."))
            continue
        text, codec = decode(name, files[name], data.notices)
        data.encodings[name] = codec
        _READERS[name](text, data)
    return data


def read_folder(path: Path) -> FiveThreeData:
    """Read the 5374 files of a folder (other files are reported and ignored)."""
    path = Path(path)
    if not path.is_dir():
        raise TabularError("not-a-folder", f"フォルダ {path} がありません。",
                           f"The folder {path} does not exist.", step="read")
    files = {p.name: p.read_bytes() for p in sorted(path.iterdir()) if p.is_file()}
    return read_files(files)
