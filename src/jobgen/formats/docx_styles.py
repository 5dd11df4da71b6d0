"""One rule for the Word styles jobgen uses: what the reference.docx sets wins; the brand
and jobgen fill only what it leaves unset.

The parts filled are the font, the colour, the colour of a rule drawn around a paragraph
(the brand's), keep with next and widow control (jobgen's, so a heading never ends a page
and no line of a paragraph sits alone on one). A part is set when the style, or a style it
is based on, says it: a font by name or as the theme's heading or body font, a colour by
value or from the theme, keep with next or widow control on or off. The document's
defaults do not count (every Word file has them), nor does a part that only repeats them:
LibreOffice writes the default font and the "automatic" colour into Normal on every save,
and Word writes "automatic" on every rule drawn without a colour of its own.

What is unset is filled once, in the most basic style jobgen uses that lacks it (Normal,
for the font and widow control), so the styles based on it inherit it. Only there are the
theme's font attributes cleared: elsewhere a theme font the reference sets stays.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docx.oxml.ns import qn
from docx.styles import BabelFish

from .docx_reference import (
    CHARACTER_STYLES,
    HEADING_STYLES,
    LIST_STYLES,
    PARAGRAPH_STYLES,
    Reference,
    open_reference,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from docx.document import Document

    from ..inputs.company_parts import Brand

HEADINGS = frozenset(HEADING_STYLES.values())  # Title and Heading 1 to 3
SHOWN = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3")
SHOWN += (*(name for pair in LIST_STYLES.values() for name in pair), "Quote", *CHARACTER_STYLES)


@dataclass(frozen=True)
class Part:
    name: str  # in words, as `jobgen templates show` says it
    filler: str  # "brand" or "jobgen"
    styles: frozenset[str]  # the styles jobgen fills it in


FONT = Part("font", "brand", frozenset(PARAGRAPH_STYLES))
COLOUR = Part("colour", "brand", HEADINGS | {"Hyperlink"})
RULE = Part("rule", "brand", HEADINGS)
KEEP = Part("keep with next", "jobgen", HEADINGS)
WIDOWS = Part("widow control", "jobgen", frozenset(PARAGRAPH_STYLES))
PARTS = (FONT, COLOUR, RULE, KEEP, WIDOWS)


@dataclass(frozen=True)
class Choice:
    """Where one part of one style comes from."""

    value: str | None  # in words ("Georgia", "#2F5D3A", "off"); None: the brand's, not known
    source: str  # "reference", "brand", "jobgen" or "default" (nobody sets it)
    via: str | None = None  # the style it is inherited from, if not this one

    def words(self, part: Part) -> str:
        value = f" {self.value}" if self.value else ""
        via = f", from {self.via}" if self.via else ""
        return f"{part.name}{value} ({self.source}{via})"


Settled = dict[str, dict[str, Choice]]  # style name -> part name -> choice


def settle(document: Document, brand: Brand | None, fill: bool = True) -> Settled:
    """Where each part of each style jobgen uses comes from; with `fill`, fill in the
    document's styles what the reference leaves unset (with a brand's values, if given)."""
    styles = _Styles(document)
    values: dict[str, str | None] = {"keep with next": None, "widow control": None}
    if brand is not None:
        values |= {
            "font": brand.font,
            "colour": "#" + brand.color.lstrip("#").upper(),
            "rule": "#" + (brand.accent or brand.color).lstrip("#").upper(),
        }
    settled: Settled = {}
    fills: list[Callable[[], None]] = []  # after every choice: they are made on the reference
    for name in SHOWN:
        if name not in styles.by_name:
            continue
        chain = styles.chain(name)
        settled[name] = {part.name: _choose(styles, part, chain, values, fills) for part in PARTS}
    if fill:
        for action in fills:
            action()
    return settled


def describe_styles(reference: Reference, brand: Brand | None, whose: str = "") -> list[str]:
    """Style by style, who sets each part jobgen may fill: for `jobgen templates show`."""
    if brand is None:
        whose = "every company's own: --company ID shows one"
    else:
        accent = (brand.accent or brand.color).upper()
        values = f"colour {brand.color.upper()}, accent {accent}, font {brand.font}"
        whose = f"{whose}: {values}" if whose else values
    lines = [f"each part a style sets wins; the brand ({whose}) and jobgen fill the rest:"]
    for name, choices in settle(open_reference(reference), brand, fill=False).items():
        said = [c.words(p) for p in PARTS if (c := choices[p.name]).source != "default"]
        lines.append(f"  {name}: {', '.join(said) if said else 'nothing jobgen fills'}")
    return lines


def _choose(
    styles: _Styles, part: Part, chain: list[Any], values: dict[str, str | None], fills: list
) -> Choice:
    """Where `part` of the first style of `chain` comes from; if this style is where jobgen
    fills it, adds the filling to `fills`."""
    if part is RULE:
        return _choose_rule(styles, chain, values, fills)
    for style in chain:
        found = _own(styles, part, style)
        if found is not None:
            return Choice(_value_words(styles, part, found), "reference", styles.via(style, chain))
    target = next((s for s in reversed(chain) if styles.name(s) in part.styles), None)
    if target is None:
        return Choice(None, "default")
    value = values.get(part.name)
    if target is chain[0] and (value or part.filler == "jobgen"):
        fills.append(lambda: _fill(part, target, value))
    return Choice(value, part.filler, styles.via(target, chain))


def _own(styles: _Styles, part: Part, style: Any) -> Any:
    """The element of `style` itself that sets `part`, or None."""
    found = style.find(_PATHS[part.name])
    if found is None:
        return None
    if part is FONT:
        return found if _font(found) not in (None, styles.default_font) else None
    if part is COLOUR:
        return found if _colour(found) != ("auto", None) else None
    return found


def _choose_rule(styles: _Styles, chain: list[Any], values: dict, fills: list) -> Choice:
    """The rule (border) around a paragraph comes from the reference; its colour may not."""
    index, borders = next(
        ((i, found) for i, s in enumerate(chain) if (found := s.find(_BORDERS)) is not None),
        (None, None),
    )
    if borders is None:
        return Choice(None, "default")
    drawn = [b for b in borders if b.get(_VAL) not in ("nil", "none")]
    where = _sides(drawn)
    plain = [b for b in drawn if _colour(b) == ("auto", None)]
    if not plain:
        colour = f" {_colour_words(drawn[0])}" if drawn else ""
        return Choice(f"{where}{colour}", "reference", styles.via(chain[index], chain))
    target = next((s for s in reversed(chain[: index + 1]) if styles.name(s) in RULE.styles), None)
    if target is None:  # a rule in the reference, in Word's automatic colour
        return Choice(f"{where} automatic", "reference", styles.via(chain[index], chain))
    value = values.get(RULE.name)
    if value and target is chain[0]:
        fills.append(lambda: _fill_rule(target, borders, target is chain[index], value))
    return Choice(f"{where} {value}" if value else where, RULE.filler, styles.via(target, chain))


def _fill_rule(style: Any, borders: Any, own: bool, value: str) -> None:
    if not own:  # drawn by a style it is based on: drawn here too, in the accent
        borders = copy.deepcopy(borders)
        style.get_or_add_pPr().insert_element_before(borders, *_AFTER_BORDERS)
    for border in borders:
        if border.get(_VAL) not in ("nil", "none") and _colour(border) == ("auto", None):
            _set_colour(border, value)


def _fill(part: Part, style: Any, value: str | None) -> None:
    if part is FONT:
        fonts = style.get_or_add_rPr().get_or_add_rFonts()
        for theme in ("w:asciiTheme", "w:hAnsiTheme"):  # a theme font would win over ours
            fonts.attrib.pop(qn(theme), None)
        fonts.set(qn("w:ascii"), value)
        fonts.set(qn("w:hAnsi"), value)
    elif part is COLOUR:
        _set_colour(style.get_or_add_rPr().get_or_add_color(), value)
    elif part is KEEP:
        style.get_or_add_pPr().get_or_add_keepNext()
    elif part is WIDOWS:
        style.get_or_add_pPr().get_or_add_widowControl()


def _set_colour(element: Any, value: str | None) -> None:
    for theme in ("w:themeColor", "w:themeShade", "w:themeTint"):  # they would win over ours
        element.attrib.pop(qn(theme), None)
    element.set(qn("w:color" if element.tag != _COLOR else "w:val"), (value or "").lstrip("#"))


class _Styles:
    """A document's styles by id and name, its default fonts, its theme's fonts."""

    def __init__(self, document: Document) -> None:
        root = document.styles.element
        self.document = document
        self.by_id = {s.get(_STYLE_ID): s for s in root.findall(qn("w:style"))}
        self.names = {i: _name(s) for i, s in self.by_id.items()}
        self.by_name = {name: s for i, s in self.by_id.items() if (name := self.names[i])}
        self.default_font = _font(root.find(_DEFAULT_FONTS))
        self._theme: dict[str, str] | None = None

    def name(self, style: Any) -> str:
        return self.names.get(style.get(_STYLE_ID), "")

    def chain(self, name: str) -> list[Any]:
        """The style and those it is based on, nearest first (a loop ends it)."""
        chain = [self.by_name[name]]
        while (based := chain[-1].find(_BASED_ON)) is not None:
            parent = self.by_id.get(based.get(_VAL))
            if parent is None or parent in chain:
                break
            chain.append(parent)
        return chain

    def via(self, style: Any, chain: list[Any]) -> str | None:
        return None if style is chain[0] else self.name(style)

    def theme_font(self, kind: str) -> str | None:
        """The theme's heading ("major") or body ("minor") font for Latin text."""
        if self._theme is None:
            self._theme = _theme_fonts(self.document)
        return self._theme.get(kind)


def _theme_fonts(document: Document) -> dict[str, str]:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.parser import parse_xml

    try:
        theme = parse_xml(document.part.part_related_by(RELATIONSHIP_TYPE.THEME).blob)
    except (KeyError, ValueError, SyntaxError):  # no theme, or not one python-docx reads
        return {}
    found = {}
    for kind in ("major", "minor"):
        latin = theme.find(f".//{{{_DRAWING}}}{kind}Font/{{{_DRAWING}}}latin")
        if latin is not None and latin.get("typeface"):
            found[kind] = latin.get("typeface")
    return found


def _name(style: Any) -> str:
    """A style's name as Word shows it ("Heading 1", where the file says "heading 1")."""
    name = style.find(qn("w:name"))
    return BabelFish.internal2ui(name.get(_VAL)) if name is not None else ""


def _font(fonts: Any) -> tuple[str, str] | None:
    """The Latin font of a `w:rFonts`: ("theme", "majorHAnsi") or ("name", "Georgia")."""
    if fonts is None:
        return None
    for kind, attributes in _FONT_ATTRIBUTES:
        for attribute in attributes:
            if value := fonts.get(attribute):
                return kind, value
    return None


def _colour(element: Any) -> tuple[str, str | None]:
    """A `w:color` or a border's colour: (value, theme colour), ("auto", None) if none."""
    value = element.get(_VAL if element.tag == _COLOR else _BORDER_COLOUR) or "auto"
    return value.upper() if value != "auto" else value, element.get(_THEME_COLOUR)


def _value_words(styles: _Styles, part: Part, element: Any) -> str | None:
    if part is FONT:
        kind, font = _font(element) or ("name", "")
        if kind == "name":
            return font
        which = "major" if font.startswith("major") else "minor"
        words = f"the theme's {'heading' if which == 'major' else 'body'} font"
        name = styles.theme_font(which)
        return f"{name}, {words}" if name else words
    if part is COLOUR:
        return _colour_words(element)
    on = element.get(qn("w:val"), "true") not in ("0", "false", "off")
    return None if on else "off"


def _colour_words(element: Any) -> str:
    value, theme = _colour(element)
    shown = "automatic" if value == "auto" else f"#{value}"
    return f"{shown}, the theme's {theme}" if theme else shown


def _sides(borders: list[Any]) -> str:
    sides = {b.tag.rsplit("}", 1)[1] for b in borders}
    if not sides:
        return "none"
    if sides <= {"top", "bottom"}:
        return "below" if sides == {"bottom"} else "above" if sides == {"top"} else "above, below"
    return "around"


_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
_RPR, _PPR, _COLOR = qn("w:rPr"), qn("w:pPr"), qn("w:color")
_BORDERS = f"{_PPR}/{qn('w:pBdr')}"
_DEFAULT_FONTS = "/".join(map(qn, ("w:docDefaults", "w:rPrDefault", "w:rPr", "w:rFonts")))
_THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme")
_FONT_ATTRIBUTES = (
    ("theme", tuple(map(qn, _THEME_FONTS))),
    ("name", (qn("w:ascii"), qn("w:hAnsi"))),
)
_PATHS = {
    FONT.name: f"{_RPR}/{qn('w:rFonts')}",
    COLOUR.name: f"{_RPR}/{_COLOR}",
    KEEP.name: f"{_PPR}/{qn('w:keepNext')}",
    WIDOWS.name: f"{_PPR}/{qn('w:widowControl')}",
}
_STYLE_ID, _BASED_ON, _VAL = qn("w:styleId"), qn("w:basedOn"), qn("w:val")
_BORDER_COLOUR, _THEME_COLOUR = qn("w:color"), qn("w:themeColor")
# what follows w:pBdr in a w:pPr, in the order the schema requires
_AFTER_BORDERS = (
    *("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct"),
    *("w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd"),
    *("w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents"),
    *("w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap"),
    *("w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
)
