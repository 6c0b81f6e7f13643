"""Error type shared by the code validators, carrying a Japanese and an English message."""

from __future__ import annotations


class InvalidCode(ValueError):
    """A code (全国地方公共団体コード, 法人番号, …) that is malformed or fails its check digit."""

    def __init__(self, message_ja: str, message_en: str) -> None:
        """Keep both messages; str(exc) shows them as "ja / en"."""
        self.message_ja = message_ja
        self.message_en = message_en
        super().__init__(f"{message_ja} / {message_en}")
