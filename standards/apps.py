"""Standards app: the 自治体標準オープンデータセット schemas as data files (no models)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    """Configuration of the standards app; it has no models, only data and pure modules."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "standards"
    label = "standards"
    verbose_name = _("標準データセット")
