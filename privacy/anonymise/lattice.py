"""Search of the generalisation lattice for the optimal full-domain generalisation.

Two strategies, both exact over the whole lattice:

- ``search_by_bound`` (the loss metric, the default): nodes in increasing order of a lower
  bound of their loss (the loss of generalising every row, from per-level constants), each
  evaluated as one group-by on an int64 class key (:mod:`privacy.anonymise.keys`) rolled up
  from the smallest node already computed below it; a node failing k-anonymity even with
  suppression rules out every node below it (monotonicity), and the search stops when the
  bound passes the best loss found.
- ``search_bfs`` (discernibility, suppressed rows): bottom-up breadth-first search by height
  after a top-down pass that tags k-failing nodes; with monotone models and no suppression a
  node above a passing node is tagged as passing and dominated (predictive tagging).

``exhaustive`` evaluates every node from level 0 with the plain frequency-set code, for the
tests that check both strategies.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from privacy.anonymise.config import ModelSpec
from privacy.anonymise.hierarchies import Encoded
from privacy.anonymise.keys import KeyedClasses, level0_classes
from privacy.anonymise.metrics import Utility, loss_tables, utility
from privacy.anonymise.models import Evaluation, evaluate, is_monotone

Node = tuple[int, ...]
_CACHE_BYTES = 512 * 1024 * 1024
# Failures seen before a failing node is climbed from: climbing costs evaluations, and pays
# only when many low nodes fail (no or little suppression allowed).
_CLIMB_AFTER = 8


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
        base = None if sens else level0_classes(self.quasi)
        if base is None:
            keys = list(cols)
            base = pa.table(cols).group_by(keys).aggregate([([], "count_all")]).rename_columns(
                [*keys, "n"]
            )
        self.base = base
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
        self._base_levels: dict[tuple[int, int], pa.ChunkedArray | pa.Array] = {}
        self.base_n = self.base["n"]
        self.keyed = KeyedClasses(
            quasi=self.quasi, codes=[self.base[c] for c in self.qcols], n=self.base_n,
            distinct=not sens,
        )

    def base_level(self, q: int, level: int) -> pa.ChunkedArray | pa.Array:
        """Codes of each level-0 class at a level of quasi-identifier q (computed once)."""
        got = self._base_levels.get((q, level))
        if got is None:
            col = self.base[f"q{q}"]
            got = col if level == 0 else pc.take(self.keyed.maps(q, level), col)
            self._base_levels[(q, level)] = got
        return got

    def row_loss(self) -> list[list[float]]:
        """Per quasi-identifier and level, the mean loss of generalising every row to it."""
        out = []
        for q, tables in enumerate(self.loss_by_level):
            counts = pa.table({"c": self.base[f"q{q}"], "n": self.base_n}).group_by("c").aggregate(
                [("n", "sum")])
            weights = pc.cast(counts["n_sum"], pa.float64())
            out.append([
                (pc.sum(pc.multiply(pc.take(tab, pc.take(self.keyed.maps(q, lv), counts["c"])),
                                    weights)).as_py() or 0.0) / max(self.total, 1)
                for lv, tab in enumerate(tables)
            ])
        return out

    def k_suppressed(self, node: Node) -> int:
        """Rows in classes smaller than k at a node (the cheap, monotone part of the check)."""
        if self.keyed.usable:
            sizes = self.keyed.classes(node)["n"]
            return pc.sum(pc.if_else(pc.less(sizes, self.model.k), sizes, 0)).as_py() or 0
        key = None
        card = 1
        for q, level in enumerate(node):
            codes = pc.cast(self.base_level(q, level), pa.int64())
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

    def freq_from_keys(self, classes: pa.Table, node: Node) -> pa.Table:
        """Frequency set of a node from its keyed classes (no sensitive columns needed)."""
        cols = {f"q{q}": self.keyed.decode(classes["key"], q) for q in range(len(node))}
        return pa.table({**cols, "n": classes["n"]})

    def freq_at(self, node: Node) -> pa.Table:
        """Frequency set of a node computed straight from level 0 (no cache)."""
        freq = self.base
        for q, level in enumerate(node):
            freq = freq.set_column(q, f"q{q}", self.base_level(q, level))
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
    algorithm: str = "bottom-up BFS with predictive tagging and roll-up"


def rank(u: Utility, node: Node, metric: str) -> tuple:
    """Sort key of a passing node: metric, then loss, then total level, then the levels."""
    return (u.value(metric), u.loss, sum(node), node)


def search(problem: Problem) -> SearchResult:
    """Find the node satisfying the models with the lowest metric."""
    if problem.metric == "loss" and problem.keyed.usable:
        return search_by_bound(problem)
    return search_bfs(problem)


def search_by_bound(problem: Problem) -> SearchResult:
    """Best-first search for the loss metric: nodes in order of a lower bound of their loss.

    The loss of a node is at least the loss of generalising every row to it (a suppressed
    cell costs 1, the most a cell can cost), a bound computed from per-level constants without
    touching the data. Nodes are taken in increasing bound; the search stops when the bound
    exceeds the best loss found, so the result is the optimum over the whole lattice. A node
    whose k-anonymity check fails even with suppression makes every node below it fail
    (monotonicity), and those are skipped unseen.
    """
    heights = [e.height for e in problem.quasi]
    nodes = list(itertools.product(*(range(h) for h in heights)))
    m = len(heights)
    row_loss = problem.row_loss()
    lower = {n: sum(row_loss[q][lv] for q, lv in enumerate(n)) / m for n in nodes}
    order = sorted(nodes, key=lambda n: (lower[n], sum(n), n))
    k_only = problem.model.l is None and problem.model.t is None
    limit, k = problem.limit, problem.model.k
    failing: list[Node] = []
    best: tuple | None = None
    best_ev: tuple[Evaluation, Utility] | None = None
    evaluated = fails = 0
    for node in order:
        # A tolerance so that float noise never cuts off a node that ties with the best.
        if best is not None and lower[node] > best[0] + 1e-9:
            break
        if any(_below(node, f) for f in failing):
            continue
        classes = problem.keyed.classes(node)
        evaluated += 1
        small = classes.filter(pc.less(classes["n"], k))
        suppressed = pc.sum(small["n"]).as_py() or 0
        if suppressed > limit:
            fails += 1
            top = node
            if fails > _CLIMB_AFTER:
                top, climbed = _climb(problem, node, heights, failing)
                evaluated += climbed
            # Keep only the maximal failing nodes: each one stands for its whole down-set.
            failing[:] = [f for f in failing if not _below(f, top)] + [top]
            continue
        if k_only:
            if best is not None and _fast_loss(problem, node, small, lower[node],
                                               suppressed) > best[0] + 1e-9:
                continue
            freq = problem.freq_from_keys(classes, node)
        else:
            freq = problem.freq_at(node)
        ev, u = problem.assess(freq, node)
        if ev.passes:
            key = rank(u, node, problem.metric)
            if best is None or key < best:
                best, best_ev = key, (ev, u)
    return SearchResult(
        node=best[3] if best else None,
        evaluation=best_ev[0] if best_ev else None,
        utility=best_ev[1] if best_ev else None,
        lattice_size=len(nodes),
        evaluated=evaluated,
        tagged=len(nodes) - evaluated,
        algorithm="best-first by a lower bound of the loss, monotonicity pruning, int64 keys",
    )


def _below(a: Node, b: Node) -> bool:
    """Whether node a is b or a generalisation-wise predecessor of b."""
    return all(x <= y for x, y in zip(a, b, strict=True))


def _climb(problem: Problem, node: Node, heights: list[int],
           failing: list[Node]) -> tuple[Node, int]:
    """From a node failing k-anonymity, go up while a successor fails too; return the top.

    Monotonicity makes every node below the top fail as well, so one climb (like the paths of
    ARX's Flash) rules out a large part of the lattice; returns the number of nodes checked.
    """
    checked = 0
    current = node
    moved = True
    while moved:
        moved = False
        for i in range(len(current)):
            if current[i] + 1 >= heights[i]:
                continue
            up = (*current[:i], current[i] + 1, *current[i + 1 :])
            if not any(_below(up, f) for f in failing):
                checked += 1
                if problem.k_suppressed(up) <= problem.limit:
                    continue
            current, moved = up, True
            break
    return current, checked


def _fast_loss(problem: Problem, node: Node, small: pa.Table, lower: float,
               suppressed: int) -> float:
    """A node's loss from its bound: suppressed rows cost 1 per cell instead of their label."""
    m = len(node)
    cells = 0.0
    if small.num_rows:
        sizes = pc.cast(small["n"], pa.float64())
        for q, level in enumerate(node):
            codes = problem.keyed.decode(small["key"], q)
            per = pc.take(problem.loss_by_level[q][level], codes)
            cells += pc.sum(pc.multiply(per, sizes)).as_py() or 0.0
    total = problem.total * m
    return (lower * total - cells + suppressed * m) / total if total else 0.0


def search_bfs(problem: Problem) -> SearchResult:
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
    row_loss = problem.row_loss() if problem.metric == "loss" else None
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
