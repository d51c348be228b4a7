"""The curated Markdown of answers as Telegram HTML, and as plain text for the fallback.

The same small subset the web widget renders (channels/web/static/widget.js, renderMarkdown):
**bold** / __bold__, *italic* / _italic_, bullet and numbered lists, line breaks, [text](url) and
bare URLs. Everything else is text: it is HTML-escaped, and only http(s), mailto and tel links
become <a href>, so nothing in a text can turn into other markup. Lists become lines starting
with "•" (Telegram HTML has no lists).
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

_INLINE = re.compile(
    r"\[(?P<label>[^\]\n]+)\]\((?P<url>[^)\s]+)\)"
    r"|\*\*(?=\S)(?P<b1>[^\n]*?\S)\*\*"
    r"|(?:^|(?<=[\s(]))__(?=\S)(?P<b2>[^\n]*?\S)__(?!\w)"
    r"|\*(?=[^\s*])(?P<i1>[^*\n]*?[^\s*])\*"
    r"|(?:^|(?<=[\s(]))_(?=[^\s_])(?P<i2>[^_\n]*?[^\s_])_(?!\w)"
    r"|(?P<bare>(?:https?://|mailto:)[^\s<>()]*[^\s<>().,;:!?'\"»”])"
)
_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s+(.*)$")
_SCHEMES = ("http", "https", "mailto", "tel")


def _safe_url(url: str) -> str | None:
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in _SCHEMES and url.lower().startswith(scheme + ":") else None


def _inline(text: str, as_html: bool, in_link: bool = False) -> str:
    out: list[str] = []
    position = 0
    for match in _INLINE.finditer(text):
        out.append(html.escape(text[position:match.start()], quote=False) if as_html
                   else text[position:match.start()])
        position = match.end()
        groups = match.groupdict()
        url = groups["url"] or groups["bare"]
        if url is not None:
            label = groups["label"] if groups["label"] is not None else url
            safe = None if in_link else _safe_url(url)
            if safe is None:
                out.append(html.escape(match.group(0), quote=False) if as_html else match.group(0))
            elif as_html:
                out.append(f'<a href="{html.escape(safe, quote=True)}">{_inline(label, True, True)}</a>')
            else:
                out.append(label if label == url else f"{_inline(label, False, True)} ({url})")
            continue
        bold = groups["b1"] if groups["b1"] is not None else groups["b2"]
        inner = bold if bold is not None else (groups["i1"] if groups["i1"] is not None else groups["i2"])
        rendered = _inline(inner, as_html, in_link)
        tag = "b" if bold is not None else "i"
        out.append(f"<{tag}>{rendered}</{tag}>" if as_html else rendered)
    rest = text[position:]
    out.append(html.escape(rest, quote=False) if as_html else rest)
    return "".join(out)


def _render(markdown: str, as_html: bool) -> str:
    blocks = re.split(r"\n[ \t]*\n", str(markdown).replace("\r\n", "\n").replace("\r", "\n"))
    rendered: list[str] = []
    for block in blocks:
        lines = []
        for line in block.split("\n"):
            bullet = _BULLET.match(line)
            numbered = None if bullet else _NUMBERED.match(line)
            if bullet:
                lines.append("• " + _inline(bullet.group(1), as_html))
            elif numbered:
                lines.append(f"{numbered.group(1)}. " + _inline(numbered.group(2), as_html))
            elif line.strip():
                lines.append(_inline(line.strip(), as_html))
        if lines:
            rendered.append("\n".join(lines))
    return "\n\n".join(rendered)


def to_html(markdown: str) -> str:
    """Telegram HTML (parse_mode HTML) of the Markdown subset; all other text escaped."""
    return _render(markdown, as_html=True)


def to_plain(markdown: str) -> str:
    """The same without markup: for the fallback when Telegram refuses the entities."""
    return _render(markdown, as_html=False)
