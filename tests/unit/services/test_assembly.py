"""``spot auto`` rules one by one, over a real cache (real SQLite file, real decision trigger, real checks rows).

The planner reads durations from the cache only, so these messages have cache rows but no clip bytes;
rendering is tested with real clips in test_batch.py.
"""

from __future__ import annotations

import json

import pytest

from moderator_app.db import checks, decisions
from moderator_app.db.cache import Cache
from moderator_app.db.submissions import CLIP_COLUMNS, SUBMISSION_COLUMNS, insert_rows
from moderator_app.db.unit import transaction
from moderator_app.services.assembly import AssemblyService, UnknownSpot
from moderator_app.services.spots import SpotService
from moderator_app.spot.assembly import Message, balance, plan


def add_message(cache: Cache, sid: str, country: str, seconds: float, *, received: str = "2020-04-01T10:00:00Z",
                consent: bool = True) -> None:
    sub = dict.fromkeys(SUBMISSION_COLUMNS, None) | {
        "id": sid, "campaign": "c", "country": country, "received_at": received, "recipient_first": "Zoé",
        "recipient_last": "T", "sender_first": "Ali", "sender_last": "T", "consent_broadcast": int(consent),
        "raw": "{}", "source": "test", "ingested_at": received,
    }
    clip = dict.fromkeys(CLIP_COLUMNS, None) | {
        "submission_id": sid, "file": f"{sid}.mp4", "sha256": sid, "size": 1, "duration_s": seconds,
    }
    with transaction(cache.db):
        insert_rows(cache.db, [tuple(sub[c] for c in SUBMISSION_COLUMNS)], [tuple(clip[c] for c in CLIP_COLUMNS)])


def approve(cache: Cache, sid: str, at: str, flags: tuple[str, ...] = ()) -> None:
    """A moderator's approval at a chosen moment (the decisions trigger sets the current state)."""
    with transaction(cache.db):
        cache.db.execute(
            "INSERT INTO decisions (submission_id, decision, flags, moderator, decided_at, key)"
            " VALUES (?, 'approved', ?, 'test', ?, ?)",
            [sid, json.dumps(list(flags)), at, f"k-{sid}-{at}"],
        )


def mark_duplicate(cache: Cache, copy: str, original: str) -> None:
    with transaction(cache.db):
        checks.save_reports(cache.db, [(original, {"findings": []}), (copy, {"findings": ["duplicate"]})])
    with transaction(cache.db):
        checks.apply_duplicates(cache.db, {copy: original})


def at(n: int) -> str:
    return f"2020-04-02T10:00:{n:02d}.000Z"


@pytest.fixture
def assembly(cache: Cache) -> AssemblyService:
    return AssemblyService(SpotService(cache))


def seed(cache: Cache, items: list[tuple[str, str, float]]) -> None:
    """Messages approved in the order given."""
    for n, (sid, country, seconds) in enumerate(items):
        add_message(cache, sid, country, seconds)
        approve(cache, sid, at(n))


def test_one_country_per_spot_and_a_remainder_waits(cache: Cache, assembly: AssemblyService) -> None:
    seed(cache, [(f"fr-{n}", "FR", 10.0) for n in range(4)] + [(f"ma-{n}", "MA", 10.0) for n in range(3)])
    made = assembly.auto(3, 30)
    assert [(m.country, len(m.clips)) for m in made] == [("FR", 3), ("MA", 3)]
    assert all(c.startswith(m.country.lower()) for m in made for c in m.clips)
    assert "fr-3" not in {c for m in made for c in m.clips}  # the latest approved FR message waits
    assert made[0].frames == 750 and made[0].spot_id == "auto-FR-0001"


def test_each_message_once_and_rerun_adds_nothing(cache: Cache, assembly: AssemblyService) -> None:
    seed(cache, [(f"fr-{n}", "FR", 10.0) for n in range(7)])
    first = assembly.auto(3, 30)
    placed = [c for m in first for c in m.clips]
    assert len(first) == 2 and len(placed) == len(set(placed)) == 6
    assert assembly.auto(3, 30) == []
    add_message(cache, "fr-7", "FR", 10.0)
    approve(cache, "fr-7", at(30))
    add_message(cache, "fr-8", "FR", 10.0)
    approve(cache, "fr-8", at(31))
    third = assembly.auto(3, 30)  # the waiting one and the two new ones
    assert [sorted(m.clips) for m in third] == [["fr-6", "fr-7", "fr-8"]]
    assert third[0].spot_id == "auto-FR-0003"
    assert assembly.auto(3, 30) == []


def test_only_the_earliest_of_duplicates(cache: Cache, assembly: AssemblyService) -> None:
    add_message(cache, "orig", "FR", 10.0, received="2020-04-01T08:00:00Z")
    add_message(cache, "copy", "FR", 10.0, received="2020-04-01T09:00:00Z")
    approve(cache, "copy", at(0))  # the copy approved first: still the earliest received wins
    approve(cache, "orig", at(1))
    for n in range(2, 4):
        add_message(cache, f"fr-{n}", "FR", 10.0)
        approve(cache, f"fr-{n}", at(n))
    mark_duplicate(cache, "copy", "orig")
    made = assembly.auto(3, 30)
    assert [sorted(m.clips) for m in made] == [["fr-2", "fr-3", "orig"]]
    add_message(cache, "fr-9", "FR", 10.0)
    approve(cache, "fr-9", at(9))
    add_message(cache, "fr-10", "FR", 10.0)
    approve(cache, "fr-10", at(10))
    assert assembly.auto(3, 30) == []  # the copy never joins, though it would complete a spot


def test_flagged_left_out_unless_asked(cache: Cache, assembly: AssemblyService) -> None:
    seed(cache, [(f"fr-{n}", "FR", 10.0) for n in range(2)])
    add_message(cache, "flagged", "FR", 10.0)
    approve(cache, "flagged", at(5), flags=("poor_audio",))
    assert assembly.auto(3, 30) == []
    made = assembly.auto(3, 30, include_flagged=True)
    assert [sorted(m.clips) for m in made] == [["flagged", "fr-0", "fr-1"]]


def test_not_approved_or_no_consent_never_placed(cache: Cache, assembly: AssemblyService) -> None:
    seed(cache, [(f"fr-{n}", "FR", 10.0) for n in range(2)])
    add_message(cache, "noconsent", "FR", 10.0, consent=False)
    approve(cache, "noconsent", at(7))
    add_message(cache, "queued", "FR", 10.0)
    decisions.record_decision(cache.db, "queued", "rejected", moderator="t")
    assert assembly.auto(3, 30) == []


def test_first_approved_first_placed(cache: Cache, assembly: AssemblyService) -> None:
    # ids sort the other way round from the approvals: the order comes from the approval times
    items = [(f"fr-{9 - n}", "FR", 10.0) for n in range(6 * 4)]
    seed(cache, items)
    made = assembly.auto(3, 30)
    assert len(made) == 8
    firsts = [m.clips[0] for m in made]
    approval_rank = {sid: n for n, (sid, _, _) in enumerate(items)}
    assert [approval_rank[c] for c in firsts] == sorted(approval_rank[c] for c in firsts)
    for m in made:  # within a spot too
        assert [approval_rank[c] for c in m.clips] == sorted(approval_rank[c] for c in m.clips)
    # the first four spots hold the first twelve approvals (the balancing window)
    assert {c for m in made[:4] for c in m.clips} == {sid for sid, _, _ in items[:12]}


def test_grouped_for_least_trimming(cache: Cache, assembly: AssemblyService) -> None:
    # three long then three short, in approval order: in order they would make 42 s and 24 s of footage
    # (17 s to trim from one, 1 s missing in the other); 25 s of message time per spot
    seed(cache, [("l1", "FR", 14.0), ("l2", "FR", 14.0), ("l3", "FR", 14.0),
                 ("s1", "FR", 8.0), ("s2", "FR", 8.0), ("s3", "FR", 8.0)])
    made = assembly.auto(3, 30)
    footage = sorted(sum(14.0 if c.startswith("l") else 8.0 for c in m.clips) for m in made)
    assert footage == [30.0, 36.0]  # the most even split of 66 s in two spots of three


def test_balance_is_pure_and_minimal() -> None:
    msgs = [Message(f"m{n}", "FR", at(n), at(n), f, f"m{n}") for n, f in enumerate([300, 300, 300, 100, 100, 100])]
    groups = balance(msgs, 3, 625)
    assert sorted(sum(m.frames for m in g) for g in groups) == [500, 700]
    assert plan(msgs[:2], 3, 625) == []


def test_swap_and_replan(cache: Cache, assembly: AssemblyService) -> None:
    seed(cache, [(f"fr-{n}", "FR", 10.0) for n in range(4)] + [("ma-0", "MA", 10.0)])
    (made,) = assembly.auto(3, 30)
    assert assembly.swap_candidates(made.spot_id) == ["fr-3"]
    spot = assembly.swap(made.spot_id, 1, "fr-3")
    assert [p.clip.submission_id for p in spot.placements if p] == [made.clips[0], "fr-3", made.clips[2]]
    assert assembly.summary(made.spot_id).state == "planned"
    with pytest.raises(ValueError):
        assembly.swap(made.spot_id, 0, "ma-0")  # another country
    with pytest.raises(UnknownSpot):
        assembly.swap("nope", 0, "fr-1")
    again = assembly.replan(3, 30)
    assert [m.spot_id for m in again] == ["auto-FR-0001"]
    assert sorted(again[0].clips) == ["fr-0", "fr-1", "fr-2"]


def test_too_short_group_waits_and_is_not_saved(cache: Cache, assembly: AssemblyService) -> None:
    seed(cache, [(f"fr-{n}", "FR", 0.5) for n in range(3)])
    assert assembly.auto(3, 30) == []
    assert assembly.waiting == [("fr-0", "fr-1", "fr-2")]
    assert assembly.summaries() == []


def test_consent_terms_the_campaign_does_not_accept_never_placed(cache: Cache, assembly: AssemblyService) -> None:
    """The same gate as the editor's picker: once the campaign lists its accepted terms, a message consented
    under other (or no) terms is not planned into a spot."""
    from moderator_app.services.consent import change_terms

    seed(cache, [(f"fr-{n}", "FR", 10.0) for n in range(3)])
    change_terms(cache, accept=["2020-03"])
    assert assembly.auto(3, 30) == []
    cache.db.execute("UPDATE submissions SET consent_terms = '2020-03'")
    made = assembly.auto(3, 30)
    assert [sorted(s.clips) for s in made] == [["fr-0", "fr-1", "fr-2"]]
