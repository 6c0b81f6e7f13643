"""Render user-written Markdown to sanitised HTML.

markdown-it-py (CommonMark, raw HTML disabled) renders; nh3 (the Ammonia sanitiser) then
keeps only a small allow-list of tags and attributes and only http(s)/mailto links, so
CKAN-style payloads (javascript: links, event handlers, raw <script>) come out inert.
"""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    "table"
).enable("strikethrough")

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


def _demote_headings(html: str) -> str:
    # A page has one h1 (the dataset title); user headings start at h2.
    return html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")


def render(text: str) -> SafeString:
    """Markdown to safe HTML (links get rel=nofollow noopener)."""
    html = _demote_headings(_md.render(text or ""))
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


def plain_text(text: str) -> str:
    """Markdown reduced to text (for search indexing and meta descriptions)."""
    return nh3.clean(_md.render(text or ""), tags=set()).strip()
