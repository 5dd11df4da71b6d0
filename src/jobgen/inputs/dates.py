"""The posting date and the closing date, from what the user typed or the environment."""

from __future__ import annotations

import datetime as dt
import os

from ..errors import UsageError


def resolve_valid_through(value: str | None, date: dt.date) -> dt.date | None:
    """`--valid-through`: the last day to apply; not before the posting date."""
    if not value:
        return None
    try:
        closes = dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"--valid-through: expected a date like 2027-01-31, got {value!r}"
        ) from None
    if closes < date:
        raise UsageError(
            f"--valid-through: {closes.isoformat()} is before the posting date {date.isoformat()}"
        )
    return closes


def resolve_date(value: str | None) -> dt.date:
    """The posting date: `--date`, else $SOURCE_DATE_EPOCH (reproducible builds) as a
    date in UTC, else today in the local time zone ($TZ, else the machine's).

    Local on purpose: a recruiter who runs jobgen on 1 December expects postings dated
    1 December, wherever they are; UTC would date them the day before or after for
    hours of every day outside UTC. A build server's local day may not be the one
    meant, so the README tells CI to pass --date or SOURCE_DATE_EPOCH."""
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise UsageError(f"--date: expected a date like 2026-11-25, got {value!r}") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise UsageError(
                f"SOURCE_DATE_EPOCH: expected seconds since 1970, got {epoch!r}"
            ) from None
    return dt.date.today()
