from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from moderator_app.spot.errors import ClipNotAllowed, ClipTooShort, TimelineError
from moderator_app.spot.model import SPOT_LENGTHS_S, Spot, SpotClip, Template
from moderator_app.spot.timecode import FPS, timecode


def clip(sub: str, seconds: float, *, approved: bool = True, consent: bool = True) -> SpotClip:
    return SpotClip(sub, Path(f"/clips/{sub}.mp4"), seconds, approved, consent, "Jeannine", "Lucas")


def filled(template: Template, *seconds: float) -> Spot:
    spot = Spot(template, "spot-1")
    for slot, length in enumerate(seconds):
        spot.place(slot, clip(f"sub-{slot}", length))
    return spot


def test_thirty_second_spot_fits_exactly_750_frames() -> None:
    spot = filled(Template(), 12, 9.5, 20)
    spot.fit()
    segments = spot.validate()
    assert spot.total_frames == 750
    assert [s.kind for s in segments] == ["intro", "message", "message", "message", "outro"]
    assert [s.frames for s in segments] == [50, 209, 208, 208, 75]
    assert timecode(segments[-1].end_frame - 1) == "00:00:29:24"


@pytest.mark.parametrize("seconds", SPOT_LENGTHS_S)
@pytest.mark.parametrize("transition", ["cut", "dissolve"])
def test_every_standard_length_is_exact(seconds: int, transition: str) -> None:
    template = Template.standard(seconds, transition=transition)  # type: ignore[arg-type]
    spot = filled(template, 40, 40, 40)
    spot.fit()
    assert spot.validate()[-1].end_frame == seconds * FPS
    assert spot.total_frames == seconds * FPS


def test_dissolves_overlap_neighbours() -> None:
    template = Template(transition="dissolve", dissolve_frames=8)
    spot = filled(template, 20, 20, 20)
    spot.fit()
    segments = spot.validate()
    for before, after in itertools.pairwise(segments):
        assert after.start_frame == before.end_frame - 8
    assert sum(s.frames for s in segments) - 4 * 8 == 750


def test_fit_centres_each_cut_in_its_clip() -> None:
    spot = filled(Template(), 20, 20, 20)
    placements = spot.fit()
    first = placements[0]
    assert first.frames == 209
    assert first.in_frame == (500 - 209) // 2
    assert first.out_frame - first.in_frame == 209


def test_a_short_clip_is_used_whole_and_the_others_make_up_the_time() -> None:
    spot = filled(Template(), 5, 20, 20)
    placements = spot.fit()
    assert [p.frames for p in placements] == [125, 250, 250]
    assert placements[0].in_frame == 0
    assert spot.total_frames == 750


def test_too_short_clips_say_which_and_how_much_is_missing() -> None:
    # 9.5 s of footage for 40 s of messages: even the longest cards (intro 8 s, outro 10 s, two 5 s cards
    # between messages: 23 s over the template's 5 s) leave 7.52 s unfilled
    spot = filled(Template.standard(45), 4, 4, 1.5)
    with pytest.raises(ClipTooShort) as caught:
        spot.fit()
    error = caught.value
    assert error.missing_frames == 1000 - 575 - (100 + 100 + 37) == 188
    assert {s.submission_id for s in error.shortfalls} == {"sub-0", "sub-1", "sub-2"}
    assert "sub-2" in str(error) and "7.52 s (188 frames) missing" in str(error)


def test_a_clip_under_the_minimum_message_length_is_refused_even_if_others_could_cover() -> None:
    spot = filled(Template(), 0.5, 30, 30)
    with pytest.raises(ClipTooShort) as caught:
        spot.fit()
    assert [s.submission_id for s in caught.value.shortfalls] == ["sub-0"]


def test_without_broadcast_consent_a_clip_is_refused_with_the_reason() -> None:
    spot = Spot(Template())
    with pytest.raises(ClipNotAllowed, match="did not consent to broadcast") as caught:
        spot.place(0, clip("sub-9", 10, consent=False))
    assert caught.value.submission_id == "sub-9"
    assert spot.placements == [None, None, None]


def test_an_unapproved_clip_is_refused() -> None:
    with pytest.raises(ClipNotAllowed, match="not approved"):
        Spot(Template()).place(1, clip("sub-8", 10, approved=False))


def test_lower_third_is_prefilled_from_first_names_and_editable() -> None:
    spot = Spot(Template())
    placement = spot.place(0, clip("sub-1", 10))
    assert placement.title == "Pour Jeannine — de Lucas"
    spot.set_title(0, "Pour Mamie Jeannine — de Lucas")
    assert spot.placements[0] is not None and spot.placements[0].title == "Pour Mamie Jeannine — de Lucas"
    with pytest.raises(TimelineError, match="slot 2 is empty"):
        spot.set_title(1, "x")


def test_unfitted_or_incomplete_spots_do_not_validate() -> None:
    spot = Spot(Template())
    spot.place(0, clip("sub-1", 10))
    with pytest.raises(TimelineError, match="2, 3 still empty"):
        spot.validate()
    spot.place(1, clip("sub-2", 10))
    spot.place(2, clip("sub-3", 10))
    with pytest.raises(TimelineError, match="run fit"):
        spot.validate()


def test_in_out_points_must_lie_inside_the_clip() -> None:
    with pytest.raises(TimelineError):
        Spot(Template()).place(0, clip("sub-1", 4), in_frame=50, out_frame=101)


def test_template_refuses_impossible_durations() -> None:
    with pytest.raises(ValueError):
        Template(total_frames=100, intro_frames=50, outro_frames=50)


def test_editing_a_slot_keeps_its_trim_inside_the_clip_and_its_message_whole() -> None:
    spot = filled(Template.standard(30), 10, 12, 8)
    assert spot.template.seconds == 30 and Template.standard(15).seconds == 15
    assert not spot.trim(0, 0, 250), "unchanged: the whole 10 s clip"
    assert spot.trim(0, -5, 900) is False, "pulled back inside the clip, which is where it already is"
    assert spot.trim(0, 300, 100)
    first = spot.placements[0]
    assert first is not None and (first.in_frame, first.out_frame) == (249, 250), "in before out, one frame apart"

    titled = spot.placements[1]
    assert titled is not None
    spot.set_title(1, "Pour Mamie")
    assert spot.swap(1, 2) and not spot.swap(2, 3) and not spot.swap(-1, 0)
    moved = spot.placements[2]
    assert moved is not None and moved.clip.submission_id == "sub-1" and moved.title == "Pour Mamie"

    spot.clear(0)
    assert spot.empty_slots() == [0]
    wider = spot.with_template(Template.standard(30, slots=4))
    assert wider.spot_id == spot.spot_id and wider.empty_slots() == [0, 3]
    assert wider.placements[1:3] == spot.placements[1:3]
    narrower = spot.with_template(Template.standard(30, slots=1))
    assert narrower.placements == [None]
