"""Build a CatalogIndex from the database in one consistent snapshot."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pyarrow as pa
from django.db import connection, transaction

from catalog.models import Dataset, Resource, Tag
from catalog.search_index.engine import CatalogIndex, Multi
from catalog.search_index.text import build_text_index

GAP_WINDOW = 10_000  # sequence numbers below the built one still checked (in-flight writes)


@dataclass(frozen=True)
class Built:
    """An index with what is needed to tell which datasets changed after it was built."""

    index: CatalogIndex
    seq: int  # highest change-log sequence number seen
    gaps: tuple[int, ...]  # numbers in (seq - GAP_WINDOW, seq] not visible at build time
    token: str  # the database's catalog_search_index_token
    db_name: str
    seconds: float


def _ranks(order: list[int]) -> pa.Array:
    """Rank per position from positions listed in order."""
    rank = [0] * len(order)
    for i, p in enumerate(order):
        rank[p] = i
    return pa.array(rank, pa.int64())


def _snapshot_meta() -> tuple[int, tuple[int, ...], str]:
    """Change-log position, gaps below it and the database token."""
    with connection.cursor() as cur:
        cur.execute("SELECT token FROM catalog_search_index_token WHERE id = 1")
        token = cur.fetchone()[0]
        cur.execute("SELECT COALESCE(MAX(seq), 0) FROM catalog_search_change")
        seq = int(cur.fetchone()[0])
        low = max(0, seq - GAP_WINDOW)
        cur.execute("SELECT seq FROM catalog_search_change WHERE seq > %s", [low])
        seen = {row[0] for row in cur.fetchall()}
    gaps = tuple(n for n in range(low + 1, seq + 1) if n not in seen)
    return seq, gaps, token


def _read() -> tuple[list[tuple], list[int], list, list, list, dict[int, str]]:
    """Every dataset row, the title order and the link tables, in one snapshot."""
    rows = list(Dataset.objects.order_by("id").values_list(
        "id", "organisation_id", "licence_id", "standard_id", "state", "private",
        "modified", "created", "quality", "search_title", "search_tokens"))
    title_order = list(Dataset.objects.order_by("title", "id").values_list("id", flat=True))
    cats = list(Dataset.categories.through.objects.values_list("dataset_id", "category_id"))
    tags = list(Dataset.tags.through.objects.values_list("dataset_id", "tag_id"))
    fmts = list(Resource.objects.filter(deleted=False).values_list("dataset_id", "format")
                .distinct())
    tag_names = dict(Tag.objects.values_list("id", "name"))
    return rows, title_order, cats, tags, fmts, tag_names


def _multi(size: int, id_pos: dict[int, int], pairs, code_of) -> Multi:
    """A Multi from (dataset id, value) pairs, values mapped to codes."""
    pos, codes = [], []
    seen = set()
    for dataset_id, value in pairs:
        p = id_pos.get(dataset_id)
        if p is None:
            continue
        c = code_of(value)
        if (p, c) not in seen:
            seen.add((p, c))
            pos.append(p)
            codes.append(c)
    return Multi.from_pairs(size=size, pos=pos, codes=codes)


def _vocab(values) -> tuple[list, dict]:
    """Sorted distinct values and their codes."""
    names = sorted(set(values))
    return names, {n: i for i, n in enumerate(names)}


def build_index() -> Built:
    """Read every dataset and build the index (REPEATABLE READ snapshot on PostgreSQL)."""
    started = time.perf_counter()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        seq, gaps, token = _snapshot_meta()
        rows, title_order, cats, tags, fmts, tag_names = _read()
    ids = [r[0] for r in rows]
    id_pos = {i: p for p, i in enumerate(ids)}
    n = len(ids)
    published = Dataset.State.PUBLISHED
    deleted = Dataset.State.DELETED
    licences, lic_code = _vocab(r[2] for r in rows)
    standards, std_code = _vocab(r[3] for r in rows if r[3] is not None)
    by_modified = sorted(range(n), key=lambda p: (rows[p][6], rows[p][0]), reverse=True)
    by_created = sorted(range(n), key=lambda p: (rows[p][7], rows[p][0]), reverse=True)
    by_quality = sorted(range(n), key=lambda p: (rows[p][8], rows[p][6], rows[p][0]),
                        reverse=True)
    used_tags, tag_code = _vocab(tag_names[t] for _, t in tags if t in tag_names)
    formats, fmt_code = _vocab(f for _, f in fmts)
    index = CatalogIndex(
        ids=ids,
        org=pa.array([r[1] for r in rows], pa.int64()),
        licence=pa.array([lic_code[r[2]] for r in rows], pa.int32()),
        standard=pa.array([None if r[3] is None else std_code[r[3]] for r in rows], pa.int32()),
        public=pa.array([r[4] == published and not r[5] for r in rows]),
        live=pa.array([r[4] != deleted for r in rows]),
        ranks={
            "modified": _ranks(by_modified),
            "created": _ranks(by_created),
            "quality": _ranks(by_quality),
            "title": _ranks([id_pos[i] for i in title_order if i in id_pos]),
        },
        title=pa.array([r[9] or "" for r in rows], pa.large_string()),
        categories=_multi(n, id_pos, cats, lambda c: c),
        tags=_multi(n, id_pos, ((d, tag_names[t]) for d, t in tags if t in tag_names),
                    tag_code.__getitem__),
        formats=_multi(n, id_pos, fmts, fmt_code.__getitem__),
        licences=licences,
        standards=standards,
        tag_names=used_tags,
        format_names=formats,
        text=build_text_index([r[10] or "" for r in rows]),
        id_pos=id_pos,
    )
    return Built(index=index, seq=seq, gaps=gaps, token=token,
                 db_name=str(connection.settings_dict.get("NAME")),
                 seconds=time.perf_counter() - started)
