"""find_workspace and the layering of a user's workspace over the built-in one."""

from __future__ import annotations

from pathlib import Path

import pytest
from validation_helpers import REPO, ROLE_IDS, edit

from jobgen.errors import UsageError
from jobgen.inputs.workspace import CONFIG_NAME, ENV_VAR, Workspace, builtin_root, find_workspace


@pytest.fixture(autouse=True)
def _no_workspace_from_the_environment(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)


@pytest.fixture
def builtin() -> Path:
    return builtin_root().resolve()


def make_workspace(root: Path, config: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    if config:
        (root / CONFIG_NAME).write_text((REPO / CONFIG_NAME).read_text(encoding="utf-8"))
    return root


def no_config_above(folder: Path) -> bool:
    return not any((parent / CONFIG_NAME).is_file() for parent in (folder, *folder.parents))


def test_the_builtin_root_holds_the_builtin_workspace(builtin):
    assert (builtin / CONFIG_NAME).is_file()
    assert (builtin / "roles" / "ai-ml-engineer.yaml").is_file()
    assert (builtin / "company_profiles").is_dir()
    assert (builtin / "templates").is_dir()


# --- Choosing the workspace ------------------------------------------------------------


@pytest.mark.parametrize("as_type", [str, Path])
def test_an_explicit_folder_is_the_workspace(tmp_path, builtin, as_type):
    root = make_workspace(tmp_path / "mine")
    workspace = find_workspace(as_type(root), start=tmp_path)
    assert workspace.root == root.resolve()
    assert workspace.layers == (root.resolve(), builtin)
    assert workspace.base == root.resolve()


def test_an_explicit_folder_needs_no_config_file(tmp_path, builtin):
    root = make_workspace(tmp_path / "mine", config=False)
    workspace = find_workspace(root)
    assert workspace.layers == (root.resolve(), builtin)
    assert workspace.config_path() == builtin / CONFIG_NAME


def test_a_relative_explicit_folder_is_taken_from_the_current_folder(tmp_path, monkeypatch):
    root = make_workspace(tmp_path / "mine")
    monkeypatch.chdir(tmp_path)
    assert find_workspace("mine").root == root.resolve()
    assert find_workspace("mine").root.is_absolute()


def test_a_tilde_in_the_explicit_folder_is_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    root = make_workspace(tmp_path / "mine")
    assert find_workspace("~/mine").root == root.resolve()


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_an_explicit_folder_that_does_not_exist_is_a_usage_error(tmp_path, kind):
    target = tmp_path / "nope"
    if kind == "file":
        target.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        find_workspace(target)
    expected = {
        "missing": f"workspace folder {str(target)!r} does not exist",
        "file": f"workspace {str(target)!r} is a file; give the folder that holds it",
    }
    assert str(caught.value) == expected[kind]
    assert caught.value.exit_code == 2


def test_the_environment_variable_names_the_workspace(tmp_path, monkeypatch, builtin):
    root = make_workspace(tmp_path / "from-env")
    elsewhere = make_workspace(tmp_path / "cwd")
    monkeypatch.setenv(ENV_VAR, str(root))
    workspace = find_workspace(start=elsewhere)
    assert workspace.root == root.resolve()
    assert workspace.layers == (root.resolve(), builtin)


def test_an_explicit_folder_beats_the_environment_variable(tmp_path, monkeypatch):
    explicit = make_workspace(tmp_path / "explicit")
    monkeypatch.setenv(ENV_VAR, str(make_workspace(tmp_path / "from-env")))
    assert find_workspace(explicit).root == explicit.resolve()


def test_a_missing_environment_workspace_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "gone"))
    with pytest.raises(UsageError, match="does not exist"):
        find_workspace(start=tmp_path)


def test_an_empty_environment_variable_is_ignored(tmp_path, monkeypatch):
    root = make_workspace(tmp_path / "ws")
    monkeypatch.setenv(ENV_VAR, "")
    assert find_workspace(start=root).root == root.resolve()


def test_the_search_starts_at_the_start_folder(tmp_path):
    root = make_workspace(tmp_path / "ws")
    assert find_workspace(start=root).root == root.resolve()


def test_the_search_goes_upwards(tmp_path):
    root = make_workspace(tmp_path / "ws")
    deep = root / "roles" / "drafts" / "more"
    deep.mkdir(parents=True)
    assert find_workspace(start=deep).root == root.resolve()


def test_the_nearest_workspace_wins(tmp_path):
    outer = make_workspace(tmp_path / "outer")
    inner = make_workspace(outer / "teams" / "inner")
    (inner / "sub").mkdir()
    assert find_workspace(start=inner / "sub").root == inner.resolve()
    assert find_workspace(start=outer / "teams").root == outer.resolve()


def test_the_search_starts_at_the_current_folder_by_default(tmp_path, monkeypatch):
    root = make_workspace(tmp_path / "ws")
    (root / "deeper").mkdir()
    monkeypatch.chdir(root / "deeper")
    assert find_workspace().root == root.resolve()


def test_a_folder_named_jobgen_yaml_is_refused_not_passed_over(tmp_path):
    root = make_workspace(tmp_path / "real")
    fake = root / "fake"
    (fake / CONFIG_NAME).mkdir(parents=True)
    with pytest.raises(UsageError, match=r"jobgen\.yaml is a folder"):
        find_workspace(start=fake)


def test_without_a_workspace_the_builtins_are_used(tmp_path, monkeypatch, builtin):
    if not no_config_above(tmp_path):
        pytest.skip(f"a {CONFIG_NAME} above {tmp_path} would be found")
    monkeypatch.chdir(tmp_path)
    workspace = find_workspace()
    assert workspace.root is None
    assert workspace.layers == (builtin_root(),)
    assert workspace.base.resolve() == tmp_path.resolve()
    assert workspace.config_path() == builtin_root() / CONFIG_NAME


def test_the_builtin_folder_as_workspace_is_not_layered_twice(builtin):
    workspace = find_workspace(builtin)
    assert workspace.root == builtin
    assert workspace.layers == (builtin,)
    assert len(workspace.template_dirs()) == 1


# --- Layering ---------------------------------------------------------------------------


def test_a_workspace_file_shadows_the_builtin_one_of_the_same_id(tmp_path, builtin):
    root = make_workspace(tmp_path / "ws")
    (root / "roles").mkdir()
    mine = root / "roles" / "ai-ml-engineer.yaml"
    mine.write_text((builtin / "roles" / "ai-ml-engineer.yaml").read_text(encoding="utf-8"))
    edit(mine, "title: AI/ML Engineer", "title: Machine Learning Engineer")
    (root / "roles" / "quantum-engineer.yaml").write_text("title: Q\n", encoding="utf-8")

    roles = find_workspace(root).files("roles")
    assert roles["ai-ml-engineer"] == root.resolve() / "roles" / "ai-ml-engineer.yaml"
    assert roles["mlops-engineer"] == builtin / "roles" / "mlops-engineer.yaml"
    assert roles["quantum-engineer"] == root.resolve() / "roles" / "quantum-engineer.yaml"
    assert list(roles) == sorted([*ROLE_IDS, "quantum-engineer"])


def test_a_workspace_without_a_folder_uses_the_builtin_files(tmp_path, builtin):
    root = make_workspace(tmp_path / "ws")
    workspace = find_workspace(root)
    assert workspace.files("roles") == {
        path.stem: path for path in sorted((builtin / "roles").glob("*.yaml"))
    }
    assert workspace.files("no-such-folder") == {}


def test_only_yaml_files_are_listed(tmp_path):
    root = make_workspace(tmp_path / "ws")
    (root / "company_profiles").mkdir()
    for name in ("notes.txt", "draft.yml", "README.md"):
        (root / "company_profiles" / name).write_text("x", encoding="utf-8")
    (root / "company_profiles" / "acme.yaml").write_text("name: Acme\n", encoding="utf-8")
    companies = find_workspace(root).files("company_profiles")
    assert "acme" in companies and "draft" in companies  # .yml counts too
    assert not {"notes", "README"} & set(companies)


def test_config_path_prefers_the_workspace(tmp_path):
    root = make_workspace(tmp_path / "ws")
    assert find_workspace(root).config_path() == root.resolve() / CONFIG_NAME


def test_template_dirs_put_the_workspace_first(tmp_path, builtin):
    root = make_workspace(tmp_path / "ws")
    assert find_workspace(root).template_dirs() == [builtin / "templates"]
    (root / "templates").mkdir()
    workspace = find_workspace(root)
    assert workspace.template_dirs() == [root.resolve() / "templates", builtin / "templates"]
    assert workspace.builtin_templates == builtin / "templates"


def test_a_workspace_object_can_be_built_directly(tmp_path):
    workspace = Workspace(tmp_path, (tmp_path, builtin_root()))
    assert workspace.base.resolve() == tmp_path.resolve()
    assert workspace.config_path() == builtin_root() / CONFIG_NAME


def test_a_workspace_sees_builtin_roles_but_not_the_sample_companies(tmp_path, builtin):
    root = make_workspace(tmp_path / "ws")
    workspace = find_workspace(root)
    assert list(workspace.files("roles")) == ROLE_IDS
    assert workspace.files("company_profiles") == {}
    assert list(find_workspace(builtin).files("company_profiles")) == [
        "brindle-ledger", "carrowmere-health", "furrowlight",
    ]  # fmt: skip
