"""Recognise a file's real format from its first bytes, not its name.

Only what the catalog needs to refuse mismatches: a `.csv` that is really a ZIP, a `.pdf`
that is text, an executable under any name. Later the tabular engine detects more finely.
"""

from __future__ import annotations

import io
import zipfile

# format name -> formats whose content it may legitimately have
TEXT_FORMATS = {"CSV", "TSV", "TXT", "JSON", "GEOJSON", "XML", "RDF", "TTL", "JSONLD", "ICS",
                "HTML", "KML", "MD"}
BINARY_SIGNATURES = [
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2"),
    (b"\x1f\x8b", "GZIP"),
    (b"PAR1", "PARQUET"),
    (b"MZ", "EXECUTABLE"),
    (b"\x7fELF", "EXECUTABLE"),
    (b"\xca\xfe\xba\xbe", "EXECUTABLE"),
    (b"#!", "SCRIPT"),
]
# What a claimed format may contain.
COMPATIBLE = {
    "XLSX": {"XLSX"},
    "XLS": {"OLE2", "XLSX"},  # many .xls files on portals are really XLSX
    "DOCX": {"DOCX"},
    "DOC": {"OLE2"},
    "PPTX": {"PPTX"},
    "ODS": {"ODS"},
    "ZIP": {"ZIP", "XLSX", "DOCX", "PPTX", "ODS", "SHAPEFILE"},
    "SHP": {"ZIP", "SHAPEFILE"},
    "PDF": {"PDF"},
    "PNG": {"PNG"},
    "JPEG": {"JPEG"},
    "JPG": {"JPEG"},
    "GIF": {"GIF"},
    "PARQUET": {"PARQUET"},
    "GZ": {"GZIP"},
}


def sniff(head: bytes, *, full: bytes | str | None = None) -> str:
    """The detected kind of content: a format name, 'TEXT' or 'BINARY'.

    ``full`` (the whole payload or a path to it) lets ZIP containers be told apart.
    """
    for signature, kind in BINARY_SIGNATURES:
        if head.startswith(signature):
            return kind
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(full if full is not None else head)
    if b"\x00" in head[:8192] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "BINARY"
    return "TEXT"


def _zip_kind(data: bytes | str) -> str:
    try:
        with zipfile.ZipFile(data if isinstance(data, str) else io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return "ZIP"
    if any(n.startswith("xl/") for n in names):
        return "XLSX"
    if any(n.startswith("word/") for n in names):
        return "DOCX"
    if any(n.startswith("ppt/") for n in names):
        return "PPTX"
    if "content.xml" in names and "mimetype" in names:
        return "ODS"
    if any(n.lower().endswith(".shp") for n in names):
        return "SHAPEFILE"
    return "ZIP"


def content_matches(claimed: str, detected: str) -> bool:
    """True when content of the detected kind may be published under the claimed format."""
    claimed = (claimed or "").upper()
    if detected in {"EXECUTABLE", "SCRIPT"}:
        return False
    if claimed in TEXT_FORMATS:
        return detected == "TEXT"
    if claimed in COMPATIBLE:
        return detected in COMPATIBLE[claimed]
    # An unknown claimed format is accepted unless the content is an executable.
    return True
