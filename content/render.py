"""Lesson Markdown to HTML that is safe to show: an allow-list, no scripts, no remote images.

`markdown` renders; `nh3` (the ammonia sanitiser) keeps only the listed tags and
attributes. Images survive only when they point at a file of the pack's `media/`,
so a lesson can never make the app fetch anything from the network.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import markdown
import nh3

from content.lesson import LessonMeta, split_front_matter

_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align"},
    "th": {"align"},
    "abbr": {"title"},
}
_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "def_list", "abbr"]


@dataclass(frozen=True)
class RenderedLesson:
    meta: LessonMeta
    html: str


def render_markdown(body: str, media: Collection[str]) -> str:
    """Markdown body → sanitised HTML; `media` holds the pack's media paths ('media/x.svg')."""
    allowed = set(media)

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            return value if value in allowed else None
        if tag == "a" and attribute == "href":
            return value if value.startswith(("https://", "http://", "mailto:", "#")) else None
        return value

    converter = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
    # Raw HTML in a lesson is shown as text, never interpreted: lessons are Markdown only.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    html = converter.convert(body)
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=keep,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_lesson(text: str, media: Collection[str]) -> RenderedLesson:
    meta, body = split_front_matter(text)
    return RenderedLesson(meta, render_markdown(body, media))
