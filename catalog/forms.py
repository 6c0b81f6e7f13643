"""Staff forms for datasets and resources; they only parse, services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import Category, Licence, StandardDataset, UpdateFrequency
from catalog.services import DatasetData, ResourceData


class DatasetForm(forms.Form):
    """The metadata of a dataset."""

    title = forms.CharField(label=_("タイトル"), max_length=300)
    title_en = forms.CharField(label=_("タイトル（英語）"), max_length=300, required=False)
    slug = forms.CharField(
        label=_("識別名（URL）"), max_length=100,
        help_text=_("半角英小文字・数字・ハイフン。例: aed-locations"),
    )
    description = forms.CharField(label=_("説明（Markdown）"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 8}))
    description_en = forms.CharField(label=_("説明（英語、Markdown）"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 4}))
    tags = forms.CharField(label=_("タグ"), required=False,
                           help_text=_("読点「、」またはカンマで区切ります"))
    categories = forms.MultipleChoiceField(label=_("分類"), required=False,
                                           widget=forms.CheckboxSelectMultiple)
    licence = forms.ChoiceField(label=_("ライセンス"))
    department = forms.TypedChoiceField(label=_("担当部署"), required=False, coerce=int,
                                        empty_value=None)
    contact_name = forms.CharField(label=_("問い合わせ先"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("問い合わせ先メール"), required=False)
    contact_phone = forms.CharField(label=_("問い合わせ先電話番号"), max_length=40, required=False)
    update_frequency = forms.ChoiceField(label=_("更新頻度"), choices=UpdateFrequency.choices)
    temporal_start = forms.DateField(label=_("対象期間（開始）"), required=False,
                                     help_text=_("例: 2024-04-01"),
                                     widget=forms.DateInput(attrs={"type": "date"}))
    temporal_end = forms.DateField(label=_("対象期間（終了）"), required=False,
                                   help_text=_("例: 2025-03-31"),
                                   widget=forms.DateInput(attrs={"type": "date"}))
    spatial = forms.CharField(label=_("対象地域"), max_length=200, required=False)
    standard = forms.ChoiceField(label=_("準拠する標準データセット"), required=False)
    private = forms.BooleanField(label=_("非公開にする（団体内のみ閲覧可）"), required=False)

    def __init__(self, *args, organisation=None, language="ja", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = [
            (c.slug, c.display_name(language)) for c in Category.objects.all()
        ]
        self.fields["licence"].choices = [
            (x.pk, x.display_title(language)) for x in Licence.objects.all()
        ]
        self.fields["standard"].choices = [("", _("なし"))] + [
            (s.pk, f"{s.number} {s.display_title(language)}".strip())
            for s in StandardDataset.objects.all()
        ]
        departments = organisation.departments.all() if organisation else []
        self.fields["department"].choices = [("", _("指定しない"))] + [
            (d.pk, d.display_name(language)) for d in departments
        ]

    def to_data(self) -> DatasetData:
        """The typed input for the services."""
        c = self.cleaned_data
        tags = [t for t in c["tags"].replace("、", ",").split(",") if t.strip()]
        return DatasetData(
            slug=c["slug"], title=c["title"], title_en=c["title_en"],
            description=c["description"], description_en=c["description_en"], tags=tags,
            categories=list(c["categories"]), licence=c["licence"], department=c["department"],
            contact_name=c["contact_name"], contact_email=c["contact_email"],
            contact_phone=c["contact_phone"], update_frequency=c["update_frequency"],
            temporal_start=c["temporal_start"], temporal_end=c["temporal_end"],
            spatial=c["spatial"], standard=c["standard"] or None, private=c["private"],
        )

    @classmethod
    def initial_from(cls, data: DatasetData) -> dict:
        """Initial values from a dataset's data."""
        initial = dict(data.__dict__)
        initial["tags"] = "、".join(data.tags)
        return initial


class ResourceForm(forms.Form):
    """A new resource: a file or a URL."""

    name = forms.CharField(label=_("名前"), max_length=300, required=False,
                           help_text=_("空欄の場合はファイル名を使います"))
    name_en = forms.CharField(label=_("名前（英語）"), max_length=300, required=False)
    description = forms.CharField(label=_("説明"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    format = forms.CharField(label=_("形式"), max_length=20, required=False,
                             help_text=_("空欄の場合は拡張子から判断します（例: CSV）"))
    file = forms.FileField(label=_("ファイル"), required=False)
    url = forms.URLField(label=_("またはURL"), required=False, max_length=2000,
                         assume_scheme="https")

    def clean(self):
        """Exactly one of file and URL."""
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("url"):
            raise forms.ValidationError(_("ファイルかURLのどちらかを指定してください"))
        if cleaned.get("file") and cleaned.get("url"):
            raise forms.ValidationError(_("ファイルとURLの両方は指定できません"))
        return cleaned

    def to_data(self) -> ResourceData:
        """The typed input for the services."""
        c = self.cleaned_data
        return ResourceData(name=c["name"], name_en=c["name_en"], description=c["description"],
                            format=c["format"])


class NewVersionForm(forms.Form):
    """A replacement file (or URL) for a resource."""

    file = forms.FileField(label=_("新しいファイル"), required=False)
    url = forms.URLField(label=_("または新しいURL"), required=False, max_length=2000,
                         assume_scheme="https")

    def clean(self):
        """Exactly one of file and URL."""
        cleaned = super().clean()
        if bool(cleaned.get("file")) == bool(cleaned.get("url")):
            raise forms.ValidationError(_("ファイルかURLのどちらか一方を指定してください"))
        return cleaned
