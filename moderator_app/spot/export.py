"""Export = render to a temporary file beside the target, measure it, rename it, write the cue sheet.

A reader (a watch folder, the broadcaster's upload tool) never sees a half-written master: the file only
appears under its name once complete, and a cancel or failure removes the temporary file.
"""

from __future__ import annotations

import json
import threading
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from moderator_app.base.durable import commit_file, write_atomic
from moderator_app.spot.cuesheet import write_cue_sheets
from moderator_app.spot.measure import Measurements, measure_file
from moderator_app.spot.model import Slack, Spot
from moderator_app.spot.presets import Preset
from moderator_app.spot.process import ProgressCallback
from moderator_app.spot.render import render_spot
from moderator_app.spot.titles import TitleRenderer
from moderator_app.spot.verdict import Report, verdict


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    measurements: Measurements
    report: Report
    report_path: Path
    cue_csv: Path
    cue_json: Path
    message_gains_db: tuple[float | None, ...]
    """Per slot: the levelling gain applied to the message, None for a silent clip."""
    short_term_ridden: bool
    """The sound needed gain riding to keep every 3 s window under the preset's short-term limit."""
    slack: Slack = field(default_factory=Slack)
    """Where the time went that the messages could not fill (longer intro and outro, cards between)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "report": self.report.to_dict(),
            "measurements": self.measurements.to_dict(),
            "cue_csv": str(self.cue_csv),
            "cue_json": str(self.cue_json),
            "message_gains_db": list(self.message_gains_db),
            "short_term_ridden": self.short_term_ridden,
            "slack": self.slack.to_dict(),
        }


def default_name(spot: Spot, preset: Preset) -> str:
    return f"{spot.spot_id}_{preset.name}.{preset.extension}"


def export_spot(
    spot: Spot,
    preset: Preset,
    target: Path,
    *,
    title_renderer: TitleRenderer | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    draft: bool = False,
) -> ExportResult:
    """Render ``spot`` with ``preset`` to ``target``, then measure it and write the report and cue sheets.

    Runs in a worker thread (blocking, seconds to minutes). Raises ExportCancelled when ``cancel`` is set,
    TimelineError for an unfitted spot, RenderError when ffmpeg fails; in every case nothing is left
    under ``target``. A file that renders but misses a preset rule is still delivered: the report says
    which rule failed, and the caller decides.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.stem}.{uuid.uuid4().hex[:8]}.part{target.suffix}")
    report_progress = progress or (lambda _f: None)
    try:
        rendered = render_spot(
            spot,
            preset,
            partial,
            title_renderer=title_renderer,
            progress=report_progress,
            cancel=cancel,
            draft=draft,
        )
        measurements = measure_file(partial, metered=rendered.metered_sound)
        commit_file(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    measurements = replace(measurements, path=str(target))
    report = verdict(measurements, preset, expected_frames=spot.template.total_frames)
    report_path = target.with_name(f"{target.stem}.report.json")
    write_atomic(
        report_path,
        (json.dumps({**report.to_dict(), "slack": spot.slack.to_dict()}, ensure_ascii=False, indent=2) + "\n")
        .encode("utf-8"),
    )
    cue_csv, cue_json = write_cue_sheets(spot, target)
    report_progress(1.0)
    return ExportResult(
        path=target,
        measurements=measurements,
        report=report,
        report_path=report_path,
        cue_csv=cue_csv,
        cue_json=cue_json,
        message_gains_db=rendered.message_gains_db,
        short_term_ridden=rendered.short_term_ridden,
        slack=spot.slack,
    )
