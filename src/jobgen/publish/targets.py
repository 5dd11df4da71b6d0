"""The output folder's side of a commit: the links and folders on the way to each
target, the copies of the files it replaces (kept for a roll-back), the rename itself,
and the list of final paths, made on demand."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import overload

from ..errors import OutputError, display_path


class OutputPaths(Sequence[Path]):
    """The final paths of a commit's files, made as they are asked for: a batch of a
    million files keeps a million short strings, not a million Path objects."""

    def __init__(self, folder: Path, relative_paths: Sequence[str]) -> None:
        self._folder = folder
        self._relative = relative_paths

    def __len__(self) -> int:
        return len(self._relative)

    @overload
    def __getitem__(self, index: int) -> Path: ...
    @overload
    def __getitem__(self, index: slice) -> list[Path]: ...
    def __getitem__(self, index: int | slice) -> Path | list[Path]:
        if isinstance(index, slice):
            return [self._folder / rel for rel in self._relative[index]]
        return self._folder / self._relative[index]

    def __iter__(self) -> Iterator[Path]:
        return (self._folder / rel for rel in self._relative)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:  # as the list it stands for (and once was)
        return repr(list(self))


def first_link(out_dir: Path, folder: Path, checked: dict[Path, Path | None]) -> Path | None:
    """The first link on the way from `out_dir` (which may itself be one: the user
    chose it) down to `folder`, itself included: writing through it would land
    somewhere else. `checked` remembers the folders already walked."""
    if folder not in checked:
        if folder == out_dir:
            checked[folder] = None
        else:
            above = first_link(out_dir, folder.parent, checked)
            checked[folder] = (
                above if above is not None else (folder if folder.is_symlink() else None)
            )
    return checked[folder]


def link_error(target: Path, link: Path) -> OutputError:
    shown = display_path(link)
    # The target as the user knows it, through the link (out/acme/x.md), not where the
    # link leads: display_path resolves the folders above a file.
    written = shown if target == link else os.path.join(shown, target.relative_to(link))
    return OutputError(
        f"cannot write {written}: {shown} is a link, and "
        "jobgen does not write through links inside the output folder (remove it, "
        "or give the folder it points to as --out); no file was changed"
    )


def keep(target: str, copy: Path) -> None:
    """Keep `target`'s current content at `copy` (a hard link where possible)."""
    try:
        os.link(target, copy)
    except OSError:  # no hard links here (FAT, some network filesystems): copy
        shutil.copy2(target, copy)


def move(staged: str, target: str) -> None:
    try:
        os.replace(staged, target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        # The target folder is a link to another filesystem: copy beside it, then rename.
        folder, name = os.path.split(target)
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        os.close(fd)
        try:
            shutil.copyfile(staged, name)
            os.chmod(name, 0o666 & ~_umask())  # mkstemp made it private; use the usual mode
            os.replace(name, target)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise


def make_folders(folder: Path) -> list[Path]:
    """`mkdir -p`, returning the folders that did not exist before (outermost first)."""
    missing = []
    for candidate in (folder, *folder.parents):
        if candidate.exists() or candidate.is_symlink():
            break
        missing.append(candidate)
    folder.mkdir(parents=True, exist_ok=True)
    return list(reversed(missing))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
