"""A municipality's collection schedule: areas, categories, rules, closures and exceptions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Organisation


class HolidayPolicy(models.TextChoices):
    """What happens to a collection that falls on a Japanese public holiday."""

    COLLECT = "collect", _("祝日も収集する")
    SKIP = "skip", _("祝日は収集しない")
    MOVE = "move", _("翌日（祝日・日曜以外）に振り替える")


class ClosurePolicy(models.TextChoices):
    """What happens to a computed collection inside a closure (5374's SkipSuspend/WeekShift)."""

    SKIP = "skip", _("休止期間の収集は行わない")
    SHIFT_WEEK = "shift_week", _("休止期間以降の同じ月の収集を1週間ずらす")
    NONE = "none", _("休止期間を考慮しない")


class GomiSettings(models.Model):
    """Per-municipality settings of the garbage calendar."""

    municipality = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="gomi_settings")
    closure_policy = models.CharField(_("休止期間の扱い"), max_length=20,
                                      choices=ClosurePolicy.choices, default=ClosurePolicy.SKIP)
    source = models.CharField(_("取り込み元"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("取り込み日時"), null=True, blank=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ごみ収集の設定")
        verbose_name_plural = _("ごみ収集の設定")

    def __str__(self) -> str:
        return f"{self.municipality}"


class Area(models.Model):
    """A collection area (地区) of a municipality; residents choose one."""

    municipality = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="gomi_areas")
    name = models.CharField(_("地区名"), max_length=200)
    reading = models.CharField(_("読み（ひらがな）"), max_length=200, blank=True)
    center = models.CharField(_("収集センター"), max_length=200, blank=True,
                              help_text=_("休止期間（center.csv）の対象を決める名称"))
    note = models.TextField(_("備考"), blank=True)
    position = models.PositiveIntegerField(_("並び順"), default=0)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["municipality", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["municipality", "name"],
                                               name="gomi_area_unique_name")]
        verbose_name = _("収集地区")
        verbose_name_plural = _("収集地区")

    def __str__(self) -> str:
        return self.name


class AreaAddress(models.Model):
    """A 町丁目 or address covered by an area (to find the area from a typed address)."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="addresses")
    text = models.CharField(_("町丁目・住所"), max_length=300)
    normalised = models.CharField(max_length=300, db_index=True, editable=False)
    reading = models.CharField(_("読み（ひらがな）"), max_length=300, blank=True)

    class Meta:
        ordering = ["area", "id"]
        verbose_name = _("地区の町丁目")
        verbose_name_plural = _("地区の町丁目")

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs):
        """Store the NFKC, space-free form used for matching typed addresses."""
        import unicodedata

        self.normalised = "".join(unicodedata.normalize("NFKC", self.text).split())
        super().save(*args, **kwargs)


class Category(models.Model):
    """A garbage category (燃やすごみ, 資源…) with its colour, icon and instructions."""

    municipality = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="gomi_categories")
    name = models.CharField(_("分別区分"), max_length=200)
    sublabel = models.CharField(_("副見出し"), max_length=200, blank=True)
    colour = models.CharField(_("色"), max_length=20, blank=True, help_text="#rrggbb")
    icon = models.CharField(_("アイコン"), max_length=300, blank=True)
    description = models.TextField(_("説明"), blank=True)
    how_to = models.TextField(_("出し方"), blank=True)
    holiday_policy = models.CharField(_("祝日の扱い"), max_length=10,
                                      choices=HolidayPolicy.choices,
                                      default=HolidayPolicy.COLLECT)
    position = models.PositiveIntegerField(_("並び順"), default=0)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["municipality", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["municipality", "name"],
                                               name="gomi_category_unique_name")]
        verbose_name = _("分別区分")
        verbose_name_plural = _("分別区分")

    def __str__(self) -> str:
        return self.name


class Remark(models.Model):
    """A numbered note (5374 remarks.csv) shown with the rules that reference it."""

    municipality = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="gomi_remarks")
    number = models.PositiveSmallIntegerField(_("番号"))
    text = models.TextField(_("注意事項"))

    class Meta:
        ordering = ["municipality", "number"]
        constraints = [models.UniqueConstraint(fields=["municipality", "number"],
                                               name="gomi_remark_unique_number")]
        verbose_name = _("注意事項")
        verbose_name_plural = _("注意事項")

    def __str__(self) -> str:
        return f"{self.number}: {self.text[:40]}"


class Rule(models.Model):
    """When one category is collected in one area (gomi.engine.schedule.RuleSpec as rows).

    weekdays: [0..6] (Monday=0); nth: [[weekday, n], ...]; biweekly: ["YYYY-MM-DD", ...]
    (anchor dates, every 14 days from each); months: [1..12] (empty = every month);
    dates: ["YYYY-MM-DD", ...] listed irregular dates; remarks: [remark numbers].
    """

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="rules")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="rules")
    weekdays = models.JSONField(_("毎週の曜日"), default=list, blank=True)
    nth = models.JSONField(_("第n曜日"), default=list, blank=True)
    biweekly = models.JSONField(_("隔週の起点日"), default=list, blank=True)
    months = models.JSONField(_("対象の月"), default=list, blank=True)
    dates = models.JSONField(_("不定期の収集日"), default=list, blank=True)
    remarks = models.JSONField(_("注意事項の番号"), default=list, blank=True)
    source_text = models.CharField(_("取り込んだ記述"), max_length=4000, blank=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area", "category__position", "category_id"]
        constraints = [models.UniqueConstraint(fields=["area", "category"],
                                               name="gomi_rule_unique_area_category")]
        verbose_name = _("収集ルール")
        verbose_name_plural = _("収集ルール")

    def __str__(self) -> str:
        return f"{self.area} / {self.category}"


class Closure(models.Model):
    """A closure period (年末年始など) of the municipality or of one collection centre."""

    municipality = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="gomi_closures")
    center = models.CharField(_("収集センター"), max_length=200, blank=True,
                              help_text=_("空欄なら全地区が対象"))
    start = models.DateField(_("休止開始日"))
    end = models.DateField(_("休止終了日"))
    note = models.CharField(_("備考"), max_length=300, blank=True)

    class Meta:
        ordering = ["municipality", "start", "center"]
        verbose_name = _("収集休止期間")
        verbose_name_plural = _("収集休止期間")

    def __str__(self) -> str:
        return f"{self.center or '*'} {self.start}–{self.end}"


class ScheduleException(models.Model):
    """A one-off cancellation or move (台風で中止), optionally an emergency notice."""

    class Kind(models.TextChoices):
        CANCEL = "cancel", _("中止")
        MOVE = "move", _("振替")

    municipality = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="gomi_exceptions")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="exceptions", help_text=_("空欄なら全地区"))
    category = models.ForeignKey(Category, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="exceptions", help_text=_("空欄なら全区分"))
    date = models.DateField(_("対象の収集日"))
    kind = models.CharField(_("種類"), max_length=10, choices=Kind.choices)
    new_date = models.DateField(_("振替先の日"), null=True, blank=True)
    notice = models.TextField(_("お知らせ"), blank=True)
    notice_en = models.TextField(_("お知らせ（英語）"), blank=True)
    emergency = models.BooleanField(_("緊急のお知らせ"), default=False)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=150, blank=True)
    notified_at = models.DateTimeField(_("メール送信日時"), null=True, blank=True)

    class Meta:
        ordering = ["municipality", "date", "id"]
        indexes = [models.Index(fields=["municipality", "date"])]
        verbose_name = _("収集日の変更")
        verbose_name_plural = _("収集日の変更")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"
