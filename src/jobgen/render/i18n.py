"""`{{ _("About %(name)s", name=company.name) }}` and `{% trans %}` in templates.

Jinja's i18n extension parses `{% trans %}`; the functions behind it and `_` are
jobgen's: they take the message from the language of the render (its `local`) and
escape both the message and the values put into it for the file being written, HTML
or Markdown, so a catalog's text, like a profile's, never becomes markup.
"""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup, escape

from .context import escape_markdown, local_of, markdown_markup
from .sandbox import PostingSandbox, is_html_template


def _escaped(context: jinja2.runtime.Context, text: str, variables: dict[str, Any]) -> Markup:
    if is_html_template(context.name):
        return escape(text) % variables if variables else escape(text)
    if not any(isinstance(value, Markup) for value in variables.values()):
        # Escaped once, whole: a value alone would look like a list ("6. Dezember")
        return markdown_markup(text % variables if variables else text)
    values = {
        name: value if isinstance(value, Markup) else escape_markdown(str(value))
        for name, value in variables.items()
    }
    return Markup(escape_markdown(text) % values)


@jinja2.pass_context
def gettext(context: jinja2.runtime.Context, message: str, **variables: Any) -> Markup:
    return _escaped(context, local_of(context).gettext(message), variables)


@jinja2.pass_context
def pgettext(
    context: jinja2.runtime.Context, message_context: str, message: str, **variables: Any
) -> Markup:
    return _escaped(context, local_of(context).pgettext(message_context, message), variables)


@jinja2.pass_context
def ngettext(
    context: jinja2.runtime.Context, singular: str, plural: str, count: int, **variables: Any
) -> Markup:
    """Two forms, as English has (one, other): jobgen's messages avoid plurals, so a
    catalog translates each form as its own message."""
    message = singular if count == 1 else plural
    variables.setdefault("num", count)
    return _escaped(context, local_of(context).gettext(message), variables)


def install(env: jinja2.Environment) -> None:
    """The i18n extension, with jobgen's functions behind it."""
    env.add_extension("jinja2.ext.i18n")
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.globals.update(_=gettext, gettext=gettext, pgettext=pgettext, ngettext=ngettext)
    if isinstance(env, PostingSandbox):  # jobgen's own: Jinja's checks pass them anyway
        env.direct_call(gettext, pgettext, ngettext)
