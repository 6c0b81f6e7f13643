"""Pure n-gram postings over ``Dataset.search_tokens`` (no Django): build and match.

The tokens are those of ``jp.search``: per run of characters its overlapping bigrams and its
last character. A phrase query of consecutive bigrams matches exactly when the query string
is a substring of one run, and a one-character query matches any token starting with it.
So the index keeps, per dataset position, its token first characters (unigrams), bigrams and
trigrams as postings, and the runs themselves (space-separated) to check longer queries.

Memory: documents arrive in chunks (``TextBuilder.add``); each chunk's (n-gram, position)
pairs are kept as two int32 arrays with the n-gram replaced by a code, and the postings are
assembled once at the end with one stable sort per n-gram length. The keys of a postings
list are sorted, so a lookup is a binary search over the (possibly memory-mapped) key array
and no per-process dictionary is needed. Only pyarrow is used (numpy is not a dependency).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

INT32 = pa.int32()
INT64 = pa.int64()
_LOW32 = 2**32
_TITLE_GAP = "\x1f"
_BLOCKS = 250_000  # (code, chunk) blocks copied per step: bounds the Python objects


class _SortedKeys:
    """A sorted pyarrow string array seen as a sequence of UTF-8 bytes (for ``bisect``)."""

    def __init__(self, keys: pa.Array) -> None:
        """Zero-copy views on the array's offsets and data buffers."""
        bufs = keys.buffers()
        self._n = len(keys)
        width = "q" if pa.types.is_large_string(keys.type) else "i"
        offsets = memoryview(bufs[1]).cast(width) if bufs[1] is not None else []
        self._off = offsets[keys.offset:keys.offset + self._n + 1]
        self._data = memoryview(bufs[2]) if bufs[2] is not None else memoryview(b"")

    def __len__(self) -> int:
        """Number of keys."""
        return self._n

    def __getitem__(self, i: int) -> bytes:
        """The i-th key's UTF-8 bytes (byte order equals code point order)."""
        return bytes(self._data[self._off[i]:self._off[i + 1]])

    def find(self, key: str) -> int:
        """Index of the key, or -1."""
        raw = key.encode()
        i = bisect.bisect_left(self, raw)
        return i if i < self._n and self[i] == raw else -1


@dataclass(frozen=True)
class Postings:
    """For each n-gram (sorted keys), the ascending dataset positions that contain it."""

    keys: pa.Array  # string, sorted, distinct
    ends: pa.Array  # int64, end offset into positions of each key's group
    positions: pa.Array  # int32, grouped by key, ascending within a group
    _lookup: _SortedKeys = field(init=False, repr=False, compare=False)
    _ends: memoryview = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Views for lookups (no copy: the arrays may be memory-mapped)."""
        object.__setattr__(self, "_lookup", _SortedKeys(self.keys))
        buf = self.ends.buffers()[1]
        ends = memoryview(buf).cast("q") if buf is not None else memoryview(b"").cast("q")
        object.__setattr__(self, "_ends", ends[self.ends.offset:self.ends.offset + len(self.ends)])

    def get(self, key: str) -> pa.Array:
        """The positions holding this n-gram (empty if none)."""
        i = self._lookup.find(key)
        if i < 0:
            return self.positions.slice(0, 0)
        start = self._ends[i - 1] if i else 0
        return self.positions.slice(start, self._ends[i] - start)

    @property
    def nbytes(self) -> int:
        """Memory held by the arrays."""
        return self.keys.nbytes + self.ends.nbytes + self.positions.nbytes


@dataclass(frozen=True)
class TextIndex:
    """Unigram, bigram and trigram postings plus the runs of every dataset position."""

    size: int
    uni: Postings
    bi: Postings
    tri: Postings
    runs: pa.Array  # large_string, one per position: the runs joined by spaces

    @property
    def nbytes(self) -> int:
        """Memory held by the arrays."""
        return self.uni.nbytes + self.bi.nbytes + self.tri.nbytes + self.runs.nbytes


class _Pairs:
    """(n-gram, position) pairs of one n-gram length, accumulated chunk by chunk.

    Per chunk only the positions are kept (4 bytes a pair), sorted by n-gram code, with the
    chunk's histogram of codes; ``finish`` then copies each (code, chunk) block into place,
    so no global sort (and no 8-byte sort index per pair) is needed.
    """

    def __init__(self) -> None:
        """Empty vocabulary and no pairs."""
        self.vocab: dict[str, int] = {}
        self.positions: list[pa.Array] = []  # per chunk, grouped by code, ascending in a group
        self.codes: list[pa.Array] = []  # per chunk, its distinct codes ascending
        self.counts: list[pa.Array] = []  # per chunk, pairs of each of those codes
        self.starts: list[pa.Array] = []  # per chunk, where each code's group starts

    def add(self, keys: pa.Array, pos: pa.Array) -> None:
        """Add the distinct pairs of one chunk (``pos`` ascending along the arrays)."""
        if not len(keys):
            return
        enc = pc.dictionary_encode(keys)
        vocab = self.vocab
        local = pa.array([vocab.setdefault(s, len(vocab)) for s in enc.dictionary.to_pylist()],
                         INT64)
        codes = local.take(enc.indices)
        # One int64 per pair; unique() keeps first occurrences in order, so positions stay
        # ascending within each code, and the stable sort below keeps them so.
        pairs = pc.unique(pc.add(pc.multiply(codes, _LOW32), pos.cast(INT64)))
        codes = pc.shift_right(pairs, 32).cast(INT32)
        self.positions.append(pc.bit_wise_and(pairs, _LOW32 - 1).cast(INT32)
                              .take(pc.sort_indices(codes)))
        hist = pc.value_counts(codes)
        hist = hist.take(pc.sort_indices(hist.field("values")))
        counts = hist.field("counts")
        self.codes.append(hist.field("values"))
        self.counts.append(counts)
        self.starts.append(pc.subtract(pc.cumulative_sum(counts), counts))

    def finish(self) -> Postings:
        """Postings with sorted keys, freeing the chunk arrays as it goes."""
        keys = pa.array(list(self.vocab), pa.string())
        self.vocab = {}
        if not len(keys):
            return Postings(keys=keys, ends=pa.array([], INT64), positions=pa.array([], INT32))
        order = pc.sort_indices(keys)
        rank = pc.sort_indices(order).cast(INT32)  # the inverse permutation: code → sorted
        blocks = pa.table({
            "code": rank.take(pa.concat_arrays(self.codes)),
            "chunk": pa.concat_arrays([pa.array([i] * len(c), INT32)
                                       for i, c in enumerate(self.codes)]),
            "start": pa.concat_arrays(self.starts),
            "length": pa.concat_arrays(self.counts),
        }).sort_by([("code", "ascending"), ("chunk", "ascending")])
        self.codes, self.counts, self.starts = [], [], []
        chunks, pieces = self.positions, []
        for first in range(0, blocks.num_rows, _BLOCKS):
            part = blocks.slice(first, _BLOCKS)
            pieces.append(pa.concat_arrays([
                chunks[c].slice(s, n) for c, s, n in zip(part.column("chunk").to_pylist(),
                                                         part.column("start").to_pylist(),
                                                         part.column("length").to_pylist(),
                                                         strict=True)]))
        self.positions = []
        del chunks
        positions = pieces[0] if len(pieces) == 1 else pa.concat_arrays(pieces)
        del pieces
        per_code = blocks.group_by("code", use_threads=False).aggregate([("length", "sum")])
        per_code = per_code.sort_by("code")
        ends = pc.cumulative_sum(per_code.column("length_sum")).combine_chunks().cast(INT64)
        postings = Postings(keys=keys.take(order), ends=ends, positions=positions)
        # The allocator keeps freed pages for reuse; hand the build buffers back to the
        # system so that the next n-gram length's peak does not stack on this one's.
        pa.default_memory_pool().release_unused()
        return postings


def _chunk_pairs(docs: pa.Array, first: int):
    """N-gram keys with their positions and the runs text of one chunk of documents."""
    lists = pc.split_pattern(docs, " ")
    toks = pc.list_flatten(lists)
    parent = pc.add(pc.list_parent_indices(lists), first).cast(INT32)
    lens = pc.utf8_length(toks)
    head = pc.utf8_slice_codeunits(toks, 0, 1)
    two = pc.equal(lens, 2)
    nonempty = pc.greater(lens, 0)
    uni = (head.filter(nonempty), parent.filter(nonempty))
    bi = (toks.filter(two), parent.filter(two))
    n = len(toks)
    if n > 1:
        # A trigram: two consecutive two-character tokens of one document (hence of one run).
        same = pc.equal(parent.slice(0, n - 1), parent.slice(1))
        both = pc.and_(pc.and_(two.slice(0, n - 1), two.slice(1)), same)
        tail = pc.utf8_slice_codeunits(toks.slice(1), 1, 2)
        tri_keys = pc.binary_join_element_wise(toks.slice(0, n - 1), tail, "")
        tri = (tri_keys.filter(both), parent.slice(0, n - 1).filter(both))
        last = pa.concat_arrays([pc.invert(same), pa.array([True])])
    else:
        tri = (pa.array([], pa.string()), pa.array([], INT32))
        last = pa.array([True] * n, pa.bool_())
    # Runs text: each token's first character, a space after a one-character token (end of
    # a run), and the whole token when it is a document's last and has two characters
    # (truncated at MAX_INDEX_TOKENS).
    piece = pc.if_else(pc.and_(two, last), toks,
                       pc.if_else(pc.equal(lens, 1), pc.binary_join_element_wise(head, " ", ""),
                                  head))
    per_doc = pa.ListArray.from_arrays(lists.offsets, piece)
    runs = pc.utf8_trim_whitespace(pc.binary_join(per_doc, ""))
    return uni, bi, tri, runs


class TextBuilder:
    """Builds a TextIndex from documents added in position order, chunk by chunk."""

    def __init__(self, *, keep_runs: bool = True) -> None:
        """No document yet; ``keep_runs=False`` leaves the runs text out (titles)."""
        self.size = 0
        self.keep_runs = keep_runs
        self._uni, self._bi, self._tri = _Pairs(), _Pairs(), _Pairs()
        self._runs: list[pa.Array] = []

    def add(self, docs: list[str]) -> None:
        """Index the next documents (positions continue from the previous call)."""
        if not docs:
            return
        uni, bi, tri, runs = _chunk_pairs(pa.array(docs, pa.string()), self.size)
        self._uni.add(*uni)
        self._bi.add(*bi)
        self._tri.add(*tri)
        if self.keep_runs:
            self._runs.append(runs.cast(pa.large_string()))
        self.size += len(docs)
        # Without this, the allocator keeps every chunk's intermediates mapped (≈ 200 MiB at
        # 100,000 datasets) although only the small per-chunk results stay alive.
        pa.default_memory_pool().release_unused()

    def finish(self) -> TextIndex:
        """The assembled index (the builder is emptied)."""
        runs = pa.concat_arrays(self._runs) if self._runs else pa.array([], pa.large_string())
        self._runs = []
        return TextIndex(size=self.size, uni=self._uni.finish(), bi=self._bi.finish(),
                         tri=self._tri.finish(), runs=runs)


def title_grams(title: str) -> str:
    """A title as a token string for TextBuilder: its overlapping bigrams and last character.

    Spaces become U+001F (query terms never contain either), so the title is one run and
    its postings answer "the title contains this term" for terms of up to three characters.
    """
    t = title.replace(" ", _TITLE_GAP)
    if len(t) < 2:
        return t
    return " ".join([*(t[i:i + 2] for i in range(len(t) - 1)), t[-1]])


def build_text_index(docs: list[str], *, chunk: int = 5000) -> TextIndex:
    """Build the postings for the token strings of every dataset position, in order."""
    builder = TextBuilder()
    for first in range(0, len(docs), chunk):
        builder.add(docs[first:first + chunk])
    return builder.finish()


def _intersect(lists: list[pa.Array]) -> pa.Array:
    """Sorted positions present in every list (shortest first)."""
    lists = sorted(lists, key=len)
    cand = lists[0]
    for other in lists[1:]:
        if not len(cand):
            break
        cand = cand.filter(pc.is_in(cand, value_set=other))
    return cand


def match_term(index: TextIndex, term: str) -> pa.Array:
    """Sorted positions whose tokens match one query term as the SQL phrase/prefix query does."""
    if len(term) == 1:
        return index.uni.get(term)
    if len(term) == 2:
        return index.bi.get(term)
    if len(term) == 3:
        return index.tri.get(term)
    cand = _intersect([index.tri.get(term[i:i + 3]) for i in range(len(term) - 2)])
    if not len(cand):
        return cand
    return cand.filter(pc.match_substring(index.runs.take(cand), pattern=term))


def match_terms(index: TextIndex, terms: list[str]) -> pa.Array | None:
    """Sorted positions matching every term (None when there is no term: no text filter)."""
    if not terms:
        return None
    return _intersect([match_term(index, term) for term in terms])


def match_title(index: TextIndex, titles: pa.Array, term: str) -> pa.Array:
    """Sorted positions whose title (indexed with ``title_grams``) contains the term."""
    if len(term) <= 3:
        return match_term(index, term)
    cand = _intersect([index.tri.get(term[i:i + 3]) for i in range(len(term) - 2)])
    if not len(cand):
        return cand
    return cand.filter(pc.match_substring(titles.take(cand), pattern=term))
