"""``spot render-all``: every saved spot not yet rendered for a preset, into one folder, resumable.

Each spot goes through ``export_spot`` (render beside the target, measure, rename, report, cue sheets),
so a master only ever carries its final name once complete and measured. Its render record is written
after that, so a crash or a cancel at any point leaves either a finished spot with its record or nothing
under a final name: a rerun skips the first kind and redoes the second. Leftovers of a killed run (hidden
``.part`` files, ``spot-render-*`` work folders) are swept when the next run starts; a lock on the folder
keeps two runs (window and CLI) from sweeping each other's work.

Brand cards are drawn once per batch (``CachingTitleRenderer``); ``RENDER_WORKERS`` spots render at once
(measured: see benchmarks/bench_render_all.py).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moderator_app.db import spot_batch, spots
from moderator_app.services.spots import SpotService, blocked
from moderator_app.spot.cardcache import CachingTitleRenderer
from moderator_app.spot.cuesheet import CampaignEntry, write_campaign_cue_sheets
from moderator_app.spot.errors import ExportCancelled, SpotError
from moderator_app.spot.export import ExportResult, default_name, export_spot
from moderator_app.spot.model import Spot
from moderator_app.spot.presets import Preset
from moderator_app.spot.titles import TitleRenderer

__all__ = ["RENDER_WORKERS", "BatchBusy", "BatchProgress", "BatchResult", "render_all"]

RENDER_WORKERS = 2
"""Spots rendered at once. On 2 cores two at once finish the batch sooner than one (the sound steps and
the measuring are single-threaded and leave a core idle that the other spot's encode takes): 10 spots,
web-mp4 draft, bench_render_all.py: one at a time 98 s, two at once 73 s, 10 single exports 116 s."""

LOCK_NAME = ".render-all.lock"


class BatchBusy(RuntimeError):
    """Another render-all writes into this folder now."""


@dataclass(frozen=True, slots=True)
class BatchProgress:
    done: int
    """Spots finished (rendered or failed) of ``total`` in this run."""
    total: int
    fraction: float
    """Of the whole run, counting the spots under way by their own progress."""
    elapsed_s: float

    @property
    def seconds_left(self) -> float | None:
        """Time left at the pace so far; None until there is a pace to go by."""
        if self.fraction <= 0.02:
            return None
        return self.elapsed_s * (1 - self.fraction) / self.fraction


@dataclass(slots=True)
class BatchResult:
    rendered: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    cancelled: bool = False
    campaign_csv: Path | None = None
    campaign_json: Path | None = None
    card_hits: int = 0

    @property
    def passed(self) -> bool:
        return not self.failed and all(r["passed"] for r in self.rendered) and not self.cancelled

    def to_dict(self) -> dict[str, Any]:
        return {"rendered": self.rendered, "failed": self.failed, "skipped": self.skipped}


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BatchBusy(f"another render-all is writing into {folder}") from exc
        yield
    finally:
        os.close(fd)


def sweep_leftovers(folder: Path) -> int:
    """Remove what a killed export leaves: hidden partial masters and its work folders. Never a final name."""
    removed = 0
    for path in folder.iterdir():
        if path.name.startswith(".") and ".part" in path.name and path.is_file():
            path.unlink(missing_ok=True)
            removed += 1
        elif path.name.startswith("spot-render-") and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    return removed


def _rule_failures(result: ExportResult) -> list[str]:
    return [f"{r.name}: expected {r.expected}, measured {r.measured}" for r in result.report.failures]


def render_all(
    service: SpotService,
    preset: Preset,
    folder: Path,
    *,
    title_renderer: TitleRenderer | None = None,
    workers: int = RENDER_WORKERS,
    progress: Callable[[BatchProgress], None] | None = None,
    cancel: threading.Event | None = None,
    draft: bool = False,
    clock: Callable[[], float] = time.monotonic,
) -> BatchResult:
    """Render every saved spot that has no up-to-date master for ``preset`` in ``folder``; write the
    campaign cue sheets over all of the preset's up-to-date masters. Blocking (a worker thread's job).

    Raises BatchBusy when another run holds the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    db = service.cache.db
    with _folder_lock(folder):
        sweep_leftovers(folder)
        records = {r.spot_id: r for r in spot_batch.renders(db, preset.name)}
        result = BatchResult()
        todo: list[tuple[str, str]] = []
        for row in sorted(spots.list_spots(db), key=lambda r: r.spot_id):
            done = records.get(row.spot_id)
            if done is not None and done.content == row.content and Path(done.file).is_file():
                result.skipped.append(row.spot_id)
            else:
                todo.append((row.spot_id, row.content))
        cards = CachingTitleRenderer(title_renderer or _default_renderer(), service.cache.data_dir / "card-cache")
        _run(service, preset, folder, todo, cards, max(1, workers), result, progress, cancel, draft, clock)
        result.card_hits = cards.hits
        result.rendered.sort(key=lambda r: str(r["spot_id"]))
        result.failed.sort(key=lambda r: str(r["spot_id"]))
        _campaign_sheets(service, preset, folder, result)
    return result


def _default_renderer() -> TitleRenderer:
    from moderator_app.spot.titles import DrawtextTitleRenderer

    return DrawtextTitleRenderer()


def _run(
    service: SpotService,
    preset: Preset,
    folder: Path,
    todo: list[tuple[str, str]],
    cards: TitleRenderer,
    workers: int,
    result: BatchResult,
    progress: Callable[[BatchProgress], None] | None,
    cancel: threading.Event | None,
    draft: bool,
    clock: Callable[[], float],
) -> None:
    start = clock()
    under_way: dict[str, float] = {}
    lock = threading.Lock()
    finished = 0

    def report() -> None:
        if progress is not None:
            with lock:
                running = sum(under_way.values())
            total = len(todo)
            progress(BatchProgress(finished, total, (finished + running) / total if total else 1.0, clock() - start))

    def one(spot: Spot) -> ExportResult:
        def step(fraction: float) -> None:
            with lock:
                under_way[spot.spot_id] = fraction
            report()

        return export_spot(spot, preset, folder / default_name(spot, preset), title_renderer=cards,
                           progress=step, cancel=cancel, draft=draft)

    pending: dict[Future[ExportResult], tuple[Spot, str]] = {}
    queue = list(todo)
    report()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="render-all") as pool:
        while queue or pending:
            while queue and len(pending) < workers and not (cancel is not None and cancel.is_set()):
                spot_id, content = queue.pop(0)
                spot = service.load(spot_id)
                reason = _not_renderable(service, spot)
                if spot is None or reason is not None:
                    result.failed.append({"spot_id": spot_id, "reason": reason or "deleted"})
                    finished += 1
                    continue
                pending[pool.submit(one, spot)] = (spot, content)
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                spot, content = pending.pop(future)
                with lock:
                    under_way.pop(spot.spot_id, None)
                finished += 1
                _collect(service, preset, spot, content, future, result)
            report()
    result.cancelled = bool(cancel is not None and cancel.is_set())


def _not_renderable(service: SpotService, spot: Spot | None) -> str | None:
    """Why a saved spot cannot be rendered as saved (rule and slot), or None."""
    if spot is None:
        return "deleted"
    problems = service.attention(spot.spot_id)
    if problems:
        p = problems[0]
        return f"{p.reason}: slot {p.slot + 1} ({p.submission_id})"
    why = blocked(spot)
    if why is None:
        return None
    where = "" if why.slot is None else f": slot {why.slot + 1}"
    return f"{why.kind}{where}" + (f" ({why.detail})" if why.detail else "")


def _collect(
    service: SpotService, preset: Preset, spot: Spot, content: str, future: Future[ExportResult], result: BatchResult
) -> None:
    try:
        export = future.result()
    except ExportCancelled:
        return
    except SpotError as exc:
        result.failed.append({"spot_id": spot.spot_id, "reason": f"render: {exc}"})
        return
    failures = _rule_failures(export)
    spot_batch.record_render(service.cache.db, spot.spot_id, preset.name, str(export.path), export.report.passed,
                             content, failures)
    result.rendered.append({"spot_id": spot.spot_id, "file": str(export.path), "passed": export.report.passed})
    if failures:
        result.failed.append({"spot_id": spot.spot_id, "reason": "; ".join(failures)})


def _campaign_sheets(service: SpotService, preset: Preset, folder: Path, result: BatchResult) -> None:
    """One sheet over every up-to-date master of the preset (this run's and earlier runs')."""
    current = {r.spot_id: r.content for r in spots.list_spots(service.cache.db)}
    entries = []
    for record in spot_batch.renders(service.cache.db, preset.name):
        if current.get(record.spot_id) != record.content or not Path(record.file).is_file():
            continue
        spot = service.load(record.spot_id)
        if spot is None:
            continue
        with contextlib.suppress(SpotError):
            spot.validate()
            entries.append(CampaignEntry(spot, Path(record.file).name, record.passed))
    if entries:
        result.campaign_csv, result.campaign_json = write_campaign_cue_sheets(entries, folder, f"campaign_{preset.name}")
