"""特異な記述 (rare values and unique combinations): what was found and how it was handled.

The PPC's standard asks that 特異な記述 be deleted or replaced. Here they are found in the
input (values of a quasi-identifier held by fewer than k people, ages top-coded at 100, rows
whose combination of quasi-identifiers is unique) and followed through the chosen node: each
such row is either generalised into a label that at least k people share, or suppressed.
The report gives counts only, never the rare values themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

if TYPE_CHECKING:
    from privacy.anonymise.lattice import Problem, SearchResult


def _bad_base(problem: Problem, search: SearchResult) -> pa.Array | None:
    """Mask of the level-0 classes that fall in a suppressed class at the chosen node."""
    ev, node = search.evaluation, search.node
    if ev is None or node is None or not problem.keyed.usable:
        return None
    bad = ev.classes.filter(ev.classes["bad"])
    keys = None
    for q, stride in enumerate(problem.keyed.strides):
        part = pc.multiply(pc.cast(bad[f"q{q}"], pa.int64()), stride)
        keys = part if keys is None else pc.add(keys, part)
    if keys is None or len(keys) == 0:
        return pa.array([False] * problem.base.num_rows, pa.bool_())
    return pc.is_in(problem.keyed.key(node), value_set=keys)


def special_descriptions(problem: Problem, search: SearchResult) -> dict[str, Any]:
    """Count rare values and unique combinations and how the chosen node handled them."""
    k = problem.model.k
    base, n = problem.base, problem.base["n"]
    bad = _bad_base(problem, search)
    columns = []
    for q, enc in enumerate(problem.quasi):
        counts = pa.table({"c": base[f"q{q}"], "n": n}).group_by("c").aggregate([("n", "sum")])
        rare_codes = counts.filter(pc.less(counts["n_sum"], k))
        rare_rows = pc.sum(rare_codes["n_sum"]).as_py() or 0
        entry: dict[str, Any] = {"column": enc.name, "rare_values": rare_codes.num_rows,
                                 "rare_rows": rare_rows, "top_coded_rows": enc.rare_rows}
        if rare_rows and bad is not None:
            in_rare = pc.is_in(base[f"q{q}"], value_set=rare_codes["c"])
            gone = pc.sum(pc.if_else(pc.and_(in_rare, bad), n, 0)).as_py() or 0
            entry["suppressed_rows"] = gone
            entry["generalised_rows"] = rare_rows - gone
        columns.append(entry)
    if problem.scols:
        sizes = base.group_by(problem.qcols).aggregate([("n", "sum")])["n_sum"]
    else:
        sizes = n  # without sensitive columns the level-0 classes are the combinations
    unique = pc.equal(sizes, 1)
    out: dict[str, Any] = {
        "k": k,
        "columns": columns,
        "unique_combinations_before": pc.sum(unique).as_py() or 0,
    }
    if search.evaluation is not None:
        kept = search.evaluation.classes.filter(pc.invert(search.evaluation.classes["bad"]))
        out["unique_combinations_after"] = pc.sum(pc.equal(kept["n"], 1)).as_py() or 0
    return out


def step_texts(info: dict[str, Any]) -> tuple[str, str]:
    """The processing step for 特異な記述 in Japanese and English."""
    rare = sum(c["rare_rows"] for c in info["columns"])
    top = sum(c["top_coded_rows"] for c in info["columns"])
    before, after = info["unique_combinations_before"], info.get("unique_combinations_after", 0)
    return (
        f"特異な記述: 出現が{info['k']}人未満の値を持つ{rare}行を一般化または削除し、"
        f"{top}行をトップコーディングしました。準識別子の組合せが一意な行は{before}行から"
        f"{after}行になりました",
        f"Special descriptions: {rare} rows holding a value shared by fewer than {info['k']} "
        f"people were generalised or deleted and {top} rows top-coded; rows with a unique "
        f"combination of quasi-identifiers went from {before} to {after}",
    )
