"""The demo generators: clips that look and sound like phone clips, and inboxes the ingest can read."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import av
import numpy as np
import pytest

from moderator_app.demo import make_bulk_inbox, make_clip, make_demo_inbox
from moderator_app.models import Submission
from moderator_app.sources.cliptest import ClipError, sha256_file, verify_clip
from moderator_app.sources.record import RecordError, load_record_file


def mean_luma(path: Path, at_s: float = 0.5) -> float:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        for frame in container.decode(stream):
            if frame.time is not None and frame.time >= at_s:
                return float(frame.to_ndarray(format="gray").mean())
    raise AssertionError("no frame")


def first_frame(path: Path) -> np.ndarray:
    with av.open(str(path)) as container:
        frame = next(container.decode(container.streams.video[0]))
        return frame.to_ndarray(format="rgb24").astype(np.float32)


def audio_samples(path: Path) -> tuple[np.ndarray, int, str]:
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        chunks = [frame.to_ndarray().astype(np.float64).mean(axis=0) for frame in container.decode(stream)]
        return np.concatenate(chunks), stream.rate, stream.codec_context.name


# --- make_clip ------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def speech_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_clip(tmp_path_factory.mktemp("clip") / "speech.mp4", duration=3.0, width=160, height=96)


def test_make_clip_defaults_are_a_playable_mp4(speech_clip: Path) -> None:
    probe = verify_clip(speech_clip)
    assert (probe.container, probe.video_codec, probe.audio_codec) == ("mp4", "h264", "aac")
    assert (probe.width, probe.height, probe.rotation) == (160, 96, 0)
    assert probe.duration_s == pytest.approx(3.0, abs=0.05)
    assert not list(speech_clip.parent.glob(".*.part"))  # written aside then renamed


def test_speech_audio_sounds_like_a_voice(speech_clip: Path) -> None:
    samples, rate, codec = audio_samples(speech_clip)
    assert (rate, codec) == (48000, "aac")
    rms_db = 20 * np.log10(np.sqrt(np.mean(samples**2)))
    assert -26 < rms_db < -14, rms_db  # a sensible level around -20 dBFS
    assert np.max(np.abs(samples)) < 0.9  # no clipping
    # syllables and pauses: the 50 ms envelope swings between near-silence and loud
    window = rate // 20
    envelope = np.sqrt(np.mean(samples[: len(samples) // window * window].reshape(-1, window) ** 2, axis=1))
    assert np.percentile(envelope, 10) < 0.1 * np.percentile(envelope, 90)
    # a voice-like pitch: the strongest component sits in the 100-250 Hz range, with harmonics above it
    spectrum = np.abs(np.fft.rfft(samples))
    freqs = np.fft.rfftfreq(len(samples), 1 / rate)
    assert 100 <= freqs[np.argmax(spectrum)] <= 250
    assert (
        spectrum[(freqs > 300) & (freqs < 1200)].sum() > 0.2 * spectrum[(freqs > 100) & (freqs < 250)].sum()
    )


def test_tone_and_silent_variants(tmp_path: Path) -> None:
    tone = make_clip(tmp_path / "tone.mp4", duration=1.0, width=64, height=64, audio="tone")
    samples, rate, _ = audio_samples(tone)
    freqs = np.fft.rfftfreq(len(samples), 1 / rate)
    assert freqs[np.argmax(np.abs(np.fft.rfft(samples)))] == pytest.approx(440, abs=5)
    silent = make_clip(tmp_path / "silent.mp4", duration=1.0, width=64, height=64, audio="none")
    assert verify_clip(silent).audio_codec is None


def test_rotated_clip_keeps_landscape_pixels_and_displays_portrait(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "portrait.mp4", duration=1.0, width=320, height=180, rotate=90, audio="none")
    with av.open(str(clip)) as container:
        frame = next(container.decode(container.streams.video[0]))
        assert (frame.width, frame.height) == (320, 180)
        assert frame.rotation == -90  # display matrix: 90 degrees clockwise, as phones write it
    probe = verify_clip(clip)
    assert (probe.width, probe.height, probe.rotation) == (180, 320, 90)


def test_dark_clip_is_very_dark(tmp_path: Path) -> None:
    normal = make_clip(tmp_path / "normal.mp4", duration=1.0, width=128, height=72, audio="none", pattern=0)
    dark = make_clip(
        tmp_path / "dark.mp4", duration=1.0, width=128, height=72, audio="none", pattern=0, dark=True
    )
    assert mean_luma(normal) > 60
    assert mean_luma(dark) < 30


def test_patterns_look_different(tmp_path: Path) -> None:
    frames = [
        first_frame(
            make_clip(tmp_path / f"p{n}.mp4", duration=0.2, width=96, height=64, audio="none", pattern=n)
        )
        for n in range(10)
    ]
    for i in range(len(frames)):
        for j in range(i + 1, len(frames)):
            assert np.abs(frames[i] - frames[j]).mean() > 8, (i, j)


@pytest.mark.parametrize(
    "container,codecs", [("webm", ("vp8", "opus")), ("mov", ("h264", "aac")), ("3gp", ("h264", "aac"))]
)
def test_other_containers(tmp_path: Path, container: str, codecs: tuple[str, str]) -> None:
    clip = make_clip(
        tmp_path / f"c.{container}", duration=1.0, width=96, height=64, container=container, fps=30
    )
    probe = verify_clip(clip)
    assert (probe.container, probe.video_codec, probe.audio_codec) == (container, *codecs)


@pytest.mark.parametrize("kwargs", [{"width": 101}, {"height": 99}, {"rotate": 45}, {"container": "avi"}])
def test_make_clip_refuses_impossible_requests(tmp_path: Path, kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        make_clip(tmp_path / "x.mp4", **kwargs)  # type: ignore[arg-type]


# --- make_demo_inbox ------------------------------------------------------------------------------------


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


# --- make_bulk_inbox and the CLI ------------------------------------------------------------------------


def test_bulk_inbox(tmp_path: Path) -> None:
    make_bulk_inbox(tmp_path, 40)
    records = sorted(tmp_path.glob("*.json"))
    assert [p.stem for p in records] == [f"sub-{n:06d}" for n in range(1, 41)]
    subs = [load_record_file(p) for p in records]
    assert len({s.clip_sha256 for s in subs}) == 1
    for sub in subs[:3]:
        probe = verify_clip(tmp_path / str(sub.clip_name))
        assert (probe.width, probe.height, probe.video_codec) == (64, 64, "h264")
        assert probe.duration_s == pytest.approx(0.2, abs=0.01)
        assert sha256_file(tmp_path / str(sub.clip_name)) == (sub.clip_sha256, sub.clip_size)


def test_cli_writes_an_inbox(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "moderator_app.demo", str(tmp_path / "bulk"), "--bulk", "3"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "wrote 3 submissions" in out.stdout
    assert len(list((tmp_path / "bulk").glob("*.json"))) == 3


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
