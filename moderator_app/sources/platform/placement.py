"""The tail of the download pipeline: decode-check each durable clip, then place the good ones in batches.

A clip is shown only once it is downloaded, size- and sha256-verified, decode-checked and renamed
into the clips folder; its ``submissions`` row is committed with the others of its batch (like the
inbox). Batches fill in arrival order, so no clip waits for the slowest of a fixed group; a bad clip
is quarantined with its reason and its lease handed back.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor, Future
from pathlib import Path

import sqlite_utils

from moderator_app.base.durable import flush_files, fsync_dir
from moderator_app.db import platform as pdb
from moderator_app.db import quarantine
from moderator_app.db.erasure import erased_among
from moderator_app.db.submissions import CachedClip, insert_submissions
from moderator_app.db.unit import transaction
from moderator_app.models import ClipProbe, Submission
from moderator_app.sources.cliptest import ClipError, verify_clip
from moderator_app.sources.naming import clip_file_name
from moderator_app.sources.platform.report import Journal, PlatformReport
from moderator_app.sources.record import RecordError, parse_record

PLACE_BATCH = 16
"""Clips placed together (renamed into the queue, one commit): a commit per clip costs a flush
each, one batch for all keeps the first clips out of the queue until the last one lands."""
PLACE_EVERY_S = 0.5

Checked = tuple[Submission, ClipProbe] | str
"""A decode check's answer: the record and what the decoder found, or why the clip is refused."""


def check_clip(rec: pdb.ListedRecord, path: Path) -> Checked:
    """Runs on a check thread: the record validated again and the clip at ``path`` decoded."""
    try:
        sub = parse_record(rec.record, contract="http")
    except RecordError as exc:
        return exc.reason
    try:
        return sub, verify_clip(path)
    except ClipError as exc:
        return f"clip is not a readable video: {exc.reason}"


class Placer:
    """Decode checks in flight, and the batches they feed."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        incoming: Path,
        clips_dir: Path,
        report: PlatformReport,
        journal: Journal,
        *,
        checks: Executor,
        release: Callable[[list[str]], object],
    ) -> None:
        """``checks``: the pool the decode checks run on; ``release``: gives bad clips' leases back."""
        self.db = db
        self.incoming = incoming
        self.clips_dir = clips_dir
        self.report = report
        self.journal = journal
        self.checks = checks
        self.release = release
        self.checking: deque[tuple[pdb.ListedRecord, Future[Checked], bool]] = deque()
        """(record, its decode check, whether its file may not be durable yet), in arrival order."""
        self.bad: list[tuple[pdb.ListedRecord, str]] = []
        self._last = time.monotonic()

    def check(self, rec: pdb.ListedRecord, *, maybe_unsynced: bool) -> None:
        """Start the decode check of a clip waiting in ``incoming``."""
        self.checking.append((rec, self.checks.submit(check_clip, rec, self.incoming / rec.id), maybe_unsynced))

    def refuse(self, rec: pdb.ListedRecord, reason: str) -> None:
        """A clip that will not be shown: quarantined with the next batch."""
        self.bad.append((rec, reason))

    def place_some(self) -> None:
        """Place the checked clips once a batch is full or has waited long enough."""
        waiting = len(self.bad)
        for _, check, _ in self.checking:  # in order: a clip is placed after the ones listed before it
            if not check.done():
                break
            waiting += 1
        if waiting and (waiting >= PLACE_BATCH or time.monotonic() - self._last >= PLACE_EVERY_S):
            self._place_batch(wait=False)

    def place_all(self) -> None:
        while self.checking or self.bad:
            self._place_batch(wait=True)

    def _place_batch(self, *, wait: bool) -> None:
        probes: list[tuple[pdb.ListedRecord, Submission, ClipProbe]] = []
        unsynced: list[Path] = []
        while self.checking and len(probes) + len(self.bad) < 4 * PLACE_BATCH:
            rec, check, maybe_unsynced = self.checking[0]
            if not wait and not check.done():
                break
            self.checking.popleft()
            checked = check.result()
            if isinstance(checked, str):
                self.bad.append((rec, checked))
                continue
            probes.append((rec, checked[0], checked[1]))
            if maybe_unsynced:
                unsynced.append(self.incoming / rec.id)
        bad, self.bad = self.bad, []
        if probes or bad:
            self._place(probes, bad, unsynced=unsynced)
        self._last = time.monotonic()

    def _place(
        self,
        probes: list[tuple[pdb.ListedRecord, Submission, ClipProbe]],
        bad: list[tuple[pdb.ListedRecord, str]],
        *,
        unsynced: list[Path],
    ) -> None:
        """Rename decode-checked clips into place and commit their rows together; quarantine the bad.

        ``unsynced``: incoming files not known to be durable yet (found there after a restart); the
        ones the downloader handed over were fsynced before it renamed them into ``.incoming``.
        """
        report = self.report
        placed: list[tuple[Submission, CachedClip, str]] = []
        targets: list[tuple[Path, Path]] = []
        for rec, sub, probe in probes:
            name = clip_file_name(rec.id, probe.container)
            placed.append((sub, CachedClip(name, rec.sha256, rec.size, probe), pdb.source_of(rec.id)))
            targets.append((self.incoming / rec.id, self.clips_dir / name))
        flush_files(unsynced)
        with transaction(self.db):
            ids = [s.id for s, _, _ in placed]
            known = pdb.cached_ids(self.db, ids) | erased_among(self.db, ids)  # erased while it downloaded
            fresh = []
            for (sub, clip, source), (src, dst) in zip(placed, targets, strict=True):
                if sub.id in known:
                    src.unlink(missing_ok=True)
                    continue
                os.replace(src, dst)
                fresh.append((sub, clip, source))
                pdb.set_record_state(self.db, sub.id, "ready")
                quarantine.clear(self.db, source)
            if fresh:
                fsync_dir(self.clips_dir)
            insert_submissions(self.db, fresh)
            report.added.extend(s.id for s, _, _ in fresh)
            for rec, reason in bad:
                quarantine.put(self.db, pdb.source_of(rec.id), reason, record_id=rec.id)
                pdb.set_record_state(self.db, rec.id, "quarantined", reason)
                report.quarantined.append((pdb.source_of(rec.id), reason))
                self.journal.log_in_tx("warning", f"{rec.id}: quarantined: {reason}")
        for rec, _ in bad:
            (self.incoming / rec.id).unlink(missing_ok=True)
        if bad:
            self.release([rec.id for rec, _ in bad])
