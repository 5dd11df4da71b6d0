"""What jobgen writes itself (headings, labels, words), in the posting's language.

Messages are gettext catalogs: `messages/<language>.po` in each template folder (the
company's, the workspace's, the built-in one), the most specific first, and in each
folder the exact tag (`de-AT.po`) before the language alone (`de.po`). A workspace
adds a language or changes any message with a catalog of its own; `jobgen templates
messages` says which file each message comes from.

The message ids are jobgen's English (US). An English posting uses a message as it is
when no catalog changes it; a posting in another language needs every message
translated, and a missing one is an error naming the catalog and the message, never a
posting in two languages. Parsed catalogs are cached by their content (Babel's PO
reader costs ~25 ms to import; a cached catalog loads in well under one).
"""

from __future__ import annotations

import json
import os
import re
import zlib
from dataclasses import field
from pathlib import Path

from ..errors import InputError, Problem, display_path
from ..fast_dataclass import dataclass
from ..limits import MAX_TEMPLATE_BYTES
from ..version import __version__

FOLDER = "messages"  # in each template folder: messages/de-DE.po
TEMPLATE = "jobgen.pot"  # every message jobgen's own templates and code use
SOURCE_LANGUAGE = "en-US"

Key = tuple[str, str]  # (context, message id); "" for no context
# Text a workspace writes itself in jobgen.yaml (its own levels and stages): a catalog may
# translate it; else it shows as written, in the language the workspace wrote it in.
WRITTEN_BY_YOU = ("level", "stage")


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; it is translated where used."""
    return message


def primary(language: str) -> str:
    """`de` of `de-DE`, lowercase."""
    return language.split("-")[0].lower()


def same_language(one: str, other: str) -> bool:
    return primary(one) == primary(other)


def catalog_names(language: str, folder: Path | None = None) -> list[str]:
    """`["de-AT.po", "de.po", "de-DE.po"]`: the exact tag first, then the language alone,
    then (in `folder`) another country's catalog of the same language, its own first."""
    names = [f"{language}.po"]
    if "-" in language:
        names.append(f"{primary(language)}.po")
    if folder is not None and folder.is_dir():
        main = f"{primary(language)}-{primary(language).upper()}.po"
        others = sorted(p.name for p in folder.glob(f"{primary(language)}-*.po"))
        names += [n for n in sorted(others, key=lambda n: n != main) if n not in names]
    return names


@dataclass
class Messages:
    """The messages of one language, merged from every layer's catalogs."""

    language: str
    table: dict[Key, str] = field(default_factory=dict)
    origin: dict[Key, Path] = field(default_factory=dict)
    folders: tuple[Path, ...] = ()  # the template folders, most specific first

    @property
    def strict(self) -> bool:
        """Is every message to be translated (a language other than English)?"""
        return not same_language(self.language, SOURCE_LANGUAGE)

    def gettext(self, message: str) -> str:
        return self.pgettext("", message)

    def pgettext(self, context: str, message: str) -> str:
        found = self.table.get((context, message))
        if found is not None:
            return found
        if self.strict and context not in WRITTEN_BY_YOU:
            raise InputError([self.missing_problem([(context, message)])])
        return message

    def catalog_to_edit(self) -> Path:
        """The catalog a translation belongs in: the workspace's own for the language."""
        base = self.folders[-2] if len(self.folders) > 1 else self.folders[-1]
        return base / FOLDER / f"{self.language}.po"

    def missing_problem(self, keys: list[Key]) -> Problem:
        target = self.catalog_to_edit()
        shown = ", ".join(_shown(key) for key in keys[:8])
        more = f" and {len(keys) - 8} more" if len(keys) > 8 else ""
        if target.exists():
            how = f"translate them there (`jobgen templates messages {self.language} --missing`)"
        else:
            how = f"`jobgen templates copy {FOLDER}/{self.language}.po` writes it to translate"
        count = "message" if len(keys) == 1 else f"{len(keys)} messages"
        message = f"no {self.language} translation of the {count} {shown}{more}; {how}"
        return Problem(target, None, None, "", message)

    def lacking(self, wanted: list[Key]) -> list[Key]:
        """The messages of `wanted` this language has no translation of."""
        if not self.strict:
            return []
        return [key for key in wanted if key not in self.table]


def _shown(key: Key) -> str:
    context, message = key
    return f"{message!r} ({context})" if context else repr(message)


def load_messages(language: str, folders: list[Path] | tuple[Path, ...]) -> Messages:
    """The messages of `language` from the template `folders`, most specific first.

    Raises InputError for a catalog that cannot be read, and for a language other than
    English that no folder has a catalog of."""
    messages = Messages(language, folders=tuple(folders))
    found = False
    problems: list[Problem] = []
    for folder in reversed(folders):  # least specific first: later layers overwrite
        for name in reversed(catalog_names(language, folder / FOLDER)):
            path = folder / FOLDER / name
            if not path.is_file():
                continue
            found = True
            refused = _refused(path, folder)
            if refused:
                problems.append(Problem(path, None, None, "", refused))
                continue
            for key, text in read_catalog(path, problems).items():
                messages.table[key] = text
                messages.origin[key] = path
    if problems:
        raise InputError(problems)
    if not found and messages.strict:
        target = messages.catalog_to_edit()
        message = (
            f"jobgen has no messages in {language}: add this catalog with a translation of "
            f"each message (`jobgen templates copy {FOLDER}/{language}.po` writes it with every "
            f"message to translate), or choose one of {', '.join(builtin_languages(folders[-1]))}"
        )
        raise InputError([Problem(target, None, None, "language", message)])
    return messages


def _refused(path: Path, folder: Path) -> str | None:
    """Why a catalog is not read: a link out of its template folder (its text would show
    in error messages), or a file far larger than any catalog."""
    real = path.resolve()
    if not real.is_relative_to(folder.resolve()):
        return f"a link to {real}, outside the template folder; copy the catalog in instead"
    if path.stat().st_size > MAX_TEMPLATE_BYTES:
        return (
            f"the file is {path.stat().st_size:,} bytes; a catalog is at most "
            f"{MAX_TEMPLATE_BYTES:,} (jobgen's own are ~20 KB)"
        )
    return None


def builtin_languages(builtin_templates: Path) -> list[str]:
    """The languages the built-in catalogs offer, and US English."""
    folder = builtin_templates / FOLDER
    found = {path.stem for path in folder.glob("*.po")} if folder.is_dir() else set()
    return sorted({SOURCE_LANGUAGE, "en-GB", *found})


def template_keys(builtin_templates: Path) -> list[Key]:
    """Every message of jobgen's own templates and code (the built-in jobgen.pot)."""
    path = builtin_templates / FOLDER / TEMPLATE
    problems: list[Problem] = []
    keys = list(read_catalog(path, problems, keep_empty=True))
    if problems:
        raise InputError(problems)
    return keys


# What this process has read, by file and its state: planning and rendering a posting
# both need its language's catalogs, and preview reads them again on every reload.
_READ: dict[tuple[str, int, int, bool], dict[Key, str]] = {}


def read_catalog(path: Path, problems: list[Problem], keep_empty: bool = False) -> dict[Key, str]:
    """`{(context, id): translation}` of one PO file; untranslated and fuzzy entries are
    left out (kept, empty, with `keep_empty`: a .pot has no translations)."""
    status = path.stat()
    state = (str(path), status.st_mtime_ns, status.st_size, keep_empty)
    if state not in _READ:
        found: list[Problem] = []
        table = _read_catalog(path, found, keep_empty)
        problems.extend(found)
        if found:
            return table
        _READ[state] = table
    return _READ[state]


def _read_catalog(path: Path, problems: list[Problem], keep_empty: bool) -> dict[Key, str]:
    data = path.read_bytes()
    cached = _cache_path(data, keep_empty)
    if cached is not None:
        try:
            with open(cached, encoding="utf-8") as stream:
                return {(c, m): t for c, m, t in json.load(stream)}
        except (OSError, ValueError):
            pass
    table = _parse(path, data, problems, keep_empty)
    if cached is not None and not problems:
        _store(cached, [[c, m, t] for (c, m), t in table.items()])
    return table


def _parse(path: Path, data: bytes, problems: list[Problem], keep_empty: bool) -> dict[Key, str]:
    import io

    from babel.messages.pofile import PoFileError, read_po

    try:
        _check_quotes(data.decode("utf-8"))
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except UnicodeDecodeError:
        problems.append(Problem(path, None, None, "", "not UTF-8 text; save it as UTF-8"))
        return {}
    except _Unclosed as error:
        problems.append(
            Problem(path, error.lineno, None, "", f"not a readable PO catalog: {error}")
        )
        return {}
    except (PoFileError, ValueError) as error:
        line = getattr(error, "lineno", None)  # Babel counts from 0
        why = str(error).split(" on ")[0]
        if isinstance(error, PoFileError) and error.line:
            why += f': {error.line.strip()!r} (a line starts with msgctxt, msgid, msgstr, " or #)'
        where = line + 1 if isinstance(line, int) else None
        problems.append(Problem(path, where, None, "", f"not a readable PO catalog: {why}"))
        return {}
    table: dict[Key, str] = {}
    for message in catalog:
        if not message.id or isinstance(message.id, tuple):
            continue  # the header, and plural forms (jobgen's messages have none)
        text = message.string if isinstance(message.string, str) else ""
        if (text and not message.fuzzy) or keep_empty:
            if text and not keep_empty:
                wrong = _placeholder_problem(message.id, text)
                if wrong:
                    problems.append(Problem(path, message.lineno, None, "", wrong))
                    continue
            table[(message.context or "", message.id)] = text
    return table


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _placeholder_problem(message: str, text: str) -> str | None:
    """What is wrong with the %(name)s placeholders of a translation, if anything: each
    must be one of the message's, and every % must start one (or be written %%)."""
    names = set(_PLACEHOLDER.findall(message))
    unknown = [name for name in _PLACEHOLDER.findall(text) if name not in names]
    if unknown:
        known = ", ".join(f"%({name})s" for name in sorted(names)) or "none"
        return (
            f"msgstr of {message!r}: %({unknown[0]})s is not one of the message's placeholders "
            f"({known}); write them as in the msgid"
        )
    try:
        text % dict.fromkeys(names, "")
    except (ValueError, TypeError, KeyError):
        return (
            f"msgstr of {message!r}: a % that starts no placeholder; write placeholders like "
            "%(name)s, and a percent sign as %%"
        )
    return None


class _Unclosed(ValueError):
    def __init__(
        self, lineno: int, why: str = 'a quoted text is not closed: end it with "'
    ) -> None:
        super().__init__(why)
        self.lineno = lineno


def _check_quotes(text: str) -> None:
    """A text left unquoted at the end of its line: Babel's reader would drop its last
    character and go on."""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped.startswith(("msgid", "msgstr", "msgctxt", '"')):
            continue
        if '"' not in stripped:
            raise _Unclosed(number, "the text after the keyword must be in double quotes")
        body = stripped[stripped.index('"') :]
        backslashes = len(body[:-1]) - len(body[:-1].rstrip("\\"))
        if len(body) < 2 or not body.endswith('"') or backslashes % 2:
            raise _Unclosed(number)


def _cache_path(data: bytes, keep_empty: bool) -> str | None:
    if os.environ.get("JOBGEN_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    checksum = zlib.crc32(data, len(data))
    kind = "pot" if keep_empty else "po"
    return os.path.join(base, "jobgen", f"messages-{__version__}", f"{checksum:08x}.{kind}.json")


def _store(path: str, rows: list[list[str]]) -> None:
    """Written beside and renamed, so a reader never sees half a file; a cache that
    cannot be written is done without."""
    try:
        folder = os.path.dirname(path)
        if not os.path.isdir(folder):  # a new version: the others' caches go
            _remove_other_caches(folder)
        os.makedirs(folder, mode=0o700, exist_ok=True)
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as stream:
            json.dump(rows, stream, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:
        pass


def _remove_other_caches(folder: str) -> None:
    import shutil

    parent, own = os.path.split(folder)
    try:
        names = os.listdir(parent)
    except OSError:
        return
    for name in names:
        if name.startswith("messages-") and name != own:
            shutil.rmtree(os.path.join(parent, name), ignore_errors=True)


def describe_origins(messages: Messages, keys: list[Key]) -> list[tuple[Key, str, str]]:
    """Each message, its text in the language and where it comes from: `built-in
    de-DE.po`, a workspace or company catalog by its path, "as written" (English no
    catalog changes) or "missing"."""
    builtin = messages.folders[-1] / FOLDER if messages.folders else None
    rows = []
    for key in keys:
        text = messages.table.get(key)
        origin = messages.origin.get(key)
        if origin is not None:
            where = f"built-in {origin.name}" if origin.parent == builtin else display_path(origin)
        else:
            where = "missing" if messages.strict else "as written"
        rows.append((key, text if text is not None else key[1], where))
    return rows
