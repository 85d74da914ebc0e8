"""A spot holding a playlist or manifest posing as a clip is refused before anything is rendered; the
containers phones and browsers record (MP4, MOV, 3GP, MKV, WebM) still render, with the real ffmpeg."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import av
import pytest

from moderator_app.base.ffmpeg import ffmpeg_exe
from moderator_app.demo.synth import make_clip
from moderator_app.spot.errors import RenderError
from moderator_app.spot.export import export_spot
from moderator_app.spot.model import Spot, Template
from moderator_app.spot.presets import PRESETS
from moderator_app.spot.probe import probe_source
from moderator_app.spot.render import render_spot
from moderator_app.spot.titles import DrawtextTitleRenderer
from tests.support import hostile

from .conftest import spot_clip

SMALL = replace(PRESETS["preview"], name="hostile-test", width=320, height=180)

POSING: dict[str, Callable[[Path, Path], Path]] = {
    "ffconcat": lambda p, t: hostile.ffconcat(p, t.name),
    "hls": lambda p, t: hostile.hls(p, t.name),
    "dash": hostile.dash,
    "sdp": lambda p, _t: hostile.sdp(p),
}


@pytest.mark.parametrize("kind", sorted(POSING))
def test_a_spot_holding_a_playlist_is_not_rendered(kind: str, clip_dir: dict[str, Path], tmp_path: Path) -> None:
    other = tmp_path / "nocons.mp4"  # a rejected submission's clip, beside the hostile one
    other.write_bytes(clip_dir["shout"].read_bytes())
    posing = POSING[kind](tmp_path / "sub-posing.mp4", other)
    with pytest.raises(ValueError, match="playlist|not an MP4"):
        probe_source(posing)
    spot = Spot(Template.standard(10), "spot-hostile")
    spot.place(0, spot_clip(clip_dir["mono"], "sub-ok", duration=9.0))
    spot.place(1, spot_clip(posing, "sub-posing", duration=9.0))
    spot.place(2, spot_clip(clip_dir["loud"], "sub-ok2", duration=9.0))
    spot.fit()
    out = tmp_path / "out"
    with pytest.raises(RenderError, match="sub-posing.*(playlist|not an MP4)"):
        export_spot(spot, SMALL, out / "spot.mp4", title_renderer=DrawtextTitleRenderer(), draft=True)
    assert list(out.iterdir()) == [], "no output at all, let alone one with the other clip's picture"


def test_a_picture_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    bomb = hostile.bomb(tmp_path / "sub-bomb.mp4", side=9000)
    with pytest.raises(ValueError, match="9000x9000"):
        probe_source(bomb)


def _mkv(path: Path) -> Path:
    source = make_clip(path.with_suffix(".src.mp4"), duration=4.0, width=320, height=240, audio="tone", pattern=4)
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-i", str(source), "-c", "copy", str(path)],
                   check=True, timeout=60)
    return path


def test_mov_3gp_mkv_and_webm_clips_render(tmp_path: Path) -> None:
    clips = {
        "mov": make_clip(tmp_path / "a.mov", duration=4.0, width=320, height=240, container="mov", pattern=1),
        "3gp": make_clip(tmp_path / "b.3gp", duration=4.0, width=320, height=240, container="3gp", pattern=2),
        "webm": make_clip(tmp_path / "c.webm", duration=4.0, width=320, height=240, container="webm", pattern=3),
        "mkv": _mkv(tmp_path / "d.mkv"),
    }
    assert clips["mov"].read_bytes()[8:12] == b"qt  " and clips["3gp"].read_bytes()[8:11] == b"3gp"
    for first, second in (("mov", "3gp"), ("webm", "mkv")):
        spot = Spot(Template.standard(10, slots=2), f"spot-{first}")
        spot.place(0, spot_clip(clips[first], f"sub-{first}", duration=4.0))
        spot.place(1, spot_clip(clips[second], f"sub-{second}", duration=4.0))
        spot.fit()
        out = tmp_path / f"{first}.mp4"
        render_spot(spot, SMALL, out, draft=True)
        with av.open(str(out)) as container:
            frames = sum(1 for packet in container.demux(container.streams.video[0]) if packet.size)
            assert container.streams.audio
        assert frames == 250
