"""House style: template layers (company > workspace > built-in), block overrides,
role-specific templates, custom.css, brand logo, and template errors a recruiter can fix."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx_reader import font, theme_fonts
from images import png_bytes, write_png

from jobgen.errors import InputError, TemplateProblem
from jobgen.formats.docx_reference import load_reference
from jobgen.inputs.catalog import Catalog
from jobgen.inputs.tailor import make_posting
from jobgen.inputs.workspace import find_workspace
from jobgen.publish.check import check_workspace
from jobgen.publish.pipeline import Generator, Rendered

DATE = dt.date(2026, 11, 25)
ROOT = Path(__file__).resolve().parents[2]
BENEFITS_OVERRIDE = (
    '{% extends "default:posting.md.j2" %}\n'
    "{% block benefits %}\n## Perks at {{ company.name }}\n\n- A {{ role.title }} perk\n\n"
    "{% endblock %}\n"
)


def make_workspace(root: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """A workspace of the three sample profiles and `files` (paths relative to it)
    over the built-in roles and templates."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "jobgen.yaml").write_text("")
    shutil.copytree(ROOT / "company_profiles", root / "company_profiles", dirs_exist_ok=True)
    for name, content in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def render(root: Path, role: str, company: str, formats=("md", "html", "docx")) -> Rendered:
    workspace = find_workspace(root)
    config, roles, companies = Catalog(workspace).load([role], [company])
    posting = make_posting(config, roles[role], companies[company], DATE)
    return Generator(workspace).render(posting, formats)


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("## ")]


def copy_profile(root: Path, company: str, edit: tuple[str, str] | None = None) -> Path:
    source = ROOT / "company_profiles" / f"{company}.yaml"
    text = source.read_text(encoding="utf-8")
    if edit:
        assert edit[0] in text
        text = text.replace(*edit)
    target = root / "company_profiles" / f"{company}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


# --- Layers -----------------------------------------------------------------------------


def test_one_block_override_reaches_markdown_html_and_docx(tmp_path):
    root = make_workspace(tmp_path / "ws", {"templates/posting.md.j2": BENEFITS_OVERRIDE})
    result = render(root, "mlops-engineer", "furrowlight")
    assert "## Perks at Furrowlight" in headings(result.markdown)
    assert "## Benefits" not in headings(result.markdown)
    assert "## What you will do" in headings(result.markdown)  # the rest is the built-in's
    assert "<h2>Perks at Furrowlight</h2>" in result.files["html"].decode()
    assert "A MLOps Engineer perk" in result.files["html"].decode()
    text = docx_text(result.files["docx"])
    assert "Perks at Furrowlight" in text and "A MLOps Engineer perk" in text


def test_company_layer_wins_over_workspace_and_builtin(tmp_path):
    company_override = BENEFITS_OVERRIDE.replace("Perks at", "Company perks at")
    root = make_workspace(
        tmp_path / "ws",
        {
            "templates/posting.md.j2": BENEFITS_OVERRIDE,
            "company_profiles/furrowlight/templates/posting.md.j2": company_override,
        },
    )
    assert (
        "## Company perks at Furrowlight" in render(root, "ai-ml-engineer", "furrowlight").markdown
    )
    # another company sees the workspace layer only
    assert "## Perks at Brindle Ledger" in render(root, "ai-ml-engineer", "brindle-ledger").markdown


def test_company_layer_can_extend_the_workspace_template(tmp_path):
    company_override = (
        '{% extends "workspace:posting.md.j2" %}\n'
        "{% block equal_opportunity %}\n## Our promise\n\n{{ company.equal_opportunity }}\n"
        "{% endblock %}\n"
    )
    root = make_workspace(
        tmp_path / "ws",
        {
            "templates/posting.md.j2": BENEFITS_OVERRIDE,
            "company_profiles/furrowlight/templates/posting.md.j2": company_override,
        },
    )
    found = headings(render(root, "ai-ml-engineer", "furrowlight", ["md"]).markdown)
    assert "## Perks at Furrowlight" in found  # the workspace's block
    assert "## Our promise" in found and "## Equal opportunity" not in found  # the company's


def test_profile_can_name_its_template_folder(tmp_path):
    root = make_workspace(tmp_path / "ws", {"house/furrowlight/posting.md.j2": BENEFITS_OVERRIDE})
    copy_profile(
        root,
        "furrowlight",
        ("name: Furrowlight\n", "name: Furrowlight\ntemplates: ../house/furrowlight\n"),
    )
    assert (
        "## Perks at Furrowlight" in render(root, "ai-ml-engineer", "furrowlight", ["md"]).markdown
    )


def test_missing_template_folder_is_reported_with_its_line(tmp_path):
    root = make_workspace(tmp_path / "ws")
    profile = copy_profile(
        root, "furrowlight", ("name: Furrowlight\n", "name: Furrowlight\ntemplates: nowhere\n")
    )
    with pytest.raises(InputError) as caught:
        Catalog(find_workspace(root)).load([], ["furrowlight"])
    assert f"{profile.name}:4:12: templates: no folder 'nowhere' in this file's folder" in str(
        caught.value
    )


def test_role_specific_template_wins_for_that_role_only(tmp_path):
    role_override = (
        '{% extends "posting.md.j2" %}\n'
        "{% block skills %}\n## What you bring to MLOps\n\n- Pipelines\n\n{% endblock %}\n"
    )
    root = make_workspace(
        tmp_path / "ws",
        {
            "templates/posting.md.j2": BENEFITS_OVERRIDE,
            "templates/roles/mlops-engineer.md.j2": role_override,
        },
    )
    mlops = headings(render(root, "mlops-engineer", "furrowlight", ["md"]).markdown)
    assert "## What you bring to MLOps" in mlops
    assert "## Perks at Furrowlight" in mlops  # it extends the workspace's posting.md.j2
    other = headings(render(root, "ai-ml-engineer", "furrowlight", ["md"]).markdown)
    assert "## What you bring" in other and "## What you bring to MLOps" not in other


@pytest.mark.parametrize(
    ("name", "parent", "layer", "advice"),
    [
        ("templates/posting.md.j2", "posting.md.j2", "workspace", "'default:posting.md.j2'"),
        ("templates/posting.md.j2", "workspace:posting.md.j2", "workspace",
         "'default:posting.md.j2'"),
        ("company_profiles/furrowlight/templates/posting.md.j2", "posting.md.j2",
         "company furrowlight", "'workspace:posting.md.j2'"),
    ],
)  # fmt: skip
def test_a_template_that_extends_itself_is_explained(tmp_path, name, parent, layer, advice):
    root = make_workspace(
        tmp_path / "ws",
        {name: f'{{% extends "{parent}" %}}\n{{% block title %}}{{% endblock %}}\n'},
    )
    for run in (lambda: render(root, "ai-ml-engineer", "furrowlight", ["md"]),
                lambda: check_workspace(find_workspace(root))):  # fmt: skip
        with pytest.raises((TemplateProblem, InputError)) as caught:
            run()
        message = str(caught.value)
        assert f"posting.md.j2:1 ({layer} template): {parent!r} is this file itself" in message
        assert f"extend {advice}" in message
        assert "Recursion" not in message


def test_templates_that_extend_each_other_in_a_loop(tmp_path):
    root = make_workspace(
        tmp_path / "ws",
        {
            "templates/posting.md.j2": '{% extends "a.md.j2" %}\n',
            "templates/a.md.j2": '{% extends "posting.md.j2" %}\n',
        },
    )
    with pytest.raises(TemplateProblem) as caught:
        render(root, "ai-ml-engineer", "furrowlight", ["md"])
    assert (
        "a.md.j2:1 (workspace template): these templates extend each other in a loop: "
        "posting.md.j2 -> a.md.j2 -> posting.md.j2" in str(caught.value)
    )


def test_a_company_template_over_a_broken_workspace_one_names_the_broken_file(tmp_path):
    root = make_workspace(
        tmp_path / "ws",
        {
            "templates/posting.md.j2": '{% extends "posting.md.j2" %}\n',
            "company_profiles/furrowlight/templates/posting.md.j2": (
                '{% extends "workspace:posting.md.j2" %}\n{% block footer %}x{% endblock %}\n'
            ),
        },
    )
    with pytest.raises(TemplateProblem) as caught:
        render(root, "ai-ml-engineer", "furrowlight", ["md"])
    # in the company's search path, the workspace file's parent is the company file again
    assert (
        "ws/templates/posting.md.j2:1 (workspace template): these templates extend each other "
        "in a loop: posting.md.j2 -> workspace:posting.md.j2 -> posting.md.j2"
    ) in str(caught.value)


# --- Stylesheets and Word styles --------------------------------------------------------


def test_custom_css_adds_to_the_style_of_each_layer_in_order(tmp_path):
    root = make_workspace(
        tmp_path / "ws",
        {
            "templates/custom.css": "h2 { letter-spacing: 0.01em; } /* workspace */\n",
            "company_profiles/furrowlight/templates/custom.css": "h2{color:red}/* company */\n",
        },
    )
    page = render(root, "ai-ml-engineer", "furrowlight", ["html"]).files["html"].decode()
    builtin_rule = page.index(".posting h2 {")
    assert builtin_rule < page.index("/* workspace */") < page.index("/* company */")
    other = render(root, "ai-ml-engineer", "brindle-ledger", ["html"]).files["html"].decode()
    assert "/* workspace */" in other and "/* company */" not in other


def test_style_css_replaces_the_builtin(tmp_path):
    root = make_workspace(tmp_path / "ws", {"templates/style.css": "body { margin: 3rem; }\n"})
    page = render(root, "ai-ml-engineer", "furrowlight", ["html"]).files["html"].decode()
    assert "body { margin: 3rem; }" in page and ".posting h2 {" not in page


def test_css_that_loads_from_the_network_is_a_warning(tmp_path):
    css = (
        '@import url("https://fonts.example/a.css");\n'
        "h1 { background: url(data:image/png;base64,AA); }\n"
        "h2 { background: url(/img/x.png); }\n"
    )
    root = make_workspace(tmp_path / "ws", {"templates/custom.css": css})
    warnings = render(root, "ai-ml-engineer", "furrowlight", ["html"]).warnings
    css_warnings = [w for w in warnings if "custom.css" in w]
    assert len(css_warnings) == 2, css_warnings  # the data: URL is fine
    assert "custom.css:1: @import" in css_warnings[0] and "not self-contained" in css_warnings[0]
    assert "custom.css:3: url(/img/x.png)" in css_warnings[1]


def test_company_reference_docx_wins_for_that_company(tmp_path, generator):
    base = docx.Document(io.BytesIO(load_reference(generator.renderer).data))
    base.styles["Normal"].font.size = docx.shared.Pt(14)
    folder = tmp_path / "ws" / "company_profiles" / "brindle-ledger" / "templates"
    folder.mkdir(parents=True)
    base.save(folder / "reference.docx")
    root = make_workspace(tmp_path / "ws")
    mine = docx.Document(io.BytesIO(render(root, "ai-ml-engineer", "brindle-ledger").files["docx"]))
    assert mine.styles["Normal"].font.size == docx.shared.Pt(14)
    other = docx.Document(io.BytesIO(render(root, "ai-ml-engineer", "furrowlight").files["docx"]))
    assert other.styles["Normal"].font.size != docx.shared.Pt(14)


def test_reference_docx_header_and_page_setup_are_kept(tmp_path, generator):
    base = docx.Document(io.BytesIO(load_reference(generator.renderer).data))
    section = base.sections[0]
    section.page_width, section.page_height = docx.shared.Mm(210), docx.shared.Mm(297)  # A4
    section.header.paragraphs[0].text = "Brindle Ledger · Careers"
    folder = tmp_path / "ws" / "templates"
    folder.mkdir(parents=True)
    base.save(folder / "reference.docx")
    root = make_workspace(tmp_path / "ws")
    document = docx.Document(
        io.BytesIO(render(root, "ai-ml-engineer", "brindle-ledger").files["docx"])
    )
    assert abs(document.sections[0].page_width - docx.shared.Mm(210)) < docx.shared.Mm(0.1)
    assert document.sections[0].header.paragraphs[0].text == "Brindle Ledger · Careers"


def test_brand_colour_reaches_css_and_docx_headings(tmp_path):
    root = make_workspace(tmp_path / "ws")
    copy_profile(root, "furrowlight", ('color: "#2F5D3A"', 'color: "#7A1F5C"'))
    result = render(root, "ai-ml-engineer", "furrowlight")
    assert "--brand: #7A1F5C;" in result.files["html"].decode()
    document = docx.Document(io.BytesIO(result.files["docx"]))
    heading = next(p for p in document.paragraphs if p.style.name == "Heading 1")
    assert str(heading.style.font.color.rgb) == "7A1F5C"


# --- Logo -------------------------------------------------------------------------------


class Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append(dict(attrs))


def test_logo_is_inlined_in_the_page_and_placed_in_the_docx(tmp_path):
    root = make_workspace(tmp_path / "ws")
    write_png(root / "company_profiles" / "furrowlight" / "logo.png", 40, 20)
    copy_profile(
        root,
        "furrowlight",
        ("  font: Source Sans 3\n", "  font: Source Sans 3\n  logo: furrowlight/logo.png\n"),
    )
    result = render(root, "ai-ml-engineer", "furrowlight")
    parser = Images()
    parser.feed(result.files["html"].decode())
    assert len(parser.images) == 1
    assert parser.images[0]["src"].startswith("data:image/png;base64,iVBORw0KGgo")
    assert parser.images[0]["alt"] == "Furrowlight logo"
    document = docx.Document(io.BytesIO(result.files["docx"]))
    assert len(document.inline_shapes) == 1
    assert document.inline_shapes[0].height == docx.shared.Inches(0.5)
    assert document.paragraphs[1].style.name == "Title"  # the logo sits above the title
    assert result.files["docx"] == render(root, "ai-ml-engineer", "furrowlight").files["docx"]


@pytest.mark.parametrize(
    ("value", "content", "expected"),
    [
        (
            "logo.jpg",
            b"not an image",
            "'logo.jpg' is not a PNG, JPEG or GIF image (by its contents)",
        ),
        ("missing.png", None, "no file 'missing.png' in this file's folder"),
        ("logo.png", None, "no file 'logo.png' in this file's folder"),
        (
            "mark.png",
            None,
            "no file 'mark.png' in this file's folder (did you mean 'furrowlight/mark.png'?)",
        ),
        ("../../outside.png", png_bytes(), "'../../outside.png' is outside the workspace"),
        ("/etc/logo.png", None, "expected a path relative to this file's folder"),
        ("big.png", b"\x89PNG\r\n\x1a\n" + b"0" * 1_000_001, "'big.png' has 1,000,009 bytes"),
    ],
)
def test_bad_logo_is_reported_with_file_and_line(tmp_path, value, content, expected):
    root = make_workspace(tmp_path / "ws")
    (root / "company_profiles" / "furrowlight").mkdir(parents=True, exist_ok=True)
    (root / "company_profiles" / "furrowlight" / "mark.png").write_bytes(png_bytes())
    if content is not None:
        target = (root / "company_profiles" / value).resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    profile = copy_profile(
        root,
        "furrowlight",
        ("  font: Source Sans 3\n", f"  font: Source Sans 3\n  logo: {value}\n"),
    )
    line = profile.read_text().splitlines().index(f"  logo: {value}") + 1
    with pytest.raises(InputError) as caught:
        Catalog(find_workspace(root)).load([], ["furrowlight"])
    assert f"furrowlight.yaml:{line}:9: brand.logo: {expected}" in str(caught.value)


# --- Errors a recruiter can fix ---------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "line", "expected"),
    [
        ("# {{ role.title }}\n{% if role.title %}\nno end\n", 2,
         "this {% if role.title %} is never closed: add {% endif %} where it ends"),
        ('{% extends "default:posting.md.j2" %}\n{% block benefit %}x{% endblock %}\n', 2,
         "block 'benefit' is not a block of 'default:posting.md.j2', so it would never show "
         "(did you mean 'benefits'?)"),
        ("# {{ role.title }}\n\n{{ pay[0] | pay_rnage }}\n", 3,
         "no filter named 'pay_rnage' (did you mean 'pay_range'?)"),
        ("# {{ role.title }}\n\n{{ comapny.name }}\n", 3,
         "'comapny' is undefined (did you mean 'company'?)"),
        ("# x\n{% for item in role.skills %}\n- {{ itme }}\n{% endfor %}\n", 3,
         "'itme' is undefined (did you mean 'item'?)"),
        ('{% extends "default:posting.md.j2" %}\n{% block pay %}{{ pay }}{% endblok %}\n', 2,
         "unknown tag 'endblok' (did you mean 'endblock'?); the {% block pay %} of line 2 is "
         "still open"),
        ("# x\n{% block benefits %}\n{% for b in company.benefits %}\n- {{ b }}\n"
         "{% endblock %}\n", 5,
         "{% endblock %} comes while the {% for b in company.benefits %} of line 3 is still "
         "open: add {% endfor %} where that part ends, before this line"),
        ("# x\n{% for b in company.benefits %\n- {{ b }}\n{% endfor %}\n", 2,
         "this tag is not closed with %}: '{% for b in company.benefits %'; end it with %}"),
        ("# x\n{% if pay %}\n{{ pay | join_word }}\n{% endif %}\n", 3,
         "no filter named 'join_word' (did you mean 'join_words'?)"),
        ("# x\n{% for item in pay %}{% endfor %}\n{{ item }}\n", 3,
         "'item' is undefined: 'item' exists only inside the {% for %} or block that sets it"),
        ("# {{ role.title }}\n{{ company.nmae }}\n", 2,
         "company has no field 'nmae' (did you mean 'name'?)"),
    ],
)  # fmt: skip
def test_template_errors_name_file_layer_line_and_text(tmp_path, template, line, expected):
    root = make_workspace(
        tmp_path / "ws", {"company_profiles/furrowlight/templates/posting.md.j2": template}
    )
    with pytest.raises(TemplateProblem) as caught:
        render(root, "ai-ml-engineer", "furrowlight", ["md"])
    message = str(caught.value)
    where = f"furrowlight/templates/posting.md.j2:{line} (company furrowlight template): "
    assert where + expected in message
    source_line = template.splitlines()[line - 1].strip()
    assert message.endswith(f"\n    {source_line}")


def test_check_compiles_every_layer_and_reports_all_problems(tmp_path):
    root = make_workspace(
        tmp_path / "ws",
        {
            "templates/partials/broken.md.j2": "{% for x in %}\n",
            "templates/posting.md.j2": (
                '{% extends "default:posting.md.j2" %}\n{% block benefit %}{% endblock %}\n'
            ),
            "company_profiles/brindle-ledger/templates/page.html.j2": "{{ title | upperr }}\n",
        },
    )
    with pytest.raises(InputError) as caught:
        check_workspace(find_workspace(root))
    lines = str(caught.value).splitlines()
    assert lines[0] == "3 problems to fix:"
    text = "\n".join(lines)
    assert "partials/broken.md.j2:1 (workspace template)" in text
    assert "posting.md.j2:2 (workspace template): block 'benefit'" in text
    assert (
        "page.html.j2:1 (company brindle-ledger template): "
        "no filter named 'upperr' (did you mean 'upper'?)" in text
    )


def test_check_passes_a_workspace_with_company_and_role_layers(tmp_path):
    root = make_workspace(
        tmp_path / "ws",
        {
            "templates/posting.md.j2": BENEFITS_OVERRIDE,
            "templates/roles/mlops-engineer.md.j2": '{% extends "posting.md.j2" %}\n',
            "company_profiles/furrowlight/templates/custom.css": "h1 { color: red; }\n",
        },
    )
    report = check_workspace(find_workspace(root))
    assert report.summary.startswith("ok: 10 roles, 3 companies, 3 stages, ")
    # 6 built-in, 1 of the sample Carrowmere Health's own layer, 2 of this workspace
    assert re.search(r"(\d+) templates", report.summary).group(1) == "9"


def test_accent_colours_the_rules_of_the_reference_and_brand_the_links(tmp_path):
    root = make_workspace(tmp_path / "ws")
    copy_profile(root, "furrowlight", ('accent: "#E0A526"', 'accent: "#12AB34"'))
    document = docx.Document(
        io.BytesIO(render(root, "ai-ml-engineer", "furrowlight").files["docx"])
    )
    title = document.styles["Title"].element
    borders = title.findall(f"{qn('w:pPr')}/{qn('w:pBdr')}/*")
    assert borders and all(b.get(qn("w:color")) == "12AB34" for b in borders)
    assert all(b.get(qn("w:themeColor")) is None for b in borders)
    assert str(document.styles["Hyperlink"].font.color.rgb) == "2F5D3A"  # the brand colour


def test_imports_in_custom_css_go_first_where_a_browser_reads_them(tmp_path):
    css = '.posting h2 { color: red; }\n@import url("data:text/css,.posting%20p%7Bcolor:red%7D");\n'
    root = make_workspace(tmp_path / "ws", {"templates/custom.css": css})
    result = render(root, "ai-ml-engineer", "furrowlight", ["html"])
    style = result.files["html"].decode().split("<style>\n", 1)[1]
    assert style.startswith('@import url("data:text/css,')  # before every rule, :root too
    assert style.count("@import") == 1
    assert not [w for w in result.warnings if "custom.css" in w]  # a data: URL is inline


def test_what_a_reference_docx_changes_is_kept_and_the_rest_takes_the_brand(tmp_path, generator):
    base = docx.Document(io.BytesIO(load_reference(generator.renderer).data))
    base.styles["Heading 1"].font.color.rgb = docx.shared.RGBColor(0x00, 0x80, 0x00)
    base.styles["Title"].font.name = "Georgia"
    folder = tmp_path / "ws" / "templates"
    folder.mkdir(parents=True)
    base.save(folder / "reference.docx")
    root = make_workspace(tmp_path / "ws")
    styles = docx.Document(
        io.BytesIO(render(root, "ai-ml-engineer", "furrowlight").files["docx"])
    ).styles
    assert str(styles["Heading 1"].font.color.rgb) == "008000"  # set in the reference: kept
    assert str(styles["Heading 2"].font.color.rgb) == "2F5D3A"  # left alone: the brand's
    assert styles["Title"].font.name == "Georgia"
    assert font(styles["Heading 1"]) == "Source Sans 3"


def test_the_brand_font_is_not_hidden_behind_a_theme_font(tmp_path):
    root = make_workspace(tmp_path / "ws")
    document = docx.Document(
        io.BytesIO(render(root, "ai-ml-engineer", "furrowlight").files["docx"])
    )
    for name in ("Title", "Heading 1", "Normal"):
        assert font(document.styles[name]) == "Source Sans 3"
        assert theme_fonts(document.styles[name]) == [], name


def test_a_wide_logo_fits_the_page_and_the_word_margins(tmp_path):
    root = make_workspace(tmp_path / "ws")
    write_png(root / "company_profiles" / "furrowlight" / "wide.png", 4000, 100)
    copy_profile(
        root,
        "furrowlight",
        ("  font: Source Sans 3\n", "  font: Source Sans 3\n  logo: furrowlight/wide.png\n"),
    )
    result = render(root, "ai-ml-engineer", "furrowlight")
    assert "max-width: 12rem" in result.files["html"].decode()
    [shape] = docx.Document(io.BytesIO(result.files["docx"])).inline_shapes
    assert shape.width == docx.shared.Inches(2.5) and shape.height < docx.shared.Inches(0.1)


def test_check_warns_about_template_files_jobgen_never_reads(tmp_path):
    root = make_workspace(
        tmp_path / "ws",
        {
            "templates/custon.css": "h1 { color: red; }\n",
            "templates/Posting.md.j2": "# {{ role.title }}\n",
            "templates/roles/mlops-enginer.md.j2": '{% extends "posting.md.j2" %}\n',
            "templates/roles/mlops-engineer.md.j2": '{% include "partials/extra.md.j2" %}\n',
            "templates/partials/extra.md.j2": "{{ role.title }}\n",  # included: used
        },
    )
    warnings = check_workspace(find_workspace(root)).warnings
    unused = sorted(w for w in warnings if "never used" in w or "does not read" in w)
    assert len(unused) == 3, unused
    assert unused[0].endswith("Posting.md.j2: jobgen does not read this file and no template "
                              "includes it (did you mean 'posting.md.j2'?)")  # fmt: skip
    assert unused[1].endswith("custon.css: jobgen does not read this file and no template "
                              "includes it (did you mean 'custom.css'?)")  # fmt: skip
    assert unused[2].endswith("roles/mlops-enginer.md.j2: no role 'mlops-enginer' "
                              "(did you mean 'mlops-engineer'?), so it is never used")  # fmt: skip
