"""Organisations (municipalities, prefectures), their departments and staff roles."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from jp import lgcode


def validate_lgcode(value: str) -> None:
    """Reject a 全国地方公共団体コード whose format or check digit is wrong."""
    if not lgcode.is_valid(value):
        try:
            lgcode.normalize(value)
        except lgcode.InvalidCode as exc:
            # jp has no Django: pick its message in the active language, both for the CLI.
            language = translation.get_language() or "ja"
            raise ValidationError(exc.message_en if language == "en" else exc.message_ja) from exc
        raise ValidationError(_("6桁の全国地方公共団体コードを入力してください"))


class Organisation(models.Model):
    """A publishing body: a municipality, a prefecture or another public organisation."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("市区町村")
        PREFECTURE = "prefecture", _("都道府県")
        OTHER = "other", _("その他の団体")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("識別名"), max_length=100, unique=True)
    kind = models.CharField(_("種別"), max_length=20, choices=Kind.choices,
                            default=Kind.MUNICIPALITY)
    lgcode = models.CharField(
        _("全国地方公共団体コード"), max_length=6, unique=True, null=True, blank=True,
        validators=[validate_lgcode],
    )
    name = models.CharField(_("名称"), max_length=200)
    name_kana = models.CharField(_("名称（カナ）"), max_length=200, blank=True)
    name_en = models.CharField(_("名称（英語）"), max_length=200, blank=True)
    description = models.TextField(_("説明"), blank=True)
    website = models.URLField(_("ウェブサイト"), blank=True)
    is_fictional = models.BooleanField(
        _("架空の団体"), default=False,
        help_text=_("デモ用の架空の団体であることを表示します"),
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["lgcode", "slug"]
        verbose_name = _("団体")
        verbose_name_plural = _("団体")

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str) -> str:
        """The name in the given language, falling back to Japanese."""
        return self.name_en if language == "en" and self.name_en else self.name


class Department(models.Model):
    """A department (部署) of an organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="departments",
        verbose_name=_("団体"),
    )
    name = models.CharField(_("名称"), max_length=200)
    name_en = models.CharField(_("名称（英語）"), max_length=200, blank=True)
    email = models.EmailField(_("連絡先メール"), blank=True)
    phone = models.CharField(_("電話番号"), max_length=40, blank=True)

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="uniq_department_name")
        ]
        verbose_name = _("部署")
        verbose_name_plural = _("部署")

    def __str__(self) -> str:
        return f"{self.organisation.name} {self.name}"

    def display_name(self, language: str) -> str:
        """The name in the given language, falling back to Japanese."""
        return self.name_en if language == "en" and self.name_en else self.name


class Role(models.TextChoices):
    """A staff member's role in an organisation; site administrators are superusers."""

    ADMIN = "admin", _("団体管理者")
    EDITOR = "editor", _("編集者")
    VIEWER = "viewer", _("閲覧者")


ROLE_RANK = {Role.VIEWER: 1, Role.EDITOR: 2, Role.ADMIN: 3}


class Membership(models.Model):
    """A user's role in one organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("役割"), max_length=20, choices=Role.choices, default=Role.EDITOR)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="uniq_membership")
        ]
        verbose_name = _("所属")
        verbose_name_plural = _("所属")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"
