"""The report of a run (加工方法等情報): achieved model figures, levels, utility and steps."""

from __future__ import annotations

from typing import Any

import pyarrow.compute as pc

from privacy.anonymise.config import Config
from privacy.anonymise.lattice import Problem, SearchResult
from privacy.anonymise.special import special_descriptions, step_texts


def _step(code: str, ja: str, en: str) -> dict[str, str]:
    """One processing step in both languages."""
    return {"step": code, "ja": ja, "en": en}


def steps_taken(config: Config, search: SearchResult, problem: Problem) -> list[dict[str, str]]:
    """The processing steps (加工方法等情報) in the order they were applied."""
    steps = []
    for name in config.names("identifier"):
        steps.append(_step("delete-identifier", f"識別子「{name}」の列を削除しました",
                           f"Deleted identifier column {name!r}"))
    for name in config.names("linking"):
        steps.append(_step(
            "replace-linking-code",
            f"連結符号「{name}」を無作為な符号に置き換えました（対応表は別に保管）",
            f"Replaced linking code {name!r} by random tokens (mapping kept apart)",
        ))
    for enc in problem.quasi:
        if enc.rare_rows:
            steps.append(_step(
                "top-code-rare",
                f"特異な記述: 「{enc.name}」の{enc.rare_rows}行（100歳以上など）を"
                "トップコーディングしました",
                f"Rare values: top-coded {enc.rare_rows} rows of {enc.name!r} (age 100 and over…)",
            ))
    special = special_descriptions(problem, search)
    ja, en = step_texts(special)
    steps.append(_step("special-descriptions", ja, en))
    for enc, level in zip(problem.quasi, search.node or (), strict=False):
        steps.append(_step(
            "generalise",
            f"「{enc.name}」を階層の水準{level}（全{enc.height - 1}）に一般化しました",
            f"Generalised {enc.name!r} to hierarchy level {level} of {enc.height - 1}",
        ))
    suppressed = search.utility.suppressed if search.utility else 0
    steps.append(_step(
        "suppress-records",
        f"条件を満たさない同値クラスの{suppressed}行を削除しました",
        f"Deleted {suppressed} rows of equivalence classes that violate the models",
    ))
    return steps


def build_report(*, config: Config, problem: Problem, search: SearchResult) -> dict[str, Any]:
    """Assemble the JSON report; it never holds a linking code or its token."""
    ev, util = search.evaluation, search.utility
    assert ev is not None and util is not None and search.node is not None
    kept = ev.classes.filter(pc.invert(ev.classes["bad"]))
    sizes = kept["n"].to_pylist()
    distribution: dict[str, int] = {}
    for s in sorted(sizes):
        distribution[str(s)] = distribution.get(str(s), 0) + 1
    special = special_descriptions(problem, search)
    unique_before = special["unique_combinations_before"]
    model = config.model
    report: dict[str, Any] = {
        "k": min(sizes) if sizes else 0,
        "rows_in": problem.total,
        "rows_out": problem.total - util.suppressed,
        "suppressed_rows": util.suppressed,
        "suppression_rate": util.suppressed / problem.total if problem.total else 0.0,
        "levels": {e.name: lv for e, lv in zip(problem.quasi, search.node, strict=True)},
        "heights": {e.name: e.height - 1 for e in problem.quasi},
        "model": {"k": model.k, "l": model.l, "l_kind": model.l_kind, "t": model.t,
                  "max_suppression": model.max_suppression},
        "utility": {"metric": config.metric, "loss": util.loss,
                    "discernibility": util.discernibility, "classes": util.classes,
                    "average_class_size": util.average_class_size},
        "class_sizes": distribution,
        "rare": [{"column": e.name, "rows": e.rare_rows} for e in problem.quasi if e.rare_rows],
        "unique_combinations_before": unique_before,
        "special_descriptions": special,
        "search": {"algorithm": search.algorithm,
                   "lattice_size": search.lattice_size, "evaluated": search.evaluated,
                   "tagged": search.tagged},
        "steps": steps_taken(config, search, problem),
        "summary_ja": (f"k={min(sizes) if sizes else 0}匿名性を達成し、{util.suppressed}行"
                       f"（{util.suppressed / max(problem.total, 1):.2%}）を削除しました"),
        "summary_en": (f"Achieved {min(sizes) if sizes else 0}-anonymity, deleting "
                       f"{util.suppressed} rows ({util.suppressed / max(problem.total, 1):.2%})"),
    }
    if model.l is not None:
        report["l"] = ev.min_l
        report["l_kind"] = model.l_kind
    if model.t is not None:
        report["t"] = ev.max_t
    return report
