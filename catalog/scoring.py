"""Open data 5-star rating and a quality score, computed from a dataset's metadata.

5 stars (Tim Berners-Lee): 1 open licence; 2 machine-readable; 3 non-proprietary format;
4 URIs to denote things (RDF); 5 linked to other data (RDF formats that carry links).
The quality score (0-100) adds up checks a publisher can act on; ``quality_checks`` lists
them with their weight and whether they pass, so the dataset page can explain the score.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models.dataset import FREQUENCY_DAYS

MACHINE_READABLE = {"CSV", "TSV", "XLSX", "XLS", "ODS", "JSON", "GEOJSON", "XML", "RDF", "TTL",
                    "JSONLD", "KML", "PARQUET", "SHP", "ICS"}
NON_PROPRIETARY = {"CSV", "TSV", "ODS", "JSON", "GEOJSON", "XML", "RDF", "TTL", "JSONLD", "KML",
                   "PARQUET", "ICS"}
RDF_FORMATS = {"RDF", "TTL", "JSONLD"}


def stars(*, licence_open: bool, formats: set[str]) -> int:
    """The 5-star level of a dataset."""
    if not licence_open or not formats:
        return 0
    level = 1
    if formats & MACHINE_READABLE:
        level = 2
    if formats & NON_PROPRIETARY:
        level = 3
    if formats & RDF_FORMATS:
        level = 5 if "LINKED" in formats else 4
    return level


@dataclass(frozen=True)
class QualityCheck:
    """One check that contributes to the quality score."""

    key: str
    label: str
    weight: int
    passed: bool


def quality_checks(dataset, formats: set[str]) -> list[QualityCheck]:
    """Each check with its weight (the weights add up to 100)."""
    on_time = True
    days = FREQUENCY_DAYS.get(dataset.update_frequency)
    if days and dataset.data_updated_at:
        on_time = timezone.now() - dataset.data_updated_at <= timedelta(days=days)
    elif days:
        on_time = False
    return [
        QualityCheck("licence", _("オープンなライセンスが指定されている"), 20,
                     bool(dataset.licence_id) and dataset.licence.is_open),
        QualityCheck("description", _("説明が100文字以上ある"), 15,
                     len(dataset.description or "") >= 100),
        QualityCheck("machine_readable", _("機械判読可能な形式のリソースがある"), 20,
                     bool(formats & MACHINE_READABLE)),
        QualityCheck("standard", _("自治体標準オープンデータセットに準拠している"), 15,
                     dataset.standard_id is not None),
        QualityCheck("on_time", _("更新頻度どおりに更新されている"), 10, on_time),
        QualityCheck("contact", _("問い合わせ先がある"), 10,
                     bool(dataset.contact_email or dataset.contact_phone or dataset.contact_name)),
        QualityCheck("english", _("英語のタイトルがある"), 5, bool(dataset.title_en)),
        QualityCheck("keywords", _("タグまたは分類がある"), 5,
                     dataset.pk is not None
                     and (dataset.tags.exists() or dataset.categories.exists())),
    ]


def quality(dataset, formats: set[str]) -> int:
    """The quality score, 0 to 100."""
    return sum(c.weight for c in quality_checks(dataset, formats) if c.passed)
