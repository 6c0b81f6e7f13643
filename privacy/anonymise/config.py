"""Configuration of an anonymisation run, read from the JSON shape of issue 5."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Role = Literal["identifier", "linking", "quasi", "sensitive", "keep"]
Metric = Literal["loss", "discernibility", "suppressed"]
LKind = Literal["distinct", "entropy"]

_ROLES = ("identifier", "linking", "quasi", "sensitive", "keep")
_METRICS = ("loss", "discernibility", "suppressed")


class AnonymisationError(ValueError):
    """A configuration or input the engine refuses, with the reason in Japanese and English."""

    def __init__(self, code: str, message_ja: str, message_en: str) -> None:
        super().__init__(f"{message_ja} / {message_en}")
        self.code = code
        self.message_ja = message_ja
        self.message_en = message_en


@dataclass(frozen=True)
class ColumnSpec:
    """The role of one column and, for a quasi-identifier, its hierarchy."""

    name: str
    role: Role
    hierarchy: str | list[list[str]] | None = None


@dataclass(frozen=True)
class ModelSpec:
    """The privacy models to satisfy: k-anonymity, optional l-diversity and t-closeness."""

    k: int = 2
    l: int | None = None  # noqa: E741 - the model's own name
    l_kind: LKind = "distinct"
    t: float | None = None
    max_suppression: float = 0.0


@dataclass(frozen=True)
class Config:
    """Everything one run needs: column roles, models, minimum subjects and utility metric."""

    columns: dict[str, ColumnSpec]
    model: ModelSpec = field(default_factory=ModelSpec)
    min_subjects: int = 1000
    metric: Metric = "loss"
    base_dir: Path | None = None  # where "csv:PATH" hierarchies are resolved

    @classmethod
    def from_json(cls, data: dict[str, Any], *, base_dir: Path | str | None = None) -> Config:
        """Build a Config from the issue's JSON shape, refusing anything unknown or invalid."""
        if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
            raise _bad("設定には columns（列の役割）が必要です", "the config needs 'columns'")
        columns = {name: _column(name, spec) for name, spec in data["columns"].items()}
        model = _model(data.get("model") or {})
        min_subjects = data.get("min_subjects", 1000)
        if not isinstance(min_subjects, int) or isinstance(min_subjects, bool) or min_subjects < 0:
            raise _bad("min_subjects は0以上の整数です", "min_subjects must be an integer ≥ 0")
        metric = data.get("metric", "loss")
        if metric not in _METRICS:
            raise _bad(
                f"metric は {' / '.join(_METRICS)} のいずれかです: {metric!r}",
                f"metric must be one of {', '.join(_METRICS)}: {metric!r}",
            )
        if not any(c.role == "quasi" for c in columns.values()):
            raise _bad("準識別子（quasi）の列が一つもありません", "no quasi-identifier column")
        return cls(
            columns=columns,
            model=model,
            min_subjects=min_subjects,
            metric=metric,
            base_dir=Path(base_dir) if base_dir is not None else None,
        )

    def names(self, role: Role) -> list[str]:
        """Return the names of the columns with a given role, in config order."""
        return [c.name for c in self.columns.values() if c.role == role]


def _bad(ja: str, en: str) -> AnonymisationError:
    """Make the error raised for an invalid configuration."""
    return AnonymisationError("invalid-config", ja, en)


def _column(name: str, spec: Any) -> ColumnSpec:
    """Read one entry of "columns": a role string or an object with role and hierarchy."""
    if isinstance(spec, str):
        spec = {"role": spec}
    if not isinstance(spec, dict) or spec.get("role") not in _ROLES:
        raise _bad(
            f"列「{name}」の role は {' / '.join(_ROLES)} のいずれかです",
            f"column {name!r}: role must be one of {', '.join(_ROLES)}",
        )
    role = spec["role"]
    hierarchy = spec.get("hierarchy")
    if role == "quasi":
        ok = isinstance(hierarchy, str) or (
            isinstance(hierarchy, list)
            and hierarchy
            and all(_is_row(r) for r in hierarchy)
        )
        if not ok:
            raise _bad(
                f"準識別子「{name}」には階層"
                "（age, postal_code, address, date, date_year, csv:パス, 一覧）が必要です",
                f"quasi-identifier {name!r} needs a hierarchy "
                "(age, postal_code, address, date, date_year, csv:PATH or an inline list)",
            )
    return ColumnSpec(name=name, role=role, hierarchy=hierarchy if role == "quasi" else None)


def _is_row(row: Any) -> bool:
    """Whether an inline hierarchy row is a non-empty list of strings."""
    return isinstance(row, list) and bool(row) and all(isinstance(v, str) for v in row)


def _is_int(value: Any) -> bool:
    """Whether a JSON value is an integer (and not a boolean)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _model(m: Any) -> ModelSpec:
    """Read the "model" object, checking each parameter's range."""
    if not isinstance(m, dict):
        raise _bad("model はオブジェクトです", "'model' must be an object")
    k = m.get("k", 2)
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise _bad("k は1以上の整数です", "k must be an integer ≥ 1")
    l_value = m.get("l")
    if l_value is not None and (not _is_int(l_value) or l_value < 1):
        raise _bad("l は1以上の整数です", "l must be an integer ≥ 1")
    l_kind = m.get("l_kind", "distinct")
    if l_kind not in ("distinct", "entropy"):
        raise _bad("l_kind は distinct か entropy です", "l_kind must be distinct or entropy")
    t = m.get("t")
    if t is not None and (not isinstance(t, int | float) or isinstance(t, bool) or not 0 <= t <= 1):
        raise _bad("t は0以上1以下の数です", "t must be a number between 0 and 1")
    sup = m.get("max_suppression", 0.0)
    if not isinstance(sup, int | float) or isinstance(sup, bool) or not 0 <= sup <= 1:
        raise _bad("max_suppression は0以上1以下です", "max_suppression must be between 0 and 1")
    return ModelSpec(k=k, l=l_value, l_kind=l_kind, t=None if t is None else float(t),
                     max_suppression=float(sup))
