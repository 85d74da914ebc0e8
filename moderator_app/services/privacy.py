"""Privacy requests as the window and the CLI make them: erase one person everywhere (GDPR art. 17).

An erase removes the record, the cached clip, the check report (figures and fingerprint), the platform
listing, the outbox items and the notes of the decisions; it keeps a tombstone (id, when, why, who ran it)
so no sync brings the person back, and the decision history without notes. Masters rendered inside the data
folder are deleted with their report and cue sheets (the cue sheets name the people); masters elsewhere are
listed so the user deletes them by hand. A decision not yet on the platform is pushed first when a client
is given and the platform answers, else dropped; the result says which.

Files are unlinked, not overwritten: on journaling and copy-on-write filesystems (ext4 data=ordered, btrfs,
APFS) and on SSDs (wear levelling) an overwrite lands on other blocks and leaves the old ones as they were,
so overwriting would promise what it cannot keep. Full-disk encryption is what protects freed blocks.
"""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from moderator_app.base.durable import fsync_dir
from moderator_app.db import audit as audit_db
from moderator_app.db import erasure
from moderator_app.db.cache import Cache
from moderator_app.db.decisions import UnknownSubmission
from moderator_app.db.erasure import REASONS, Held
from moderator_app.db.unit import transaction
from moderator_app.sources.platform.client import PlatformClient
from moderator_app.sources.platform.outbox import Outbox
from moderator_app.sources.platform.pipeline import INCOMING_DIR
from moderator_app.sources.platform.report import Journal, PassStopped, PlatformReport

__all__ = ["REASONS", "EraseOutcome", "ErasePreview", "Held", "NoSuchEmail", "PrivacyService"]

MASTER_SIDECARS = (".report.json", ".cues.csv", ".cues.json")
"""Files ``spot.export`` writes beside a master (``<stem><suffix>``); the cue sheets carry the names."""


class NoSuchEmail(UnknownSubmission):
    """No cached submission was sent from this address."""

    def __str__(self) -> str:
        return "with that e-mail address"


@dataclass(frozen=True, slots=True)
class ErasePreview:
    """What an erase of these submissions would remove, for the confirmation (no personal data)."""

    held: tuple[Held, ...]
    already_erased: tuple[str, ...]
    masters_to_delete: tuple[str, ...]
    """Masters inside the data folder: the erase deletes them."""
    masters_by_hand: tuple[str, ...]
    """Masters outside the data folder that still exist: the user must delete them."""

    @property
    def ids(self) -> list[str]:
        return [h.submission_id for h in self.held]

    @property
    def pending_pushes(self) -> int:
        return sum(len(h.pending_pushes) for h in self.held)


@dataclass
class EraseOutcome:
    erased: list[str] = field(default_factory=list)
    already_erased: list[str] = field(default_factory=list)
    clips_removed: list[str] = field(default_factory=list)
    decisions_kept: int = 0
    notes_redacted: int = 0
    check_reports: int = 0
    platform_records: int = 0
    quarantine_rows: int = 0
    outbox: dict[str, str] = field(default_factory=dict)
    """submission id -> ``pushed``, ``dropped`` (why in ``outbox_reason``) or ``none``."""
    outbox_reason: str = ""
    spots_marked: list[tuple[str, int]] = field(default_factory=list)
    masters_deleted: list[str] = field(default_factory=list)
    masters_by_hand: list[str] = field(default_factory=list)
    scrub_seconds: float = 0.0
    wal_truncated: bool = True

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["spots_marked"] = [{"spot_id": s, "slot": n + 1} for s, n in self.spots_marked]
        return out


class PrivacyService:
    def __init__(self, cache: Cache, moderator: str = "") -> None:
        self.cache = cache
        self.moderator = moderator

    # -- what would go --------------------------------------------------------------------------------

    def resolve(self, ids: list[str] | tuple[str, ...] = (), email: str | None = None) -> tuple[list[str], list[str]]:
        """(ids to erase, ids already erased); raises UnknownSubmission naming an id the cache never had,
        or NoSuchEmail, before anything changes."""
        db = self.cache.db
        wanted = list(dict.fromkeys(ids))
        if email is not None:
            by_email = erasure.ids_for_email(db, email)
            if not by_email:
                raise NoSuchEmail(email)
            wanted += [sid for sid in by_email if sid not in wanted]
        gone = erasure.erased_among(db, wanted)
        cached = erasure.cached_among(db, wanted)
        unknown = [sid for sid in wanted if sid not in cached and sid not in gone]
        if unknown:
            raise UnknownSubmission(", ".join(unknown))
        return [sid for sid in wanted if sid in cached], [sid for sid in wanted if sid in gone]

    def preview(self, ids: list[str] | tuple[str, ...] = (), email: str | None = None) -> ErasePreview:
        todo, gone = self.resolve(ids, email)
        held = tuple(erasure.held(self.cache.db, sid) for sid in todo)
        inside, by_hand = self._masters(erasure.masters_with(self.cache.db, todo))
        return ErasePreview(held, tuple(gone), tuple(inside), tuple(by_hand))

    def _masters(self, paths: list[str]) -> tuple[list[str], list[str]]:
        root = self.cache.data_dir.resolve()
        inside, by_hand = [], []
        for text in paths:
            path = Path(text)
            if path.resolve().is_relative_to(root):
                inside.append(text)
            elif path.exists():
                by_hand.append(text)
        return inside, by_hand

    # -- the erase ------------------------------------------------------------------------------------

    def erase(
        self, ids: list[str] | tuple[str, ...] = (), email: str | None = None, *, reason: str = "request",
        client: PlatformClient | None = None,
    ) -> EraseOutcome:
        """Erase every submission named (or sent from ``email``); see the module docstring.

        Raises UnknownSubmission / NoSuchEmail (nothing changed) or ValueError for an unknown reason.
        Blocking (seconds on a large cache: the file is vacuumed): the window runs it on its writer lane.
        """
        if reason not in REASONS:
            raise ValueError(f"reason must be one of {', '.join(REASONS)}")
        plan = self.preview(ids, email)
        out = EraseOutcome(already_erased=list(plan.already_erased))
        if not plan.held:
            return out
        fates = self._push_first(plan, client, out)
        db = self.cache.db
        with transaction(db):
            for h in plan.held:
                erasure.erase_rows(db, h.submission_id, reason=reason, by=self.moderator,
                                   outbox=fates[h.submission_id])
                # the audit keeps that an erasure happened, never what was erased
                audit_db.insert_event(db, "erase", h.submission_id, self.moderator,
                                      {"reason": reason, "outbox": fates[h.submission_id]})
            for path in plan.masters_to_delete:
                erasure.forget_master(db, path)
        for h in plan.held:
            out.erased.append(h.submission_id)
            out.decisions_kept += h.decisions
            out.notes_redacted += h.notes
            out.check_reports += int(h.check_report)
            out.platform_records += int(h.platform_record)
            out.quarantine_rows += h.quarantined
            out.spots_marked += list(h.spots)
            if self._remove_files(h):
                out.clips_removed.append(h.submission_id)
        for path in plan.masters_to_delete:
            _remove_master(Path(path))
            out.masters_deleted.append(path)
        out.masters_by_hand = list(plan.masters_by_hand)
        scrubbed = erasure.scrub(db)
        out.scrub_seconds, out.wal_truncated = scrubbed.seconds, scrubbed.wal_truncated
        return out

    def _push_first(self, plan: ErasePreview, client: PlatformClient | None, out: EraseOutcome) -> dict[str, str]:
        """Send the person's unsent decisions before their outbox items go; returns id -> fate."""
        fates = {h.submission_id: "none" for h in plan.held}
        waiting = [h for h in plan.held if h.pending_pushes]
        if not waiting:
            return fates
        if client is None:
            out.outbox_reason = "no platform configured"
        else:
            report = PlatformReport()
            with contextlib.suppress(PassStopped):  # offline or refused: the report says why
                Outbox(self.cache.db, client, self.moderator or "moderator", Journal(self.cache.db),
                       only={h.submission_id for h in waiting}).push(report)
            if report.error or not report.online:
                out.outbox_reason = report.error or "platform unreachable"
        acked = set(erasure.acked_seqs(self.cache.db, [seq for h in waiting for seq in h.pending_pushes]))
        for h in waiting:
            fates[h.submission_id] = "pushed" if set(h.pending_pushes) <= acked else "dropped"
        if not out.outbox_reason and "dropped" in fates.values():
            out.outbox_reason = "the platform refused or did not answer"
        out.outbox = dict(fates)
        return fates

    def _remove_files(self, h: Held) -> bool:
        """Unlink the cached clip and any download or copy of it still in progress (see the module docstring)."""
        clips = self.cache.clips_dir
        removed = False
        if h.clip_file:
            with contextlib.suppress(FileNotFoundError):
                self.cache.clip_path(h.clip_file).unlink()
                removed = True
        sid = h.submission_id
        for path in [*clips.glob(f".{sid}.*.tmp"), *(clips / INCOMING_DIR).glob(f"{sid}*")]:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        with contextlib.suppress(OSError):
            fsync_dir(clips)  # the unlink itself survives a power cut
        return removed

    def tombstones(self) -> list[erasure.Tombstone]:
        return erasure.tombstones(self.cache.db)


def _remove_master(master: Path) -> None:
    for path in [master, *(master.with_name(master.stem + suffix) for suffix in MASTER_SIDECARS)]:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
