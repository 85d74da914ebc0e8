"""A whole day at the desk, then a search for the submitters' names and e-mails in everything the app wrote.

The day: the demo inbox synced, decisions with a note and an undo, a spot exported with real ffmpeg, an
access request answered, the audit log exported, one person erased (when the erase command is there).
Every command runs as its own process with DEBUG logging into a file (``MODERATOR_LOG_FILE``) and its
temporary files in a folder of the test's (``TMPDIR``); the in-process undo logs at DEBUG too.

Then every log line, every command's output and every file written outside the cache is read for the
demo people's names, e-mails and phones (Arabic script in UTF-8 included). Two places may hold them, on
purpose: the access export (it is the person's own data, asked for) and the cue sheets, which carry the
recipient's and sender's first names only — the lower third on air says "Pour Hélène — de Lucas", and the
cue sheet is what the schedule and the "your message airs at…" notice are made from (product.md, steps
4 and 5). Last names, e-mails and phones in a cue sheet fail, as any name anywhere else does.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from moderator_app import cli
from moderator_app.base.ffmpeg import run_ffmpeg
from moderator_app.cli.parser import build_parser
from moderator_app.db.cache import Cache
from moderator_app.demo.data import _DEMO
from moderator_app.services.review import ReviewService

SPOT_CLIPS = ("sub-000101", "sub-000103", "sub-000109")
"""French, Luxembourgish and Arabic-script first names on the lower thirds."""
ACCESS_ID = "sub-000104"
ERASE_ID = "sub-000105"
MIN_BINARY_TOKEN = 8
"""In media bytes a short name could occur by chance; there only tokens of 8+ UTF-8 bytes are searched (the
container's metadata is searched as text for every token)."""


def people() -> dict[str, dict[str, list[str]]]:
    """Per submission: first names (allowed on cue sheets) and the rest (allowed in the access export only)."""
    out: dict[str, dict[str, list[str]]] = {}
    for item in _DEMO:
        r_first, r_last, _rel, _town = item.recipient
        s_first, s_last, email, phone = item.sender
        rest = [r_last, s_last, *(x for x in (email, phone) if x)]
        if phone:
            rest.append(phone.replace(" ", ""))
        out[item.id] = {"first": [r_first, s_first], "rest": rest}
    return out


def has_command(*words: str) -> bool:
    parser = build_parser()
    try:
        parser.parse_args([*words, "--help"])
    except SystemExit as exc:
        return exc.code == 0
    return True


class Day:
    def __init__(self, root: Path, data_dir: Path) -> None:
        self.root = root
        self.data_dir = data_dir
        self.logs = root / "logs"
        self.tmp = root / "apptmp"
        self.logs.mkdir()
        self.tmp.mkdir()
        self.outputs: list[tuple[str, str]] = []
        self.env = {**os.environ, "MODERATOR_LOG_FILE": str(self.logs / "commands.log"), "TMPDIR": str(self.tmp),
                    "MODERATOR_NAME": "ana"}

    def run(self, *args: str, ok: tuple[int, ...] = (cli.EXIT_OK,)) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [sys.executable, "-m", "moderator_app", "--data-dir", str(self.data_dir), *args],
            check=False, capture_output=True, text=True, timeout=300, env=self.env,
        )
        self.outputs.append((" ".join(args[:2]), proc.stdout + proc.stderr))
        assert proc.returncode in ok, (args, proc.stderr)
        return proc


def erase_step(day: Day, submission_id: str) -> bool:
    """HOOK for the erase feature (issue 14, point 1): runs ``privacy erase ID`` once the command exists.

    Returns whether it ran; until the erase branch is merged the day goes on without it.
    """
    if not has_command("privacy", "erase"):
        return False
    day.run("privacy", "erase", submission_id)
    return True


def text_hits(text: str, tokens: list[str]) -> list[str]:
    return [t for t in tokens if t and t in text]


def test_a_whole_day_leaves_names_only_where_they_belong(demo_inbox: Path, data_dir: Path, tmp_path: Path) -> None:
    day = Day(tmp_path, data_dir)
    deliveries, exports, reports = tmp_path / "deliveries", tmp_path / "exports", tmp_path / "reports"
    reports.mkdir()

    # morning: the inbox, then decisions (one note names the sender and their e-mail, as notes do)
    day.run("sync", "--inbox", str(demo_inbox))
    for sid in SPOT_CLIPS:
        day.run("decide", sid, "approve", "--moderator", "ana")
    day.run("decide", "sub-000102", "reject", "--flag", "poor_audio", "--moderator", "ana",
            "--note", "Zoé Lefèvre (zoe.lefevre@example.org) renverra une vidéo")
    day.run("decide", ERASE_ID, "approve", "--moderator", "bruno")

    # an undo from the desk's code path, in this process, logging at DEBUG into the logs folder
    handler = logging.FileHandler(day.logs / "desk.log", encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    cache = Cache(data_dir)
    try:
        review = ReviewService(cache, "ana")
        last = review.history("sub-000102")[-1]
        assert review.undo(last.seq).decision == "queued"
        review.decide("sub-000102", "rejected", ["poor_audio"], note="Zoé Lefèvre: son inaudible")
    finally:
        cache.close()
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()

    # afternoon: a spot with real ffmpeg, an access request, the audit log for the lead, an erasure
    master = deliveries / "spot-day.mp4"
    day.run("spot", "export", "--clips", ",".join(SPOT_CLIPS), "--preset", "preview", "--draft", "--length", "15",
            "--out", str(master), ok=(cli.EXIT_OK, cli.EXIT_FAILS_PRESET))
    assert master.stat().st_size > 0
    access = exports / "access-request"
    day.run("privacy", "export", ACCESS_ID, "--out", str(access))
    assert (access / "record.json").is_file()
    day.run("privacy", "export", "sub-000999", "--out", str(exports / "nobody"), ok=(cli.EXIT_NOT_FOUND,))
    erased = erase_step(day, ERASE_ID)
    day.run("audit", "--csv", str(reports / "audit.csv"))
    day.run("audit", "--json")
    kinds = [line.split()[1] for line in day.run("audit").stdout.splitlines()]
    assert kinds.count("decision") == 6 and kinds.count("undo") == 1
    assert kinds.count("export_spot") == 1 and kinds.count("export_access") == 1
    assert (kinds.count("erase") == 1) == erased

    # evening: what did the day leave outside the cache?
    everyone = people()
    all_tokens = sorted({t for p in everyone.values() for t in p["first"] + p["rest"]}, key=len, reverse=True)
    spot_first = {t for sid in SPOT_CLIPS for t in everyone[sid]["first"]}
    assert any(ord(c) > 0x600 for t in spot_first for c in t), "Arabic-script names are searched"
    written = [p for p in tmp_path.rglob("*") if p.is_file()
               and not p.is_relative_to(data_dir) and not p.is_relative_to(demo_inbox)
               and not p.is_relative_to(access)]
    assert {p.name for p in written} >= {
        "commands.log", "desk.log", "spot-day.mp4", "spot-day.cues.csv", "spot-day.cues.json",
        "spot-day.report.json", "audit.csv"}
    assert (day.logs / "commands.log").stat().st_size > 0, "the commands logged at DEBUG"
    failures: list[str] = []
    for name, output in day.outputs:
        failures += [f"output of {name}: {t}" for t in text_hits(output, all_tokens)]
    for path in written:
        data = path.read_bytes()
        if path.suffix in {".mp4", ".mxf", ".mov"}:
            failures += [f"{path.name}: {t}" for t in all_tokens
                         if len(t.encode()) >= MIN_BINARY_TOKEN and t.encode() in data]
            meta = run_ffmpeg(["-v", "error", "-i", str(path), "-f", "ffmetadata", "-"]).stdout
            failures += [f"{path.name} metadata: {t}" for t in text_hits(meta, all_tokens)]
            continue
        text = data.decode("utf-8")
        if path.name.startswith("spot-day.cues."):
            allowed = spot_first
            assert all(t in text for t in spot_first), "the cue sheet names who is on air (first names)"
        else:
            allowed = set()
        failures += [f"{path.relative_to(tmp_path)}: {t}" for t in text_hits(text, all_tokens) if t not in allowed
                     and not any(t in a for a in allowed)]
    assert not failures, "personal data outside the cache and the access export:\n" + "\n".join(failures)
    assert not any(day.tmp.iterdir()), "no temporary file left behind"

    # and the access export does hold the person, Arabic script and e-mail included
    record = (access / "record.json").read_text(encoding="utf-8")
    assert all(t in record for t in everyone[ACCESS_ID]["first"] + everyone[ACCESS_ID]["rest"][:3])


@pytest.mark.parametrize("words", [("privacy", "export"), ("audit",)])
def test_the_day_uses_real_commands(words: tuple[str, ...]) -> None:
    assert has_command(*words)
