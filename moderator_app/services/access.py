"""The access request (GDPR art. 15): everything the cache holds about one person, written to one folder.

One submission is one person's message: the record (as received, and as the app normalised it), the
decisions (history with undos, notes, flags, moderators), the clip, the checks' results, the spots that
carry it and their air slots, and what the inbox and platform syncs keep. Each section is one JSON file
named after the section; ``manifest.json`` lists every file with its size and SHA-256.

Paths are built from the validated submission id alone (never from names or file names in the record);
the target folder must be new or empty, so an export never mixes with another person's. Files go through
base/durable (readers never see half a file), the folder is private to the user, and the export is
logged in the audit log without the folder's path (a user may name it after the person).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from moderator_app.base.clock import utc_now
from moderator_app.base.durable import commit_file, partial_path, write_atomic
from moderator_app.db import access as rows
from moderator_app.db.cache import Cache
from moderator_app.db.connection import ensure_data_dir, ensure_private_dir
from moderator_app.db.decisions import UnknownSubmission
from moderator_app.services.audit import record_event

EXPORT_KIND = "export_access"
CLIP_FOLDER = "clip"
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}", re.ASCII)
"""The record contract's id rule (sources/record.py): safe as a file name on every system."""

Reader = Callable[[sqlite_utils.Database, str], Any]

SECTIONS: tuple[tuple[str, Reader], ...] = (
    ("decisions", rows.decisions),
    ("checks", rows.checks),
    ("spots", rows.spots),
    ("air_slots", rows.air_slots),
    ("platform", rows.platform),
    ("inbox", rows.inbox),
)
"""``<name>.json`` per section, after ``record.json``; a new table family about a submission adds a line."""


class ExportFolderNotEmpty(Exception):
    """The access export's target folder already holds files: it is never merged into or overwritten."""


@dataclass(frozen=True, slots=True)
class AccessExport:
    submission_id: str
    folder: Path
    files: tuple[str, ...]
    """Paths relative to ``folder``, ``manifest.json`` last."""
    clip_copied: bool


def valid_submission_id(submission_id: str) -> str:
    """Refuse an id that is not one the contract allows (so it can name files); it is unknown anyway."""
    if not _ID.fullmatch(submission_id):
        raise UnknownSubmission(submission_id)
    return submission_id


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _record(db: sqlite_utils.Database, submission_id: str) -> dict[str, Any]:
    row = rows.submission(db, submission_id)
    if row is None:
        raise UnknownSubmission(submission_id)
    stored = row.pop("raw")
    state = {k: row.pop(k) for k in ("status", "flags", "note", "decided_at", "decided_by")}
    return {"submission_id": submission_id, "stored_record": stored, "fields": row, "current_state": state,
            "clip": rows.clip(db, submission_id)}


def _prepare(folder: Path) -> Path:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ExportFolderNotEmpty(f"{folder} exists and is not an empty folder; choose a new one")
    return ensure_data_dir(folder)  # a folder the user named: created (with its parents) private if new


def _copy_clip(source: Path, target: Path) -> None:
    """Copied beside its final name, then made durable and renamed (write_atomic's steps, without loading
    a clip of hundreds of megabytes into memory)."""
    partial = partial_path(target)
    try:
        shutil.copyfile(source, partial)
        commit_file(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def export_person(cache: Cache, submission_id: str, folder: Path, moderator: str) -> AccessExport:
    """Write everything held about ``submission_id`` into ``folder`` (new or empty); log it in the audit log.

    Raises UnknownSubmission (nothing is written, the folder is not created) and ExportFolderNotEmpty.
    """
    sid = valid_submission_id(submission_id)
    db = cache.db
    record = _record(db, sid)  # before any file: an unknown id leaves no folder behind
    sections = {name: read(db, sid) for name, read in SECTIONS}
    out = _prepare(folder)
    documents = {"record.json": _json(record)} | {f"{name}.json": _json(value) for name, value in sections.items()}
    for name, data in documents.items():
        write_atomic(out / name, data)
    written = list(documents)
    clip = record["clip"]
    clip_source = cache.clip_path(clip["file"]) if clip else None
    copied = clip_source is not None and clip_source.is_file()
    if copied and clip_source is not None:
        ensure_private_dir(out / CLIP_FOLDER)
        suffix = clip_source.suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", clip_source.suffix) else ".clip"
        name = f"{CLIP_FOLDER}/{sid}{suffix}"
        _copy_clip(clip_source, out / name)
        written.append(name)
    manifest = {
        "submission_id": sid,
        "generated_at": utc_now(),
        "contents": "Everything the moderation desk holds about this submission (GDPR art. 15).",
        "clip_copied": copied,
        "files": [{"name": n, "size": (out / n).stat().st_size, "sha256": _sha256(out / n)} for n in written],
    }
    write_atomic(out / "manifest.json", _json(manifest))
    record_event(cache, EXPORT_KIND, sid, moderator, {"files": len(written) + 1, "clip": copied})
    return AccessExport(sid, out, (*written, "manifest.json"), copied)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
