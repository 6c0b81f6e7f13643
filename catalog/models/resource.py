"""Resources (files or links) of a dataset, and their versions."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Resource(models.Model):
    """A distribution of a dataset: a file (versioned) or a link (リソース)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dataset = models.ForeignKey("catalog.Dataset", on_delete=models.CASCADE,
                                related_name="resources")
    name = models.CharField(_("名前"), max_length=300)
    name_en = models.CharField(_("名前（英語）"), max_length=300, blank=True)
    description = models.TextField(_("説明"), blank=True)
    format = models.CharField(_("形式"), max_length=20)
    position = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    deleted = models.BooleanField(default=False)
    current_version = models.ForeignKey("catalog.ResourceVersion", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    # Set by the tabular app once a version of this resource is queryable (CKAN's flag).
    datastore_active = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("リソース")
        verbose_name_plural = _("リソース")

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str) -> str:
        """The name in the given language, falling back to Japanese."""
        return self.name_en if language == "en" and self.name_en else self.name


class ResourceVersion(models.Model):
    """One version of a resource: an uploaded file (stored by hash) or a URL."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    stored_file = models.ForeignKey("core.StoredFile", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    url = models.URLField(_("URL"), max_length=2000, blank=True)
    filename = models.CharField(max_length=255, blank=True)
    format = models.CharField(max_length=20)
    size = models.BigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    detected_kind = models.CharField(max_length=20, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "number"], name="uniq_resource_version")
        ]
        verbose_name = _("リソースの版")
        verbose_name_plural = _("リソースの版")

    def __str__(self) -> str:
        return f"{self.resource} v{self.number}"

    @property
    def is_upload(self) -> bool:
        """True for an uploaded file, False for a link."""
        return self.stored_file_id is not None
