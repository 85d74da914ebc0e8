"""The per-record work of an inbox sync: read, validate, copy, hash and decode-check one submission.

It touches files only, never the database, and is a plain module-level function over picklable data
so a large sync can spread it over processes (the work is CPU-bound: decoding and hashing hold the
GIL long enough that threads do not scale), while a small periodic sync runs it on threads.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import secrets
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

from moderator_app.base.limits import cap_worker_memory
from moderator_app.base.media import HEAD_BYTES as MEDIA_HEAD_BYTES
from moderator_app.base.media import NotAClip, container_of, open_regular
from moderator_app.db.submissions import Row, clip_values, submission_values
from moderator_app.models import CachedClip, Submission
from moderator_app.sources.cliptest import ClipError, verify_clip
from moderator_app.sources.naming import clip_extension, clip_file_name
from moderator_app.sources.record import RecordError, load_record_file
from moderator_app.sources.space import free_bytes, no_space_reason

SETTLE_S = 2.0
"""A file modified this recently may still be being written by a sync client."""
COPY_CHUNK = 1 << 20
HEAD_BYTES = MEDIA_HEAD_BYTES
NOT_READABLE = "clip is not a readable video: "
"""Prefix of every refusal of a clip's content (the reason after it is the decoder's or the sniffer's)."""

__all__ = [
    "PrepareJob", "Prepared", "clip_extension", "copy_hashed", "display_name", "init_worker_process", "prepare",
    "set_known", "source_label",
]


@dataclass(frozen=True, slots=True)
class PrepareJob:
    inbox: Path
    clips_dir: Path
    name: str
    """The record's file name as listed by the folder (never used to name anything in the cache)."""
    mtime: float
    now: float
    max_clip_bytes: int = 1024 << 20
    """The campaign's clip size cap (``max_clip_mb``)."""
    min_free_bytes: int = 1024 << 20
    """Space the campaign keeps free on the cache's disk (``min_free_mb``)."""


@dataclass
class Prepared:
    """One record's outcome, sent back from a worker process: plain values only, because pickling the
    validated dataclasses cost as much per record as parsing the record did."""

    name: str
    clip: str | None = None
    submission_id: str | None = None
    """Set once the record validated."""
    sha256: str | None = None
    """The clip's sha256, once copied and decode-checked."""
    file: str | None = None
    """Its file name in the cache (from the validated id and the container found)."""
    rows: tuple[Row, Row] | None = None
    """Its ``submissions`` and ``clips`` rows, ready to insert."""
    tmp: str | None = None
    """The verified clip in the cache under a temp name, not yet durable, until its batch commits."""
    retry: str | None = None
    problem: str | None = None
    no_space: str | None = None
    """Not copied for want of disk space: not the clip's fault, so neither retried nor quarantined; the sync
    stops, saying this."""
    already: bool = False

    @property
    def ready(self) -> bool:
        """Verified, waiting in its temp file for its batch to make it durable and visible."""
        return self.rows is not None and self.tmp is not None and self.problem is None


def display_name(name: str) -> str:
    """A file name as text that is safe to store and show (undecodable bytes escaped)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def source_label(name: str) -> str:
    return "inbox/" + display_name(name)


def copy_hashed(src: Path | int, dst: Path, limit: int | None = None) -> tuple[str, int, bytes]:
    """Copy ``src`` to a new file ``dst``, hashing on the way (one read of the bytes); returns the sha256,
    the size and the first bytes (for the decode check to name the demuxer without reading them again).

    ``src``: a descriptor already opened and checked (:func:`base.media.open_regular`; read from where it
    is, never re-opened by name, so a file swapped for a link meanwhile is not what gets copied), or a path
    opened here the same way. ``limit``: more bytes than this (a file still growing past the size cap) is
    refused with :class:`NotAClip`. Raw descriptors: creating the file is the dearest step here, and
    ``open(..., "xb")`` doubles its cost.
    """
    digest = hashlib.sha256()
    size = 0
    head = b""
    fin = src if isinstance(src, int) else open_regular(src, limit)
    try:
        fout = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        try:
            while chunk := os.read(fin, COPY_CHUNK):
                if not size:
                    head = chunk[:HEAD_BYTES]
                size += len(chunk)
                if limit is not None and size > limit:
                    raise NotAClip(f"clip is larger than the campaign's limit of {limit >> 20} MB")
                digest.update(chunk)
                view = memoryview(chunk)
                while view:
                    view = view[os.write(fout, view):]
        finally:
            os.close(fout)
    finally:
        if not isinstance(src, int):
            os.close(fin)
    return digest.hexdigest(), size, head


_known: dict[str, str] = {}


def set_known(known: dict[str, str]) -> None:
    """Ids already cached (with their clip's sha256), for the threads of a small sync."""
    global _known
    _known = known


def init_worker_process(known: dict[str, str], parent_pid: int) -> None:
    """A pool worker dies with the sync that started it: a killed sync must not leave writers behind; its
    memory is capped, so a clip that would decode into gigabytes fails alone (the decode check's reason)."""
    set_known(known)
    cap_worker_memory()
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(1)


def prepare(job: PrepareJob) -> Prepared:
    out = Prepared(job.name)
    fresh = job.now - job.mtime < SETTLE_S
    try:
        sub = load_record_file(job.inbox / job.name)
    except OSError as exc:  # vanished or unreadable between scan and read: a sync client at work
        out.retry = f"record could not be read ({exc.strerror or type(exc).__name__})"
        return out
    except RecordError as exc:
        if fresh:
            out.retry = "record is still being written"
        else:
            out.problem = exc.reason
        return out
    clip = sub.clip_name
    assert clip is not None  # the folder contract requires it
    out.clip, out.submission_id = clip, sub.id
    known_sha = _known.get(sub.id)
    if known_sha is not None:
        if sub.clip_sha256 is not None and known_sha and sub.clip_sha256 != known_sha:
            out.problem = "id is already in the cache with a different clip"
        else:
            out.already = True
        return out
    if sub.clip_size is not None and sub.clip_size > job.max_clip_bytes:
        out.problem = f"clip is larger than the campaign's limit of {job.max_clip_bytes >> 20} MB"
        return out
    try:
        os.lstat(job.inbox / clip)
    except OSError:
        out.retry = "clip has not arrived yet"
        return out
    try:
        fd = open_regular(job.inbox / clip, job.max_clip_bytes)  # no link followed, never blocks (a FIFO)
    except NotAClip as exc:
        cause = exc.__context__
        if isinstance(cause, OSError) and cause.errno in (errno.ENOENT, errno.EACCES, errno.EPERM):
            out.retry = f"clip could not be read ({cause.strerror})"  # vanished meanwhile, or a sync client at work
        else:
            out.problem = exc.reason
        return out
    try:
        return _copy_and_check(job, out, sub, fd)
    finally:
        os.close(fd)


def _copy_and_check(job: PrepareJob, out: Prepared, sub: Submission, fd: int) -> Prepared:
    """The clip (open as ``fd``) sniffed, copied into the cache under a temp name, hashed and decode-checked."""
    clip_st = os.fstat(fd)
    if sub.clip_size is not None and clip_st.st_size < sub.clip_size:
        out.retry = f"clip is still arriving ({clip_st.st_size} of {sub.clip_size} bytes)"
        return out
    if sub.clip_size is None and job.now - clip_st.st_mtime < SETTLE_S:
        out.retry = "clip is still being written"  # without a declared size, it may still be growing
        return out
    try:
        # by content, before a byte is copied: a playlist posing as a clip never reaches the cache
        container_of(os.pread(fd, MEDIA_HEAD_BYTES, 0))
    except NotAClip as exc:
        out.problem = f"{NOT_READABLE}{exc.reason}"
        return out
    free = free_bytes(job.clips_dir)
    if free - clip_st.st_size < job.min_free_bytes:
        out.no_space = no_space_reason(free, clip_st.st_size, job.min_free_bytes)
        return out
    tmp = job.clips_dir / f".{sub.id}.{secrets.token_hex(4)}.tmp"
    keep = False
    try:
        try:
            sha, size, head = copy_hashed(fd, tmp, job.max_clip_bytes)
        except NotAClip as exc:
            out.problem = exc.reason
            return out
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                out.no_space = no_space_reason(free_bytes(job.clips_dir), clip_st.st_size, job.min_free_bytes)
            else:
                out.retry = f"clip could not be read ({exc.strerror or type(exc).__name__})"
            return out
        if sub.clip_size is not None and size != sub.clip_size:
            out.problem = f"clip size is {size} bytes, the record says {sub.clip_size}"
            return out
        if sub.clip_sha256 is not None and sha != sub.clip_sha256:
            out.problem = "clip checksum does not match clip_sha256 (corrupted or replaced file)"
            return out
        if size == 0:
            out.problem = "clip file is empty"
            return out
        try:
            probe = verify_clip(tmp, head=head)
        except ClipError as exc:
            out.problem = f"{NOT_READABLE}{exc.reason}"
            return out
        cached = CachedClip(file=clip_file_name(sub.id, probe.container), sha256=sha, size=size, probe=probe)
        out.sha256, out.file = sha, cached.file
        out.rows = (submission_values(sub, source_label(job.name)), clip_values(sub.id, cached))
        out.tmp = str(tmp)
        keep = True
        return out
    finally:
        if not keep:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
