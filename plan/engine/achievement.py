"""Achievement rate (達成率) of a KPI and its grade (A/B/C/D), direction-aware.

The rate measures progress from the baseline (基準値) to the target (目標値): 0 % means no
progress from the baseline, 100 % means the target is reached, and values beyond 100 % mean
it was exceeded. Without a baseline, the rate is actual/target (or target/actual when lower
is better), the way most municipal 進捗評価表 compute it.
"""

from __future__ import annotations

from dataclasses import dataclass

HIGHER = "higher"
LOWER = "lower"
DEFAULT_THRESHOLDS = {"A": 100.0, "B": 80.0, "C": 50.0}
GRADES = ("A", "B", "C", "D")


@dataclass(frozen=True, kw_only=True)
class Thresholds:
    """Minimum 達成率 (%) for grades A, B and C; below C is D."""

    a: float = 100.0
    b: float = 80.0
    c: float = 50.0

    @classmethod
    def from_mapping(cls, mapping: dict | None) -> Thresholds:
        """Thresholds from a plan's ``grading`` mapping ({"A": 100, "B": 80, "C": 50})."""
        merged = {**DEFAULT_THRESHOLDS, **(mapping or {})}
        return cls(a=float(merged["A"]), b=float(merged["B"]), c=float(merged["C"]))

    def is_ordered(self) -> bool:
        """True when A ≥ B ≥ C (anything else makes grades meaningless)."""
        return self.a >= self.b >= self.c


def achievement_rate(*, actual: float, target: float, direction: str = HIGHER,
                     baseline: float | None = None) -> float | None:
    """達成率 in percent, or None when it cannot be computed (e.g. a zero target)."""
    if direction not in (HIGHER, LOWER):
        raise ValueError(f"direction must be higher or lower: {direction!r}")
    if baseline is not None:
        span = (target - baseline) if direction == HIGHER else (baseline - target)
        gained = (actual - baseline) if direction == HIGHER else (baseline - actual)
        if span == 0:
            # The target is the baseline itself: keeping it is full achievement.
            return 100.0 if gained >= 0 else 0.0
        if span < 0:
            # A target on the wrong side of the baseline: fall back to the plain ratio.
            return achievement_rate(actual=actual, target=target, direction=direction)
        return gained / span * 100.0
    if direction == HIGHER:
        if target == 0:
            return None
        return actual / target * 100.0
    if actual == 0:
        # Nothing left of what should go down (e.g. 0 minutes of waiting): the target is met;
        # target/actual would divide by zero, so this boundary is defined as 100 %.
        return 100.0 if target >= 0 else None
    if actual < 0 or target < 0:
        return None
    return target / actual * 100.0


def grade(rate: float | None, thresholds: Thresholds | None = None) -> str | None:
    """The grade of a 達成率: A ≥ thresholds.a, B ≥ b, C ≥ c, otherwise D (None: no rate)."""
    if rate is None:
        return None
    t = thresholds or Thresholds()
    if rate >= t.a:
        return "A"
    if rate >= t.b:
        return "B"
    if rate >= t.c:
        return "C"
    return "D"


def target_for(targets: dict[int, float], fiscal_year: int) -> tuple[int, float] | None:
    """The target that applies in a fiscal year: its own, else the next one set, else the last."""
    if not targets:
        return None
    if fiscal_year in targets:
        return fiscal_year, targets[fiscal_year]
    later = sorted(fy for fy in targets if fy > fiscal_year)
    chosen = later[0] if later else max(targets)
    return chosen, targets[chosen]
