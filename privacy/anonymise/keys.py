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


@dataclass
class KeyedClasses:
    """Level-0 classes (one row per distinct combination of level-0 codes) and their keys."""

    quasi: list[Encoded]
    codes: list[pa.Array]  # per quasi-identifier: level-0 code of each class (int32)
    n: pa.Array  # rows per level-0 class (int64)
    strides: list[int] = field(init=False)
    sizes: list[int] = field(init=False)
    _scaled: dict[tuple[int, int], pa.Array] = field(init=False, default_factory=dict)

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
        """The node's equivalence classes: ``key`` and ``n`` (rows in the class)."""
        t = pa.table({"key": self.key(node), "n": self.n})
        return t.group_by("key").aggregate([("n", "sum")]).rename_columns(["key", "n"])

    def decode(self, keys: pa.Array, q: int) -> pa.Array:
        """The code of quasi-identifier q in each key (int32)."""
        div = pc.divide(keys, self.strides[q]) if self.strides[q] > 1 else keys
        rem = pc.subtract(div, pc.multiply(pc.divide(div, self.sizes[q]), self.sizes[q]))
        return pc.cast(rem, pa.int32())

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


def small_classes(classes: pa.Table, k: int) -> pa.Table:
    """The classes smaller than k (those k-anonymity suppresses)."""
    return classes.filter(pc.less(classes["n"], k))
