"""Domain knowledge of the laser and photonics industry, loaded from data files.

The extraction stages need to know that 邦德激光, Bodor and "Jinan Bond Laser"
are one company, that 寶安 is 宝安 is Bao'an, and that 逾 means "more than".
That knowledge lives in ``lasermap/data`` as JSONL/TSV/JSON so it can be
reviewed and extended without touching code; this package parses it into
typed, frozen records, once per process (every accessor is cached).

Shape errors raise :class:`DomainDataError` at load time with ``file:line``;
cross-file consistency is checked by :func:`validate_all` (run by the tests).
"""

from lasermap.domain._io import DomainDataError
from lasermap.domain.load import (
    country_by_id,
    load_countries,
    load_orgs,
    load_place_aliases,
    load_places,
    org_alias_index,
    org_by_id,
    place_alias_index,
    place_by_id,
)
from lasermap.domain.records import (
    Chain,
    ChainNode,
    CountryRecord,
    CountWord,
    Currency,
    Magnitude,
    OrgRecord,
    PlaceAlias,
    PlaceRecord,
    Qualifier,
    Unit,
    Units,
)
from lasermap.domain.taxonomy import load_chain, load_units
from lasermap.domain.validate import find_problems, is_simplified, validate_all


def clear_caches() -> None:
    """Forget every loaded file (tests that rewrite data files need this)."""
    for fn in (
        load_orgs, load_places, load_place_aliases, load_countries, load_chain, load_units,
        org_by_id, place_by_id, country_by_id, place_alias_index, org_alias_index,
    ):
        fn.cache_clear()


__all__ = [
    "Chain", "ChainNode", "CountWord", "CountryRecord", "Currency", "DomainDataError", "Magnitude", "OrgRecord",
    "PlaceAlias", "PlaceRecord", "Qualifier", "Unit", "Units", "clear_caches", "country_by_id", "find_problems",
    "is_simplified", "load_chain", "load_countries", "load_orgs", "load_place_aliases", "load_places", "load_units",
    "org_alias_index", "org_by_id", "place_alias_index", "place_by_id", "validate_all",
]
