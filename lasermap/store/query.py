"""Parse a user's search query into an FTS5 expression.

Accepted: words, ``"quoted phrases"``, ``OR``, ``AND`` (implicit between
terms), ``-word`` or ``NOT word``, and a trailing ``*`` for prefixes. Chinese
terms are converted to Simplified and become phrases of bigrams, so
``科技部调研`` finds ``科技部調研``. Anything else is a :class:`QueryError`
with a message a user can act on, never an SQL error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lasermap.errors import QueryError
from lasermap.normalize.script import to_simplified
from lasermap.normalize.unicode import nfkc_safe
from lasermap.store.tokens import is_single_han, query_tokens

_LEXER = re.compile(r'"([^"]*)"|(\S+)')


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """The FTS5 expression and the plain terms (for highlighting)."""

    fts: str
    terms: tuple[str, ...]


def _phrase(term: str) -> str:
    prefix = term.endswith("*")
    term = term.rstrip("*")
    simple = to_simplified(nfkc_safe(term)).lower()
    if is_single_han(simple):
        return f'"{simple}"*'
    tokens = query_tokens(simple)
    if not tokens:
        raise QueryError(f"nothing to search for in {term!r}: use letters, digits or Chinese characters")
    return '"' + " ".join(tokens) + '"' + ("*" if prefix else "")


def parse_query(query: str) -> ParsedQuery:
    """Turn ``query`` into an FTS5 MATCH expression; raise QueryError when malformed."""
    if query.count('"') % 2:
        raise QueryError(f"unbalanced quote in query {query!r}: close the phrase with a second \"")
    parts: list[str] = []
    terms: list[str] = []
    pending_op: str | None = None
    for m in _LEXER.finditer(query):
        phrase, word = m.group(1), m.group(2)
        if word in ("OR", "AND", "NOT"):
            if pending_op or (not parts and word != "NOT"):
                raise QueryError(f"{word} needs a term before and after it in {query!r}")
            pending_op = word
            continue
        negate = bool(word and word.startswith("-") and len(word) > 1)
        text = phrase if phrase is not None else word.lstrip("-") if negate else word
        expr = _phrase(text)
        if pending_op:
            parts.append(pending_op)
        elif negate:
            parts.append("NOT")
        elif parts:
            parts.append("AND")
        if pending_op == "NOT":
            negate = True
        parts.append(expr)
        if not negate:
            terms.append(text.rstrip("*"))
        pending_op = None
    if pending_op:
        raise QueryError(f"{pending_op} at the end of {query!r} needs a term after it")
    if not terms:
        raise QueryError("the query has nothing to search for" if not parts else "a query cannot only exclude terms")
    if parts[0] == "NOT":
        raise QueryError("a query cannot start with an excluded term: put a term to find first")
    return ParsedQuery(" ".join(parts), tuple(terms))
