"""Text output cannot be steered by what a record contains; JSON output is what json.dumps writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moderator_app.cli import main
from moderator_app.cli.output import clean, one_line, print_json, say, warn
from tests.conftest import age_files

HOSTILE = [
    ("\x1b[31mred\x1b[0m", "red"),  # colours
    ("a\x1b[2J\x1b[Hb", "ab"),  # erase screen, cursor home
    ("a\x1b[1;31;48;5;196mb", "ab"),  # long parameter list
    ("\x1b]0;pwned\x07title", "title"),  # window title, BEL-terminated
    ("\x1b]0;pwned\x1b\\title", "title"),  # window title, ST-terminated
    ("\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\", "click"),  # hyperlink
    ("\x1bP+q544e\x1b\\x", "x"),  # DCS request
    ("\x1b_apc\x1b\\x", "x"),  # APC string
    ("a\x1b(0b", "ab"),  # charset switch
    ("a\x1bcb", "ab"),  # full reset
    ("trailing\x1b", "trailing"),  # lone ESC
    ("\x9b31mC1 CSI", "C1 CSI"),  # 8-bit CSI
    ("\x9d0;t\x9cok", "ok"),  # 8-bit OSC ended by 8-bit ST
    ("over\rwrite\bx\x7f\x00\x07", "overwritex"),  # CR, backspace, DEL, NUL, BEL
    ("next\x85line", "nextline"),  # NEL (C1)
    ("tab\tkept", "tab\tkept"),
    ("فاطمة الزهراء — Hélène", "فاطمة الزهراء — Hélène"),  # names are not control characters
]


@pytest.mark.parametrize(("raw", "shown"), HOSTILE)
def test_clean_removes_escape_sequences_and_control_characters(raw: str, shown: str) -> None:
    assert clean(raw) == shown


def test_clean_keeps_newlines_one_line_does_not() -> None:
    assert clean("a\nb") == "a\nb"
    assert one_line("a\nb\u2028c\r\nd") == "a b c d"


def test_a_value_cannot_forge_a_line_of_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    say("quarantined  inbox/x.json\nadded        sub-forged\r: broken JSON")
    warn("refused: x.json\nerror: forged\x1b[1A\x1b[2K")
    out, err = capsys.readouterr()
    assert out == "quarantined  inbox/x.json added        sub-forged: broken JSON\n"
    assert err == "refused: x.json\n  error: forged\n", "further lines of a message are indented"


def test_json_is_written_as_json_dumps_writes_it(capsys: pytest.CaptureFixture[str]) -> None:
    value = {"source": "inbox/\x1b[31mx\n.json", "name": "فاطمة", "n": [1, 2.5, None, True]}
    print_json(value)
    out = capsys.readouterr().out
    assert out == json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    assert json.loads(out) == value, "a script still sees the exact file name"


def test_a_hostile_record_file_name_reaches_the_terminal_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    name = "evil\x1b]0;owned\x07\x1b[2J\nadded        sub-forged\r.json"
    (inbox / name).write_text("{broken", encoding="utf-8")
    age_files(inbox)
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "sync", "--inbox", str(inbox)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == ["quarantined"], out
    assert not any(line.startswith("added") for line in lines)
    assert "\x1b" not in out and "\r" not in out
    assert "evil added        sub-forged.json" in lines[0]

    assert main(["--data-dir", data, "list", "--json"]) == 0
    [item] = json.loads(capsys.readouterr().out)
    assert item["source"] == f"inbox/{name}", "JSON keeps the name exactly"
    assert main(["--data-dir", data, "list"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_bidi_overrides_and_tabs_cannot_disguise_a_name(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 15 item 8: RIGHT-TO-LEFT OVERRIDE would show ``x\\u202eNOSJ.exe`` as ``xexe.JSON``."""
    assert clean("x\u202eNOSJ.exe\u2066a\u2069\u202a\u202b\u202c\u202d") == "xNOSJ.exea"
    say("quarantined  inbox/a\tb\u202e.json")
    assert capsys.readouterr().out == "quarantined  inbox/a b.json\n"
    assert clean("فاطمة\u200cعلي") == "فاطمة\u200cعلي", "a zero-width non-joiner is part of a name"
