"""The Notifications window: who will be told about which air slot, the exact message, then Send.

Opened from the review window (Ctrl+Shift+N). The list is the service's plan (due pairs and what a run
would do with each); selecting one renders its message (subject, the HTML part right to left for Arabic,
the text part, the invitation's summary) with the same code a send uses, so what is read here is what goes
out. Loading, rendering, the dry run and the send all run on the window's task runner; the send reports
its progress and can be cancelled. The recipient's first name is shown (the moderator needs it to check the
message); addresses never are.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from moderator_app.services.channels import air_instant, platform_channel, save_smtp_password, smtp_channel
from moderator_app.services.notify import DRY_RUN_SENDER, Due, NotifyOptions, NotifyReport, NotifyService
from moderator_app.services.platform import TokenStore, token_from_env
from moderator_app.services.review import ReviewService
from moderator_app.tasks import QUICK, Job, TaskRunner
from moderator_app.ui.campaign.notify_form import SendForm, SendSettings

Loaded = tuple[Any, list[Due], str | None]
"""(templates or None, the plan, the template problem or None)."""


def state_label(due: Due) -> str:
    if due.action == "in_doubt":
        return QCoreApplication.translate("Notify", "In doubt (the last run stopped while sending)")
    if due.action == "outdated":
        return QCoreApplication.translate("Notify", "Outdated: the slot moved after it was sent")
    labels = {
        None: QCoreApplication.translate("Notify", "To send"),
        "sent": QCoreApplication.translate("Notify", "Sent"),
        "deferred": QCoreApplication.translate("Notify", "Deferred (retry)"),
        "failed": QCoreApplication.translate("Notify", "Failed"),
        "sending": QCoreApplication.translate("Notify", "To send again"),
        "outdated": QCoreApplication.translate("Notify", "To send again (slot moved)"),
    }
    return labels.get(due.pair.state, due.pair.state or "")


def local_text(due: Due) -> str:
    local = air_instant(due.pair.air_at).astimezone(ZoneInfo(due.pair.timezone))
    return f"{local:%Y-%m-%d %H:%M} ({due.pair.timezone})"


class NotifyDialog(QDialog):
    loaded = Signal(int)
    """The list shows this many notifications."""
    previewed = Signal(str)
    """The preview shows the message for this ``submission_id/slot_id``."""
    finished_run = Signal(object)
    """A send or a dry run ended: its NotifyReport."""
    failed = Signal(str)
    """A send, a dry run or the templates were refused: the reason shown."""
    progressed = Signal(int, int)

    def __init__(self, review: ReviewService, runner: TaskRunner, parent: QWidget | None = None, *,
                 tokens: TokenStore | None = None, platform_url: str = "") -> None:
        """``tokens`` and ``platform_url``: the desk's platform account (its controller's), for the platform path."""
        super().__init__(parent)
        self.setObjectName("notifications")
        self.tokens = tokens or TokenStore()
        self.service = NotifyService(review.cache, review.moderator)
        self.runner = runner
        self.templates: Any = None
        self.items: list[Due] = []
        self.job: Job[Any] | None = None
        self._sending = False
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("notifyTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.subject = QLabel(self)
        self.subject.setObjectName("notifySubject")
        self.subject.setTextFormat(Qt.TextFormat.PlainText)
        self.subject.setWordWrap(True)
        self.html = QTextBrowser(self)
        self.html.setObjectName("notifyHtml")
        self.html.setOpenLinks(False)
        self.html.setOpenExternalLinks(False)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("notifyText")
        self.text.setReadOnly(True)
        self.ics = QLabel(self)
        self.ics.setTextFormat(Qt.TextFormat.PlainText)
        self.form = SendForm(self)
        self.form.url.setText(platform_url)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.status = QLabel(self)
        self.status.setObjectName("notifyStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.refresh_button = QPushButton(self)
        self.dry_button = QPushButton(self)
        self.send_button = QPushButton(self)
        self.send_button.setObjectName("notifySend")
        self.cancel_button = QPushButton(self)
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton(self)
        self._build_layout()
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.refresh_button.clicked.connect(self.reload)
        self.dry_button.clicked.connect(self._choose_dry_run)
        self.send_button.clicked.connect(self.send)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self.progressed.connect(self._show_progress)
        self.retranslate()
        self.resize(1200, 760)

    def _build_layout(self) -> None:
        preview = QWidget(self)
        side = QVBoxLayout(preview)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.subject)
        side.addWidget(self.html, 3)
        side.addWidget(self.text, 2)
        side.addWidget(self.ics)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.table)
        split.addWidget(preview)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.dry_button)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Notifications"))
        self.table.setHorizontalHeaderLabels([self.tr("Slot"), self.tr("Channel"), self.tr("Local time"),
                                              self.tr("Language"), self.tr("Recipient"), self.tr("State")])
        self.refresh_button.setText(self.tr("Refresh"))
        self.dry_button.setText(self.tr("Dry run to folder…"))
        self.send_button.setText(self.tr("Send"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the list ---------------------------------------------------------------------------------

    def open_window(self) -> None:
        self.reload()
        self.show()
        self.raise_()
        self.activateWindow()

    def reload(self) -> None:
        service = self.service

        def load() -> Loaded:
            try:
                templates = service.templates()
            except ValueError as exc:  # TemplateProblem: say which file and why, send nothing
                return None, service.plan(), str(exc)
            return templates, service.plan(), None

        self.runner.run(load, on_done=self._show, on_error=self._refused, lane=QUICK)

    def _show(self, loaded: Loaded) -> None:
        self.templates, self.items, problem = loaded
        self.table.setRowCount(len(self.items))
        for r, due in enumerate(self.items):
            cells = (due.pair.slot_id, due.pair.channel, local_text(due), due.pair.language or "fr",
                     due.pair.first_name, state_label(due))
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        todo = sum(d.action == "send" for d in self.items)
        if problem is not None:
            self.status.setText(self.tr("A template is broken: {reason}").format(reason=problem))
        elif not self._sending:
            self.status.setText(self.tr("%n notification(s) to send", "", todo))
        self._enable()
        self.loaded.emit(len(self.items))
        if self.items and not self.table.selectedItems():
            self.table.selectRow(0)

    def _enable(self) -> None:
        ready = self.templates is not None and not self._sending
        self.send_button.setEnabled(ready and any(d.action == "send" for d in self.items))
        self.dry_button.setEnabled(ready)
        self.refresh_button.setEnabled(not self._sending)
        self.cancel_button.setEnabled(self._sending)

    # -- the preview ------------------------------------------------------------------------------

    def selected(self) -> Due | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows and rows[0].row() < len(self.items) else None

    def _selection_changed(self) -> None:
        due, templates = self.selected(), self.templates
        if due is None or templates is None:
            return
        service, sender = self.service, self.form.settings().sender or DRY_RUN_SENDER
        key = f"{due.pair.submission_id}/{due.pair.slot_id}"
        self.runner.run(lambda: service.preview(templates, due.pair.submission_id, due.pair.slot_id, sender),
                        on_done=lambda composed: self._show_preview(key, composed),
                        on_error=lambda exc: self._show_preview_error(key, exc), lane=QUICK)

    def _show_preview(self, key: str, composed: Any) -> None:
        r = composed.rendered
        direction = Qt.LayoutDirection.RightToLeft if r.rtl else Qt.LayoutDirection.LeftToRight
        self.subject.setText(self.tr("Subject: {subject}").format(subject=r.subject))
        self.subject.setLayoutDirection(direction)
        self.text.setPlainText(r.text)
        for widget in (self.html, self.text):
            widget.setLayoutDirection(direction)
            option = widget.document().defaultTextOption()
            option.setTextDirection(direction)
            option.setAlignment(Qt.AlignmentFlag.AlignRight if r.rtl else Qt.AlignmentFlag.AlignLeft)
            widget.document().setDefaultTextOption(option)
        self.html.setHtml(r.html)
        if r.rtl:  # Qt's rich text does not inherit <html dir="rtl"> into the paragraphs; mail clients do
            block = QTextBlockFormat()
            block.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            block.setAlignment(Qt.AlignmentFlag.AlignLeft)  # not absolute: the leading edge, the right in RTL
            cursor = QTextCursor(self.html.document())
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.mergeBlockFormat(block)
        self.ics.setText(self.tr("Calendar invitation: {summary}").format(summary=composed.ics_summary))
        self.previewed.emit(key)

    def _show_preview_error(self, key: str, exc: BaseException) -> None:
        self.subject.setText(self.tr("No preview: {reason}").format(reason=_reason(exc)))
        self.html.clear()
        self.text.clear()
        self.ics.clear()
        self.previewed.emit(key)

    # -- sending ----------------------------------------------------------------------------------

    def _choose_dry_run(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Write the messages into a folder"))
        if folder:
            self.dry_run(Path(folder))

    def dry_run(self, folder: Path) -> None:
        """One .eml per message into ``folder``, off the GUI thread; nothing sent, nothing recorded."""
        service, templates = self.service, self.templates
        sender = self.form.settings().sender or None
        self._start()
        self.runner.run(lambda: service.dry_run(folder, templates, sender), on_done=self._done,
                        on_error=self._refused)

    def send(self) -> None:
        settings = self.form.settings()
        self.form.forget_password()
        service, templates, tokens = self.service, self.templates, self.tokens
        options = NotifyOptions()
        self._start()

        def work(cancel: threading.Event) -> NotifyReport:
            channel = _channel(settings, templates, tokens)
            return service.run(channel, options, cancel=cancel, progress=self.progressed.emit)

        self.job = self.runner.run_cancellable(work, on_done=self._done, on_error=self._refused)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status.setText(self.tr("Stopping after the message being sent…"))

    def _start(self) -> None:
        self._sending = True
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.status.setText(self.tr("Working…"))
        self._enable()

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finish(self) -> None:
        self._sending = False
        self.job = None
        self.progress.setVisible(False)
        self._enable()

    def _done(self, report: NotifyReport) -> None:
        self._finish()
        if report.written:
            text = self.tr("%n message(s) written; nothing was sent", "", report.written)
        else:
            text = self.tr("Sent {sent}, failed {failed}, deferred {deferred}, in doubt {doubt}, skipped {skipped}"
                           ).format(sent=report.sent, failed=report.failed, deferred=report.deferred,
                                    doubt=report.in_doubt, skipped=report.skipped)
        if report.stopped == "cancelled":
            text += " — " + self.tr("cancelled")
        elif report.stopped:
            text += " — " + self.tr("stopped: {reason}").format(reason=report.stopped)
        self.status.setText(text)
        self.finished_run.emit(report)
        self.reload()

    def _refused(self, exc: BaseException) -> None:
        self._finish()
        reason = _reason(exc)
        self.status.setText(self.tr("Not sent: {reason}").format(reason=reason))
        self.failed.emit(reason)


def _reason(exc: BaseException) -> str:
    """The service's words (they never hold an address or a password); a bare type name otherwise."""
    if isinstance(exc, ValueError | OSError | LookupError) or type(exc).__module__.startswith("moderator_app"):
        return str(exc) or type(exc).__name__
    return type(exc).__name__


def _channel(settings: SendSettings, templates: Any, tokens: TokenStore) -> Any:
    """The channel the form describes (runs on the task runner: the keyring and DNS may be slow)."""
    if settings.via == "platform":
        token = tokens.get(settings.url) or token_from_env()
        if not token:
            raise ValueError(QCoreApplication.translate(
                "Notify", "no platform token: enter it in the platform settings first"))
        return platform_channel(settings.url, token)
    if settings.user and settings.password:
        host = settings.address.rpartition(":")[0].strip("[]")
        save_smtp_password(host, settings.user, settings.password)
    security = settings.security if settings.security in ("starttls", "tls", "plain") else "starttls"
    return smtp_channel(templates, settings.address, security, settings.sender,  # type: ignore[arg-type]
                        user=settings.user or None, password=settings.password or None)


def open_notifications(window: QWidget) -> NotifyDialog:
    """One Notifications window per review window (``window.notify_dialog``), refreshed each time it opens."""
    dialog: NotifyDialog | None = getattr(window, "notify_dialog", None)
    if dialog is None:
        platform = getattr(window, "platform", None)
        dialog = NotifyDialog(window.review, window.runner, window,  # type: ignore[attr-defined]
                              tokens=getattr(platform, "tokens", None), platform_url=getattr(platform, "url", ""))
        window.notify_dialog = dialog  # type: ignore[attr-defined]
    dialog.open_window()
    return dialog
