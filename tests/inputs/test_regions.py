"""regions: places and currencies checked against ISO 3166 and ISO 4217, never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from samples import profile

from jobgen.cli import main
from jobgen.inputs.regions import (
    RegionError,
    country_hint,
    currency_hint,
    is_country,
    is_currency,
    resolve_region,
    subdivision_code,
)


@pytest.mark.parametrize(
    ("text", "home", "kind", "name", "code"),
    [
        ("Germany", (), "country", "Germany", "DE"),
        ("germany", (), "country", "Germany", "DE"),
        ("USA", (), "country", "United States", "US"),
        ("NL", (), "country", "Netherlands", "NL"),
        ("US-DE", (), "subdivision", "Delaware", "US-DE"),
        ("ca-on", (), "subdivision", "Ontario", "CA-ON"),
        ("TX", (), "subdivision", "Texas", "US-TX"),  # a US state code is no country code
        ("ON", ("CA",), "subdivision", "Ontario", "CA-ON"),  # a province beside a Toronto office
        ("Colorado", (), "subdivision", "Colorado", "US-CO"),
        ("Ontario", (), "subdivision", "Ontario", "CA-ON"),
        ("EU", (), "union", "EU", None),
        ("Worldwide", (), "everywhere", "Worldwide", None),
        ("New York City", (), "other", "New York City", None),  # a city: lint's place table
    ],
)
def test_a_region_is_read_as_one_place(text, home, kind, name, code):
    region = resolve_region(text, home)
    assert (region.kind, region.name, region.code) == (kind, name, code)
    assert resolve_region(region.written, home) == region  # reads back the same


@pytest.mark.parametrize(
    ("text", "home", "message"),
    [
        ("DE", (), "'DE' could be Germany (DE) or Delaware (US-DE); write 'Germany' or 'US-DE'"),
        ("CA", (), "'CA' could be Canada (CA) or California (US-CA); write 'Canada' or 'US-CA'"),
        ("IN", (), "'IN' could be India (IN) or Indiana (US-IN); write 'India' or 'US-IN'"),
        ("CO", (), "'CO' could be Colombia (CO) or Colorado (US-CO); write 'Colombia' or 'US-CO'"),
        ("BE", ("DE",), "'BE' could be Belgium (BE) or Berlin (DE-BE); write 'Belgium' or 'DE-BE'"),
        (
            "Georgia",
            (),
            "'Georgia' could be Georgia (GE) or Georgia (US-GA); write 'GE' or 'US-GA'",
        ),
        ("ON", (), "'ON' is not an ISO 3166 country code; did you mean 'CA-ON' (Ontario)"),
        ("XQ", (), "'XQ' is not an ISO 3166 country code"),
        ("US-QQ", (), "'US-QQ': United States has no region 'QQ'"),
        ("XX-CO", (), "'XX-CO': 'XX' is not an ISO 3166 country code"),
    ],
)
def test_a_code_that_names_two_places_or_none_is_refused(text, home, message):
    with pytest.raises(RegionError) as error:
        resolve_region(text, home)
    assert str(error.value).startswith(message)


def test_country_and_currency_codes_with_a_did_you_mean():
    assert is_country("DE") and not is_country("XX") and not is_country("de")
    assert country_hint("Germany") == "did you mean 'DE' (Germany)?"
    assert country_hint("Grmany") == "did you mean 'DE' (Germany)?"
    assert country_hint("us") == "did you mean 'US' (United States)?"
    assert is_currency("EUR") and is_currency("PLN") and not is_currency("EURO")
    assert currency_hint("euro") == "did you mean 'EUR' (Euro)?"
    assert currency_hint("€") == "did you mean 'EUR' (Euro)?"
    assert currency_hint("cad") == "did you mean 'CAD' (Canadian Dollar)?"


def test_subdivisions_by_code_or_name():
    assert subdivision_code("US", "co") == "CO"
    assert subdivision_code("US", "New York") == "NY"
    assert subdivision_code("CA", "Ontario") == "ON"
    assert subdivision_code("US", "Colorada") is None


def _workspace(tmp_path: Path, **companies: str) -> Path:
    (tmp_path / "company_profiles").mkdir()
    (tmp_path / "jobgen.yaml").write_text("")
    for company_id, text in companies.items():
        (tmp_path / "company_profiles" / f"{company_id}.yaml").write_text(text)
    return tmp_path


def _check(root: Path):
    return CliRunner().invoke(main, ["-w", str(root), "check"])


def test_an_ambiguous_remote_region_is_an_error_at_its_item(tmp_path):
    root = _workspace(tmp_path, deltaco=profile("Deltaco", remote_regions="[Austria, DE, NL]"))
    result = _check(root)
    assert result.exit_code == 2, result.output
    assert "company_profiles/deltaco.yaml:11:27: remote_regions[1]: 'DE' could be Germany " in (
        result.output
    )
    assert "write 'Germany' or 'US-DE'" in result.output and "Traceback" not in result.output


def test_offices_and_currencies_are_checked_with_a_did_you_mean(tmp_path):
    text = profile(
        "Usco",
        locations="  - {city: Boulder, region: Colorada, country: USA}",
        currency="usd",
    )
    result = _check(_workspace(tmp_path, usco=text))
    assert result.exit_code == 2
    assert (
        "locations[0].country: expected a two-letter ISO 3166 country code like US, got 'USA'; "
        "did you mean 'US' (United States)?"
    ) in result.output
    assert (
        "pay.ai-ml-engineer.currency: expected an ISO 4217 currency code like USD, got 'usd'; "
        "did you mean 'USD' (US Dollar)?" in result.output
    )


def test_a_misspelt_us_state_of_an_office(tmp_path):
    text = profile("Usco", locations="  - {city: Boulder, region: Colorada, country: US}")
    result = _check(_workspace(tmp_path, usco=text))
    assert result.exit_code == 2
    assert (
        "locations[0].region: expected a region of United States by code or name; "
        "did you mean 'Colorado'?"
    ) in result.output
