"""What a hiring manager knows of one hire, beyond the role: the team, the reporting
line, what success looks like, the interviews, visa and relocation, and changes to
the role's text.

A company says it for every opening of a role (`roles:` in its profile); an
opening (`openings.py`) says it for one hire, and its fields win.
"""

from __future__ import annotations

from typing import Annotated

from ..fast_dataclass import dataclass
from .company_parts import AiUse, Vacancy
from .fields import Line, Text
from .markers import Shorthand


@dataclass(frozen=True)
class TextList:
    """A change to one of the role's lists: a list is added to the role's items,
    `{replace: [...]}` takes their place."""

    add: tuple[Text, ...] = ()
    replace: tuple[Text, ...] | None = None

    def over(self, base: tuple[str, ...]) -> tuple[str, ...]:
        return self.replace if self.replace is not None else (*base, *self.add)

    def problems(self) -> list[tuple[str, str]]:
        if self.add and self.replace is not None:
            return [("replace", "give a list to add to the role's, or replace:, not both")]
        if self.replace is not None and not self.replace:
            return [
                ("replace", "expected at least one item; leave out the field to keep the role's")
            ]
        return []


ListChange = Annotated[TextList, Shorthand("add")]


@dataclass(frozen=True)
class Outcomes:
    """What success looks like."""

    first_90_days: tuple[Text, ...] = ()
    first_year: tuple[Text, ...] = ()

    def problems(self) -> list[tuple[str, str]]:
        if not (self.first_90_days or self.first_year):
            return [("first_90_days", "give first_90_days, first_year or both")]
        return []


@dataclass(frozen=True)
class InterviewStep:
    """One step of the interviews, in order: `Technical interview`, with whom, how long."""

    step: Line
    who: Text | None = None  # "two engineers from the forecasting team"
    length: Line | None = None  # "60 minutes"


@dataclass(frozen=True)
class Answer:
    """A yes or no (visa sponsorship, relocation), with a note."""

    offered: bool
    note: Text | None = None


Step = Annotated[InterviewStep, Shorthand("step")]
YesNo = Annotated[Answer, Shorthand("offered")]


@dataclass(frozen=True, kw_only=True)
class RoleContext:
    """What a company says of a role for all its openings of it; also the part of an
    opening that tailors the role. Every field is optional."""

    summary: Text | None = None  # replaces the role's summary
    why_it_matters: Text | None = None  # replaces the role's: why this hire matters here
    responsibilities: ListChange | None = None
    skills: ListChange | None = None
    nice_to_have: ListChange | None = None
    tools: ListChange | None = None
    team: Line | None = None  # "Forecasting (four engineers and a soil scientist)"
    reports_to: Line | None = None  # "Head of Data Science"
    outcomes: Outcomes | None = None
    interview: tuple[Step, ...] = ()
    visa_sponsorship: YesNo | None = None
    relocation: YesNo | None = None
    travel: Text | None = None  # "About four days a quarter, to pilot farms"
    on_call: Text | None = None  # "One week in six, for the forecast pipeline"
    vacancy: Vacancy | None = None  # existing, new or pipeline (else the company's hiring:)
    ai_screening: AiUse | None = None  # else the company's hiring: ai_screening
