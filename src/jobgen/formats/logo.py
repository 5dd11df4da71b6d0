"""The company logo (`brand.logo` in the profile) as the pages and the Word file use it."""

from __future__ import annotations

import base64
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..inputs.markers import image_type

if TYPE_CHECKING:
    from ..inputs.models import Company


def logo(company: Company) -> dict[str, str] | None:
    """The logo as an inline image for a page header (`src`, `alt`), or None."""
    if not company.brand.logo:
        return None
    return {"src": data_uri(company.brand.logo), "alt": f"{company.name} logo"}


def data_uri(path: str) -> str:
    """The image as a `data:` URL, so the page needs no file beside it."""
    stat = os.stat(path)
    return _data_uri(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)  # once per logo in a batch; keyed by mtime so preview sees edits
def _data_uri(path: str, mtime_ns: int, size: int) -> str:
    kind = image_type(Path(path)) or "png"
    data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    return f"data:image/{kind};base64,{data}"
