"""The demo inbox: the submissions a new user (and the GUI tests) sees on first start with ``--demo``.

It must show the cases the app is for — portrait phone clips, French and Arabic names, an emoji, a dark
clip, a short one, a clip without broadcast consent — and two bad submissions that end in quarantine.
Messages last 4 to 9 s, as the campaign's senders filmed them, and there are enough of them for the whole
path: six French ones with broadcast consent (two full 30 s spots of three) and three Moroccan ones (one
spot, two of them in Arabic for the Arabic lower third), so approving with A and pressing Ctrl+E leads to a
spot that fits and previews.
Generation is idempotent so it can run on every start without rewriting clips.
"""

from __future__ import annotations

import hashlib
import json
import random
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from moderator_app.base.durable import write_atomic
from moderator_app.base.limits import cpu_workers
from moderator_app.demo.synth import make_clip
from moderator_app.sources.cliptest import ClipError, verify_clip


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
    """Seconds; the senders filmed "quelques secondes" (4 to 9 s)."""
    broadcast: bool = True
    with_checksum: bool = True
    container: str = "mp4"
    offset_hours: int = 0


# fmt: off
_DEMO: tuple[_DemoSubmission, ...] = (
    _DemoSubmission(
        "sub-000101", "FR", "fr", ("Hélène", "Dubois", "grand-mère", "Lille"),
        ("Lucas", "Dubois", "lucas.dubois@example.org", "+33 6 12 34 56 78"),
        "Bon anniversaire Mamie, on pense fort à toi !", pattern=0, duration=6.5, offset_hours=2,
    ),
    _DemoSubmission(
        "sub-000102", "FR", "fr", ("Jérôme", "Lefèvre", "grand-père", "Besançon"),
        ("Zoé", "Lefèvre", "zoe.lefevre@example.org", None),
        "Papi, tu nous manques. On se voit très vite.\nBisous de nous quatre", pattern=1, duration=8.0, rotate=90,
    ),
    _DemoSubmission(
        "sub-000103", "LU", "lb", ("Françoise", "Muller", "marraine", "Esch-sur-Alzette"),
        ("Chloé", "Weber", "chloe.weber@example.org", "+352 621 123 456"),
        "Léif Marraine, mir denken un dech !", pattern=2, duration=5.0,
    ),
    _DemoSubmission(
        "sub-000104", "MA", "ar", ("فاطمة", "بنعلي", "جدتي", "الدار البيضاء"),
        ("يوسف", "بنعلي", "youssef.benali@example.org", "+212 612 345 678"),
        "جدتي الحبيبة، نشتاق إليك كثيرا. نراك قريبا إن شاء الله", pattern=3, duration=7.0, rotate=90, offset_hours=1,
    ),
    _DemoSubmission(
        "sub-000105", "FR", "fr", ("Mamie 🌸", "Roux", "arrière-grand-mère", "Lyon"),
        ("Léa", "Roux", "lea.roux@example.org", None),
        "Pour la meilleure des mamies 🌸❤️", pattern=4, duration=4.5,
    ),
    _DemoSubmission(
        "sub-000106", "FR", "fr", ("Zoé", "Martin", "sœur", "Nantes"),
        ("Noël", "Martin", None, "+33 7 98 76 54 32"),
        "Coucou petite sœur, courage pour la suite !", pattern=0, duration=6.0, dark=True, rotate=90,
    ),
    _DemoSubmission(
        "sub-000107", "LU", "fr", ("Amélie", "Gérard", "tante", "Luxembourg"),
        ("Maël", "Gérard", "mael.gerard@example.org", None),
        "Bises, tata !", pattern=5, duration=1.5,
    ),
    _DemoSubmission(
        "sub-000108", "TN", "fr", ("Aïcha", "Trabelsi", "maman", "Tunis"),
        ("Mehdi", "Trabelsi", "mehdi.trabelsi@example.org", "+216 20 123 456"),
        "Maman, on t'aime. À très vite à Tunis.", pattern=6, duration=5.5, broadcast=False, offset_hours=1,
    ),
    _DemoSubmission(
        "sub-000109", "TN", "ar", ("محمد", "الشابي", "جدي", "صفاقس"),
        ("ليلى", "الشابي", "leila.chebbi@example.org", None),
        "جدي العزيز، كل عام وأنت بخير", pattern=7, duration=9.0, rotate=90, offset_hours=1,
    ),
    _DemoSubmission(
        "sub-000110", "FR", "fr", ("Geneviève", "Lambert", "maman", "Strasbourg"),
        ("Théo", "Lambert", "theo.lambert@example.org", None),
        "Merci pour tout, maman.", pattern=8, duration=4.0, with_checksum=False, offset_hours=2,
    ),
    _DemoSubmission(
        "sub-000111", "MA", "fr-MA", ("Khadija", "El Idrissi", "mère", "Marrakech"),
        ("Omar", "El Idrissi", None, "+212 661 234 567"),
        "Yemma, tu es notre soleil.", pattern=9, duration=7.5, rotate=90,
    ),
    _DemoSubmission(
        "sub-000112", "LU", "lb", ("Josée", "Kieffer", "bomi", "Differdange"),
        ("Mathéo", "Kieffer", "matheo.kieffer@example.org", None),
        "Alles Guddes, Bomi !", pattern=6, duration=5.0,
    ),
    _DemoSubmission(
        "sub-000113", "FR", "fr", ("Béatrice", "N'Diaye", "voisine", "Marseille"),
        ("Inès", "Benali", "ines.benali@example.org", None),
        "Merci d'être là pour tout l'immeuble !", pattern=2, duration=6.0, container="webm", rotate=0,
    ),
    _DemoSubmission(
        "sub-000114", "MA", "ar", ("سلمى", "العلوي", "أختي", "فاس"),
        ("كريم", "العلوي", "karim.alaoui@example.org", None),
        "أختي الغالية، نحبك", pattern=5, duration=8.5, rotate=90,
    ),
)
# fmt: on

_BAD_JSON_ID = "sub-000190"
_TRUNCATED_ID = "sub-000191"
BASE_TIME = datetime(2020, 4, 2, 16, 21, 7, tzinfo=UTC)
"""When the demo campaign received its first submission (the benchmarks' bulk inbox starts there too)."""
CAMPAIGN = "onresteensemble"
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
        "campaign": f"{CAMPAIGN}-{item.country.lower()}",
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
    """Readers of the inbox never see half a file (the one durable write); unchanged files are left alone, so
    a second run rewrites nothing."""
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return
    write_atomic(path, data)


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
        BASE_TIME + timedelta(minutes=37 * i, seconds=rng.randrange(0, 3600)) for i in range(len(_DEMO))
    ]

    todo = [
        (item, folder / f"{item.id}.{item.container}")
        for item in _DEMO
        if not _existing_clip_ok(folder, item, folder / f"{item.id}.{item.container}")
    ]
    truncated_clip = folder / f"{_TRUNCATED_ID}.mp4"
    with ThreadPoolExecutor(max_workers=min(4, cpu_workers())) as pool:
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
    text = _json_bytes(_record(bad, BASE_TIME + timedelta(hours=20), f"{_BAD_JSON_ID}.mp4", None))
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
        trunc, BASE_TIME + timedelta(hours=21), truncated_clip.name, truncated_clip.read_bytes()
    )
    _write_atomic(folder / f"{_TRUNCATED_ID}.json", _json_bytes(record))
    ids.append(_TRUNCATED_ID)
    return ids


def _make_truncated_clip(path: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        whole = make_clip(Path(tmp) / "whole.mp4", duration=3.0, width=320, height=180, pattern=3)
        data = whole.read_bytes()
    _write_atomic(path, data[: len(data) // 2])
