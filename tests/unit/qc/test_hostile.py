"""Playlists and manifests posing as clips, and a picture-size bomb, against the real clip checks.

Each hostile file names a real clip (``clean.mp4``) that a probing demuxer would open instead; the checks
must refuse it with a reason and report nothing of the other clip. The bomb must be refused from its header,
in little memory: measured in a separate process, whose peak RSS (and its ffmpeg's) is read from the kernel.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from moderator_app.base.ffmpeg import FfmpegError, ffmpeg_exe
from moderator_app.base.media import ffmpeg_input
from moderator_app.demo.synth import make_clip
from moderator_app.qc import check_file, run_many
from moderator_app.qc.sound import measure_file
from tests.support import hostile

Media = Callable[[str], Path]


def _plain_list(path: Path, target: Path) -> Path:
    path.write_text(f"{target.name}\n", encoding="utf-8")  # an M3U without its header, relative name
    return path


def _bom_ffconcat(path: Path, target: Path) -> Path:
    path.write_bytes(b"\xef\xbb\xbf" + f"ffconcat version 1.0\nfile {target.name}\n".encode())
    return path


MAKERS: dict[str, Callable[[Path, Path], Path]] = {
    "ffconcat": lambda p, t: hostile.ffconcat(p, t.name),  # relative: ffconcat's "safe" mode lets it through
    "ffconcat_absolute": lambda p, t: hostile.ffconcat(p, str(t)),
    "bom_ffconcat": _bom_ffconcat,
    "hls": lambda p, t: hostile.hls(p, t.name),
    "dash": hostile.dash,  # absolute file:// target: the bundled ffmpeg CLI follows it
    "sdp": lambda p, _t: hostile.sdp(p),
    "plain_list": _plain_list,
}


@pytest.fixture
def target(media: Media, tmp_path: Path) -> Path:
    """Another submission's clip, beside the hostile file (as in the cache)."""
    copy = tmp_path / "nocons.mp4"
    copy.write_bytes(media("clean.mp4").read_bytes())
    return copy


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_a_playlist_posing_as_a_clip_is_unreadable(kind: str, target: Path, tmp_path: Path) -> None:
    posing = MAKERS[kind](tmp_path / "sub-000666.mp4", target)
    report = check_file(posing)
    assert report.findings == ["unreadable"]
    assert report.reason is not None and ("playlist" in report.reason or "not an MP4" in report.reason)
    assert report.width is None and report.duration_s is None, "nothing of the other clip is reported"
    with pytest.raises(FfmpegError):
        measure_file(posing)  # the sound meter refuses it too


def test_the_dash_manifest_is_followed_by_a_probing_ffmpeg_but_not_by_ours(target: Path, tmp_path: Path) -> None:
    """The attack is real: the bundled CLI, left to probe, decodes the other clip through the manifest."""
    posing = hostile.dash(tmp_path / "sub-000667.mp4", target)
    probing = subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(posing), "-frames:v", "3", "-f", "null", "-"],
                             check=False, capture_output=True, timeout=60)
    assert probing.returncode == 0, "the fixture no longer reproduces the attack"
    with pytest.raises(ValueError, match="playlist"):
        ffmpeg_input(posing)


def test_the_batch_refuses_them_beside_good_clips(media: Media, target: Path, tmp_path: Path) -> None:
    posing = [MAKERS[k](tmp_path / f"{k}.mp4", target) for k in ("ffconcat", "dash", "sdp")]
    reports = dict(run_many([*posing, media("clean.mp4")], workers=2))
    assert all(reports[p].findings == ["unreadable"] for p in posing)
    assert "unreadable" not in reports[media("clean.mp4")].findings


@pytest.mark.parametrize("container", ["mov", "3gp", "webm", "mkv"])
def test_every_accepted_container_still_checks(container: str, tmp_path: Path) -> None:
    if container == "mkv":
        path = tmp_path / "clip.mkv"
        subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-i", str(make_clip(tmp_path / "src.mp4", duration=2.0)),
                        "-c", "copy", str(path)], check=True, timeout=60)
    else:
        path = make_clip(tmp_path / f"clip.{container}", duration=2.0, container=container)
    report = check_file(path)
    assert "unreadable" not in report.findings, report.reason
    assert (report.width, report.height) == (640, 360)
    assert report.duration_s == pytest.approx(2.0, abs=0.1)


_MEASURE = """
import json, resource, sys, pathlib
from moderator_app.qc import check_file
report = check_file(pathlib.Path(sys.argv[1]))
print(json.dumps({"report": report.to_json(), "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "children_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile.bomb(tmp_path_factory.mktemp("bomb") / "sub-bomb.mp4", side=16000)


def _checked_alone(path: Path) -> dict[str, object]:
    proc = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], check=False, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    result: dict[str, object] = json.loads(proc.stdout)
    return result


def test_a_picture_bomb_is_refused_from_its_header_in_little_memory(bomb: Path, media: Media) -> None:
    measured = _checked_alone(bomb)
    report = measured["report"]
    assert isinstance(report, dict)
    assert report["findings"] == ["unreadable"] and "16000x16000" in report["reason"]
    baseline = _checked_alone(media("clean.mp4"))  # the same process checking a small clip
    extra = float(measured["self_mb"]) - float(baseline["self_mb"])  # type: ignore[arg-type]
    print(f"bomb: self {measured['self_mb']:.0f} MB (clean clip {baseline['self_mb']:.0f} MB), "
          f"ffmpeg {measured['children_mb']:.0f} MB")
    # decoded, one 16000x16000 frame is 384 MB and the check took 2.6 GB: the header check costs the
    # decoder's refusal only (its per-macroblock tables, about 85 MB), in the checker and in its ffmpeg
    assert extra < 150 and float(measured["children_mb"]) < 200  # type: ignore[arg-type]
