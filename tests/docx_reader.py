"""Reading a Word file's styles back as Word shows them: a style's part is its own, or
that of the style it is based on, and so on up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.oxml.ns import qn


def effective(style: Any, read: Callable[[Any], Any]) -> Any:
    """The first value `read` finds in the style or the styles it is based on (None if
    none of them has one)."""
    while style is not None:
        value = read(style)
        if value is not None:
            return value
        style = style.base_style
    return None


def font(style: Any) -> str | None:
    return effective(style, lambda s: s.font.name)


def colour(style: Any) -> str | None:
    found = effective(style, lambda s: s.font.color.rgb if s.font.color.type else None)
    return None if found is None else str(found)


def keeps_with_next(style: Any) -> bool | None:
    return effective(style, lambda s: s.paragraph_format.keep_with_next)


def widow_control(style: Any) -> bool | None:
    return effective(style, lambda s: s.paragraph_format.widow_control)


def theme_fonts(style: Any) -> list[str]:
    """The theme attributes of the rFonts of a style and those it is based on."""
    found = []
    while style is not None:
        fonts = style.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None:
            found += [a for a in ("w:asciiTheme", "w:hAnsiTheme") if fonts.get(qn(a))]
        style = style.base_style
    return found


def rule_colours(style: Any) -> list[str | None]:
    """The colours of the borders drawn around the style's paragraphs."""
    while style is not None:
        borders = style.element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}")
        if borders is not None:
            return [border.get(qn("w:color")) for border in borders]
        style = style.base_style
    return []
