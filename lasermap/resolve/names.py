"""Language-neutral keys for names, so ``Pentium Laser Wenzhou production base`` and
``奔腾激光温州生产基地`` compare equal.

A key is built by replacing every known name (gazetteer: organizations,
places, countries) with its id, generic name parts (生产基地 / production base,
协会 / association) with one token each, dropping legal-form words
(有限公司, Co., Ltd.) and punctuation. Used by evaluation and by entity
resolution across languages.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lasermap.data_files import load_json
from lasermap.extract.gazetteer import default_gazetteer, longest_non_overlapping
from lasermap.normalize.script import to_simplified
from lasermap.normalize.unicode import nfkc_safe

_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _parts() -> tuple[list[tuple[str, str]], list[str]]:
    data = load_json("name_parts.json")
    pairs = [(form.casefold(), f"⟨{token}⟩") for token, forms in data["parts"].items() for form in forms]
    pairs.sort(key=lambda p: -len(p[0]))
    drops = sorted((d.casefold() for d in data["drop"]), key=len, reverse=True)
    return pairs, drops


def _replace_parts(s: str) -> str:
    pairs, drops = _parts()
    for form, token in pairs:
        if form.isascii():
            s = re.sub(rf"(?<![a-z0-9]){re.escape(form)}(?![a-z0-9])", f" {token} ", s)
        else:
            s = s.replace(form, f" {token} ")
    for d in drops:
        if d.isascii():
            s = re.sub(rf"(?<![a-z0-9]){re.escape(d)}(?![a-z0-9])", " ", s)
        else:
            s = s.replace(d, " ")
    return s


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The comparison key of a name (empty for an empty name)."""
    s = to_simplified(nfkc_safe(name)).casefold().strip().replace("’", "'")
    s = re.sub(r"(?<=[a-z])'s\b", "", s)
    if not s:
        return ""
    hits = [(a, b, group[0]) for a, b, group in default_gazetteer().find(s)]
    out, pos = [], 0
    for a, b, entry in longest_non_overlapping(hits):  # type: ignore[arg-type]
        out.append(s[pos:a])
        out.append(f" ⟨{entry.entity_id}⟩ ")  # type: ignore[union-attr]
        pos = b
    out.append(s[pos:])
    keyed = "".join(_replace_parts(chunk) if not chunk.startswith(" ⟨") else chunk for chunk in out)
    return _PUNCT.sub("", keyed.replace("⟨", "<").replace("⟩", ">"))


def same_name(a: str, b: str) -> bool:
    ka, kb = name_key(a), name_key(b)
    return bool(ka) and ka == kb
