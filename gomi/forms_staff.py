"""Plain HTML forms of the gomi staff screens (they work without JavaScript)."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from core.errors import formatted
from gomi.models import TRANSLATED_LANGUAGES, Area, Category, Language, ScheduleException
from gomi.models.schedule import ClosurePolicy, HolidayPolicy
from gomi.services.dictionary import TRANSLATABLE_FIELDS, ItemData, TranslationText
from gomi.services.edits import AreaData, CategoryData, ClosureData, RuleData
from gomi.services.notices import NoticeData

WEEKDAY_NAMES = (_("月曜日"), _("火曜日"), _("水曜日"), _("木曜日"), _("金曜日"), _("土曜日"),
                 _("日曜日"))
_DATE_SPLIT = re.compile(r"[\s,、，;]+")
_DATE_FORMS = (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
               re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
               re.compile(r"^(\d{4})(\d{2})(\d{2})$"))
FIELD_LABELS = {"name": _("名称"), "description": _("説明"), "how_to": _("出し方"),
                "notes": _("注意点"), "notice": _("お知らせ")}


def parse_dates(text: str) -> tuple[list[date], list[str]]:
    """Dates typed one per line (or separated by spaces/commas): (dates, unreadable tokens)."""
    found, bad = [], []
    for token in _DATE_SPLIT.split(text or ""):
        if not token:
            continue
        for pattern in _DATE_FORMS:
            match = pattern.match(token)
            if match:
                try:
                    found.append(date(*(int(g) for g in match.groups())))
                except ValueError:
                    bad.append(token)
                break
        else:
            bad.append(token)
    return sorted(set(found)), bad


class DateListField(forms.CharField):
    """A textarea of dates (2026-12-29, 2026/12/29 or 20261229), one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def clean(self, value):
        """The typed dates as a sorted list; unreadable ones are named in the error."""
        value = super().clean(value)
        dates, bad = parse_dates(value)
        if bad:
            raise forms.ValidationError(formatted(
                _("日付として読めません: %(bad)s（例: 2026-12-29）"), bad="、".join(bad[:5])))
        return dates


def _lines(text: str) -> list[str]:
    """Non-empty lines of a textarea."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class AreaForm(forms.Form):
    """An area: name, reading, collection centre, note and the 町丁目 it covers."""

    name = forms.CharField(label=_("地区名"), max_length=200)
    reading = forms.CharField(label=_("読み（ひらがな）"), max_length=200, required=False)
    center = forms.CharField(label=_("収集センター"), max_length=200, required=False,
                             help_text=_("休止期間の対象を決める名称（空欄可）"))
    addresses = forms.CharField(label=_("対象の町丁目・住所"), required=False,
                                widget=forms.Textarea(attrs={"rows": 6}),
                                help_text=_("1行に1つ（例: 本町1丁目）。"
                                            "住民が住所から地区を探すときに使います"))
    note = forms.CharField(label=_("備考"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    @staticmethod
    def initial_from(area: Area) -> dict:
        """The form's initial values for an existing area."""
        return {"name": area.name, "reading": area.reading, "center": area.center,
                "note": area.note, "addresses": "\n".join(a.text for a in area.addresses.all())}

    def to_data(self) -> AreaData:
        """The cleaned values as service input."""
        c = self.cleaned_data
        return AreaData(name=c["name"], reading=c["reading"], center=c["center"],
                        note=c["note"], addresses=_lines(c["addresses"]))


class CategoryForm(forms.Form):
    """A category: name, colour, icon, texts for residents and the public-holiday policy."""

    name = forms.CharField(label=_("分別区分の名前"), max_length=200)
    sublabel = forms.CharField(label=_("副見出し"), max_length=200, required=False)
    colour = forms.RegexField(label=_("色"), regex=r"^#[0-9a-fA-F]{6}$", required=False,
                              max_length=7, help_text=_("#rrggbb の形（例: #d7003a）"),
                              error_messages={"invalid": _(
                                  "色は #rrggbb の形で入力してください（例: #d7003a）")})
    icon = forms.CharField(label=_("アイコン"), max_length=300, required=False,
                           help_text=_("画像のパスまたはURL（空欄可）"))
    description = forms.CharField(label=_("説明"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    how_to = forms.CharField(label=_("出し方"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    holiday_policy = forms.ChoiceField(label=_("祝日の扱い"), choices=HolidayPolicy.choices,
                                       widget=forms.RadioSelect)

    @staticmethod
    def initial_from(category: Category) -> dict:
        """The form's initial values for an existing category."""
        return {f: getattr(category, f) for f in ("name", "sublabel", "colour", "icon",
                                                   "description", "how_to", "holiday_policy")}

    def to_data(self) -> CategoryData:
        """The cleaned values as service input."""
        return CategoryData(**self.cleaned_data)


_NTH_CHOICES = [(f"{wd}-{n}", formatted(_("第%(n)s%(day)s"), n=n, day=WEEKDAY_NAMES[wd]))
                for wd in range(7) for n in range(1, 6)]


class RuleForm(forms.Form):
    """When one category is collected in one area: weekly, n-th, every other week, dates."""

    weekdays = forms.MultipleChoiceField(
        label=_("毎週の曜日"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(str(i), name) for i, name in enumerate(WEEKDAY_NAMES)])
    nth = forms.MultipleChoiceField(label=_("第n曜日（毎月）"), required=False,
                                    widget=forms.CheckboxSelectMultiple, choices=_NTH_CHOICES)
    biweekly = DateListField(label=_("隔週の起点日"), required=False,
                             help_text=_("隔週で収集する場合、収集日の1つを入力します。"
                                         "その日から14日ごとに収集します"))
    months = forms.MultipleChoiceField(
        label=_("対象の月"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(str(m), formatted(_("%(m)s月"), m=m)) for m in range(1, 13)],
        help_text=_("何も選ばなければ毎月です（毎週・第n曜日・隔週に適用）"))
    dates = DateListField(label=_("不定期の収集日"), required=False,
                          help_text=_("1行に1日（例: 2026-12-29）。"
                                      "祝日や休止期間でもこの日に収集します"))

    @staticmethod
    def initial_from(rule) -> dict:
        """The form's initial values for an existing rule (or none)."""
        if rule is None:
            return {}
        return {"weekdays": [str(d) for d in rule.weekdays],
                "nth": [f"{wd}-{n}" for wd, n in rule.nth],
                "biweekly": "\n".join(rule.biweekly),
                "months": [str(m) for m in rule.months], "dates": "\n".join(rule.dates)}

    def to_data(self) -> RuleData:
        """The cleaned values as service input."""
        c = self.cleaned_data
        nth = [tuple(int(x) for x in v.split("-")) for v in c["nth"]]
        return RuleData(weekdays=[int(d) for d in c["weekdays"]], nth=nth,
                        biweekly=c["biweekly"] or [], months=[int(m) for m in c["months"]],
                        dates=c["dates"] or [])


class ClosureForm(forms.Form):
    """A closure period (年末年始など)."""

    start = forms.DateField(label=_("休止開始日"), help_text=_("例: 2026-12-31"),
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("休止終了日"), help_text=_("例: 2027-01-03"),
                          widget=forms.DateInput(attrs={"type": "date"}))
    center = forms.CharField(label=_("収集センター"), max_length=200, required=False,
                             help_text=_("空欄なら全地区が対象"))
    note = forms.CharField(label=_("備考"), max_length=300, required=False)

    def clean(self):
        """The end may not come before the start."""
        c = super().clean()
        if c.get("start") and c.get("end") and c["end"] < c["start"]:
            self.add_error("end", _("休止終了日は開始日以降にしてください"))
        return c

    def to_data(self) -> ClosureData:
        """The cleaned values as service input."""
        return ClosureData(**self.cleaned_data)


class ClosurePolicyForm(forms.Form):
    """How closures act on the collections computed inside them (5374's center.csv modes)."""

    policy = forms.ChoiceField(label=_("休止期間の扱い"), choices=ClosurePolicy.choices,
                               widget=forms.RadioSelect)


class ItemForm(forms.Form):
    """A dictionary item: name, reading, category and notes."""

    name = forms.CharField(label=_("品目"), max_length=300)
    reading = forms.CharField(label=_("読み（ひらがな）"), max_length=300, required=False,
                              help_text=_("検索に使います（空欄なら自動で推定します）"))
    category = forms.ModelChoiceField(label=_("分別区分"), queryset=Category.objects.none(),
                                      required=False, empty_label=_("（未設定）"))
    notes = forms.CharField(label=_("注意点"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("例: キャップは外してください"))

    def __init__(self, *args, municipality, **kwargs):
        """Offer only the municipality's categories."""
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(municipality=municipality)

    @staticmethod
    def initial_from(item) -> dict:
        """The form's initial values for an existing item."""
        return {"name": item.name, "reading": item.reading, "category": item.category_id,
                "notes": item.notes}

    def to_data(self) -> ItemData:
        """The cleaned values as service input."""
        return ItemData(**self.cleaned_data)


class TranslationsForm(forms.Form):
    """The translations of one target: a text and a "reviewed" box per language and field."""

    def __init__(self, *args, target, **kwargs):
        """One text field and one reviewed checkbox per language × translatable field."""
        super().__init__(*args, **kwargs)
        self.target_fields = TRANSLATABLE_FIELDS[type(target)]
        existing = {(t.lang, t.field): t for t in target.translations.all()}
        names = dict(Language.choices)
        self.rows = []
        for lang in TRANSLATED_LANGUAGES:
            for name in self.target_fields:
                key = f"{lang}__{name}"
                row = existing.get((lang, name))
                widget = (forms.Textarea(attrs={"rows": 2, "lang": lang})
                          if name != "name" else forms.TextInput(attrs={"lang": lang}))
                self.fields[key] = forms.CharField(
                    label=formatted(_("%(field)s（%(lang)s）"), field=FIELD_LABELS[name],
                                    lang=names[lang]),
                    required=False, widget=widget, initial=row.text if row else "")
                self.fields[f"{key}__reviewed"] = forms.BooleanField(
                    label=formatted(_("%(lang)sの%(field)sを確認済み"), lang=names[lang],
                                    field=FIELD_LABELS[name]),
                    required=False, initial=row.reviewed if row else False)
                self.rows.append((lang, names[lang], self[key], self[f"{key}__reviewed"]))

    def to_texts(self) -> list[TranslationText]:
        """The cleaned values as service input."""
        c = self.cleaned_data
        return [TranslationText(lang=lang, field=name, text=c[f"{lang}__{name}"],
                                reviewed=c[f"{lang}__{name}__reviewed"])
                for lang in TRANSLATED_LANGUAGES for name in self.target_fields]


class NoticeForm(forms.Form):
    """An emergency notice: areas, categories, date, cancel or move, and the notice text."""

    areas = forms.ModelMultipleChoiceField(
        label=_("対象の地区"), queryset=Area.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("何も選ばなければ全地区です"))
    categories = forms.ModelMultipleChoiceField(
        label=_("対象の分別区分"), queryset=Category.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("何も選ばなければ全区分です"))
    date = forms.DateField(label=_("対象の収集日"), help_text=_("例: 2026-09-01"),
                           widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("変更の内容"), choices=ScheduleException.Kind.choices,
                             widget=forms.RadioSelect, initial=ScheduleException.Kind.CANCEL)
    new_date = forms.DateField(label=_("振替先の日"), required=False,
                               help_text=_("「振替」のときだけ入力します"),
                               widget=forms.DateInput(attrs={"type": "date"}))
    notice = forms.CharField(label=_("お知らせ（日本語）"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3, "lang": "ja"}),
                             help_text=_("例: 台風のため9月1日の収集は中止します"))

    def __init__(self, *args, municipality, **kwargs):
        """Offer the municipality's areas and categories and one text per resident language."""
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = Area.objects.filter(municipality=municipality)
        self.fields["categories"].queryset = Category.objects.filter(municipality=municipality)
        names = dict(Language.choices)
        for lang in TRANSLATED_LANGUAGES:
            self.fields[f"notice_{lang}"] = forms.CharField(
                label=formatted(_("お知らせ（%(lang)s・任意）"), lang=names[lang]),
                required=False, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2, "lang": lang}))

    def clean(self):
        """A move needs a different new day."""
        c = super().clean()
        if c.get("kind") == ScheduleException.Kind.MOVE:
            if not c.get("new_date"):
                self.add_error("new_date", _("振替先の日を入力してください"))
            elif c["new_date"] == c.get("date"):
                self.add_error("new_date", _("振替先の日は対象の収集日と違う日にしてください"))
        return c

    def to_data(self) -> NoticeData:
        """The cleaned values as service input."""
        c = self.cleaned_data
        return NoticeData(date=c["date"], kind=c["kind"], new_date=c.get("new_date"),
                          notice=c["notice"], areas=list(c["areas"]),
                          categories=list(c["categories"]),
                          translations={lang: c[f"notice_{lang}"]
                                        for lang in TRANSLATED_LANGUAGES
                                        if c.get(f"notice_{lang}")})


class UploadForm(forms.Form):
    """A file to import: a 5374 folder as .zip, or the standard ゴミの分別方法一覧 CSV."""

    file = forms.FileField(label=_("ファイル"))
