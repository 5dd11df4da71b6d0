"""Models kept checked between runs: the same model as a fresh read, or a fresh read."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from jobgen.errors import InputError
from jobgen.inputs import loader, model_cache, translations, yaml_read
from jobgen.inputs.catalog import Catalog
from jobgen.inputs.models import Company
from jobgen.inputs.workspace import Workspace, builtin_root

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("JOBGEN_NO_CACHE", raising=False)
    monkeypatch.setattr(model_cache, "_writes", 0)
    monkeypatch.setattr(model_cache, "_lookups", 0)
    return tmp_path / "cache"


def entries(cache_home: Path) -> list[Path]:
    return sorted(cache_home.glob("jobgen/models-*/*.json"))


@pytest.fixture
def no_yaml(monkeypatch: pytest.MonkeyPatch):
    """Reading a file from YAML fails the test: what follows must come from the cache."""

    def refuse(*args, **kwargs):
        raise AssertionError("read from YAML, not from the cache")

    def install() -> None:
        monkeypatch.setattr(yaml_read, "read_node", refuse)

    return install


def load_everything(workspace: Workspace):
    catalog = Catalog(workspace)
    config, roles, companies = catalog.load()
    return config, roles, companies, catalog.load_openings(config, companies)


def test_every_built_in_file_comes_back_equal_without_yaml(cache_home, no_yaml):
    workspace = Workspace(None, (builtin_root(),))
    first = load_everything(workspace)
    assert len(entries(cache_home)) >= 10 + 3 + 1  # roles, profiles, jobgen.yaml, openings
    no_yaml()
    again = load_everything(workspace)
    assert again == first
    _, _, companies, openings = again
    assert isinstance(companies["brindle-ledger"], Company)
    assert type(companies["brindle-ledger"].locations) is tuple
    assert openings["brindle-ledger"]  # openings, with their fields' places, too


def copy_profile(tmp_path: Path, name: str = "brindle-ledger") -> Path:
    folder = tmp_path / "ws" / "company_profiles"
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "company_profiles" / f"{name}.yaml", folder)
    shutil.copytree(ROOT / "company_profiles" / name, folder / name)
    return folder / f"{name}.yaml"


def read(path: Path) -> tuple[Company | None, list, list]:
    problems: list = []
    refs: list = []
    return loader.load_company(path, problems, refs), problems, refs


def test_references_come_back_with_their_positions(cache_home, tmp_path, no_yaml):
    path = copy_profile(tmp_path)
    model, problems, refs = read(path)
    assert problems == [] and refs
    no_yaml()
    assert read(path) == (model, [], refs)


def test_an_edited_file_is_read_again(cache_home, tmp_path):
    path = copy_profile(tmp_path)
    assert read(path)[0].name == "Brindle Ledger"
    path.write_text(path.read_text().replace("name: Brindle Ledger", "name: Brindle Two", 1))
    assert read(path)[0].name == "Brindle Two"


def test_a_file_with_a_problem_is_never_kept(cache_home, tmp_path):
    path = copy_profile(tmp_path)
    path.write_text(path.read_text().replace("name: Brindle Ledger", "name: [a list]", 1))
    for _ in range(2):
        model, problems, _ = read(path)
        assert model is None and problems
    assert entries(cache_home) == []


@pytest.mark.parametrize("change", ["replaced", "removed", "grown"])
def test_a_changed_logo_is_checked_again(cache_home, tmp_path, change):
    path = copy_profile(tmp_path)
    assert read(path)[1] == []
    logo = path.parent / "brindle-ledger" / "logo.png"
    if change == "replaced":
        logo.write_bytes(b"not an image at all")
    elif change == "removed":
        logo.unlink()
    else:
        logo.write_bytes(logo.read_bytes() + b"\0" * (2 * 1024 * 1024))
    model, problems, _ = read(path)
    assert model is None
    assert [p.field for p in problems] == ["brand.logo"]


def test_a_logo_folder_that_now_leads_elsewhere_is_checked_again(cache_home, tmp_path):
    path = copy_profile(tmp_path)
    assert read(path)[1] == []
    own = path.parent / "brindle-ledger"
    own.rename(path.parent / "elsewhere")
    own.mkdir()
    (path.parent / "elsewhere" / "openings").rename(own / "openings")
    (own / "logo.png").symlink_to(tmp_path / "missing.png")
    model, problems, _ = read(path)
    assert model is None and problems[0].field == "brand.logo"


def corrupt(entry: Path, change) -> None:
    _, _, text = entry.read_text(encoding="utf-8").partition("\n")
    text = change(text)
    entry.write_text(f"{zlib.crc32(text.encode()):08x}\n{text}", encoding="utf-8")


@pytest.mark.parametrize(
    "name",
    ["subprocess:Popen", "os:system", "jobgen.inputs.loader:Path", "jobgen.inputs.models:T"],
)
def test_an_entry_naming_any_other_class_is_not_believed(cache_home, tmp_path, name):
    path = copy_profile(tmp_path)
    model = read(path)[0]
    (entry,) = entries(cache_home)
    corrupt(entry, lambda text: text.replace("jobgen.inputs.models:Company", name))
    assert read(path)[0] == model  # read afresh from the file


def forged(text: str) -> str:
    return text.replace('"Brindle Ledger"', '"Forged"')


def test_a_forged_entry_for_these_very_bytes_would_be_believed(cache_home, tmp_path):
    """What the damage cases below rely on: a well-formed entry is used as it is (the
    folder is the user's own, mode 0700, as for every cache of jobgen's)."""
    path = copy_profile(tmp_path)
    read(path)
    (entry,) = entries(cache_home)
    corrupt(entry, forged)
    assert read(path)[0].name == "Forged"
    assert entry.parent.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry: entry.write_bytes(entry.read_bytes()[:200]),  # cut short
        lambda entry: entry.write_text("00000000\n[]"),  # another shape
        # A sound entry for other bytes (a checksum computed over the file as it was).
        lambda entry: corrupt(entry, lambda text: forged(text).replace("brindle-ledger.", "x.", 1)),
        lambda entry: corrupt(
            entry,
            lambda text: forged(text).replace(f'[["key", "{model_cache.FORMAT} ', '[["key", "0 '),
        ),
    ],
    ids=["cut-short", "foreign", "other-key", "other-format"],
)
def test_a_damaged_entry_costs_only_a_read(cache_home, tmp_path, damage):
    path = copy_profile(tmp_path)
    model = read(path)[0]
    (entry,) = entries(cache_home)
    damage(entry)
    assert read(path)[0] == model


def test_the_entry_names_no_code_and_holds_no_pickle(cache_home, tmp_path):
    path = copy_profile(tmp_path)
    read(path)
    (entry,) = entries(cache_home)
    data = json.loads(entry.read_text(encoding="utf-8").partition("\n")[2])
    names = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            if "m" in value:
                names.add(value["m"].split(":")[0])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    assert names <= {"jobgen.errors"} | {n for n in names if n.startswith("jobgen.inputs.")}


def test_a_run_reading_more_files_than_are_kept_writes_no_more(cache_home, monkeypatch):
    monkeypatch.setattr(model_cache, "KEPT", 2)
    workspace = Workspace(None, (builtin_root(),))
    Catalog(workspace).load(["ai-ml-engineer", "ai-architect", "mlops-engineer"], [])
    assert len(entries(cache_home)) == 2  # jobgen.yaml and the first role; then none


def test_the_oldest_entries_go_past_the_limit(cache_home, tmp_path, monkeypatch):
    Catalog(Workspace(None, (builtin_root(),))).load(None, [])
    old = entries(cache_home)
    for age, entry in enumerate(old):
        os.utime(entry, ns=(age * 10**9, age * 10**9))
    monkeypatch.setattr(model_cache, "KEPT", 3)
    monkeypatch.setattr(model_cache, "_writes", 499)
    monkeypatch.setattr(model_cache, "_lookups", 0)
    read(copy_profile(tmp_path))  # the 500th entry this process writes: the folder is pruned
    new = [entry for entry in entries(cache_home) if entry not in old]
    assert len(new) == 1
    assert entries(cache_home) == sorted([*old[-2:], *new])


def test_no_cache_reads_every_time(cache_home, tmp_path, monkeypatch):
    monkeypatch.setenv("JOBGEN_NO_CACHE", "1")
    path = copy_profile(tmp_path)
    read(path)
    read(path)
    assert entries(cache_home) == []


def test_a_problem_found_across_files_is_still_found(cache_home, tmp_path):
    """References are kept with the model and checked against the other files each run."""
    path = copy_profile(tmp_path)
    workspace = Workspace(tmp_path / "ws", (tmp_path / "ws", builtin_root()))
    Catalog(workspace).load(None, ["brindle-ledger"])  # kept
    role = tmp_path / "ws" / "roles"
    role.mkdir()
    (role / "ai-ml-engineer.yaml").write_text("not: [a role\n")  # the stage's role, broken
    with pytest.raises(InputError):
        Catalog(workspace).load(None, ["brindle-ledger"])
    assert path.exists()


def test_a_generate_whose_files_are_kept_never_imports_yaml(tmp_path):
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PYTHONPATH": str(ROOT / "src"),
    }
    env.pop("JOBGEN_NO_CACHE", None)
    env.pop("JOBGEN_WORKSPACE", None)
    code = (
        "import sys\n"
        "from jobgen.cli import main\n"
        "try:\n"
        "    main(['generate', 'ai-ml-engineer', '--company', 'furrowlight', '-f', 'md',\n"
        f"          '--date', '2026-11-25', '-o', {str(tmp_path / 'out')!r}])\n"
        "except SystemExit as stop:\n"
        "    assert not stop.code, stop.code\n"
        "print('yaml' in sys.modules)\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
        )
        for _ in range(2)
    ]
    assert [run.stdout.split()[-1] for run in runs] == ["True", "False"], runs[-1].stderr


def test_a_file_saved_while_it_is_read_is_kept_under_the_bytes_read(
    cache_home, tmp_path, monkeypatch
):
    """The editor saves the profile between jobgen's read and its parse: the model of the
    old text must not be kept as the model of the new one."""
    path = copy_profile(tmp_path)
    old_text = path.read_text()
    new_text = old_text.replace("name: Brindle Ledger", "name: Saved Meanwhile", 1)
    read_node = yaml_read.read_node

    def save_then_parse(*args, **kwargs):
        path.write_text(new_text)
        return read_node(*args, **kwargs)

    monkeypatch.setattr(yaml_read, "read_node", save_then_parse)
    assert read(path)[0].name == "Brindle Ledger"  # what was read
    monkeypatch.setattr(yaml_read, "read_node", read_node)
    assert read(path)[0].name == "Saved Meanwhile"  # not the old model under the new bytes


# --- Translations -------------------------------------------------------------------


def copy_role_and_translation(tmp_path: Path) -> tuple[Path, Path]:
    roles = tmp_path / "ws" / "roles"
    (roles / "de-DE").mkdir(parents=True)
    shutil.copy(ROOT / "roles" / "ai-ml-engineer.yaml", roles)
    shutil.copy(ROOT / "roles" / "de-DE" / "ai-ml-engineer.yaml", roles / "de-DE")
    return roles / "ai-ml-engineer.yaml", roles / "de-DE" / "ai-ml-engineer.yaml"


def in_german(source: Path, translation: Path) -> tuple[object, list]:
    problems: list = []
    role = loader.load_role(source, problems, [])
    assert role is not None and problems == []
    found = translations.translate(role, source, translation, "en-US", "de-DE", problems)
    return (found.model if found is not None else None), problems


def test_a_translation_read_before_comes_back_equal_without_yaml(cache_home, tmp_path, no_yaml):
    source, translation = copy_role_and_translation(tmp_path)
    first, _ = in_german(source, translation)
    assert first.title == "AI/ML Engineer" and first.summary.startswith("Sie entwickeln")
    no_yaml()
    assert in_german(source, translation)[0] == first


def test_an_edited_translation_or_source_is_read_again(cache_home, tmp_path):
    source, translation = copy_role_and_translation(tmp_path)
    in_german(source, translation)
    text = translation.read_text()
    translation.write_text(text.replace("Sie entwickeln", "Sie bauen", 1))
    assert in_german(source, translation)[0].summary.startswith("Sie bauen")
    # The source's tools are not text: the translation keeps them from the source.
    english = source.read_text()
    assert "  - PyTorch\n" in english
    source.write_text(english.replace("  - PyTorch\n", "  - PyTorch\n  - JAX\n", 1))
    assert "JAX" in in_german(source, translation)[0].tools


def test_a_translation_with_a_problem_is_said_every_time(cache_home, tmp_path):
    source, translation = copy_role_and_translation(tmp_path)
    translation.write_text(translation.read_text() + "tools: [Keras]\n")  # not text
    for _ in range(2):
        model, problems = in_german(source, translation)
        assert model is None
        assert [p.message for p in problems] == [
            problems[0].message
        ] and "not text to translate" in problems[0].message


def test_a_digest_is_the_same_in_every_process(tmp_path):
    """A set's order follows the string hash, which differs between processes: the digest
    that keys a translation must not."""
    code = (
        "from jobgen.inputs import model_cache\n"
        "print(model_cache.digest({'s': frozenset('abcdefghij'), 't': (1, 'x')}))\n"
    )
    found = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(found) == 1 and len(found.pop().strip()) == 32
