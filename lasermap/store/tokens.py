"""Search tokens: CJK character bigrams plus the words of everything else.

FTS5's own tokenizers cannot find 2-character Chinese words (``unicode61``
keeps a whole run of Han characters as one token; ``trigram`` needs 3
characters). Emitting overlapping bigrams for each Han run makes every
substring of 2+ characters findable as a phrase of bigrams, without a
dictionary, in Simplified and — because the Simplified shadow is indexed —
Traditional text alike. Tokens are deterministic, which the contentless FTS
table needs to delete rows.
"""

from __future__ import annotations

import re

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"\w+", re.UNICODE)


def bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_text(text: str) -> str:
    """The string handed to FTS5: Han runs as space-separated bigrams, the rest as is."""
    if not text:
        return ""
    out: list[str] = []
    pos = 0
    for m in _HAN_RUN.finditer(text):
        out.append(text[pos : m.start()])
        out.append(" " + " ".join(bigrams(m.group())) + " ")
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def query_tokens(term: str) -> list[str]:
    """Tokens of a (Simplified) query term, in order, the way ``index_text`` makes them."""
    tokens: list[str] = []
    pos = 0
    for m in _HAN_RUN.finditer(term):
        tokens.extend(_WORD.findall(term[pos : m.start()]))
        tokens.extend(bigrams(m.group()))
        pos = m.end()
    tokens.extend(_WORD.findall(term[pos:]))
    return tokens


def is_single_han(term: str) -> bool:
    return len(term) == 1 and bool(_HAN_RUN.fullmatch(term))
