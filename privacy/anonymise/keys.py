"""Equivalence classes of a lattice node as one int64 key per class (fixed mixed radix).

Each quasi-identifier q gets a fixed stride (the product of the level-0 domain sizes before
it). A code at any level is smaller than the level-0 domain size (levels only merge values),
so ``key = Σ code_q(level_q) × stride_q`` is unique for every node with the same strides,
and any code can be read back from a key: ``(key // stride_q) % size_q``. Evaluating a node is
then a few integer additions over the level-0 classes and one group-by on a single int64
column, instead of a multi-column group-by over strings or codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from privacy.anonymise.hierarchies import Encoded

Node = tuple[int, ...]
_MAX_KEY = 2**62
# Classes of evaluated nodes kept for roll-ups (16 bytes a class).
_CACHE_BYTES = 128 * 1024 * 1024


@dataclass
class KeyedClasses:
    """Level-0 classes (one row per distinct combination of level-0 codes) and their keys."""

    quasi: list[Encoded]
    codes: list[pa.Array]  # per quasi-identifier: level-0 code of each class (int32)
    n: pa.Array  # rows per level-0 class (int64)
    distinct: bool = False  # whether the level-0 classes hold no sensitive split (one per key)
    strides: list[int] = field(init=False)
    sizes: list[int] = field(init=False)
    _scaled: dict[tuple[int, int], pa.Array] = field(init=False, default_factory=dict)
    _cache: dict[Node, pa.Table] = field(init=False, default_factory=dict)
    _cached_bytes: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        """Fix the strides from the level-0 domain sizes."""
        self.sizes = [max(len(e.labels[0]), 1) for e in self.quasi]
        self.strides = []
        stride = 1
        for size in self.sizes:
            self.strides.append(stride)
            stride *= size
        self.usable = stride < _MAX_KEY

    def maps(self, q: int, level: int) -> pa.Array:
        """Level-0 code → code at `level` for quasi-identifier q (a small int32 array)."""
        enc = self.quasi[q]
        up = pa.array(range(len(enc.labels[0])), pa.int32())
        for lv in range(level):
            up = pc.take(enc.parents[lv], up)
        return up

    def scaled(self, q: int, level: int) -> pa.Array:
        """Codes of the classes at a level times the stride, as int64 (computed once)."""
        got = self._scaled.get((q, level))
        if got is None:
            codes = self.codes[q] if level == 0 else pc.take(self.maps(q, level), self.codes[q])
            got = pc.multiply(pc.cast(codes, pa.int64()), self.strides[q])
            self._scaled[(q, level)] = got
        return got

    def key(self, node: Node) -> pa.Array:
        """The class key of every level-0 class at a node."""
        key = self.scaled(0, node[0])
        for q in range(1, len(node)):
            key = pc.add(key, self.scaled(q, node[q]))
        return key

    def classes(self, node: Node) -> pa.Table:
        """The node's equivalence classes: ``key`` and ``n`` (rows in the class).

        Rolled up from the smallest already computed node below it when there is one (its
        classes only merge going up), else computed from the level-0 classes.
        """
        source = self._source(node)
        if source is None:
            key, n = self.key(node), self.n
        else:
            below, table = source
            key, n = table["key"], table["n"]
            for q, (a, b) in enumerate(zip(below, node, strict=True)):
                if a == b:
                    continue
                old = self.decode(key, q)
                new = pc.take(self.up(q, a, b), old)
                delta = pc.subtract(pc.cast(new, pa.int64()), pc.cast(old, pa.int64()))
                key = pc.add(key, pc.multiply(delta, self.strides[q]))
        t = pa.table({"key": key, "n": n})
        if source is None and self.distinct and not any(node):
            out = t  # the level-0 classes are already one row per combination
        else:
            out = t.group_by("key").aggregate([("n", "sum")]).rename_columns(["key", "n"])
        if self._cached_bytes + out.nbytes <= _CACHE_BYTES:
            self._cache[node] = out
            self._cached_bytes += out.nbytes
        return out

    def _source(self, node: Node) -> tuple[Node, pa.Table] | None:
        """The smallest computed node at or below `node` in every quasi-identifier."""
        best = None
        for other, table in self._cache.items():
            if all(a <= b for a, b in zip(other, node, strict=True)) and (
                best is None or table.num_rows < best[1].num_rows
            ):
                best = (other, table)
        return best

    def up(self, q: int, level: int, to: int) -> pa.Array:
        """Code at `level` → code at level `to` for quasi-identifier q (small int32 array)."""
        enc = self.quasi[q]
        codes = pa.array(range(len(enc.labels[level])), pa.int32())
        for lv in range(level, to):
            codes = pc.take(enc.parents[lv], codes)
        return codes

    def decode(self, keys: pa.Array, q: int) -> pa.Array:
        """The code of quasi-identifier q in each key (int32)."""
        return _decode(keys, self.strides[q], self.sizes[q])

    def row_key(self, node: Node) -> pa.Array:
        """The class key of every input row at a node (for suppression of whole rows)."""
        key = None
        for q, level in enumerate(node):
            enc = self.quasi[q]
            codes = enc.codes if level == 0 else pc.take(self.maps(q, level), enc.codes)
            part = pc.multiply(pc.cast(codes, pa.int64()), self.strides[q])
            key = part if key is None else pc.add(key, part)
        assert key is not None
        return key


def _decode(keys: pa.Array, stride: int, size: int) -> pa.Array:
    """The digit of a mixed-radix key at a stride, as int32."""
    div = pc.divide(keys, stride) if stride > 1 else keys
    return pc.cast(pc.subtract(div, pc.multiply(pc.divide(div, size), size)), pa.int32())


def level0_classes(quasi: list[Encoded]) -> pa.Table | None:
    """The level-0 classes of the rows (``q0 …`` codes and ``n``) grouped on one int64 key.

    Faster than a group-by on several code columns; None when the key could overflow.
    """
    sizes = [max(len(e.labels[0]), 1) for e in quasi]
    strides = []
    stride = 1
    for size in sizes:
        strides.append(stride)
        stride *= size
    if stride >= _MAX_KEY or not quasi:
        return None
    key = None
    for e, st in zip(quasi, strides, strict=True):
        part = pc.cast(e.codes, pa.int64())
        part = pc.multiply(part, st) if st > 1 else part
        key = part if key is None else pc.add(key, part)
    grouped = pa.table({"key": key}).group_by("key").aggregate([([], "count_all")])
    keys = grouped["key"].combine_chunks()
    cols = {f"q{q}": _decode(keys, st, size)
            for q, (st, size) in enumerate(zip(strides, sizes, strict=True))}
    return pa.table({**cols, "n": grouped["count_all"]})


def small_classes(classes: pa.Table, k: int) -> pa.Table:
    """The classes smaller than k (those k-anonymity suppresses)."""
    return classes.filter(pc.less(classes["n"], k))
