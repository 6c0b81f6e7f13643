"""Privacy models on a frequency set: k-anonymity, l-diversity (distinct, entropy), t-closeness.

A frequency set is a ``pa.Table`` with one int32 column per quasi-identifier (``q0 …``, codes at
the node's levels), one per sensitive attribute (``s0 …``, codes) and ``n`` (rows it stands for).
Classes that violate a model are suppressed (their rows deleted); a node passes when the
suppressed rows stay within the limit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from privacy.anonymise.config import ModelSpec


@dataclass
class Evaluation:
    """What one node of the lattice gives: its classes, suppressed rows and whether it passes."""

    classes: pa.Table  # q columns, "n" (class size), "bad" (suppressed class)
    suppressed: int
    suppressed_monotone: int  # rows suppressed by the monotone models alone (k, distinct-l)
    passes: bool
    passes_monotone: bool
    min_l: float | None = None  # smallest l (distinct count or exp(entropy)) among kept classes
    max_t: float | None = None  # largest distance among kept classes


def is_monotone(model: ModelSpec) -> bool:
    """Whether "passes with suppression" can only improve with generalisation for this model.

    k-anonymity and distinct l-diversity are; entropy l-diversity and t-closeness are only when
    no suppression is allowed (merging a failing class into a passing one may fail).
    """
    if model.max_suppression == 0:
        return True
    return model.t is None and (model.l is None or model.l_kind == "distinct")


def _sensitive_stats(freq: pa.Table, qcols: list[str], s: str, priors: pa.Array) -> pa.Table:
    """Per class: distinct sensitive values, entropy and equal-distance EMD to the whole table."""
    cells = freq.group_by([*qcols, s]).aggregate([("n", "sum")]).rename_columns([*qcols, s, "c"])
    sizes = cells.group_by(qcols).aggregate([("c", "sum")]).rename_columns([*qcols, "size"])
    cells = cells.join(sizes, keys=qcols)
    c = pc.cast(cells["c"], pa.float64())
    size = pc.cast(cells["size"], pa.float64())
    p = pc.divide(c, size)
    prior = pc.take(priors, cells[s])
    cells = cells.append_column("plogp", pc.multiply(p, pc.ln(p)))
    cells = cells.append_column("gap", pc.abs(pc.subtract(p, prior)))
    cells = cells.append_column("prior", prior)
    stats = cells.group_by(qcols).aggregate(
        [("c", "count"), ("plogp", "sum"), ("gap", "sum"), ("prior", "sum")]
    )
    # Equal ground distance: EMD = ½ Σ|p − q|, values absent from the class contribute q each.
    emd = pc.multiply(
        pc.add(stats["gap_sum"], pc.subtract(1.0, stats["prior_sum"])), 0.5
    )
    return pa.table(
        {
            **{q: stats[q] for q in qcols},
            "distinct": stats["c_count"],
            "entropy": pc.negate(stats["plogp_sum"]),
            "emd": emd,
        }
    )


def evaluate(
    freq: pa.Table,
    *,
    qcols: list[str],
    scols: list[str],
    model: ModelSpec,
    priors: list[pa.Array],
    limit: int,
) -> Evaluation:
    """Check the models on one node's frequency set and count the rows to suppress."""
    classes = freq.group_by(qcols).aggregate([("n", "sum")]).rename_columns([*qcols, "n"])
    bad_mono = pc.less(classes["n"], model.k)
    bad = bad_mono
    l_values: list[pa.Array] = []
    t_values: list[pa.Array] = []
    if scols and (model.l is not None or model.t is not None):
        for s, prior in zip(scols, priors, strict=True):
            stats = _sensitive_stats(freq, qcols, s, prior)
            # Align with `classes` row order through a join on the class codes.
            joined = classes.select(qcols).append_column(
                "_i", pa.array(range(classes.num_rows), pa.int64())
            ).join(stats, keys=qcols).sort_by("_i")
            if model.l is not None:
                if model.l_kind == "distinct":
                    fail = pc.less(joined["distinct"], model.l)
                    bad_mono = pc.or_(bad_mono, fail)
                    l_values.append(pc.cast(joined["distinct"], pa.float64()))
                else:
                    fail = pc.less(joined["entropy"], math.log(model.l) - 1e-12)
                    l_values.append(pc.exp(joined["entropy"]))
                bad = pc.or_(bad, fail)
            if model.t is not None:
                t_values.append(joined["emd"])
                bad = pc.or_(bad, pc.greater(joined["emd"], model.t + 1e-12))
        bad = pc.or_(bad, bad_mono)
    sizes = classes["n"]
    suppressed = pc.sum(pc.if_else(bad, sizes, 0)).as_py() or 0
    suppressed_mono = pc.sum(pc.if_else(bad_mono, sizes, 0)).as_py() or 0
    classes = classes.append_column("bad", bad)
    keep = pc.invert(bad)
    min_l = (
        min((pc.min(pc.filter(v, keep)).as_py() or math.inf) for v in l_values)
        if l_values
        else None
    )
    max_t = max((pc.max(pc.filter(v, keep)).as_py() or 0.0) for v in t_values) if t_values else None
    return Evaluation(
        classes=classes,
        suppressed=suppressed,
        suppressed_monotone=suppressed_mono,
        passes=suppressed <= limit,
        passes_monotone=suppressed_mono <= limit,
        min_l=min_l,
        max_t=max_t,
    )
