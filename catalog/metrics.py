"""The catalog's platform metrics (for the plan's KPIs), registered in core.metrics.

Imported by the plan app's hooks (the catalog never imports the plan). Every count follows the
catalog's own notion of public: published, not private, not deleted (``Dataset.objects.public``).
Downloads are counted per day in ``core.DailyCount`` (key ``catalog.downloads``): resource
downloads and table exports, a number only.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from catalog.models import Dataset, Resource
from catalog.scoring import MACHINE_READABLE
from core import counters
from core.metrics import metric


def _public(organisation):
    datasets = Dataset.objects.public()
    return datasets if organisation is None else datasets.filter(organisation=organisation)


def _public_resources(organisation):
    return Resource.objects.filter(dataset__in=_public(organisation), deleted=False)


@metric("catalog.published_datasets", label=_("オープンデータ公開件数"), unit="件",
        description=_("公開中（非公開・削除済みを除く）のデータセットの数"))
def published_datasets(organisation) -> int:
    """Datasets anyone can see."""
    return _public(organisation).count()


@metric("catalog.standard_datasets_covered", label=_("推奨データセット対応件数"), unit="件",
        description=_("公開中のデータセットが対応する自治体標準オープンデータセットの種類数"))
def standard_datasets_covered(organisation) -> int:
    """Distinct standard datasets that public datasets claim or whose files were matched to."""
    covered = set(_public(organisation).exclude(standard=None)
                  .values_list("standard_id", flat=True))
    if apps.is_installed("tabular"):
        # The tabular app records which standard each ingested table matched; only the
        # current version of a live resource of a public dataset counts.
        table = apps.get_model("tabular", "DataTable")
        versions = _public_resources(organisation).exclude(current_version=None) \
            .values_list("current_version_id", flat=True)
        covered |= set(table.objects.filter(ingestion__version_id__in=versions)
                       .exclude(standard="").exclude(matched__in=("", "none"))
                       .values_list("standard", flat=True))
    return len(covered)


@metric("catalog.machine_readable_share", label=_("機械判読可能な形式のリソースの割合"),
        unit="%", description=_("公開中のリソースのうちCSV・JSON等の機械判読可能な形式の割合"))
def machine_readable_share(organisation) -> float:
    """Percentage of public resources whose format is machine-readable (0 without resources)."""
    formats = [f.upper() for f in _public_resources(organisation).values_list("format", flat=True)]
    if not formats:
        return 0.0
    return round(100.0 * sum(f in MACHINE_READABLE for f in formats) / len(formats), 1)


@metric("catalog.downloads", label=_("ダウンロード数"), unit="件",
        description=_("リソースのダウンロードと表データの書き出しの累計回数"))
def downloads(organisation) -> int:
    """Resource downloads and table exports since counting began."""
    return counters.total("catalog.downloads", organisation=organisation)
