"""Forms of the tabular pages: staff controls of an ingestion and the "check before publishing"
upload. They only parse input; the services in tabular.services validate and act."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tabular.services import ENCODINGS

#: Labels of the encodings staff may force ("" = detect automatically).
ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": _("UTF-8（BOM付き）"),
    "cp932": _("CP932（Windows の Shift_JIS）"),
    "shift_jis": "Shift_JIS",
    "euc-jp": "EUC-JP",
}


def encoding_choices() -> list[tuple[str, object]]:
    """The encoding select: automatic detection first, then every encoding staff may force."""
    return [("", _("自動"))] + [(e, ENCODING_LABELS.get(e, e)) for e in ENCODINGS]


class EncodingForm(forms.Form):
    """Override the encoding detected for a version's file (or return to detection)."""

    encoding = forms.ChoiceField(
        label=_("文字コード"), required=False, choices=encoding_choices,
        help_text=_("文字化けしているときに選びます。選ぶとファイルを読み直します。"),
    )


class SheetForm(forms.Form):
    """Pick which table (sheet) of a workbook the datastore serves."""

    table = forms.TypedChoiceField(label=_("公開する表（シート）"), coerce=int)

    def __init__(self, *args, tables=(), **kwargs):
        """Offer the tables of the served ingestion."""
        super().__init__(*args, **kwargs)
        self.fields["table"].choices = [(t.pk, table_label(t)) for t in tables]


def table_label(table) -> str:
    """A table's name for a select: the sheet name, or its position when it has none."""
    if table.name:
        return str(table.name)
    return str(_("表 %(n)s") % {"n": table.position + 1})


def standard_choices(language: str) -> list[tuple[str, str]]:
    """Automatic matching first, then the standard datasets of the catalog."""
    from catalog.models import StandardDataset

    return [("", str(_("自動で判定する")))] + [
        (s.pk, f"{s.number} {s.display_title(language)}".strip())
        for s in StandardDataset.objects.all()
    ]


class CheckForm(forms.Form):
    """A file to check against the standards without publishing it."""

    file = forms.FileField(
        label=_("確認するファイル"),
        help_text=_("CSV、TSV、Excel（xlsx・xls）、JSON、GeoJSON。公開も保存もされません。"),
    )
    standard = forms.ChoiceField(label=_("標準データセット"), required=False,
                                 help_text=_("指定しなければ、列名から自動で判定します。"))
    encoding = forms.ChoiceField(label=_("文字コード"), required=False,
                                 choices=encoding_choices,
                                 help_text=_("通常は自動のままで構いません。"))
    schema = forms.FileField(
        label=_("テーブルスキーマ（任意）"), required=False,
        help_text=_("Frictionless Table Schema の JSON。指定すると標準データセットの代わりに"
                    "このスキーマで検査します。"),
    )

    def __init__(self, *args, language: str = "ja", **kwargs):
        """Offer the catalog's standard datasets, titled in the page's language."""
        super().__init__(*args, **kwargs)
        self.fields["standard"].choices = standard_choices(language)


class TableSchemaForm(forms.Form):
    """Attach a Frictionless Table Schema to a resource: pasted JSON or an uploaded file."""

    text = forms.CharField(
        label=_("テーブルスキーマ（JSON）"), required=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        help_text=_("Frictionless Table Schema の JSON を貼り付けるか、ファイルを選んでください。"),
    )
    file = forms.FileField(label=_("またはファイル"), required=False)

    def clean(self):
        """Exactly one of the two inputs; return the raw descriptor bytes in ``raw``."""
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if upload and text:
            raise forms.ValidationError(_("貼り付けとファイルのどちらか一方にしてください。"))
        if not upload and not text:
            raise forms.ValidationError(
                _("テーブルスキーマを貼り付けるか、ファイルを選んでください。"))
        data["raw"] = upload.read(256 * 1024 + 1) if upload else text.encode("utf-8")
        return data
