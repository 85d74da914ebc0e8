"""Spot builder core (no Qt): timeline maths, rendering and export through ffmpeg, delivery presets.

Typical use, in a worker thread::

    spot = Spot(Template.standard(30), "spot-001")
    for slot, clip in enumerate(clips):      # SpotClip: approved + consented only
        spot.place(slot, clip)
    spot.fit()                               # exact 750 frames, or ClipTooShort
    result = export_spot(spot, PRESETS["tf1-pad"], folder / "spot-001_tf1-pad.mxf",
                         title_renderer=QtTitleRenderer(), progress=cb, cancel=event)
    result.report.passed, result.report.to_dict()

``qt_titles`` (the Qt title renderer) is the one module here that imports Qt; it is not imported by this
package, so importing ``moderator_app.spot`` stays Qt-free.
"""

from moderator_app.spot.brand import DEFAULT_BRAND, Brand, lower_third_text
from moderator_app.spot.cuesheet import Cue, cues, neutralise, write_cue_sheets
from moderator_app.spot.errors import (
    ClipNotAllowed,
    ClipTooShort,
    ExportCancelled,
    RenderError,
    Shortfall,
    SpotError,
    TimelineError,
)
from moderator_app.spot.export import ExportResult, default_name, export_spot
from moderator_app.spot.loudness import LoudnessMeasure, measure_loudness
from moderator_app.spot.measure import Measurements, measure_file
from moderator_app.spot.model import (
    SPOT_LENGTHS_S,
    Placement,
    Segment,
    Spot,
    SpotClip,
    Template,
    check_allowed,
)
from moderator_app.spot.presets import PRESETS, Loudness, Preset, get_preset
from moderator_app.spot.render import RenderResult, render_spot
from moderator_app.spot.timecode import FPS, parse_timecode, seconds_to_frames, timecode
from moderator_app.spot.titles import DrawtextTitleRenderer, TitleRenderer, TitleRequest
from moderator_app.spot.verdict import Report, Rule, verdict

__all__ = [
    "DEFAULT_BRAND", "FPS", "PRESETS", "SPOT_LENGTHS_S", "Brand", "ClipNotAllowed", "ClipTooShort", "Cue",
    "DrawtextTitleRenderer", "ExportCancelled", "ExportResult", "Loudness", "LoudnessMeasure", "Measurements",
    "Placement", "Preset", "RenderError", "RenderResult", "Report", "Rule", "Segment", "Shortfall", "Spot",
    "SpotClip", "SpotError", "Template", "TimelineError", "TitleRenderer", "TitleRequest", "check_allowed",
    "cues", "default_name", "export_spot", "get_preset", "lower_third_text", "measure_file",
    "measure_loudness", "neutralise", "parse_timecode", "render_spot", "seconds_to_frames", "timecode",
    "verdict", "write_cue_sheets",
]  # fmt: skip
