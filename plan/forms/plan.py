"""Staff forms for the plan itself: title, period, sections, grade thresholds, visibility."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from plan.forms.common import reason_field
from plan.models.plan import SECTION_LABELS
from plan.services.plans import MAX_FY, MAX_RATE, MIN_FY

# The national template numbers the sections 1-5 and 7 (section 6 is the measures).
SECTION_NUMBERS = dict(zip(SECTION_LABELS, (1, 2, 3, 4, 5, 7), strict=True))
DATE_INVALID = _("日付を 2025-04-01 の形で入力してください")
FY_HELP = _("西暦の年度（例: 2025 = 令和7年度）")


def _fy_field(label) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=MIN_FY, max_value=MAX_FY, help_text=FY_HELP,
                              error_messages={"required": _("年度を入力してください"),
                                              "invalid": _("年度を数字で入力してください")})


class PlanForm(forms.Form):
    """The plan's titles, adoption date, period and sections 1-5 and 7 (Markdown)."""

    title = forms.CharField(label=_("計画名"), max_length=300,
                            error_messages={"required": _("計画名を入力してください")})
    title_en = forms.CharField(label=_("計画名（英語）"), max_length=300, required=False)
    adopted = forms.DateField(label=_("策定日"), required=False, help_text=_("例: 2025-04-01"),
                              widget=forms.DateInput(attrs={"type": "date"}),
                              error_messages={"invalid": DATE_INVALID})
    from_fy = _fy_field(_("計画期間（開始年度）"))
    to_fy = _fy_field(_("計画期間（終了年度）"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in SECTION_LABELS.items():
            self.fields[f"section_{key}"] = forms.CharField(
                label=f"{SECTION_NUMBERS[key]}. {label}", required=False,
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=_("Markdownで書けます（見出し、箇条書き、リンク）"))
        self.fields["reason"] = reason_field()

    def clean(self):
        """The period must not end before it starts."""
        data = super().clean()
        if data.get("from_fy") and data.get("to_fy") and data["to_fy"] < data["from_fy"]:
            self.add_error("to_fy", _("終了年度が開始年度より前です"))
        return data

    def section_fields(self):
        """The bound section fields, in document order."""
        return [self[f"section_{key}"] for key in SECTION_LABELS]

    def head_fields(self):
        """The bound fields above the sections."""
        return [self[name] for name in ("title", "title_en", "adopted", "from_fy", "to_fy")]

    def changes(self) -> dict:
        """Keyword arguments for plan.services.plans.update_plan."""
        c = self.cleaned_data
        return {"title": c["title"].strip(), "title_en": c["title_en"].strip(),
                "adopted": c["adopted"], "from_fy": c["from_fy"], "to_fy": c["to_fy"],
                "sections": {key: c[f"section_{key}"].replace("\r\n", "\n")
                             for key in SECTION_LABELS}}

    @staticmethod
    def initial_from(plan) -> dict:
        """Initial values from a plan."""
        initial = {"title": plan.title, "title_en": plan.title_en, "adopted": plan.adopted,
                   "from_fy": plan.from_fy, "to_fy": plan.to_fy}
        initial.update({f"section_{k}": plan.sections.get(k, "") for k in SECTION_LABELS})
        return initial


def _rate_field(label) -> forms.FloatField:
    return forms.FloatField(label=label, min_value=0, max_value=MAX_RATE,
                            error_messages={"required": _("達成率（%）を入力してください"),
                                            "invalid": _("数値を入力してください")})


class ThresholdsForm(forms.Form):
    """The minimum 達成率 (%) of grades A, B and C; below C is D."""

    grade_a = _rate_field(_("A評価の達成率（%以上）"))
    grade_b = _rate_field(_("B評価の達成率（%以上）"))
    grade_c = _rate_field(_("C評価の達成率（%以上）"))
    reason = reason_field()

    def clean(self):
        """Grades must be ordered A ≥ B ≥ C."""
        data = super().clean()
        a, b, c = (data.get(k) for k in ("grade_a", "grade_b", "grade_c"))
        if None not in (a, b, c) and not a >= b >= c:
            self.add_error("grade_b", _("A ≥ B ≥ C となるように入力してください"))
        return data


class VisibilityForm(forms.Form):
    """Whether the plan is public, and which measures the transparency page shows."""

    is_public = forms.BooleanField(
        label=_("計画を公開する（公開ページと計画書を誰でも見られます）"), required=False)
    measures = forms.TypedMultipleChoiceField(label=_("公開する施策"), required=False,
                                              coerce=int, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, plan, language: str = "ja", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].choices = [
            (m.pk, f"{m.order}. {m.display_title(language)}") for m in plan.measures.all()]
        self.fields["reason"] = reason_field()
