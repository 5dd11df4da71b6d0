"""Lint's fast paths (kept per text, per company, per heading; patterns tried only where
they can match; objects made without the generic __init__) give exactly what the plain
code they replaced gave, on generated text: each test keeps the code before, as it was."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobgen.lint import LintContext, Linter, memo
from jobgen.lint import document as doc
from jobgen.lint import pay as pay_text
from jobgen.lint.document import Block, Document, Section, parse
from jobgen.lint.laws import applicable_laws, company_areas
from jobgen.lint.locate import Locator
from jobgen.lint.readability import block_counts, count_words, sentences, text_stats
from jobgen.lint.rules_inclusive import _phrase_list
from jobgen.lint.rules_law import laws_that_apply
from jobgen.lint.scan import Finding, Scan, _section_kinds, heading_kinds

DATE = dt.date(2026, 11, 25)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Lines that stress the Markdown reader: every marker, indented, in fences, setext
# underlines, rules, other digits and spaces, and plain prose.
LINES = [
    "", " ", "\t", "# Title", "## Pay and benefits", "### Requirements", "#nospace", "    # four",
    "   # three", "- item", "* item", "+ item", "-item", "1. one", "2) two", "٣. three",
    "1234567890. x",
    "---", "***", "_ _ _", "- - -", "===", "--", "```", "~~~", "``` python", "   ```", "    ```",
    "Plain prose with **bold** and _it_.", "a [link](http://x) and `code`", "&amp; <b>tag</b>",
    "<!-- hidden -->", "\t- tab item", "  two spaces", "\u00a0nbsp", "5+ years of Python.",
    "$120,000 – $150,000 per year", "from $90,000", "Apply by December 1, 2026.",
]  # fmt: skip
markdown = st.lists(st.sampled_from(LINES), max_size=40).map("\n".join)


# --- The code before, as it was --------------------------------------------------------


def old_parse(markdown_text: str) -> Document:
    text = markdown_text.replace("\r\n", "\n").replace("\r", "\n")
    skipped = 0
    front = doc._FRONT_MATTER.match(text)
    if front:
        skipped = front.group().count("\n")
        text = text[front.end() :]
    text = doc._COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)
    reader = _OldReader()
    in_fence: str | None = None
    for number, line in enumerate(text.split("\n"), start=1 + skipped):
        fence = doc._FENCE.match(line)
        if in_fence:
            in_fence = None if fence and fence.group(1) == in_fence else in_fence
            continue
        if fence:
            reader.flush()
            in_fence = fence.group(1)
            continue
        setext = doc._SETEXT.match(line)
        if setext and len(reader.lines) == 1 and reader.kind == "paragraph":
            heading, reader.lines = reader.lines[0], []
            reader.heading(doc.plain(heading), 1 if setext.group(1)[0] == "=" else 2, reader.line)
            continue
        if not line.strip() or doc._RULE.match(line):
            reader.flush()
            continue
        atx = doc._ATX.match(line)
        if atx:
            reader.flush()
            reader.heading(doc.plain(atx.group(2)), len(atx.group(1)), number)
            continue
        item = doc._ITEM.match(line)
        if item:
            reader.flush()
            reader.start("item", item.group(1), number)
        elif reader.lines:
            reader.lines.append(line.strip())
        else:
            reader.start("paragraph", line.strip(), number)
    reader.flush()
    return Document(reader.title, reader.blocks, reader.sections)


class _OldReader(doc._Reader):
    def flush(self) -> None:
        words = doc.plain(" ".join(self.lines))
        self.lines = []
        if words:
            block = Block(self.kind, words, self.line, self._section)
            self.blocks.append(block)
            if self.sections:
                self.sections[-1].blocks.append(block)

    def heading(self, text: str, level: int, line: int) -> None:
        self.lines = []
        if level == 1 and not self.title and not self.sections:
            self.title = text
        else:
            self.sections.append(Section(text, level, line))
        self.blocks.append(Block("heading", text, line, self._section))


def _old_ranges(text: str) -> list[pay_text.PayRange]:
    found = []
    for match in pay_text.RANGE.finditer(text):
        low = pay_text.parse_money(match.group("low"))
        high = pay_text.parse_money(match.group("high"))
        if re.search(r"\d\s?[kK]\b", match.group("high")) and low.amount < 1000 <= high.amount:
            low = pay_text.Money(low.amount * 1000, low.currency)
        if (low.currency or high.currency) and low.amount <= high.amount:
            found.append(pay_text.PayRange(low, high, match.group().strip()))
    return found


# --- The same answers -----------------------------------------------------------------------


@SETTINGS
@given(markdown, st.booleans())
def test_markdown_is_read_as_before(text, crlf):
    text = text.replace("\n", "\r\n") if crlf else text
    new, old = parse(text), old_parse(text)
    assert (new.title, new.blocks) == (old.title, old.blocks)
    assert [(s.heading, s.level, s.line, s.blocks) for s in new.sections] == [
        (s.heading, s.level, s.line, s.blocks) for s in old.sections
    ]
    assert [vars(b) for b in new.blocks] == [vars(b) for b in old.blocks]


def test_objects_made_fast_are_the_objects_their_init_makes():
    """memo.made sets every field, in order, as the dataclass's own __init__ does."""
    values = {f.name: f"v{i}" for i, f in enumerate(dataclasses.fields(Finding))}
    for cls, fields in (
        (Block, {"kind": "item", "text": "t", "line": 3, "section": "S"}),
        (Section, {"heading": "H", "level": 2, "line": 4, "blocks": []}),
        (Finding, values),
    ):
        fast, slow = memo.made(cls, **fields), cls(**fields)
        assert fast == slow
        assert list(vars(fast).items()) == list(vars(slow).items())
        assert list(vars(fast)) == [f.name for f in dataclasses.fields(cls)]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


@pytest.mark.parametrize("language", ["en", "de", "fr"])
@SETTINGS
@given(heading=st.text(alphabet="abcdeilnoprstuyABPRS’'- &", max_size=30))
def test_a_headings_kinds_are_as_before(linter, language, heading):
    book = linter.book_for(language)
    for name in [heading, *(h for spec in book.sections.values() for h in spec.headings[:2])]:
        # kept per book: the same as working it out afresh (and twice)
        assert set(heading_kinds(name, book)) == _section_kinds(name, book)
        assert set(heading_kinds(name, book)) == _section_kinds(name, book)


PHRASE_PIECES = [
    "pay", "benefits", "equal", "opportunity", "apply", "artificial intelligence", "screen",
    "vacancy", "team", "reports to", "success", "Σ", "ς", "İ", "i̇", "\n", " ", "-", "ΟΔΟΣ",
]  # fmt: skip


def phrase_text(most: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(PHRASE_PIECES), max_size=most).map(" ".join)


@SETTINGS
@given(
    blocks=st.lists(phrase_text(6), max_size=6),
    phrases=st.lists(phrase_text(3), max_size=4),
)
def test_whether_the_text_says_a_phrase_is_as_before(linter, blocks, phrases):
    """Asked block by block (and kept), as asked of the whole lowercased text."""
    text = "# T\n\n" + "\n\n".join(b.replace("\n", " ") for b in blocks)
    scan = Scan(parse(text), LintContext(DATE), linter.book)
    wanted = tuple(p.lower() for p in phrases)
    for _ in range(2):  # worked out, then kept
        assert scan.says(wanted) == any(p in scan.document.text.lower() for p in wanted)


PAY_PIECES = [
    "$", "€", "£", "USD", "eur", "Euro", "zł", "ZŁ", "₹", "$ US", "120,000", "90.000", "45",
    "150k", "1 500", "–", "-", "to", "à", "bis", "from", "From", "FROM", "up to", "ab", "about",
    "+", "and up", "or more", "plus", "PLUS", "pluſ", "starting at", "jusqu’à", "au moins",
    " ", "\u00a0", "(New York)", "per year", "ten",
]  # fmt: skip
pay_lines = st.lists(st.sampled_from(PAY_PIECES), max_size=12).map(" ".join)


OPEN_ENDED_PAY = [
    "$120,000 plus bonus", "$90k and up", "€150.000+", "45 000 € or more", "$80,000 and above",
    "from $90,000", "starting at USD 100", "starts at $5", "up to 200k €", "at least $1",
    "minimum of £40,000", "maximum of CHF 9", "ab 45 000 €", "bis zu 60.000 EUR",
    "mindestens 50k€", "à partir de 40 000 €", "jusqu’à 60 000 €", "jusqu'à 6 €",
    "au moins 50 k€", "FROM $9", "Plus: $5 PLUS", "pluſ $5 pluſ",
]  # fmt: skip


@SETTINGS
@given(pay_lines)
def test_pay_is_read_as_before(text):
    """Open-ended pay looked for only where one of its words is, ranges only where a digit
    is: as the patterns alone find them."""
    for each in (text, *OPEN_ENDED_PAY):
        expected = tuple(m.group().strip() for m in pay_text.OPEN_ENDED.finditer(each))
        assert pay_text._open_ended.__wrapped__(each) == expected
        assert pay_text.open_ended(each) == list(expected)
        # (Some text makes both raise: "120,000 120,000 – 1" is read as one amount that
        # float() refuses. The same error either way, then.)
        assert outcome(pay_text.ranges_in, each) == outcome(_old_ranges, each)


def outcome(read: Callable[[str], Sequence[object]], text: str) -> list[object] | str:
    try:
        return list(read(text))
    except ValueError as error:
        return repr(error)


@SETTINGS
@given(st.lists(st.sampled_from(LINES + PAY_PIECES), max_size=30).map(" ".join))
def test_a_blocks_counts_are_its_words_sentences_and_syllables(text):
    counts = block_counts(text, "en")
    stats = text_stats([text], "en")
    assert (counts.words, counts.sentences, counts.syllables) == (
        stats.words,
        stats.sentences,
        stats.syllables,
    )
    assert counts.each == tuple((s, count_words(s)) for s in sentences(text))


def old_hits(listed, text: str) -> list[tuple[int, str]]:
    lowered, flat, hits = text.lower(), "", []
    for index, matcher in enumerate(listed.matchers):
        if not any(k in lowered for k in matcher.keys):
            continue
        flat = flat or " ".join(re.split(r",?[\s\-]+", lowered))
        pattern = matcher.pattern_for(flat)
        hits += ((index, m.group()) for m in (pattern.finditer(text) if pattern else ()))
    return hits


WORDING = [
    "rockstar", "ninja", "native", "English", "German", "speaker", "young", "energetic",
    "digital native", "work hard", "play hard", "recent graduate", "-", ",", "Muttersprache",
    "jeune", "dynamique", "the", "team",
]  # fmt: skip


@pytest.mark.parametrize("language", ["en", "de", "fr"])
@SETTINGS
@given(text=st.lists(st.sampled_from(WORDING), max_size=12).map(" ".join))
def test_phrases_are_ruled_in_as_before(linter, language, text):
    listed = _phrase_list(linter.book_for(language))
    assert list(listed.hits(text)) == old_hits(listed, text)


# --- Kept per company, per file: the same as worked out each time ---------------------------


def test_a_companys_laws_are_kept_by_its_places_not_its_identity(catalog, linter):
    _, _, companies = catalog
    book = linter.book
    for company in companies.values():
        moved = dataclasses.replace(company, locations=company.locations[:1], employees=5)
        for each in (company, moved, company):
            scan = Scan(parse("# T\n"), LintContext(DATE, each), book)
            areas, _ = company_areas(each, book.places)
            expected = applicable_laws(book.laws, areas, each.employees, DATE, book.law_ignore)
            assert laws_that_apply(scan) == expected


def test_a_line_found_in_a_file_is_kept_while_the_file_holds_the_same_text(tmp_path):
    role = tmp_path / "role.yaml"
    role.write_text("summary: >-\n  Be a rockstar\n  engineer.\n", encoding="utf-8")
    texts: dict = {}
    found: dict = {}
    block = Block("paragraph", "Be a rockstar engineer.", 3, "")
    first = Locator([role], texts, {}, found).locate("rockstar", block)
    assert first is not None and first.endswith("role.yaml:2")
    assert Locator([role], texts, {}, found).locate("rockstar", block) == first
    role.write_text("summary: >-\n\n\n  Be a rockstar\n  engineer.\n", encoding="utf-8")
    texts.clear()  # read again, as after its turn in the cache: the new text is searched
    assert Locator([role], texts, {}, found).locate("rockstar", block).endswith("role.yaml:4")


def test_kept_tables_stay_bounded():
    table: dict = {}
    for number in range(memo.KEPT * 3):
        memo.keep(table, number, number)
    assert len(table) == memo.KEPT
    assert next(iter(table)) == memo.KEPT * 2  # the oldest dropped first


@pytest.mark.slow
def test_a_warm_linter_reports_as_a_fresh_one(builtin_workspace, catalog):
    """Every built-in posting linted after all the others (everything kept) and by a new
    linter (nothing kept): the same report, finding for finding."""
    from jobgen.inputs.stages import plan_postings
    from jobgen.publish.pipeline import Generator

    config, postings = plan_postings(builtin_workspace, None, None, DATE)
    generator = Generator(builtin_workspace, text_width=config.defaults.text_width)
    items = [(p, generator.render(p, ["md"]).markdown, generator.sources(p)) for p in postings]
    warm = Linter(config.lint)
    for posting, text, sources in items:
        warm.lint_posting(posting, text, sources)
    for posting, text, sources in reversed(items):
        assert warm.lint_posting(posting, text, sources) == Linter(config.lint).lint_posting(
            posting, text, sources
        )
