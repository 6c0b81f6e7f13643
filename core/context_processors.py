"""Template context shared by every page."""

from django.conf import settings
from django.utils import translation


def site(request):
    """Site-wide values: language, whether 2FA is on, the operator's site name."""
    return {
        "LANG": translation.get_language() or "ja",
        "REQUIRE_2FA": settings.REQUIRE_2FA,
        "SITE_NAME_JA": "官民データ活用基盤 Kanmin",
        "SITE_NAME_EN": "Kanmin open data platform",
    }
