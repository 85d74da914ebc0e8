"""The automatic fill is fair (every spot once before any twice, per country and length), keeps what still
fits, never touches aired slots, and the manual rules refuse what may not air there."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moderator_app.onair.assign import SlotFit, SpotFit, WrongCountry, WrongLength, auto_assign, check_fit

NOW = "2020-04-01T00:00:00Z"


def at(n: int) -> str:
    return f"2020-04-{10 + n // 24:02d}T{n % 24:02d}:00:00Z"


def test_round_robin_in_air_order_with_stable_ties() -> None:
    slots = [SlotFit(f"s{n}", "FR", 30, at(n)) for n in range(7)]
    spots = [SpotFit("b", "FR", 30), SpotFit("a", "FR", 30), SpotFit("c", "FR", 30)]
    result = auto_assign(list(reversed(slots)), spots, NOW)
    assert [result[f"s{n}"] for n in range(7)] == ["a", "b", "c", "a", "b", "c", "a"]
    assert auto_assign(slots, list(reversed(spots)), NOW) == result, "the same input, the same schedule"


def test_country_length_and_mixed_spots() -> None:
    slots = [SlotFit("fr30", "FR", 30, at(1)), SlotFit("ma30", "MA", 30, at(2)), SlotFit("fr20", "FR", 20, at(3)),
             SlotFit("tn30", "TN", 30, at(4))]
    spots = [SpotFit("fr", "FR", 30), SpotFit("ma", "MA", 30), SpotFit("fr20", "FR", 20),
             SpotFit("mixed", "FR+MA", 30), SpotFit("odd", "TN", None)]
    assert auto_assign(slots, spots, NOW) == {"fr30": "fr", "ma30": "ma", "fr20": "fr20", "tn30": None}


def test_kept_spots_count_and_ineligible_or_unfit_ones_are_replaced_aired_slots_untouched() -> None:
    slots = [
        SlotFit("past", "FR", 30, "2020-03-01T10:00:00Z", "gone"),  # aired: history, whatever it was
        SlotFit("k1", "FR", 30, at(1), "a"),  # kept: a is eligible and fits
        SlotFit("x", "FR", 30, at(2), "gone"),  # its spot is no longer eligible
        SlotFit("y", "FR", 30, at(3), "ma"),  # its spot no longer fits (the plan changed the country)
        SlotFit("z", "FR", 30, at(4)),
    ]
    spots = [SpotFit("a", "FR", 30), SpotFit("b", "FR", 30), SpotFit("ma", "MA", 30)]
    result = auto_assign(slots, spots, NOW)
    assert "past" not in result
    assert result == {"k1": "a", "x": "b", "y": "a", "z": "b"}, "a already airs once (kept): b goes first"


def test_manual_rules() -> None:
    slot = SlotFit("s", "FR", 30, at(1))
    check_fit(slot, SpotFit("ok", "FR", 30))
    with pytest.raises(WrongCountry, match="MA"):
        check_fit(slot, SpotFit("m", "MA", 30))
    with pytest.raises(WrongCountry):
        check_fit(slot, SpotFit("mixed", "FR+MA", 30))
    with pytest.raises(WrongLength, match="20 s"):
        check_fit(slot, SpotFit("short", "FR", 20))


slot_lists = st.lists(st.tuples(st.sampled_from(["FR", "MA"]), st.sampled_from([20, 30]),
                                st.integers(0, 500)), max_size=60)
spot_lists = st.lists(st.tuples(st.sampled_from(["FR", "MA", "FR+MA"]), st.sampled_from([20, 30, None])),
                      max_size=12)


@given(slot_lists, spot_lists)
def test_every_spot_airs_once_before_any_airs_twice(raw_slots: list[tuple[str, int, int]],
                                                    raw_spots: list[tuple[str, int | None]]) -> None:
    slots = [SlotFit(f"s{i}", c, n, at(t)) for i, (c, n, t) in enumerate(raw_slots)]
    spots = [SpotFit(f"p{i}", c, n) for i, (c, n) in enumerate(raw_spots)]
    result = auto_assign(slots, spots, NOW)
    assert set(result) == {s.slot_id for s in slots}
    by_id = {s.spot_id: s for s in spots}
    counts: dict[str, int] = {}
    for slot in sorted(slots, key=lambda s: (s.air_at, s.slot_id)):
        chosen = result[slot.slot_id]
        group = [s.spot_id for s in spots if s.country == slot.country and s.length_s == slot.length_s]
        if not group:
            assert chosen is None
            continue
        assert chosen is not None and by_id[chosen].country == slot.country and by_id[chosen].length_s == slot.length_s
        assert counts.get(chosen, 0) == min(counts.get(g, 0) for g in group), "a spot aired twice before another once"
        counts[chosen] = counts.get(chosen, 0) + 1
