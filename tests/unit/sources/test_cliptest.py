"""verify_clip against real files made by the bundled ffmpeg: good, rotated, headerless, broken, not video."""

from __future__ import annotations

import hashlib
import random
import subprocess
from pathlib import Path

import av
import pytest

from moderator_app.base.ffmpeg import ffmpeg_exe, run_ffmpeg
from moderator_app.demo.synth import make_clip
from moderator_app.sources.cliptest import ClipError, sha256_file, verify_clip


@pytest.fixture(scope="session")
def clips(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cliptest")
    make_clip(folder / "good.mp4", duration=2.0, width=320, height=240, pattern=0)
    make_clip(
        folder / "portrait.mp4", duration=1.5, width=640, height=360, rotate=90, audio="none", pattern=4
    )
    make_clip(
        folder / "upside.mov", duration=1.2, width=320, height=180, rotate=180, audio="tone", container="mov"
    )
    make_clip(folder / "file.webm", duration=2.0, width=160, height=120, audio="tone", container="webm")
    make_clip(folder / "tiny.mp4", duration=0.2, width=64, height=64, audio="none")
    # a browser's MediaRecorder output: WebM written to a non-seekable stream, so no duration in the header
    webm = subprocess.run(
        [
            ffmpeg_exe(),
            "-hide_banner",
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=s=160x120:r=25:d=2.4",
            "-f",
            "lavfi",
            "-i",
            "sine=f=300:sample_rate=48000:d=2.4",
            "-c:v",
            "libvpx",
            "-deadline",
            "realtime",
            "-c:a",
            "libopus",
            "-f",
            "webm",
            "pipe:1",
        ],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    (folder / "browser.webm").write_bytes(webm)
    run_ffmpeg(
        ["-i", str(folder / "good.mp4"), "-c", "copy", "-movflags", "+faststart", str(folder / "fast.mp4")]
    )
    run_ffmpeg(["-f", "lavfi", "-i", "sine=d=1", "-c:a", "aac", str(folder / "voice.m4a")])
    run_ffmpeg(
        ["-f", "lavfi", "-i", "testsrc2=s=64x64", "-frames:v", "1", "-f", "image2", str(folder / "still.mp4")]
    )
    # an iPhone-style portrait clip: HEVC tagged hvc1 in a .mov, rotated by the display matrix
    run_ffmpeg(
        ["-noautorotate", "-display_rotation", "-90", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=1",
         "-f", "lavfi", "-i", "sine=d=1", "-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
         "log-level=error", "-tag:v", "hvc1", "-c:a", "aac", str(folder / "iphone.mov")]
    )  # fmt: skip
    # an audio file with cover art: its picture is a 'video' stream
    run_ffmpeg(
        ["-f", "lavfi", "-i", "sine=d=1", "-f", "lavfi", "-i", "testsrc2=s=64x64", "-map", "0", "-map", "1",
         "-frames:v", "1", "-c:a", "aac", "-c:v", "mjpeg", "-disposition:v", "attached_pic",
         str(folder / "song.m4a")]
    )  # fmt: skip
    (folder / "folder.mp4").mkdir()
    for name in ("good.mp4", "fast.mp4", "file.webm", "browser.webm"):
        data = (folder / name).read_bytes()
        (folder / f"half-{name}").write_bytes(data[: len(data) // 2])
    (folder / "empty.mp4").write_bytes(b"")
    (folder / "notes.mp4").write_text("Bonjour, ceci n'est pas une vidéo.\n", encoding="utf-8")
    (folder / "noise.mp4").write_bytes(bytes(range(256)) * 64)
    return folder


def test_good_mp4(clips: Path) -> None:
    probe = verify_clip(clips / "good.mp4")
    assert probe.container == "mp4"
    assert probe.duration_s == pytest.approx(2.0, abs=0.05)
    assert (probe.width, probe.height, probe.rotation) == (320, 240, 0)
    assert probe.video_codec == "h264" and probe.audio_codec == "aac"
    assert probe.frames_decoded >= 4  # head and tail both decoded


def test_faststart_mp4(clips: Path) -> None:
    assert verify_clip(clips / "fast.mp4").duration_s == pytest.approx(2.0, abs=0.05)


def test_portrait_phone_clip_reports_display_size(clips: Path) -> None:
    with av.open(str(clips / "portrait.mp4")) as container:  # pixels really are stored landscape
        stream = container.streams.video[0]
        assert (stream.codec_context.width, stream.codec_context.height) == (640, 360)
    probe = verify_clip(clips / "portrait.mp4")
    assert (probe.width, probe.height, probe.rotation) == (360, 640, 90)
    assert probe.audio_codec is None
    assert probe.duration_s == pytest.approx(1.5, abs=0.05)


def test_upside_down_mov(clips: Path) -> None:
    probe = verify_clip(clips / "upside.mov")
    assert (probe.container, probe.width, probe.height, probe.rotation) == ("mov", 320, 180, 180)


def test_iphone_hevc_mov(clips: Path) -> None:
    probe = verify_clip(clips / "iphone.mov")
    assert (probe.container, probe.video_codec, probe.audio_codec) == ("mov", "hevc", "aac")
    assert (probe.width, probe.height, probe.rotation) == (180, 320, 90)
    assert probe.duration_s == pytest.approx(1.0, abs=0.05)


def test_webm_with_header(clips: Path) -> None:
    probe = verify_clip(clips / "file.webm")
    assert (probe.container, probe.video_codec, probe.audio_codec) == ("webm", "vp8", "opus")
    assert probe.duration_s == pytest.approx(2.0, abs=0.05)


def test_browser_webm_without_duration(clips: Path) -> None:
    with av.open(str(clips / "browser.webm")) as container:  # the premise: no duration anywhere in the header
        assert container.duration is None and container.streams.video[0].duration is None
        assert "DURATION" not in container.streams.video[0].metadata
    probe = verify_clip(clips / "browser.webm")
    assert probe.duration_s == pytest.approx(2.4, abs=0.1)
    assert (probe.width, probe.height, probe.video_codec) == (160, 120, "vp8")


def test_tiny_clip_is_decoded_entirely(clips: Path) -> None:
    probe = verify_clip(clips / "tiny.mp4")
    assert probe.frames_decoded == 5 and probe.duration_s == pytest.approx(0.2, abs=0.01)


def test_min_frames(clips: Path) -> None:
    assert verify_clip(clips / "tiny.mp4", min_frames=5).frames_decoded == 5
    with pytest.raises(ClipError, match="too few frames"):
        verify_clip(clips / "tiny.mp4", min_frames=6)


@pytest.mark.parametrize(
    "name,reason",
    [
        ("empty.mp4", "clip file is empty"),
        ("half-good.mp4", "clip is truncated or damaged"),  # index (moov) at the end: lost
        ("half-fast.mp4", "clip is truncated"),  # index at the start: the data it points to is missing
        ("half-file.webm", "clip is truncated"),
        ("notes.mp4", "clip is not an MP4, MOV, 3GP, MKV or WebM video"),
        ("noise.mp4", "clip is not an MP4, MOV, 3GP, MKV or WebM video"),
        ("voice.m4a", "clip has no video stream (audio only)"),
        ("still.mp4", "clip is not an MP4, MOV, 3GP, MKV or WebM video"),  # a PNG named .mp4
        ("missing.mp4", "clip file cannot be read"),
        ("folder.mp4", "clip is not a regular file (a pipe, a device or a folder)"),
        ("song.m4a", "clip has no video stream (audio only)"),
    ],
)
def test_broken_clips_are_refused(clips: Path, name: str, reason: str) -> None:
    with pytest.raises(ClipError) as caught:
        verify_clip(clips / name)
    assert caught.value.reason == reason
    assert str(caught.value) == reason


def test_headerless_webm_cut_short_still_plays_what_is_there(clips: Path) -> None:
    """Without a duration in the header a cut is invisible; what remains must still decode to its end."""
    probe = verify_clip(clips / "half-browser.webm")
    assert 0.5 < probe.duration_s < 2.0


def test_truncated_by_a_few_percent(clips: Path, tmp_path: Path) -> None:
    data = (clips / "fast.mp4").read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: int(len(data) * 0.85)])
    with pytest.raises(ClipError, match="truncated"):
        verify_clip(cut)


def test_corrupted_middle_is_refused_or_plays(clips: Path, tmp_path: Path) -> None:
    """Garbage inside the stream never escapes as anything but ClipError."""
    data = bytearray((clips / "good.mp4").read_bytes())
    for start in range(len(data) // 10, len(data) - 2000, len(data) // 7):
        data[start : start + 1500] = bytes(1500)
    damaged = tmp_path / "damaged.mp4"
    damaged.write_bytes(bytes(data))
    try:
        verify_clip(damaged)
    except ClipError as exc:
        assert exc.reason.startswith("clip ")


@pytest.mark.parametrize("name", ["good.mp4", "fast.mp4", "file.webm", "browser.webm", "iphone.mov"])
def test_fuzzed_clips_give_clip_error_or_probe(clips: Path, tmp_path: Path, name: str) -> None:
    rng = random.Random(name)
    original = (clips / name).read_bytes()
    outcomes: set[str] = set()
    for round_ in range(40):
        data = bytearray(original[: rng.randrange(1, len(original) + 1)] if round_ % 2 else original)
        for _ in range(rng.randrange(1, 20)):
            at = rng.randrange(len(data))
            data[at : at + 8] = rng.randbytes(8)
        path = tmp_path / f"fuzz{round_}{Path(name).suffix}"
        path.write_bytes(bytes(data))
        try:
            verify_clip(path)
            outcomes.add("ok")
        except ClipError as exc:
            assert exc.reason.startswith("clip ")
            outcomes.add("refused")
    assert "refused" in outcomes


def test_sha256_file(clips: Path, tmp_path: Path) -> None:
    data = (clips / "good.mp4").read_bytes()
    assert sha256_file(clips / "good.mp4") == (hashlib.sha256(data).hexdigest(), len(data))
    big = tmp_path / "big.bin"
    big.write_bytes(b"\x01" * (3 * (1 << 20) + 17))  # spans several 1 MiB chunks
    assert sha256_file(big) == (hashlib.sha256(big.read_bytes()).hexdigest(), 3 * (1 << 20) + 17)
    assert sha256_file(clips / "empty.mp4") == (hashlib.sha256(b"").hexdigest(), 0)
