"""package_search: CKAN's q / fq / sort / rows / start / facets over our selectors.

Supported Solr-style filters (in q, fq or fq_list): ``organization:``, ``owner_org:``,
``tags:``, ``groups:``, ``res_format:``, ``license_id:``, ``name:``, ``id:``,
``standard_dataset:``, ``metadata_modified:[FROM TO TO]`` and ``metadata_created:[…]``
(``*`` for an open end, ISO timestamps, also ``NOW``). Values may be quoted. Anything else in
q is searched as text, the same way the search page does.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db.models import Count, F, Q
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _

from catalog import search as text_search
from catalog.models import Category, Dataset, Licence
from core.actor import Actor
from core.errors import InvalidInput, formatted
from core.models import Organisation
from core.permissions import readable_organisation_ids

MAX_ROWS = 1000
DEFAULT_ROWS = 10
FIELD_RE = re.compile(r"^(-?)([a-z_]+):(.+)$")
RANGE_RE = re.compile(r"^\[\s*(\S+)\s+TO\s+(\S+)\s*\]$", re.IGNORECASE)
SORT_FIELDS = {
    "metadata_modified": "modified",
    "metadata_created": "created",
    "name": "slug",
    "title_string": "title",
    "title": "title",
    "id": "uuid",
}
FACET_PATHS = {
    "organization": "organisation__slug",
    "tags": "tags__name",
    "groups": "categories__slug",
    "res_format": "resources__format",
    "license_id": "licence_id",
    "standard_dataset": "standard_id",
}


@dataclass
class Query:
    """A parsed package_search request."""

    text: list[str] = field(default_factory=list)
    filters: list[tuple[bool, str, str]] = field(default_factory=list)  # (negated, field, value)


def _split(expression: str) -> list[str]:
    try:
        return shlex.split(expression)
    except ValueError:
        return expression.split()


def _join_ranges(parts: list[str]) -> list[str]:
    # "metadata_modified:[2024-01-01T00:00:00Z", "TO", "*]" -> one part
    out: list[str] = []
    for part in parts:
        if out and out[-1].count("[") > out[-1].count("]"):
            out[-1] += " " + part
        else:
            out.append(part)
    return out


def parse(q: str, fq_list: list[str]) -> Query:
    """Split q and fq into text words and field filters."""
    query = Query()
    for source, is_fq in [(q or "", False)] + [(fq, True) for fq in fq_list]:
        for part in _join_ranges(_split(source)):
            if part in ("*:*", "AND", "+"):
                continue
            match = FIELD_RE.match(part.lstrip("+"))
            if match and match.group(2) in FILTERS:
                value = match.group(3).strip('"')
                query.filters.append((match.group(1) == "-", match.group(2), value))
            elif not is_fq:
                query.text.append(part)
    return query


def _when(value: str, *, end: bool):
    if value in ("*", ""):
        return None
    if value.upper().startswith("NOW"):
        return datetime.now(tz=UTC)
    parsed = parse_datetime(value.replace("Z", "+00:00"))
    if parsed is None:
        day = parse_date(value[:10])
        if day is None:
            raise InvalidInput(
                formatted(_("日時の形式が正しくありません: %(v)s"), v=value[:40]),
                field_errors={"fq": [_("日時の形式が正しくありません")]},
            )
        parsed = datetime.combine(day, datetime.max.time() if end else datetime.min.time())
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _range(column: str):
    def build(value: str) -> Q:
        match = RANGE_RE.match(value)
        if not match:
            raise InvalidInput(
                _("範囲は [開始 TO 終了] の形で指定してください"),
                field_errors={"fq": [_("範囲の形式が正しくありません")]},
            )
        start, stop = _when(match.group(1), end=False), _when(match.group(2), end=True)
        condition = Q()
        if start is not None:
            condition &= Q(**{f"{column}__gte": start})
        if stop is not None:
            condition &= Q(**{f"{column}__lte": stop})
        return condition

    return build


def _uuid_q(value: str) -> Q:
    import uuid

    try:
        return Q(uuid=uuid.UUID(value))
    except ValueError:
        return Q(pk__in=[])


def _org_q(value: str) -> Q:
    import uuid

    try:
        return Q(organisation__uuid=uuid.UUID(value))
    except ValueError:
        return Q(organisation__slug=value)


FILTERS = {
    "organization": lambda v: Q(organisation__slug=v),
    "owner_org": _org_q,
    "tags": lambda v: Q(tags__name=v),
    "groups": lambda v: Q(categories__slug=v),
    "res_format": lambda v: Q(resources__format=v.upper(), resources__deleted=False),
    "license_id": lambda v: Q(licence_id=v),
    "name": lambda v: Q(slug=v),
    "id": _uuid_q,
    "standard_dataset": lambda v: Q(standard_id=v),
    "metadata_modified": _range("modified"),
    "metadata_created": _range("created"),
}


def base_queryset(actor: Actor, *, include_private: bool, include_drafts: bool):
    """Datasets package_search may return to this actor."""
    readable = readable_organisation_ids(actor)
    qs = Dataset.objects.exclude(state=Dataset.State.DELETED)
    public = Q(state=Dataset.State.PUBLISHED, private=False)
    if readable is None:
        own = Q()
    elif readable:
        own = Q(organisation_id__in=readable)
    else:
        return qs.filter(public)
    allowed = public | own if readable is not None else Q()
    qs = qs.filter(allowed)
    if not include_private:
        qs = qs.filter(private=False)
    if not include_drafts:
        qs = qs.filter(state=Dataset.State.PUBLISHED)
    return qs


def apply(qs, query: Query):
    """Filter a queryset by a parsed query."""
    if query.text:
        qs = text_search.filter_queryset(qs, " ".join(query.text))
    for negated, name, value in query.filters:
        condition = FILTERS[name](value)
        if negated:
            qs = qs.exclude(pk__in=Dataset.objects.filter(condition).values("pk"))
        else:
            qs = qs.filter(pk__in=Dataset.objects.filter(condition).values("pk"))
    return qs


def order(qs, sort: str, text: list[str]):
    """CKAN sort strings ('score desc, metadata_modified desc', 'name asc', 'id asc')."""
    keys = []
    for clause in (sort or "score desc, metadata_modified desc").split(","):
        parts = clause.split()
        if not parts:
            continue
        name, direction = parts[0], (parts[1].lower() if len(parts) > 1 else "asc")
        if direction not in ("asc", "desc"):
            raise InvalidInput(_("並び順の指定が正しくありません"), field_errors={"sort": [clause]})
        if name == "score":
            if text:
                qs = qs.annotate(score=text_search.relevance(" ".join(text)))
                keys.append(F("score").desc() if direction == "desc" else F("score").asc())
            continue
        column = SORT_FIELDS.get(name)
        if column is None:
            raise InvalidInput(
                formatted(_("並び替えできない項目です: %(f)s"), f=name[:40]),
                field_errors={"sort": [clause]},
            )
        keys.append(F(column).desc() if direction == "desc" else F(column).asc())
    keys.append(F("id").asc())
    return qs.order_by(*keys)


def facets(qs, names: list[str], limit: int) -> tuple[dict, dict]:
    """CKAN's 'facets' and 'search_facets' for the requested facet fields."""
    plain, rich = {}, {}
    ids = qs.order_by().values("pk")
    for name in names:
        path = FACET_PATHS.get(name)
        if path is None:
            continue
        rows = (
            Dataset.objects.filter(
                pk__in=ids, **({"resources__deleted": False} if name == "res_format" else {})
            )
            .values(path)
            .annotate(n=Count("pk", distinct=True))
            .exclude(**{f"{path}__isnull": True})
            .order_by("-n", path)
        )
        if limit >= 0:
            rows = rows[:limit]
        counts = {row[path]: row["n"] for row in rows}
        labels = _labels(name, counts)
        plain[name] = counts
        rich[name] = {
            "title": name,
            "items": [
                {"name": key, "display_name": labels.get(key, key), "count": n}
                for key, n in counts.items()
            ],
        }
    return plain, rich


def _labels(name: str, counts: dict) -> dict:
    if name == "organization":
        return dict(Organisation.objects.filter(slug__in=counts).values_list("slug", "name"))
    if name == "groups":
        return dict(Category.objects.filter(slug__in=counts).values_list("slug", "name"))
    if name == "license_id":
        return dict(Licence.objects.filter(pk__in=counts).values_list("pk", "title"))
    return {}
