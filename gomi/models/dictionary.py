"""The sorting dictionary (items → category) and translations of gomi texts."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Organisation
from gomi.models.languages import Language
from gomi.models.schedule import Area, Category, ScheduleException


class Item(models.Model):
    """One entry of the sorting dictionary (ゴミの分別方法一覧 / 5374 target.csv)."""

    municipality = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="gomi_items")
    name = models.CharField(_("品目"), max_length=300)
    reading = models.CharField(_("読み（ひらがな）"), max_length=300, blank=True)
    initial = models.CharField(_("見出し（五十音）"), max_length=10, blank=True,
                               help_text=_("5374 の furigana 列（あ、い…）"))
    category = models.ForeignKey(Category, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="items")
    category_text = models.CharField(_("分別区分（記載どおり）"), max_length=200, blank=True)
    notes = models.TextField(_("注意点"), blank=True)
    fee_type = models.CharField(_("料金種別"), max_length=100, blank=True)
    fee = models.DecimalField(_("料金"), max_digits=10, decimal_places=0, null=True,
                              blank=True)
    fee_notes = models.TextField(_("料金備考"), blank=True)
    remarks = models.TextField(_("備考"), blank=True)
    standard_id = models.CharField(_("ID（標準データセット）"), max_length=100, blank=True)
    position = models.PositiveIntegerField(_("並び順"), default=0)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["municipality", "position", "id"]
        indexes = [models.Index(fields=["municipality", "name"])]
        verbose_name = _("品目")
        verbose_name_plural = _("品目")

    def __str__(self) -> str:
        return self.name


class Translation(models.Model):
    """A text of an item, category, area or notice in one resident language."""

    class Field(models.TextChoices):
        NAME = "name", _("名称")
        DESCRIPTION = "description", _("説明")
        HOW_TO = "how_to", _("出し方")
        NOTES = "notes", _("注意点")
        NOTICE = "notice", _("お知らせ")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="translations")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="translations")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="translations")
    exception = models.ForeignKey(ScheduleException, on_delete=models.CASCADE, null=True,
                                  blank=True, related_name="translations")
    field = models.CharField(_("項目"), max_length=20, choices=Field.choices,
                             default=Field.NAME)
    lang = models.CharField(_("言語"), max_length=10, choices=Language.choices)
    text = models.TextField(_("訳文"))
    reviewed = models.BooleanField(_("確認済み"), default=False)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["lang", "field", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(item__isnull=False, category__isnull=True, area__isnull=True,
                      exception__isnull=True)
                    | Q(item__isnull=True, category__isnull=False, area__isnull=True,
                        exception__isnull=True)
                    | Q(item__isnull=True, category__isnull=True, area__isnull=False,
                        exception__isnull=True)
                    | Q(item__isnull=True, category__isnull=True, area__isnull=True,
                        exception__isnull=False)
                ),
                name="gomi_translation_one_target",
            ),
            models.UniqueConstraint(fields=["item", "field", "lang"],
                                    condition=Q(item__isnull=False),
                                    name="gomi_translation_unique_item"),
            models.UniqueConstraint(fields=["category", "field", "lang"],
                                    condition=Q(category__isnull=False),
                                    name="gomi_translation_unique_category"),
            models.UniqueConstraint(fields=["area", "field", "lang"],
                                    condition=Q(area__isnull=False),
                                    name="gomi_translation_unique_area"),
            models.UniqueConstraint(fields=["exception", "field", "lang"],
                                    condition=Q(exception__isnull=False),
                                    name="gomi_translation_unique_exception"),
        ]
        verbose_name = _("翻訳")
        verbose_name_plural = _("翻訳")

    def __str__(self) -> str:
        return f"{self.lang}: {self.text[:40]}"
