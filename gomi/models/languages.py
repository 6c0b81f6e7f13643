"""Languages offered to residents (Japanese is the source text on each row)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    """A resident language; codes follow BCP 47 in lower case (as Django's language codes)."""

    JA = "ja", _("日本語")
    JA_EASY = "ja-easy", _("やさしい日本語")
    EN = "en", _("英語")
    ZH_HANS = "zh-hans", _("中国語（簡体字）")
    KO = "ko", _("韓国語")
    VI = "vi", _("ベトナム語")
    PT_BR = "pt-br", _("ポルトガル語（ブラジル）")
    NE = "ne", _("ネパール語")


#: Every resident language code, Japanese first.
LANGUAGES: tuple[str, ...] = tuple(Language.values)
#: The languages staff translate into (Japanese is the source text on each row).
TRANSLATED_LANGUAGES: tuple[str, ...] = tuple(code for code in LANGUAGES if code != Language.JA)
