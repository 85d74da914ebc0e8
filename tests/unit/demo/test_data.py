"""The demo inbox: what a new user sees with ``--demo``, readable by the ingest, and made only once."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from moderator_app.demo.data import make_demo_inbox
from moderator_app.models import Submission
from moderator_app.sources.cliptest import ClipError, sha256_file, verify_clip
from moderator_app.sources.record import RecordError, load_record_file

from .test_synth import mean_luma


@pytest.fixture(scope="session")
def generated_inbox(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("demo") / "inbox"
    return folder, make_demo_inbox(folder)


@pytest.fixture(scope="session")
def demo_records(generated_inbox: tuple[Path, list[str]]) -> dict[str, Submission]:
    folder, _ = generated_inbox
    records: dict[str, Submission] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            records[path.stem] = load_record_file(path)
        except RecordError:
            pass
    return records


def _good_ids(folder: Path, records: dict[str, Submission]) -> list[str]:
    good = []
    for sub_id, sub in records.items():
        try:
            verify_clip(folder / str(sub.clip_name))
        except ClipError:
            continue
        good.append(sub_id)
    return good


def test_demo_inbox_has_at_least_twelve_valid_submissions(
    generated_inbox: tuple[Path, list[str]], demo_records: dict[str, Submission]
) -> None:
    folder, ids = generated_inbox
    assert sorted(ids) == sorted(p.stem for p in folder.glob("*.json"))
    good = _good_ids(folder, demo_records)
    assert len(good) >= 12
    for sub_id in good:
        sub = demo_records[sub_id]
        assert sub.id == sub_id and sub.clip_name is not None
        if sub.clip_sha256 is not None:
            assert sha256_file(folder / sub.clip_name) == (sub.clip_sha256, sub.clip_size)
        assert sub.sender_email is None or sub.sender_email.endswith("@example.org")
    with_checksum = [s for s in good if demo_records[s].clip_sha256 is not None]
    assert len(good) - 3 <= len(with_checksum) < len(good)  # most, not all
    assert not list(folder.glob(".*"))  # no temporary files left behind


def test_demo_inbox_shows_the_cases_the_app_is_for(
    generated_inbox: tuple[Path, list[str]], demo_records: dict[str, Submission]
) -> None:
    folder, _ = generated_inbox
    good = [demo_records[i] for i in _good_ids(folder, demo_records)]
    probes = {s.id: verify_clip(folder / str(s.clip_name)) for s in good}
    assert any(p.rotation == 90 and p.height > p.width for p in probes.values())  # portrait phone clips
    assert any(p.rotation == 0 and p.width > p.height for p in probes.values())
    assert all(p.audio_codec in ("aac", "opus") for p in probes.values())
    assert any(1.2 <= p.duration_s <= 1.8 for p in probes.values())  # a short one
    # messages of realistic length ("quelques secondes"), enough for two spots in France and one in Morocco
    lengths = sorted(p.duration_s for p in probes.values())
    assert lengths[0] < 2 and all(4.0 - 0.05 <= d <= 9.0 + 0.05 for d in lengths[1:]), lengths
    airable = Counter(s.country for s in good if s.consent_broadcast and 4.0 - 0.05 <= probes[s.id].duration_s)
    assert airable["FR"] >= 6 and airable["MA"] >= 3, airable
    assert any(mean_luma(folder / str(s.clip_name)) < 30 for s in good)  # a dark one
    assert {s.country for s in good} == {"FR", "LU", "TN", "MA"}
    assert sum(not s.consent_broadcast for s in good) == 1

    names = [n for s in good for n in (s.recipient.first_name, s.recipient.last_name, s.sender.first_name)]
    assert {"Hélène", "Jérôme", "Françoise", "Zoé"} <= set(names)
    assert {"فاطمة", "بنعلي", "يوسف"} <= set(names)
    arabic = [n for n in names if any("ARABIC" in unicodedata.name(ch, "") for ch in n)]
    assert len(arabic) >= 6
    assert any(unicodedata.category(ch) == "So" for n in names for ch in n)  # an emoji in a name
    texts = [t for s in good for t in (s.relationship, s.town, s.message) if t]
    assert any("ARABIC" in unicodedata.name(t[0], "") for t in texts)
    assert any("é" in t or "è" in t for t in texts)


def test_demo_inbox_has_two_bad_submissions(
    generated_inbox: tuple[Path, list[str]], demo_records: dict[str, Submission]
) -> None:
    folder, ids = generated_inbox
    broken = []
    for sub_id in ids:
        try:
            load_record_file(folder / f"{sub_id}.json")
        except RecordError as exc:
            broken.append((sub_id, exc.reason))
    assert len(broken) == 1 and broken[0][1].startswith("record file: broken JSON")
    truncated = []
    for sub in demo_records.values():
        try:
            verify_clip(folder / str(sub.clip_name))
        except ClipError as exc:
            truncated.append(exc.reason)
    assert truncated == ["clip is truncated or damaged"]


def test_demo_inbox_is_idempotent(generated_inbox: tuple[Path, list[str]], tmp_path: Path) -> None:
    folder, ids = generated_inbox
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert make_demo_inbox(folder) == ids
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before  # nothing rewritten


def test_demo_inbox_regenerates_only_what_is_missing_or_wrong(
    generated_inbox: tuple[Path, list[str]], tmp_path: Path
) -> None:
    original, ids = generated_inbox
    folder = Path(shutil.copytree(original, tmp_path / "inbox"))  # copy2 keeps the mtimes
    clips = sorted(p for p in folder.iterdir() if p.suffix in (".mp4", ".webm"))
    (folder / "sub-000101.mp4").unlink()
    (folder / "sub-000102.mp4").write_bytes(b"half a clip")
    before = {
        p.name: p.stat().st_mtime_ns for p in clips if p.name not in ("sub-000101.mp4", "sub-000102.mp4")
    }
    assert make_demo_inbox(folder) == ids
    assert {name: (folder / name).stat().st_mtime_ns for name in before} == before
    for name in ("sub-000101", "sub-000102"):
        sub = load_record_file(folder / f"{name}.json")
        assert sha256_file(folder / str(sub.clip_name)) == (sub.clip_sha256, sub.clip_size)
        verify_clip(folder / str(sub.clip_name))


def test_cli_demo_run_on_existing_inbox_lists_ids(generated_inbox: tuple[Path, list[str]]) -> None:
    folder, ids = generated_inbox
    out = subprocess.run(
        [sys.executable, "-m", "moderator_app.demo", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert out.stdout.split()[-len(ids) :] == ids
    assert json.loads((folder / f"{ids[0]}.json").read_text(encoding="utf-8"))["id"] == ids[0]
