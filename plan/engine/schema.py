"""The plan import format kanmin-plan/1: parse YAML or JSON and validate it into dataclasses.

Every error names its path (``measures[3].kpis[0].unit``) in Japanese and English, and all
errors of a file are collected at once so a transcriber can fix them in one pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

import yaml

from jp import lgcode as lgcode_mod

FORMAT = "kanmin-plan/1"
PILLARS = ("online", "opendata", "mynumber", "divide", "standardisation", "other")
PRIORITY_FIELDS = ("e_government", "health", "tourism", "finance", "agriculture",
                   "manufacturing", "infrastructure_disaster", "mobility")
SECTIONS = ("current_situation", "purpose", "positioning", "structure", "basic_policy",
            "security")
DIRECTIONS = ("higher", "lower")
MILESTONE_STATUSES = ("planned", "in_progress", "done", "delayed")

TOP_KEYS = {"format", "municipality", "title", "title_en", "adopted", "period", "source",
            "grading", "sections", "pillars", "measures"}
MEASURE_KEYS = {"title", "pillar", "priority_fields", "department", "description", "kpis",
                "milestones", "evidence"}
KPI_KEYS = {"name", "unit", "direction", "baseline", "targets", "target_text", "source"}


@dataclass(frozen=True)
class FormatError:
    """One problem in a plan file, at a path, in both languages."""

    path: str
    message_ja: str
    message_en: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message_ja} / {self.message_en}"


class PlanFormatInvalid(ValueError):
    """A plan file that does not follow kanmin-plan/1; ``errors`` lists every problem."""

    def __init__(self, errors: list[FormatError]) -> None:
        """Keep every error; str() shows them one per line."""
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass(kw_only=True)
class KpiDoc:
    """A KPI as the plan states it."""

    name: str
    unit: str = ""
    direction: str = "higher"
    baseline_value: float | None = None
    baseline_date: date | None = None
    targets: dict[int, float] = field(default_factory=dict)
    target_text: str = ""
    source: str = "manual"


@dataclass(kw_only=True)
class MilestoneDoc:
    """One scheduled step (スケジュール) in one fiscal year."""

    fiscal_year: int
    text: str
    status: str = "planned"


@dataclass(kw_only=True)
class MeasureDoc:
    """One measure (個別施策) in plan order."""

    title: str
    pillar: str
    department: str = ""
    description: str = ""
    priority_fields: list[str] = field(default_factory=list)
    kpis: list[KpiDoc] = field(default_factory=list)
    milestones: list[MilestoneDoc] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)


@dataclass(kw_only=True)
class PlanDoc:
    """A whole plan file, validated."""

    lgcode: str
    municipality_name: str
    municipality_name_en: str = ""
    title: str
    title_en: str = ""
    adopted: date | None = None
    from_fy: int
    to_fy: int
    source: str = ""
    grading: dict[str, float] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    pillar_policies: dict[str, str] = field(default_factory=dict)
    measures: list[MeasureDoc] = field(default_factory=list)


def parse_text(text: str) -> object:
    """YAML (a superset of JSON) or JSON text to Python data; a syntax error is a FormatError."""
    stripped = text.lstrip("\ufeff")
    try:
        if stripped.lstrip().startswith(("{", "[")):
            return json.loads(stripped)
        return yaml.safe_load(stripped)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else f"{getattr(exc, 'lineno', '?')}"
        raise PlanFormatInvalid([FormatError(
            "(file)", f"YAML/JSONとして読めません（{where}行目付近）",
            f"not readable as YAML/JSON (near line {where})")]) from exc


class _Checker:
    """Collects errors while walking the document."""

    def __init__(self, known_metrics: set[str] | None) -> None:
        self.errors: list[FormatError] = []
        self.known_metrics = known_metrics

    def err(self, path: str, ja: str, en: str) -> None:
        """Record one problem."""
        self.errors.append(FormatError(path, ja, en))

    def mapping(self, value, path: str, allowed: set[str], required: tuple = ()) -> dict:
        """A mapping with only allowed keys and all required ones; {} when not a mapping."""
        if not isinstance(value, dict):
            self.err(path, "対応表（キーと値の組）である必要があります", "must be a mapping")
            return {}
        for key in value:
            if key not in allowed:
                self.err(f"{path}.{key}" if path else str(key),
                         "不明なキーです（綴りを確認してください）",
                         "unknown key (check the spelling)")
        for key in required:
            if value.get(key) in (None, ""):
                self.err(f"{path}.{key}" if path else key, "必須です", "is required")
        return value

    def text(self, value, path: str, *, required: bool = False) -> str:
        """A string (numbers are not silently turned into text)."""
        if value is None:
            if required:
                self.err(path, "必須です", "is required")
            return ""
        if not isinstance(value, str):
            self.err(path, "文字列である必要があります", "must be a string")
            return ""
        if required and not value.strip():
            self.err(path, "空にできません", "must not be empty")
        return value

    def number(self, value, path: str) -> float | None:
        """A number (not a string that looks like one: "numbers as numbers")."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.err(path, "数値である必要があります", "must be a number")
            return None
        return float(value)

    def year(self, value, path: str) -> int | None:
        """A fiscal year as a western year (2024), from an int or digit string (JSON keys)."""
        if isinstance(value, str) and value.isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
            self.err(path, "年度は西暦の年（例: 2024）で書いてください",
                     "a fiscal year is a western year (e.g. 2024)")
            return None
        return value

    def day(self, value, path: str) -> date | None:
        """A date (YAML date or ISO text)."""
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.err(path, "日付はYYYY-MM-DDで書いてください", "a date is written YYYY-MM-DD")
        return None

    def choice(self, value, path: str, choices: tuple, *, default: str | None = None) -> str:
        """One of a fixed list of keys."""
        if value is None and default is not None:
            return default
        if value not in choices:
            listed = ", ".join(choices)
            self.err(path, f"次のいずれかである必要があります: {listed}",
                     f"must be one of: {listed}")
            return default or ""
        return value

    def items(self, value, path: str) -> list:
        """A list ([] when absent)."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.err(path, "リストである必要があります", "must be a list")
            return []
        return value


def validate(data: object, *, known_metrics: set[str] | None = None) -> PlanDoc:
    """Check a parsed plan document; raise PlanFormatInvalid listing every problem."""
    c = _Checker(known_metrics)
    top = c.mapping(data, "", TOP_KEYS, required=("format", "municipality", "title", "period"))
    if top.get("format") not in (None, FORMAT):
        c.err("format", f"{FORMAT} である必要があります", f"must be {FORMAT}")
    muni = c.mapping(top.get("municipality", {}), "municipality", {"lgcode", "name", "name_en"},
                     required=("lgcode", "name")) if "municipality" in top else {}
    code = muni.get("lgcode")
    if isinstance(code, int):
        c.err("municipality.lgcode", "コードは文字列で書いてください（先頭の0を保つため）",
              "write the code as a string (to keep leading zeros)")
        code = None
    elif isinstance(code, str):
        try:
            code = lgcode_mod.normalize(code)
        except lgcode_mod.InvalidCode as exc:
            c.err("municipality.lgcode", exc.message_ja, exc.message_en)
            code = None
    listed = lgcode_mod.lookup(code) if code else None
    name = muni.get("name")
    if listed is not None and isinstance(name, str) and name.strip() != listed.name:
        # A listed code must name its own municipality: catches a code copied from a neighbour.
        c.err("municipality.name",
              f"全国地方公共団体コード {code} は「{listed.prefecture}{listed.name}」です"
              f"（ファイルの名称:「{name}」）",
              f"local government code {code} is {listed.name} ({listed.prefecture}), "
              f"not \"{name}\"")
    period = c.mapping(top.get("period", {}), "period", {"from_fy", "to_fy"},
                       required=("from_fy", "to_fy")) if "period" in top else {}
    from_fy = c.year(period.get("from_fy"), "period.from_fy") if "from_fy" in period else None
    to_fy = c.year(period.get("to_fy"), "period.to_fy") if "to_fy" in period else None
    if from_fy and to_fy and to_fy < from_fy:
        c.err("period.to_fy", "終了年度が開始年度より前です", "ends before it starts")
    grading = _grading(c, top.get("grading"))
    sections = {}
    if "sections" in top:
        for key, value in c.mapping(top["sections"], "sections", set(SECTIONS)).items():
            if key in SECTIONS:
                sections[key] = c.text(value, f"sections.{key}")
    policies = {}
    if "pillars" in top:
        for key, value in c.mapping(top["pillars"], "pillars", set(PILLARS)).items():
            if key in PILLARS:
                body = c.mapping(value, f"pillars.{key}", {"policy"})
                policies[key] = c.text(body.get("policy"), f"pillars.{key}.policy")
    measures = [_measure(c, m, f"measures[{i}]")
                for i, m in enumerate(c.items(top.get("measures"), "measures"))]
    doc = PlanDoc(
        lgcode=code or "", municipality_name=c.text(muni.get("name"), "municipality.name"),
        municipality_name_en=c.text(muni.get("name_en"), "municipality.name_en"),
        title=c.text(top.get("title"), "title"), title_en=c.text(top.get("title_en"), "title_en"),
        adopted=c.day(top["adopted"], "adopted") if top.get("adopted") is not None else None,
        from_fy=from_fy or 0, to_fy=to_fy or 0, source=c.text(top.get("source"), "source"),
        grading=grading, sections=sections, pillar_policies=policies, measures=measures,
    )
    if c.errors:
        raise PlanFormatInvalid(c.errors)
    return doc


def _grading(c: _Checker, value) -> dict[str, float]:
    if value is None:
        return {}
    body = c.mapping(value, "grading", {"A", "B", "C"})
    out = {}
    for key in ("A", "B", "C"):
        if key in body:
            number = c.number(body[key], f"grading.{key}")
            if number is not None:
                out[key] = number
    merged = {"A": 100.0, "B": 80.0, "C": 50.0, **out}
    if not merged["A"] >= merged["B"] >= merged["C"]:
        c.err("grading", "閾値は A ≥ B ≥ C である必要があります", "thresholds must be A ≥ B ≥ C")
    return out


def _measure(c: _Checker, value, path: str) -> MeasureDoc:
    body = c.mapping(value, path, MEASURE_KEYS, required=("title", "pillar"))
    title = c.text(body.get("title"), f"{path}.title") if "title" in body else ""
    if title.startswith("◆"):
        c.err(f"{path}.title", "施策名に◆を含めないでください",
              "leave the ◆ marker out of the title")
    pillar = c.choice(body.get("pillar"), f"{path}.pillar", PILLARS) if "pillar" in body else ""
    fields_ = [c.choice(f, f"{path}.priority_fields[{i}]", PRIORITY_FIELDS)
               for i, f in enumerate(c.items(body.get("priority_fields"),
                                             f"{path}.priority_fields"))]
    kpis = [_kpi(c, k, f"{path}.kpis[{i}]")
            for i, k in enumerate(c.items(body.get("kpis"), f"{path}.kpis"))]
    milestones = []
    for i, m in enumerate(c.items(body.get("milestones"), f"{path}.milestones")):
        mpath = f"{path}.milestones[{i}]"
        mb = c.mapping(m, mpath, {"fiscal_year", "text", "status"},
                       required=("fiscal_year", "text"))
        fy = c.year(mb.get("fiscal_year"), f"{mpath}.fiscal_year") if "fiscal_year" in mb else None
        milestones.append(MilestoneDoc(
            fiscal_year=fy or 0, text=c.text(mb.get("text"), f"{mpath}.text"),
            status=c.choice(mb.get("status"), f"{mpath}.status", MILESTONE_STATUSES,
                            default="planned")))
    evidence = []
    for i, e in enumerate(c.items(body.get("evidence"), f"{path}.evidence")):
        epath = f"{path}.evidence[{i}]"
        eb = c.mapping(e, epath, {"title", "url"}, required=("title", "url"))
        url = c.text(eb.get("url"), f"{epath}.url")
        if url and not url.startswith(("http://", "https://")):
            c.err(f"{epath}.url", "URLは http(s):// で始まる必要があります",
                  "the URL must start with http(s)://")
        evidence.append({"title": c.text(eb.get("title"), f"{epath}.title"), "url": url})
    return MeasureDoc(
        title=title, pillar=pillar, department=c.text(body.get("department"),
                                                      f"{path}.department"),
        description=c.text(body.get("description"), f"{path}.description"),
        priority_fields=[f for f in fields_ if f], kpis=kpis, milestones=milestones,
        evidence=evidence,
    )


def _kpi(c: _Checker, value, path: str) -> KpiDoc:
    body = c.mapping(value, path, KPI_KEYS, required=("name",))
    baseline_value = baseline_date = None
    if body.get("baseline") is not None:
        base = c.mapping(body["baseline"], f"{path}.baseline", {"value", "date"},
                         required=("value",))
        if "value" in base:
            baseline_value = c.number(base["value"], f"{path}.baseline.value")
        if base.get("date") is not None:
            baseline_date = c.day(base["date"], f"{path}.baseline.date")
    targets: dict[int, float] = {}
    if body.get("targets") is not None:
        raw = body["targets"]
        if not isinstance(raw, dict):
            c.err(f"{path}.targets", "年度→目標値の対応表である必要があります",
                  "must map fiscal years to target values")
        else:
            for key, target in raw.items():
                fy = c.year(key, f"{path}.targets.{key}")
                number = c.number(target, f"{path}.targets.{key}")
                if fy is not None and number is not None:
                    targets[fy] = number
    source = body.get("source", "manual")
    if not isinstance(source, str) or not (source == "manual" or source.startswith("metric:")):
        c.err(f"{path}.source", "manual か metric:<指標キー> である必要があります",
              "must be manual or metric:<metric key>")
        source = "manual"
    elif source.startswith("metric:") and c.known_metrics is not None \
            and source.removeprefix("metric:") not in c.known_metrics:
        c.err(f"{path}.source", "登録されていない指標です", "no such registered metric")
    return KpiDoc(
        name=c.text(body.get("name"), f"{path}.name") if "name" in body else "",
        unit=c.text(body.get("unit"), f"{path}.unit"),
        direction=c.choice(body.get("direction"), f"{path}.direction", DIRECTIONS,
                           default="higher"),
        baseline_value=baseline_value, baseline_date=baseline_date, targets=targets,
        target_text=c.text(body.get("target_text"), f"{path}.target_text"), source=source,
    )
