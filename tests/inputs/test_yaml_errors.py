"""YAML syntax errors in plain words, at the line to change, from either of PyYAML's
parsers (the C one jobgen uses when PyYAML has it, and the Python one)."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from jobgen.cli import main
from jobgen.inputs.yaml_errors import explain

PARSERS = [yaml.SafeLoader, *([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])]
CASES = [
    # (the file, line:column to change, the start of the message)
    ("apply:\n  url: https://a.example\n email: b@c.example\n", "3:2",
     "this line is indented by 1 space, unlike the lines around it; YAML reads indentation as "
     "structure: indent it by 2 (like url:) or by 0 (like apply:)"),
    ("name: X\n  stage: early\n", "2:3",
     "this line is indented more than the key above it, so YAML reads it as part of that "
     "key's value"),
    ("benefits:\n  - a\n - b\n", "3:2", "this line is indented by 1 space"),
    ("locations:\n  - city: Denver\n  region: CO\n", "3:3",
     "this line sits among the list items above but has no '- ': indent it by 4 "
     "(like city:) if it belongs to the item above, or by 0 (like locations:) if it is a new "
     "key"),
    ("title: Engineer: ML\n", "1:16",
     "a ': ' inside a value: put the value in quotes, like title: \"Engineer: ML\""),
    ("name X\nstage: early\n", "1:1", "this line has no ':' after its key (write name: X)"),
    ("name: X\nstage early  # the stage\nother: 1\n", "2:1",
     "this line has no ':' after its key (write stage: early);"),
    ("steps:\n  - name: Ride along\n    who: x\n - name: Write it down\n", "4:2",
     "this line is indented by 1 space, unlike the lines around it; YAML reads indentation as "
     "structure: indent it by 2 (like - name: Ride along)"),
    ("steps:\n  - a long item of plain words here\n - b\n", "3:2",
     "this line is indented by 1 space, unlike the lines around it; YAML reads indentation as "
     "structure: indent it by 2 (like - a long item of…)"),
    ("name: X\nstage early\nother: 1\n", "2:1", "this line has no ':' after its key"),
    ('name: "X\nstage: early\n', "1:7", 'a " opened here is never closed'),
    ('name: "Acme\nstage: early\nmission: a "b" c\n', "1:7",
     'a " opened here is not closed on its line, so YAML reads on to the next "; close it'),
    ("name: 'Acme\nstage: early\nabout: It's ours\n", "1:7",
     "a ' opened here is not closed on its line"),
    ('benefits:\n  - "Good pay\n  - Time off\nname: "x"\n', "2:5",
     'a " opened here is not closed on its line'),
    ("stack: [AWS, PyTorch\nname: x\n", "1:8", "the [ opened here is not closed with ]"),
    ("title: *star\n", "1:8", "'*' starts a YAML alias, and this one is an undefined alias; "
     "put the value in quotes: \"*star\""),
    ("benefits:\n  - * Great\n", "2:5", "'*' starts a YAML alias (*name), not text; put the "
     "value in quotes: \"* Great\""),
    ("benefits:\n  - & more\n", "2:5", "'&' starts a YAML anchor (&name), not text"),
    ("mission: *every* carrier\n", "1:10", "'*' starts a YAML alias (*name), not text; put "
     "the value in quotes: \"*every* carrier\""),
    ("name: x\ntitle: [\n", "2:8", "the [ opened here is not closed with ]"),
    ("title: @home\n", "1:8", "YAML reserves '@' at the start of a value"),
    ('title: "Senior" Engineer\n', "1:17", "text follows a quoted value on this line"),
    ("about: >-\n  text here\n mission: x\n", "3:2",
     "this line is indented by 1 space, unlike the lines around it; YAML reads indentation as "
     "structure: indent it by 0 (like about:)"),
]  # fmt: skip


@pytest.mark.parametrize("loader", PARSERS, ids=lambda loader: loader.__name__)
@pytest.mark.parametrize(("text", "where", "message"), CASES)
def test_each_usual_mistake_is_named_at_its_line(loader, text, where, message):
    with pytest.raises(yaml.MarkedYAMLError) as error:
        yaml.compose(text, Loader=loader)
    explained = explain(error.value, text)
    assert f"{explained.line}:{explained.column}" == where
    assert explained.message.startswith(message), explained.message
    assert "while parsing" not in explained.message and "<block" not in explained.message


@pytest.mark.parametrize("loader", PARSERS, ids=lambda loader: loader.__name__)
@pytest.mark.parametrize("after", ["", "  - city: Austin\n", "pay: {}\n"])
def test_a_key_among_list_items_is_told_the_indentation_of_the_items_keys(loader, after):
    """Between the item's keys (4) and the list (2): each parser words it its own way,
    and both name 4 first and never the dash's level, which would need a dash."""
    text = "locations:\n  - city: Denver\n   region: CO\n" + after
    with pytest.raises(yaml.MarkedYAMLError) as error:
        yaml.compose(text, Loader=loader)
    explained = explain(error.value, text)
    assert (explained.line, explained.column) == (3, 4)
    assert "indent it by 4 (like city:)" in explained.message, explained.message
    assert "- city" not in explained.message


def test_check_prints_the_plain_message_with_the_file_and_line(tmp_path):
    (tmp_path / "jobgen.yaml").write_text("")
    (tmp_path / "company_profiles").mkdir()
    (tmp_path / "company_profiles" / "acme.yaml").write_text(
        "name: Acme\napply:\n  url: https://acme.example\n email: jobs@acme.example\n"
    )
    result = CliRunner().invoke(main, ["-w", str(tmp_path), "check"])
    assert result.exit_code == 2
    assert "company_profiles/acme.yaml:4:2: YAML syntax: this line is indented by 1 space" in (
        result.stderr
    )
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("*Great 401k", "2:5: YAML syntax: '*' starts a YAML alias; put the value in quotes: "
         '"*Great 401k"'),
        ("&Co benefits for all", "2:5: '&Co' starts a YAML anchor, so this value reads "
         "'benefits for all'; put the value in quotes: \"&Co benefits for all\""),
    ],
)  # fmt: skip
def test_a_list_item_starting_with_an_alias_or_an_anchor_is_said(tmp_path, item, message):
    """`- &Co benefits` is valid YAML that reads "benefits": it must not pass in silence."""
    (tmp_path / "jobgen.yaml").write_text("")
    (tmp_path / "company_profiles").mkdir()
    (tmp_path / "company_profiles" / "acme.yaml").write_text(f"benefits:\n  - {item}\n")
    result = CliRunner().invoke(main, ["-w", str(tmp_path), "check"])
    assert result.exit_code == 2
    assert f"company_profiles/acme.yaml:{message}" in result.stderr, result.stderr


def test_an_anchor_an_alias_uses_is_yaml_as_usual(tmp_path):
    from jobgen.inputs.yaml_read import _beyond_limits

    assert _beyond_limits("a: &range 5\nb: *range\nc: A &Co plan\n") is None


@pytest.mark.parametrize("loader", PARSERS, ids=lambda loader: loader.__name__)
@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('d: |\n  Our motto: "move fast\n  and fix things"\ntitle: Lead\nbad line here\nx: 1\n', 5),
        ('summary: "We build\n  things"\ntitle: Lead\nbad line here\nx: 1\n', 4),
        ("a: 'it''s\n  fine'\nb: c: d\n", 3),
    ],
)
def test_a_valid_quoted_or_block_text_above_is_not_blamed(loader, text, line):
    """A quote is blamed only when its value swallowed lines that read as keys: a quoted
    text over lines of prose, or a quote inside a block text, is valid YAML."""
    with pytest.raises(yaml.MarkedYAMLError) as error:
        yaml.compose(text, Loader=loader)
    assert explain(error.value, text).line == line
