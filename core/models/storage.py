"""Content-addressed file storage records."""

from __future__ import annotations

from django.db import models


class StoredFile(models.Model):
    """An uploaded or fetched file, stored unchanged under its SHA-256 and never overwritten."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    size = models.BigIntegerField()
    media_type = models.CharField(max_length=120, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.sha256

    @property
    def relative_path(self) -> str:
        """Path below the storage root: ab/cd/abcdef…"""
        return f"{self.sha256[:2]}/{self.sha256[2:4]}/{self.sha256}"
