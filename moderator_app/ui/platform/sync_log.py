"""The sync log a moderator can open: conflicts first (with both decisions), then what each pass did."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from moderator_app.services.platform import Conflict, LogEntry


def conflict_text(c: Conflict) -> str:
    ours, theirs = c.ours, c.theirs
    return (
        f"{c.submission_id}: you decided {ours.get('decision')} ({ours.get('decided_at')}); "
        f"{theirs.get('moderator') or 'another moderator'} decided {theirs.get('decision')} "
        f"({theirs.get('decided_at')}). The platform keeps theirs; yours stays in your history."
    )


class SyncLogDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncLog")
        self.setWindowTitle(self.tr("Sync log"))
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(760, 480)

    def show_entries(self, conflicts: list[Conflict], entries: list[LogEntry]) -> None:
        lines: list[str] = []
        if conflicts:
            lines.append(self.tr("Conflicts:"))
            lines.extend("  " + conflict_text(c) for c in conflicts)
            lines.append("")
        lines.extend(f"{e.at}  {e.level:<7}  {e.message}" for e in entries)
        self.text.setPlainText("\n".join(lines))
