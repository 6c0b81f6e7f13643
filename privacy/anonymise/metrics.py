"""Utility metrics of a node: generalisation loss, discernibility and suppressed rows."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from privacy.anonymise.models import Evaluation


@dataclass(frozen=True)
class Utility:
    """Utility figures of one node (lower is better for each)."""

    loss: float  # 0 = data as is, 1 = everything generalised to * or suppressed
    discernibility: int  # Σ class size² over kept classes + suppressed rows × all rows
    suppressed: int
    classes: int  # equivalence classes kept
    average_class_size: float

    def value(self, metric: str) -> float:
        """The figure the search minimises for a metric name."""
        return {"loss": self.loss, "discernibility": self.discernibility,
                "suppressed": self.suppressed}[metric]


def loss_tables(leaves: list[pa.Array]) -> list[pa.Array]:
    """Per level, each label's loss: (level-0 values it covers − 1) / (domain size − 1)."""
    domain = pc.sum(leaves[0]).as_py() or 1.0
    if domain <= 1:
        return [pc.multiply(lv, 0.0) for lv in leaves]
    return [pc.divide(pc.subtract(lv, 1.0), domain - 1.0) for lv in leaves]


def utility(
    ev: Evaluation, *, node: tuple[int, ...], loss_by_level: list[list[pa.Array]], total: int
) -> Utility:
    """Compute the utility figures of an evaluated node (ARX's Loss and discernibility)."""
    kept = ev.classes.filter(pc.invert(ev.classes["bad"]))
    sizes = pc.cast(kept["n"], pa.float64())
    m = len(node)
    cell_loss = 0.0
    for q, level in enumerate(node):
        per_class = pc.take(loss_by_level[q][level], kept[f"q{q}"])
        cell_loss += pc.sum(pc.multiply(per_class, sizes)).as_py() or 0.0
    loss = (cell_loss + ev.suppressed * m) / (total * m) if total and m else 0.0
    disc = int(pc.sum(pc.multiply(sizes, sizes)).as_py() or 0) + ev.suppressed * total
    n_classes = kept.num_rows
    return Utility(
        loss=loss,
        discernibility=disc,
        suppressed=ev.suppressed,
        classes=n_classes,
        average_class_size=(total - ev.suppressed) / n_classes if n_classes else 0.0,
    )
