"""Hostile submissions, as an attacker would upload them: the files of issue 15, made for tests and benchmarks.

Each maker writes one file (or link, or pipe) and returns its path. None of them is a valid clip; an
inbox or platform sync must refuse or quarantine every one with a reason, in bounded time and memory.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from moderator_app.base.ffmpeg import run_ffmpeg


def ffconcat(path: Path, target: str) -> Path:
    """A concat playlist that names another submission's clip: probing ffmpeg would play ``target``."""
    path.write_text(f"ffconcat version 1.0\nfile {target}\n", encoding="utf-8")
    return path


def hls(path: Path, target: str) -> Path:
    path.write_text(f"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\n{target}\n#EXT-X-ENDLIST\n", encoding="utf-8")
    return path


def dash(path: Path, target: Path) -> Path:
    """A DASH manifest whose segment is an absolute file:// URL (the bundled ffmpeg CLI follows it)."""
    path.write_text(
        '<?xml version="1.0"?>\n<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" '
        'mediaPresentationDuration="PT4S" minBufferTime="PT1S" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011">'
        '<Period><AdaptationSet mimeType="video/mp4"><Representation id="1" bandwidth="1000">'
        f"<BaseURL>file://{target}</BaseURL></Representation></AdaptationSet></Period></MPD>\n",
        encoding="utf-8",
    )
    return path


def sdp(path: Path) -> Path:
    path.write_text("v=0\no=- 0 0 IN IP4 127.0.0.1\ns=x\nc=IN IP4 127.0.0.1\nt=0 0\nm=video 5004 RTP/AVP 96\n",
                    encoding="utf-8")
    return path


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def link(path: Path, target: Path) -> Path:
    path.symlink_to(target)
    return path


def bomb(path: Path, side: int = 9000) -> Path:
    """One H.264 frame of side x side pixels: under 1 MB on disk, hundreds of MB once decoded."""
    run_ffmpeg(["-y", "-f", "lavfi", "-i", f"color=black:s={side}x{side}:r=25", "-frames:v", "1",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(path)], timeout=120)
    return path


def record(folder: Path, sid: str, clip_name: str, **extra: object) -> Path:
    """A contract record (see shared/docs/queue-contract.md) pointing at ``clip_name``."""
    data: dict[str, object] = {
        "id": sid,
        "received_at": "2026-11-30T10:00:00Z",
        "campaign": "onresteensemble-fr",
        "country": "FR",
        "clip": clip_name,
        "sender": {"first_name": "Eve", "last_name": "Mallory", "email": "eve@example.org"},
        "recipient": {"first_name": "Ana", "last_name": "Martin"},
        "consent": {"broadcast": True, "terms_version": "2020-03", "given_at": "2026-11-30T09:59:00Z"},
        **extra,
    }
    path = folder / f"{sid}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


Maker = Callable[[Path], Path]
