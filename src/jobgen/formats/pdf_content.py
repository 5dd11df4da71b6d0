"""The posting's sanitized HTML as plain data for the Typst template of `pdf.py`.

Typst never sees the posting as markup: every word reaches the template as a
string in a JSON tree, which Typst sets as text, so `#`, `*`, `$` or
`#read("/etc/passwd")` in a profile stay characters. The tree (`blocks`):

- blocks: `heading` (level, body), `paragraph` (body), `list` (numbered, start,
  items: each a list of blocks), `quote` (body: blocks), `code` (text), `rule`;
- inlines (each `body` above): `text` (text), `strong` / `emph` (body), `code`
  (text), `link` (url, body), `break`.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

WHITESPACE = re.compile(r"\s+")
INLINE = {"strong": "strong", "b": "strong", "em": "emph", "i": "emph"}
BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "blockquote", "pre", "hr"}
LINK_SCHEMES = ("http://", "https://", "mailto:")  # as the sanitizer lets through

Node = dict[str, Any]


class _Element:
    __slots__ = ("attrs", "children", "tag")

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Element | str] = []


class _TreeBuilder(HTMLParser):
    """The fragment as a tree of elements and strings (nh3 closed every tag)."""

    VOID = frozenset({"br", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def blocks(fragment: str) -> list[Node]:
    """The blocks of a sanitized HTML fragment (`html.safe_fragment`)."""
    builder = _TreeBuilder()
    builder.feed(fragment)
    builder.close()
    return _blocks(builder.root.children)


def _blocks(children: list[_Element | str]) -> list[Node]:
    found: list[Node] = []
    loose: list[_Element | str] = []  # inline content outside a block: a tight list item

    def flush() -> None:
        body = _trim(_inlines(loose))
        if body:
            found.append({"kind": "paragraph", "body": body})
        loose.clear()

    for child in children:
        if isinstance(child, str) or child.tag not in BLOCK_TAGS:
            loose.append(child)
            continue
        flush()
        found.extend(_block(child))
    flush()
    return found


def _block(element: _Element) -> list[Node]:
    tag = element.tag
    if tag[0] == "h" and tag[1:].isdigit():
        return [
            {"kind": "heading", "level": int(tag[1:]), "body": _trim(_inlines(element.children))}
        ]
    if tag == "p":
        body = _trim(_inlines(element.children))
        return [{"kind": "paragraph", "body": body}] if body else []
    if tag in ("ul", "ol"):
        items = [_blocks(c.children) for c in element.children if isinstance(c, _Element)]
        start = element.attrs.get("start", "1")
        return [
            {
                "kind": "list",
                "numbered": tag == "ol",
                "start": int(start) if start.isdigit() else 1,
                "items": items,
            }
        ]
    if tag == "blockquote":
        return [{"kind": "quote", "body": _blocks(element.children)}]
    if tag == "pre":
        return [{"kind": "code", "text": _text(element).rstrip("\n")}]
    if tag == "hr":
        return [{"kind": "rule"}]
    return _blocks(element.children)  # an <li> met outside a list: its content


def _inlines(children: list[_Element | str]) -> list[Node]:
    found: list[Node] = []
    for child in children:
        if isinstance(child, str):
            text = WHITESPACE.sub(" ", child)
            if text:
                found.append({"kind": "text", "text": text})
        elif child.tag in INLINE:
            found.append({"kind": INLINE[child.tag], "body": _inlines(child.children)})
        elif child.tag == "code":
            found.append({"kind": "code", "text": _text(child)})
        elif child.tag == "a":
            url = child.attrs.get("href", "")
            body = _inlines(child.children)
            if url.startswith(LINK_SCHEMES):
                found.append({"kind": "link", "url": url, "body": body})
            else:
                found.extend(body)
        elif child.tag == "br":
            found.append({"kind": "break"})
        else:
            found.extend(_inlines(child.children))
    return found


def _trim(body: list[Node]) -> list[Node]:
    """No space at the start or end of a paragraph, as a browser shows it."""
    while body and body[0]["kind"] == "text" and not body[0]["text"].strip():
        body = body[1:]
    while body and body[-1]["kind"] == "text" and not body[-1]["text"].strip():
        body = body[:-1]
    if body and body[0]["kind"] == "text":
        body[0] = {"kind": "text", "text": body[0]["text"].lstrip()}
    if body and body[-1]["kind"] == "text":
        body[-1] = {"kind": "text", "text": body[-1]["text"].rstrip()}
    return body


def _text(element: _Element) -> str:
    return "".join(c if isinstance(c, str) else _text(c) for c in element.children)
