"""The plan (官民データ活用推進計画), its revisions, pillars (柱) and measures (個別施策)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plan.engine.achievement import Thresholds

# The five pillars of the law plus その他, as (Japanese, English) labels.
PILLAR_LABELS = {
    "online": _("オンライン化原則"),
    "opendata": _("オープンデータの推進"),
    "mynumber": _("マイナンバーカードの普及・活用"),
    "divide": _("デジタルデバイド対策"),
    "standardisation": _("標準化・デジタル化・システム改革・BPR"),
    "other": _("その他"),
}
PRIORITY_FIELD_LABELS = {
    "e_government": _("電子行政"),
    "health": _("健康・医療・介護"),
    "tourism": _("観光"),
    "finance": _("金融"),
    "agriculture": _("農林水産"),
    "manufacturing": _("ものづくり"),
    "infrastructure_disaster": _("インフラ・防災・減災等"),
    "mobility": _("移動"),
}
# The national template's sections kept as Markdown, in document order (section 6 = measures).
SECTION_LABELS = {
    "current_situation": _("現状及び課題"),
    "purpose": _("目的"),
    "positioning": _("位置付け"),
    "structure": _("推進体制"),
    "basic_policy": _("官民データ活用の推進に関する施策の基本的な方針"),
    "security": _("セキュリティ及び個人情報の適正な取扱いの確保"),
}


class Plan(models.Model):
    """A municipality's 官民データ活用推進計画: sections, period and grading thresholds."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE,
                                     related_name="plans", verbose_name=_("団体"))
    title = models.CharField(_("計画名"), max_length=300)
    title_en = models.CharField(_("計画名（英語）"), max_length=300, blank=True)
    adopted = models.DateField(_("策定日"), null=True, blank=True)
    from_fy = models.PositiveIntegerField(_("計画期間（開始年度）"))
    to_fy = models.PositiveIntegerField(_("計画期間（終了年度）"))
    source = models.CharField(_("出典"), max_length=500, blank=True)
    sections = models.JSONField(_("章（Markdown）"), default=dict, blank=True)
    grade_a = models.FloatField(_("A評価の達成率（%）"), default=100)
    grade_b = models.FloatField(_("B評価の達成率（%）"), default=80)
    grade_c = models.FloatField(_("C評価の達成率（%）"), default=50)
    is_public = models.BooleanField(_("公開する"), default=False)
    actuals_dataset = models.ForeignKey("catalog.Dataset", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "-from_fy", "id"]
        verbose_name = _("推進計画")
        verbose_name_plural = _("推進計画")

    def __str__(self) -> str:
        return self.title

    def display_title(self, language: str) -> str:
        """The title in the given language, falling back to Japanese."""
        return self.title_en if language == "en" and self.title_en else self.title

    @property
    def thresholds(self) -> Thresholds:
        """The plan's grading thresholds for the achievement engine."""
        return Thresholds(a=self.grade_a, b=self.grade_b, c=self.grade_c)

    @property
    def fiscal_years(self) -> list[int]:
        """Every fiscal year of the plan period."""
        return list(range(self.from_fy, self.to_fy + 1))


class PlanRevision(models.Model):
    """A snapshot of a plan after a change: who, when, why, and the plan as data."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_by_label = models.CharField(max_length=200, blank=True)
    reason = models.TextField(_("変更理由"))
    snapshot = models.JSONField(default=dict)

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"],
                                               name="plan_revision_number")]
        verbose_name = _("計画の改訂")
        verbose_name_plural = _("計画の改訂")

    def __str__(self) -> str:
        return f"{self.plan} r{self.number}"


class Pillar(models.Model):
    """One of the six fixed pillars in a plan, with the plan's policy text for it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="pillars")
    key = models.CharField(max_length=20, choices=[(k, v) for k, v in PILLAR_LABELS.items()])
    policy = models.TextField(_("基本的な方針（Markdown）"), blank=True)

    class Meta:
        ordering = ["plan", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="plan_pillar_key")]
        verbose_name = _("柱")
        verbose_name_plural = _("柱")

    def __str__(self) -> str:
        return str(PILLAR_LABELS[self.key])

    @property
    def label(self):
        """The pillar's translated label."""
        return PILLAR_LABELS[self.key]

    @property
    def position(self) -> int:
        """The pillar's number in the law's order (1..6)."""
        return list(PILLAR_LABELS).index(self.key) + 1


class Measure(models.Model):
    """A measure (個別施策) of a plan, in plan order, owned by one department."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    pillar = models.ForeignKey(Pillar, on_delete=models.PROTECT, related_name="measures")
    order = models.PositiveIntegerField()
    title = models.CharField(_("施策名"), max_length=300)
    title_en = models.CharField(_("施策名（英語）"), max_length=300, blank=True)
    description = models.TextField(_("概要（Markdown）"), blank=True)
    department = models.ForeignKey("core.Department", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="plan_measures",
                                   verbose_name=_("担当部署"))
    priority_fields = models.JSONField(_("重点分野"), default=list, blank=True)
    evidence = models.JSONField(_("根拠資料"), default=list, blank=True)
    datasets = models.ManyToManyField("catalog.Dataset", blank=True, related_name="plan_measures",
                                      verbose_name=_("関連データセット"))
    is_public = models.BooleanField(_("公開する"), default=True)

    class Meta:
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "order"],
                                               name="plan_measure_order")]
        verbose_name = _("個別施策")
        verbose_name_plural = _("個別施策")

    def __str__(self) -> str:
        return self.title

    def display_title(self, language: str) -> str:
        """The title in the given language, falling back to Japanese."""
        return self.title_en if language == "en" and self.title_en else self.title

    @property
    def priority_field_labels(self) -> list:
        """Translated labels of the measure's 重点分野."""
        return [PRIORITY_FIELD_LABELS[f] for f in self.priority_fields
                if f in PRIORITY_FIELD_LABELS]
