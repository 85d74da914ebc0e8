"""Automatic checks of cached clips: run the QC core over a process pool and keep the reports.

Both the window (on the task runner's long lane) and ``moderator-app qc`` call this, so they behave
the same. A wrong threshold raises ``UnknownThreshold`` or ``InvalidThreshold`` (both ValueErrors,
re-exported by services/errors.py) before anything is saved.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from moderator_app.db import checks
from moderator_app.db.cache import Cache
from moderator_app.db.unit import transaction
from moderator_app.qc import Thresholds, duplicate_of, run_many
from moderator_app.qc.fingerprint import from_hex

log = logging.getLogger(__name__)

SAVE_EVERY = 20

FINDING_TO_FLAG: dict[str, str] = {
    "too_dark": "poor_image",
    "too_bright": "poor_image",
    "blurry": "poor_image",
    "black_frames": "poor_image",
    "frozen": "poor_image",
    "unreadable": "poor_image",
    "no_audio": "poor_audio",
    "silent": "poor_audio",
    "too_loud": "poor_audio",
    "clipping": "poor_audio",
    "duplicate": "duplicate",
}
"""A finding past its threshold suggests one of the campaign's flags; the moderator decides."""


class UnknownThreshold(ValueError):
    """A threshold name the checks do not have."""


class InvalidThreshold(ValueError):
    """A threshold given a value of the wrong kind (a number where a switch is expected, or the reverse)."""


def suggested_flags(findings: list[str]) -> list[str]:
    return sorted({FINDING_TO_FLAG[f] for f in findings if f in FINDING_TO_FLAG})


@dataclass(frozen=True)
class ClipChecks:
    """What the window shows for one clip: its report (None until checked), its near-duplicates, and the
    flags its findings suggest."""

    report: dict[str, Any] | None
    duplicates: list[str]
    suggested: list[str]
    limits: Thresholds = field(default_factory=Thresholds)
    """The campaign's thresholds, so the panel shows which figure crossed which limit."""


def clip_checks(cache: Cache, submission_id: str) -> ClipChecks:
    report = checks.report(cache.db, submission_id)
    found = (report.get("findings") or []) if report else []
    return ClipChecks(report, checks.duplicate_group(cache.db, submission_id), suggested_flags(found),
                      thresholds(cache))


@dataclass
class CheckSummary:
    checked: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    duplicates: int = 0
    reports: dict[str, dict[str, Any]] = field(default_factory=dict)


def thresholds(cache: Cache) -> Thresholds:
    """The campaign's thresholds (defaults where it set none)."""
    saved = checks.load_setting(cache.db, checks.THRESHOLDS_KEY)
    return Thresholds.from_json(saved) if saved else Thresholds()


def set_thresholds(cache: Cache, values: dict[str, Any]) -> Thresholds:
    """Change some of the campaign's thresholds; a wrong name or type is refused before anything is saved."""
    current = thresholds(cache).to_json()
    for name, value in values.items():
        if name not in current:
            raise UnknownThreshold(f"unknown threshold {name!r}; known: {', '.join(sorted(current))}")
        kind = type(current[name])
        if kind is bool and not isinstance(value, bool) or kind is not bool and (
            isinstance(value, bool) or not isinstance(value, int | float)
        ):
            raise InvalidThreshold(f"{name} must be {'true or false' if kind is bool else 'a number'}")
    t = Thresholds.from_json({**current, **values})
    with transaction(cache.db):
        checks.save_setting(cache.db, checks.THRESHOLDS_KEY, t.to_json())
    return t


def check_cached(
    cache: Cache,
    *,
    recheck: bool = False,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> CheckSummary:
    """Check every cached clip not yet checked (all of them with ``recheck``), then regroup duplicates.

    ``cancel`` stops after the clips in progress (quitting the app must not wait for a whole batch);
    what was checked until then is kept.
    """
    db = cache.db
    todo = checks.all_clips(db) if recheck else checks.unchecked(db)
    summary = CheckSummary()
    limits = thresholds(cache)
    by_path = {cache.clip_path(file): sid for sid, file in todo}
    batch: list[tuple[str, dict[str, Any]]] = []
    results = run_many(by_path, workers=workers, thresholds=limits)
    for done, (path, rep) in enumerate(results, start=1):
        if cancel is not None and cancel.is_set():
            results.close()  # stops the worker pool
            break
        sid = by_path[path]
        data = rep.to_json()
        data["path"] = path.name  # reports never carry the folder (the user's home)
        batch.append((sid, data))
        summary.checked.append(sid)
        summary.reports[sid] = data
        if not rep.readable:
            summary.unreadable.append(sid)
        if len(batch) >= SAVE_EVERY:
            with transaction(db):
                checks.save_reports(db, batch)
            batch = []
        if progress:
            progress(done, len(by_path))
    with transaction(db):
        checks.save_reports(db, batch)
        summary.duplicates = regroup_duplicates(cache, limits)
    for sid in summary.checked:
        fresh = checks.report(db, sid)
        if fresh is not None:
            summary.reports[sid] = fresh
    return summary


def regroup_duplicates(cache: Cache, limits: Thresholds) -> int:
    """Group near-duplicates over every checked clip (the oldest submission is the original)."""
    rows = checks.fingerprints(cache.db)
    keys = [sid for sid, _ in rows]
    originals = duplicate_of(keys, [from_hex(fp) for _, fp in rows], limits.duplicate_max_bits)
    return checks.apply_duplicates(cache.db, originals)
