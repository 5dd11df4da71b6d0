"""Write generated files so that nothing half-written is ever left behind.

Every file of a run is first written to a temporary file beside its target;
only when all of them are complete are they renamed into place (a rename is
atomic on one filesystem). A failure removes the temporary files and leaves
earlier output exactly as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError, display_path


def posting_path(out_dir: Path, company_id: str, role_id: str, fmt: str) -> Path:
    """`<out>/<company>/<role>.<format>`; ids are validated slugs, so this stays in `out_dir`."""
    return out_dir / company_id / f"{role_id}.{fmt}"


def write_files(files: dict[Path, bytes]) -> list[Path]:
    """Write every file or none; returns the paths written."""
    staged: list[tuple[Path, Path]] = []
    current: Path | None = None
    renamed = 0
    try:
        for target, data in files.items():
            current = target
            staged.append((_write_temporary(target, data), target))
        for temporary, target in staged:
            current = target
            os.replace(temporary, target)
            renamed += 1
    except OSError as error:
        for temporary, _target in staged:
            temporary.unlink(missing_ok=True)
        reason = error.strerror or str(error)
        if isinstance(error, (FileExistsError, NotADirectoryError)):
            reason = "a file is in the way where a folder is needed"
        where = display_path(current) if current else "the output folder"
        outcome = (
            "no file was changed" if not renamed else f"{renamed} file(s) were already replaced"
        )
        raise OutputError(f"cannot write {where}: {reason}; {outcome}") from None
    return list(files)


def _write_temporary(target: Path, data: bytes) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir():
        raise IsADirectoryError(21, "a folder has this name", str(target))
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
