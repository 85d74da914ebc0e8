"""``privacy erase``, run as a user runs it: a separate process, a real inbox, real clips, then every byte
under the data folder read back for the person's name, e-mail, phone and clip."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from moderator_app import cli
from moderator_app.db.cache import Cache
from moderator_app.demo.synth import make_clip
from moderator_app.services.checks import check_cached
from moderator_app.services.spots import SpotService, blocked
from tests.conftest import age_files
from tests.e2e.test_cli import run

EMAIL = "Y.Benkirane.Zaoui@example.ma"
PHONE = "+212 661 23 45 67"
PERSON = {
    "sub-900001": {"recipient": ("زبيدة", "الزهراوي"), "message": "ماما زبيدة، نحبك كثيرا"},
    "sub-900002": {"recipient": ("Ouardïa", "Zaoui-Lamrani"), "message": "Tata Ouardïa, tu nous manques"},
}
SENDER = ("Youssef", "Benkirane-Zaoui")
NOTE = f"Benkirane-Zaoui dit son numéro {PHONE} à la fin"


def secrets() -> list[str]:
    """The strings no file may hold after the erase (whole values, and the search index's folded tokens)."""
    out = [EMAIL, EMAIL.lower(), PHONE, PHONE.replace(" ", ""), *SENDER[1:], "benkirane", "zaoui", "lamrani"]
    for item in PERSON.values():
        out += [*item["recipient"], item["message"]]
    return out


def encodings(text: str) -> list[bytes]:
    forms = [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]
    escaped = json.dumps(text)[1:-1]  # JSON written with ensure_ascii (\u0641…)
    if escaped != text:
        forms.append(escaped.encode("ascii"))
    return forms


def scan(folder: Path, needles: dict[str, list[bytes]]) -> dict[str, list[str]]:
    """Every file under ``folder`` (database, -wal, -shm, clips, masters, hidden files), read whole."""
    found: dict[str, list[str]] = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            data = path.read_bytes()
            lowered = data.lower()
            for label, forms in needles.items():
                if any(f in data or f.lower() in lowered for f in forms):
                    found.setdefault(label, []).append(str(path.relative_to(folder)))
    return found


def write_record(inbox: Path, sid: str, clip: Path, *, email: str = EMAIL) -> None:
    item = PERSON[sid]
    data = clip.read_bytes()
    record = {
        "id": sid, "received_at": "2020-04-02T10:00:00Z", "campaign": "onresteensemble-ma", "country": "MA",
        "language": "ar",
        "recipient": {"first_name": item["recipient"][0], "last_name": item["recipient"][1], "town": "Fès"},
        "sender": {"first_name": SENDER[0], "last_name": SENDER[1], "email": email, "phone": PHONE},
        "message": item["message"],
        "consent": {"broadcast": True, "terms_version": "2020-03", "given_at": "2020-04-02T09:59:48Z"},
        "clip": clip.name, "clip_sha256": hashlib.sha256(data).hexdigest(), "clip_size": len(data),
    }
    (inbox / f"{sid}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def person_inbox(demo_inbox: Path, tmp_path: Path) -> tuple[Path, bytes]:
    """The demo inbox plus two submissions of one person (same address); returns the inbox and a byte run of
    their first clip found nowhere else."""
    for n, sid in enumerate(PERSON):
        clip = make_clip(demo_inbox / f"{sid}.mp4", duration=4.0, width=384, height=216, pattern=n + 3)
        write_record(demo_inbox, sid, clip)
    age_files(demo_inbox)
    data = (demo_inbox / "sub-900001.mp4").read_bytes()
    others = [p.read_bytes() for p in demo_inbox.iterdir() if p.name != "sub-900001.mp4"]
    # a run of the clip's own bytes that no other file holds (flat test pictures encode to runs other
    # clips share, so the middle of the file alone is not always unique)
    for start in range(len(data) // 2, len(data) - 48, 997):
        marker = data[start:start + 48]
        if all(marker not in other for other in others):
            return demo_inbox, marker
    raise AssertionError("no byte run of sub-900001.mp4 is unique to it")


def test_erase_by_email_leaves_no_byte_and_no_sync_brings_it_back(
    data_dir: Path, person_inbox: tuple[Path, bytes], tmp_path: Path
) -> None:
    inbox, marker = person_inbox
    assert run(data_dir, "sync", "--inbox", str(inbox)).returncode == 0
    for sid in ("sub-900001", "sub-000101", "sub-000102", "sub-000103"):
        proc = run(data_dir, "decide", sid, "approve", "--note", NOTE if sid == "sub-900001" else "ok",
                   "--moderator", "Anaïs")
        assert proc.returncode == 0, proc.stderr
    cache = Cache(data_dir)
    try:
        check_cached(cache)  # check reports and fingerprints of every clip
        spots = SpotService(cache)
        spot = spots.build_spot(["sub-000101", "sub-900001", "sub-000103"], 15, "spot-ma-01")
        spots.save(spot)
        inside = data_dir / "spots" / "spot-ma-01_tf1-pad.mxf"
        outside = tmp_path / "deliveries" / "spot-ma-01_web-mp4.mp4"
        for master in (inside, outside):  # what ``spot export`` leaves: master, report, cue sheets
            master.parent.mkdir(parents=True, exist_ok=True)
            for path in (master, master.with_name(master.stem + ".cues.csv")):
                path.write_text(f"Pour {PERSON['sub-900001']['recipient'][0]} — de {SENDER[0]} {SENDER[1]}")
            spots.record_export(spot, master, "tf1-pad")
    finally:
        cache.close()
    needles = {s: encodings(s) for s in secrets()} | {"clip": [marker]}
    before = scan(data_dir, needles)
    assert {"clip", EMAIL, SENDER[1], "الزهراوي", "lamrani"} <= before.keys(), before  # the scan can see them

    proc = run(data_dir, "privacy", "erase", "--email", EMAIL.upper(), "--json")
    assert proc.returncode == cli.EXIT_OK, proc.stderr
    out = json.loads(proc.stdout)
    assert sorted(out["erased"]) == ["sub-900001", "sub-900002"]
    assert out["notes_redacted"] == 1 and out["decisions_kept"] == 1 and out["check_reports"] == 2
    assert sorted(out["clips_removed"]) == ["sub-900001", "sub-900002"]
    assert out["spots_marked"] == [{"spot_id": "spot-ma-01", "slot": 2}]
    assert out["masters_deleted"] == [str(inside.resolve())] and out["masters_by_hand"] == [str(outside.resolve())]
    assert out["wal_truncated"] is True
    assert not inside.exists() and outside.exists()
    assert EMAIL.lower() not in proc.stdout.lower() and SENDER[1] not in proc.stdout + proc.stderr

    assert scan(data_dir, needles) == {}

    again = run(data_dir, "sync", "--inbox", str(inbox), "--json")  # the records are still in the inbox
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["added"] == []
    touched = inbox / "sub-900002.json"  # a re-sent record (new mtime) is read again, and still skipped
    touched.write_text(touched.read_text(encoding="utf-8"), encoding="utf-8")
    age_files(inbox)
    again = run(data_dir, "sync", "--inbox", str(inbox), "--json")
    assert again.returncode == 0 and json.loads(again.stdout)["added"] == []
    listed = json.loads(run(data_dir, "list", "--json").stdout)
    assert not {i.get("id") for i in listed} & set(PERSON)
    assert scan(data_dir, needles) == {}

    cache = Cache(data_dir)
    try:
        spots = SpotService(cache)
        marks = spots.attention("spot-ma-01")
        assert [(m.slot, m.submission_id, m.reason) for m in marks] == [(1, "sub-900001", "erased")]
        reloaded = spots.load("spot-ma-01")
        assert reloaded is not None
        refused = blocked(reloaded)
        assert refused is not None and refused.kind == "empty_slot" and refused.slot == 1
        history = [dict(r) for r in cache.db.query(
            "SELECT submission_id, decision, moderator, erased FROM decision_history WHERE erased = 1")]
        assert history == [{"submission_id": "sub-900001", "decision": "approved", "moderator": "Anaïs", "erased": 1}]
        stones = {r[0]: r[1] for r in cache.db.execute("SELECT submission_id, reason FROM erasures")}
        assert stones == {"sub-900001": "request", "sub-900002": "request"}
        reloaded.place(1, spots.clip("sub-000102"))  # refilled and saved: the mark goes
        reloaded.fit()
        spots.save(reloaded)
        assert spots.attention("spot-ma-01") == [] and blocked(reloaded) is None
    finally:
        cache.close()


def test_unknown_id_is_refused_and_changes_nothing(data_dir: Path, person_inbox: tuple[Path, bytes]) -> None:
    inbox, _ = person_inbox
    assert run(data_dir, "sync", "--inbox", str(inbox)).returncode == 0

    def state() -> tuple[list[str], list[str]]:
        cache = Cache(data_dir)
        try:
            dump = list(cache.db.conn.iterdump())
        finally:
            cache.close()
        return dump, sorted(p.name for p in (data_dir / "clips").iterdir())

    before = state()
    proc = run(data_dir, "privacy", "erase", "sub-900001", "sub-404404")
    assert proc.returncode == cli.EXIT_NOT_FOUND == 5
    assert "sub-404404" in proc.stderr
    proc = run(data_dir, "privacy", "erase", "--email", "nobody@example.org", "--json")
    assert proc.returncode == 5 and "nobody" not in proc.stderr
    assert state() == before
    assert run(data_dir, "privacy", "erase").returncode == cli.EXIT_USAGE


def test_erase_one_id_keeps_the_other_submission_of_the_same_person(
    data_dir: Path, person_inbox: tuple[Path, bytes]
) -> None:
    inbox, _ = person_inbox
    assert run(data_dir, "sync", "--inbox", str(inbox)).returncode == 0
    proc = run(data_dir, "privacy", "erase", "sub-900002")
    assert proc.returncode == 0, proc.stderr
    assert "erased       sub-900002" in proc.stdout and "outbox" not in proc.stdout
    ids = {i.get("id") for i in json.loads(run(data_dir, "list", "--json").stdout)}
    assert "sub-900001" in ids and "sub-900002" not in ids
    again = run(data_dir, "privacy", "erase", "sub-900002", "--json")
    assert again.returncode == 0 and json.loads(again.stdout)["already_erased"] == ["sub-900002"]
    shutil.rmtree(data_dir / "clips")  # nothing below reads the clips
