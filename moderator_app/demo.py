"""Demo and benchmark material made with the bundled ffmpeg: clips that look like what phones send, and inboxes.

The demo inbox is what a new user (and the GUI tests) sees on first start: it must show the cases the app is
for — portrait phone clips, French and Arabic names, an emoji, a dark clip, a short one, a clip without
broadcast consent — and two bad submissions that end in quarantine. Generation is idempotent so it can run
on every start without rewriting clips.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Literal

from moderator_app.base.ffmpeg import run_ffmpeg
from moderator_app.sources.cliptest import ClipError, verify_clip

AudioKind = Literal["speech", "tone", "none"]

# Video sources that look clearly different from each other in a thumbnail grid.
_PATTERNS: tuple[str, ...] = (
    "testsrc2=s={w}x{h}:r={fps}",
    "mandelbrot=s={hw}x{hh}:r={fps},scale={w}:{h}",  # rendered at half size: the fractal is slow
    "gradients=s={w}x{h}:r={fps}:speed=0.03",
    "cellauto=s={w}x{h}:r={fps}:rule=110",
    "smptehdbars=s={w}x{h}:r={fps}",
    # big cells: full-resolution life is noise that costs megabytes
    (
        "life=s={qw}x{qh}:r={fps}:mold=10:ratio=0.3:death_color=#1b2a4a:life_color=#ffcc33,"
        "scale={w}:{h}:flags=neighbor"
    ),
    (  # moving colour boxes
        "color=c=#24305e:s={w}x{h}:r={fps}[bg];color=c=#f76c6c:s={bw}x{bh}:r={fps}[a];"
        "color=c=#a8d0e6:s={bw}x{bh}:r={fps}[b];"
        "[bg][a]overlay=x='(W-w)*(0.5+0.5*sin(1.7*t))':y='(H-h)*(0.5+0.5*cos(1.1*t))'[ab];"
        "[ab][b]overlay=x='(W-w)*(0.5+0.5*cos(1.3*t))':y='(H-h)*(0.5+0.5*sin(0.9*t))'"
    ),
    "sierpinski=s={w}x{h}:r={fps}",
    "zoneplate=s={w}x{h}:r={fps}:kt2=2:kx2=48:ky2=48",
    "colorspectrum=s={w}x{h}:r={fps}:type=all",
)

# A voice-like source: harmonics of a 120-220 Hz pitch that drifts and wobbles (vibrato), shaped into
# ~4 syllables a second with pauses between phrases, about -20 dBFS RMS. Phase is the integral of the
# frequency so the pitch glides instead of clicking.
_SPEECH = (
    "st(0,2*PI*165*t-(40/0.7)*cos(2*PI*0.7*t)-(4/5.5)*cos(2*PI*5.5*t));"
    "0.26*(sin(ld(0))+0.5*sin(2*ld(0))+0.3*sin(3*ld(0))+0.18*sin(4*ld(0))+0.1*sin(5*ld(0)))"
    "*pow(sin(PI*4*t),2)*gt(sin(2*PI*0.31*t+1),-0.45)"
)
_TONE = "0.14*sin(2*PI*440*t)"  # -20 dBFS RMS

_CONTAINER_CODECS: dict[str, tuple[str, list[str], list[str]]] = {
    # container -> (ffmpeg muxer, video codec args, audio codec args)
    "mp4": ("mp4", ["-c:v", "libx264", "-preset", "ultrafast"], ["-c:a", "aac", "-b:a", "96k"]),
    "mov": ("mov", ["-c:v", "libx264", "-preset", "ultrafast"], ["-c:a", "aac", "-b:a", "96k"]),
    "3gp": ("3gp", ["-c:v", "libx264", "-preset", "ultrafast"], ["-c:a", "aac", "-b:a", "64k"]),
    "webm": (
        "webm",
        [
            *("-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "600k"),
            *("-lag-in-frames", "0", "-auto-alt-ref", "0"),  # as a browser's MediaRecorder does
        ],
        ["-c:a", "libopus", "-b:a", "64k"],
    ),
}


def _video_source(pattern: int, width: int, height: int, fps: int) -> str:
    template = _PATTERNS[pattern % len(_PATTERNS)]
    half = {"hw": max(2, width // 4 * 2), "hh": max(2, height // 4 * 2)}
    quarter = {"qw": max(2, width // 8 * 2), "qh": max(2, height // 8 * 2)}
    box = {"bw": max(2, width // 8 * 2), "bh": max(2, height // 6 * 2)}
    return template.format(w=width, h=height, fps=fps, **half, **quarter, **box)


def make_clip(
    path: Path,
    *,
    duration: float = 4.0,
    width: int = 640,
    height: int = 360,
    rotate: int = 0,
    dark: bool = False,
    audio: AudioKind = "speech",
    pattern: int = 0,
    fps: int = 25,
    container: str = "mp4",
) -> Path:
    """Write a clip the way a phone or browser would, atomically (a temp file renamed into place).

    ``rotate`` is clockwise degrees as phones tag it: the pixels stay landscape and the display matrix says
    how to turn them, so ``rotate=90`` on 640x360 displays as 360x640 portrait.
    """
    if container not in _CONTAINER_CODECS:
        raise ValueError(f"unsupported container {container!r}")
    if width % 2 or height % 2:
        raise ValueError("width and height must be even (4:2:0 video)")
    if rotate % 90:
        raise ValueError("rotate must be a multiple of 90")
    muxer, video_args, audio_args = _CONTAINER_CODECS[container]
    args: list[str] = ["-y"]
    if rotate % 360:
        # -display_rotation is counter-clockwise; keep the pixels as they are (no autorotate).
        args += ["-noautorotate", "-display_rotation", str(-(rotate % 360))]
    args += ["-f", "lavfi", "-i", _video_source(pattern, width, height, fps)]
    if audio != "none":
        expr = _SPEECH if audio == "speech" else _TONE
        args += ["-f", "lavfi", "-i", f"aevalsrc='{expr}':s=48000:c=mono"]
    if dark:
        # crush luma to ~12% and pull chroma towards grey: a clip shot in a dim room
        args += ["-vf", "lutyuv=y='16+(val-16)*0.12':u='128+(val-128)*0.3':v='128+(val-128)*0.3'"]
    args += ["-t", f"{duration:.3f}", "-map", "0:v"]
    args += [*video_args, "-pix_fmt", "yuv420p", "-g", str(fps)]
    if audio != "none":
        args += ["-map", "1:a", *audio_args, "-ar", "48000"]
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.part")
    args += ["-f", muxer, str(partial)]
    try:
        run_ffmpeg(args, timeout=120)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


@dataclass(frozen=True, slots=True)
class _DemoSubmission:
    """One demo record and how its clip looks."""

    id: str
    country: str
    language: str | None
    recipient: tuple[str, str, str | None, str | None]  # first, last, relationship, town
    sender: tuple[str, str, str | None, str | None]  # first, last, email, phone
    message: str | None
    pattern: int
    rotate: int = 0
    dark: bool = False
    duration: float = 4.0
    broadcast: bool = True
    with_checksum: bool = True
    container: str = "mp4"
    offset_hours: int = 0


# fmt: off
_DEMO: tuple[_DemoSubmission, ...] = (
    _DemoSubmission(
        "sub-000101", "FR", "fr", ("Hélène", "Dubois", "grand-mère", "Lille"),
        ("Lucas", "Dubois", "lucas.dubois@example.org", "+33 6 12 34 56 78"),
        "Bon anniversaire Mamie, on pense fort à toi !", pattern=0, offset_hours=2,
    ),
    _DemoSubmission(
        "sub-000102", "FR", "fr", ("Jérôme", "Lefèvre", "grand-père", "Besançon"),
        ("Zoé", "Lefèvre", "zoe.lefevre@example.org", None),
        "Papi, tu nous manques. On se voit très vite.\nBisous de nous quatre", pattern=1, rotate=90,
    ),
    _DemoSubmission(
        "sub-000103", "LU", "lb", ("Françoise", "Muller", "marraine", "Esch-sur-Alzette"),
        ("Chloé", "Weber", "chloe.weber@example.org", "+352 621 123 456"),
        "Léif Marraine, mir denken un dech !", pattern=2,
    ),
    _DemoSubmission(
        "sub-000104", "MA", "ar", ("فاطمة", "بنعلي", "جدتي", "الدار البيضاء"),
        ("يوسف", "بنعلي", "youssef.benali@example.org", "+212 612 345 678"),
        "جدتي الحبيبة، نشتاق إليك كثيرا. نراك قريبا إن شاء الله", pattern=3, rotate=90, offset_hours=1,
    ),
    _DemoSubmission(
        "sub-000105", "FR", "fr", ("Mamie 🌸", "Roux", "arrière-grand-mère", "Lyon"),
        ("Léa", "Roux", "lea.roux@example.org", None),
        "Pour la meilleure des mamies 🌸❤️", pattern=4,
    ),
    _DemoSubmission(
        "sub-000106", "FR", "fr", ("Zoé", "Martin", "sœur", "Nantes"),
        ("Noël", "Martin", None, "+33 7 98 76 54 32"),
        "Coucou petite sœur, courage pour la suite !", pattern=0, dark=True, rotate=90,
    ),
    _DemoSubmission(
        "sub-000107", "LU", "fr", ("Amélie", "Gérard", "tante", "Luxembourg"),
        ("Maël", "Gérard", "mael.gerard@example.org", None),
        "Bises, tata !", pattern=5, duration=1.5,
    ),
    _DemoSubmission(
        "sub-000108", "TN", "fr", ("Aïcha", "Trabelsi", "maman", "Tunis"),
        ("Mehdi", "Trabelsi", "mehdi.trabelsi@example.org", "+216 20 123 456"),
        "Maman, on t'aime. À très vite à Tunis.", pattern=6, broadcast=False, offset_hours=1,
    ),
    _DemoSubmission(
        "sub-000109", "TN", "ar", ("محمد", "الشابي", "جدي", "صفاقس"),
        ("ليلى", "الشابي", "leila.chebbi@example.org", None),
        "جدي العزيز، كل عام وأنت بخير", pattern=7, rotate=90, offset_hours=1,
    ),
    _DemoSubmission(
        "sub-000110", "FR", "fr", ("Geneviève", "Lambert", "maman", "Strasbourg"),
        ("Théo", "Lambert", "theo.lambert@example.org", None),
        "Merci pour tout, maman.", pattern=8, with_checksum=False, offset_hours=2,
    ),
    _DemoSubmission(
        "sub-000111", "MA", "fr-MA", ("Khadija", "El Idrissi", "mère", "Marrakech"),
        ("Omar", "El Idrissi", None, "+212 661 234 567"),
        "Yemma, tu es notre soleil.", pattern=9, rotate=90,
    ),
    _DemoSubmission(
        "sub-000112", "LU", "lb", ("Josée", "Kieffer", "bomi", "Differdange"),
        ("Mathéo", "Kieffer", "matheo.kieffer@example.org", None),
        "Alles Guddes, Bomi !", pattern=6,
    ),
    _DemoSubmission(
        "sub-000113", "FR", "fr", ("Béatrice", "N'Diaye", "voisine", "Marseille"),
        ("Inès", "Benali", "ines.benali@example.org", None),
        "Merci d'être là pour tout l'immeuble !", pattern=2, container="webm", rotate=0,
    ),
    _DemoSubmission(
        "sub-000114", "MA", "ar", ("سلمى", "العلوي", "أختي", "فاس"),
        ("كريم", "العلوي", "karim.alaoui@example.org", None),
        "أختي الغالية، نحبك", pattern=5, rotate=90,
    ),
)
# fmt: on

_BAD_JSON_ID = "sub-000190"
_TRUNCATED_ID = "sub-000191"
_BASE_TIME = datetime(2020, 4, 2, 16, 21, 7, tzinfo=UTC)
_CAMPAIGN = "onresteensemble"
DEMO_SIZE = (384, 216)
"""Small on purpose: generation must take seconds; portrait clips display as 216x384."""


def _iso(moment: datetime, offset_hours: int) -> str:
    """ISO 8601 with the sender's local offset, as the mini-site would write it."""
    local = moment.astimezone(timezone(timedelta(hours=offset_hours)))
    return local.isoformat(timespec="seconds").replace("+00:00", "Z")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _record(item: _DemoSubmission, received: datetime, clip_name: str, clip: bytes | None) -> dict[str, Any]:
    first, last, relationship, town = item.recipient
    s_first, s_last, email, phone = item.sender
    recipient: dict[str, Any] = {"first_name": first, "last_name": last}
    if relationship:
        recipient["relationship"] = relationship
    if town:
        recipient["town"] = town
    sender: dict[str, Any] = {"first_name": s_first, "last_name": s_last}
    if email:
        sender["email"] = email
    if phone:
        sender["phone"] = phone
    record: dict[str, Any] = {
        "id": item.id,
        "received_at": _iso(received, item.offset_hours),
        "campaign": f"{_CAMPAIGN}-{item.country.lower()}",
        "country": item.country,
    }
    if item.language:
        record["language"] = item.language
    record |= {"recipient": recipient, "sender": sender}
    if item.message:
        record["message"] = item.message
    record["consent"] = {
        "broadcast": item.broadcast,
        "terms_version": "2020-03",
        "given_at": _iso(received - timedelta(seconds=12), item.offset_hours),
    }
    record["clip"] = clip_name
    if clip is not None:
        record["clip_sha256"] = _sha256(clip)
        record["clip_size"] = len(clip)
    record["source"] = {"site": "mini-site", "user_agent": "demo"}  # an unknown field, kept raw
    return record


def _write_atomic(path: Path, data: bytes) -> None:
    """Readers of the inbox never see half a file: write aside, then rename; unchanged files are left alone."""
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return
    partial = path.with_name(f".{path.name}.part")
    partial.write_bytes(data)
    partial.replace(path)


def _json_bytes(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _existing_clip_ok(folder: Path, item: _DemoSubmission, clip_path: Path) -> bool:
    """A clip already there is kept if its record says it has this size (or, without one, if it plays)."""
    if not clip_path.is_file():
        return False
    try:
        old = json.loads((folder / f"{item.id}.json").read_text(encoding="utf-8"))
        expected = old.get("clip_size")
    except (OSError, ValueError, AttributeError):
        expected = None
    if isinstance(expected, int):
        return clip_path.stat().st_size == expected
    try:
        verify_clip(clip_path)
    except ClipError:
        return False
    return True


def _make_demo_clip(item: _DemoSubmission, path: Path) -> None:
    width, height = DEMO_SIZE
    make_clip(
        path,
        duration=item.duration,
        width=width,
        height=height,
        rotate=item.rotate,
        dark=item.dark,
        audio="speech",
        pattern=item.pattern,
        container=item.container,
    )


def make_demo_inbox(folder: Path, *, seed: int = 7) -> list[str]:
    """Fill ``folder`` with the demo submissions (records + clips) and two bad ones; return the ids written.

    Existing clips of the right size are kept, so calling it again is cheap and changes nothing.
    """
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    received = [
        _BASE_TIME + timedelta(minutes=37 * i, seconds=rng.randrange(0, 3600)) for i in range(len(_DEMO))
    ]

    todo = [
        (item, folder / f"{item.id}.{item.container}")
        for item in _DEMO
        if not _existing_clip_ok(folder, item, folder / f"{item.id}.{item.container}")
    ]
    truncated_clip = folder / f"{_TRUNCATED_ID}.mp4"
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        futures = [pool.submit(_make_demo_clip, item, path) for item, path in todo]
        if not truncated_clip.is_file():
            futures.append(pool.submit(_make_truncated_clip, truncated_clip))
        for future in futures:
            future.result()

    ids: list[str] = []
    for item, moment in zip(_DEMO, received, strict=True):
        clip_name = f"{item.id}.{item.container}"
        clip = (folder / clip_name).read_bytes() if item.with_checksum else None
        _write_atomic(folder / f"{item.id}.json", _json_bytes(_record(item, moment, clip_name, clip)))
        ids.append(item.id)

    # Bad 1: the record is cut short mid-upload, so it is not JSON.
    bad = _DemoSubmission(
        _BAD_JSON_ID,
        "FR",
        "fr",
        ("Odile", "Perrin", "mamie", "Rouen"),
        ("Hugo", "Perrin", "hugo.perrin@example.org", None),
        "Joyeux anniversaire",
        pattern=0,
    )
    text = _json_bytes(_record(bad, _BASE_TIME + timedelta(hours=20), f"{_BAD_JSON_ID}.mp4", None))
    _write_atomic(folder / f"{_BAD_JSON_ID}.json", text[: len(text) // 2])
    ids.append(_BAD_JSON_ID)

    # Bad 2: a valid record whose clip was cut in half (checksum of the cut file, so only decoding catches it).
    trunc = _DemoSubmission(
        _TRUNCATED_ID,
        "LU",
        "fr",
        ("Marguerite", "Schmit", "grand-mère", "Ettelbruck"),
        ("Élodie", "Schmit", "elodie.schmit@example.org", None),
        "Bonne fête, Mémé !",
        pattern=3,
    )
    record = _record(
        trunc, _BASE_TIME + timedelta(hours=21), truncated_clip.name, truncated_clip.read_bytes()
    )
    _write_atomic(folder / f"{_TRUNCATED_ID}.json", _json_bytes(record))
    ids.append(_TRUNCATED_ID)
    return ids


def _make_truncated_clip(path: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        whole = make_clip(Path(tmp) / "whole.mp4", duration=3.0, width=320, height=180, pattern=3)
        data = whole.read_bytes()
    _write_atomic(path, data[: len(data) // 2])


_BULK_NAMES: tuple[tuple[str, str], ...] = (
    ("Hélène", "Dubois"),
    ("Jérôme", "Lefèvre"),
    ("فاطمة", "بنعلي"),
    ("Mamie 🌸", "Roux"),
    ("Françoise", "Muller"),
    ("Zoé", "Martin"),
    ("يوسف", "الشابي"),
    ("Aïcha", "Trabelsi"),
)
_BULK_COUNTRIES = ("FR", "LU", "TN", "MA")


def make_bulk_inbox(folder: Path, count: int) -> None:
    """Write ``count`` small valid submissions (sub-000001 …) sharing one tiny real clip, for benchmarks."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        template = make_clip(Path(tmp) / "tiny.mp4", duration=0.2, width=64, height=64, audio="none", fps=25)
        clip = template.read_bytes()
    digest = _sha256(clip)
    base = _BASE_TIME
    for n in range(1, count + 1):
        sub_id = f"sub-{n:06d}"
        first, last = _BULK_NAMES[n % len(_BULK_NAMES)]
        s_first, s_last = _BULK_NAMES[(n + 3) % len(_BULK_NAMES)]
        country = _BULK_COUNTRIES[n % len(_BULK_COUNTRIES)]
        moment = (base + timedelta(seconds=7 * n)).strftime("%Y-%m-%dT%H:%M:%SZ")
        record = {
            "id": sub_id,
            "received_at": moment,
            "campaign": f"{_CAMPAIGN}-{country.lower()}",
            "country": country,
            "language": "ar" if country in ("TN", "MA") and n % 2 else "fr",
            "recipient": {"first_name": first, "last_name": last, "relationship": "grand-mère"},
            "sender": {"first_name": s_first, "last_name": s_last, "email": f"sender{n}@example.org"},
            "message": "On pense fort à toi",
            "consent": {"broadcast": n % 17 != 0, "terms_version": "2020-03", "given_at": moment},
            "clip": f"{sub_id}.mp4",
            "clip_sha256": digest,
            "clip_size": len(clip),
        }
        (folder / f"{sub_id}.mp4").write_bytes(clip)
        (folder / f"{sub_id}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m moderator_app.demo", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="inbox folder to fill (created if missing)")
    parser.add_argument("--seed", type=int, default=7, help="seed for the demo timestamps")
    parser.add_argument(
        "--bulk", type=int, metavar="N", help="write N tiny submissions for benchmarks instead"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.bulk is not None:
        make_bulk_inbox(args.folder, args.bulk)
        print(f"wrote {args.bulk} submissions to {args.folder} in {time.perf_counter() - started:.2f} s")
        return 0
    ids = make_demo_inbox(args.folder, seed=args.seed)
    print(f"wrote {len(ids)} submissions to {args.folder} in {time.perf_counter() - started:.2f} s")
    for sub_id in ids:
        print(sub_id)
    return 0


if __name__ == "__main__":
    sys.exit(main())
