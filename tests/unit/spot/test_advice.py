"""What the editor proposes when a spot is not its exact length: every fix it offers makes the spot exact,
a fit that would cut messages below the brand's minimum is a warning, and a clip goes in a spot once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moderator_app.spot.advice import advise, apply_fix, fit_checked, minimum_frames
from moderator_app.spot.brand import DEFAULT_BRAND, BrandError, parse_brand
from moderator_app.spot.errors import ClipAlreadyPlaced
from moderator_app.spot.model import SPOT_LENGTHS_S, Spot, SpotClip, Template
from moderator_app.spot.timecode import FPS


def clip(sub: str, seconds: float) -> SpotClip:
    return SpotClip(sub, Path(f"/clips/{sub}.mp4"), seconds, True, True, "Jeannine", "Lucas")


def placed(seconds: int, *lengths: float, slots: int | None = None) -> Spot:
    spot = Spot(Template.standard(seconds, slots=slots or len(lengths)), "spot-1")
    for slot, length in enumerate(lengths):
        spot.place(slot, clip(f"sub-{slot}", length))
    return spot


def test_an_exact_or_incomplete_spot_needs_no_advice() -> None:
    spot = placed(30, 12, 12, 12)
    assert advise(spot) is not None
    spot.fit()
    assert advise(spot) is None
    empty = Spot(Template.standard(30), "spot-2")
    empty.place(0, clip("sub-a", 12))
    assert advise(empty) is None


def test_three_short_messages_in_a_long_spot_are_offered_the_length_they_fill() -> None:
    # three 4.3 s messages: 45 s needs more than even the longest cards give; a shorter length holds them
    spot = placed(45, 4.3, 4.3, 4.3)
    advice = advise(spot)
    assert advice is not None and advice.kind == "cannot_fill" and advice.messages == 3
    assert advice.message_frames == 3 * clip('x', 4.3).frames and advice.needed_frames > advice.message_frames
    lengths = [f.seconds for f in advice.fixes if f.kind == "length"]
    assert lengths and lengths[0] < 45
    fixed = apply_fix(spot, advice.fixes[0])
    assert fixed.exact and fixed.template.seconds == lengths[0]
    assert all(p is not None and p.frames == p.clip.frames for p in fixed.placements), "messages kept whole"


def test_a_spot_a_little_short_can_hold_its_last_card_longer() -> None:
    spot = placed(15, 4.0, 4.0, 4.0)
    spot.fit()
    assert spot.exact
    p = spot.placements[2]
    assert p is not None
    spot.trim(2, p.in_frame, p.out_frame - 20)  # 0.8 s shorter
    advice = advise(spot)
    assert advice is not None and advice.kind == "short" and advice.target_frames - advice.placed_frames == 20
    hold = next(f for f in advice.fixes if f.kind == "hold_outro")
    assert hold.frames == 20
    assert apply_fix(spot, hold).exact


def test_fit_below_the_minimum_warns_and_changes_nothing() -> None:
    spot = placed(10, 12, 12, 12)
    before = list(spot.placements)
    advice = fit_checked(spot)
    assert advice is not None and advice.kind == "under_minimum"
    assert advice.cut_frames < minimum_frames(spot.template) == round(DEFAULT_BRAND.min_message_s * FPS)
    assert spot.placements == before, "a warning, not a fit"
    kinds = [f.kind for f in advice.fixes]
    assert kinds[0] == "length" and "remove_message" in kinds and kinds[-1] == "fit_anyway"
    longer = apply_fix(spot, advice.fixes[0])
    assert longer.exact and longer.template.seconds > 10
    assert all(p is not None and p.frames >= minimum_frames(longer.template) for p in longer.placements)
    fewer = apply_fix(placed(10, 12, 12, 12), next(f for f in advice.fixes if f.kind == "remove_message"))
    assert fewer.exact and fewer.template.slot_count == 2
    anyway = placed(10, 12, 12, 12)
    assert apply_fix(anyway, advice.fixes[-1]).exact


def test_a_fit_that_reads_well_is_applied() -> None:
    spot = placed(30, 12, 12, 12)
    assert fit_checked(spot) is None and spot.exact


@settings(max_examples=60, deadline=None)
@given(seconds=st.sampled_from(SPOT_LENGTHS_S), lengths=st.lists(st.floats(1.2, 30.0), min_size=1, max_size=4))
def test_every_offered_fix_makes_the_spot_exact(seconds: int, lengths: list[float]) -> None:
    try:
        spot = placed(seconds, *lengths)
    except ValueError:
        return  # no room for that many messages at this length
    advice = advise(spot)
    if advice is None:
        assert spot.exact
        return
    for fix in advice.fixes:
        assert apply_fix(placed(seconds, *lengths), fix).exact, fix


def test_a_clip_goes_in_a_spot_once() -> None:
    spot = placed(30, 12, 12, slots=3)
    with pytest.raises(ClipAlreadyPlaced) as refused:
        spot.place(2, clip("sub-0", 12))
    assert refused.value.slot == 0 and "slot 1" in str(refused.value)
    assert spot.placements[2] is None
    spot.place(0, clip("sub-0", 12))  # placed again in its own slot: a replacement, not a copy


def test_the_minimum_message_length_is_brand_data() -> None:
    assert DEFAULT_BRAND.min_message_s == 3.0
    brand = parse_brand({"min_message_s": 2.5}, Path("."), DEFAULT_BRAND)
    assert minimum_frames(Template.standard(30, brand=brand)) == round(2.5 * FPS)
    for bad in (0, 11, "3", True, None):
        with pytest.raises(BrandError, match="min_message_s"):
            parse_brand({"min_message_s": bad}, Path("."), DEFAULT_BRAND)
    assert replace(DEFAULT_BRAND, min_message_s=4.0).min_message_s == 4.0
