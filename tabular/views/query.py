"""The table page's query string: paging, sorting and filters, parsed and rebuilt as links.

Columns are addressed by their 1-based number (as in the validation report), never by header
or field id: headers may repeat, be empty or hold characters that CKAN's sort syntax treats
specially, and a number cannot smuggle anything into the datastore query.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

PAGE_SIZES = (25, 50, 100, 200)
DEFAULT_LIMIT = 50
MAX_FILTERS = 5
MAX_Q = 200
MAX_VALUE = 200
NUMERIC_TYPES = {"integer", "number", "latitude", "longitude"}


@dataclass(frozen=True)
class TableQuery:
    """What the visitor asked of a table: text search, exact filters, sort and page."""

    q: str = ""
    filters: tuple[tuple[int, str], ...] = ()  # (1-based column number, exact value)
    sort: int | None = None  # 1-based column number
    desc: bool = False
    page: int = 1
    limit: int = DEFAULT_LIMIT

    @property
    def offset(self) -> int:
        """Rows skipped before the current page."""
        return (self.page - 1) * self.limit

    @property
    def is_filtered(self) -> bool:
        """True when the rows are narrowed by a search or a filter."""
        return bool(self.q or self.filters)


def _int(value, default: int | None) -> int | None:
    """An integer from a query parameter, or the default when it is not one."""
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def parse_query(get, *, columns: int) -> TableQuery:
    """Read a QueryDict (or dict of lists) into a TableQuery, dropping what does not fit."""
    q = (get.get("q") or "").strip()[:MAX_Q]
    filters: list[tuple[int, str]] = []
    for col, val in zip(get.getlist("col"), get.getlist("val"), strict=False):
        number = _int(col, None)
        value = (val or "").strip()[:MAX_VALUE]
        if number is not None and 1 <= number <= columns and value:
            pair = (number, value)
            if pair not in filters:
                filters.append(pair)
    sort_raw = (get.get("sort") or "").strip()
    desc = sort_raw.startswith("-")
    sort = _int(sort_raw.lstrip("-"), None)
    if sort is not None and not 1 <= sort <= columns:
        sort, desc = None, False
    limit = _int(get.get("limit"), DEFAULT_LIMIT)
    if limit not in PAGE_SIZES:
        limit = DEFAULT_LIMIT
    page = max(1, min(_int(get.get("page"), 1) or 1, 1_000_000))
    return TableQuery(q=q, filters=tuple(filters[:MAX_FILTERS]), sort=sort,
                      desc=desc if sort else False, page=page, limit=limit)


def _quoted(field_id: str) -> str:
    """A field id quoted as CKAN's sort syntax expects (double quotes doubled)."""
    return '"' + field_id.replace('"', '""') + '"'


def search_kwargs(query: TableQuery, fields: list[dict]) -> dict:
    """Keyword arguments for tabular.datastore.engine.search (and exports.export)."""
    ids = [f["id"] for f in fields]
    filters: dict[str, object] = {}
    for number, value in query.filters:
        key = ids[number - 1]
        if key in filters:
            previous = filters[key]
            filters[key] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            filters[key] = value
    sort = None
    if query.sort:
        sort = f"{_quoted(ids[query.sort - 1])} {'desc' if query.desc else 'asc'}"
    return {"filters": filters or None, "q": query.q or None, "sort": sort}


def params(query: TableQuery, *, paging: bool = True) -> list[tuple[str, str]]:
    """The query as URL parameters (without defaults), in a stable order."""
    out: list[tuple[str, str]] = []
    if query.q:
        out.append(("q", query.q))
    for number, value in query.filters:
        out += [("col", str(number)), ("val", value)]
    if query.sort:
        out.append(("sort", f"{'-' if query.desc else ''}{query.sort}"))
    if paging:
        if query.limit != DEFAULT_LIMIT:
            out.append(("limit", str(query.limit)))
        if query.page != 1:
            out.append(("page", str(query.page)))
    return out


def href(query: TableQuery, *, paging: bool = True, **changes) -> str:
    """A relative link ("?…", or "?" for none) to the query with some attributes changed."""
    return "?" + urlencode(params(replace(query, **changes), paging=paging))


def sort_link(query: TableQuery, column: int) -> tuple[str, str]:
    """For a column header: the link that sorts by it and the aria-sort value it has now."""
    if query.sort == column:
        state = "descending" if query.desc else "ascending"
        return href(query, sort=column, desc=not query.desc, page=1), state
    return href(query, sort=column, desc=False, page=1), "none"


def without_filter(query: TableQuery, index: int) -> str:
    """A link to the query with one filter (by position) removed."""
    filters = tuple(f for i, f in enumerate(query.filters) if i != index)
    return href(query, filters=filters, page=1)


@dataclass(frozen=True)
class PageLink:
    """One link of the pager."""

    number: int
    url: str
    current: bool


def page_count(total: int, limit: int) -> int:
    """Number of pages for a total (at least one, so an empty table has page 1)."""
    return max(1, -(-total // limit))


def page_links(query: TableQuery, total: int, *, around: int = 3) -> list[PageLink]:
    """Numbered page links around the current one, plus the first and the last."""
    pages = page_count(total, query.limit)
    numbers = {1, pages, *range(max(1, query.page - around), min(pages, query.page + around) + 1)}
    return [PageLink(number=n, url=href(query, page=n), current=n == query.page)
            for n in sorted(numbers)]


def is_numeric(field: dict) -> bool:
    """True for columns whose cells are numbers (right-aligned)."""
    return field.get("type") in NUMERIC_TYPES
