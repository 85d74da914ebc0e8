"""The editor's clip picker: approved clips with broadcast consent, searched and filtered like the queue.

Its lists load on the task runner; a newer search supersedes one still running. The editor decides where a
picked clip goes: the picker only says which one (``place_requested``).

Its texts are in the editor's translation context (see ``editor``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from moderator_app.services.spots import Candidate, SpotService
from moderator_app.tasks import QUICK, TaskRunner
from moderator_app.ui.spot.words import findings_words, flag_words, isolated, seconds_value

NO_FINDINGS = "__none__"
_SEARCH_DELAY_MS = 200


class ClipPicker(QWidget):
    loaded = Signal(int)
    """How many candidates the list shows now."""
    place_requested = Signal(str)
    """The submission id the user asked to place (double click or the place button)."""

    def __init__(self, service: SpotService, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.candidates: dict[str, Candidate] = {}
        self._generation = 0
        self._closed = False
        self._placed: dict[str, int] = {}
        """Submission id -> the slot it is in: marked in the list, refused a second time."""

        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold;")
        self.search = QLineEdit(self)
        self.search.setObjectName("spotSearch")
        self.country_box = QComboBox(self)
        self.country_box.setObjectName("spotCountry")
        self.findings_box = QComboBox(self)
        self.findings_box.setObjectName("spotFindings")
        self.clip_list = QListWidget(self)
        self.clip_list.setObjectName("spotCandidates")
        self.clip_list.setWordWrap(True)  # two lines each, measured with the fonts that draw them (Arabic too)
        self.place_button = QPushButton(self)
        self.place_button.setObjectName("spotPlace")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        filters = QHBoxLayout()
        filters.addWidget(self.country_box)
        filters.addWidget(self.findings_box)
        layout.addLayout(filters)
        layout.addWidget(self.clip_list, 1)
        layout.addWidget(self.place_button)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(_SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.load)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.country_box.currentIndexChanged.connect(lambda _i: self.load())
        self.findings_box.currentIndexChanged.connect(lambda _i: self.load())
        self.clip_list.itemDoubleClicked.connect(lambda _item: self.place_selected())
        self.place_button.clicked.connect(self.place_selected)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("SpotEditorWindow", "Approved clips with broadcast consent"))
        self.search.setPlaceholderText(QCoreApplication.translate("SpotEditorWindow", "Search names, town, message"))
        self.place_button.setText(QCoreApplication.translate("SpotEditorWindow", "Place in the selected slot"))

    def close_down(self) -> None:
        """Lists still loading are dropped when they arrive (the window is going)."""
        self._closed = True
        self._search_timer.stop()

    @Slot()
    def place_selected(self) -> None:
        item = self.clip_list.currentItem()
        if item is not None:
            self.place_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    # -- filters ----------------------------------------------------------------------------------------

    def load_filters(self) -> None:
        service = self.service

        def work() -> tuple[list[str], list[str]]:
            return service.countries(), service.finding_codes()

        self.runner.run(work, self._show_filters, lane=QUICK)

    def _show_filters(self, data: tuple[list[str], list[str]]) -> None:
        countries, codes = data
        no_findings = QCoreApplication.translate("SpotEditorWindow", "No findings")
        for box, first, values, extra in (
            (self.country_box, QCoreApplication.translate("SpotEditorWindow", "All countries"), countries, []),
            (self.findings_box, QCoreApplication.translate("SpotEditorWindow", "Any findings"), codes,
             [(no_findings, NO_FINDINGS)]),
        ):
            box.blockSignals(True)
            current = box.currentData()
            box.clear()
            box.addItem(first, "")
            for label, value in extra:
                box.addItem(label, value)
            for value in values:
                box.addItem(findings_words([value]) if box is self.findings_box else value, value)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)

    # -- the list ---------------------------------------------------------------------------------------

    @Slot()
    def load(self) -> None:
        service = self.service
        search, country = self.search.text(), str(self.country_box.currentData() or "")
        finding = str(self.findings_box.currentData() or "")

        def work() -> list[Candidate]:
            return service.candidates(search, country or None, None if finding in ("", NO_FINDINGS) else finding,
                                      without_findings=finding == NO_FINDINGS)

        self._generation += 1
        generation = self._generation
        self.runner.run(work, lambda found: self._show(found, generation), lane=QUICK)

    def _show(self, found: list[Candidate], generation: int) -> None:
        if generation != self._generation or self._closed:
            return  # the filters changed while this ran: a newer list is on its way
        self.candidates = {c.clip.submission_id: c for c in found}
        self.clip_list.clear()
        for c in found:
            item = QListWidgetItem(self._text(c))
            item.setData(Qt.ItemDataRole.UserRole, c.clip.submission_id)
            self.clip_list.addItem(item)
        self._show_placed()
        self.loaded.emit(len(found))

    def _text(self, c: Candidate) -> str:
        """Two lines a person reads: who to whom, then where, how long and what the checks found, in words."""
        lines = [f"{isolated(c.recipient)} ← {isolated(c.sender)}",
                 f"{c.country} · {seconds_value(c.clip.duration_s)}"]
        if c.findings:
            lines[1] += " · " + findings_words(c.findings)
        elif c.findings is None:
            lines[1] += " · " + QCoreApplication.translate("SpotEditorWindow", "not checked yet")
        if c.flags:
            lines.append(QCoreApplication.translate("SpotEditorWindow", "Flagged: {flags}").format(
                flags=flag_words(c.flags, c.blocking)))
        return "\n".join(lines)

    def mark_placed(self, placed: dict[str, int]) -> None:
        """Show which candidates are in the spot already (submission id -> slot): they cannot go in twice.
        Called on every edit (a trim drag too): the list is rewritten only when the placed clips changed."""
        if placed == self._placed:
            return
        self._placed = dict(placed)
        self._show_placed()

    def _show_placed(self) -> None:
        for row in range(self.clip_list.count()):
            item = self.clip_list.item(row)
            sid = str(item.data(Qt.ItemDataRole.UserRole))
            candidate = self.candidates.get(sid)
            if candidate is None:
                continue
            text = self._text(candidate)
            slot = self._placed.get(sid)
            if slot is not None:
                text = QCoreApplication.translate("SpotEditorWindow", "✓ In slot {n} · ").format(n=slot + 1) + text
            item.setText(text)  # no italics: Qt loses the second line of an italic Arabic item
            item.setForeground(self.palette().placeholderText() if slot is not None else self.palette().text())
            item.setToolTip(text)
