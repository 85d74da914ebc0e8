from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moderator_app.base.csvsafe import FORMULA_START, SEPARATORS, csv_text
from moderator_app.spot.cuesheet import COLUMNS, cue_csv, cues, neutralise, write_cue_sheets
from moderator_app.spot.model import Spot, SpotClip, Template

HOSTILE = ['=HYPERLINK("http://x")', "+33 6 12", "-2+3", "@SUM(A1)", "\tcmd", "\rx"]
INJECTIONS = [
    "Jo;=1+1;x", "=cmd|' /C calc'!A0", "@SUM(1)", "+1", "-1+2", "\uff1d1+1", "Ana,=1+1", "x|=1",
    'Jo";"=1', "a;\t\t=2", "a; @x", "Zoé\n=3", "b\u2028-4", "c;\uff0b5", "d\r+6",
]  # fmt: skip


def _spot(recipients: list[str], senders: list[str]) -> Spot:
    spot = Spot(Template(), "spot-007")
    for slot, (recipient, sender) in enumerate(zip(recipients, senders, strict=True)):
        spot.place(slot, SpotClip(f"sub-{slot}", Path(f"/c/{slot}.mp4"), 12.0, True, True, recipient, sender))
    spot.fit()
    return spot


def _all_cells(text: str) -> list[str]:
    """Every cell a spreadsheet or a naive tool could make of ``text``: Python csv and a plain split, on
    ``,`` and ``;`` (and the other usual separators), with the quotes and blanks a split leaves stripped."""
    text = text.removeprefix("\ufeff")
    cells: list[str] = []
    for sep in (",", ";", "\t", "|"):
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=sep):
            cells.extend(row)
        for line in text.splitlines():
            cells.extend(line.split(sep))
    return cells


def _formula_cells(text: str) -> list[str]:
    """Cells that start a formula, also once the blanks (tab and CR among them) and quotes in front are gone."""
    starts = tuple(FORMULA_START.replace("\t", "").replace("\r", ""))
    return [c for c in _all_cells(text) if c.lstrip().lstrip('"').lstrip().startswith(starts)]


@pytest.mark.parametrize("cell", HOSTILE)
def test_formula_starters_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


def test_plain_text_is_left_alone() -> None:
    for name in ("Hélène", "فاطمة", "Marie-Anne", "Jean-Luc d'Arc", "O'Brien; Jr", "Mamie 🌸"):
        assert neutralise(name) == name


def test_csv_cells_from_names_cannot_run_as_formulas() -> None:
    spot = _spot(HOSTILE[:3], HOSTILE[3:])
    rows = list(csv.DictReader(io.StringIO(cue_csv(cues(spot)), newline="")))
    names = [r["recipient_first_name"] for r in rows] + [r["sender_first_name"] for r in rows]
    assert names == ["'" + h for h in HOSTILE]
    assert rows[0]["title"].startswith("Pour")  # the title itself starts with P: untouched


@pytest.mark.parametrize("name", INJECTIONS)
def test_a_formula_after_any_separator_stays_text(tmp_path: Path, name: str) -> None:
    """Issue 15 item 6: ``Jo;=1+1;x`` opened by a French spreadsheet (``;``) must not run ``=1+1``."""
    csv_path, _ = write_cue_sheets(_spot([name, "Léa", "Ana"], ["Lucas", name, "Eve"]), tmp_path / "m.mxf")
    text = csv_path.read_bytes().decode("utf-8")
    assert _formula_cells(text) == []
    # still one row per slot, the name still readable with the right separator
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert [r["slot"] for r in rows] == ["1", "2", "3"]
    assert rows[0]["recipient_first_name"].replace("'", "") == name.replace("'", "")


def test_the_check_itself_sees_an_unquoted_formula() -> None:
    """The old writer (quote only at the start) would pass ``Jo;=1+1;x`` through: the check must see it."""
    assert _formula_cells('"spot","Jo;=1+1;x"\r\n') == ["=1+1"] * 2
    assert _formula_cells('"a","\'=1"\r\n') == []


def test_every_cell_is_quoted_with_crlf_and_bom(tmp_path: Path) -> None:
    csv_path, _ = write_cue_sheets(_spot(["Hélène", "Ana", "Bo"], ["Lucas", "Léa", "Eve"]), tmp_path / "m.mxf")
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8").removeprefix("\ufeff").split("\r\n")
    assert lines[-1] == "" and len(lines) == 5
    assert lines[0] == ",".join(f'"{c}"' for c in COLUMNS)
    for line in lines[:-1]:
        assert line.startswith('"') and line.endswith('"') and '",' not in line.replace('","', "")


@settings(max_examples=max(200, settings.default.max_examples), deadline=None)
@given(st.lists(st.lists(st.text(alphabet=st.sampled_from(FORMULA_START + SEPARATORS + " \"'ax1é"), max_size=12),
                         min_size=1, max_size=4), min_size=1, max_size=4))
def test_no_text_ever_reaches_a_spreadsheet_as_a_formula(rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    text = csv_text([f"c{i}" for i in range(width)], rows)
    assert _formula_cells(text) == []
    # and the proper reader gets every cell back, give or take the neutralising quotes
    parsed = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))[1:]
    assert [[c.replace("'", "") for c in r] for r in parsed] == [[c.replace("'", "") for c in r] for r in rows]


def test_cue_sheets_next_to_the_master(tmp_path: Path) -> None:
    master = tmp_path / "spot-007_tf1-pad.mxf"
    csv_path, json_path = write_cue_sheets(
        _spot(["Hélène", "فاطمة", "Mamie 🌸"], ["Lucas", "يوسف", "Léa"]), master
    )
    assert csv_path == tmp_path / "spot-007_tf1-pad.cues.csv"
    text = csv_path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["slot"] for r in rows] == ["1", "2", "3"]
    assert [r["submission_id"] for r in rows] == ["sub-0", "sub-1", "sub-2"]
    assert rows[0]["record_in"] == "00:00:02:00"
    assert rows[2]["record_out"] == "00:00:27:00"
    document = json.loads(json_path.read_text(encoding="utf-8"))
    assert document["spot_id"] == "spot-007" and document["total_frames"] == 750
    assert document["cues"][1]["recipient_first_name"] == "فاطمة"
    assert document["cues"][2]["sender_first_name"] == "Léa"
    assert not list(tmp_path.glob(".*.part"))
