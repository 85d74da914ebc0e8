"""Contract 1 ingest against real files, real decoders and a real SQLite cache."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from benchmarks.bulk_inbox import make_bulk_inbox
from moderator_app.db import queue
from moderator_app.db.cache import Cache
from moderator_app.sources.inbox.prepare import Prepared, PrepareJob, prepare
from moderator_app.sources.inbox.sync import InboxSync, sync_inbox
from tests.conftest import DEMO_BAD, DEMO_GOOD, age_files


def record(sub_id: str, clip: str, clip_bytes: bytes | None = None, **over: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "id": sub_id,
        "received_at": "2020-04-02T18:21:07Z",
        "campaign": "onresteensemble-fr",
        "country": "FR",
        "recipient": {"first_name": "Jeannine", "last_name": "Martin"},
        "sender": {"first_name": "Lucas", "last_name": "Martin", "email": "lucas@example.org"},
        "consent": {"broadcast": True, "given_at": "2020-04-02T18:20:55Z"},
        "clip": clip,
    }
    if clip_bytes is not None:
        rec["clip_sha256"] = hashlib.sha256(clip_bytes).hexdigest()
        rec["clip_size"] = len(clip_bytes)
    rec.update(over)
    return rec


def put(inbox: Path, name: str, rec: dict[str, Any] | str, clip: tuple[str, bytes] | None = None) -> None:
    inbox.mkdir(exist_ok=True)
    if clip is not None:
        (inbox / clip[0]).write_bytes(clip[1])
    text = rec if isinstance(rec, str) else json.dumps(rec, ensure_ascii=False)
    (inbox / name).write_text(text, encoding="utf-8")


def sync(cache: Cache, inbox: Path, **kw: Any):  # type: ignore[no-untyped-def]
    age_files(inbox)
    return sync_inbox(cache.db, cache.data_dir, inbox, **kw)


def test_demo_inbox_ingests_and_second_run_adds_nothing(cache: Cache, demo_inbox: Path) -> None:
    first = sync(cache, demo_inbox)
    assert len(first.added) == DEMO_GOOD
    assert len(first.quarantined) == DEMO_BAD
    assert not first.retried
    reasons = dict(first.quarantined)
    assert "broken JSON" in reasons["inbox/sub-000190.json"]
    assert "not a readable video" in reasons["inbox/sub-000191.json"]
    second = sync_inbox(cache.db, cache.data_dir, demo_inbox)
    assert (second.added, second.quarantined, second.retried) == ([], [], [])
    assert second.unchanged == DEMO_GOOD + DEMO_BAD
    assert cache.db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0] == DEMO_GOOD
    assert cache.db.execute("SELECT COUNT(*) FROM quarantine").fetchone()[0] == DEMO_BAD
    # clips are named from the validated id, and no temp file is left behind
    files = sorted(p.name for p in cache.clips_dir.iterdir())
    ids = [r[0] for r in cache.db.execute("SELECT id FROM submissions ORDER BY id")]
    assert [f.rsplit(".", 1)[0] for f in files] == ids
    for sid, file, size in cache.db.execute("SELECT submission_id, file, size FROM clips"):
        assert (cache.clips_dir / file).stat().st_size == size


def test_touched_but_unchanged_records_are_not_added_twice(cache: Cache, demo_inbox: Path) -> None:
    sync(cache, demo_inbox)
    age_files(demo_inbox, 60)  # every fingerprint changes: records are re-read, ids are known
    again = sync_inbox(cache.db, cache.data_dir, demo_inbox)
    assert again.added == []
    assert len(again.quarantined) == DEMO_BAD, "touched bad records are checked again, not duplicated"
    assert cache.db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0] == DEMO_GOOD
    assert cache.db.execute("SELECT COUNT(*) FROM quarantine").fetchone()[0] == DEMO_BAD


def _good(inbox: Path, tiny: bytes, sub_id: str = "sub-good") -> None:
    put(inbox, f"{sub_id}.json", record(sub_id, f"{sub_id}.mp4", tiny), (f"{sub_id}.mp4", tiny))


def test_every_bad_record_is_quarantined_with_a_reason_and_never_stops_the_others(
    cache: Cache, tmp_path: Path, tiny_clip: Path
) -> None:
    inbox = tmp_path / "inbox"
    tiny = tiny_clip.read_bytes()
    _good(inbox, tiny, "sub-first")
    put(inbox, "broken.json", '{"id": "sub-1", ')
    put(inbox, "array.json", "[1, 2]")
    put(inbox, "missing.json", {"id": "sub-2"})
    put(inbox, "badcountry.json", record("sub-3", "x.mp4", country="France"))
    put(inbox, "unsafe-id.json", record("../../etc/passwd", "x.mp4"))
    put(inbox, "unsafe-clip.json", record("sub-4", "../secret.mp4"))
    put(inbox, "empty-clip.json", record("sub-5", "empty.mp4"), ("empty.mp4", b""))
    put(inbox, "text-clip.json", record("sub-6", "text.mp4"), ("text.mp4", b"this is not a video at all\n" * 100))
    truncated = tiny[: len(tiny) // 2]
    put(inbox, "truncated.json", record("sub-7", "trunc.mp4", truncated), ("trunc.mp4", truncated))
    wrong = record("sub-8", "sum.mp4", tiny)
    wrong["clip_sha256"] = "0" * 64
    put(inbox, "checksum.json", wrong, ("sum.mp4", tiny))
    bigger = record("sub-9", "size.mp4", tiny)
    bigger["clip_size"] = len(tiny) - 10
    put(inbox, "size.json", bigger, ("size.mp4", tiny))
    put(inbox, "dup.json", record("sub-first", "sub-first.mp4", tiny))
    _good(inbox, tiny, "sub-last")

    report = sync(cache, inbox)
    assert sorted(report.added) == ["sub-first", "sub-last"]
    reasons = {source.removeprefix("inbox/"): reason for source, reason in report.quarantined}
    expected = {
        "broken.json": "broken JSON",
        "array.json": "object",
        "missing.json": "is required",
        "badcountry.json": "country",
        "unsafe-id.json": "id",
        "unsafe-clip.json": "clip",
        "empty-clip.json": "empty",
        "text-clip.json": "not a readable video",
        "truncated.json": "not a readable video",
        "checksum.json": "checksum",
        "size.json": "size",
    }
    for name, needle in expected.items():
        assert needle in reasons[name], (name, reasons.get(name))
    assert "dup.json" not in reasons, "a re-sent record with the same id and clip is not an error"
    assert not report.retried
    for reason in reasons.values():
        assert "Jeannine" not in reason and "lucas@" not in reason, "reasons never carry personal data"
    assert not any(p.name.startswith("..") or "passwd" in p.name for p in cache.clips_dir.iterdir())
    assert {p.name for p in cache.clips_dir.iterdir()} == {"sub-first.mp4", "sub-last.mp4"}


def test_hostile_file_names_in_the_inbox(cache: Cache, tmp_path: Path, tiny_clip: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    raw_name = os.fsencode(inbox) + b"/bad-\xff\xfe-\n.json"
    with open(raw_name, "wb") as fh:
        fh.write(b"{not json")
    (inbox / "sub-ok.json.d").mkdir()  # a folder that looks like a record is ignored
    _good(inbox, tiny_clip.read_bytes(), "sub-ok")
    report = sync(cache, inbox)
    assert report.added == ["sub-ok"]
    [(source, reason)] = report.quarantined
    assert source == "inbox/bad-\\xff\\xfe-\n.json"
    assert "JSON" in reason
    listed = queue.list_items(cache.db, "quarantined")
    json.dumps(listed)  # storable and printable


def test_clip_still_arriving_is_retried_then_added(cache: Cache, tmp_path: Path, tiny_clip: Path) -> None:
    inbox = tmp_path / "inbox"
    tiny = tiny_clip.read_bytes()
    put(inbox, "sub-a.json", record("sub-a", "sub-a.mp4", tiny), ("sub-a.mp4", tiny[:100]))
    put(inbox, "sub-b.json", record("sub-b", "sub-b.mp4"))  # clip not there at all yet
    report = sync(cache, inbox)
    assert report.added == [] and report.quarantined == []
    assert dict(report.retried) == {
        "inbox/sub-a.json": f"clip is still arriving (100 of {len(tiny)} bytes)",
        "inbox/sub-b.json": "clip has not arrived yet",
    }
    (inbox / "sub-a.mp4").write_bytes(tiny)
    (inbox / "sub-b.mp4").write_bytes(tiny)
    report = sync(cache, inbox)
    assert sorted(report.added) == ["sub-a", "sub-b"]
    assert cache.db.execute("SELECT COUNT(*) FROM inbox_pending").fetchone()[0] == 0


def test_freshly_written_files_wait_for_the_writer(cache: Cache, tmp_path: Path, tiny_clip: Path) -> None:
    inbox = tmp_path / "inbox"
    put(inbox, "half.json", '{"id": "sub-h", "rec')  # a record still being copied in
    put(inbox, "sub-c.json", record("sub-c", "sub-c.mp4"), ("sub-c.mp4", tiny_clip.read_bytes()))
    report = sync_inbox(cache.db, cache.data_dir, inbox)  # not aged: both just written
    assert dict(report.retried) == {
        "inbox/half.json": "record is still being written",
        "inbox/sub-c.json": "clip is still being written",
    }
    assert report.quarantined == []


def test_a_clip_that_never_arrives_is_quarantined_after_the_retry_window(cache: Cache, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    put(inbox, "sub-x.json", record("sub-x", "sub-x.mp4"))
    assert sync(cache, inbox, retry_window_s=0).retried
    report = sync(cache, inbox, retry_window_s=0)
    assert report.retried == []
    assert "clip has not arrived yet, still after 0 minutes" in dict(report.quarantined)["inbox/sub-x.json"]


def test_a_fixed_record_leaves_quarantine(cache: Cache, tmp_path: Path, tiny_clip: Path) -> None:
    inbox = tmp_path / "inbox"
    put(inbox, "sub-f.json", record("sub-f", "sub-f.mp4", country="Frankreich"), ("sub-f.mp4", tiny_clip.read_bytes()))
    assert sync(cache, inbox).quarantined
    put(inbox, "sub-f.json", record("sub-f", "sub-f.mp4"))
    report = sync(cache, inbox)
    assert report.added == ["sub-f"]
    assert cache.db.execute("SELECT COUNT(*) FROM quarantine").fetchone()[0] == 0


def test_same_id_with_another_clip_is_refused(cache: Cache, tmp_path: Path, tiny_clip: Path, demo_template: Path) -> None:
    inbox = tmp_path / "inbox"
    tiny = tiny_clip.read_bytes()
    _good(inbox, tiny, "sub-s")
    assert sync(cache, inbox).added == ["sub-s"]
    other = (demo_template / "sub-000101.mp4").read_bytes()
    put(inbox, "resent.json", record("sub-s", "other.mp4", other), ("other.mp4", other))
    report = sync(cache, inbox)
    assert dict(report.quarantined)["inbox/resent.json"] == "id is already in the cache with a different clip"


def test_missing_inbox_is_a_clear_error(cache: Cache, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="inbox folder not found"):
        sync_inbox(cache.db, cache.data_dir, tmp_path / "nowhere")


def test_temp_files_of_a_killed_sync_are_swept(cache: Cache, tmp_path: Path, tiny_clip: Path) -> None:
    leftover = cache.clips_dir / ".sub-z.deadbeef.tmp"
    leftover.write_bytes(b"half a clip")
    inbox = tmp_path / "inbox"
    _good(inbox, tiny_clip.read_bytes(), "sub-z")
    assert sync(cache, inbox).added == ["sub-z"]
    assert not leftover.exists()
    shutil.rmtree(inbox)


def crash_on_sub_000123(job: PrepareJob) -> Prepared:
    """Stands in for a file that crashes the decoder: the worker process dies as in a segfault."""
    if job.name == "sub-000123.json":
        os._exit(11)
    return prepare(job)


def test_a_worker_crash_costs_only_its_own_record(cache: Cache, tmp_path: Path) -> None:
    inbox = tmp_path / "bulk"
    make_bulk_inbox(inbox, 400)  # enough for the process pool
    age_files(inbox)
    report = InboxSync(cache.db, cache.data_dir, inbox, preparer=crash_on_sub_000123).run()
    assert len(report.added) == 399
    assert report.quarantined == [("inbox/sub-000123.json", "clip could not be read: it crashed the decoder")]
    assert cache.db.execute("SELECT COUNT(DISTINCT id) FROM submissions").fetchone()[0] == 399


def always_crash(job: PrepareJob) -> Prepared:
    os._exit(11)


def test_workers_that_cannot_run_stop_the_sync_with_a_clear_error(cache: Cache, tmp_path: Path) -> None:
    inbox = tmp_path / "bulk"
    make_bulk_inbox(inbox, 400)
    age_files(inbox)
    with pytest.raises(RuntimeError, match="worker processes keep failing"):
        InboxSync(cache.db, cache.data_dir, inbox, preparer=always_crash).run()
    assert cache.db.execute("SELECT COUNT(*) FROM quarantine").fetchone()[0] <= 3, "good records are not quarantined"
