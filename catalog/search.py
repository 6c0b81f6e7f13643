"""Japanese full-text search over datasets, identical on SQLite and PostgreSQL.

Each dataset stores ``search_tokens``: its title, English title, description, tags,
organisation and standard dataset normalised by ``jp.search`` (NFKC, kana folding, kanji
variants) and cut into overlapping bigrams. SQLite indexes them with an FTS5 table,
PostgreSQL with a GIN index on ``to_tsvector('simple', …)``. A query becomes one phrase
per run of characters (bigrams must be adjacent) and all phrases must match, so both
databases return exactly the same set; ranking uses only portable SQL (substring tests on
the normalised title), so the order is the same too.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, Case, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL

from jp import search as jp_search
from jp.text import normalize_for_search

FTS_TABLE = "catalog_dataset_fts"


def document_text(dataset) -> str:
    """All the text of a dataset that search should find."""
    parts = [dataset.title, dataset.title_en, dataset.description, dataset.description_en,
             dataset.spatial]
    if dataset.pk:
        parts += [t.name for t in dataset.tags.all()]
        parts += [f"{c.name} {c.name_en}" for c in dataset.categories.all()]
    parts.append(dataset.organisation.name)
    parts.append(dataset.organisation.name_en)
    if dataset.department_id:
        parts.append(dataset.department.name)
    if dataset.standard_id:
        parts.append(dataset.standard.title)
    return "\n".join(p for p in parts if p)


def index_fields(dataset) -> dict[str, str]:
    """The values of the search columns for a dataset."""
    title = f"{dataset.title} {dataset.title_en}".strip()
    return {
        "search_tokens": jp_search.index_text(document_text(dataset)),
        # Both spellings: the variant step can rewrite kana words (ごみ袋→塵袋), and ranking
        # looks for the query's terms as substrings of this column.
        "search_title": " ".join(dict.fromkeys([
            normalize_for_search(title, variants=False), normalize_for_search(title)
        ])),
    }


def _sqlite_match(runs: list[list[str]]) -> str:
    phrases = []
    for tokens in runs:
        if len(tokens) == 1 and len(tokens[0]) == 1:
            phrases.append(f'"{tokens[0]}"*')
        else:
            phrases.append('"' + " ".join(tokens) + '"')
    return " AND ".join(phrases)


def _pg_query(runs: list[list[str]]) -> str:
    phrases = []
    for tokens in runs:
        if len(tokens) == 1 and len(tokens[0]) == 1:
            phrases.append(f"'{tokens[0]}':*")
        else:
            phrases.append("(" + " <-> ".join(f"'{t}'" for t in tokens) + ")")
    return " & ".join(phrases)


def filter_queryset(queryset, query: str):
    """Restrict a Dataset queryset to those matching the query (all words, as phrases).

    The condition names no table, so the queryset also works as a subquery
    (``values("id")``), where Django renames catalog_dataset to U0.
    """
    runs = jp_search.query_runs(query or "")
    if not runs:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.filter(RawSQL(  # parameters are bound, never interpolated
            "to_tsvector('simple', search_tokens) @@ to_tsquery('simple', %s)",
            [_pg_query(runs)], output_field=BooleanField(),
        ))
    return queryset.filter(pk__in=RawSQL(  # noqa: S611 - parameters are bound, never interpolated
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608 - constant
        [_sqlite_match(runs)],
    ))


def relevance(query: str):
    """A portable relevance expression: the more query words in the title, the higher."""
    terms = jp_search.query_terms(query or "")
    if not terms:
        return Value(0, output_field=IntegerField())
    score = Value(0, output_field=IntegerField())
    for term in terms[:8]:
        score = score + Case(
            When(Q(search_title__contains=term), then=Value(10)),
            default=Value(0), output_field=IntegerField(),
        )
        score = score + Case(
            When(Q(search_title__startswith=term), then=Value(5)),
            default=Value(0), output_field=IntegerField(),
        )
    return score
