"""Search of the generalisation lattice for the optimal full-domain generalisation.

Bottom-up breadth-first search by height. Each node's frequency set is rolled up from an
already computed predecessor (one level lower in one column), so upper nodes cost little.
When the models and the metric are monotone (always so without suppression), a node above a
passing node is tagged as passing and dominated, and never evaluated (predictive tagging):
the optimum is then among the minimal passing nodes. Otherwise every node is evaluated.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from privacy.anonymise.config import ModelSpec
from privacy.anonymise.hierarchies import Encoded
from privacy.anonymise.metrics import Utility, loss_tables, utility
from privacy.anonymise.models import Evaluation, evaluate, is_monotone

Node = tuple[int, ...]
_CACHE_BYTES = 512 * 1024 * 1024


@dataclass
class Problem:
    """Encoded input of a search: quasi-identifiers, sensitive codes, model and metric."""

    quasi: list[Encoded]
    sensitive: list[pa.Array]  # int32 codes per row
    model: ModelSpec
    metric: str
    total: int
    base: pa.Table = field(init=False)
    priors: list[pa.Array] = field(init=False)
    loss_by_level: list[list[pa.Array]] = field(init=False)

    def __post_init__(self) -> None:
        """Build the level-0 frequency set, the sensitive priors and the loss tables."""
        cols = {f"q{i}": e.codes for i, e in enumerate(self.quasi)}
        needs_s = self.model.l is not None or self.model.t is not None
        sens = self.sensitive if needs_s else []
        cols.update({f"s{j}": s for j, s in enumerate(sens)})
        cols["n"] = pa.array([1] * self.total, pa.int64())
        keys = [c for c in cols if c != "n"]
        self.base = pa.table(cols).group_by(keys).aggregate([("n", "sum")]).rename_columns(
            [*keys, "n"]
        )
        self.priors = []
        for s in sens:
            counts = pc.value_counts(s)
            size = max(counts.field("values").to_pylist(), default=-1) + 1
            prior = [0.0] * size
            for v, c in zip(counts.field("values").to_pylist(),
                            counts.field("counts").to_pylist(), strict=True):
                prior[v] = c / self.total
            self.priors.append(pa.array(prior, pa.float64()))
        self.loss_by_level = [loss_tables(e.leaves) for e in self.quasi]
        # Codes of each base row at every level, so that any node is one group-by away.
        self.base_levels = []
        for q, enc in enumerate(self.quasi):
            levels = [self.base[f"q{q}"]]
            for lv in range(enc.height - 1):
                levels.append(pc.take(enc.parents[lv], levels[-1]))
            self.base_levels.append(levels)
        self.base_n = self.base["n"]

    def k_suppressed(self, node: Node) -> int:
        """Rows in classes smaller than k at a node (the cheap, monotone part of the check)."""
        key = None
        card = 1
        for q, level in enumerate(node):
            codes = pc.cast(self.base_levels[q][level], pa.int64())
            size = len(self.quasi[q].labels[level])
            if key is None:
                key, card = codes, size
                continue
            if card * size >= 2**62:
                # Re-densify the key before it could overflow int64.
                key = pc.cast(pc.dictionary_encode(key).indices, pa.int64())
                card = pc.max(key).as_py() + 1
            key = pc.add(pc.multiply(key, size), codes)
            card *= size
        sizes = pa.table({"key": key, "n": self.base_n}).group_by("key").aggregate(
            [("n", "sum")]
        )["n_sum"]
        return pc.sum(pc.if_else(pc.less(sizes, self.model.k), sizes, 0)).as_py() or 0

    @property
    def qcols(self) -> list[str]:
        """Names of the quasi-identifier code columns in frequency sets."""
        return [f"q{i}" for i in range(len(self.quasi))]

    @property
    def scols(self) -> list[str]:
        """Names of the sensitive code columns in frequency sets (empty without l or t)."""
        return [c for c in self.base.column_names if c.startswith("s")]

    @property
    def limit(self) -> int:
        """Most rows that may be suppressed."""
        return int(self.model.max_suppression * self.total + 1e-9)

    def roll_up(self, freq: pa.Table, *, q: int, level: int) -> pa.Table:
        """Generalise column q of a frequency set from `level` to `level + 1` and regroup."""
        col = f"q{q}"
        up = pc.take(self.quasi[q].parents[level], freq[col])
        freq = freq.set_column(freq.column_names.index(col), col, up)
        keys = [c for c in freq.column_names if c != "n"]
        return freq.group_by(keys).aggregate([("n", "sum")]).rename_columns([*keys, "n"])

    def freq_at(self, node: Node) -> pa.Table:
        """Frequency set of a node computed straight from level 0 (no cache)."""
        freq = self.base
        for q, level in enumerate(node):
            freq = freq.set_column(q, f"q{q}", self.base_levels[q][level])
        keys = [c for c in freq.column_names if c != "n"]
        return freq.group_by(keys).aggregate([("n", "sum")]).rename_columns([*keys, "n"])

    def assess(self, freq: pa.Table, node: Node) -> tuple[Evaluation, Utility]:
        """Evaluate the models and the utility of a node from its frequency set."""
        ev = evaluate(freq, qcols=self.qcols, scols=self.scols, model=self.model,
                      priors=self.priors, limit=self.limit)
        return ev, utility(ev, node=node, loss_by_level=self.loss_by_level, total=self.total)


@dataclass
class SearchResult:
    """The chosen node, its evaluation and what the search did."""

    node: Node | None
    evaluation: Evaluation | None
    utility: Utility | None
    lattice_size: int
    evaluated: int
    tagged: int  # nodes decided by predictive tagging without evaluation


def rank(u: Utility, node: Node, metric: str) -> tuple:
    """Sort key of a passing node: metric, then loss, then total level, then the levels."""
    return (u.value(metric), u.loss, sum(node), node)


def search(problem: Problem) -> SearchResult:
    """Find the node satisfying the models with the lowest metric (bottom-up BFS, roll-up)."""
    heights = [e.height for e in problem.quasi]
    size = 1
    for h in heights:
        size *= h
    # Predictive tagging needs monotone models and metric: both hold without suppression.
    prune = is_monotone(problem.model) and problem.model.max_suppression == 0
    # Lower bounds for branch and bound with suppression: a suppressed cell costs the most, so
    # loss is at least the loss of generalising every row; discernibility at least Σ n² of the
    # classes of any predecessor (classes only merge going up).
    row_loss = [
        [pc.sum(pc.take(tab, e.codes_at(lv))).as_py() / max(problem.total, 1) for lv, tab
         in enumerate(tables)]
        for e, tables in zip(problem.quasi, problem.loss_by_level, strict=True)
    ] if problem.metric == "loss" else None
    bound: dict[Node, float] = {}
    layers: dict[int, list[Node]] = {}
    for node in itertools.product(*(range(h) for h in heights)):
        layers.setdefault(sum(node), []).append(node)
    # Phase 1, top-down: k-anonymity with suppression is monotone, so a node failing it makes
    # every node below it fail too; those are tagged without being looked at.
    fails_k: set[Node] = set()
    for height in sorted(layers, reverse=True):
        for node in layers[height]:
            succs = [(*node[:i], node[i] + 1, *node[i + 1 :]) for i in range(len(node))
                     if node[i] + 1 < heights[i]]
            if any(x in fails_k for x in succs) or problem.k_suppressed(node) > problem.limit:
                fails_k.add(node)
    bottom: Node = tuple(0 for _ in heights)
    layer_cache: dict[Node, pa.Table] = {bottom: problem.base}
    passing: set[Node] = set()
    best: tuple | None = None
    best_ev: tuple[Evaluation, Utility] | None = None
    evaluated = tagged = 0
    for height in range(sum(h - 1 for h in heights) + 1):
        next_cache: dict[Node, pa.Table] = {}
        cached_bytes = 0
        for node in layers.get(height, []):
            preds = [(*node[:i], node[i] - 1, *node[i + 1:]) for i in range(len(node)) if node[i]]
            if node in fails_k:
                continue
            if prune and any(p in passing for p in preds):
                passing.add(node)
                tagged += 1
                continue
            if row_loss is not None:
                bound[node] = sum(row_loss[q][lv] for q, lv in enumerate(node)) / len(node)
            else:
                bound[node] = max((bound.get(p, 0.0) for p in preds), default=0.0)
            if best is not None and problem.metric != "suppressed" and bound[node] > best[0]:
                tagged += 1
                continue
            freq = layer_cache.get(node)
            if freq is None:
                known = [(layer_cache[p].num_rows, i, p) for i, p in _pred_index(node)
                         if p in layer_cache]
                if known:
                    _, q, p = min(known)
                    freq = problem.roll_up(layer_cache[p], q=q, level=p[q])
                else:
                    freq = problem.freq_at(node)
            ev, u = problem.assess(freq, node)
            evaluated += 1
            if problem.metric == "discernibility":
                sizes = pc.cast(ev.classes["n"], pa.float64())
                bound[node] = max(bound[node], pc.sum(pc.multiply(sizes, sizes)).as_py() or 0.0)
            if ev.passes:
                passing.add(node)
                key = rank(u, node, problem.metric)
                if best is None or key < best:
                    best, best_ev = key, (ev, u)
            if cached_bytes + freq.nbytes <= _CACHE_BYTES:
                next_cache[node] = freq
                cached_bytes += freq.nbytes
        layer_cache = next_cache
    return SearchResult(
        node=best[3] if best else None,
        evaluation=best_ev[0] if best_ev else None,
        utility=best_ev[1] if best_ev else None,
        lattice_size=size,
        evaluated=evaluated,
        tagged=tagged,
    )


def _pred_index(node: Node) -> list[tuple[int, Node]]:
    """Direct predecessors of a node with the column each one is one level lower in."""
    return [(i, (*node[:i], node[i] - 1, *node[i + 1:])) for i in range(len(node)) if node[i]]


def exhaustive(problem: Problem) -> dict[Node, tuple[Evaluation, Utility]]:
    """Evaluate every node of the lattice straight from level 0 (for tests and audits)."""
    heights = [e.height for e in problem.quasi]
    out = {}
    for node in itertools.product(*(range(h) for h in heights)):
        out[node] = problem.assess(problem.freq_at(node), node)
    return out
