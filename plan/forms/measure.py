"""Staff forms for a measure: linked datasets, KPIs, milestones; department reporters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from plan.engine.fiscal import fy_label
from plan.forms.common import reason_field
from plan.forms.plan import DATE_INVALID
from plan.models import KPI, Milestone
from plan.services.measures import KpiData, MilestoneData, source_choices


class NumberField(forms.FloatField):
    """A number that also accepts thousands separators (1,200 / 1，200), as staff type them."""

    def to_python(self, value):
        """Drop separators and spaces before parsing."""
        if isinstance(value, str):
            value = value.replace(",", "").replace("，", "").strip()
        return super().to_python(value)


def _plain(value: float | None):
    """A stored float shown without a pointless .0."""
    return int(value) if value is not None and float(value).is_integer() else value


def _number(label, **kwargs) -> NumberField:
    return NumberField(label=label, required=False,
                       widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                       error_messages={"invalid": _("数値を入力してください")}, **kwargs)


class DatasetsForm(forms.Form):
    """The organisation's datasets that are evidence of a measure."""

    datasets = forms.TypedMultipleChoiceField(label=_("関連データセット"), required=False,
                                              coerce=int, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, datasets, language: str = "ja", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datasets"].choices = [
            (d.pk, f"{d.display_title(language)}（{d.get_state_display()}）") for d in datasets]
        self.fields["reason"] = reason_field()


class KpiForm(forms.Form):
    """A KPI: name, unit, direction, baseline, a target per fiscal year, source."""

    name = forms.CharField(label=_("指標名"), max_length=300,
                           error_messages={"required": _("指標名を入力してください")})
    unit = forms.CharField(label=_("単位"), max_length=40, required=False,
                           help_text=_("例: 件、%、分"))
    direction = forms.ChoiceField(label=_("方向"), choices=KPI.Direction.choices)
    baseline_value = _number(_("基準値"))
    baseline_date = forms.DateField(label=_("基準日"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}),
                                    error_messages={"invalid": DATE_INVALID})
    target_text = forms.CharField(label=_("目標（文章）"), max_length=500, required=False,
                                  help_text=_("数値にできない目標を書きます"))
    source = forms.ChoiceField(label=_("取得元"),
                               help_text=_("自動集計の指標は部署が実績を入力しません"))

    def __init__(self, *args, fiscal_years: list[int], language: str = "ja", **kwargs):
        super().__init__(*args, **kwargs)
        self.fiscal_years = fiscal_years
        self.fields["source"].choices = source_choices()
        for fy in fiscal_years:
            self.fields[f"target_{fy}"] = _number(
                _("%(fy)sの目標値") % {"fy": fy_label(fy, language)})
        self.fields["reason"] = reason_field()

    def target_fields(self):
        """The bound target fields, one per fiscal year."""
        return [self[f"target_{fy}"] for fy in self.fiscal_years]

    def to_data(self) -> KpiData:
        """The typed input for plan.services.measures.save_kpi."""
        c = self.cleaned_data
        return KpiData(
            name=c["name"], unit=c["unit"], direction=c["direction"],
            baseline_value=c["baseline_value"], baseline_date=c["baseline_date"],
            targets={fy: c[f"target_{fy}"] for fy in self.fiscal_years
                     if c.get(f"target_{fy}") is not None},
            target_text=c["target_text"], source=c["source"])

    @staticmethod
    def initial_from(kpi: KPI) -> dict:
        """Initial values from a KPI (20, not 20.0, as staff would write it)."""
        initial = {"name": kpi.name, "unit": kpi.unit, "direction": kpi.direction,
                   "baseline_value": _plain(kpi.baseline_value),
                   "baseline_date": kpi.baseline_date,
                   "target_text": kpi.target_text, "source": kpi.source}
        initial.update({f"target_{fy}": _plain(v) for fy, v in kpi.targets_by_fy.items()})
        return initial


class MilestoneForm(forms.Form):
    """A step of a measure's schedule in one fiscal year, with its status."""

    fiscal_year = forms.TypedChoiceField(label=_("年度"), coerce=int)
    text = forms.CharField(label=_("内容"), max_length=500,
                           error_messages={"required": _("内容を入力してください")})
    status = forms.ChoiceField(label=_("状況"), choices=Milestone.Status.choices)

    def __init__(self, *args, fiscal_years: list[int], language: str = "ja", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = [(fy, fy_label(fy, language))
                                              for fy in fiscal_years]
        self.fields["reason"] = reason_field()

    def to_data(self) -> MilestoneData:
        """The typed input for plan.services.measures.save_milestone."""
        c = self.cleaned_data
        return MilestoneData(fiscal_year=c["fiscal_year"], text=c["text"], status=c["status"])


class DeleteForm(forms.Form):
    """Deleting a KPI or milestone also needs a reason for the plan's history."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = reason_field()


class ReporterForm(forms.Form):
    """Who reports for which department in reporting rounds."""

    department = forms.TypedChoiceField(label=_("部署"), coerce=int)
    user = forms.TypedChoiceField(label=_("職員"), coerce=int,
                                  help_text=_("団体の編集者以上の職員から選びます"))

    def __init__(self, *args, departments, users, language: str = "ja", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [(d.pk, d.display_name(language))
                                             for d in departments]
        self.fields["user"].choices = [(u.pk, u.get_full_name() or u.get_username())
                                       for u in users]
