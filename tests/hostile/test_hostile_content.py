"""Hostile content: markup, links, template syntax and odd characters in the data.

Each payload goes into EVERY text field of the role and of the company profile at
once (each field's copy ends with its own tag, `zq07`, so a failure names the
field), then one run writes all five formats. The data must come out as data:
no script, event handler or dangerous link in the page or the Word file, the
JSON-LD intact, template syntax never evaluated, and the original text visible
literally in every format. URL fields with a non-web scheme are refused when the
profile is loaded.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import markdown
import pytest
import yaml
from click.testing import Result
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn

from .harness import (
    COMPANY,
    ROLE,
    Workspace,
    assert_refused,
    assert_unchanged,
    copy_workspace,
)

PROFILE_NAME = f"company_profiles/{COMPANY}.yaml"
SAFE_SCHEMES = ("http://", "https://", "mailto:")
DANGEROUS_URL = re.compile(r"^\s*(javascript:|vbscript:|file:|data:text/html)", re.I)

# id -> the hostile text (one line: some fields are titles and names).
PAYLOADS: dict[str, str] = {
    "script-tag": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "html-js-link": '<a href="javascript:alert(1)">x</a>',
    "md-js-link": "[x](javascript:alert(1))",
    "md-file-link": "[f](file:///etc/passwd)",
    "md-js-image": "![i](javascript:alert(1))",
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "svg-onload": "<svg onload=alert(1)>",
    "jsonld-breakout": "</script><script>alert(1)</script>",
    "attribute-breakout": '" onmouseover="alert(1)" \' onfocus=\'alert(1)',
    "comment-open": "<!--",
    "cdata-end": "]]>",
    "template-syntax": "{{ 7*7 }} {% raw %} {# note #} {{ company.name }}",
    "entity-text": "&lt;b&gt; &amp;amp; &#60;i&#62;",
    "md-inline": "**bold** _em_ `code`",
    "md-heading": "# heading",
    "md-list": "- list",
    "md-quote": "> quote",
    "md-numbered": "1. item",
    "md-link": "[link](https://a.example)",
    "backslashes": "C:\\new\\table \\\\ \\* \\_ \\",
}

# Where a field's text is shown: "page" is the posting body (md, html, docx, txt);
# "header" the page header of the HTML; "" nowhere (the field is loaded only).
ROLE_FIELDS: dict[str, str] = {
    "title": "page",
    "summary": "page",
    "responsibilities.0": "page",
    "skills.0": "page",
    "tools.0": "page",
    "nice_to_have.0": "page",
    "why_it_matters": "page",
    "market.facts.0.text": "page",
    "market.facts.0.source": "page",
    "market.salary.source": "",
    "market.salary.note": "",
}
PAY = f"pay.{ROLE}.0"
PROFILE_FIELDS: dict[str, str] = {
    "name": "page",
    "industry": "header",
    "about": "page",
    "mission": "page",
    "values.0.name": "page",
    "values.0.description": "page",
    "benefits.0": "page",
    "work_model_note": "page",
    "remote_regions.0": "page",
    "locations.0.city": "page",
    f"{PAY}.where": "page",
    f"{PAY}.equity": "page",
    "apply.instructions": "page",
    "hiring.ai_screening.tool": "page",
    "hiring.ai_screening.decides": "page",
    "hiring.ai_screening.contact": "page",
    "equal_opportunity": "page",
}
FIELDS = [("role", f, shown) for f, shown in ROLE_FIELDS.items()]
FIELDS += [("profile", f, shown) for f, shown in PROFILE_FIELDS.items()]
TAGS = {(kind, path): f"zq{number:02d}" for number, (kind, path, _) in enumerate(FIELDS)}

# Bugs jobgen has today: (check, payload id) -> reason. Each becomes a strict xfail.
BUGS: dict[tuple[str, str], str] = {}  # (check, payload) -> reason, for a strict xfail


# --- Helpers -----------------------------------------------------------------


def put(data: Any, path: str, value: Any) -> None:
    """Set `a.0.b` in loaded YAML data."""
    *parents, last = path.split(".")
    for key in parents:
        data = data[int(key) if key.isdigit() else key]
    data[int(last) if last.isdigit() else last] = value


def edit_yaml(path: Path, changes: dict[str, Any]) -> None:
    """Load, change and dump a YAML file; the pay of the role becomes a list of ranges
    (so that `where` exists) and the salary gets a note, before `changes` apply."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "pay" in data and isinstance(data["pay"].get(ROLE), dict):
        data["pay"][ROLE] = [{"where": "Boulder, CO, or remote", **data["pay"][ROLE]}]
    if "market" in data:
        data["market"]["salary"]["note"] = "US figures."
    if "hiring" in data:  # AI screening in use, so that its tool, what it does and whom to ask show
        data["hiring"]["ai_screening"] = {"used": True, "tool": "x", "decides": "x", "contact": "x"}
    for dotted, value in changes.items():
        put(data, dotted, value)
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )


def line_of(path: Path, dotted: str) -> int:
    """The 1-based line of the value at `dotted` in a YAML file."""
    node = yaml.compose(path.read_text(encoding="utf-8"))
    for key in dotted.split("."):
        if isinstance(node, yaml.SequenceNode):
            node = node.value[int(key)]
        else:
            node = next(v for k, v in node.value if k.value == key)
    return node.start_mark.line + 1


def norm(text: str) -> str:
    """Whitespace collapsed (str.split also splits on U+2028 and U+2029)."""
    return " ".join(text.split())


class _Page(HTMLParser):
    """Every element and attribute, the script elements, and the text of <body>
    (without script and style) and of <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[str | None, str]] = []
        self.body: list[str] = []
        self.title: list[str] = []
        self.all_text: list[str] = []
        self._open: str | None = None  # script, style or title being read
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self.scripts.append((dict(attrs).get("type"), ""))
        if tag in ("script", "style", "title"):
            self._open = tag
        if tag == "body":
            self._in_body = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self._open = None
        if tag == "body":
            self._in_body = False
        if tag in ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "br", "blockquote"):
            self.body.append("\n")
            self.all_text.append("\n")

    def handle_data(self, data: str) -> None:
        self.all_text.append(data)
        if self._open == "script":
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)
        elif self._open == "title":
            self.title.append(data)
        elif self._open is None and self._in_body:
            self.body.append(data)


def parse_page(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    return page


def md_visible_text(md_text: str) -> str:
    """What a reader sees of the .md once a Markdown viewer has rendered it."""
    return "".join(parse_page(markdown.markdown(md_text)).all_text)


def docx_text(path: Path) -> str:
    """The text of every paragraph of the Word body, a line each."""
    body = docx.Document(str(path)).element.body
    lines = []
    for paragraph in body.iter(qn("w:p")):
        parts = []
        for node in paragraph.iter():
            if node.tag == qn("w:t"):
                parts.append(node.text or "")
            elif node.tag in (qn("w:br"), qn("w:tab"), qn("w:cr")):
                parts.append(" ")
        lines.append("".join(parts))
    return "\n".join(lines)


def docx_links(path: Path) -> list[str]:
    rels = docx.Document(str(path)).part.rels.values()
    return [rel.target_ref for rel in rels if rel.reltype == RELATIONSHIP_TYPE.HYPERLINK]


def strings(value: Any) -> Iterator[str]:
    """Every string in a JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def assert_shown(text: str, values: dict[str, str]) -> None:
    """Every field's value is in `text` as written (whitespace normalized)."""
    seen = norm(text)
    lost = [f"{name}: {value!r}" for name, value in values.items() if norm(value) not in seen]
    assert not lost, "not shown as written:\n" + "\n".join(lost)


# --- One run per payload -------------------------------------------------------


@dataclass
class Made:
    """One payload in every field, and all five formats of the posting."""

    result: Result
    values: dict[tuple[str, str], str]  # (role|profile, field) -> the text put there
    folder: Path

    def shown(self, *where: str) -> dict[str, str]:
        """Field label -> value, for the fields shown in `where`."""
        return {
            f"{kind}:{path}": self.values[(kind, path)]
            for kind, path, shown in FIELDS
            if shown in where
        }

    def value(self, kind: str, path: str) -> str:
        return self.values[(kind, path)]

    def read(self, ext: str) -> str:
        return (self.folder / f"{ROLE}.{ext}").read_text(encoding="utf-8")

    @property
    def docx_path(self) -> Path:
        return self.folder / f"{ROLE}.docx"


@pytest.fixture(scope="module")
def make(pristine: Workspace, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Made]:
    """`make(payload_id)`: the run for that payload, made once per module. Every run is
    made at the same path (so the built-in templates, the same in every copy, are
    compiled once, not once per payload: jobgen's cache is keyed by their path), and
    its output folder is then moved to a folder of the payload's own."""
    made: dict[str, Made] = {}
    base = tmp_path_factory.getbasetemp()

    def get(payload_id: str) -> Made:
        if payload_id not in made:
            place = base / "hostile-content-run"
            if place.exists():
                place.rename(tempfile.mkdtemp(prefix="hostile-content-done-", dir=base))
            place.mkdir()
            ws = copy_workspace(pristine, place)
            payload = PAYLOADS[payload_id]
            values = {key: f"{payload} {tag}" for key, tag in TAGS.items()}
            # A range's `where` must name a place of the company (and, for the laws that
            # reach remote work, say remote): the payload follows them.
            values = {
                key: f"Boulder, CO, or remote {value}" if key[1].endswith(".where") else value
                for key, value in values.items()
            }
            for kind, target in (("role", ws.role_file()), ("profile", ws.profile_file())):
                edit_yaml(target, {p: v for (k, p), v in values.items() if k == kind})
            result = ws.generate("-f", "all", "--date", "2026-11-25")
            folder = tmp_path_factory.mktemp(payload_id) / COMPANY
            if (ws.out / COMPANY).exists():
                shutil.move(ws.out / COMPANY, folder)
            made[payload_id] = Made(result, values, folder)
        return made[payload_id]

    return get


def cases(check: str) -> list[Any]:
    """Every payload id, as an xfail where `check` fails today."""
    return [
        pytest.param(p, marks=pytest.mark.xfail(strict=True, reason=BUGS[(check, p)]))
        if (check, p) in BUGS
        else pytest.param(p)
        for p in PAYLOADS
    ]


# --- Accepted, and written ---------------------------------------------------


@pytest.mark.parametrize("payload", cases("accepted"))
def test_hostile_text_is_accepted_as_data(make: Callable[[str], Made], payload: str) -> None:
    """Hostile text is valid text: the posting is written in every format."""
    made = make(payload)
    assert made.result.exception is None or isinstance(made.result.exception, SystemExit)
    assert made.result.exit_code == 0, made.result.output
    assert "Traceback" not in made.result.output
    for ext in ("md", "html", "docx", "json", "txt"):
        assert (made.folder / f"{ROLE}.{ext}").stat().st_size > 0


# --- HTML --------------------------------------------------------------------


@pytest.mark.parametrize("payload", cases("html-safe"))
def test_html_runs_no_code(make: Callable[[str], Made], payload: str) -> None:
    """No script but the JSON-LD, no on* attribute, no javascript:/file:/data: link,
    no frame or embedded SVG; the JSON-LD parses and holds the data as written."""
    made = make(payload)
    assert made.result.exit_code == 0, made.result.output
    text = made.read("html")
    page = parse_page(text)
    assert [kind for kind, _ in page.scripts] == ["application/ld+json"], page.scripts
    for tag, attrs in page.elements:
        assert tag not in ("iframe", "svg", "object", "embed", "frame"), (tag, attrs)
        handlers = [name for name in attrs if name.lower().startswith("on")]
        assert not handlers, (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            url = attrs.get(name)
            assert url is None or not DANGEROUS_URL.match(url), (tag, attrs)
    script = page.scripts[0][1]
    assert text.lower().count("</script") == 1, "the JSON-LD is not the only script"
    assert "</script" not in script.lower() and "<!--" not in script, script
    assert "\u2028" not in script and "\u2029" not in script
    job = json.loads(script)
    assert job["title"] == made.value("role", "title")
    assert job["hiringOrganization"]["name"] == made.value("profile", "name")
    assert job["identifier"]["name"] == made.value("profile", "name")
    assert job["industry"] == made.value("profile", "industry")
    address = job["jobLocation"]["address"]
    assert address["addressLocality"] == made.value("profile", "locations.0.city")
    regions = job["applicantLocationRequirements"]
    assert regions["name"] == made.value("profile", "remote_regions.0")


@pytest.mark.parametrize("payload", cases("html-literal"))
def test_html_shows_the_text_as_written(make: Callable[[str], Made], payload: str) -> None:
    """The page shows every field's text as the YAML has it; head fields too."""
    made = make(payload)
    assert made.result.exit_code == 0, made.result.output
    page = parse_page(made.read("html"))
    assert_shown("".join(page.body), made.shown("page", "header"))
    title, name = made.value("role", "title"), made.value("profile", "name")
    assert norm("".join(page.title)) == norm(f"{title} at {name}")
    meta = {a.get("name"): a.get("content") for tag, a in page.elements if tag == "meta"}
    assert meta["description"] == made.value("role", "summary")
    assert meta["author"] == name


# --- Markdown ----------------------------------------------------------------


@pytest.mark.parametrize("payload", cases("md-literal"))
def test_markdown_keeps_the_text_literal(make: Callable[[str], Made], payload: str) -> None:
    """Rendered by a Markdown viewer, the .md shows every field's text as written:
    `<script>` as visible text, `**bold**` with its asterisks, no link made."""
    made = make(payload)
    assert made.result.exit_code == 0, made.result.output
    assert_shown(md_visible_text(made.read("md")), made.shown("page"))


@pytest.mark.parametrize("payload", cases("md-links"))
def test_markdown_makes_no_dangerous_link(make: Callable[[str], Made], payload: str) -> None:
    """Rendered, the .md has only http(s) and mailto links, and no raw HTML element
    from the data (script, img, iframe, svg)."""
    made = make(payload)
    assert made.result.exit_code == 0, made.result.output
    page = parse_page(markdown.markdown(made.read("md")))
    for tag, attrs in page.elements:
        assert tag not in ("script", "img", "iframe", "svg"), (tag, attrs)
        assert not [name for name in attrs if name.lower().startswith("on")], (tag, attrs)
        for name in ("href", "src"):
            url = attrs.get(name)
            assert url is None or url.startswith(SAFE_SCHEMES), (tag, attrs)


# --- DOCX --------------------------------------------------------------------


@pytest.mark.parametrize("payload", cases("docx-links"))
def test_docx_links_only_to_the_web_or_mail(make: Callable[[str], Made], payload: str) -> None:
    """Every hyperlink of the Word file is http(s) or mailto."""
    made = make(payload)
    assert made.result.exit_code == 0, made.result.output
    links = docx_links(made.docx_path)
    assert links, "the apply links are gone"
    assert all(link.startswith(SAFE_SCHEMES) for link in links), links


@pytest.mark.parametrize("payload", cases("docx-literal"))
def test_docx_shows_the_text_as_written(make: Callable[[str], Made], payload: str) -> None:
    made = make(payload)
    assert made.result.exit_code == 0, made.result.output
    assert_shown(docx_text(made.docx_path), made.shown("page"))


# --- Plain text and JSON -------------------------------------------------------


@pytest.mark.parametrize("payload", cases("txt-literal"))
def test_txt_shows_the_text_as_written(make: Callable[[str], Made], payload: str) -> None:
    made = make(payload)
    assert made.result.exit_code == 0, made.result.output
    assert_shown(made.read("txt"), made.shown("page"))


@pytest.mark.parametrize("payload", cases("json-intact"))
def test_json_holds_the_values_intact(make: Callable[[str], Made], payload: str) -> None:
    """-f json is valid JSON with every shown field's value exactly as written."""
    made = make(payload)
    assert made.result.exit_code == 0, made.result.output
    document = json.loads(made.read("json"))
    found = set(strings(document))
    lost = [name for name, value in made.shown("page", "header").items() if value not in found]
    assert not lost, lost


# --- Template syntax ---------------------------------------------------------


def test_template_syntax_in_data_is_never_evaluated(make: Callable[[str], Made]) -> None:
    """`{{ 7*7 }}` and `{{ company.name }}` in the data stay as written in every format:
    no `49`, no company name where they were."""
    made = make("template-syntax")
    assert made.result.exit_code == 0, made.result.output
    texts = {
        "md": made.read("md"),
        "html": made.read("html"),
        "txt": made.read("txt"),
        "json": made.read("json"),
        "docx": docx_text(made.docx_path),
    }
    for fmt, text in texts.items():
        assert not re.search(r"49 zq\d\d", text), fmt
        assert not re.search(r"Furrowlight zq\d\d", text), fmt
        # the Markdown keeps it literal by escaping the * (it renders as written)
        assert ("{{ 7\\*7 }}" if fmt == "md" else "{{ 7*7 }}") in text, fmt


# --- URL fields ----------------------------------------------------------------

URL_FIELDS = ("website", "apply.url", "brand.logo_url")
BAD_URLS = {
    "javascript": "javascript:alert(1)",
    "javascript-mixed-case": "JaVaScRiPt:alert(1)",
    "vbscript": "vbscript:msgbox(1)",
    "file": "file:///etc/passwd",
    "data-html": "data:text/html,<script>alert(1)</script>",
    "data-base64": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "quote-breakout": 'http://a.example/"onmouseover="x',
    "space-breakout": "https://a.example/ onmouseover=alert(1)",
    "protocol-relative": "//evil.example/x",
    "mailto-as-url": "mailto:jobs@a.example",
    # Brackets would end the Markdown link the URL goes into: percent-encode them.
    "closes-md-link": "https://a.example/)[x](javascript:alert(1)",
    "backslash": "https://a.example/\\)x",
}


@pytest.mark.parametrize("dotted", URL_FIELDS)
@pytest.mark.parametrize("url", list(BAD_URLS.values()), ids=list(BAD_URLS))
def test_non_web_url_is_refused_at_load(
    ws: Workspace, before: dict[str, bytes | None], dotted: str, url: str
) -> None:
    """A URL field that is not http(s) is refused with file:line and the field."""
    edit_yaml(ws.profile_file(), {dotted: url})
    line = line_of(ws.profile_file(), dotted)
    result = ws.generate("-f", "all")
    assert_refused(
        result,
        names=[f"{PROFILE_NAME}:{line}:", f"{dotted}:"],
        says=r"expected an http\(s\) URL",
    )
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize("text", ["a\u2028b", "a\u2029b", "x\u202egnp.exe"])
def test_invisible_line_breaks_and_bidi_controls_are_refused(
    ws: Workspace, before: dict[str, bytes | None], text: str
) -> None:
    """U+2028/U+2029 break the JSON-LD in old browsers and lines in YAML; a bidi override
    makes a title read other than it is. Refused where it stands in the file (it is
    found before the YAML is read, so comments are covered too)."""
    edit_yaml(ws.role_file(), {"title": text})
    written = ws.role_file().read_text(encoding="utf-8")
    at = next(i for i, char in enumerate(written) if char in "\u2028\u2029\u202e")
    line, column = written.count("\n", 0, at) + 1, at - written.rfind("\n", 0, at)
    result = ws.generate("-f", "all")
    assert_refused(
        result, names=f"roles/{ROLE}.yaml:{line}:{column}:", says="invisible control character"
    )
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize("email", ["x](javascript:alert(1))@a.example", "a[b]@a.example"])
def test_email_that_would_close_a_markdown_link_is_refused(
    ws: Workspace, before: dict[str, bytes | None], email: str
) -> None:
    edit_yaml(ws.profile_file(), {"apply.email": email})
    line = line_of(ws.profile_file(), "apply.email")
    result = ws.generate("-f", "all")
    assert_refused(
        result, names=[f"{PROFILE_NAME}:{line}:", "apply.email:"], says="an email address"
    )
    assert_unchanged(before, ws.out)


# Valid http(s) URLs and an email address that carry Markdown or template syntax.
TRICKY = [
    pytest.param("apply.url", "https://a.example/{{7*7}}/**x**", id="url-template-syntax"),
    pytest.param("apply.url", "https://a.example/_a_/b*c*/`d`#x", id="url-markdown-marks"),
    pytest.param("website", "https://a.example/_home_/*", id="website-markdown-marks"),
    pytest.param("apply.email", "_jobs*team_@a.example", id="email-markdown-marks"),
]


@pytest.mark.parametrize(("dotted", "value"), TRICKY)
def test_tricky_link_stays_one_safe_link(ws: Workspace, dotted: str, value: str) -> None:
    """An accepted URL or email with Markdown in it: no dangerous link anywhere, and the
    link points at the value exactly (in the page, the Word file and the JSON)."""
    edit_yaml(ws.profile_file(), {dotted: value})
    result = ws.generate("-f", "html", "-f", "docx", "-f", "json")
    assert result.exit_code == 0, result.output
    folder = ws.out / COMPANY
    page = parse_page((folder / f"{ROLE}.html").read_text(encoding="utf-8"))
    hrefs = [a["href"] for tag, a in page.elements if tag == "a" and a.get("href")]
    assert all(h.startswith(SAFE_SCHEMES) for h in hrefs), hrefs
    links = docx_links(folder / f"{ROLE}.docx")
    assert all(link.startswith(SAFE_SCHEMES) for link in links), links
    target = f"mailto:{value}" if dotted == "apply.email" else value
    assert target in hrefs, hrefs
    if dotted != "website":  # the Word file does not link the website
        assert target in links, links
    document = json.loads((folder / f"{ROLE}.json").read_text(encoding="utf-8"))
    assert value in set(strings(document))
