"""Pure in-memory search over every dataset (no Django): filters, order, page and facets.

Positions 0..N-1 follow ascending dataset id. Each request builds boolean masks over the
positions (visibility, text, each filter), so that every facet can ignore its own filter as
the SQL path does, and counts values with ``pyarrow.compute.value_counts``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from catalog.search_index.text import TextIndex, match_terms, match_title

FACET_NAMES = ("organization", "category", "tag", "format", "licence", "standard")
MAX_SCORE = 15 * 8  # relevance: at most 8 terms, 10 + 5 points each


def _int64_view(arr: pa.Array) -> memoryview:
    """A zero-copy view of an int64 array without nulls (may be memory-mapped)."""
    buf = arr.buffers()[1]
    view = memoryview(buf).cast("q") if buf is not None else memoryview(b"").cast("q")
    return view[arr.offset:arr.offset + len(arr)]


@dataclass(frozen=True)
class Multi:
    """A multi-valued attribute: per position a list of codes, and per code its positions."""

    lists: pa.ListArray  # list<int32> per position, codes ascending
    ends: pa.Array  # int64 per code 0..K-1: end of its group in positions
    positions: pa.Array  # int32, grouped by code, ascending within a group
    _ends: memoryview = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """A view for lookups (the arrays may be memory-mapped)."""
        object.__setattr__(self, "_ends", _int64_view(self.ends))

    def holders(self, code: int) -> pa.Array:
        """Positions that have this code."""
        if not 0 <= code < len(self._ends):
            return self.positions.slice(0, 0)
        start = self._ends[code - 1] if code else 0
        return self.positions.slice(start, self._ends[code] - start)

    @classmethod
    def from_pairs(cls, *, size: int, codes_count: int, pos: pa.Array, codes: pa.Array) -> Multi:
        """Build from (position, code) int32 pairs (codes 0..codes_count-1, repeats allowed)."""
        pairs = pa.table({"pos": pos, "code": codes}).group_by(
            ["pos", "code"], use_threads=False).aggregate([])
        by_pos = pairs.sort_by([("pos", "ascending"), ("code", "ascending")])
        per_pos = [0] * (size + 1)
        for p in by_pos.column("pos").to_pylist():
            per_pos[p + 1] += 1
        for i in range(size):
            per_pos[i + 1] += per_pos[i]
        lists = pa.ListArray.from_arrays(pa.array(per_pos, pa.int32()),
                                         by_pos.column("code").combine_chunks())
        by_code = pairs.sort_by([("code", "ascending"), ("pos", "ascending")])
        per_code = [0] * codes_count
        for c in by_code.column("code").to_pylist():
            per_code[c] += 1
        ends, total = [], 0
        for n in per_code:
            total += n
            ends.append(total)
        return cls(lists=lists, ends=pa.array(ends, pa.int64()),
                   positions=by_code.column("pos").combine_chunks().cast(pa.int32()))

    @property
    def nbytes(self) -> int:
        """Memory held by the arrays."""
        return self.lists.nbytes + self.ends.nbytes + self.positions.nbytes


@dataclass(frozen=True)
class CatalogIndex:
    """Columns of every dataset (any state) needed to search, sort and count facets."""

    ids: pa.Array  # int64 dataset id per position, ascending
    org: pa.Array  # int64 organisation id
    licence: pa.Array  # int32 code into licences
    standard: pa.Array  # int32 code into standards, null when none
    public: pa.Array  # bool: published and not private
    live: pa.Array  # bool: not deleted
    ranks: dict[str, pa.Array]  # int32 rank per sort order: modified, created, quality, title
    title: pa.Array  # search_title
    categories: Multi  # codes index category_ids
    tags: Multi  # codes index tag_names
    formats: Multi  # codes index format_names
    licences: list[str]
    standards: list[str]
    category_ids: list[int]
    tag_names: list[str]
    format_names: list[str]
    text: TextIndex
    title_text: TextIndex  # character n-grams of search_title, for relevance
    _ids: memoryview = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """A view of the ids for lookups (the array may be memory-mapped)."""
        object.__setattr__(self, "_ids", _int64_view(self.ids))

    @property
    def size(self) -> int:
        """Number of datasets indexed."""
        return len(self.ids)

    def id_at(self, position: int) -> int:
        """The dataset id at a position."""
        return self._ids[position]

    def position_of(self, dataset_id: int) -> int | None:
        """The position of a dataset id, None when it is not in the index."""
        i = bisect.bisect_left(self._ids, dataset_id)
        return i if i < len(self._ids) and self._ids[i] == dataset_id else None

    @property
    def nbytes(self) -> int:
        """Memory held by the arrays."""
        arrays = [self.ids, self.org, self.licence, self.standard, self.public, self.live,
                  self.title, *self.ranks.values()]
        return (sum(a.nbytes for a in arrays) + self.categories.nbytes + self.tags.nbytes
                + self.formats.nbytes + self.text.nbytes + self.title_text.nbytes)


@dataclass(frozen=True)
class Request:
    """A search resolved to index terms: every filter is None (absent) or its values."""

    terms: list[str]
    readable: tuple[int, ...] | None  # organisations whose non-public datasets are visible
    everything: bool = False  # site administrators see every dataset that is not deleted
    organisations: tuple[int, ...] | None = None
    categories: tuple[int, ...] | None = None  # all required
    tags: tuple[str, ...] | None = None  # all required
    formats: tuple[str, ...] | None = None  # any
    licences: tuple[str, ...] | None = None
    standards: tuple[str, ...] | None = None
    sort: str = "relevance"
    stop: int = 20  # the page ends here: positions [0, stop) of the order are returned
    exclude: list[int] = field(default_factory=list)  # positions answered elsewhere
    facets: bool = True


@dataclass
class Answer:
    """Total, the first ``stop`` positions in order, and facet counts by raw value."""

    total: int
    positions: list[int]
    facets: dict[str, dict[object, int]]


def _holders_mask(index: CatalogIndex, positions: pa.Array) -> pa.Array:
    """A boolean mask over all positions, true at the given positions."""
    return pc.is_in(_all_positions(index), value_set=positions)


_POSITIONS: dict[int, pa.Array] = {}


def _all_positions(index: CatalogIndex) -> pa.Array:
    """0..N-1 as int32 (cached per size)."""
    arr = _POSITIONS.get(index.size)
    if arr is None:
        _POSITIONS.clear()
        arr = _POSITIONS[index.size] = pa.array(range(index.size), pa.int32())
    return arr


def _codes(names: list[str], wanted: tuple[str, ...]) -> pa.Array:
    """Codes of the wanted names (unknown names match nothing)."""
    lookup = {n: i for i, n in enumerate(names)}
    return pa.array([lookup[w] for w in wanted if w in lookup], pa.int32())


def _multi_all(index: CatalogIndex, multi: Multi, codes: list[int]) -> pa.Array:
    """Mask of positions holding every code."""
    mask = None
    for code in codes:
        hit = _holders_mask(index, multi.holders(code))
        mask = hit if mask is None else pc.and_(mask, hit)
    return mask


def _filter_masks(index: CatalogIndex, req: Request) -> dict[str, pa.Array]:
    """One mask per active filter, keyed by facet name."""
    masks: dict[str, pa.Array] = {}
    if req.organisations is not None:
        masks["organization"] = pc.is_in(index.org, value_set=pa.array(req.organisations,
                                                                       pa.int64()))
    if req.categories is not None:
        lookup = {c: i for i, c in enumerate(index.category_ids)}
        masks["category"] = _multi_all(index, index.categories,
                                       [lookup.get(c, -1) for c in req.categories])
    if req.tags is not None:
        lookup = {n: i for i, n in enumerate(index.tag_names)}
        masks["tag"] = _multi_all(index, index.tags, [lookup.get(t, -1) for t in req.tags])
    if req.formats is not None:
        lookup = {n: i for i, n in enumerate(index.format_names)}
        found = [index.formats.holders(lookup[f]) for f in req.formats if f in lookup]
        holders = pa.concat_arrays(found) if found else pa.array([], pa.int32())
        masks["format"] = _holders_mask(index, holders)
    if req.licences is not None:
        masks["licence"] = pc.is_in(index.licence, value_set=_codes(index.licences, req.licences))
    if req.standards is not None:
        masks["standard"] = pc.fill_null(
            pc.is_in(index.standard, value_set=_codes(index.standards, req.standards)), False)
    return masks


def _visible(index: CatalogIndex, req: Request) -> pa.Array:
    """Mask of the datasets the requester may see."""
    if req.everything:
        return index.live
    if not req.readable:
        return index.public
    own = pc.is_in(index.org, value_set=pa.array(req.readable, pa.int64()))
    return pc.and_(index.live, pc.or_(index.public, own))


def _and(masks: list[pa.Array]) -> pa.Array:
    """AND of masks."""
    out = masks[0]
    for m in masks[1:]:
        out = pc.and_(out, m)
    return out


def _counts(values: pa.Array) -> dict[object, int]:
    """Value → count, nulls left out."""
    vc = pc.value_counts(values.drop_null())
    return dict(zip(vc.field("values").to_pylist(), vc.field("counts").to_pylist(), strict=True))


def _multi_counts(multi: Multi, names: list, mask: pa.Array) -> dict[object, int]:
    """Per code, how many of its holders are masked.

    Few masked positions: flatten their lists and count. Many: one take over every holder
    and a running sum, whose cost does not grow with the number of matches.
    """
    if not len(multi.positions):
        return {}
    if (pc.sum(mask).as_py() or 0) * 4 < len(mask):
        raw = _counts(pc.list_flatten(multi.lists.filter(mask)))
        return {names[k]: n for k, n in raw.items()}
    running = pc.cumulative_sum(mask.take(multi.positions).cast(pa.int32()))
    at_ends = running.take(pc.subtract(multi.ends, 1))
    ends = at_ends.to_pylist()
    counts, before = {}, 0
    for code, upto in enumerate(ends):
        if upto > before:
            counts[names[code]] = upto - before
        before = upto
    return counts


def _facet_counts(index: CatalogIndex, name: str, mask: pa.Array) -> dict[object, int]:
    """Counts of one facet's raw values over the masked positions."""
    if name == "organization":
        return _counts(index.org.filter(mask))
    if name == "category":
        return _multi_counts(index.categories, index.category_ids, mask)
    if name == "tag":
        return _multi_counts(index.tags, index.tag_names, mask)
    if name == "format":
        return _multi_counts(index.formats, index.format_names, mask)
    if name == "licence":
        raw = _counts(index.licence.filter(mask))
        return {index.licences[k]: n for k, n in raw.items()}
    raw = _counts(index.standard.filter(mask))
    return {index.standards[k]: n for k, n in raw.items()}


def _order_key(index: CatalogIndex, req: Request, mask: pa.Array) -> pa.Array:
    """Per matching position, an int64 key whose ascending order is the page order."""
    sort = req.sort
    if sort in ("title", "created", "quality"):
        return index.ranks[sort].filter(mask)
    rank = index.ranks["modified"].filter(mask)
    if sort != "relevance" or not req.terms:
        return rank
    cand = _all_positions(index).filter(mask)
    score = None
    for term in req.terms[:8]:
        # Titles containing the term come from the title n-grams, so only those few titles
        # are read (instead of a substring scan over every match).
        hits = match_title(index.title_text, index.title, term)
        if not len(hits):
            continue
        first = hits.filter(pc.starts_with(index.title.take(hits), pattern=term))
        points = pc.add(pc.multiply(pc.is_in(cand, value_set=hits).cast(pa.int64()), 10),
                        pc.multiply(pc.is_in(cand, value_set=first).cast(pa.int64()), 5))
        score = points if score is None else pc.add(score, points)
    if score is None:
        return rank
    return pc.add(pc.multiply(pc.subtract(MAX_SCORE, score), index.size + 1), rank)


def search(index: CatalogIndex, req: Request) -> Answer:
    """Answer a request: total, the ordered first ``req.stop`` positions and facet counts."""
    base = [_visible(index, req)]
    text = match_terms(index.text, req.terms)
    if text is not None:
        base.append(_holders_mask(index, text))
    if req.exclude:
        base.append(pc.invert(_holders_mask(index, pa.array(req.exclude, pa.int32()))))
    filters = _filter_masks(index, req)
    common = _and(base)
    mask = _and([common, *filters.values()])
    total = pc.sum(mask.cast(pa.int32())).as_py() or 0
    positions: list[int] = []
    if total and req.stop > 0:
        key = _order_key(index, req, mask)
        cand = _all_positions(index).filter(mask)
        k = min(req.stop, total)
        table = pa.table({"key": key, "pos": cand})
        top = pc.select_k_unstable(table, k=k, sort_keys=[("key", "ascending")])
        top_table = table.take(top).sort_by([("key", "ascending")])
        positions = top_table.column("pos").to_pylist()
    facets: dict[str, dict[object, int]] = {}
    if req.facets:
        for name in FACET_NAMES:
            others = [m for other, m in filters.items() if other != name]
            facets[name] = _facet_counts(index, name, _and([common, *others]))
    return Answer(total=total, positions=positions, facets=facets)
