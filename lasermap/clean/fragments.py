"""Raw HTML that leaked into a text capture, turned back into paragraphs.

Captures of WeChat-style articles often keep the markup, with one visual line
per ``<p>``: a sentence is spread over many tiny blocks. Short open fragments
(no sentence-final punctuation) are rejoined; empty blocks (``<p><br/></p>``)
and long blocks keep their paragraph boundary.
"""

from __future__ import annotations

import html
import re

_MARKUP = re.compile(r"<\s*/?\s*(p|div|section|span|br|img|a|strong|b|em|li|ul|ol|h[1-6]|table|tr|td|figure)\b[^>]*>", re.I)
_EMPTY_BLOCK = re.compile(r"<p\b[^>]*>(\s|&nbsp;|<br\b[^>]*>|<span\b[^>]*>|</span>)*</p>|(<br\b[^>]*>\s*){2,}", re.I)
_BLOCK = re.compile(
    r"<\s*/?\s*(p|div|section|br|li|ul|ol|h[1-6]|tr|td|table|blockquote|article|header|footer|figure|figcaption)\b[^>]*>",
    re.I,
)
_DROP = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_CLOSED = tuple("。！？!?；;…”\"」』)")
_SHORT = 40
_PARA, _FRAG = "\x00", "\x01"


def has_markup(line: str) -> bool:
    """At least two tags: one stray ``<`` in prose is not markup."""
    return len(_MARKUP.findall(line)) >= 2


def _is_cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def _join(a: str, b: str) -> str:
    """Keep the visual line break between Chinese fragments: it often separates names in a list."""
    if a and b and (_is_cjk(a[-1]) or _is_cjk(b[0])):
        return f"{a}\n{b}"
    return f"{a} {b}"


def _merge(fragments: list[str]) -> list[str]:
    """Rejoin runs of short open fragments into sentences."""
    out: list[str] = []
    open_run = False
    for frag in fragments:
        if out and open_run and len(frag) <= _SHORT:
            out[-1] = _join(out[-1], frag)
        else:
            out.append(frag)
        open_run = len(frag) <= _SHORT and not frag.endswith(_CLOSED)
    return out


def fragment_paragraphs(line: str) -> list[str]:
    """Paragraphs of text inside a line of markup, image tags and all removed."""
    s = _DROP.sub("", line)
    s = _EMPTY_BLOCK.sub(_PARA, s)
    s = _BLOCK.sub(_FRAG, s)
    s = _TAG.sub("", s)
    paragraphs: list[str] = []
    for group in s.split(_PARA):
        frags = [html.unescape(f).replace("\xa0", " ").strip() for f in group.split(_FRAG)]
        paragraphs.extend(_merge([f for f in frags if f]))
    return paragraphs
