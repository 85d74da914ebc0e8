"""The audit log and the access export on a real cache filled from the demo inbox."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
from pathlib import Path

import pytest

from moderator_app.db.cache import Cache
from moderator_app.services.access import ExportFolderNotEmpty, export_person
from moderator_app.services.audit import (
    PersonalDataInAudit,
    audit_csv,
    audit_log,
    moderators,
    parse_since,
    record_event,
)
from moderator_app.services.errors import UnknownSubmission
from moderator_app.services.review import ReviewService

SID = "sub-000104"
"""Arabic-script names (فاطمة بنعلي <- يوسف بنعلي), an e-mail and a phone."""


@pytest.fixture
def review(cache: Cache, demo_inbox: Path) -> ReviewService:
    svc = ReviewService(cache, "ana")
    assert len(svc.sync_inbox(demo_inbox).added) == 14
    return svc


def test_each_decision_and_undo_is_an_entry_without_the_note(review: ReviewService) -> None:
    first = review.decide(SID, "approved", note="يوسف a dit: 06 12 34 56 78")
    second = review.decide(SID, "rejected", ["poor_audio"])
    undo = ReviewService(review.cache, "bruno").undo(second.seq)
    rows = audit_log(review.cache)
    assert [(r.kind, r.subject_id, r.moderator, r.seq) for r in rows] == [
        ("decision", SID, "ana", first.seq), ("decision", SID, "ana", second.seq), ("undo", SID, "bruno", undo.seq),
    ]
    assert rows[0].details == {"decision": "approved", "flags": [], "has_note": True}
    assert rows[1].details == {"decision": "rejected", "flags": ["poor_audio"], "has_note": False}
    assert rows[2].details == {"decision": "approved", "flags": [], "has_note": True, "undoes": second.seq}
    assert "يوسف" not in json.dumps([r.details for r in rows], ensure_ascii=False)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        review.cache.db.execute("UPDATE decisions SET undoes = NULL WHERE seq = ?", [undo.seq])


def test_events_filters_and_the_guard_against_personal_data(review: ReviewService) -> None:
    cache = review.cache
    review.decide(SID, "approved")
    record_event(cache, "erase", "sub-000105", "chloe", {"reason": "request", "files": 3}, at="2020-04-01T10:00:00Z")
    record_event(cache, "purge", "sub-000106", "chloe", {"older_than_days": 30, "cutoff": "2020-04-03"},
                 at="2020-04-05T10:00:00.000Z")
    record_event(cache, "notify", "sub-000101", "ana", {"channel": "TF1"})
    assert [r.kind for r in audit_log(cache)] == ["erase", "purge", "decision", "notify"]
    assert [r.kind for r in audit_log(cache, moderator="chloe")] == ["erase", "purge"]
    assert [r.kind for r in audit_log(cache, since=parse_since("2020-04-02"))] == ["purge", "decision", "notify"]
    assert [r.kind for r in audit_log(cache, moderator="chloe", since=parse_since("2020-04-05T11:00:00+02:00"))] == [
        "purge"]
    assert parse_since("2020-04-05T11:00:00+02:00") == "2020-04-05T09:00:00.00Z"
    assert moderators(cache) == ["ana", "chloe"]
    with pytest.raises(ValueError, match="not a date"):
        parse_since("yesterday")
    for details in ({"sender_name": "Lucas"}, {"note": "x"}, {"who": ["lucas.dubois@example.org"]},
                    {"contact": "+33 6 12 34 56 78"}, {"nested": {"Email": "x"}}, {"object": object()}):
        with pytest.raises(PersonalDataInAudit):
            record_event(cache, "erase", SID, "ana", details)
    assert len(audit_log(cache)) == 4, "a refused event is not written"
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        cache.db.execute("DELETE FROM audit_events")


def test_csv_is_safe_for_spreadsheets(review: ReviewService) -> None:
    ReviewService(review.cache, "=HYPERLINK(\"http://x\")").decide(SID, "approved", note="=1+1")
    record_event(review.cache, "export_spot", "spot-1", "ana", {"preset": "-cmd", "submissions": [SID, "@x"]})
    text = audit_csv(audit_log(review.cache))
    assert text.startswith("\ufeff\"at\",\"kind\"")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["at", "kind", "subject_id", "moderator", "details"]
    assert rows[1][1:4] == ["decision", SID, "'=HYPERLINK(\"http://x\")"]
    assert rows[2][4] == "preset=-cmd submissions=sub-000104+@x", "key=value cells never start a formula"
    assert "=1+1" not in text, "notes never reach the log"
    assert not any(cell.startswith(tuple("=+-@")) for row in rows for cell in row)


def test_access_export_holds_everything_about_one_person(review: ReviewService, tmp_path: Path) -> None:
    cache = review.cache
    d1 = review.decide(SID, "rejected", ["poor_audio"], note="son faible")
    undo = review.undo(d1.seq)
    review.decide(SID, "approved", note="ok après réécoute")
    cache.db.execute("INSERT INTO spots (id, template, placements, created_at, updated_at)"
                     " VALUES ('spot-7', '{}', '[]', 't', 't')")
    cache.db.execute("INSERT INTO spot_clips (spot_id, slot, submission_id) VALUES ('spot-7', 1, ?)", [SID])
    cache.db.conn.commit()
    out = tmp_path / "request"
    done = export_person(cache, SID, out, "chloe")
    assert set(done.files) == {
        "record.json", "decisions.json", "checks.json", "spots.json", "air_slots.json", "platform.json",
        "inbox.json", f"clip/{SID}.mp4", "manifest.json"}
    record = json.loads((out / "record.json").read_text(encoding="utf-8"))
    assert record["stored_record"]["sender"] == {
        "first_name": "يوسف", "last_name": "بنعلي", "email": "youssef.benali@example.org", "phone": "+212 612 345 678"}
    assert record["fields"]["recipient_first"] == "فاطمة"
    assert record["fields"]["sender_email"] == "youssef.benali@example.org" and record["fields"]["sender_phone"]
    assert record["current_state"]["status"] == "approved" and record["current_state"]["note"] == "ok après réécoute"
    history = json.loads((out / "decisions.json").read_text(encoding="utf-8"))
    assert [(h["decision"], h["note"], h["moderator"], h["undoes"]) for h in history] == [
        ("rejected", "son faible", "ana", None), ("queued", "", "ana", d1.seq), ("approved", "ok après réécoute", "ana", None)]
    assert history[1]["seq"] == undo.seq and history[0]["flags"] == ["poor_audio"]
    assert json.loads((out / "spots.json").read_text()) == [
        {"spot_id": "spot-7", "slot": 2, "created_at": "t", "updated_at": "t"}]
    assert json.loads((out / "air_slots.json").read_text()) == [], "no schedule yet"
    assert json.loads((out / "inbox.json").read_text())["seen"][0]["source"].endswith(f"{SID}.json")
    clip = cache.clip_path(str(record["clip"]["file"]))
    assert (out / "clip" / f"{SID}.mp4").read_bytes() == clip.read_bytes()
    manifest = json.loads((out / "manifest.json").read_text())
    for entry in manifest["files"]:
        assert hashlib.sha256((out / entry["name"]).read_bytes()).hexdigest() == entry["sha256"]
    assert not any("sub-000101" in (out / n).read_text(encoding="utf-8") for n in done.files if n.endswith(".json"))
    event = audit_log(cache, moderator="chloe")[-1]
    assert (event.kind, event.subject_id, event.details) == ("export_access", SID, {"clip": True, "files": 9})
    assert str(out) not in json.dumps(event.details)

    with pytest.raises(ExportFolderNotEmpty):
        export_person(cache, SID, out, "chloe")
    for bad in ("sub-999999", "../sub-000104", "sub-000104/../../x"):
        with pytest.raises(UnknownSubmission):
            export_person(cache, bad, tmp_path / "never", "chloe")
    assert not (tmp_path / "never").exists(), "an unknown id writes nothing"
    assert [r.kind for r in audit_log(cache, moderator="chloe")] == ["export_access"]


def test_air_slots_of_the_spots_that_carry_the_message(review: ReviewService, tmp_path: Path) -> None:
    db = review.cache.db
    db.execute("INSERT INTO spots (id, template, placements, created_at, updated_at) VALUES ('s1', '{}', '[]', 't', 't')")
    db.execute("INSERT INTO spot_clips (spot_id, slot, submission_id) VALUES ('s1', 0, ?)", [SID])
    slot = ("'FR', 'TF1', 'Le 13H', '2020-04-10', '12:55:00', 'Europe/Paris', '2020-04-10T10:55:00Z', 30")
    db.execute(f"INSERT INTO air_slots (slot_id, country, channel, programme, air_date, air_time, timezone, air_at,"
               f" length_s, spot_id, imported_at, updated_at) VALUES ('A', {slot}, 's1', 't', 't'), ('B', {slot}, NULL,"
               f" 't', 't')")
    db.conn.commit()
    export_person(review.cache, SID, tmp_path / "out", "ana")
    assert json.loads((tmp_path / "out" / "air_slots.json").read_text()) == [
        {"slot_id": "A", "country": "FR", "channel": "TF1", "programme": "Le 13H", "air_date": "2020-04-10",
         "air_time": "12:55:00", "timezone": "Europe/Paris", "air_at": "2020-04-10T10:55:00Z", "length_s": 30,
         "spot_id": "s1", "notification": None}]
