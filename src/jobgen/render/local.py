"""A posting's words and formats in its language: money, ranges, dates, places, lists.

US and British English are written by the code below, as jobgen always has (Babel
costs ~40 ms of start-up, and CLDR gives the same for them); every other language is
formatted by Babel from CLDR: "6. Dezember 2026", "85.000 €", "85 000 €". The words
(per year, Remote, or) come from the language's messages (`inputs/messages.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..inputs.messages import N_, Messages, load_messages
from ..inputs.regions import CHECKED_OFFICE_REGIONS, country_name

if TYPE_CHECKING:
    from ..inputs.company_parts import Location, PayRange
    from ..inputs.models import Company, SalaryFigure
    from ..inputs.regions import Region

CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "CAD": "CA$", "AUD": "A$", "JPY": "¥"}
ENGLISH_BY_HAND = ("en", "en-US", "en-GB")  # what CLDR writes the same as this code
# The words of the posting's fixed values, as messages (context, English).
PERIOD_WORDS = {"year": N_("per year"), "month": N_("per month"), "hour": N_("per hour")}
EMPLOYMENT_WORDS = {
    "full-time": N_("Full-time"),
    "part-time": N_("Part-time"),
    "contract": N_("Contract"),
    "temporary": N_("Temporary"),
    "internship": N_("Internship"),
}
WORK_MODEL_WORDS = {"remote": N_("Remote"), "hybrid": N_("Hybrid"), "onsite": N_("On-site")}
# Languages written right to left: their pages get dir="rtl".
RIGHT_TO_LEFT = {"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"}
# Where paper is US Letter; A4 everywhere else.
LETTER_COUNTRIES = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PR"}


def paper_size(language: str) -> str:
    """ "letter" in the US and Canada (and English with no country), "a4" elsewhere."""
    parts = language.split("-")
    territory = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    if territory is None and parts[0].lower() == "en":
        territory = "US"
    return "letter" if territory in LETTER_COUNTRIES else "a4"


class Local:
    """Formats and words for one language; made once per language and run."""

    def __init__(self, words: Messages) -> None:
        self.words = words
        self.language = words.language
        self.by_hand = words.language in ENGLISH_BY_HAND
        # The last company (by identity: the models are frozen) and its location line: a
        # run renders a company's postings one after another. One, not a table: each
        # entry would keep a whole company's models alive (~25 KB).
        self._location_line_of: tuple[Company, str] | None = None

    @classmethod
    def english(cls, language: str = "en-US") -> Local:
        """US (or British) English with jobgen's own words: no catalog read."""
        return cls(Messages(language))

    @classmethod
    def of(cls, language: str, folders: Sequence[Path]) -> Local:
        """`language` with the messages of the template `folders`, most specific first."""
        return cls(load_messages(language, folders))

    # --- words ---
    def gettext(self, message: str) -> str:
        return self.words.gettext(message)

    def pgettext(self, context: str, message: str) -> str:
        return self.words.pgettext(context, message)

    @property
    def right_to_left(self) -> bool:
        return self.language.split("-")[0].lower() in RIGHT_TO_LEFT

    @cached_property
    def _babel(self) -> Any:
        from babel import Locale, UnknownLocaleError

        try:
            return Locale.parse(self.language, sep="-")
        except (UnknownLocaleError, ValueError):
            raise UsageError(
                f"language {self.language!r}: CLDR (through Babel) knows no such language, "
                "so its dates and amounts cannot be written; use a tag like de-DE or fr-FR"
            ) from None

    # --- numbers, money, dates ---
    def money(self, amount: float, currency: str) -> str:
        """`$150,000`, `85.000 €`, `85 000 €`; cents only when there are some."""
        whole = float(amount).is_integer()
        if self.by_hand:
            number = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
            symbol = CURRENCY_SYMBOLS.get(currency)
            return f"{symbol}{number}" if symbol else f"{number} {currency}"
        from babel.numbers import format_currency

        pattern = self._babel.currency_formats["standard"].pattern
        if whole:
            pattern = pattern.replace(".00", "")
        return format_currency(amount, currency, pattern, locale=self._babel, currency_digits=False)

    def amount_range(self, low: float, high: float, currency: str) -> str:
        low_text, high_text = self.money(low, currency), self.money(high, currency)
        return low_text if low == high else f"{low_text} – {high_text}"

    def pay_range(self, pay: PayRange) -> str:
        """`$150,000 – $185,000 per year`, `85.000 € – 115.000 € pro Jahr`."""
        amount = self.amount_range(pay.min, pay.max, pay.currency)
        return f"{amount} {self.gettext(PERIOD_WORDS[pay.period])}"

    def salary_figure(self, salary: SalaryFigure) -> str:
        """A market figure from a role file: `$90,000 – $400,000+ per year`."""
        plus = "+" if salary.max_open else ""
        if salary.min is not None and salary.max is not None:
            text = self.amount_range(salary.min, salary.max, salary.currency) + plus
        elif salary.min is not None:
            text = self.gettext("from %(amount)s") % {
                "amount": self.money(salary.min, salary.currency) + plus
            }
        else:
            text = ""
        labels = (("median", N_("median")), ("average", N_("average")))
        for name, label in labels:
            amount = getattr(salary, name)
            if amount is not None:
                figure = f"{self.gettext(label)} {self.money(amount, salary.currency)}"
                text = f"{text} ({figure})" if text else figure
        return f"{text} {self.gettext(PERIOD_WORDS[salary.period])}"

    def date(self, date: dt.date) -> str:
        """`November 25, 2026` (US), `25 November 2026`, `25. November 2026`."""
        if self.by_hand:
            if self.language.lower() == "en-us":
                return f"{date:%B} {date.day}, {date.year}"
            return f"{date.day} {date:%B} {date.year}"
        from babel.dates import format_date

        return format_date(date, "long", locale=self._babel)

    # --- lists and places ---
    def join(self, items: list[str] | tuple[str, ...], last: str = "and", sep: str = ", ") -> str:
        """`a, b and c`, `a, b und c`; with semicolons the last one stays:
        `Denver, CO; Austin, TX; or Boston, MA`."""
        items = list(items)
        word = self.gettext({"and": N_("and"), "or": N_("or")}.get(last, last))
        if sep == "; ":  # French writes a thin no-break space before it
            sep = self.pgettext("punctuation", ";") + " "
        if len(items) <= 2:
            return f" {word} ".join(items)
        final = sep if sep.strip() == ";" else " "
        return f"{sep.join(items[:-1])}{final.rstrip()} {word} {items[-1]}"

    def country(self, code: str) -> str:
        if self.by_hand:
            return country_name(code)
        return self._babel.territories.get(code) or country_name(code)

    def place(self, location: Location) -> str:
        """`New York, NY` in the US and Canada, `Dublin, Irland` elsewhere."""
        if location.region and location.country in CHECKED_OFFICE_REGIONS:
            return f"{location.city}, {location.region}"
        return f"{location.city}, {self.country(location.country)}"

    def region(self, region: Region) -> str:
        if region.kind == "country" and region.country and not self.by_hand:
            return self.country(region.country)
        if region.kind == "union" and not self.by_hand:
            return self.gettext("EU")
        if region.kind == "everywhere" and not self.by_hand:
            return self.gettext("anywhere")
        return region.name

    def where(self, where: str | None, company: Company) -> str | None:
        """A pay range's `where` in the language: an office's label when it is one."""
        if where is None or self.by_hand:
            return where
        for location in company.locations:
            if where.lower() in (location.label.lower(), location.city.lower()):
                return self.place(location) if "," in where else location.city
        country = next(
            (loc for loc in company.locations if where == country_name(loc.country)), None
        )
        return self.country(country.country) if country else where

    def location_line(self, company: Company) -> str:
        """Where the job is, in one line: `Hybrid · New York, NY; or London, United
        Kingdom`, `Remote (Germany or Austria); hub in Berlin, Germany`. Worded once per
        company: every posting of the company has it."""
        found = self._location_line_of
        if found is not None and found[0] is company:
            return found[1]
        line = self._location_line(company)
        self._location_line_of = (company, line)
        return line

    def _location_line(self, company: Company) -> str:
        # Labels contain commas ("Denver, CO"), so places are separated by semicolons.
        places = self.join([self.place(loc) for loc in company.locations], "or", sep="; ")
        model = self.gettext(WORK_MODEL_WORDS[company.work_model])
        regions = self.join([self.region(region) for region in company.remote_areas], "or")
        if company.work_model == "remote":
            text = (
                self.pgettext("location", "Remote (%(regions)s)") % {"regions": regions}
                if regions
                else model
            )
            if places:
                return self.pgettext("location", "%(remote)s; hub in %(places)s") % {
                    "remote": text,
                    "places": places,
                }
            return text
        if regions:
            return self.pgettext("location", "%(model)s · %(places)s; or remote (%(regions)s)") % {
                "model": model,
                "places": places,
                "regions": regions,
            }
        return f"{model} · {places}"
