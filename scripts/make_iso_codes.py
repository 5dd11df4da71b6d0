"""Write src/jobgen/inputs/iso_codes.json: ISO 3166-1 countries, their ISO 3166-2
top-level subdivisions and ISO 4217 currencies, with English names.

jobgen reads the JSON (about 1 ms, and only when a place or a currency needs
checking); this script is how it was made and how to refresh it when ISO adds or
renames a code. It needs pycountry (`pip install pycountry`), which is not a
dependency of jobgen: its import and databases cost ~70 ms a run, the JSON ~1 ms.

    python scripts/make_iso_codes.py
"""

from __future__ import annotations

import json
from pathlib import Path

import pycountry

TARGET = Path(__file__).resolve().parents[1] / "src" / "jobgen" / "inputs" / "iso_codes.json"

# Names people write for a country that ISO does not list (the first name shown is ISO's).
ALIASES = {
    "US": ["USA", "U.S.", "U.S.A.", "United States of America"],
    "GB": ["UK", "U.K.", "Great Britain", "Britain"],
    "NL": ["The Netherlands", "Holland"],
    "CZ": ["Czech Republic"],
    "KR": ["Korea"],
    "RU": ["Russia"],
    "TR": ["Turkey"],
    "CI": ["Ivory Coast"],
}


def main() -> None:
    countries = {}
    for country in pycountry.countries:
        names = [getattr(country, "common_name", None) or country.name, country.name]
        names += [getattr(country, "official_name", None), *ALIASES.get(country.alpha_2, [])]
        countries[country.alpha_2] = list(dict.fromkeys(n for n in names if n))
    subdivisions: dict[str, dict[str, str]] = {}
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code is None:  # top level: states, provinces, regions
            subdivisions.setdefault(sub.country_code, {})[sub.code.split("-", 1)[1]] = sub.name
    currencies = {c.alpha_3: c.name for c in sorted(pycountry.currencies, key=lambda c: c.alpha_3)}
    source = (
        "ISO 3166-1, ISO 3166-2 (top-level subdivisions) and ISO 4217 codes with English "
        f"names, from pycountry {pycountry.__version__} (Debian iso-codes); "
        "written by scripts/make_iso_codes.py"
    )
    parts = {
        "countries": dict(sorted(countries.items())),
        "subdivisions": dict(sorted(subdivisions.items())),
        "currencies": currencies,
    }
    # One entry a line: a refresh shows as a readable diff.
    lines = [f'{{"source": {json.dumps(source)},']
    for number, (key, table) in enumerate(parts.items()):
        entries = [
            f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in table.items()
        ]
        end = "}" if number == len(parts) - 1 else ","
        lines.append(f'"{key}": {{\n' + ",\n".join(entries) + f"\n}}{end}")
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{TARGET}: {len(countries)} countries, {len(currencies)} currencies")


if __name__ == "__main__":
    main()
