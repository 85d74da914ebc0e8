"""``python -m moderator_app.demo FOLDER``: fill an inbox folder with the demo submissions."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from moderator_app.demo.data import make_demo_inbox


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m moderator_app.demo", description="Write the demo submissions into an inbox folder."
    )
    parser.add_argument("folder", type=Path, help="inbox folder to fill (created if missing)")
    parser.add_argument("--seed", type=int, default=7, help="seed for the demo timestamps")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    ids = make_demo_inbox(args.folder, seed=args.seed)
    print(f"wrote {len(ids)} submissions to {args.folder} in {time.perf_counter() - started:.2f} s")
    for sub_id in ids:
        print(sub_id)
    return 0


if __name__ == "__main__":
    sys.exit(main())
