"""Which site a page came from: its URL's host, else what the page says of itself."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_COPYRIGHT = re.compile(
    r"(?:copyright|©|版权所有|版權所有)\s*(?:©|\(c\))?\s*(?:\d{4}\s*[-–—~]?\s*(?:\d{4})?)?\s*(.+?)\s*(?:版权所有|版權所有|all rights reserved|\.|$)",
    re.I,
)
#: Words after a copyright holder that are not part of its name.
_NOT_HOLDER = re.compile(r"\s*(?:不得转载|不得轉載|未经|未經|禁止|严禁|嚴禁|保留|all rights|\||\bICP|[粤京沪浙苏鲁鄂]ICP)", re.I)
_OG_SITE = re.compile(
    r"""<meta[^>]+(?:property|name)\s*=\s*["'](?:og:site_name|application-name|apple-mobile-web-app-title)["'][^>]*content\s*=\s*["']([^"']{2,80})["']""",
    re.I,
)


def host_of(url: str | None) -> str | None:
    """``https://www.example.com/a`` → ``example.com``; None for non-URLs."""
    if not url or "://" not in url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def site_from_page(source_text: str, kind: str, footer_lines: list[str]) -> str | None:
    """The site's own name: ``og:site_name`` in markup, the copyright holder in a capture."""
    if kind == "html":
        m = _OG_SITE.search(source_text[:20000])
        if m:
            return m.group(1).strip()
    for line in reversed(footer_lines):
        m = _COPYRIGHT.search(line)
        if m:
            holder = _NOT_HOLDER.split(m.group(1))[0].strip(" ,.-|")
            if 2 <= len(holder) <= 40:
                return holder
    return None
