"""Typed records for the gazetteer: what each data file holds, one dataclass per record.

Frozen dataclasses because the loaders cache and share them: a stage that
mutated a record would silently change every later document's result. Every
record keeps the ``line`` it came from so later checks can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ORG_SUBTYPES = frozenset(
    {
        "company", "association", "government", "institute", "university", "park", "alliance",
        "center", "committee", "party_org", "conference", "exhibition",
        # stock exchanges and their boards, convention venues, news media, intergovernmental bodies,
        # and single sites of a company (a headquarters campus, a production base)
        "exchange", "venue", "media", "international", "facility",
    }
)
ORG_TYPES = frozenset({"org", "event"})
PLACE_LEVELS = frozenset({"province", "city", "district", "county", "subdistrict"})
ALIAS_FLAGS = frozenset({"", "ambiguous", "needs_context"})
WORLD_PLACE_KINDS = frozenset({"continent", "region", "country_subdivision", "city"})
CHAIN_TIERS = ("upstream", "source", "equipment", "application")
QUALIFIER_MEANINGS = frozenset({"gt", "lt", "approx"})
POSITIONS = frozenset({"prefix", "suffix"})


@dataclass(frozen=True, slots=True)
class OrgRecord:
    """An organisation or a recurring event (conference, trade fair).

    ``needs_context`` lists names that are also ordinary words ("Coherent",
    "Apple"); ``ambiguous_aliases`` lists aliases knowingly shared with other
    records (光博会 names three fairs). ``place`` is a place id or a country id.
    """

    id: str
    type: str
    subtype: str
    name: str
    name_zh: str | None
    aliases: tuple[str, ...]
    place: str | None
    chain: tuple[str, ...]
    parent: str | None
    url: str | None
    note: str | None
    needs_context: tuple[str, ...]
    ambiguous_aliases: tuple[str, ...]
    line: int = field(default=0, compare=False)

    def names(self) -> tuple[str, ...]:
        """Every surface form: canonical English, canonical Chinese, then aliases."""
        head = (self.name, self.name_zh) if self.name_zh else (self.name,)
        return head + self.aliases


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """A Chinese administrative unit (or a hand-added subdistrict / Taiwan city)."""

    id: str
    name_zh: str
    short_zh: str
    name_en: str
    short_en: str
    level: str
    kind: str
    parent: str | None
    lon: float
    lat: float
    note: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class PlaceAlias:
    """One surface form of a place.

    ``flag`` is ``ambiguous`` when the alias names several places (the matcher
    must look for province or city context) or ``needs_context`` when it is also
    an ordinary word; ``prefer`` marks the highest-level target of an ambiguous alias.
    """

    alias: str
    place: str
    lang: str
    form: str
    flag: str
    prefer: bool
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class WorldPlaceRecord:
    """A place outside places.tsv: a continent, a world or Chinese economic region, a state or Land, a city.

    Kept apart from :class:`PlaceRecord` because it has no adcode, no administrative
    level in China's tree and its names are mostly English. ``country`` is a
    ``country:`` id (None for continents and regions that span countries);
    ``parent`` a ``wplace:`` id (the state of a city, the continent of a region).
    ``needs_context`` lists the forms a matcher may trust only when the document
    also names the parent or the country ("Washington" the state, "Oxford" in
    Massachusetts, 华府).
    """

    id: str
    name_en: str
    name_zh: str | None
    kind: str
    country: str | None
    parent: str | None
    aliases: tuple[str, ...]
    lon: float
    lat: float
    needs_context: tuple[str, ...]
    line: int = field(default=0, compare=False)

    def names(self) -> tuple[str, ...]:
        """Every surface form: English name, Chinese name (when there is one), then aliases."""
        head = (self.name_en, self.name_zh) if self.name_zh else (self.name_en,)
        return head + self.aliases


@dataclass(frozen=True, slots=True)
class CountryRecord:
    """A country: ISO codes, names, aliases (incl. Traditional/Taiwan forms) and demonyms."""

    id: str
    iso2: str
    iso3: str
    name_en: str
    name_zh: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    needs_context: tuple[str, ...]
    line: int = field(default=0, compare=False)

    def names(self) -> tuple[str, ...]:
        """Every surface form that denotes the country (demonyms included)."""
        return (self.name_en, self.name_zh) + self.aliases + self.demonyms


@dataclass(frozen=True, slots=True)
class ChainNode:
    """A segment of the laser industry chain and the words that signal it in text."""

    id: str
    tier: str
    parent: str | None
    name: str
    name_zh: str
    terms_en: tuple[str, ...]
    terms_zh: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Chain:
    """The taxonomy as a whole, with the lookups every consumer needs."""

    tiers: tuple[str, ...]
    nodes: tuple[ChainNode, ...]
    by_id: dict[str, ChainNode]

    def children(self, node_id: str) -> tuple[ChainNode, ...]:
        """Direct children of a node, in file order."""
        return tuple(n for n in self.nodes if n.parent == node_id)

    def ancestors(self, node_id: str) -> tuple[ChainNode, ...]:
        """Parent, grandparent, … up to the tier root (cycles are rejected at load)."""
        out: list[ChainNode] = []
        node = self.by_id[node_id]
        while node.parent:
            node = self.by_id[node.parent]
            out.append(node)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Magnitude:
    """A multiplier word: 万 = 1e4, bn = 1e9."""

    terms: tuple[str, ...]
    value: float
    lang: str


@dataclass(frozen=True, slots=True)
class Currency:
    """A currency and the words written before (US$) or after (美元) the amount."""

    code: str
    name: str
    prefix: tuple[str, ...]
    suffix: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Unit:
    """A measurement unit; ``factor`` converts to the SI base (m², W, m, s, J)."""

    id: str
    dimension: str
    factor: float
    terms: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class CountWord:
    """A counter or counted noun (家, 项, exhibitors) and what kind of thing it counts."""

    terms: tuple[str, ...]
    noun: str
    lang: str


@dataclass(frozen=True, slots=True)
class Qualifier:
    """A bound on a figure: 超过/more than → gt, 约/about → approx; where it stands."""

    terms: tuple[str, ...]
    meaning: str
    position: str
    lang: str
    inclusive: bool | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Units:
    """Everything needed to read a quantity phrase."""

    magnitudes: tuple[Magnitude, ...]
    numerals_zh: dict[str, int]
    currencies: tuple[Currency, ...]
    units: tuple[Unit, ...]
    counts: tuple[CountWord, ...]
    percent_prefix: tuple[str, ...]
    percent_suffix: tuple[str, ...]
    percent_points: tuple[str, ...]
    qualifiers: tuple[Qualifier, ...]
    excluded: dict[str, str]
