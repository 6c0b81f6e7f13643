"""Neutralise spreadsheet formulas in text cells of CSV and XLSX outputs (CSV injection).

OWASP's advice for CSV injection: a cell must not start with ``=``, ``+``, ``-``, ``@``, tab
or carriage return; prefix such a cell with a single quote ``'`` so that spreadsheet programs
show it as text. We also catch characters that become one of those after NFKC (full-width
＝＋－＠, small ﹦﹢﹣﹫, super/subscript ⁺⁼₊₌, ⩵ …: Excel and LibreOffice normalise some of
them) and look past leading whitespace (spaces, ideographic space, line breaks), since some
programs trim it before parsing.

Only text is changed: typed numbers are not text (a negative number in a numeric column is
written as a number and left alone), and a text cell that starts with "-" does get the quote.
The quote is visible in the file; it is the price of a CSV that is safe to double-click.
"""

from __future__ import annotations

import pyarrow as pa

from tabular.engine import compute as pc

__all__ = [
    "DANGEROUS",
    "LEADING_SPACE",
    "PREFIX",
    "csv_column",
    "is_dangerous",
    "neutralise",
    "neutralise_array",
]

PREFIX = "'"

#: Every character whose NFKC form starts with = + - @ tab or CR (checked by a test that
#: scans all of Unicode, so a new Unicode version cannot silently add one).
DANGEROUS = frozenset(
    "\t\r+-=@"
    "\u207a\u207c\u208a\u208c\u2a75\u2a76\ufb29\ufe62\ufe63\ufe66\ufe6b\uff0b\uff0d\uff1d\uff20"
)

#: Whitespace skipped before the check: characters whose NFKC form is whitespace (tab and CR
#: excluded: they are dangerous themselves) and the zero-width space / BOM.
LEADING_SPACE = frozenset(
    "\n\x0b\x0c\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u200b\ufeff"
)


def _re2_class(chars: frozenset[str]) -> str:
    """An RE2 character class listing ``chars`` as \\x{…} escapes (no quoting pitfalls)."""
    return "[" + "".join(f"\\x{{{ord(c):X}}}" for c in sorted(chars)) + "]"


_PATTERN = f"^{_re2_class(LEADING_SPACE)}*{_re2_class(DANGEROUS)}"
_DANGEROUS = pa.array(sorted(DANGEROUS), pa.string())
_SPACES = pa.array(sorted(LEADING_SPACE), pa.string())
_FIRST = pa.array(sorted(DANGEROUS | LEADING_SPACE), pa.string())


def is_dangerous(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula (see the module docstring)."""
    for ch in text:
        if ch not in LEADING_SPACE:
            return ch in DANGEROUS
    return False


def neutralise(text: str) -> str:
    """Return ``text`` prefixed with a single quote when it could start a formula."""
    return PREFIX + text if is_dangerous(text) else text


def dangerous_mask(arr: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray | None:
    """Return the boolean mask of dangerous cells of a string array, or None if there are none."""
    # The first character decides (about 2× faster than the regex) unless some cell starts
    # with whitespace; only then does the regex look past it.
    first = pc.utf8_slice_codeunits(arr, 0, 1)
    if not pc.any(pc.is_in(first, value_set=_FIRST)).as_py():
        return None  # the common case: two passes over the column
    if pc.any(pc.is_in(first, value_set=_SPACES)).as_py():
        mask = pc.match_substring_regex(arr, _PATTERN)
    else:
        mask = pc.is_in(first, value_set=_DANGEROUS)
    return mask if pc.any(mask).as_py() else None


def neutralise_array(arr: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Vectorised ``neutralise`` for a string array; other arrays are returned unchanged."""
    if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        return arr
    mask = dangerous_mask(arr)
    if mask is None:
        return arr
    prefixed = pc.binary_join_element_wise(PREFIX, arr, "")
    return pc.if_else(mask, prefixed, arr)


def csv_column(arr: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """A column as our CSV files hold it: text neutralised, NaN/infinity empty, ISO timestamps."""
    if pa.types.is_floating(arr.type):
        return pc.if_else(pc.is_finite(arr), arr, None)
    if pa.types.is_timestamp(arr.type):
        # pyarrow would write "2024-01-05 10:00:00"; ISO 8601 (and our JSON) has the "T".
        # Whole seconds: %S would print the fraction of a finer unit (DuckDB returns µs).
        seconds = pc.cast(arr, pa.timestamp("s", arr.type.tz), safe=False)
        return pc.strftime(seconds, format="%Y-%m-%dT%H:%M:%S")
    return neutralise_array(arr)
