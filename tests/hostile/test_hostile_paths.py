"""Hostile ids and paths: ids that are paths, file names that are not ids, device
names, ids that collide, output folders that cannot be written, links inside the
output folder, a hostile manifest for --prune, and input files reaching outside
the workspace.

A refusal of bad input exits 2; a failure while writing exits 1. Either way the
error names the file (or the path) at fault, and nothing is written: the output
folder (and anything outside it) is byte for byte as it was.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from jobgen.publish import output

from .harness import COMPANY, ROLE, Workspace, assert_refused, assert_unchanged

STAGES = "early, growth, enterprise"
DATE = ("--date", "2026-11-25")  # the date of the earlier run: same inputs, same bytes
OTHER_DATE = ("--date", "2026-12-01")  # a run whose files differ from the earlier ones
BAD_NAME = "the file name must be a lowercase id"
RESERVED = r"[Rr]eserve"
LINK = r"link"
needs_symlinks = pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")


# --- helpers -----------------------------------------------------------------------------


def listing(folder: Path) -> dict[str, Any]:
    """Every entry under `folder` without following links: a file's bytes, None for a
    folder, `-> target` for a link (harness.snapshot reads through links)."""
    found: dict[str, Any] = {}
    if not folder.exists() and not folder.is_symlink():
        return found
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in [*dirnames, *filenames]:
            path = Path(dirpath) / name
            relative = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[relative] = f"-> {os.readlink(path)}"
            elif path.is_dir():
                found[relative] = None
            else:
                found[relative] = path.read_bytes()
    return found


def staging_left(out: Path) -> list[Path]:
    """Staging folders anywhere in the output folder (there should never be one)."""
    return sorted(out.rglob(".jobgen-staging-*")) if out.is_dir() else []


def ids(folder: Path) -> str:
    """The ids of a workspace folder as jobgen lists them: `a, b, c`."""
    return ", ".join(sorted(p.stem for p in folder.glob("*.yaml")))


def stage(ws: Workspace, *args: str, out: Path | str | None = None) -> Result:
    """`jobgen stage ARGS -o OUT -j 1 -f md` (one process, so patches reach the writes)."""
    return ws.run("stage", *args, "-o", str(out or ws.out), "-j", "1", "-f", "md")


def copy_role(ws: Workspace, name: str, title: str = "AI/ML Engineer") -> Path:
    """A copy of the sample role under another file name, with `title`."""
    target = ws.roles / name
    text = ws.role_file().read_text(encoding="utf-8")
    target.write_text(text.replace("title: AI/ML Engineer", f"title: {title}"), encoding="utf-8")
    return target


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def line_of(path: Path, text: str) -> int:
    """The 1-based number of the first line of `path` that contains `text`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def nothing_written(ws: Workspace, before: dict[str, bytes | None]) -> None:
    assert_unchanged(before, ws.out)
    assert not (ws.root / "output").exists(), "wrote to the workspace's default output folder"


# --- 1. ids that are paths on the command line -------------------------------------------

ROLE_PATHS = [
    pytest.param("../../etc/passwd", id="dotdot-etc-passwd"),
    pytest.param("ai-ml-engineer/../x", id="dotdot-inside"),
    pytest.param("/etc/passwd", id="absolute"),
    pytest.param("./ai-ml-engineer", id="dot-slash"),
    pytest.param("ai-ml-engineer/", id="trailing-slash"),
    pytest.param("..", id="dotdot"),
    pytest.param("ai-ml-engineer\x00", id="nul"),
    pytest.param("ai-ml-engineer\nok: forged line", id="newline"),
    pytest.param("AI-ML-ENGINEER", id="uppercase"),
    pytest.param("..\\..\\windows", id="backslashes"),
]
COMPANY_PATHS = [
    pytest.param("../furrowlight", id="dotdot"),
    pytest.param("/etc", id="absolute"),
    pytest.param("furrowlight/../furrowlight", id="dotdot-inside"),
    pytest.param(".", id="dot"),
    pytest.param("", id="empty"),
    pytest.param("furrow\nlight", id="newline"),
    pytest.param("furrowlight\x00", id="nul"),
    pytest.param("\x00", id="nul-only"),
    pytest.param("FurrowLight", id="mixed-case"),
    pytest.param("..\\furrowlight", id="backslash"),
]
STAGE_PATHS = [
    pytest.param("../x", id="dotdot"),
    pytest.param("early/../growth", id="dotdot-inside"),
    pytest.param("/etc", id="absolute"),
    pytest.param("early\x00", id="nul"),
    pytest.param("early\n", id="newline"),
    pytest.param("EARLY", id="uppercase"),
]


def assert_unknown(result: Result, kind: str, value: str, known: str) -> None:
    """Exit 2, `unknown KIND 'VALUE'` on the first line (the value quoted, so a newline
    or NUL in it cannot forge a line), then the valid choices."""
    plural = {"company": "companies"}.get(kind, f"{kind}s")
    error = assert_refused(result, names=f"known {plural}: {known}\n")
    first = error.splitlines()[0]
    assert first.startswith(f"error: unknown {kind} {value!r}"), first
    assert "\x00" not in result.output


@pytest.mark.parametrize("role", ROLE_PATHS)
def test_role_id_that_is_a_path_is_refused(ws: Workspace, before: Any, role: str) -> None:
    """`generate PATH -c furrowlight`: an unknown role, not a file to read or write."""
    result = ws.generate(role=role)
    assert_unknown(result, "role", role, ids(ws.roles))
    nothing_written(ws, before)


def test_path_role_beside_a_valid_one_writes_nothing(ws: Workspace, before: Any) -> None:
    """`generate ai-ml-engineer ../../etc/passwd`: the valid role is not written either."""
    result = ws.run("generate", ROLE, "../../etc/passwd", "-c", COMPANY, "-o", str(ws.out))
    assert_unknown(result, "role", "../../etc/passwd", ids(ws.roles))
    nothing_written(ws, before)


@pytest.mark.parametrize("company", COMPANY_PATHS)
def test_company_id_that_is_a_path_is_refused(ws: Workspace, before: Any, company: str) -> None:
    """`generate ai-ml-engineer -c PATH`: an unknown company, never an output folder."""
    result = ws.generate(company=company)
    assert_unknown(result, "company", company, ids(ws.profiles))
    nothing_written(ws, before)


@pytest.mark.parametrize("company", COMPANY_PATHS[:4] + COMPANY_PATHS[6:7])
def test_stage_company_id_that_is_a_path_is_refused(
    ws: Workspace, before: Any, company: str
) -> None:
    """`stage early -c PATH`."""
    result = stage(ws, "early", "-c", company)
    assert_unknown(result, "company", company, ids(ws.profiles))
    nothing_written(ws, before)


@pytest.mark.parametrize("stage_id", STAGE_PATHS)
def test_stage_id_that_is_a_path_is_refused(ws: Workspace, before: Any, stage_id: str) -> None:
    """`stage PATH -c furrowlight`: an unknown stage."""
    result = stage(ws, stage_id, "-c", COMPANY)
    assert_unknown(result, "stage", stage_id, STAGES)
    nothing_written(ws, before)


# --- 2. role and profile file names that are not ids --------------------------------------

BAD_FILE_NAMES = [
    pytest.param("AI-ML-Engineer.yaml", id="uppercase"),
    pytest.param("ai_ml.yaml", id="underscore"),
    pytest.param("ai--ml.yaml", id="double-hyphen"),
    pytest.param("-ai-ml.yaml", id="leading-hyphen"),
    pytest.param("ai-ml-.yaml", id="trailing-hyphen"),
    pytest.param("ingénieur.yaml", id="non-ascii"),
    pytest.param("a" * 65 + ".yaml", id="65-characters"),
    # pathlib's glob matches dot files: a hidden file is read, and refused like any other.
    pytest.param(".hidden.yaml", id="dot-file"),
    pytest.param("ai ml.yaml", id="space"),
    pytest.param("ai.ml.yaml", id="inner-dot"),
    pytest.param("AI.yml", id="uppercase-yml"),
]


@pytest.mark.parametrize("name", BAD_FILE_NAMES)
def test_role_file_name_that_is_not_an_id_is_refused(ws: Workspace, before: Any, name: str) -> None:
    """`roles/NAME`, listed: exit 2 naming the file and saying what an id is."""
    copy_role(ws, name)
    result = ws.run("list", "roles")
    assert_refused(result, names=f"roles/{name}: ", says=BAD_NAME)
    nothing_written(ws, before)


def test_bad_role_file_name_is_refused_by_check(ws: Workspace, before: Any) -> None:
    """`jobgen check` reads every file, so it names a badly named one."""
    copy_role(ws, "AI-ML-Engineer.yaml")
    result = ws.run("check")
    assert_refused(result, names="roles/AI-ML-Engineer.yaml: ", says=BAD_NAME)
    nothing_written(ws, before)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("Furrowlight.yaml", id="uppercase"),
        pytest.param("furrow_light.yaml", id="underscore"),
        pytest.param("société.yaml", id="non-ascii"),
        pytest.param("f" * 65 + ".yaml", id="65-characters"),
        pytest.param(".hidden.yaml", id="dot-file"),
    ],
)
@pytest.mark.parametrize("command", ["list", "stage"])
def test_profile_file_name_that_is_not_an_id_is_refused(
    ws: Workspace, before: Any, name: str, command: str
) -> None:
    """`company_profiles/NAME`: `list companies` and `stage early -a` (which reads every
    profile) exit 2 naming the file; nothing is written."""
    shutil.copy(ws.profile_file(), ws.profiles / name)
    result = stage(ws, "early", "-a") if command == "stage" else ws.run("list", "companies")
    assert_refused(result, names=f"company_profiles/{name}: ", says=BAD_NAME)
    nothing_written(ws, before)


@pytest.mark.parametrize("stem", ["AI-ML-Engineer", "ai_ml", "ingénieur", "a" * 65])
def test_generate_by_a_bad_file_name_names_the_file(ws: Workspace, before: Any, stem: str) -> None:
    """`generate AI-ML-Engineer` with roles/AI-ML-Engineer.yaml: the file exists, so the
    error should point at it and its name, not call the role unknown."""
    copy_role(ws, f"{stem}.yaml")
    result = ws.generate(role=stem)
    assert_refused(result, names=f"roles/{stem}.yaml", says=BAD_NAME)
    nothing_written(ws, before)


def test_id_of_64_characters_is_accepted(ws: Workspace) -> None:
    """The limit is 64: a 64-character id is a valid role and names its output file."""
    role = "a" * 64
    copy_role(ws, f"{role}.yaml")
    result = ws.generate("-f", "md", "--lint", "warn", role=role)  # no pay for this id
    assert result.exit_code == 0, result.output
    assert (ws.out / COMPANY / f"{role}.md").is_file()


# --- 3. device names Windows reserves ----------------------------------------------------

DEVICE_NAMES = ["con", "nul", "aux", "prn", "com1", "lpt9"]


@pytest.mark.parametrize("name", DEVICE_NAMES)
def test_role_file_with_a_device_name_is_refused(ws: Workspace, before: Any, name: str) -> None:
    """`roles/con.yaml` would be written as `con.md`, which Windows cannot create."""
    copy_role(ws, f"{name}.yaml")
    result = ws.run("list", "roles")
    assert_refused(result, names=f"roles/{name}.yaml: ", says=RESERVED)
    nothing_written(ws, before)


@pytest.mark.parametrize("name", ["con", "lpt9"])
def test_generate_a_device_name_role_names_the_file(ws: Workspace, before: Any, name: str) -> None:
    """`generate con`: refused naming roles/con.yaml and saying why, nothing written."""
    copy_role(ws, f"{name}.yaml")
    result = ws.generate(role=name)
    assert_refused(result, names=f"roles/{name}.yaml", says=RESERVED)
    nothing_written(ws, before)


@pytest.mark.parametrize("name", ["nul", "com1", "aux"])
def test_profile_file_with_a_device_name_is_refused(ws: Workspace, before: Any, name: str) -> None:
    """`company_profiles/nul.yaml` would make an output folder `nul/`."""
    shutil.copy(ws.profile_file(), ws.profiles / f"{name}.yaml")
    result = stage(ws, "early", "-a")
    assert_refused(result, names=f"company_profiles/{name}.yaml: ", says=RESERVED)
    nothing_written(ws, before)


@pytest.mark.parametrize("name", ["console", "con-team", "com10", "lpt", "auxiliary", "null"])
def test_names_that_only_look_like_devices_are_accepted(ws: Workspace, name: str) -> None:
    """Control: only the exact device names are refused."""
    copy_role(ws, f"{name}.yaml")
    result = ws.run("list", "roles")
    assert result.exit_code == 0, result.output
    assert any(line.split()[0] == name for line in result.stdout.splitlines())


# --- 3b. ids that would take the names of jobgen's own files -------------------------------

OWN_FILES = {"index": "index.html", "quality": "quality.html", "manifest": "manifest.json"}


@pytest.mark.parametrize("name", sorted(OWN_FILES))
def test_a_role_named_after_a_file_jobgen_writes_is_refused(
    ws: Workspace, before: Any, name: str
) -> None:
    """`roles/index.yaml` would write `furrowlight/index.html` over the hiring plan: the
    run used to fail after rendering with "is a file where a folder is needed"."""
    copy_role(ws, f"{name}.yaml")
    result = ws.run("list", "roles")
    assert_refused(result, names=[f"roles/{name}.yaml: ", OWN_FILES[name], "rename the file"])
    nothing_written(ws, before)


def test_an_opening_named_after_a_file_jobgen_writes_is_refused(ws: Workspace, before: Any) -> None:
    openings = ws.profiles / COMPANY / "openings"
    openings.mkdir(parents=True, exist_ok=True)
    (openings / "index.yaml").write_text(f"role: {ROLE}\nteam: Search\n", encoding="utf-8")
    result = stage(ws, "enterprise", "-c", COMPANY)
    error = assert_refused(result, names=["openings/index.yaml: ", "hiring plan, index.html"])
    assert "a folder is needed" not in error
    nothing_written(ws, before)


def test_the_reserved_ids_are_the_names_of_the_files_jobgen_writes() -> None:
    from jobgen.inputs.fields import RESERVED_POSTING_IDS
    from jobgen.publish.company import INDEX_NAME
    from jobgen.publish.manifest import MANIFEST_NAME
    from jobgen.publish.plan_page import QUALITY_NAME

    own = {name.rpartition(".")[0]: name for name in (INDEX_NAME, QUALITY_NAME, MANIFEST_NAME)}
    assert own == OWN_FILES and set(RESERVED_POSTING_IDS) == set(own)
    assert all(own[key] in said for key, said in RESERVED_POSTING_IDS.items())


@pytest.mark.parametrize("name", ["index-engineer", "quality-lead", "manifests"])
def test_names_that_only_look_like_jobgens_own_files_are_accepted(ws: Workspace, name: str) -> None:
    copy_role(ws, f"{name}.yaml")
    result = ws.run("list", "roles")
    assert result.exit_code == 0, result.output


def test_two_files_of_one_name_in_a_run_are_said_as_such(tmp_path: Path) -> None:
    """The last guard, past the checks of ids: a run never writes over its own file."""
    output.write_staged(tmp_path, "acme/x.md", b"one")
    with pytest.raises(output.OutputError, match="the run writes two files of this name"):
        output.write_staged(tmp_path, "acme/x.md", b"two")
    assert (tmp_path / "acme" / "x.md").read_bytes() == b"one"


# --- 4. two files, one id -----------------------------------------------------------------


@pytest.mark.parametrize("variant", ["Ai-ml-engineer", "AI-ML-ENGINEER"])
def test_case_variant_of_a_role_is_refused(ws: Workspace, before: Any, variant: str) -> None:
    """`roles/Ai-ml-engineer.yaml` beside `roles/ai-ml-engineer.yaml`: refused, not folded
    into the same id."""
    copy_role(ws, f"{variant}.yaml", title="Evil Twin")
    result = ws.run("list", "roles")
    assert_refused(result, names=f"roles/{variant}.yaml: ", says=BAD_NAME)
    nothing_written(ws, before)


@pytest.mark.parametrize("variant", ["Ai-ml-engineer", "AI-ML-ENGINEER"])
def test_case_variant_is_not_merged_into_the_posting(
    ws: Workspace, before: Any, variant: str
) -> None:
    """Generating the real id reads only the lowercase file: the output is byte for byte
    the earlier run's, with nothing of the variant in it."""
    copy_role(ws, f"{variant}.yaml", title="Evil Twin")
    result = ws.generate("-f", "all", *DATE)
    assert result.exit_code == 0, result.output
    assert_unchanged(before, ws.out)


def test_case_variant_of_a_profile_is_refused(ws: Workspace, before: Any) -> None:
    """`company_profiles/Furrowlight.yaml` beside `furrowlight.yaml`, with `stage -a`."""
    shutil.copy(ws.profile_file(), ws.profiles / "Furrowlight.yaml")
    result = stage(ws, "early", "-a")
    assert_refused(result, names="company_profiles/Furrowlight.yaml: ", says=BAD_NAME)
    nothing_written(ws, before)


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(("list", "roles"), id="list"),
        pytest.param(("generate", ROLE, "-c", COMPANY), id="generate"),
    ],
)
def test_yml_twin_of_a_role_is_refused(
    ws: Workspace, before: Any, command: tuple[str, ...]
) -> None:
    """`roles/ai-ml-engineer.yml` beside `roles/ai-ml-engineer.yaml`: two files, one id,
    one output name. Refused naming both, not one picked silently."""
    copy_role(ws, f"{ROLE}.yml", title="Evil Twin")
    result = ws.run(*command, "-o", str(ws.out)) if command[0] == "generate" else ws.run(*command)
    assert_refused(result, names=[f"roles/{ROLE}.yaml", f"roles/{ROLE}.yml"])
    nothing_written(ws, before)


def test_yml_twin_of_a_profile_is_refused(ws: Workspace, before: Any) -> None:
    """`company_profiles/furrowlight.yml` beside `furrowlight.yaml`."""
    shutil.copy(ws.profile_file(), ws.profiles / f"{COMPANY}.yml")
    result = stage(ws, "early", "-a")
    names = [f"company_profiles/{COMPANY}.yaml", f"company_profiles/{COMPANY}.yml"]
    assert_refused(result, names=names)
    nothing_written(ws, before)


# --- 5. output folders that cannot be written ---------------------------------------------

FILE_IN_THE_WAY = "is a file where a folder is needed"


def run_kind(ws: Workspace, kind: str, out: Path | str, *extra: str) -> Result:
    """`generate` or `stage` into `out`."""
    if kind == "generate":
        return ws.run("generate", ROLE, "-c", COMPANY, "-o", str(out), *extra)
    return stage(ws, "early", "-c", COMPANY, *extra, out=out)


KINDS = ["generate", "stage"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("out", ["afile", "afile/sub", "ABSOLUTE"])
def test_output_folder_that_is_a_file_is_refused(
    ws: Workspace, before: Any, kind: str, out: str
) -> None:
    """`-o afile` (or a folder below it) where afile is a file: exit 1 naming it; the
    file keeps its bytes."""
    blocker = ws.root / "afile"
    blocker.write_bytes(b"my notes\n")
    result = run_kind(ws, kind, str(blocker) if out == "ABSOLUTE" else out)
    # Shown relative to the current folder (the workspace), however it was given.
    assert_refused(result, names=f"afile {FILE_IN_THE_WAY}", exit_code=1)
    assert blocker.read_bytes() == b"my notes\n"
    nothing_written(ws, before)


@pytest.mark.parametrize("kind", KINDS)
def test_company_folder_that_is_a_file_is_refused(ws: Workspace, kind: str) -> None:
    """`out/furrowlight` is a file: exit 1 naming it; it and the rest are untouched."""
    shutil.rmtree(ws.out / COMPANY)
    (ws.out / COMPANY).write_bytes(b"not a folder\n")
    earlier = listing(ws.out)
    result = run_kind(ws, kind, ws.out)
    assert_refused(result, names=f"{ws.out / COMPANY} {FILE_IN_THE_WAY}", exit_code=1)
    assert listing(ws.out) == earlier


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("generate", f"{ROLE}.md"),
        ("generate", f"{ROLE}.docx"),
        ("stage", f"{ROLE}.md"),
        ("stage", "index.html"),
        ("stage", "manifest.json"),
    ],
)
def test_target_that_is_a_folder_is_refused(ws: Workspace, kind: str, name: str) -> None:
    """`out/furrowlight/ai-ml-engineer.md` is a folder (with a file in it): exit 1 naming
    it; the folder, its file and the earlier output are untouched."""
    target = ws.out / COMPANY / name
    target.unlink(missing_ok=True)
    target.mkdir()
    (target / "keep.txt").write_bytes(b"keep\n")
    earlier = listing(ws.out)
    result = run_kind(ws, kind, ws.out, *(("-f", "all") if kind == "generate" else ()))
    assert_refused(result, names=str(target), says="a folder has this name", exit_code=1)
    assert listing(ws.out) == earlier


def raise_for(
    real: Callable[..., Any], code: int, when: Callable[[Path], bool], arg: int = 0
) -> Callable[..., Any]:
    """`real`, except that it raises OSError(code) when its argument number `arg` (the
    path it makes or writes) matches `when`."""

    def fake(*args: Any, **kwargs: Any) -> Any:
        destination = Path(args[arg])
        if when(destination):
            raise OSError(code, os.strerror(code), str(destination))
        return real(*args, **kwargs)

    return fake


def below(folder: Path) -> Callable[[Path], bool]:
    return lambda path: path == folder or folder in path.parents


@pytest.mark.parametrize("kind", KINDS)
def test_read_only_output_folder(
    ws: Workspace, before: Any, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """A read-only output folder: no folder can be made in it (the staging folder
    first). Exit 1 naming the folder and the reason; nothing changed."""
    with monkeypatch.context() as patch:
        patch.setattr(os, "mkdir", raise_for(os.mkdir, errno.EROFS, below(ws.out)))
        result = run_kind(ws, kind, ws.out, *OTHER_DATE)
    assert_refused(result, names=str(ws.out), says="Read-only file system", exit_code=1)
    assert_unchanged(before, ws.out)
    assert not staging_left(ws.out)


@pytest.mark.parametrize("kind", KINDS)
def test_read_only_company_folder(
    ws: Workspace, before: Any, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """`out/furrowlight` read-only (the staging folder beside it can be made): the first
    rename into it fails. Exit 1 naming the file and the reason; nothing changed."""
    company = ws.out / COMPANY
    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", raise_for(os.replace, errno.EROFS, below(company), arg=1))
        result = run_kind(ws, kind, ws.out, *OTHER_DATE)
    assert_refused(
        result, names=str(company / f"{ROLE}.md"), says="Read-only file system", exit_code=1
    )
    assert_unchanged(before, ws.out)
    assert not staging_left(ws.out)


@pytest.mark.parametrize("kind", KINDS)
def test_rename_failing_halfway_is_rolled_back(
    ws: Workspace, before: Any, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """One file cannot be replaced (immutable, EPERM) after an earlier one was: the
    earlier one is put back. Exit 1 naming the file and the reason; nothing changed."""
    name = f"{ROLE}.html" if kind == "generate" else "manifest.json"
    blocked = ws.out / COMPANY / name
    if kind == "stage":
        blocked.write_bytes(b"{}\n")  # an earlier manifest to replace
        before = {**before, f"{COMPANY}/{name}": b"{}\n"}
    extra = ("-f", "md", "-f", "html") if kind == "generate" else ()
    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", raise_for(os.replace, errno.EPERM, blocked.__eq__, arg=1))
        result = run_kind(ws, kind, ws.out, *OTHER_DATE, *extra)
    error = assert_refused(result, names=str(blocked), says="Operation not permitted", exit_code=1)
    assert "no file was changed" in error
    assert_unchanged(before, ws.out)
    assert not staging_left(ws.out)


def full_disk_at(name: str) -> Callable[..., Any]:
    """`output._write_new` on a disk that fills up at the file called `name`: half its
    bytes are written, then ENOSPC."""
    real = output._write_new

    def write_new(target: Path, data: bytes) -> None:
        if target.name != name:
            return real(target, data)
        real(target, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    return write_new


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("generate", f"{ROLE}.md"),  # the first file
        ("generate", f"{ROLE}.docx"),  # after two complete ones
        ("stage", f"{ROLE}.md"),
        ("stage", "manifest.json"),  # the last file of the run
    ],
)
def test_full_disk(
    ws: Workspace, before: Any, monkeypatch: pytest.MonkeyPatch, kind: str, name: str
) -> None:
    """ENOSPC while a file is written: exit 1 naming the file, the folder and the
    reason; no partial file, no staging folder, earlier output untouched."""
    extra = ("-f", "all") if kind == "generate" else ()
    with monkeypatch.context() as patch:
        patch.setattr(output, "_write_new", full_disk_at(name))
        result = run_kind(ws, kind, ws.out, *OTHER_DATE, *extra)
    assert_refused(
        result,
        names=[f"{COMPANY}/{name}", str(ws.out)],
        says="No space left on device",
        exit_code=1,
    )
    assert_unchanged(before, ws.out)
    assert not staging_left(ws.out)


# --- 6. links inside the output folder ------------------------------------------------------


def assert_link_refused(result: Result, link: Path) -> None:
    assert_refused(result, names=str(link), says=LINK, exit_code=1)


@needs_symlinks
@pytest.mark.parametrize("kind", KINDS)
def test_company_folder_linked_outside_is_refused(ws: Workspace, tmp_path: Path, kind: str) -> None:
    """`out/furrowlight -> /elsewhere`: refused naming the link; /elsewhere untouched."""
    elsewhere = tmp_path / "elsewhere"
    shutil.move(ws.out / COMPANY, elsewhere)
    (ws.out / COMPANY).symlink_to(elsewhere, target_is_directory=True)
    earlier, outside = listing(ws.out), listing(elsewhere)
    result = run_kind(ws, kind, ws.out, *OTHER_DATE)
    assert_link_refused(result, ws.out / COMPANY)
    # The file is named as the user knows it, through the link, not where the link leads.
    said = result.stderr if hasattr(result, "stderr") else result.output
    assert f"cannot write {ws.out / COMPANY}{os.sep}" in said, said
    assert str(elsewhere) not in said
    assert listing(ws.out) == earlier
    assert listing(elsewhere) == outside


@needs_symlinks
@pytest.mark.parametrize(
    ("kind", "name", "dangling"),
    [
        pytest.param("generate", f"{ROLE}.md", False, id="generate-posting"),
        pytest.param("generate", f"{ROLE}.md", True, id="generate-dangling"),
        pytest.param("stage", "index.html", False, id="stage-index"),
        pytest.param("stage", "manifest.json", False, id="stage-manifest"),
    ],
)
def test_file_linked_outside_is_refused(
    ws: Workspace, tmp_path: Path, kind: str, name: str, dangling: bool
) -> None:
    """`out/furrowlight/NAME -> /elsewhere/file` (or to nothing yet): refused naming the
    link; the link stays and the file it points to is untouched (or not created)."""
    victim = tmp_path / "victim.txt"
    if not dangling:
        victim.write_bytes(b"not jobgen's\n")
    link = ws.out / COMPANY / name
    link.unlink(missing_ok=True)
    link.symlink_to(victim)
    earlier = listing(ws.out)
    result = run_kind(ws, kind, ws.out, *OTHER_DATE)
    assert_link_refused(result, link)
    assert listing(ws.out) == earlier
    if dangling:
        assert not victim.exists()
    else:
        assert victim.read_bytes() == b"not jobgen's\n"


@needs_symlinks
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("relative", [False, True], ids=["absolute", "relative"])
def test_output_folder_itself_may_be_a_link(
    ws: Workspace, tmp_path: Path, kind: str, relative: bool
) -> None:
    """`-o link` where link -> a real folder is the user's choice: it works, the files
    land in the real folder, and the link stays a link."""
    link = ws.root / "site"
    link.symlink_to(ws.out, target_is_directory=True)
    (ws.out / COMPANY / f"{ROLE}.md").unlink()
    result = run_kind(ws, kind, "site" if relative else link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    written = ws.out / COMPANY / f"{ROLE}.md"
    assert written.is_file() and not written.is_symlink()
    assert not staging_left(ws.out)


# --- 7. --prune with a hostile manifest -------------------------------------------------------


def hostile_manifest(paths: list[tuple[str, Path]]) -> dict[str, Any]:
    """A manifest whose every entry is `path`, with the sha256 of the file it aims at
    (so "changed since" cannot save it)."""
    entries = [{"path": p, "bytes": aim.stat().st_size, "sha256": sha256(aim)} for p, aim in paths]
    return {
        "manifest_version": 1,
        "company": {"id": "../..", "name": "x"},
        "index": entries[0],
        "quality": entries[-1],
        "postings": [
            {"role": "../../x", "files": {f"f{n}": entry for n, entry in enumerate(entries)}}
        ],
    }


def test_prune_never_removes_a_file_outside_the_company_folder(
    ws: Workspace, tmp_path: Path
) -> None:
    """`stage growth --prune` with out/furrowlight/manifest.json listing `../../victim.txt`,
    an absolute path, `ai-ml-engineer.md/../../x`... : none of them is removed. One true
    stale entry (ai-ml-engineer.txt) shows the manifest was read and pruned."""
    victim = tmp_path / "victim.txt"  # out/furrowlight/../../victim.txt
    victim.write_bytes(b"victim\n")
    in_out = ws.out / "x.md"  # out/furrowlight/ai-ml-engineer.md/../../x.md
    in_out.write_bytes(b"beside the company folder\n")
    hard = tmp_path / "hard.md"  # hard-linked in: unlinking the name leaves it whole
    hard.write_bytes(b"hard link\n")
    os.link(hard, ws.out / COMPANY / "hard.md")
    company = ws.out / COMPANY
    stale = company / f"{ROLE}.txt"
    aims = [
        ("../../victim.txt", victim),
        (str(victim), victim),  # absolute (a path of our own, never the real /etc/passwd)
        ("/etc/passwd", victim),
        (f"{ROLE}.md/../../x.md", in_out),
        ("../x.md", in_out),
        ("..\\..\\victim.txt", victim),
        ("./../../victim.txt", victim),
        (f"{COMPANY}/../../victim.txt", victim),
        ("../../victim.txt\n", victim),
        ("hard.md", hard),
        (f"{ROLE}.txt", stale),  # a real stale file: removed
    ]
    (company / "manifest.json").write_text(json.dumps(hostile_manifest(aims)), encoding="utf-8")
    earlier = listing(ws.out)
    result = stage(ws, "growth", "-c", COMPANY, "--prune")
    assert result.exit_code == 0, result.output
    assert victim.read_bytes() == b"victim\n"
    assert in_out.read_bytes() == b"beside the company folder\n"
    assert hard.read_bytes() == b"hard link\n"
    after = listing(ws.out)
    gone = sorted(set(earlier) - set(after))
    assert gone == [f"{COMPANY}/{ROLE}.txt", f"{COMPANY}/hard.md"], gone
    changed = [p for p in earlier if p in after and after[p] != earlier[p]]
    assert changed == [f"{COMPANY}/manifest.json"], changed


@needs_symlinks
def test_prune_does_not_remove_through_a_file_link(ws: Workspace, tmp_path: Path) -> None:
    """The manifest lists `evil.md`, a link to a file outside with the right hash: the
    link and the file stay."""
    victim = tmp_path / "victim.md"
    victim.write_bytes(b"victim\n")
    link = ws.out / COMPANY / "evil.md"
    link.symlink_to(victim)
    manifest = hostile_manifest([("evil.md", victim)])
    (ws.out / COMPANY / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = stage(ws, "growth", "-c", COMPANY, "--prune")
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert victim.read_bytes() == b"victim\n"


@needs_symlinks
def test_prune_through_a_linked_company_folder_is_refused(ws: Workspace, tmp_path: Path) -> None:
    """`out/furrowlight -> /elsewhere` whose manifest lists /elsewhere's files: pruning
    would delete them outside the output folder. Refused naming the link."""
    elsewhere = tmp_path / "elsewhere"
    shutil.move(ws.out / COMPANY, elsewhere)
    (ws.out / COMPANY).symlink_to(elsewhere, target_is_directory=True)
    manifest = hostile_manifest([(f"{ROLE}.md", elsewhere / f"{ROLE}.md")])
    (elsewhere / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    outside = listing(elsewhere)
    result = stage(ws, "growth", "-c", COMPANY, "--prune")
    assert_link_refused(result, ws.out / COMPANY)
    assert listing(elsewhere) == outside


# --- 8. input files reaching outside the workspace --------------------------------------------

OUTSIDE = r"outside the workspace|link"


@needs_symlinks
@pytest.mark.parametrize(
    ("folder", "name", "command"),
    [
        pytest.param("roles", "evil.yaml", ("generate", "evil", "-c", COMPANY), id="new-role"),
        pytest.param("roles", f"{ROLE}.yaml", ("generate", ROLE, "-c", COMPANY), id="role"),
        pytest.param("roles", "evil.yaml", ("list", "roles"), id="list-roles"),
        pytest.param(
            "company_profiles", "evil.yaml", ("generate", ROLE, "-c", "evil"), id="profile"
        ),
    ],
)
def test_yaml_file_linked_outside_is_refused(
    ws: Workspace, before: Any, tmp_path: Path, folder: str, name: str, command: tuple[str, ...]
) -> None:
    """`roles/evil.yaml -> /tmp/.../outside.yaml`: refused naming the file; exit 2."""
    link = ws.root / folder / name
    source = ws.role_file() if folder == "roles" else ws.profile_file()
    outside = tmp_path / "outside.yaml"
    shutil.copy(source, outside)
    link.unlink(missing_ok=True)
    link.symlink_to(outside)
    extra = ("-o", str(ws.out)) if command[0] == "generate" else ()
    result = ws.run(*command, *extra)
    assert_refused(result, names=f"{folder}/{name}", says=OUTSIDE)
    nothing_written(ws, before)


LOGO_PATHS = [
    pytest.param("../../outside.png", "outside the workspace", id="dotdot"),
    pytest.param("brindle-ledger/../../../outside.png", "outside the workspace", id="down-up"),
    pytest.param("ABSOLUTE", "expected a path relative", id="absolute"),
    pytest.param("~/outside.png", "expected a path relative", id="home"),
    pytest.param("brindle-ledger/link.png", "outside the workspace", id="file-link"),
    pytest.param("linked/logo.png", "outside the workspace", id="folder-link"),
]


@needs_symlinks
@pytest.mark.parametrize(("logo", "says"), LOGO_PATHS)
def test_logo_outside_the_workspace_is_refused(
    ws: Workspace, before: Any, tmp_path: Path, logo: str, says: str
) -> None:
    """`brand.logo:` aiming outside the workspace (by `..`, an absolute path or a link):
    exit 2 naming file:line and the field; the image is never read into a page."""
    png = tmp_path / "outside.png"
    shutil.copy(ws.profiles / "brindle-ledger" / "logo.png", png)
    (ws.profiles / "brindle-ledger" / "link.png").symlink_to(png)
    elsewhere = tmp_path / "logos"
    elsewhere.mkdir()
    shutil.copy(png, elsewhere / "logo.png")
    (ws.profiles / "linked").symlink_to(elsewhere, target_is_directory=True)
    profile = ws.profile_file("brindle-ledger")
    logo = str(png) if logo == "ABSOLUTE" else logo
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("logo: brindle-ledger/logo.png", f"logo: {logo}"))
    line = line_of(profile, "logo: ")
    result = ws.generate(company="brindle-ledger")
    assert_refused(
        result, names=[f"company_profiles/brindle-ledger.yaml:{line}:", "brand.logo:"], says=says
    )
    nothing_written(ws, before)


TEMPLATE_PATHS = [
    pytest.param("../../outside-templates", "outside the workspace", id="dotdot"),
    pytest.param(
        "carrowmere-health/../../../outside-templates", "outside the workspace", id="down-up"
    ),
    pytest.param("ABSOLUTE", "expected a path relative", id="absolute"),
    pytest.param("linked-templates", "outside the workspace", id="folder-link"),
]


@needs_symlinks
@pytest.mark.parametrize(("folder", "says"), TEMPLATE_PATHS)
def test_templates_folder_outside_the_workspace_is_refused(
    ws: Workspace, before: Any, tmp_path: Path, folder: str, says: str
) -> None:
    """`templates:` aiming outside the workspace: exit 2 naming file:line and the field;
    no template from there is ever compiled."""
    outside = tmp_path / "outside-templates"
    shutil.copytree(ws.profiles / "carrowmere-health" / "templates", outside)
    (ws.profiles / "linked-templates").symlink_to(outside, target_is_directory=True)
    folder = str(outside) if folder == "ABSOLUTE" else folder
    profile = ws.profile_file("carrowmere-health")
    with profile.open("a", encoding="utf-8") as handle:
        handle.write(f"templates: {folder}\n")
    line = line_of(profile, "templates: ")
    result = ws.generate(company="carrowmere-health")
    assert_refused(
        result, names=[f"company_profiles/carrowmere-health.yaml:{line}:", "templates:"], says=says
    )
    nothing_written(ws, before)


@needs_symlinks
@pytest.mark.parametrize(
    ("where", "company"),
    [
        pytest.param("company_profiles/carrowmere-health/templates", "carrowmere-health",
                     id="company-folder"),
        pytest.param("templates/posting.md.j2", COMPANY, id="template-file"),
    ],
)  # fmt: skip
def test_template_linked_outside_is_refused(
    ws: Workspace, before: Any, tmp_path: Path, where: str, company: str
) -> None:
    """A company's own templates folder, or a workspace template, that is a link to
    outside: refused like `templates: linked` is, naming the link."""
    link = ws.root / where
    outside = tmp_path / "outside"
    shutil.move(link, outside)
    link.symlink_to(outside, target_is_directory=outside.is_dir())
    result = ws.generate(company=company)
    assert_refused(result, names=where, says=OUTSIDE)
    nothing_written(ws, before)
