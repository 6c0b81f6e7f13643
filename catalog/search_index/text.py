"""Pure n-gram postings over ``Dataset.search_tokens`` (no Django): build and match.

The tokens are those of ``jp.search``: per run of characters its overlapping bigrams and its
last character. A phrase query of consecutive bigrams matches exactly when the query string
is a substring of one run, and a one-character query matches any token starting with it.
So the index keeps, per dataset position, its token first characters (unigrams), bigrams and
trigrams as postings, and the runs themselves (space-separated) to check longer queries.
Only pyarrow is used (numpy is not a dependency of the project).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

INT32 = pa.int32()


@dataclass(frozen=True)
class Postings:
    """For each n-gram, the sorted dataset positions that contain it."""

    spans: dict[str, tuple[int, int]]
    positions: pa.Array  # int32, grouped by n-gram, ascending within a group

    def get(self, key: str) -> pa.Array:
        """The positions holding this n-gram (empty if none)."""
        span = self.spans.get(key)
        if span is None:
            return self.positions.slice(0, 0)
        return self.positions.slice(span[0], span[1] - span[0])

    @property
    def nbytes(self) -> int:
        """Approximate memory held (arrays plus the Python dictionary)."""
        return self.positions.nbytes + 120 * len(self.spans)


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
        """Approximate memory held."""
        return self.uni.nbytes + self.bi.nbytes + self.tri.nbytes + self.runs.nbytes


def _pairs(keys: pa.Array, pos: pa.Array) -> pa.Table:
    """Distinct (key, position) pairs."""
    table = pa.table({"key": keys, "pos": pos})
    return table.group_by(["key", "pos"], use_threads=False).aggregate([])


def _chunk(docs: pa.Array, first: int) -> tuple[pa.Table, pa.Table, pa.Table, pa.Array]:
    """N-gram pairs and runs text of one chunk of documents starting at position ``first``."""
    lists = pc.split_pattern(docs, " ")
    toks = pc.list_flatten(lists)
    parent = pc.add(pc.list_parent_indices(lists), first).cast(INT32)
    lens = pc.utf8_length(toks)
    head = pc.utf8_slice_codeunits(toks, 0, 1)
    two = pc.equal(lens, 2)
    nonempty = pc.greater(lens, 0)
    uni = _pairs(head.filter(nonempty), parent.filter(nonempty))
    bi = _pairs(toks.filter(two), parent.filter(two))
    n = len(toks)
    if n > 1:
        # A trigram: two consecutive two-character tokens of one document (hence of one run).
        same = pc.equal(parent.slice(0, n - 1), parent.slice(1))
        both = pc.and_(pc.and_(two.slice(0, n - 1), two.slice(1)), same)
        tail = pc.utf8_slice_codeunits(toks.slice(1), 1, 2)
        tri_keys = pc.binary_join_element_wise(toks.slice(0, n - 1), tail, "")
        tri = _pairs(tri_keys.filter(both), parent.slice(0, n - 1).filter(both))
        last = pc.invert(same)
        last = pa.concat_arrays([last, pa.array([True])])
    else:
        tri = _pairs(pa.array([], pa.string()), pa.array([], INT32))
        last = pa.array([True] * n)
    # Runs text: each token's first character, a space after a one-character token (end of
    # a run), and the whole token when it is a document's last and has two characters
    # (truncated at MAX_INDEX_TOKENS).
    piece = pc.if_else(pc.and_(two, last), toks,
                       pc.if_else(pc.equal(lens, 1), pc.binary_join_element_wise(head, " ", ""),
                                  head))
    per_doc = pa.ListArray.from_arrays(lists.offsets, piece)
    runs = pc.utf8_trim_whitespace(pc.binary_join(per_doc, ""))
    return uni, bi, tri, runs


def _postings(parts: list[pa.Table]) -> Postings:
    """Merge per-chunk pair tables into postings grouped by n-gram."""
    table = pa.concat_tables(parts).sort_by([("key", "ascending"), ("pos", "ascending")])
    keys = table.column("key").combine_chunks()
    n = len(keys)
    if n == 0:
        return Postings(spans={}, positions=pa.array([], INT32))
    change = pc.indices_nonzero(pc.not_equal(keys.slice(1), keys.slice(0, n - 1)))
    starts = [0, *pc.add(change, 1).to_pylist()]
    names = keys.take(pa.array(starts)).to_pylist()
    ends = [*starts[1:], n]
    return Postings(spans=dict(zip(names, zip(starts, ends, strict=True), strict=True)),
                    positions=table.column("pos").combine_chunks())


def build_text_index(docs: list[str], *, chunk: int = 5000) -> TextIndex:
    """Build the postings for the token strings of every dataset position, in order."""
    uni, bi, tri, runs = [], [], [], []
    for first in range(0, len(docs), chunk):
        part = pa.array(docs[first:first + chunk], type=pa.string())
        u, b, t, r = _chunk(part, first)
        uni.append(u)
        bi.append(b)
        tri.append(t)
        runs.append(r)
    runs_array = pa.concat_arrays([r.cast(pa.large_string()) for r in runs]) if runs \
        else pa.array([], pa.large_string())
    return TextIndex(size=len(docs), uni=_postings(uni), bi=_postings(bi), tri=_postings(tri),
                     runs=runs_array)


def match_term(index: TextIndex, term: str) -> pa.Array:
    """Sorted positions whose tokens match one query term as the SQL phrase/prefix query does."""
    if len(term) == 1:
        return index.uni.get(term)
    if len(term) == 2:
        return index.bi.get(term)
    if len(term) == 3:
        return index.tri.get(term)
    lists = sorted((index.tri.get(term[i:i + 3]) for i in range(len(term) - 2)), key=len)
    cand = lists[0]
    for other in lists[1:]:
        if not len(cand):
            break
        cand = cand.filter(pc.is_in(cand, value_set=other))
    if not len(cand):
        return cand
    return cand.filter(pc.match_substring(index.runs.take(cand), pattern=term))


def match_terms(index: TextIndex, terms: list[str]) -> pa.Array | None:
    """Sorted positions matching every term (None when there is no term: no text filter)."""
    if not terms:
        return None
    lists = sorted((match_term(index, term) for term in terms), key=len)
    cand = lists[0]
    for other in lists[1:]:
        if not len(cand):
            break
        cand = cand.filter(pc.is_in(cand, value_set=other))
    return cand
