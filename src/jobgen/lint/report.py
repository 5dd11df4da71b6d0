"""Lint results for people (a terminal report) and for machines (JSON)."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import Any

from ..errors import counted
from .book import SEVERITIES, RuleBook
from .linter import PostingReport
from .scan import Finding

REPORT_VERSION = 1
WIDTH = 96


def finding_lines(finding: Finding, why: bool = True) -> list[str]:
    """One finding: severity, rule, where, the words found, why, what to do."""
    where = f"line {finding.line}" if finding.line else ""
    if finding.section:
        where = f"{finding.section}, {where}" if where else finding.section
    lines = [f"  {finding.severity:<7}  {finding.rule}  {finding.message}"]
    indent = " " * 11
    if where:
        lines.append(f"{indent}at: {where}")
    if finding.where:
        lines.append(f"{indent}in: {finding.where}")
    if finding.text and finding.text not in finding.message:
        quoted = finding.text if len(finding.text) <= 160 else finding.text[:157] + "..."
        lines.append(f'{indent}text: "{quoted}"')
    if why:
        lines += _wrapped("why", finding.why, indent)
    if finding.rule == "pay-transparency":  # which laws, and where to read them
        lines += _wrapped("law", finding.source, indent)
    if finding.suggestion:
        lines += _wrapped("try", finding.suggestion, indent)
    return lines


def _wrapped(label: str, text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        f"{label}: {text}",
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent + "     ",
        break_long_words=False,  # URLs stay whole, so a terminal can open them
        break_on_hyphens=False,
    )


def headline(report: PostingReport) -> str:
    ease = "n/a" if report.reading_ease is None else f"{report.reading_ease:.0f}"
    return (
        f"{report.name}: score {report.score}, {counted(report.words, 'word')}, "
        f"reading ease {ease}, "
        f"{report.coding}"
    )


def text_report(reports: Sequence[PostingReport], strict: bool, show_info: bool = False) -> str:
    """The terminal report: each posting's problems, then a summary line."""
    out: list[str] = []
    for report in reports:
        shown = [f for f in report.findings if show_info or f.severity != "info"]
        out.append(headline(report))
        explained: set[str] = set()  # each rule's "why" once per posting
        for finding in shown:
            out += finding_lines(finding, why=finding.rule not in explained)
            explained.add(finding.rule)
        if report.laws:
            out.append(f"  laws checked: {', '.join(report.laws)}")
        out.append("")
    out.append(summary(reports, strict, show_info))
    return "\n".join(out)


def summary(reports: Sequence[PostingReport], strict: bool, show_info: bool = True) -> str:
    totals = {s: sum(r.count(s) for r in reports) for s in SEVERITIES}
    failing = sum(1 for r in reports if r.fails(strict))
    parts = [counted(totals["error"], "error"), counted(totals["warning"], "warning")]
    info = counted(totals["info"], "info note")
    parts.append(info if show_info or not totals["info"] else f"{info} (-v shows them)")
    mode = " with --strict" if strict else ""
    if len(reports) == 1:
        verdict = f"it {'failed' if failing else 'passed'}{mode}"
    elif failing:
        verdict = f"{counted(failing, 'posting')} of {len(reports)} failed{mode}"
    else:
        verdict = f"all {len(reports)} passed{mode}"
    return f"{counted(len(reports), 'posting')} checked: {', '.join(parts)}; {verdict}"


def blocking(reports: Sequence[PostingReport], lint: str, strict: bool) -> list[PostingReport]:
    """The postings that stop a run from writing anything: those with a lint error
    (unless `lint` is warn or off), or with a warning too under `strict`."""
    if strict:
        return [report for report in reports if report.fails(strict=True)]
    if lint == "error":
        return [report for report in reports if report.fails(strict=False)]
    return []


def lint_failure(blocked: Sequence[PostingReport], strict: bool) -> str:
    """Why a run wrote nothing: each error (and, with --strict, warning) of the postings
    that failed, with what to change."""
    what = "errors or warnings" if strict else "errors"
    lines = []
    for report in blocked:
        for finding in report.findings:
            if finding.severity == "error" or (strict and finding.severity == "warning"):
                lines.append(f"  {_short_line(report, finding)}")
                if finding.suggestion:
                    lines.append(f"    fix: {finding.suggestion}")
    escape = "" if strict else "\n(--lint warn writes them anyway, reporting the errors)"
    return (
        f"lint found {what} in {counted(len(blocked), 'posting')}; nothing was written:\n"
        + "\n".join(lines)
        + escape
    )


def short_lines(report: PostingReport) -> list[str]:
    """What `generate` and `stage` print: one line per error or warning."""
    return [_short_line(report, f) for f in report.findings if f.severity != "info"]


def _short_line(report: PostingReport, finding: Finding) -> str:
    where = f" [{finding.section}]" if finding.section else ""
    source = f" ({finding.where})" if finding.where else ""
    return f"{finding.severity}: {report.name}: {finding.rule}: {finding.message}{where}{source}"


# --- JSON ------------------------------------------------------------------


def report_document(reports: Sequence[PostingReport], strict: bool) -> dict[str, Any]:
    totals = {s: sum(r.count(s) for r in reports) for s in SEVERITIES}
    return {
        "version": REPORT_VERSION,
        "strict": strict,
        "passed": not any(r.fails(strict) for r in reports),
        "totals": totals,
        "postings": [posting_document(r, strict) for r in reports],
    }


def posting_document(report: PostingReport, strict: bool) -> dict[str, Any]:
    return {
        "name": report.name,
        "passed": not report.fails(strict),
        "score": report.score,
        "words": report.words,
        "sentences": report.sentences,
        "reading_ease": report.reading_ease,
        "gender_coding": {
            "label": report.coding,
            "masculine": report.masculine,
            "feminine": report.feminine,
        },
        "laws": report.laws,
        "counts": {s: report.count(s) for s in SEVERITIES},
        "categories": dict(sorted(report.by_category().items())),
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity,
                "category": f.category,
                "message": f.message,
                "section": f.section,
                "line": f.line,
                "text": f.text,
                "why": f.why,
                "suggestion": f.suggestion,
                "source": f.source,
                "where": f.where,
            }
            for f in report.findings
        ],
    }


def to_json(reports: Sequence[PostingReport], strict: bool) -> str:
    return json.dumps(report_document(reports, strict), indent=2, ensure_ascii=False)


_NULLABLE_STRING = {"type": ["string", "null"]}
FINDING_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["rule", "severity", "category", "message", "section", "line", "text", "why",
                 "suggestion", "source", "where"],
    "properties": {
        "rule": {"type": "string", "pattern": "^[a-z]+(-[a-z]+)*$"},
        "severity": {"enum": list(SEVERITIES)},
        "category": {"enum": ["inclusive", "pay", "structure", "readability", "realism"]},
        "message": {"type": "string", "minLength": 1},
        "section": {"type": "string"},
        "line": {"type": ["integer", "null"], "minimum": 1},
        "text": _NULLABLE_STRING,
        "why": {"type": "string", "minLength": 1},
        "suggestion": _NULLABLE_STRING,
        "source": {"type": "string"},
        "where": _NULLABLE_STRING,
    },
}  # fmt: skip
_COUNTS = {
    "type": "object",
    "additionalProperties": False,
    "required": list(SEVERITIES),
    "properties": {s: {"type": "integer", "minimum": 0} for s in SEVERITIES},
}
LINT_REPORT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://jobgen.example/schemas/lint-report.schema.json",
    "title": "jobgen lint report",
    "description": "What `jobgen lint --format json` prints.",
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "strict", "passed", "totals", "postings"],
    "properties": {
        "version": {"const": REPORT_VERSION},
        "strict": {"type": "boolean"},
        "passed": {"type": "boolean"},
        "totals": _COUNTS,
        "postings": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "passed", "score", "words", "sentences", "reading_ease",
                             "gender_coding", "laws", "counts", "categories", "findings"],
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "passed": {"type": "boolean"},
                    "score": {"type": "integer", "minimum": 0, "maximum": 100},
                    "words": {"type": "integer", "minimum": 0},
                    "sentences": {"type": "integer", "minimum": 0},
                    "reading_ease": {"type": ["number", "null"]},
                    "gender_coding": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["label", "masculine", "feminine"],
                        "properties": {
                            "label": {"type": "string"},
                            "masculine": {"type": "integer", "minimum": 0},
                            "feminine": {"type": "integer", "minimum": 0},
                        },
                    },
                    "laws": {"type": ["array", "null"], "items": {"type": "string"}},
                    "counts": _COUNTS,
                    "categories": {
                        "type": "object",
                        "additionalProperties": {"type": "integer", "minimum": 1},
                    },
                    "findings": {"type": "array", "items": FINDING_SCHEMA},
                },
            },
        },
    },
}  # fmt: skip


# --- Rule and law listings -------------------------------------------------


def rules_listing(book: RuleBook) -> str:
    lines = []
    for category, title in book.categories.items():
        lines.append(title)
        for rule in book.rules.values():
            if rule.category != category:
                continue
            settings = ", ".join(f"{k}={_setting(v)}" for k, v in rule.settings.items())
            lines.append(f"  {rule.id:<24} {rule.severity:<8} {rule.title}")
            lines += _wrapped("why", rule.why, " " * 35)
            lines += _wrapped("source", rule.source, " " * 35)
            if settings:
                lines += _wrapped("settings", settings, " " * 35)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _setting(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


LAW_NEEDS = {
    "pay_range": "pay range",
    "benefits": "benefits",
    "application_deadline": "closing date",
    "closed_range": "no open-ended range",
    "range_width": "range width limit",
    "pay_to_applicants": "pay to applicants (the posting is one way)",
    "ai_screening_statement": "whether AI screens applicants",
    "ai_notice": "notice of AI used in hiring",
    "vacancy_statement": "whether the vacancy exists",
    "no_local_experience": "no local-experience requirement",
    "gender_neutral_title": "a gender-neutral title",
}


def laws_listing(book: RuleBook) -> str:
    """`jobgen lint --list-laws`: each law, its date and reach, and what a posting needs;
    an unsettled one says so."""
    lines = []
    for law in book.laws:
        needs = ", ".join(LAW_NEEDS.get(r, r) for r in law.requires)
        remote = "; remote roles open to residents too" if law.remote else ""
        lines.append(f"{law.id:<26} {law.jurisdiction}: {law.law}")
        lines.append(
            f"{'':<26} from {law.effective.isoformat()}; {law.min_employees}+ employees"
            f"{remote}; posting: {needs}"
        )
        if not law.confirmed:
            lines.append(f"{'':<26} unconfirmed: {law.unconfirmed}")
    return "\n".join(lines) + "\n"


def laws_markdown(book: RuleBook) -> str:
    """docs/laws.md: every law as a table row, with its date, reach, what a posting needs,
    whether it is settled, and its source (`scripts/laws_table.py` writes the file)."""
    rows = [
        "| id | where | law | from | employers | a posting needs | settled | source |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for law in book.laws:
        needs = ", ".join(LAW_NEEDS.get(r, r) for r in law.requires)
        settled = "yes" if law.confirmed else f"**no**: {law.unconfirmed}"
        cells = [
            f"`{law.id}`",
            law.jurisdiction,
            law.law,
            law.effective.isoformat(),
            f"{law.min_employees}+",
            needs,
            settled,
            f"<{law.source}>",
        ]
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    unsettled = sum(1 for law in book.laws if not law.confirmed)
    return (
        "# Job-ad laws jobgen checks\n\n"
        "Written by `python scripts/laws_table.py` from [`lint/laws.yaml`](../lint/laws.yaml), "
        "where each law's notes say more. A summary for a linter, not legal advice: check the "
        "source, and a lawyer, before relying on it.\n\n"
        f"{len(book.laws)} laws; {unsettled} of them not settled (a bill, a draft rule, or "
        "sources that disagree): their findings are warnings, never errors. A law counts from "
        "its date for employers of at least the size shown, where the company has an office "
        "or, if the law reaches remote work, where its remote applicants may live.\n\n"
        + "\n".join(rows)
        + "\n"
    )
