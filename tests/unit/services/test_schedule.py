"""The schedule over a real cache: plan import is idempotent and all-or-nothing, a moved slot outdates the
notifications that announced it, spots go only where their country and length fit, and each slot's state
says what a producer must look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app.db import decisions, spot_batch, spots
from moderator_app.db.cache import Cache
from moderator_app.onair.assign import SpotNotReady, WrongCountry, WrongLength
from moderator_app.services.assembly import UnknownSpot
from moderator_app.services.schedule import PlanRefused, ScheduleService, UnknownSlot
from moderator_app.services.spots import SpotService
from tests.unit.services.test_spots import LONG_IDS, fill_cache, make_spot_inbox

HEADER = "slot_id;country;channel;programme;air_date;air_time;timezone;length_s"
FUTURE = "2099"
NOW = "2098-01-01T00:00:00Z"


def plan_file(folder: Path, rows: list[str], name: str = "plan.csv") -> Path:
    path = folder / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def slot_row(slot_id: str, country: str = "FR", day: str = f"{FUTURE}-04-10", time: str = "12:55",
             length: int = 10, channel: str = "TF1", zone: str = "Europe/Paris") -> str:
    return f"{slot_id};{country};{channel};Le 13H;{day};{time};{zone};{length}"


def verified(service: SpotService, spot_id: str, ids: list[str], seconds: int = 10) -> None:
    """A saved spot with a passing master of its content as saved (the row ``render-all`` writes)."""
    service.save(service.build_spot(ids, seconds, spot_id))
    row = spots.load_spot(service.cache.db, spot_id)
    assert row is not None
    spot_batch.record_render(service.cache.db, spot_id, "preview", f"{spot_id}_preview.mp4", True, row.content, [])


@pytest.fixture(scope="module")
def spot_inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_spot_inbox(tmp_path_factory.mktemp("schedule-inbox") / "inbox")


@pytest.fixture
def schedule(cache: Cache, spot_inbox: Path, tmp_path: Path) -> Iterator[ScheduleService]:
    fill_cache(cache, spot_inbox, tmp_path, LONG_IDS)
    yield ScheduleService(cache)


def updated_at(cache: Cache) -> dict[str, str]:
    return dict(cache.db.execute("SELECT slot_id, updated_at FROM air_slots").fetchall())


def test_same_plan_twice_changes_nothing_and_a_moved_slot_outdates_sent_notifications(
        schedule: ScheduleService, tmp_path: Path) -> None:
    db = schedule.cache.db
    rows = [slot_row("A"), slot_row("B", time="20:00"), slot_row("C", "MA", zone="Africa/Casablanca")]
    first = schedule.import_plan(plan_file(tmp_path, rows))
    assert (first.added, first.updated, first.unchanged, first.outdated, first.absent) == (3, 0, 0, 0, [])
    stamps = updated_at(schedule.cache)
    again = schedule.import_plan(plan_file(tmp_path, rows))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert updated_at(schedule.cache) == stamps
    for slot_id, state in (("A", "sent"), ("B", "sent"), ("A", "failed")):
        db.execute("INSERT INTO notifications (submission_id, slot_id, path, message_id, air_at, state, recorded_at)"
                   " SELECT ?, slot_id, 'smtp', ?, air_at, ?, 'x' FROM air_slots WHERE slot_id = ?",
                   [f"sub-{state}", f"m-{slot_id}-{state}", state, slot_id])
    db.conn.commit()
    moved = schedule.import_plan(plan_file(tmp_path, [slot_row("A", time="13:10"), rows[1], rows[2],
                                                      slot_row("D", channel="France 2")]))
    assert (moved.added, moved.updated, moved.unchanged, moved.outdated) == (1, 1, 2, 1)
    longer = schedule.import_plan(plan_file(tmp_path, [slot_row("B", time="20:00", length=20)]))
    assert (longer.updated, longer.outdated) == (1, 0), "the length is not in the message: still true"
    states = {(s, sub): st for s, sub, st in db.execute(
        "SELECT slot_id, submission_id, state FROM notifications").fetchall()}
    assert states == {("A", "sub-sent"): "outdated", ("A", "sub-failed"): "failed", ("B", "sub-sent"): "sent"}
    a = next(v for v in schedule.slots(NOW) if v.slot_id == "A")
    assert a.air_at == f"{FUTURE}-04-10T11:10:00Z" and a.local_time == "13:10:00"
    assert updated_at(schedule.cache)["C"] == stamps["C"]
    db.execute("UPDATE notifications SET state = 'sent' WHERE slot_id = 'A' AND submission_id = 'sub-sent'")
    db.conn.commit()
    renamed = schedule.import_plan(plan_file(tmp_path, [slot_row("A", time="13:10").replace("Le 13H", "Le 13 Heures")]))
    assert (renamed.updated, renamed.outdated) == (1, 1), "the programme is in the message: outdated"


def test_slots_missing_from_a_new_plan_are_kept_and_reported(schedule: ScheduleService, tmp_path: Path) -> None:
    schedule.import_plan(plan_file(tmp_path, [slot_row("A"), slot_row("B")]))
    partial = schedule.import_plan(plan_file(tmp_path, [slot_row("C", "MA", zone="Africa/Casablanca")]))
    assert partial.absent == ["A", "B"] and partial.added == 1
    assert [v.slot_id for v in schedule.slots(NOW)] == ["A", "B", "C"]


def test_a_bad_plan_imports_nothing(schedule: ScheduleService, tmp_path: Path) -> None:
    schedule.import_plan(plan_file(tmp_path, [slot_row("A")]))
    before = updated_at(schedule.cache)
    bad = plan_file(tmp_path, [slot_row("A", time="14:00"), slot_row("B"), slot_row("C", "XX"),
                               slot_row("D", day=f"{FUTURE}-02-30")])
    with pytest.raises(PlanRefused) as info:
        schedule.import_plan(bad)
    assert [r.line for r in info.value.rows] == [4, 5]
    assert updated_at(schedule.cache) == before
    assert [v.local_time for v in schedule.slots(NOW)] == ["12:55:00"]


def test_auto_fills_by_country_and_length_fairly_with_eligible_spots_only(
        schedule: ScheduleService, tmp_path: Path) -> None:
    service = schedule.spot_service
    verified(service, "fr-a", ["sub-900001"])
    verified(service, "fr-b", ["sub-900001"])
    verified(service, "ma-a", ["sub-900002"])
    verified(service, "mixed", ["sub-900001", "sub-900002"])
    service.save(service.build_spot(["sub-900001"], 10, "fr-unrendered"))
    rows = [slot_row(f"F{i}", time=f"1{i}:00") for i in range(5)]
    rows += [slot_row("M1", "MA", zone="Africa/Casablanca"), slot_row("F20", length=20),
             slot_row("L1", "LU", zone="Europe/Luxembourg")]
    schedule.import_plan(plan_file(tmp_path, rows))
    changed = schedule.assign_auto(NOW)
    assert changed == {"F0": "fr-a", "F1": "fr-b", "F2": "fr-a", "F3": "fr-b", "F4": "fr-a", "M1": "ma-a"}
    views = {v.slot_id: v for v in schedule.slots(NOW)}
    assert views["F20"].state == "empty" and views["L1"].state == "empty" and views["F0"].state == "assigned"
    assert schedule.assign_auto(NOW) == {}, "a second fill changes nothing"
    assert schedule.eligible_spots("F0") == ["fr-a", "fr-b"] and schedule.eligible_spots("F20") == []


def test_states_changed_conflict_aired_and_refill(schedule: ScheduleService, tmp_path: Path) -> None:
    service = schedule.spot_service
    verified(service, "fr-a", ["sub-900001"])
    verified(service, "ma-a", ["sub-900002"])
    verified(service, "lu-a", ["sub-900003"])
    schedule.import_plan(plan_file(tmp_path, [slot_row("F"), slot_row("M", "MA", zone="Africa/Casablanca"),
                                              slot_row("L", "LU", zone="Europe/Luxembourg"),
                                              slot_row("OLD", day="2020-04-10")]))
    schedule.assign("fr-a", "F")
    schedule.assign("ma-a", "M")
    schedule.assign("lu-a", "L")
    schedule.assign("fr-a", "OLD")
    edited = service.load("fr-a")
    assert edited is not None and edited.placements[0] is not None
    edited.set_title(0, "Pour Mamie")
    service.save(edited)  # edited after it was scheduled: its master is for the old content
    decisions.record_decision(schedule.cache.db, "sub-900002", "rejected", moderator="test")
    views = {v.slot_id: v for v in schedule.slots(NOW)}
    assert views["F"].state == "changed"
    assert (views["M"].state, views["M"].conflict_reason) == ("conflict", "not_ready")
    assert views["L"].state == "assigned" and views["OLD"].state == "aired"
    refilled = schedule.assign_auto(NOW)
    assert refilled == {"F": None, "M": None}, "no eligible spot left for them; the aired slot is untouched"
    schedule.import_plan(plan_file(tmp_path, [slot_row("L", "LU", zone="Europe/Luxembourg", length=20)]))
    views = {v.slot_id: v for v in schedule.slots(NOW)}
    assert (views["L"].state, views["L"].conflict_reason) == ("conflict", "wrong_length")


def test_manual_assign_refusals(schedule: ScheduleService, tmp_path: Path) -> None:
    service = schedule.spot_service
    verified(service, "fr-a", ["sub-900001"])
    verified(service, "fr-20", ["sub-900001", "sub-900001"], 20)
    service.save(service.build_spot(["sub-900001"], 10, "fr-draft"))
    schedule.import_plan(plan_file(tmp_path, [slot_row("F"), slot_row("M", "MA", zone="Africa/Casablanca")]))
    with pytest.raises(WrongCountry, match="FR"):
        schedule.assign("fr-a", "M")
    with pytest.raises(WrongLength, match="20 s"):
        schedule.assign("fr-20", "F")
    with pytest.raises(SpotNotReady, match="master"):
        schedule.assign("fr-draft", "F")
    with pytest.raises(UnknownSpot):
        schedule.assign("nope", "F")
    with pytest.raises(UnknownSlot):
        schedule.assign("fr-a", "nope")
    assert all(v.spot_id is None for v in schedule.slots(NOW))
    schedule.assign("fr-a", "F")
    schedule.unassign("F")
    assert all(v.state == "empty" for v in schedule.slots(NOW))
