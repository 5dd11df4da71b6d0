"""DOCX: a Word document built from the sanitized HTML of the posting's Markdown.

The styles, page set-up, header and footer come from the reference
(`docx_reference.py`); the company's brand and jobgen's pagination fill what its styles
leave unset (`docx_styles.py`). Both are applied once per company (`docx_template.py`);
for each posting `docx_body.py` writes the paragraphs as XML text, this module the
parts that are the posting's own, and `docx_package.py` zips them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..render.local import Local, paper_size
from .docx_body import BodyWriter, attribute, check_xml, text
from .docx_package import Member, member, zip_members
from .docx_template import HYPERLINK, MOMENT, template_for

if TYPE_CHECKING:
    from ..inputs.models import Posting
    from .docx_reference import Reference
    from .docx_template import Template


def render_docx(
    posting: Posting, fragment: str, reference: Reference, local: Local | None = None
) -> bytes:
    """The posting as DOCX bytes; the same inputs always give the same bytes. `local`
    words its title in the posting's language."""
    brand = posting.company.brand
    template = template_for(reference, brand)
    local = local or Local.english(posting.language)
    writer = BodyWriter(template)
    if brand.logo:
        writer.add_logo()
    writer.build(fragment)
    writer.keep_the_end_together()
    paper = paper_size(posting.language) if "" not in template.tails else ""
    own = {
        template.document: template.head + writer.xml() + template.tails[paper],
        template.core: _properties(template, posting, local),
    }
    if writer.new_nums and template.numbering:
        lists = "".join(
            template.num_xml.format(num=num, abstract=abstract) for num, abstract in writer.new_nums
        )
        own[template.numbering] = _member(template, template.numbering).replace(
            template.num_marker, lists
        )
    packed = {
        template.styles: _styles(template, posting.language, local.right_to_left),
        template.document_rels: _relationships(template, writer.new_links),
    }
    members = (
        packed[name]
        if name in packed
        else member(name, own[name].encode("utf-8"))
        if name in own
        else template.packed[name]
        for name in template.members
    )
    return zip_members(members, posting.date)


MAX_RELS_PACKED = 256


def _member(template: Template, name: str) -> str:
    return template.members[name].decode("utf-8")


def _relationships(template: Template, links: list[tuple[str, str]]) -> Member:
    """The document's relationships: the reference's, then the posting's links.
    Compressed once for each set of links (a company's postings share theirs)."""
    key = tuple(links)
    found = template.rels_packed.get(key)
    if found is None:
        xml = _member(template, template.document_rels)
        added = "".join(
            f'<Relationship Id="{rel_id}" Type="{HYPERLINK}" '
            f'Target="{attribute(check_xml(target))}" TargetMode="External"/>'
            for rel_id, target in links
        )
        end = xml.rindex("</Relationships>")
        if len(template.rels_packed) >= MAX_RELS_PACKED:  # a bound on memory
            template.rels_packed.clear()
        data = (xml[:end] + added + xml[end:]).encode("utf-8")
        found = template.rels_packed[key] = member(template.document_rels, data)
    return found


_LANGUAGE = re.compile(r"(\w+:)?val=\"JOBGENMARKlanguage\"")


def _styles(template: Template, language: str, right_to_left: bool) -> Member:
    """The posting's language on Normal, for spelling and hyphenation: it is the text's,
    not the reference's. Compressed once per language."""
    key = f"{language} {right_to_left}"
    found = template.styles_packed.get(key)
    if found is None:
        value = attribute(check_xml(language))

        def fill(marker: re.Match[str]) -> str:
            prefix = marker.group(1) or ""
            bidi = f' {prefix}bidi="{value}"' if right_to_left else ""
            return f'{prefix}val="{value}"{bidi}'

        xml = _LANGUAGE.sub(fill, _member(template, template.styles), count=1)
        found = template.styles_packed[key] = member(template.styles, xml.encode("utf-8"))
    return found


_PROPERTY = re.compile(r"JOBGENMARK(\w+)")


def _property(value: str) -> str:
    """Word's document properties hold at most 255 characters (python-docx refuses more)."""
    return text(check_xml(value if len(value) <= 255 else value[:254] + "…"))


def _properties(template: Template, posting: Posting, local: Local) -> str:
    title = local.pgettext("page title", "%(title)s at %(company)s")
    company = posting.company.name
    values = {
        "title": title % {"title": posting.role.title, "company": company},
        "subject": posting.role.title,
        "author": company,
        "last_modified_by": company,
        "keywords": ", ".join(posting.role.tools),
        "language": posting.language,
    }
    xml = _PROPERTY.sub(lambda m: _property(values[m.group(1)]), _member(template, template.core))
    moment = posting.date.strftime("%Y-%m-%dT00:00:00Z")
    return xml.replace(MOMENT.strftime("%Y-%m-%dT%H:%M:%SZ"), moment)
