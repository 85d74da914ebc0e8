from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from moderator_app.spot.cuesheet import cue_csv, cues, neutralise, write_cue_sheets
from moderator_app.spot.model import Spot, SpotClip, Template

HOSTILE = ['=HYPERLINK("http://x")', "+33 6 12", "-2+3", "@SUM(A1)", "\tcmd", "\rx"]


def _spot(recipients: list[str], senders: list[str]) -> Spot:
    spot = Spot(Template(), "spot-007")
    for slot, (recipient, sender) in enumerate(zip(recipients, senders, strict=True)):
        spot.place(slot, SpotClip(f"sub-{slot}", Path(f"/c/{slot}.mp4"), 12.0, True, True, recipient, sender))
    spot.fit()
    return spot


@pytest.mark.parametrize("cell", HOSTILE)
def test_formula_starters_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


def test_plain_text_is_left_alone() -> None:
    assert neutralise("Hélène") == "Hélène"
    assert neutralise("فاطمة") == "فاطمة"


def test_csv_cells_from_names_cannot_run_as_formulas() -> None:
    spot = _spot(HOSTILE[:3], HOSTILE[3:])
    rows = list(csv.DictReader(io.StringIO(cue_csv(cues(spot)))))
    names = [r["recipient_first_name"] for r in rows] + [r["sender_first_name"] for r in rows]
    assert names == ["'" + h for h in HOSTILE]
    assert rows[0]["title"].startswith("Pour")  # the title itself starts with P: untouched


def test_cue_sheets_next_to_the_master(tmp_path: Path) -> None:
    master = tmp_path / "spot-007_tf1-pad.mxf"
    csv_path, json_path = write_cue_sheets(
        _spot(["Hélène", "فاطمة", "Mamie 🌸"], ["Lucas", "يوسف", "Léa"]), master
    )
    assert csv_path == tmp_path / "spot-007_tf1-pad.cues.csv"
    text = csv_path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["slot"] for r in rows] == ["1", "2", "3"]
    assert [r["submission_id"] for r in rows] == ["sub-0", "sub-1", "sub-2"]
    assert rows[0]["record_in"] == "00:00:02:00"
    assert rows[2]["record_out"] == "00:00:27:00"
    document = json.loads(json_path.read_text(encoding="utf-8"))
    assert document["spot_id"] == "spot-007" and document["total_frames"] == 750
    assert document["cues"][1]["recipient_first_name"] == "فاطمة"
    assert document["cues"][2]["sender_first_name"] == "Léa"
    assert not list(tmp_path.glob(".*.part"))
