"""The template context and the filters templates use to word it.

Everything a template can use is built here; `docs/templates.md` lists it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..inputs.company_parts import PayRange
from ..inputs.models import Company, Posting, SalaryFigure

CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "CAD": "CA$", "AUD": "A$", "JPY": "¥"}
PERIOD_WORDS = {"year": "per year", "month": "per month", "hour": "per hour"}
EMPLOYMENT_WORDS = {
    "full-time": "Full-time",
    "part-time": "Part-time",
    "contract": "Contract",
    "temporary": "Temporary",
    "internship": "Internship",
}
SENIORITY_WORDS = {
    "entry": "Entry level",
    "mid": "Mid-level",
    "senior": "Senior",
    "staff": "Staff",
    "lead": "Lead",
    "principal": "Principal",
    "executive": "Executive",
}
WORK_MODEL_WORDS = {"remote": "Remote", "hybrid": "Hybrid", "onsite": "On-site"}


def money(amount: float, currency: str) -> str:
    """`150000, "USD"` -> `$150,000`; unknown currencies keep their code: `150,000 CHF`."""
    number = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{number} {currency}"


def pay_range(pay: PayRange) -> str:
    """`$150,000 – $185,000 per year`."""
    low, high = money(pay.min, pay.currency), money(pay.max, pay.currency)
    amount = low if pay.min == pay.max else f"{low} – {high}"
    return f"{amount} {PERIOD_WORDS[pay.period]}"


def salary_figure(salary: SalaryFigure) -> str:
    """A market figure from a role file, in words: `$90,000 – $400,000+ per year`."""
    plus = "+" if salary.max_open else ""
    if salary.min is not None and salary.max is not None:
        text = f"{money(salary.min, salary.currency)} – {money(salary.max, salary.currency)}{plus}"
    elif salary.min is not None:
        text = f"from {money(salary.min, salary.currency)}{plus}"
    else:
        text = ""
    for label, amount in (("median", salary.median), ("average", salary.average)):
        if amount is not None:
            figure = f"{label} {money(amount, salary.currency)}"
            text = f"{text} ({figure})" if text else figure
    return f"{text} {PERIOD_WORDS[salary.period]}"


def join_words(items: list[str] | tuple[str, ...], last: str = "and", sep: str = ", ") -> str:
    """`["a", "b", "c"]` -> `a, b and c`."""
    items = list(items)
    if len(items) <= 2:
        return f" {last} ".join(items)
    # with semicolons the last one stays: "Denver, CO; Austin, TX; or Boston, MA"
    final = sep if sep.strip() == ";" else " "
    return f"{sep.join(items[:-1])}{final.rstrip()} {last} {items[-1]}"


def location_line(company: Company) -> str:
    """Where the job is, in one line: `Hybrid · New York, NY; or London, United Kingdom`,
    `Remote (Germany or Austria); hub in Berlin, Germany`, and for an office job also open
    to remote workers `Hybrid · Berlin, Germany; or remote (Germany, Austria or Netherlands)`."""
    # Labels contain commas ("Denver, CO"), so places are separated by semicolons.
    places = join_words([loc.label for loc in company.locations], "or", sep="; ")
    model = WORK_MODEL_WORDS[company.work_model]
    regions = join_words([region.name for region in company.remote_areas], "or")
    if company.work_model == "remote":
        text = f"Remote ({regions})" if regions else "Remote"
        return f"{text}; hub in {places}" if places else text
    return f"{model} · {places}; or remote ({regions})" if regions else f"{model} · {places}"


def date_text(date: dt.date, language: str) -> str:
    """`November 25, 2026` for US English, `25 November 2026` elsewhere."""
    if language.lower() == "en-us":
        return f"{date:%B} {date.day}, {date.year}"
    return f"{date.day} {date:%B} {date.year}"


# What Markdown would read as markup in a line of text, and how it is kept literal.
_LINE_BREAK = re.compile(r"\r\n?")  # Markdown breaks lines at a lone \r too
_LINE_INDENT = re.compile(r"\n[ \t]+")  # indented lines would become code blocks
# Emphasis, code, links, and # (a heading's closing sequence strips a trailing "C#").
_INLINE = re.compile(r"[\\`*_\[\]#]")
_ENTITY = re.compile(r"&(?=#?\w+;)")  # "&lt;" typed as text stays "&lt;"
_BLOCK_START = re.compile(r"^([ \t]*)(>|[-+*](?=\s|$)|-+[ \t]*$|(\d+)([.)])(?=\s|$))", re.M)
_SETEXT_EQUALS = re.compile(r"^([ \t]*)=(?==*[ \t]*$)", re.M)  # "=" has no backslash escape


def escape_markdown(text: str) -> str:
    """`text` written so that Markdown shows it as it is: no emphasis, link, HTML,
    heading or list made from it. Data from role and profile files goes through
    this on its way into a Markdown template (see sandbox.finalize)."""
    text = _LINE_INDENT.sub("\n", _LINE_BREAK.sub("\n", text))
    text = _ENTITY.sub("&amp;", text)  # before the "#" of "&#60;" gets its backslash
    text = _INLINE.sub(lambda m: "\\" + m.group(), text)
    text = text.replace("<", "&lt;")  # tags, comments and <autolinks@or.urls>

    def block(match: re.Match[str]) -> str:
        indent, mark, number, dot = match.group(1), match.group(2), match.group(3), match.group(4)
        return f"{indent}{number}\\{dot}" if number else f"{indent}\\{mark}"

    return _SETEXT_EQUALS.sub(r"\1&#61;", _BLOCK_START.sub(block, text))


CONTEXT_FILTERS = {
    "money": money,
    "pay_range": pay_range,
    "salary_figure": salary_figure,
    "join_words": join_words,
}


def posting_context(posting: Posting) -> dict[str, Any]:
    """The variables of the content template. A stable interface: add, never rename."""
    company = posting.company
    return {
        "role": posting.role,
        "company": company,
        "stage": posting.stage,
        "pay": posting.pay,
        "hire": posting.hire,
        "posting": {
            "id": posting.id,
            "date": posting.date.isoformat(),
            "date_text": date_text(posting.date, company.language),
            "employment_type": EMPLOYMENT_WORDS[posting.role.employment_type],
            "work_model": WORK_MODEL_WORDS[company.work_model],
            "location": location_line(company),
            "valid_through": posting.valid_through.isoformat() if posting.valid_through else None,
            "valid_through_text": (
                date_text(posting.valid_through, company.language)
                if posting.valid_through
                else None
            ),
        },
    }
