"""``flags``: the campaign's flags with which block, set from the command line, unknown codes refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moderator_app.cli import main


def blocking(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return [f["code"] for f in json.loads(capsys.readouterr().out) if f["blocking"]]


def test_show_set_and_refuse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "flags", "--json"]) == 0
    assert blocking(capsys) == ["minor_shown", "personal_data"]
    assert main(["--data-dir", data, "flags", "--blocking", "third_party", "minor_shown", "--json"]) == 0
    assert blocking(capsys) == ["minor_shown", "third_party"]
    assert main(["--data-dir", data, "flags", "--blocking", "<script>"]) == 4
    err = capsys.readouterr().err
    assert "unknown flag" in err and "offensive_language" in err
    assert main(["--data-dir", data, "flags", "--blocking"]) == 0
    out = capsys.readouterr().out
    assert "blocking" not in out and "Wrong recipient name" in out
