"""The queue as a Qt table model over SQLite that stays fast with 100,000 rows.

The model holds only the ordered rowids of the current filter (one indexed query, run on the task
runner's quick lane, off the GUI thread) and reads the visible rows by id in small pages, on demand,
through the review service.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from moderator_app.services.review import QUARANTINED, QueueFilter, QueueView, ReviewService
from moderator_app.ui.plaintext import tooltip_text
from moderator_app.ui.review.checks_panel import badges

PAGE = 200
CACHE_PAGES = 20

Index = QModelIndex | QPersistentModelIndex
RunQuery = Callable[[Callable[[], QueueView], Callable[[QueueView], None]], Any]
"""Runs the view query off the GUI thread and hands its result back on it (the window's quick lane)."""

SUBMISSION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("status", "status"),
    ("recipient", "recipient"),
    ("sender", "sender"),
    ("checks", "findings"),
    ("country", "country"),
    ("received", "received"),
    ("flags", "flags"),
)
QUARANTINE_COLUMNS: tuple[tuple[str, str], ...] = (("source", "id"), ("reason", "id"), ("at", "received"))

FINDING_COLOUR = QColor("#e65100")
STATUS_COLOURS = {"approved": QColor("#1b7f3b"), "rejected": QColor("#b3261e"), "queued": QColor("#5f6368")}

SubmissionIdRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2



SHORT_TIME = "d MMM HH:mm"
"""Day, month and time, in the interface's language: a campaign runs for weeks, the year is in the tooltip
(and the narrower column leaves the names room on a laptop)."""


def short_time(iso: str) -> str:
    moment = QDateTime.fromString(iso.replace("Z", "+00:00"), Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso.replace("T", " ").removesuffix("Z")[:16]
    return QLocale().toString(moment.toUTC(), SHORT_TIME)


def status_label(status: str) -> str:
    return {
        "queued": QCoreApplication.translate("QueueModel", "To review"),
        "approved": QCoreApplication.translate("QueueModel", "Approved"),
        "rejected": QCoreApplication.translate("QueueModel", "Rejected"),
        "quarantined": QCoreApplication.translate("QueueModel", "Quarantined"),
    }.get(status, status)


class QueueModel(QAbstractTableModel):
    filter_applied = Signal(int)
    """Emitted (with the row count) when a new filter's rows are in place."""
    left_changed = Signal(int)
    """How many rows of the view are still to review, after a decision or a new filter."""

    def __init__(self, review: ReviewService, run_query: RunQuery, parent: Any = None) -> None:
        super().__init__(parent)
        self._review = review
        self._run_query = run_query
        self._filter = QueueFilter(status="queued")
        self._ids: list[int] = []
        self._queued: set[int] = set()
        """Rowids of the view still to review, kept current as decisions land (finding the next clip must
        not page through a 20,000-row view on the GUI thread)."""
        self._pages: OrderedDict[int, dict[int, dict[str, Any]]] = OrderedDict()
        self._generation = 0
        self._flag_labels: dict[str, str] = {}

    def set_flag_labels(self, labels: dict[str, str]) -> None:
        """Flag code -> the label a person reads (the queue shows words, never codes)."""
        self._flag_labels = dict(labels)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, self.columnCount() - 1))

    @property
    def left(self) -> int:
        """Rows of the view still to review."""
        return len(self._queued)

    # -- filter ---------------------------------------------------------------------------------------

    @property
    def current_filter(self) -> QueueFilter:
        return self._filter

    @property
    def quarantine_mode(self) -> bool:
        return self._filter.status == QUARANTINED

    def apply_filter(self, f: QueueFilter) -> None:
        """Query the matching rowids in the background; swap them in when they arrive."""
        self._generation += 1
        generation = self._generation
        review = self._review
        self._run_query(lambda: review.queue_view(f), lambda view: self._install(generation, f, view))

    def refresh(self) -> None:
        self.apply_filter(self._filter)

    def _install(self, generation: int, f: QueueFilter, view: QueueView) -> None:
        if generation != self._generation:
            return  # a newer filter was asked for meanwhile
        self.beginResetModel()
        self._filter = f
        self._ids = view.rowids
        self._queued = view.queued
        self._pages.clear()
        self.endResetModel()
        self.filter_applied.emit(len(view.rowids))
        self.left_changed.emit(len(self._queued))

    def reload_rows(self) -> None:
        """Re-read every row in place (new check results), keeping the order the moderator sees."""
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, self.columnCount() - 1))

    def set_status(self, submission_id: str, status: str) -> None:
        """A decision landed: update the row in place and the set of rows still to review."""
        rowid = self._review.rowid_of(submission_id)
        if rowid is None:
            return
        if status == "queued" and not self.quarantine_mode and self._filter.status in (None, "queued"):
            self._queued.add(rowid)
        else:
            self._queued.discard(rowid)
        self.invalidate_row(submission_id)
        self.left_changed.emit(len(self._queued))

    def next_queued(self, start: int, skip: set[str]) -> int:
        """Row of the first clip still to review at or after ``start``, wrapping around; -1 when none."""
        skip_rowids = {r for r in (self._review.rowid_of(sid) for sid in skip) if r is not None}
        wanted = self._queued - skip_rowids
        if not wanted:
            return -1
        n = len(self._ids)
        for offset in range(n):
            row = (start + offset) % n
            if self._ids[row] in wanted:
                return row
        return -1

    def invalidate_row(self, submission_id: str) -> None:
        """A decision changed one row: re-read it, keep its place (no jump under the moderator's eyes)."""
        for page_no, page in self._pages.items():
            for rowid, row in page.items():
                if row.get("id") == submission_id:
                    del self._pages[page_no]
                    pos = self._ids.index(rowid)
                    self.dataChanged.emit(self.index(pos, 0), self.index(pos, self.columnCount() - 1))
                    return

    # -- lookup ---------------------------------------------------------------------------------------

    def row_data(self, row: int) -> dict[str, Any] | None:
        if not 0 <= row < len(self._ids):
            return None
        page_no = row // PAGE
        page = self._pages.get(page_no)
        if page is None:
            chunk = self._ids[page_no * PAGE : (page_no + 1) * PAGE]
            page = self._review.queue_rows(chunk, quarantined=self.quarantine_mode)
            self._pages[page_no] = page
            if len(self._pages) > CACHE_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page.get(self._ids[row])

    def submission_id(self, row: int) -> str | None:
        if self.quarantine_mode:
            return None
        data = self.row_data(row)
        return None if data is None else str(data["id"])

    def row_of(self, submission_id: str) -> int:
        """Row of a submission in the current view, or -1 (reads pages; fine for the visible view)."""
        rowid = self._review.rowid_of(submission_id)
        if rowid is None:
            return -1
        try:
            return self._ids.index(rowid)
        except ValueError:
            return -1

    # -- Qt model API ---------------------------------------------------------------------------------

    def _columns(self) -> tuple[tuple[str, str], ...]:
        return QUARANTINE_COLUMNS if self.quarantine_mode else SUBMISSION_COLUMNS

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        name = self._columns()[section][0]
        return {
            "status": QCoreApplication.translate("QueueModel", "Status"),
            "recipient": QCoreApplication.translate("QueueModel", "Recipient"),
            "sender": QCoreApplication.translate("QueueModel", "Sender"),
            "country": QCoreApplication.translate("QueueModel", "Country"),
            "received": QCoreApplication.translate("QueueModel", "Received"),
            "flags": QCoreApplication.translate("QueueModel", "Flags"),
            "checks": QCoreApplication.translate("QueueModel", "Checks"),
            "source": QCoreApplication.translate("QueueModel", "File"),
            "reason": QCoreApplication.translate("QueueModel", "Reason"),
            "at": QCoreApplication.translate("QueueModel", "Quarantined at"),
        }[name]

    def column_name(self, section: int) -> str:
        return self._columns()[section][0]

    def sort_key(self, section: int) -> str:
        return self._columns()[section][1]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        name = self._columns()[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, name)
        if role == Qt.ItemDataRole.ToolTipRole and name in ("reason", "source"):
            return tooltip_text(str(row[name]))  # a file name from the public: never rich text
        if role == Qt.ItemDataRole.ToolTipRole and name == "received":
            return str(row["received_at"]).replace("T", " ").replace("Z", " UTC")
        if role == Qt.ItemDataRole.ToolTipRole and name in ("checks", "flags"):
            return tooltip_text(self._display(row, name))  # the whole list when the column elides it
        if role == Qt.ItemDataRole.ForegroundRole and name == "checks":
            return FINDING_COLOUR if row.get("findings") else None
        if role == Qt.ItemDataRole.ForegroundRole and name == "status":
            return STATUS_COLOURS.get(str(row["status"]))
        if role == SubmissionIdRole:
            return row.get("id")
        if role == StatusRole:
            return QUARANTINED if self.quarantine_mode else row.get("status")
        return None

    def _display(self, row: dict[str, Any], name: str) -> str:
        if name == "status":
            return status_label(str(row["status"]))
        if name in ("recipient", "sender") and row.get("purged_at"):
            return QCoreApplication.translate("QueueModel", "Purged")  # names gone under the retention rules
        if name == "recipient":
            return f"{row['recipient_first']} {row['recipient_last']}"
        if name == "sender":
            return f"{row['sender_first']} {row['sender_last']}"
        if name == "received":
            return short_time(str(row["received_at"]))
        if name == "flags":
            return ", ".join(self._flag_labels.get(code, code) for code in row["flags"])
        if name == "checks":
            return badges(row.get("findings"))
        if name == "at":
            return str(row["at"]).replace("T", " ").removesuffix("Z")[:19]
        return str(row.get(name) or "")
