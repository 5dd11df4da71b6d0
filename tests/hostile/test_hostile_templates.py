"""Hostile templates: recruiters edit `templates/`, so a template is untrusted input.

A template may try to escape the Jinja sandbox (Python internals, the published
sandbox CVEs), change the data it is given (and so the next posting of a batch),
read files outside the template folders (`..`, absolute paths, symlinks), loop
through includes, extends or macros, blow up the output or the run time, defeat
HTML autoescaping, or simply be broken (not UTF-8, a folder, empty, bad syntax).
Every case must end in a clean refusal (exit 2, the template file:line named, no
traceback), with no code run, no secret in any output and the earlier output
untouched; the few templates that are legitimate must work.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import Result

from jobgen import limits

from .harness import (
    COMPANY,
    ROLE,
    Workspace,
    assert_refused,
    assert_unchanged,
    copy_workspace,
    fresh_scratch,
    snapshot,
)

POSTING = "templates/posting.md.j2"
PAGE = "templates/page.html.j2"
ROLE_TEMPLATE = f"templates/roles/{ROLE}.md.j2"
COMPANY_TEMPLATE = f"company_profiles/{COMPANY}/templates/posting.md.j2"
DATE = "2026-11-25"
SECRET = "TOPSECRET-7f3a9c"  # the text of a file no template may show
XSS = "<script>alert(1)</script>"
FIRST_LINE = "{# a harmless first line, so the hostile one is line 2 #}\n"


@pytest.fixture(scope="session")
def samples_cache(pristine: Workspace, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """jobgen's caches (parsed lint data, compiled templates, the Word reference) as
    `check` and `generate -f all` of the untouched workspace leave them, made once per
    test process at the path where every test's `ws` sits (see conftest's tmp_path)."""
    cache = tmp_path_factory.getbasetemp() / "hostile-samples-cache"
    ws = copy_workspace(pristine, fresh_scratch(tmp_path_factory))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(cache))
        patch.delenv("JOBGEN_NO_CACHE", raising=False)
        for args in (["check"], ["generate", ROLE, "-c", COMPANY, "-f", "all", "-o", str(ws.out)]):
            result = ws.run(*args)
            assert result.exit_code == 0, result.output
    return cache


@pytest.fixture(autouse=True)
def _own_template_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory, samples_cache: Path
) -> None:
    """Hostile templates are never compiled into a cache another test could read: each
    test has a cache folder of its own, a copy of the one the untouched workspace leaves
    (parsing jobgen's lint data and compiling the built-in templates for every test
    again would cost about half of each test)."""
    cache = Path(tempfile.mkdtemp(prefix="hostile-cache-", dir=tmp_path_factory.getbasetemp()))
    shutil.copytree(samples_cache, cache, dirs_exist_ok=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside every template folder that a template must never read."""
    path = tmp_path / "secret.txt"
    path.write_text(f"{SECRET}\n", encoding="utf-8")
    return path


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    """A file that exists only if template code ran outside the sandbox."""
    return tmp_path / "PWNED"


def write(ws: Workspace, relative: str, text: str | bytes) -> Path:
    """Write a workspace file (a template), making its folder."""
    path = ws.root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def output_text(result: Result, folder: Path) -> str:
    """Everything the run printed and every file under `folder`, as text."""
    parts = [result.output]
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            parts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


def assert_no_code_ran(result: Result, ws: Workspace, marker: Path) -> None:
    """No marker file, in the temporary folder or the workspace, and no secret shown."""
    assert not marker.exists(), "template code ran outside the sandbox"
    assert not list(ws.root.glob("PWNED*")), "template code ran outside the sandbox"
    assert SECRET not in output_text(result, ws.out), "a secret file leaked into the output"


# --- sandbox escapes ---------------------------------------------------------------

# id -> (line 2 of the template, the refusal's wording). `{marker}` and `{secret}`
# become the paths of the fixtures: each payload would create the marker or
# print the secret if it got out of the sandbox.
ESCAPES: dict[str, tuple[str, str]] = {
    "str-class-mro-subclasses": (
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        r"'__class__' of 'str' object is unsafe",
    ),
    "tuple-mro": ("{{ role.skills.__mro__ }}", r"'__mro__'"),
    "class-subclasses": ("{{ cycler.__subclasses__() }}", r"'__subclasses__'.* is unsafe"),
    "lipsum-globals-os": (
        "{{ lipsum.__globals__['os'].popen('touch {marker}').read() }}",
        r"'__globals__' of 'function' object is unsafe",
    ),
    "cycler-init-globals": (
        "{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}",
        r"'__init__' .* is unsafe",
    ),
    "joiner-init-builtins-open": (
        "{{ joiner.__init__.__globals__.__builtins__.open('{secret}').read() }}",
        r"'__init__' .* is unsafe",
    ),
    "namespace-init-globals": (
        "{{ namespace.__init__.__globals__.os.system('touch {marker}') }}",
        r"'__init__' .* is unsafe",
    ),
    "lipsum-builtins-import": (
        "{{ lipsum.__builtins__.__import__('os').system('touch {marker}') }}",
        r"'__builtins__' .* is unsafe",
    ),
    "model-init-globals": (
        "{{ role.__init__.__globals__['os'].system('touch {marker}') }}",
        r"'__init__' of 'Role' object is unsafe",
    ),
    "method-func-globals": (
        "{{ role.problems.__func__.__globals__ }}",
        r"'__func__' .* is unsafe",
    ),
    "template-reference-context": (
        "{{ self._TemplateReference__context.cycler.__init__.__globals__.os"
        ".popen('touch {marker}').read() }}",
        r"'_TemplateReference__context' .* is unsafe",
    ),
    "self-init-globals": (
        "{{ self.__init__.__globals__.__builtins__.open('{secret}').read() }}",
        r"'__init__' of 'TemplateReference' object is unsafe",
    ),
    "attr-filter-dunder": (
        "{{ ()|attr('__class__')|attr('__base__')|attr('__subclasses__')() }}",
        r"'__class__' of 'tuple' object is unsafe",
    ),
    "generator-frame-globals": (
        "{{ (role.skills|map('upper')).gi_frame.f_globals }}",
        r"'gi_frame' .* is unsafe",
    ),
    "reduce-ex": ("{{ role.__reduce_ex__(2) }}", r"'__reduce_ex__' .* is unsafe"),
    # CVE-2016-10745: str.format reaching attributes through the format string
    "cve-2016-10745-format": (
        "{{ '{0.__class__.__init__.__globals__}'.format(role) }}",
        r"'__class__' of 'Role' object is unsafe",
    ),
    "cve-2016-10745-format-index": (
        "{{ '{0.__init__.__globals__[os]}'.format(cycler) }}",
        r"'__init__' of 'type' object is unsafe",
    ),
    # CVE-2019-10906: str.format_map
    "cve-2019-10906-format-map": (
        "{{ '{r.__class__.__init__.__globals__}'.format_map({'r': role}) }}",
        r"'__class__' of 'Role' object is unsafe",
    ),
    # CVE-2024-56326: an indirect reference to str.format
    "cve-2024-56326-set": (
        "{% set f = '{0.__class__}'.format %}{{ f(role) }}",
        r"'__class__' of 'Role' object is unsafe",
    ),
    "cve-2024-56326-namespace": (
        "{% set ns = namespace(f='{0.__class__}'.format) %}{{ ns.f(role) }}",
        r"'__class__' of 'Role' object is unsafe",
    ),
    "cve-2024-56326-dict": (
        "{{ {'f': '{0.__class__}'.format}.f(role) }}",
        r"'__class__' of 'Role' object is unsafe",
    ),
    "cve-2024-56326-format-map-set": (
        "{% set f = '{r.__class__}'.format_map %}{{ f({'r': role}) }}",
        r"'__class__' of 'Role' object is unsafe",
    ),
    # CVE-2025-27516: |attr("format") returned the plain str.format
    "cve-2025-27516-attr-format": (
        "{{ '{0.__class__}'|attr('format')(role) }}",
        r"'__class__' of 'Role' object is unsafe",
    ),
    "cve-2025-27516-attr-format-map": (
        "{{ '{r.__class__}'|attr('format_map')({'r': role}) }}",
        r"'__class__' of 'Role' object is unsafe",
    ),
    # The sandbox's bound on range()
    "range-max": ("{{ range(10**9)|length }}", r"MAX_RANGE"),
    "range-step": ("{% for i in range(0, 10**9, 1) %}{% endfor %}", r"MAX_RANGE"),
    "range-just-over": ("{{ range(100001)|length }}", r"MAX_RANGE"),
}

# Where a hostile template can live: the content template, a role's own content
# template, a company's own content template, the HTML page (autoescaped).
PLACES = {
    "posting": (POSTING, "workspace template"),
    "role": (ROLE_TEMPLATE, "workspace template"),
    "company": (COMPANY_TEMPLATE, "company furrowlight template"),
    "page": (PAGE, "workspace template"),
}


def _escape_template(ws: Workspace, attack: str, marker: Path, secret: Path) -> None:
    payload = ESCAPES[attack][0]
    line = payload.replace("{marker}", str(marker)).replace("{secret}", str(secret))
    write(ws, POSTING, FIRST_LINE + line + "\n")


@pytest.mark.parametrize("attack", list(ESCAPES), ids=list(ESCAPES))
def test_sandbox_escape_is_refused(
    ws: Workspace, before: dict, attack: str, marker: Path, secret: Path
) -> None:
    """Each escape in the content template: refused at its line, nothing run, nothing read."""
    _escape_template(ws, attack, marker, secret)
    result = ws.generate()
    assert_refused(result, names=f"{POSTING}:2")
    assert_no_code_ran(result, ws, marker)
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize(
    "attack",
    list(ESCAPES),
    ids=list(ESCAPES),
)
def test_sandbox_escape_says_what_is_unsafe(
    ws: Workspace, attack: str, marker: Path, secret: Path
) -> None:
    """The refusal names the attribute (or the range) the template may not use."""
    _escape_template(ws, attack, marker, secret)
    error = assert_refused(ws.generate(), names=f"{POSTING}:2", says=ESCAPES[attack][1])
    assert "StrictUndefined" not in error


@pytest.mark.parametrize("place", list(PLACES), ids=list(PLACES))
@pytest.mark.parametrize(
    "attack", ["cycler-init-globals", "cve-2024-56326-set", "cve-2025-27516-attr-format"]
)
def test_sandbox_escape_in_every_template_folder(
    ws: Workspace, before: dict, attack: str, place: str, marker: Path, secret: Path
) -> None:
    """A role's template, a company's template and the HTML page are sandboxed the same way."""
    relative, layer = PLACES[place]
    payload, says = ESCAPES[attack]
    line = payload.replace("{marker}", str(marker)).replace("{secret}", str(secret))
    if place == "page":
        write(ws, relative, "<!DOCTYPE html>\n" + line + "\n{{ content }}\n")
    else:
        write(ws, relative, FIRST_LINE + line + "\n")
    result = ws.generate()
    assert_refused(result, names=[f"{relative}:2", f"({layer})"], says=says)
    assert_no_code_ran(result, ws, marker)
    assert_unchanged(before, ws.out)


CVE_2024_56201_NAMES = {
    "python-in-name": 'roles/{__import__("os").mkdir("PWNED")}.md.j2',
    "quotes-and-braces": 'roles/a\'"{{ 7*7 }}".md.j2',
    "fstring-and-newline": "roles/{__import__('os').mkdir('PWNED2')}\n'.md.j2",
}


@pytest.mark.parametrize(
    "name", list(CVE_2024_56201_NAMES.values()), ids=list(CVE_2024_56201_NAMES)
)
def test_cve_2024_56201_template_file_name_runs_no_code(
    ws: Workspace, before: dict, name: str, marker: Path
) -> None:
    """CVE-2024-56201: a template whose file name AND content are hostile. The name
    reaches the compiled code through the "does not export" message of `{% from %}`;
    the payload would make a `PWNED` folder in the workspace (the current folder)."""
    write(ws, "templates/lib.md.j2", "{% macro real() %}x{% endmacro %}\n")
    weird = write(ws, f"templates/{name}", "{% from 'lib.md.j2' import nope %}{{ nope }}\n")
    assert weird.is_file()
    quoted = name.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
    write(ws, POSTING, FIRST_LINE + "{% include '" + quoted + "' %}\n")
    result = ws.generate()
    assert_refused(
        result, names=f"templates/{name}:1", says="does not export the requested name 'nope'"
    )
    assert_no_code_ran(result, ws, marker)
    assert_unchanged(before, ws.out)


XMLATTR_KEYS = {
    "space": "onclick=alert(1) x",
    "slash": "a/onload=alert(1)",
    "greater-than": "a><script>alert(1)</script",
    "equals": "x=1 onmouseover",
    "tab": "a\tonfocus",
}


@pytest.mark.parametrize("key", list(XMLATTR_KEYS.values()), ids=list(XMLATTR_KEYS))
def test_xmlattr_keys_cannot_inject_attributes(ws: Workspace, before: dict, key: str) -> None:
    """CVE-2024-22195 / CVE-2024-34064: `xmlattr` with a key holding a space, `/`, `>`
    or `=` would add attributes (an event handler) to the tag; it must be refused."""
    page = ws.templates / "page.html.j2"
    text = page.read_text(encoding="utf-8")
    lines = text.replace('<main class="wrap posting">', "<main{{ attrs|xmlattr }}>").splitlines()
    lines.insert(0, "{% set attrs = {" + repr(key) + ": 1, 'class': 'wrap posting'} %}")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    number = next(n for n, line in enumerate(lines, 1) if "xmlattr" in line)
    result = ws.generate("-f", "html")
    assert_refused(result, names=f"{PAGE}:{number}", says="Invalid character in attribute name")
    assert_unchanged(before, ws.out)


# --- changing the data ---------------------------------------------------------------

MUTATIONS = {
    "list-append": ("{{ role.responsibilities.append('x') }}", r"'append'"),
    "list-pop": ("{% set _ = company.benefits.pop() %}", r"'pop'"),
    "posting-update": ("{{ posting.update({'date': '1999-01-01'}) }}", r"'update' .* unsafe"),
    "posting-setdefault": ("{{ posting.setdefault('x', 1) }}", r"'setdefault' .* unsafe"),
    "posting-setitem": ("{{ posting.__setitem__('date', 'x') }}", r"'__setitem__' .* unsafe"),
    "pay-clear": ("{{ company.pay.clear() }}", r"'clear' .* unsafe"),
    "pay-pop": (f"{{% set _ = company.pay.pop('{ROLE}') %}}", r"'pop' .* unsafe"),
    "set-model-field": ("{% set company.name = 'Evil Corp' %}", r"non-namespace"),
    "set-role-field": ("{% set role.title = 'CEO' %}", r"non-namespace"),
    "own-list-append": (
        "{% set ns = namespace(l=[]) %}{{ ns.l.append(1) }}",
        r"'append' .* unsafe",
    ),
    "own-dict-update": ("{% set d = {} %}{{ d.update(a=1) }}", r"'update' .* unsafe"),
}


@pytest.mark.parametrize(
    "attack",
    list(MUTATIONS),
    ids=list(MUTATIONS),
)
def test_mutation_is_refused(ws: Workspace, before: dict, attack: str) -> None:
    """The sandbox is immutable: a template cannot change a list, a dict or a model."""
    payload, says = MUTATIONS[attack]
    write(ws, POSTING, FIRST_LINE + payload + "\n")
    result = ws.generate()
    assert_refused(result, names=f"{POSTING}:2", says=says)
    assert_unchanged(before, ws.out)


STAGE_ROLES = ("ai-ml-engineer", "ai-data-engineer")  # the `early` stage, in this order


def _alone(ws: Workspace, role: str, folder: Path) -> bytes:
    """The Markdown posting of `role` written by a run of its own."""
    result = ws.run("generate", role, "-c", COMPANY, "-f", "md", "-o", str(folder), "--date", DATE)
    assert result.exit_code == 0, result.output
    return (folder / COMPANY / f"{role}.md").read_bytes()


def _batch(ws: Workspace, how: str, folder: Path) -> Result:
    if how.startswith("stage"):
        args = ["stage", "early", "-c", COMPANY, "-j", "2" if how == "stage-2-jobs" else "1", "-q"]
    else:
        args = ["generate", *STAGE_ROLES, "-c", COMPANY]
    return ws.run(*args, "-f", "md", "-o", str(folder), "--date", DATE)


# Rebinding names, namespaces, cyclers, new tuples: all allowed, all local to one render.
LOCAL_CHANGES = """\
{% extends "default:posting.md.j2" %}
{% set ns = namespace(count=0) %}
{% for item in role.responsibilities %}{% set ns.count = ns.count + 1 %}{% endfor %}
{% set cyc = cycler("first", "second") %}
{% set company = namespace(name=company.name, benefits=company.benefits + ("LEAKED",),
   about=company.about, mission=company.mission, values=company.values, apply=company.apply,
   work_model_note=company.work_model_note, equal_opportunity=company.equal_opportunity) %}
{% block title %}
# {{ role.title }} ({{ ns.count }} tasks, {{ cyc.next() }}, {{ company.benefits|length }})
{% endblock %}
"""

# A module imported with {% import %} is cached by Jinja on its template and shared
# by every render in the process: its namespace carries a count from one posting
# to the next.
IMPORTED_COUNTER = """\
{% extends "default:posting.md.j2" %}
{% import "counter.md.j2" as counter %}
{% set seen = counter.state %}
{% set seen.count = seen.count + 1 %}
{% block title %}
# {{ role.title }} (posting number {{ seen.count }})
{% endblock %}
"""


@pytest.mark.parametrize("how", ["stage", "stage-2-jobs", "generate"])
def test_batch_postings_do_not_share_local_changes(ws: Workspace, tmp_path: Path, how: str) -> None:
    """`stage early` (one process, or two) and `generate A B`: a template that rebinds `company`,
    counts in a namespace and turns a cycler writes each posting as it would alone."""
    write(ws, POSTING, LOCAL_CHANGES)
    result = _batch(ws, how, tmp_path / "batch")
    assert result.exit_code == 0, result.output
    for role in STAGE_ROLES:
        batch = (tmp_path / "batch" / COMPANY / f"{role}.md").read_bytes()
        assert batch == _alone(ws, role, tmp_path / f"alone-{role}"), role
    assert b"(6 tasks, first, " in (tmp_path / "batch" / COMPANY / f"{ROLE}.md").read_bytes()


@pytest.mark.parametrize("how", ["stage", "generate"])
def test_batch_postings_do_not_share_an_imported_namespace(
    ws: Workspace, tmp_path: Path, how: str
) -> None:
    """The second posting of a batch must not see what the first one's render changed."""
    write(ws, "templates/counter.md.j2", "{% set state = namespace(count=0) %}\n")
    write(ws, POSTING, IMPORTED_COUNTER)
    result = _batch(ws, how, tmp_path / "batch")
    assert result.exit_code == 0, result.output
    for role in STAGE_ROLES:
        batch = (tmp_path / "batch" / COMPANY / f"{role}.md").read_bytes()
        assert b"(posting number 1)" in batch, role
        assert batch == _alone(ws, role, tmp_path / f"alone-{role}"), role


@pytest.mark.parametrize("how", ["stage", "generate"])
@pytest.mark.parametrize("attack", ["list-pop", "pay-clear", "posting-update"])
def test_batch_mutation_is_refused_and_nothing_written(
    ws: Workspace, tmp_path: Path, how: str, attack: str
) -> None:
    """A mutating template fails the whole batch before any posting is written."""
    payload, says = MUTATIONS[attack]
    write(ws, POSTING, FIRST_LINE + payload + "\n")
    folder = tmp_path / "batch"
    result = _batch(ws, how, folder)
    assert_refused(result, names=f"{POSTING}:2", says=says)
    assert snapshot(folder) == {}


# --- reaching outside the template folders --------------------------------------------

OUTSIDE = {
    "include-dotdot-role": "{% include '../roles/ai-ml-engineer.yaml' %}",
    "include-dotdot-twice": "{% include '../../roles/ai-ml-engineer.yaml' %}",
    "include-etc-passwd": "{% include '/etc/passwd' %}",
    "include-absolute-secret": "{% include '{secret}' %}",
    "extends-dotdot": "{% extends '../x' %}",
    "extends-dotdot-existing": "{% extends '../jobgen.yaml' %}",
    "extends-absolute-secret": "{% extends '{secret}' %}",
    "import-absolute-secret": "{% import '{secret}' as s %}",
    "from-import-absolute": "{% from '{secret}' import x %}",
    "include-prefix-dotdot": "{% include 'default:../roles/ai-ml-engineer.yaml' %}",
    "include-workspace-dotdot": "{% include 'workspace:../jobgen.yaml' %}",
}


def _outside_template(ws: Workspace, attack: str, secret: Path) -> None:
    write(ws, POSTING, FIRST_LINE + OUTSIDE[attack].replace("{secret}", str(secret)) + "\n")


@pytest.mark.parametrize("attack", list(OUTSIDE), ids=list(OUTSIDE))
def test_include_outside_is_refused(ws: Workspace, before: dict, attack: str, secret: Path) -> None:
    """`..` and absolute names never reach a file outside the template folders."""
    _outside_template(ws, attack, secret)
    result = ws.generate()
    assert_refused(result, names=f"{POSTING}:2")
    assert SECRET not in output_text(result, ws.out)
    assert "root:" not in output_text(result, ws.out)
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize("attack", list(OUTSIDE), ids=list(OUTSIDE))
def test_include_outside_says_outside(
    ws: Workspace, before: dict, attack: str, secret: Path
) -> None:
    _outside_template(ws, attack, secret)
    result = ws.generate()
    assert_refused(result, names=f"{POSTING}:2", says="outside the template folders")
    assert_unchanged(before, ws.out)


def _symlink_include(ws: Workspace, secret: Path) -> str:
    (ws.templates / "leak.md.j2").symlink_to(secret)
    write(ws, POSTING, FIRST_LINE + "{% include 'leak.md.j2' %}\n")
    return "templates/leak.md.j2"


def _symlink_roles_folder(ws: Workspace, secret: Path) -> str:
    outside = secret.parent / "outside"
    outside.mkdir()
    (outside / f"{ROLE}.md.j2").write_text(f"# {SECRET}\n", encoding="utf-8")
    (ws.templates / "roles").symlink_to(outside, target_is_directory=True)
    return ROLE_TEMPLATE


def _symlink_posting(ws: Workspace, secret: Path) -> str:
    (ws.templates / "posting.md.j2").unlink()
    (ws.templates / "posting.md.j2").symlink_to(secret)
    return POSTING


def _symlink_import(ws: Workspace, secret: Path) -> str:
    (ws.templates / "macros.md.j2").symlink_to(secret)
    write(ws, POSTING, FIRST_LINE + "{% import 'macros.md.j2' as m %}{{ m }}\n")
    return "templates/macros.md.j2"


def _symlink_company_page(ws: Workspace, secret: Path) -> str:
    folder = ws.profiles / COMPANY / "templates"
    folder.mkdir(parents=True)
    (folder / "page.html.j2").symlink_to(secret)
    return f"company_profiles/{COMPANY}/templates/page.html.j2"


SYMLINKS = {
    "include-link-to-secret": _symlink_include,
    "roles-folder-link-outside": _symlink_roles_folder,
    "posting-is-link-to-secret": _symlink_posting,
    "import-link-to-secret": _symlink_import,
    "company-page-link-to-secret": _symlink_company_page,
}


@pytest.mark.parametrize("attack", list(SYMLINKS), ids=list(SYMLINKS))
def test_symlink_outside_is_refused(ws: Workspace, before: dict, attack: str, secret: Path) -> None:
    """A symlink inside templates/ to a file or folder outside the template folders."""
    named = SYMLINKS[attack](ws, secret)
    result = ws.generate()
    try:
        assert_refused(result, names=named, says="outside the template folders")
    finally:
        assert SECRET not in output_text(result, ws.out), "the secret file leaked"
    assert_unchanged(before, ws.out)


# --- include, extends and macro loops ----------------------------------------------------

LOOPS = {
    "include-each-other": (
        {
            POSTING: FIRST_LINE + "{% include 'a.md.j2' %}\n",
            "templates/a.md.j2": "a\n{% include 'b.md.j2' %}\n",
            "templates/b.md.j2": "b\n{% include 'a.md.j2' %}\n",
        },
        "(workspace template)",  # a.md.j2:2 or b.md.j2:2, where Python's stack ran out
        r"^error: templates/[ab]\.md\.j2:2 .*include or extend each other",
    ),
    "include-itself": (
        {POSTING: FIRST_LINE + "{% include 'posting.md.j2' %}\n"},
        f"{POSTING}:2",
        r"include or extend each other",
    ),
    "extends-itself": (
        {POSTING: "{% extends 'posting.md.j2' %}\n"},
        f"{POSTING}:1",
        r"is this file itself; .* extend 'default:posting.md.j2'",
    ),
    "extends-each-other": (
        {
            POSTING: "{% extends 'a.md.j2' %}\n",
            "templates/a.md.j2": "{% extends 'b.md.j2' %}\n",
            "templates/b.md.j2": "{# b #}\n{% extends 'a.md.j2' %}\n",
        },
        "templates/b.md.j2:2",
        r"extend each other in a loop: posting\.md\.j2 -> a\.md\.j2 -> b\.md\.j2 -> a\.md\.j2",
    ),
    "company-extends-itself": (
        {COMPANY_TEMPLATE: "{% extends 'posting.md.j2' %}\n"},
        f"{COMPANY_TEMPLATE}:1",
        r"is this file itself; .*'workspace:posting\.md\.j2'",
    ),
    "role-template-extends-itself": (
        {ROLE_TEMPLATE: FIRST_LINE + f"{{% extends 'roles/{ROLE}.md.j2' %}}\n"},
        f"{ROLE_TEMPLATE}:2",
        r"is this file itself",
    ),
    "macro-calls-itself": (
        {POSTING: FIRST_LINE + "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}\n{{ f(0) }}\n"},
        f"{POSTING}:2",
        r"macro|recursion",
    ),
    "macros-call-each-other": (
        {
            POSTING: FIRST_LINE
            + "{% macro f(n) %}{{ g(n) }}{% endmacro %}\n"
            + "{% macro g(n) %}{{ f(n) }}{% endmacro %}\n{{ f(0) }}\n"
        },
        f"{POSTING}:",
        r"macro|recursion",
    ),
    "imported-macro-calls-itself": (
        {
            POSTING: FIRST_LINE + "{% from 'm.md.j2' import f %}{{ f(0) }}\n",
            "templates/m.md.j2": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}\n",
        },
        "templates/m.md.j2:1",
        r"macro|recursion",
    ),
}


@pytest.mark.parametrize("attack", list(LOOPS), ids=list(LOOPS))
def test_template_loop_is_refused(ws: Workspace, before: dict, attack: str) -> None:
    files, named, says = LOOPS[attack]
    for relative, text in files.items():
        write(ws, relative, text)
    result = ws.generate()
    assert_refused(result, names=named, says=says)
    assert_unchanged(before, ws.out)


OVERRIDE = "Every benefit is hand-written here."


@pytest.mark.parametrize(
    ("relative", "parent"),
    [
        (POSTING, "default:posting.md.j2"),
        (COMPANY_TEMPLATE, "workspace:posting.md.j2"),
        (COMPANY_TEMPLATE, "default:posting.md.j2"),
        (ROLE_TEMPLATE, "default:posting.md.j2"),
    ],
    ids=["workspace-extends-default", "company-extends-workspace", "company-extends-default",
         "role-extends-default"],
)  # fmt: skip
def test_extending_the_replaced_template_works(
    ws: Workspace, tmp_path: Path, relative: str, parent: str
) -> None:
    """The documented way to replace one block: extend `default:` (or `workspace:`)."""
    write(ws, relative, f'{{% extends "{parent}" %}}\n{{% block benefits %}}\n## Benefits\n\n'
          f"- {OVERRIDE}\n\n{{% endblock %}}\n")  # fmt: skip
    folder = tmp_path / "fresh"
    result = ws.run("generate", ROLE, "-c", COMPANY, "-f", "md", "-o", str(folder))
    assert result.exit_code == 0, result.output
    text = (folder / COMPANY / f"{ROLE}.md").read_text(encoding="utf-8")
    assert f"- {OVERRIDE}" in text
    assert text.startswith("# AI/ML Engineer\n")
    assert "## Equal opportunity" in text


# --- output-size and time bombs ------------------------------------------------------------


LIMIT_SAYS = r"limit|too large"

BOMBS = {
    "str-times-1e10": "{{ 'a' * 10**10 }}",
    "center-3e9": "{{ 'a'|center(3000000000) }}",
    "percent-format-width": "{{ '%999999999s'|format(1) }}",
    "str-format-width": "{{ '{:>999999999}'.format(1) }}",
    "replace-chain": "{{ ('ab' * 1000)|replace('a', 'a' * 100000)|replace('a', 'a' * 100000) }}",
    "nested-loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    ),
    "doubling-macro": (
        "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s }}{% endif %}"
        "{% endmacro %}{{ d('ab', 40) }}"
    ),
    "title-times-1e8": "{{ role.title * 99999999 }}",
    "list-times": "{{ (role.skills * 100000000)|length }}",
    "power-tower": "{{ 9 ** (9 ** 9) }}",
    "indent-width": "{{ role.summary|indent(999999999, true) }}",
    "summary-99999-times": "{% for i in range(99999) %}{{ role.summary }}{% endfor %}",
}


@pytest.mark.parametrize("attack", list(BOMBS), ids=list(BOMBS))
def test_output_or_time_bomb_is_refused(
    ws: Workspace, before: dict, attack: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At most 2,000,000 characters of output and a few seconds per posting: a template
    that would make more, or run longer, is refused by name with nothing written."""
    if attack == "nested-loops":  # stopped by the time limit: 0.5 s instead of 10
        monkeypatch.setattr(limits, "MAX_RENDER_SECONDS", 0.5)
    write(ws, POSTING, FIRST_LINE + BOMBS[attack] + "\n")
    result = ws.generate("-f", "md")
    assert_refused(result, names=POSTING, says=LIMIT_SAYS)
    assert_unchanged(before, ws.out)


def test_big_but_finite_output_is_refused_by_the_size_limit(ws: Workspace, before: dict) -> None:
    """About 30 million characters, made quickly: the 2,000,000-character limit refuses it."""
    write(ws, POSTING, FIRST_LINE + BOMBS["summary-99999-times"] + "\n")
    result = ws.generate("-f", "md")
    assert_refused(result, names=POSTING, says=r"2,000,000")
    assert_unchanged(before, ws.out)


# --- autoescape in HTML templates --------------------------------------------------------


def _hostile_title(ws: Workspace) -> None:
    path = ws.role_file()
    text = path.read_text(encoding="utf-8")
    assert "title: AI/ML Engineer\n" in text
    path.write_text(text.replace("title: AI/ML Engineer\n", f'title: "{XSS}"\n'), encoding="utf-8")


def _probe_page(ws: Workspace, expression: str, relative: str = PAGE) -> int:
    """Put `<p id="probe">EXPRESSION</p>` after </main> in the page template at
    `relative` (a copy of the built-in page); returns its line number."""
    lines = (ws.templates / "page.html.j2").read_text(encoding="utf-8").splitlines()
    number = lines.index("</main>") + 2
    lines.insert(number - 1, f'<p id="probe">{expression}</p>')
    write(ws, relative, "\n".join(lines) + "\n")
    return number


ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"

STILL_ESCAPED = {
    "plain": "{{ role.title }}",
    "forceescape": "{{ role.title|forceescape }}",
    "markup-concat": "{{ '' ~ role.title }}",
    "string-filter": "{{ role.title|string }}",
    "title-in-format": "{{ '%s'|format(role.title) }}",
}


@pytest.mark.parametrize("expression", list(STILL_ESCAPED.values()), ids=list(STILL_ESCAPED))
def test_page_escapes_the_title(ws: Workspace, tmp_path: Path, expression: str) -> None:
    """Without |safe, a role title with a script tag is escaped in the page."""
    _hostile_title(ws)
    _probe_page(ws, expression)
    folder = tmp_path / "fresh"
    result = ws.run("generate", ROLE, "-c", COMPANY, "-f", "html", "-o", str(folder))
    assert result.exit_code == 0, result.output
    page = (folder / COMPANY / f"{ROLE}.html").read_text(encoding="utf-8")
    assert f'<p id="probe">{ESCAPED}</p>' in page
    assert "<script>alert" not in page


UNSAFE_MARKUP = {
    "safe": "{{ role.title|safe }}",
    "autoescape-false": "{% autoescape false %}{{ role.title }}{% endautoescape %}",
    "string-safe": "{{ role.title|string|safe }}",
    "escape-safe": "{{ role.title|e|safe }}",
    "filter-block-safe": "{% filter safe %}{{ role.title }}{% endfilter %}",
}


@pytest.mark.parametrize("place", [PAGE, f"company_profiles/{COMPANY}/templates/page.html.j2"],
                         ids=["workspace-page", "company-page"])  # fmt: skip
@pytest.mark.parametrize("expression", list(UNSAFE_MARKUP.values()), ids=list(UNSAFE_MARKUP))
def test_page_template_cannot_turn_autoescape_off(
    ws: Workspace, before: dict, expression: str, place: str
) -> None:
    """|safe and {% autoescape false %} in a workspace HTML template are refused at their line."""
    _hostile_title(ws)
    number = _probe_page(ws, expression, place)
    result = ws.generate("-f", "html")
    try:
        assert_refused(result, names=f"{place}:{number}", says=r"safe|autoescape")
    finally:
        html = ws.out / COMPANY / f"{ROLE}.html"
        assert "<script>alert" not in html.read_text(encoding="utf-8")
    assert_unchanged(before, ws.out)


# --- broken templates ------------------------------------------------------------------------

SYNTAX = {
    "unclosed-if": (FIRST_LINE + "{% if role %}\nx\n", 2, r"add \{% endif %\}"),
    "unclosed-for": (
        FIRST_LINE + "{% for x in role.skills %}\n{{ x }}\n",
        2,
        r"add \{% endfor %\}",
    ),
    "unclosed-expression": (FIRST_LINE + "{{ role.title \n", 2, r"."),
    "unknown-tag": (FIRST_LINE + "{% frobnicate %}\n", 2, r"unknown tag 'frobnicate'"),
    "misspelt-tag": (FIRST_LINE + "{% endfro %}\n", 2, r"unknown tag 'endfro'"),
    "stray-end": (FIRST_LINE + "{% endif %}\n", 2, r"endif"),
    "unknown-filter": (
        FIRST_LINE + "{{ role.title|frobnicate }}\n",
        2,
        r"no filter named 'frobnicate'",
    ),
    "misspelt-filter": (
        FIRST_LINE + "{{ role.tools|join_word }}\n",
        2,
        r"no filter named 'join_word' \(did you mean 'join_words'\?\)",
    ),
    "unknown-test": (FIRST_LINE + "{% if role is frobnicated %}x{% endif %}\n", 2, r"test"),
    "unknown-block": (
        '{% extends "default:posting.md.j2" %}\n{% block benfits %}x{% endblock %}\n',
        2,
        r"block 'benfits' is not a block .*did you mean 'benefits'",
    ),
    "undefined-name": (FIRST_LINE + "{{ comapny.name }}\n", 2, r"did you mean 'company'"),
    "unknown-field": (FIRST_LINE + "{{ role.titel }}\n", 2, r"no field 'titel'"),
    "division-by-zero": (FIRST_LINE + "{{ 1 / 0 }}\n", 2, r"ZeroDivisionError"),
}


@pytest.mark.parametrize("place", [POSTING, ROLE_TEMPLATE, COMPANY_TEMPLATE],
                         ids=["posting", "role", "company"])  # fmt: skip
@pytest.mark.parametrize("broken", list(SYNTAX), ids=list(SYNTAX))
def test_broken_template_is_refused(ws: Workspace, before: dict, broken: str, place: str) -> None:
    text, line, says = SYNTAX[broken]
    write(ws, place, text)
    result = ws.generate()
    assert_refused(result, names=f"{place}:{line}", says=says)
    assert_unchanged(before, ws.out)


NOT_UTF8 = b"{# made in a Latin-1 editor #}\n# {{ role.title }}\ncaf\xe9 \xff\xfe\n"


def test_template_not_utf8_is_refused(ws: Workspace, before: dict) -> None:
    write(ws, POSTING, NOT_UTF8)
    result = ws.generate()
    assert_refused(result, names="posting.md.j2", says="not UTF-8")
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize("included", [False, True], ids=["posting", "included-part"])
def test_template_not_utf8_names_file_and_line(ws: Workspace, before: dict, included: bool) -> None:
    if included:
        write(ws, "templates/part.md.j2", NOT_UTF8)
        write(ws, POSTING, FIRST_LINE + "{% include 'part.md.j2' %}\n")
        named = "templates/part.md.j2:3"
    else:
        write(ws, POSTING, NOT_UTF8)
        named = f"{POSTING}:3"
    result = ws.generate()
    assert_refused(result, names=named, says="UTF-8")
    assert_unchanged(before, ws.out)


def test_included_folder_is_refused(ws: Workspace, before: dict) -> None:
    """`{% include %}` of a folder is no template."""
    (ws.templates / "parts.md.j2").mkdir()
    write(ws, POSTING, FIRST_LINE + "{% include 'parts.md.j2' %}\n")
    result = ws.generate()
    assert_refused(result, names=f"{POSTING}:2", says="parts.md.j2 is a folder")
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize("relative", [POSTING, ROLE_TEMPLATE, PAGE, COMPANY_TEMPLATE],
                         ids=["posting", "role", "page", "company"])  # fmt: skip
def test_template_that_is_a_folder_is_refused(ws: Workspace, before: dict, relative: str) -> None:
    path = ws.root / relative
    if path.exists():
        path.unlink()
    path.mkdir(parents=True)
    result = ws.generate()
    assert_refused(result, names=relative, says="folder")
    assert_unchanged(before, ws.out)


@pytest.mark.parametrize("text", ["", "\n\n  \n", "{# nothing yet #}\n"],
                         ids=["empty", "blank", "comment-only"])  # fmt: skip
def test_empty_template_is_refused(ws: Workspace, before: dict, text: str) -> None:
    write(ws, POSTING, text)
    result = ws.generate()
    assert_refused(result, names=POSTING, says="empty")
    assert_unchanged(before, ws.out)
