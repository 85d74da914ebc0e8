"""The cue sheet delivered next to a master: which submission is where, for the schedule and the senders.

CSV cells go through ``base.csvsafe`` (every cell quoted, a formula start neutralised at the start and
after any separator): names come from the public, and a name such as ``=HYPERLINK(...)`` or
``Jo;=1+1;x`` must stay text when a producer opens the sheet in a spreadsheet, whatever separator it picks.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from moderator_app.base.csvsafe import csv_text, neutralise
from moderator_app.base.durable import write_atomic
from moderator_app.spot.model import Spot
from moderator_app.spot.timecode import timecode

__all__ = ["COLUMNS", "Cue", "cue_csv", "cue_json", "cues", "neutralise", "write_cue_sheets"]
COLUMNS: tuple[str, ...] = (
    "spot_id", "slot", "submission_id", "recipient_first_name", "sender_first_name", "title",
    "record_in", "record_out", "source_in", "source_out", "frames",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Cue:
    spot_id: str
    slot: int
    submission_id: str
    recipient_first_name: str
    sender_first_name: str
    title: str
    record_in: str
    """Timecode on the spot (first frame)."""
    record_out: str
    """Timecode on the spot, exclusive (the frame after the last one)."""
    source_in: str
    source_out: str
    frames: int


def cues(spot: Spot) -> list[Cue]:
    out = []
    for segment in spot.validate():
        placement = segment.placement
        if placement is None or segment.slot is None:
            continue
        out.append(
            Cue(
                spot_id=spot.spot_id,
                slot=segment.slot + 1,
                submission_id=placement.clip.submission_id,
                recipient_first_name=placement.clip.recipient_first_name,
                sender_first_name=placement.clip.sender_first_name,
                title=placement.title,
                record_in=timecode(segment.start_frame),
                record_out=timecode(segment.end_frame),
                source_in=timecode(placement.in_frame),
                source_out=timecode(placement.out_frame),
                frames=segment.frames,
            )
        )
    return out


def cue_csv(rows: list[Cue], *, bom: bool = False) -> str:
    """The sheet as CSV text (CRLF, every cell quoted and neutralised); ``bom`` for the file on disk."""
    return csv_text(COLUMNS, ([getattr(row, c) for c in COLUMNS] for row in rows), bom=bom)


def cue_json(rows: list[Cue], spot: Spot) -> str:
    document = {
        "spot_id": spot.spot_id,
        "total_frames": spot.template.total_frames,
        "duration": timecode(spot.template.total_frames),
        "cues": [asdict(row) for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_cue_sheets(spot: Spot, master: Path) -> tuple[Path, Path]:
    """``<master stem>.cues.csv`` (UTF-8 with BOM, so spreadsheets read accents) and ``.cues.json``."""
    rows = cues(spot)
    csv_path = master.with_name(f"{master.stem}.cues.csv")
    json_path = master.with_name(f"{master.stem}.cues.json")
    # a deliverable: durable like the master it describes, so a power cut never leaves half a sheet
    write_atomic(csv_path, cue_csv(rows, bom=True).encode("utf-8"))
    write_atomic(json_path, cue_json(rows, spot).encode("utf-8"))
    return csv_path, json_path


CAMPAIGN_COLUMNS: tuple[str, ...] = ("spot_id", "file", "passed", *COLUMNS[1:])


@dataclass(frozen=True, slots=True)
class CampaignEntry:
    """One spot of the campaign sheet: the spot as rendered, its master's file name and verdict."""

    spot: Spot
    file: str
    passed: bool


def write_campaign_cue_sheets(entries: list[CampaignEntry], folder: Path, name: str) -> tuple[Path, Path]:
    """``<name>.cues.csv`` and ``.cues.json`` in ``folder``: every message of every spot, spot by spot, so the
    schedule and the senders' notices are one sheet for the whole campaign."""
    ordered = sorted(entries, key=lambda e: e.spot.spot_id)
    rows = []
    spots = []
    for entry in ordered:
        spot_cues = cues(entry.spot)
        for cue in spot_cues:
            values = asdict(cue)
            rows.append([entry.spot.spot_id, entry.file, "yes" if entry.passed else "no",
                         *(values[c] for c in COLUMNS[1:])])
        spots.append({
            "spot_id": entry.spot.spot_id,
            "file": entry.file,
            "passed": entry.passed,
            "total_frames": entry.spot.template.total_frames,
            "duration": timecode(entry.spot.template.total_frames),
            "cues": [asdict(c) for c in spot_cues],
        })
    csv_path = folder / f"{name}.cues.csv"
    json_path = folder / f"{name}.cues.json"
    write_atomic(csv_path, csv_text(CAMPAIGN_COLUMNS, rows).encode("utf-8"))
    write_atomic(json_path, (json.dumps({"spots": spots}, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return csv_path, json_path
