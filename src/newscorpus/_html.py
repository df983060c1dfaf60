"""HTML for notebooks: a document's cleaned text with its time expressions, quotes and removals marked."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newscorpus.types import Document

__all__: list[str] = []

_STYLE = (
    "<style>.nc-doc{font-family:sans-serif;line-height:1.5;white-space:pre-wrap;max-height:40em;overflow:auto}"
    ".nc-timex{background:#fde68a}.nc-quote{background:#bfdbfe}.nc-timex.nc-quote{background:#a7f3d0}"
    ".nc-removed{color:#b91c1c;text-decoration:line-through;font-size:80%}</style>"
)


def _removal_points(doc: Document) -> dict[int, list[str]]:
    """Where in the cleaned text each removal was, and what it held."""
    article = doc.article
    points: dict[int, list[str]] = {}
    segments = article.segments or ()
    index = 0
    kept = 0  # characters of text made of raw before the current removal
    for removal in article.removals:
        while index < len(segments) and segments[index].raw_start + segments[index].length <= removal.start:
            kept = segments[index].text_start + segments[index].length
            index += 1
        points.setdefault(kept, []).append(f"{removal.rule}: {removal.text}")
    return points


def document_html(doc: Document) -> str:
    """Return *doc*'s cleaned text as HTML, each character in runs of the marks it carries."""
    text = doc.article.text
    timex = [-1] * len(text)
    quote = [-1] * len(text)
    for number, found in enumerate(doc.timexes):
        timex[found.start : found.end] = [number] * (found.end - found.start)
    for number, said in enumerate(doc.quotes):
        quote[said.start : said.end] = [number] * (said.end - said.start)
    points = _removal_points(doc)
    out = [_STYLE, '<div class="nc-doc">']
    header = f"{doc.article.title or doc.article.id}"
    counts = f"{len(doc.sentences)} sentences, {len(doc.timexes)} time expressions, {len(doc.quotes)} quotes"
    out.append(f"<b>{html.escape(header)}</b> <small>({counts}, {len(doc.article.removals)} removals)</small>\n")
    start = 0
    for position in range(len(text) + 1):
        boundary = position == len(text) or position in points
        if not boundary and position > start and (timex[position], quote[position]) == (timex[start], quote[start]):
            continue
        if position > start:
            out.append(_run(doc, text[start:position], timex[start], quote[start]))
            start = position
        for removed in points.get(position, ()):
            out.append(f'<span class="nc-removed" title="removed">{html.escape(removed)}</span>')
        points.pop(position, None)
    out.append("</div>")
    return "".join(out)


def _run(doc: Document, chunk: str, timex: int, quote: int) -> str:
    escaped = html.escape(chunk)
    if timex < 0 and quote < 0:
        return escaped
    classes = []
    titles = []
    if timex >= 0:
        classes.append("nc-timex")
        titles.append(f"{doc.timexes[timex].type.value} {doc.timexes[timex].value}")
    if quote >= 0:
        classes.append("nc-quote")
        speaker = doc.quotes[quote].speaker
        titles.append(f"quote ({doc.quotes[quote].kind.value}){', ' + speaker.name if speaker else ''}")
    return f'<span class="{" ".join(classes)}" title="{html.escape("; ".join(titles))}">{escaped}</span>'
