"""A bulk inbox for benchmarks and load tests: N small valid submissions sharing one tiny real clip.

Kept out of the app: only the ingest benchmarks and the tests that need thousands of records use it.

    python benchmarks/bulk_inbox.py FOLDER N
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: the app's package sits beside this folder
    sys.path.insert(0, str(REPO))

from moderator_app.demo.data import BASE_TIME, CAMPAIGN
from moderator_app.demo.synth import make_clip

_NAMES: tuple[tuple[str, str], ...] = (
    ("Hélène", "Dubois"),
    ("Jérôme", "Lefèvre"),
    ("فاطمة", "بنعلي"),
    ("Mamie 🌸", "Roux"),
    ("Françoise", "Muller"),
    ("Zoé", "Martin"),
    ("يوسف", "الشابي"),
    ("Aïcha", "Trabelsi"),
)
_COUNTRIES = ("FR", "LU", "TN", "MA")


def make_bulk_inbox(folder: Path, count: int) -> None:
    """Write ``count`` small valid submissions (sub-000001 …) sharing one tiny real clip.

    Plain writes, not the app's durable ones: a benchmark's input is rebuilt at will, and thousands of
    fsyncs would measure the disk instead of preparing the test.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        template = make_clip(Path(tmp) / "tiny.mp4", duration=0.2, width=64, height=64, audio="none", fps=25)
        clip = template.read_bytes()
    digest = hashlib.sha256(clip).hexdigest()
    for n in range(1, count + 1):
        sub_id = f"sub-{n:06d}"
        first, last = _NAMES[n % len(_NAMES)]
        s_first, s_last = _NAMES[(n + 3) % len(_NAMES)]
        country = _COUNTRIES[n % len(_COUNTRIES)]
        moment = (BASE_TIME + timedelta(seconds=7 * n)).strftime("%Y-%m-%dT%H:%M:%SZ")
        record = {
            "id": sub_id,
            "received_at": moment,
            "campaign": f"{CAMPAIGN}-{country.lower()}",
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
    parser = argparse.ArgumentParser(prog="python benchmarks/bulk_inbox.py", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="inbox folder to fill (created if missing)")
    parser.add_argument("count", type=int, help="how many submissions to write")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    make_bulk_inbox(args.folder, args.count)
    print(f"wrote {args.count} submissions to {args.folder} in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
