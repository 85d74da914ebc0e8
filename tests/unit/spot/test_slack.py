"""Few-second messages fill the spot: the cards hold the time the messages cannot, within the brand's holds.

A message is never slowed, looped or frozen: each short clip is used whole (in 0, out its length), and the
slack goes to the intro and outro, then to brand cards between messages; only when even the longest cards
leave time unfilled is the spot refused, saying how much is missing.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import av
import pytest
from PySide6.QtGui import QGuiApplication

from moderator_app.demo.synth import make_clip
from moderator_app.spot.brand import DEFAULT_BRAND, Hold
from moderator_app.spot.errors import ClipTooShort
from moderator_app.spot.export import export_spot
from moderator_app.spot.model import SPOT_LENGTHS_S, Slack, Spot, SpotClip, Template, max_slack
from moderator_app.spot.presets import PRESETS
from moderator_app.spot.qt_titles import QtTitleRenderer
from moderator_app.spot.timecode import FPS

SECONDS = (4.0, 6.0, 8.0)
"""Messages as #OnResteEnsemble's senders filmed them: "quelques secondes"."""


def clip(n: int, seconds: float, path: Path | None = None) -> SpotClip:
    return SpotClip(f"sub-{n}", path or Path(f"/clips/{n}.mp4"), seconds, True, True, "Jeannine", "Lucas")


def fitted(template: Template, seconds: tuple[float, ...], paths: list[Path] | None = None) -> Spot:
    spot = Spot(template, "slack")
    for n, length in enumerate(seconds):
        spot.place(n, clip(n, length, paths[n] if paths else None))
    spot.fit()
    return spot


def assert_within_holds(spot: Spot) -> None:
    brand = spot.template.brand
    segments = spot.validate()
    intro, outro = segments[0], segments[-1]
    assert round(brand.intro_hold.min_s * FPS) <= intro.frames <= round(brand.intro_hold.max_s * FPS)
    assert round(brand.outro_hold.min_s * FPS) <= outro.frames <= round(brand.outro_hold.max_s * FPS)
    for between in (s for s in segments if s.kind == "between"):
        assert brand.between_hold is not None
        assert round(brand.between_hold.min_s * FPS) <= between.frames <= round(brand.between_hold.max_s * FPS)


@pytest.mark.parametrize(("seconds", "frames"), [(30, 750), (15, 375), (45, 1125)])
def test_three_messages_of_four_to_eight_seconds_make_the_exact_length(seconds: int, frames: int) -> None:
    spot = fitted(Template.standard(seconds), SECONDS if seconds != 45 else (5.0, 6.0, 8.0))
    assert spot.total_frames == frames == spot.validate()[-1].end_frame
    assert_within_holds(spot)


def test_short_messages_are_used_whole_and_the_intro_and_outro_hold_the_rest() -> None:
    spot = fitted(Template.standard(30), SECONDS)
    placements = [p for p in spot.placements if p is not None]
    assert [(p.in_frame, p.out_frame) for p in placements] == [(0, 100), (0, 150), (0, 200)], "whole, not slowed"
    kinds = [s.kind for s in spot.validate()]
    assert kinds == ["intro", "message", "message", "message", "outro"], "intro and outro were enough"
    assert spot.slack.total == 625 - 450 and spot.slack.between == ()
    # shared in proportion to the room each card has (intro 2 -> 8 s, outro 3 -> 10 s)
    assert (spot.slack.intro, spot.slack.outro) == (81, 94)


def test_when_intro_and_outro_cannot_hold_it_all_a_brand_card_goes_between_messages() -> None:
    spot = fitted(Template.standard(45), (5.0, 6.0, 8.0))
    segments = spot.validate()
    assert [s.kind for s in segments] == ["intro", "message", "between", "message", "between", "message", "outro"]
    assert spot.slack.intro == 150 and spot.slack.outro == 175, "intro and outro at their longest first"
    assert spot.slack.between == (100, 100)
    assert all(s.placement is None for s in segments if s.kind == "between")


@pytest.mark.parametrize("seconds", SPOT_LENGTHS_S)
@pytest.mark.parametrize("transition", ["cut", "dissolve"])
def test_every_length_works_with_few_second_messages(seconds: int, transition: str) -> None:
    template = Template.standard(seconds, transition=transition)  # type: ignore[arg-type]
    spot = fitted(template, (6.0, 7.0, 8.0))
    assert spot.total_frames == seconds * FPS
    assert_within_holds(spot)
    for placement in spot.placements:
        assert placement is not None and placement.frames <= placement.clip.frames


def test_the_refusal_says_how_many_seconds_are_missing_when_even_the_longest_cards_cannot_fill() -> None:
    template = Template.standard(45)
    with pytest.raises(ClipTooShort, match=r"clips too short: 5\.00 s \(125 frames\) missing") as caught:
        fitted(template, (4.0, 4.0, 4.0))
    assert caught.value.missing_frames == template.message_frames - max_slack(template) - 300


def test_a_brand_without_cards_between_messages_refuses_sooner() -> None:
    plain = replace(DEFAULT_BRAND, between_hold=None, intro_hold=Hold(1.0, 4.0), outro_hold=Hold(2.0, 5.0))
    with pytest.raises(ClipTooShort, match=r"3\.00 s \(75 frames\) missing"):
        fitted(Template.standard(30, brand=plain), SECONDS)  # 7 s of slack, 2 + 2 s of room in the cards
    assert fitted(Template.standard(30), SECONDS).total_frames == 750  # the default brand holds it


def test_standard_cards_stay_within_the_brands_holds() -> None:
    brand = replace(DEFAULT_BRAND, intro_hold=Hold(3.0, 6.0), outro_hold=Hold(2.0, 2.5))
    template = Template.standard(30, brand=brand)
    assert (template.intro_frames, template.outro_frames) == (75, 62)


def test_slack_survives_a_round_trip_and_garbage_reads_as_none() -> None:
    slack = Slack(12, 30, (25, 26))
    assert Slack.from_dict(json.loads(json.dumps(slack.to_dict()))) == slack
    assert Slack.from_dict({"intro_frames": "x"}) == Slack() == Slack.from_dict(None)


@pytest.fixture(scope="module")
def short_clips(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("short-messages")
    return [
        make_clip(folder / f"m{n}.mp4", duration=seconds, width=320, height=240, audio="speech", pattern=n)
        for n, seconds in enumerate((4.0, 6.0, 8.0, 5.0))
    ]


@pytest.mark.slow
@pytest.mark.parametrize(("seconds", "frames"), [(30, 750), (15, 375), (45, 1125)])
def test_exported_spot_of_short_messages_is_exact_on_loudness_and_reports_the_slack(
    short_clips: list[Path], seconds: int, frames: int, qapp: QGuiApplication, tmp_path: Path
) -> None:
    lengths = (4.0, 6.0, 8.0) if seconds != 45 else (5.0, 6.0, 8.0)
    paths = [short_clips[0], short_clips[1], short_clips[2]] if seconds != 45 else short_clips[3:] + short_clips[1:3]
    spot = fitted(Template.standard(seconds), lengths, paths)
    preset = replace(PRESETS["web-mp4"], name="small-web", width=640, height=360)
    result = export_spot(spot, preset, tmp_path / "spot.mp4", title_renderer=QtTitleRenderer(), draft=True)
    with av.open(str(result.path)) as container:
        assert sum(1 for _ in container.decode(video=0)) == frames
    assert result.report.passed, result.report.to_dict()
    measured = result.measurements.integrated_lufs
    assert measured is not None and abs(measured - preset.loudness.integrated_lufs) <= preset.loudness.tolerance_lu
    report = json.loads(result.report_path.read_text(encoding="utf-8"))
    assert report["slack"] == spot.slack.to_dict() == result.to_dict()["slack"]
    assert report["slack"]["total_frames"] == spot.slack.total > 0 or seconds == 15
