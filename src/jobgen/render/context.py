"""The template context and the filters templates use to word it.

Everything a template can use is built here; `docs/templates.md` lists it.
"""

from __future__ import annotations

import re
from typing import Any

import jinja2
from markupsafe import Markup

from ..inputs.messages import N_
from ..inputs.models import Posting
from .local import EMPLOYMENT_WORDS, WORK_MODEL_WORDS, Local

ENGLISH = Local.english()
SENIORITY_WORDS = {
    "entry": N_("Entry level"),
    "mid": N_("Mid-level"),
    "senior": N_("Senior"),
    "staff": N_("Staff"),
    "lead": N_("Lead"),
    "principal": N_("Principal"),
    "executive": N_("Executive"),
}

# What Markdown would read as markup in a line of text, and how it is kept literal.
_LINE_BREAK = re.compile(r"\r\n?")  # Markdown breaks lines at a lone \r too
_LINE_INDENT = re.compile(r"\n[ \t]+")  # indented lines would become code blocks
# Emphasis, code, links, and # (a heading's closing sequence strips a trailing "C#").
_INLINE = re.compile(r"[\\`*_\[\]#]")
_ENTITY = re.compile(r"&(?=#?\w+;)")  # "&lt;" typed as text stays "&lt;"
_BLOCK_START = re.compile(r"^([ \t]*)(>|[-+*](?=\s|$)|-+[ \t]*$|(\d+)([.)])(?=\s|$))", re.M)
_SETEXT_EQUALS = re.compile(r"^([ \t]*)=(?==*[ \t]*$)", re.M)  # "=" has no backslash escape
# Text that none of the above can change: no line break, no character escaped below,
# and no list, quote, rule or setext mark at its start (the only line start it has).
_PLAIN = re.compile(r"[\r\n&\\`*_\[\]#<]|^[ \t]*(?:[>\-+*=]|\d+[.)])")


def escape_markdown(text: str) -> str:
    """`text` written so that Markdown shows it as it is: no emphasis, link, HTML,
    heading or list made from it. Data from role and profile files goes through
    this on its way into a Markdown template (see sandbox.finalize)."""
    if type(text) is str and _PLAIN.search(text) is None:  # most values: one search
        return text
    return _escaped(text)


# Values a run writes again and again (a role's in every company's posting, a company's in
# each of its postings, the messages), escaped once; short ones only, a bounded number.
_KEPT_MARKUP: dict[str, Markup] = {}
MAX_KEPT_MARKUP = 2_000  # a role's values, and two or so a company: 2,000 holds a run's roles
MAX_KEPT_LENGTH = 4_000


def markdown_markup(text: str) -> Markup:
    """`Markup(escape_markdown(text))`, kept for the next time the same text is written."""
    found = _KEPT_MARKUP.get(text) if type(text) is str else None
    if found is None:
        found = Markup(escape_markdown(text))
        if type(text) is str and len(text) <= MAX_KEPT_LENGTH:
            if len(_KEPT_MARKUP) >= MAX_KEPT_MARKUP:
                _KEPT_MARKUP.clear()
            _KEPT_MARKUP[text] = found
    return found


def _escaped(text: str) -> str:
    """escape_markdown, every step of it."""
    text = _LINE_INDENT.sub("\n", _LINE_BREAK.sub("\n", text))
    text = _ENTITY.sub("&amp;", text)  # before the "#" of "&#60;" gets its backslash
    text = _INLINE.sub(lambda m: "\\" + m.group(), text)
    text = text.replace("<", "&lt;")  # tags, comments and <autolinks@or.urls>

    def block(match: re.Match[str]) -> str:
        indent, mark, number, dot = match.group(1), match.group(2), match.group(3), match.group(4)
        return f"{indent}{number}\\{dot}" if number else f"{indent}\\{mark}"

    return _SETEXT_EQUALS.sub(r"\1&#61;", _BLOCK_START.sub(block, text))


def local_of(context: jinja2.runtime.Context) -> Local:
    """The language a template renders in: the context's `local`, else US English."""
    found = context.get("local")
    return found if isinstance(found, Local) else ENGLISH


@jinja2.pass_context
def money(context: jinja2.runtime.Context, amount: float, currency: str) -> str:
    """`150000, "USD"` -> `$150,000`; `85.000 €` in German."""
    return local_of(context).money(amount, currency)


@jinja2.pass_context
def pay_range(context: jinja2.runtime.Context, pay: Any) -> str:
    """`$150,000 – $185,000 per year`."""
    return local_of(context).pay_range(pay)


@jinja2.pass_context
def salary_figure(context: jinja2.runtime.Context, salary: Any) -> str:
    return local_of(context).salary_figure(salary)


@jinja2.pass_context
def join_words(
    context: jinja2.runtime.Context, items: Any, last: str = "and", sep: str = ", "
) -> str:
    """`["a", "b", "c"]` -> `a, b and c` (`und` in German)."""
    return local_of(context).join(items, last, sep)


@jinja2.pass_context
def date_words(context: jinja2.runtime.Context, date: Any) -> str:
    """A date as the language writes it: `6. Dezember 2026`."""
    import datetime as dt

    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    return local_of(context).date(date)


CONTEXT_FILTERS = {
    "money": money,
    "pay_range": pay_range,
    "salary_figure": salary_figure,
    "join_words": join_words,
    "date_words": date_words,
}


def posting_context(posting: Posting, local: Local | None = None) -> dict[str, Any]:
    """The variables of the content template. A stable interface: add, never rename."""
    local = local or ENGLISH
    company = posting.company
    pay = tuple(_where_in(local, r, company) for r in posting.pay)
    return {
        "role": posting.role,
        "company": company,
        "stage": posting.stage,
        "pay": pay,
        "hire": posting.hire,
        "local": local,
        "language": posting.language,
        "posting": {
            "id": posting.id,
            "language": posting.language,
            "date": posting.date.isoformat(),
            "date_text": local.date(posting.date),
            "employment_type": local.gettext(EMPLOYMENT_WORDS[posting.role.employment_type]),
            "work_model": local.gettext(WORK_MODEL_WORDS[company.work_model]),
            "location": local.location_line(company),
            "valid_through": posting.valid_through.isoformat() if posting.valid_through else None,
            "valid_through_text": (
                local.date(posting.valid_through) if posting.valid_through else None
            ),
        },
    }


def _where_in(local: Local, pay: Any, company: Any) -> Any:
    """A pay range whose `where` is written in the posting's language."""
    import dataclasses

    where = local.where(pay.where, company)
    return pay if where == pay.where else dataclasses.replace(pay, where=where)
