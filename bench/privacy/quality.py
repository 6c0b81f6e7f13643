"""One utility function for both tools' outputs: ARX's Loss, suppression and achieved k.

The loss is Kanmin's own (``privacy.anonymise.metrics.loss_tables``): each generalised cell
costs (level-0 values its label covers − 1) / (domain size − 1), a suppressed row costs 1 per
quasi-identifier, averaged over every cell of the quasi-identifiers of the input. The level of
each column is read back from the output's labels (the lowest level whose labels contain them
all), so the same code scores Kanmin's and anjana's outputs alike.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from privacy.anonymise.hierarchies import encode
from privacy.anonymise.metrics import loss_tables


@dataclass(frozen=True)
class Quality:
    """What an output gives up: loss, suppressed rows, levels read back, achieved k."""

    loss: float
    suppressed_rows: int
    levels: dict[str, int]
    k: int
    classes: int


def read_text_csv(path: Path, columns: list[str] | None = None) -> pa.Table:
    """Read a CSV with every cell as text (no type inference, empty stays empty)."""
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    # Every column as text: inference would turn 0123 into 123.
    convert = pacsv.ConvertOptions(strings_can_be_null=False, include_columns=columns,
                                   column_types=dict.fromkeys(header, pa.string()))
    return pacsv.read_csv(path, convert_options=convert)


def score(*, original: pa.Table, output: pa.Table, quasi: list[str],
          hierarchy_dir: Path) -> Quality:
    """Score an anonymised output against its input with Kanmin's loss."""
    total = original.num_rows
    m = len(quasi)
    cell_loss = 0.0
    levels: dict[str, int] = {}
    for q in quasi:
        enc = encode(original[q], name=q, spec=f"csv:{q}.csv", base_dir=hierarchy_dir)
        values = pc.unique(output[q]).to_pylist()
        level = next((lv for lv in range(enc.height)
                      if set(values) <= set(enc.labels[lv])), None)
        if level is None:
            raise ValueError(f"{q}: output labels are not one level of the hierarchy")
        levels[q] = level
        index = pa.array(enc.labels[level], pa.string())
        codes = pc.index_in(output[q], value_set=index)
        per_label = loss_tables(enc.leaves)[level]
        cell_loss += pc.sum(pc.take(per_label, codes)).as_py() or 0.0
    suppressed = total - output.num_rows
    loss = (cell_loss + suppressed * m) / (total * m) if total and m else 0.0
    sizes = output.select(quasi).group_by(quasi).aggregate([([], "count_all")])["count_all"]
    return Quality(loss=loss, suppressed_rows=suppressed, levels=levels,
                   k=pc.min(sizes).as_py() or 0, classes=len(sizes))
