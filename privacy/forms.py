"""Staff forms of the anonymisation screens; they only parse, the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.errors import formatted

ROLE_CHOICES = [
    ("keep", _("そのまま残す")),
    ("identifier", _("識別子（削除）")),
    ("linking", _("連結符号（無作為な符号に置換）")),
    ("quasi", _("準識別子（一般化）")),
    ("sensitive", _("機微な属性")),
]
HIERARCHY_CHOICES = [
    ("", _("（準識別子のときに選ぶ）")),
    ("age", _("年齢（5歳・10歳階級、90歳以上）")),
    ("postal_code", _("郵便番号（7桁→3桁→なし）")),
    ("address", _("住所（町丁目→市区町村→都道府県）")),
    ("date", _("日付（日→月→年度→年、和暦）")),
    ("flat", _("値のまま、または伏せる")),
]
METRIC_CHOICES = [
    ("loss", _("情報損失（loss）")),
    ("discernibility", _("識別度（discernibility）")),
    ("suppressed", _("削除行数")),
]
L_KIND_CHOICES = [("distinct", _("異なり数（distinct）")), ("entropy", _("エントロピー"))]


class NewReleaseForm(forms.Form):
    """Choose the source table (a ready table of the user's organisations) and a name."""

    table = forms.ModelChoiceField(label=_("元の表"), queryset=None,
                                   empty_label=_("選んでください"))
    title = forms.CharField(label=_("名称"), max_length=200, required=False,
                            help_text=_("空欄なら「リソース名（匿名加工）」になります"))

    def __init__(self, *args, tables, **kwargs) -> None:
        """Limit the choice to the tables the services returned for this user."""
        super().__init__(*args, **kwargs)
        self.fields["table"].queryset = tables
        self.fields["table"].label_from_instance = _table_label


def _table_label(table) -> str:
    """How a table is named in the list: dataset / resource (version, rows)."""
    version = table.ingestion.version
    return str(formatted(_("%(dataset)s / %(resource)s（第%(number)d版、%(rows)d行）"),
                         dataset=version.resource.dataset.title, resource=version.resource.name,
                         number=version.number, rows=table.row_count))


class ConfigForm(forms.Form):
    """Each column's role (and hierarchy), and the privacy model."""

    k = forms.IntegerField(label=_("k（同じ組み合わせの最小人数）"), min_value=1, max_value=10_000,
                           initial=5)
    l = forms.IntegerField(label=_("l（機微な属性の最小の種類数）"), min_value=1,  # noqa: E741
                           max_value=1000, required=False, help_text=_("空欄なら使いません"))
    l_kind = forms.ChoiceField(label=_("l多様性の種類"), choices=L_KIND_CHOICES, initial="distinct")
    t = forms.FloatField(label=_("t（t近接性、0〜1）"), min_value=0, max_value=1, required=False,
                         help_text=_("空欄なら使いません"))
    max_suppression = forms.FloatField(label=_("削除できる行の上限（%）"), min_value=0,
                                       max_value=100, initial=5)
    metric = forms.ChoiceField(label=_("有用性の指標"), choices=METRIC_CHOICES, initial="loss")
    min_subjects = forms.IntegerField(label=_("最低人数（本人の数）"), min_value=0, initial=1000,
                                      help_text=_("これより少ない表は匿名加工しません"))
    reuse_linking_from = forms.TypedChoiceField(
        label=_("連結符号の対応表を再利用"), required=False, coerce=int, empty_value=None,
        help_text=_("通常は空欄（公開ごとに新しい無作為な符号）。前回と同じ符号が必要なときだけ選びます"))

    def __init__(self, *args, columns: list[str], reusable=(), **kwargs) -> None:
        """One role and one hierarchy field per column of the source table."""
        super().__init__(*args, **kwargs)
        self.columns = columns
        for i, name in enumerate(columns):
            self.fields[f"role_{i}"] = forms.ChoiceField(
                label=formatted(_("「%(name)s」の役割"), name=name), choices=ROLE_CHOICES,
                initial="keep")
            self.fields[f"hierarchy_{i}"] = forms.ChoiceField(
                label=formatted(_("「%(name)s」の階層"), name=name), choices=HIERARCHY_CHOICES,
                required=False)
        self.fields["reuse_linking_from"].choices = [("", _("再利用しない"))] + [
            (r.pk, f"#{r.pk} {r.title}") for r in reusable]

    def rows(self) -> list[dict[str, Any]]:
        """The column rows of the table on the page: name, role field, hierarchy field."""
        return [{"name": name, "role": self[f"role_{i}"], "hierarchy": self[f"hierarchy_{i}"]}
                for i, name in enumerate(self.columns)]

    def clean(self) -> dict[str, Any]:
        """A quasi-identifier needs a hierarchy."""
        data = super().clean()
        for i, _name in enumerate(self.columns):
            if data.get(f"role_{i}") == "quasi" and not data.get(f"hierarchy_{i}"):
                self.add_error(f"hierarchy_{i}", _("準識別子には階層を選んでください"))
        return data

    def to_config(self) -> dict[str, Any]:
        """The config JSON (issue 5's shape) the services store."""
        data = self.cleaned_data
        columns: dict[str, Any] = {}
        for i, name in enumerate(self.columns):
            role = data[f"role_{i}"]
            if role == "quasi":
                columns[name] = {"role": role, "hierarchy": data[f"hierarchy_{i}"]}
            elif role != "keep":
                columns[name] = role
        model: dict[str, Any] = {"k": data["k"], "max_suppression": data["max_suppression"] / 100}
        if data.get("l"):
            model["l"] = data["l"]
            model["l_kind"] = data["l_kind"]
        if data.get("t") is not None:
            model["t"] = data["t"]
        config: dict[str, Any] = {"columns": columns, "model": model,
                                  "min_subjects": data["min_subjects"], "metric": data["metric"]}
        if data.get("reuse_linking_from"):
            config["reuse_linking_from"] = data["reuse_linking_from"]
        return config

    @staticmethod
    def initial_from(config: dict[str, Any], columns: list[str]) -> dict[str, Any]:
        """Form values of a stored config."""
        model = config.get("model") or {}
        initial: dict[str, Any] = {
            "k": model.get("k", 5), "l": model.get("l"),
            "l_kind": model.get("l_kind", "distinct"), "t": model.get("t"),
            "max_suppression": round(model.get("max_suppression", 0.05) * 100, 4),
            "metric": config.get("metric", "loss"),
            "min_subjects": config.get("min_subjects", 1000),
            "reuse_linking_from": config.get("reuse_linking_from") or "",
        }
        specs = config.get("columns") or {}
        for i, name in enumerate(columns):
            spec = specs.get(name, "keep")
            spec = {"role": spec} if isinstance(spec, str) else spec
            initial[f"role_{i}"] = spec.get("role", "keep")
            initial[f"hierarchy_{i}"] = spec.get("hierarchy", "") or ""
        return initial


class PublishForm(forms.Form):
    """The new dataset's identifier and title."""

    slug = forms.CharField(label=_("識別名（URL）"), max_length=100,
                           help_text=_("半角英小文字・数字・ハイフン。例: residents-anon"))
    title = forms.CharField(label=_("タイトル"), max_length=300)
