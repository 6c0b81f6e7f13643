"""Tell what a file really is from its bytes, whatever its name says (pure Python).

``detect_format`` returns ``csv``, ``tsv``, ``xlsx``, ``xls``, ``json`` or ``geojson`` and raises
``TabularError("unknown-format")`` naming what the file looks like (PDF, image, HTML page,
Word document, ZIP archive…). The file name is never trusted; the reader only mentions it
when it disagrees with the content.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

from tabular.engine.types import TabularError

_MAGIC: list[tuple[bytes, str, str]] = [
    (b"%PDF-", "PDF 文書", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG 画像", "a PNG image"),
    (b"\xff\xd8\xff", "JPEG 画像", "a JPEG image"),
    (b"GIF87a", "GIF 画像", "a GIF image"),
    (b"GIF89a", "GIF 画像", "a GIF image"),
    (b"II*\x00", "TIFF 画像", "a TIFF image"),
    (b"MM\x00*", "TIFF 画像", "a TIFF image"),
    (b"\x1f\x8b", "gzip 圧縮ファイル", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip 圧縮ファイル", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR 圧縮ファイル", "a RAR archive"),
    (b"{\\rtf", "RTF 文書", "an RTF document"),
]
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|table|meta)\b", re.I | re.S
)
_JSON_START = re.compile(rb'^\s*(\{\s*["}]|\[\s*[\[{"\]\-0-9tfn])')
_GEOJSON = re.compile(rb'"type"\s*:\s*"(FeatureCollection|Feature)"')
_DELIMITERS = (",", "\t", ";")
_SNIFF_RECORDS = 50


def detect_format(head: bytes, filename: str = "") -> str:
    """The tabular format of a file from its first bytes (``filename`` is only a tie-breaker)."""
    if not head.strip():
        raise TabularError("empty-file", "ファイルが空です。", "The file is empty.", step="detect")
    for magic, what_ja, what_en in _MAGIC:
        if head.startswith(magic):
            raise _unknown(what_ja, what_en)
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        raise _unknown("WebP 画像", "a WebP image")
    if head.startswith(_ZIP):
        return _zip_format_from_head(head)
    if head.startswith(_OLE2):
        return "xls"
    text = _text_view(head)
    if text is None:
        raise _unknown("テキストではないバイナリファイル", "a binary file, not text")
    stripped = text.lstrip()
    if _HTML.match(stripped):
        raise _unknown("HTML のウェブページ", "an HTML web page")
    if stripped.startswith(b"<?xml") or stripped.startswith(b"<"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in stripped:
            raise _unknown(
                "Excel 2003 XML 形式（XLSX で保存し直してください）",
                "an Excel 2003 XML spreadsheet (save it as XLSX)",
            )
        raise _unknown("XML 文書", "an XML document")
    if _JSON_START.match(stripped):
        return "geojson" if _GEOJSON.search(stripped) else "json"
    delimiter = sniff_delimiter(stripped.decode("latin-1"))
    if delimiter == "\t" or (
        delimiter == "," and filename.lower().endswith(".tsv") and b"\t" in text
    ):
        return "tsv"
    return "csv"


def _text_view(head: bytes) -> bytes | None:
    """ASCII-compatible bytes to inspect a text file's structure, or None for binary data.

    UTF-16 (BOM) is re-encoded to UTF-8; for UTF-8, Shift_JIS and EUC-JP the bytes are used
    as they are: delimiters, quotes and line breaks never occur inside their multi-byte
    characters, so structure can be read without decoding.
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="ignore").encode("utf-8")
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    if b"\x00" in head:
        return None
    return head


def _zip_format_from_head(head: bytes) -> str:
    """Guess a ZIP's kind from the entry names visible in its first bytes."""
    if b"word/" in head:
        raise _unknown("Word 文書（DOCX）", "a Word document (DOCX)")
    if b"ppt/" in head:
        raise _unknown("PowerPoint 文書（PPTX）", "a PowerPoint document (PPTX)")
    if b"mimetypeapplication/vnd.oasis.opendocument" in head:
        raise _unknown(
            "OpenDocument 形式（XLSX か CSV で保存し直してください）",
            "an OpenDocument file (save it as XLSX or CSV)",
        )
    return "xlsx"


def classify_zip(path: Path) -> str:
    """Confirm from a ZIP's directory that it is an XLSX workbook; raise otherwise."""
    import zipfile  # only for ZIP files (not on a CSV's path)

    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise TabularError(
            "corrupt-workbook",
            "ZIP 形式のファイルが壊れていて開けません。",
            f"The file is a damaged ZIP archive and cannot be opened ({exc}).",
            step="detect",
        ) from exc
    if "xl/workbook.xml" in names or any(
        n.startswith("xl/workbook") and n.endswith(".xml") for n in names
    ):
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise _unknown(
            "Excel バイナリブック（XLSB。XLSX で保存し直してください）",
            "an Excel binary workbook (XLSB; save it as XLSX)",
        )
    if "word/document.xml" in names:
        raise _unknown("Word 文書（DOCX）", "a Word document (DOCX)")
    if any(n.startswith("ppt/") for n in names):
        raise _unknown("PowerPoint 文書（PPTX）", "a PowerPoint document (PPTX)")
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise _unknown(
            "OpenDocument 形式（XLSX か CSV で保存し直してください）",
            "an OpenDocument file (save it as XLSX or CSV)",
        )
    shown = ", ".join(names[:3]) + (" …" if len(names) > 3 else "")
    raise _unknown(
        f"ブックではない ZIP 圧縮ファイル（中身: {shown}。中のファイルを直接登録してください）",
        f"a ZIP archive that is not a workbook (contains: {shown}; upload the files inside)",
    )


def sniff_delimiter(text: str) -> str:
    """The delimiter (comma, tab or semicolon) that splits the first records most evenly."""
    lines = text.splitlines(keepends=True)
    if len(lines) > 1 and not text.endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may stop in the middle of a line
    best = (0.0, 0, 0)
    chosen = ","
    for priority, delimiter in enumerate(_DELIMITERS):
        reader = csv.reader(
            io.StringIO("".join(lines[: _SNIFF_RECORDS * 4]), newline=""), delimiter=delimiter
        )
        counts = []
        try:
            for record in reader:
                if record:
                    counts.append(len(record))
                if len(counts) >= _SNIFF_RECORDS:
                    break
        except csv.Error:
            continue
        if not counts:
            continue
        mode = max(set(counts), key=lambda n: (counts.count(n), n))
        if mode < 2:
            continue
        share = round(counts.count(mode) / len(counts), 1)
        score = (share, mode, -priority)
        if score > best:
            best, chosen = score, delimiter
    return chosen


def _unknown(what_ja: str, what_en: str) -> TabularError:
    """The error for a file that is not a table we can read, saying what it looks like."""
    return TabularError(
        "unknown-format",
        f"表形式のデータとして読めません。このファイルは{what_ja}のようです。"
        "CSV、TSV、Excel（XLSX・XLS）、JSON、GeoJSON に対応しています。",
        f"Cannot read this as a table: the file looks like {what_en}. "
        "Supported formats are CSV, TSV, Excel (XLSX, XLS), JSON and GeoJSON.",
        step="detect",
    )
