"""From what a user types to one canonical entity: name, Chinese name, surface form, id or name key.

The order of the signals matters: an exact id or name is what the user meant;
gazetteer aliases (济南市, Optics Valley) come next; the language-neutral name
key (``Jinan`` = ``济南``) last, before a substring search that only ever
suggests. More than one canonical entity is never guessed between: the user
gets the candidates with their ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lasermap.domain.load import org_alias_index, place_alias_index, place_by_id
from lasermap.errors import LasermapError
from lasermap.resolve.names import name_key


@dataclass(slots=True)
class EntityRef:
    """A canonical entity as users see it: its display name and every member id merged into it."""

    id: str
    type: str
    subtype: str | None
    name: str
    name_zh: str | None
    origin: str
    members: list[str] = field(default_factory=list)
    documents: int = 0

    def label(self) -> str:
        zh = f" / {self.name_zh}" if self.name_zh and self.name_zh != self.name else ""
        return f"{self.name}{zh}"

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "subtype": self.subtype, "name": self.name, "name_zh": self.name_zh,
                "origin": self.origin, "members": self.members, "documents": self.documents}  # fmt: skip


class AnalysisError(LasermapError):
    """A name that matches nothing or several entities; ``candidates`` lists what it could mean."""

    def __init__(self, message: str, candidates: list[EntityRef] | None = None):
        self.candidates = candidates or []
        if self.candidates:
            shown = "; ".join(f"{c.id} ({c.label()}, {c.type}, {c.documents} docs)" for c in self.candidates[:8])
            message = f"{message}: {shown}"
        super().__init__(message)


def entity_ref(q: Any, canonical_id: str, with_docs: bool = True) -> EntityRef:
    """The canonical entity ``canonical_id`` with its display name (curators' renames win)."""
    members = q.members(canonical_id)
    rows = q.entities(members)
    row = rows.get(canonical_id) or next(iter(rows.values()), None)
    if row is None:
        raise AnalysisError(f"no entity {canonical_id!r} in this database")
    renames = q.display_names()
    name = renames.get(canonical_id) or next((renames[m] for m in members if m in renames), None) or row["name"]
    return EntityRef(id=canonical_id, type=row["type"], subtype=row["subtype"], name=name, name_zh=row["name_zh"],
                     origin=row["origin"], members=members,
                     documents=q.doc_count(members) if with_docs else 0)  # fmt: skip


def _raw_matches(q: Any, text: str) -> set[str]:
    ids = q.find_exact(text)
    folded = text.casefold()
    ids |= {eid for eid, name in q.display_names().items() if name.casefold() == folded}
    if not ids:
        ids = q.existing([*org_alias_index().get(text, ()), *(a.place for a in place_alias_index().get(text, ()))])
    if not ids:
        key = name_key(text)
        ids = q.find_by_key(key) if len(key) >= 2 else set()
    return ids


def candidates(q: Any, text: str, types: tuple[str, ...] = (), subtypes: tuple[str, ...] = ()) -> list[EntityRef]:
    """Every canonical entity ``text`` can denote, most documented first."""
    text = text.strip()
    ids = _raw_matches(q, text) if text else set()
    refs = _refs(q, ids)
    refs = [r for r in refs if _fits(r, types, subtypes)]
    return sorted(refs, key=lambda r: (-r.documents, r.id))


def _fits(ref: EntityRef, types: tuple[str, ...], subtypes: tuple[str, ...]) -> bool:
    if not types and not subtypes:
        return True
    return ref.type in types or (ref.subtype or "") in subtypes


def _refs(q: Any, ids: set[str]) -> list[EntityRef]:
    canon = sorted(set(q.canonical_of(ids).values()))
    return [entity_ref(q, c) for c in canon if q.entities([c]) or q.members(c) != [c]]


def lookup(q: Any, text: str, types: tuple[str, ...] = (), subtypes: tuple[str, ...] = (), what: str = "entity") -> EntityRef:
    """Exactly one canonical entity for ``text``, else an :class:`AnalysisError` listing candidates."""
    found = candidates(q, text, types, subtypes)
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise AnalysisError(f"{text!r} is ambiguous; use an id", found)
    near = [r for r in _refs(q, q.find_like(text.strip(), 20)) if _fits(r, types, subtypes)] if text.strip() else []
    near.sort(key=lambda r: (-r.documents, r.id))
    if near:
        raise AnalysisError(f"no {what} named {text!r}; did you mean", near)
    raise AnalysisError(f"no {what} named {text!r} in this database (try `lasermap entities --q …`)")


def light_refs(q: Any, canonical_ids: list[str] | set[str]) -> dict[str, EntityRef]:
    """Display records for many canonical ids at once (no members, no document counts: cheap)."""
    rows = q.entities(canonical_ids)
    renames = q.display_names()
    out: dict[str, EntityRef] = {}
    for cid in canonical_ids:
        row = rows.get(cid)
        if row is None:
            continue
        out[cid] = EntityRef(id=cid, type=row["type"], subtype=row["subtype"], name=renames.get(cid, row["name"]),
                             name_zh=row["name_zh"], origin=row["origin"], members=[cid])  # fmt: skip
    return out


def place_ref(q: Any, text: str) -> EntityRef:
    """A place by name or id, from the store or else from the gazetteer (a region no page names yet)."""
    try:
        return lookup(q, text, types=("place",), what="place")
    except AnalysisError:
        ids = {a.place for a in place_alias_index().get(text.strip(), ())}
        ids |= {p.id for p in place_by_id().values() if text.strip() in (p.id, p.name_en, p.name_zh, p.short_zh)}
        if len(ids) != 1:
            raise
        rec = place_by_id()[ids.pop()]
        return EntityRef(id=rec.id, type="place", subtype=rec.level, name=rec.name_en, name_zh=rec.short_zh,
                         origin="gazetteer", members=[rec.id])  # fmt: skip
