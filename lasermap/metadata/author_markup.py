"""Authors that the markup declares: meta tags, JSON-LD, ``rel=author`` / ``itemprop=author``.

Machine metadata names the author on most English pages and on many Chinese
ones, but it also carries the site's name (``网易``), a syndication source
(``参考消息``) or a user id (``L_104485``). A value is accepted only when it
has the shape of a personal name and is neither the site's own name nor what
the page prints behind a source label.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lasermap.metadata.names import byline, is_cn_name, is_latin_name, join_names, looks_like_org
from lasermap.metadata.page import Page, load_labels, normalise

_HAN = r"\u3400-\u9fff"
_META_KEYS = (
    "author",
    "article:author",
    "og:article:author",
    "citation_author",
    "citation_authors",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "sailthru.author",
    "parsely-author",
    "twitter:creator:name",
    "contentauthor",
)
_MARKUP_XPATH = (
    "//*[@rel='author'] | //*[@itemprop='author'] | //*[contains(concat(' ', normalize-space(@class), ' '), ' author ')"
    " or contains(@class, 'byline') or contains(@class, 'author-name') or contains(@class, 'author_name')"
    " or contains(@class, 'authorName')]"
)
_LABEL_PREFIX = re.compile(r"^\s*(?:by|written by|posted by|作者|文|记者|記者|撰文)\s*[:：/]?\s*", re.I)


def structured_author(page: Page) -> str | None:
    """The first acceptable author from meta tags, then JSON-LD, then author markup."""
    values: list[str] = [c for k, c, _ in page.meta if k in _META_KEYS and not c.lower().startswith("http")]
    for doc in page.jsonld:
        values.extend(_jsonld_authors(doc, _jsonld_people(doc)))
    values.extend(_markup_values(page))
    sites = _site_names(page)
    for v in values:
        good = valid_structured(v)
        if (
            good
            and not any(good in site or site in good for site in sites)
            and not _shown_as_source(page, good)
        ):
            return good
    return None


def _site_names(page: Page) -> list[str]:
    """The site's own name (og:site_name, application-name, the tail of <title>): never the author."""
    names = [
        c for k, c, _ in page.meta if k in ("og:site_name", "application-name", "apple-mobile-web-app-title")
    ]
    if page.tree is not None:
        title = page.tree.find(".//title")
        if title is not None:
            parts = re.split(r"\s*(?:[_|｜]|\s[-–—]\s|--|-)\s*", title.text_content().strip())
            names.extend(parts[1:])
    return [n.strip() for n in names if len(n.strip()) >= 2]


def _shown_as_source(page: Page, value: str) -> bool:
    """True when the page prints ``value`` behind a source label (来源: 参考消息): a publisher."""
    labels = "|".join(re.escape(w) for w in load_labels("author_labels.json")["source"])
    pattern = re.compile(rf"(?:{labels})\s*[:：]\s*(.*)$", re.I)
    first = value.split()[0]
    for line in page.lines:
        m = pattern.search(line.text)
        if m and m.group(1).strip().startswith(first):
            return True
    return False


def _jsonld_people(node: Any) -> dict[str, str]:
    """Person nodes by @id, so that ``"author": {"@id": …}`` references can be resolved."""
    people: dict[str, str] = {}
    stack = [node]
    while stack and len(people) < 50:
        cur = stack.pop()
        if isinstance(cur, list):
            stack.extend(cur)
        elif isinstance(cur, dict):
            if (
                cur.get("@type") == "Person"
                and isinstance(cur.get("@id"), str)
                and isinstance(cur.get("name"), str)
            ):
                people[cur["@id"]] = cur["name"]
            stack.extend(v for v in cur.values() if isinstance(v, (dict, list)))
    return people


def _jsonld_authors(node: Any, people: dict[str, str], depth: int = 0) -> Iterator[str]:
    if depth > 8:
        return
    if isinstance(node, list):
        for v in node:
            yield from _jsonld_authors(v, people, depth + 1)
    elif isinstance(node, dict):
        author = node.get("author") or node.get("creator")
        for a in author if isinstance(author, list) else [author]:
            if isinstance(a, str):
                yield a
            elif isinstance(a, dict):
                name = a.get("name") if isinstance(a.get("name"), str) else people.get(str(a.get("@id")))
                if name and str(a.get("@type", "Person")) == "Person":
                    yield name
        for k, v in node.items():
            if k not in ("author", "creator") and isinstance(v, (dict, list)):
                yield from _jsonld_authors(v, people, depth + 1)


def _markup_values(page: Page) -> Iterator[str]:
    """Text of elements marked as the author (rel, itemprop, class), outside comment threads."""
    if page.tree is None:
        return
    try:
        elements = page.tree.xpath(_MARKUP_XPATH)
    except Exception:  # noqa: BLE001 - lxml raises several types on odd trees
        return
    for el in elements[:30]:
        if any("comment" in (a.get("class") or "").lower() for a in el.iterancestors()):
            continue
        named = el.xpath(".//*[@itemprop='name']")
        text = (named[0] if named else el).text_content()
        text = _LABEL_PREFIX.sub("", re.sub(r"\s+", " ", normalise(text)).strip())
        names, rest = byline(text)
        if names and len(rest.strip()) <= 30:
            yield ", ".join(names)


def valid_structured(value: str) -> str | None:
    """'赵  培' → '赵培'; 'By Ana Swanson' → 'Ana Swanson'; 'www.x.cn,某日报集团' / 'L_104485' → None."""
    value = _LABEL_PREFIX.sub("", normalise(value).strip())
    out: list[str] = []
    for part in re.split(r"\s*[,;、，/|]\s*|\s+and\s+|\s*&\s*", value):
        part = re.sub(rf"(?<=[{_HAN}])\s+(?=[{_HAN}])", "", part.strip())
        if not part:
            continue
        if is_cn_name(part) or is_latin_name(part):
            out.append(part)
        elif re.fullmatch(rf"[{_HAN}]{{2,3}}", part) and not looks_like_org(part):
            out.append(part)  # a short pen name (魑皇); longer non-names are mostly outlets (参考消息)
        elif out and re.search(r"writer|reporter|correspondent|editor|staff|press|news", part, re.I):
            break  # 'STEVE PEOPLES, AP National Political Writer': a role after the names
        else:
            return None
    return join_names(out) if out and len(out) <= 6 else None
