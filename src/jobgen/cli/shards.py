"""`jobgen shards check|merge`, and the `--shard K/N` option of `jobgen stage`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .common import CONTEXT_SETTINGS, OUT_FOLDER, reports_errors

shard_help = (
    "Write only the companies of shard K of N (K from 1), so N runs share the work; "
    "from a 0-based index: --shard $((INDEX+1))/N."
)


class _ShardType(click.ParamType):
    """`K/N`, checked as it is parsed: a wrong one is a usage error naming the option."""

    name = "K/N"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from ..publish.shards import Shard, parse_shard

        if isinstance(value, Shard):
            return value
        try:
            return parse_shard(str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)


SHARD = _ShardType()


@click.group("shards", context_settings=CONTEXT_SETTINGS, short_help="Check or merge shards.")
def shards_group() -> None:
    """Check or merge the output of `jobgen stage --shard K/N` run N times.

    \b
    Example:
      jobgen shards check shard-1/ shard-2/ shard-3/
      jobgen shards merge shard-1/ shard-2/ shard-3/ -o output/
    """


@shards_group.command("check", context_settings=CONTEXT_SETTINGS)
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=Path))
@reports_errors
def check_command(folders: tuple[Path, ...]) -> None:
    """Check that FOLDERS hold every shard of one run: shards 1 to N each once, with one
    N and one fingerprint (same options, date, inputs and jobgen), no company in two
    shards, and every company's files as its manifest says. Exit 1 with each problem.

    \b
    Example:
      jobgen shards check output/
      jobgen shards check shard-1/ shard-2/ shard-3/
    """
    from ..errors import UsageError, display_path
    from ..publish.shard_check import check_shards

    missing = [folder for folder in folders if not folder.is_dir()]
    if missing:  # a mistyped name, not a verdict on the shards: exit 2, as for other usage
        names = ", ".join(display_path(folder) for folder in missing)
        raise UsageError(f"no such folder: {names}")
    found = check_shards(list(folders))
    if found.problems:
        for problem in found.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo(found.summary(), err=True)
        raise SystemExit(1)
    click.echo(found.summary())


@shards_group.command("merge", context_settings=CONTEXT_SETTINGS)
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", metavar="DIR", type=OUT_FOLDER, required=True, help="Merge into DIR.")
@reports_errors
def merge_command(folders: tuple[Path, ...], out: Path) -> None:
    """Copy the company folders and shard records of FOLDERS into DIR, all or nothing,
    after the checks of `jobgen shards check` (nothing is written if one fails).

    \b
    Example:
      jobgen shards merge shard-1/ shard-2/ shard-3/ -o output/
    """
    from ..errors import display_path
    from ..publish.shard_check import merge_shards

    found, written = merge_shards(list(folders), out)
    click.echo(f"{found.summary()}; merged {len(written)} files into {display_path(out)}")
