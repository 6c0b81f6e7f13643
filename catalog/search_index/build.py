"""Build a CatalogIndex from the database in one consistent snapshot, streaming the rows."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from itertools import islice

import pyarrow as pa
import pyarrow.compute as pc
from django.db import connection, transaction

from catalog.models import Dataset, Resource, Tag
from catalog.search_index.engine import CatalogIndex, Multi
from catalog.search_index.text import TextBuilder, title_grams

GAP_WINDOW = 10_000  # sequence numbers below the built one still checked (in-flight writes)
CHUNK = 2500  # datasets read and tokenised at a time
LINK_CHUNK = 20_000  # link rows read at a time
_FIELDS = ("id", "organisation_id", "licence_id", "standard_id", "state", "private",
           "modified", "created", "quality", "search_title", "search_tokens")


@dataclass(frozen=True)
class Built:
    """An index with what is needed to tell which datasets changed after it was built."""

    index: CatalogIndex
    seq: int  # highest change-log sequence number seen
    gaps: tuple[int, ...]  # numbers in (seq - GAP_WINDOW, seq] not visible at build time
    token: str  # the database's catalog_search_index_token
    db_name: str
    seconds: float

    @property
    def low(self) -> int:
        """The lowest change-log number this index still needs to read."""
        return min(self.gaps) if self.gaps else self.seq + 1


def _snapshot_meta() -> tuple[int, tuple[int, ...], str]:
    """Change-log position, gaps below it and the database token.

    A gap is a number not visible yet: a writer still in flight may commit it later. Numbers
    at or below ``pruned_through`` were deleted by pruning and are not gaps.
    """
    with connection.cursor() as cur:
        cur.execute("SELECT token, pruned_through FROM catalog_search_index_token WHERE id = 1")
        token, pruned = cur.fetchone()
        cur.execute("SELECT COALESCE(MAX(seq), 0) FROM catalog_search_change")
        # After pruning the log may be empty: the numbers up to pruned_through are accounted for.
        seq = max(int(cur.fetchone()[0]), int(pruned))
        low = max(0, seq - GAP_WINDOW, int(pruned))
        cur.execute("SELECT seq FROM catalog_search_change WHERE seq > %s", [low])
        seen = {row[0] for row in cur.fetchall()}
    gaps = tuple(n for n in range(low + 1, seq + 1) if n not in seen)
    return seq, gaps, token


@contextlib.contextmanager
def _snapshot():
    """One read-only snapshot for every query of the build.

    SQLite: a deferred transaction (WAL keeps its snapshot) rather than ``atomic()``, which
    opens an IMMEDIATE one here and would hold the write lock for the whole build.
    PostgreSQL: REPEATABLE READ, READ ONLY.
    """
    if connection.in_atomic_block:  # already inside a transaction (tests): read there
        yield
        return
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.cursor() as cur:
            cur.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cur:
                cur.execute("ROLLBACK")
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _datasets(text: TextBuilder, titles: TextBuilder) -> pa.Table:
    """Every dataset's columns in id order, feeding tokens and titles to the text builders."""
    rows = Dataset.objects.order_by("id").values_list(*_FIELDS).iterator(chunk_size=CHUNK)
    published, deleted = Dataset.State.PUBLISHED, Dataset.State.DELETED
    parts = []
    while batch := list(islice(rows, CHUNK)):
        cols = list(zip(*batch, strict=True))
        del batch
        text.add([t or "" for t in cols[10]])
        titles.add([title_grams(t or "") for t in cols[9]])
        parts.append(pa.table({
            "id": pa.array(cols[0], pa.int64()),
            "org": pa.array(cols[1], pa.int64()),
            "licence": pa.array(cols[2], pa.string()),
            "standard": pa.array(cols[3], pa.string()),
            "public": pa.array([s == published and not p
                                for s, p in zip(cols[4], cols[5], strict=True)]),
            "live": pa.array([s != deleted for s in cols[4]]),
            "modified": pa.array(cols[6], pa.timestamp("us", tz="UTC")),
            "created": pa.array(cols[7], pa.timestamp("us", tz="UTC")),
            "quality": pa.array(cols[8], pa.int32()),
            "title": pa.array([t or "" for t in cols[9]], pa.large_string()),
        }))
        del cols
    if not parts:
        return pa.table({"id": pa.array([], pa.int64()), "org": pa.array([], pa.int64()),
                         "licence": pa.array([], pa.string()),
                         "standard": pa.array([], pa.string()),
                         "public": pa.array([], pa.bool_()), "live": pa.array([], pa.bool_()),
                         "modified": pa.array([], pa.timestamp("us", tz="UTC")),
                         "created": pa.array([], pa.timestamp("us", tz="UTC")),
                         "quality": pa.array([], pa.int32()),
                         "title": pa.array([], pa.large_string())})
    return pa.concat_tables(parts).combine_chunks()


def _rank(table: pa.Table, keys: list[tuple[str, str]]) -> pa.Array:
    """Rank of each row in the given order (the inverse of the sorting permutation)."""
    return pc.sort_indices(pc.sort_indices(table, sort_keys=keys)).cast(pa.int32())


def _coded(values: pa.Array) -> tuple[list, pa.Array]:
    """Sorted distinct non-null values and each value's int32 code (null stays null)."""
    names = sorted(v for v in pc.unique(values).to_pylist() if v is not None)
    codes = pc.index_in(values, value_set=pa.array(names, values.type)).cast(pa.int32())
    return names, codes


def _columns(queryset, types: tuple[pa.DataType, ...]) -> list[pa.Array]:
    """The columns of a values_list queryset as arrays, read in chunks (no list of rows)."""
    rows = queryset.iterator(chunk_size=LINK_CHUNK)
    parts: list[list[pa.Array]] = [[] for _ in types]
    while batch := list(islice(rows, LINK_CHUNK)):
        for i, column in enumerate(zip(*batch, strict=True)):
            parts[i].append(pa.array(column, types[i]))
    return [pa.concat_arrays(p) if p else pa.array([], t)
            for p, t in zip(parts, types, strict=True)]


def _multi(ids: pa.Array, dataset_ids: pa.Array, values: pa.Array) -> tuple[list, Multi]:
    """Distinct values of (dataset id, value) pairs and the Multi of their codes."""
    pos = pc.index_in(dataset_ids, value_set=ids)
    keep = pc.and_(pc.is_valid(pos), pc.is_valid(values))
    names, codes = _coded(values.filter(keep))
    multi = Multi.from_pairs(size=len(ids), codes_count=len(names),
                             pos=pos.filter(keep).cast(pa.int32()), codes=codes)
    return names, multi


def _links(ids: pa.Array) -> tuple[tuple[list, Multi], ...]:
    """The categories, tags and live formats of every dataset."""
    int64, text = pa.int64(), pa.string()
    cats = _columns(Dataset.categories.through.objects.values_list("dataset_id", "category_id"),
                    (int64, int64))
    tag_ids, tag_names = _columns(Tag.objects.values_list("id", "name"), (int64, text))
    dataset_ids, tags = _columns(Dataset.tags.through.objects.values_list("dataset_id",
                                                                          "tag_id"),
                                 (int64, int64))
    tag_values = tag_names.take(pc.index_in(tags, value_set=tag_ids))
    fmts = _columns(Resource.objects.filter(deleted=False).values_list("dataset_id", "format")
                    .distinct(), (int64, text))
    return _multi(ids, *cats), _multi(ids, dataset_ids, tag_values), _multi(ids, *fmts)


def _title_rank(ids: pa.Array) -> pa.Array:
    """Rank of each position in title order, which the database's collation decides."""
    (in_order,) = _columns(Dataset.objects.order_by("title", "id").values_list("id"),
                           (pa.int64(),))
    return pc.sort_indices(pc.index_in(in_order, value_set=ids)).cast(pa.int32())


def build_index() -> Built:
    """Read every dataset and build the index from one snapshot of the database."""
    started = time.perf_counter()
    text, titles = TextBuilder(), TextBuilder(keep_runs=False)
    with _snapshot():
        seq, gaps, token = _snapshot_meta()
        table = _datasets(text, titles)
        ids = table.column("id").combine_chunks()
        (category_ids, categories), (tag_names, tag_multi), (format_names, formats) = \
            _links(ids)
        title_rank = _title_rank(ids)
    licences, licence = _coded(table.column("licence").combine_chunks())
    standards, standard = _coded(table.column("standard").combine_chunks())
    index = CatalogIndex(
        ids=ids,
        org=table.column("org").combine_chunks(),
        licence=licence,
        standard=standard,
        public=table.column("public").combine_chunks(),
        live=table.column("live").combine_chunks(),
        ranks={
            "modified": _rank(table, [("modified", "descending"), ("id", "descending")]),
            "created": _rank(table, [("created", "descending"), ("id", "descending")]),
            "quality": _rank(table, [("quality", "descending"), ("modified", "descending"),
                                     ("id", "descending")]),
            "title": title_rank,
        },
        title=table.column("title").combine_chunks(),
        categories=categories,
        tags=tag_multi,
        formats=formats,
        licences=licences,
        standards=standards,
        category_ids=category_ids,
        tag_names=tag_names,
        format_names=format_names,
        text=text.finish(),
        title_text=titles.finish(),
    )
    return Built(index=index, seq=seq, gaps=gaps, token=token,
                 db_name=str(connection.settings_dict.get("NAME")),
                 seconds=time.perf_counter() - started)
