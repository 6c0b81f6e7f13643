"""Value-level detectors: which kinds of personal data one (NFKC) cell value holds.

The engine runs ``PREFILTER`` (RE2, vectorised by pyarrow) over a column's unique values and
calls ``detect`` in Python only on the few that match, so check digits cost nothing on the
rest. ``detect`` returns (kind, variant) pairs; the engine turns them into severities with
the row's context (a row about a person weighs more).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jp import houjin, mynumber
from privacy.scanner.headers import CONTEXT

_DASH = "\\-‐‑‒–—―−ー"
_SEP = f"[ .{_DASH}]"

# One RE2 alternation covering every pattern below, run on all cells at Arrow speed.
PREFILTER = "|".join(
    [
        f"(^|[^0-9])[0-9]{{4}}{_SEP}?[0-9]{{4}}{_SEP}?[0-9]{{4}}([^0-9]|$)",  # 12 digits
        "[A-Z]{2}[0-9]{7}",  # passport, residence card
        f"[0-9]{{4}}[{_DASH}]?[0-9]{{6}}",  # 基礎年金番号
        "(^|[^0-9])[0-9]{11}([^0-9]|$)",  # 住民票コード
        "[0-9]{13}",  # 法人番号
        "@",
        f"(^|[^0-9])0[0-9]{{1,4}}[{_DASH}() ]{{0,2}}[0-9]{{1,4}}[{_DASH}() ]{{0,2}}[0-9]{{3,4}}"
        "([^0-9]|$)",  # phone
    ]
)

# The parts of PREFILTER, one per check of ``detect``, each looser than the Python pattern it
# guards: the engine runs them vectorised over a column's candidates and tells ``detect``
# which checks a value needs ("hints"). "mobile" marks a possible 070/080/090 number (11 digits
# need a first group of at least three), "context" a keyword that raises a value's severity,
# "houjin" the keyword that makes a 13-digit number worth a 法人番号 check.
HINTS: dict[str, str] = {
    "twelve": f"(^|[^0-9])[0-9]{{4}}{_SEP}?[0-9]{{4}}{_SEP}?[0-9]{{4}}([^0-9]|$)",
    "alpha": "[A-Z]{2}[0-9]{7}",
    "pension": f"[0-9]{{4}}[{_DASH}]?[0-9]{{6}}",
    "eleven": "(^|[^0-9])[0-9]{11}([^0-9]|$)",
    "thirteen": "[0-9]{13}",
    "at": "@",
    "phone": f"(^|[^0-9])0[0-9]{{1,4}}[{_DASH}() ]{{0,2}}[0-9]{{1,4}}[{_DASH}() ]{{0,2}}"
             "[0-9]{3,4}([^0-9]|$)",
    "mobile": "(^|[^0-9])0[789]0",
    "context": "(?i)" + "|".join(p.pattern for p in CONTEXT.values()),
    "houjin": "法人番号",
}

_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−ー", "-"))
# Not inside a decimal (34.123456789012 is a coordinate, not a 個人番号).
_TWELVE = re.compile(r"(?<![\d.])(\d{4})([ .\-]?)(\d{4})\2(\d{4})(?!\d|\.\d)")
_PASSPORT = re.compile(r"(?<![A-Z])[A-Z]{2}\d{7}(?!\d)")
_RESIDENCE = re.compile(r"(?<![A-Z])[A-Z]{2}\d{8}[A-Z]{2}(?![A-Z])")
_PENSION = re.compile(r"(?<!\d)\d{4}-?\d{6}(?!\d)")
_ELEVEN = re.compile(r"(?<!\d)\d{11}(?!\d)")
_THIRTEEN = re.compile(r"(?<!\d)\d{13}(?!\d)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)")
_PHONE = re.compile(r"(?<!\d)(0\d{0,4})[\-() ]{0,2}(\d{1,4})[\-() ]{0,2}(\d{3,4})(?!\d)")
_INSTITUTIONAL = (".lg.jp", ".go.jp", ".ed.jp", ".ac.jp")
_INSTITUTIONAL_HOST = re.compile(r"^(?:www\.)?(?:city|town|vill|pref)\.", re.I)
_MOBILE_PREFIXES = ("070", "080", "090")
_HOUJIN_KEYWORD = re.compile("法人番号")


@dataclass(frozen=True)
class HeaderContext:
    """What the column header contributes: the kinds named in it, and a 法人番号 column."""

    kinds: frozenset[str]
    houjin: bool = False


def _email_variant(domain: str) -> str:
    """Tell a public-sector mail domain ("institutional") from any other ("bare")."""
    domain = domain.lower()
    if domain.endswith(_INSTITUTIONAL) or _INSTITUTIONAL_HOST.match(domain):
        return "institutional"
    return "bare"


def _phones(v: str) -> set[str]:
    """Return "mobile" and/or "landline" for the full phone numbers written in `v`."""
    found = set()
    for m in _PHONE.finditer(v):
        digits = "".join(m.groups())
        if digits.startswith("00"):
            continue
        if len(digits) == 11 and digits.startswith(_MOBILE_PREFIXES):
            found.add("mobile")
        elif len(digits) == 10 and not digits.startswith(("0120", "0800")):
            found.add("landline")
    return found


def _twelve_digit(v: str, context: set[str]) -> set[tuple[str, str]]:
    """Classify the 12-digit numbers in `v`: a driving licence near 免許, else a 個人番号."""
    found: set[tuple[str, str]] = set()
    for m in _TWELVE.finditer(v):
        if "driving_licence" in context:
            found.add(("driving_licence", "context"))
        elif mynumber.is_valid(m.group(1) + m.group(3) + m.group(4)):
            found.add(("mynumber", "context" if "mynumber" in context else "bare"))
    return found


def has_twelve_digits(value: str) -> bool:
    """Tell whether a cell holds a 12-digit number in 個人番号 shape (valid or not)."""
    return bool(_TWELVE.search(value.translate(_DASHES)))


_ALL = frozenset(HINTS)


def detect(value: str, header: HeaderContext,
           hints: frozenset[str] = _ALL) -> set[tuple[str, str]]:
    """Return the (kind, variant) pairs found in one NFKC-normalised cell value.

    ``hints`` (names of HINTS that the value matches) lets the caller skip the checks that
    cannot match; by default every check runs.
    """
    context = set(header.kinds)
    if "context" in hints:
        # Keywords are matched before dashes are folded: マイナンバー holds a ー.
        context |= {k for k, p in CONTEXT.items() if p.search(value)}
    v = value.translate(_DASHES)
    found = _twelve_digit(v, context) if "twelve" in hints else set()
    if "alpha" in hints:
        if "passport" in context and _PASSPORT.search(v):
            found.add(("passport", "context"))
        if _RESIDENCE.search(v):
            found.add(("residence_card", "context" if "residence_card" in context else "bare"))
    if "pension" in context and "pension" in hints and _PENSION.search(v):
        found.add(("pension", "context"))
    if "resident_code" in context and "eleven" in hints and _ELEVEN.search(v):
        found.add(("resident_code", "context"))
    if "thirteen" in hints and (header.houjin or _HOUJIN_KEYWORD.search(v)):
        if any(not houjin.is_valid(m.group(0)) for m in _THIRTEEN.finditer(v)):
            found.add(("houjin", "invalid"))
    if "at" in hints:
        for m in _EMAIL.finditer(v):
            found.add(("email", _email_variant(m.group(1))))
    if "phone" in hints:
        found.update(("phone", kind) for kind in _phones(v))
    return found


# Patterns used only in rows about a person (dates of birth, exact addresses).
DATE = re.compile(
    r"(?:1[89]|20)\d{2}[/\-.年]\d{1,2}[/\-.月]\d{1,2}|(?:明治|大正|昭和|平成|令和|[MTSHR]\.?)"
    r"\s*(?:\d{1,2}|元)[/\-.年]\d{1,2}[/\-.月]\d{1,2}"
)
DATE_PREFILTER = "[0-9]{1,4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}"
ADDRESS_PREFILTER = f"[0-9]+(番地|番|号)|[0-9]丁目[0-9]|[^0-9 ][0-9]+[{_DASH}][0-9]+"
