"""The refused media plan, row by row: the producer forwards it to the agency, who fixes the file once."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from moderator_app.services.schedule import PlanRefused


class PlanRefusalDialog(QDialog):
    def __init__(self, refused: PlanRefused, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planRefusal")
        self.setWindowTitle(self.tr("Media plan refused"))
        intro = QLabel(self.tr("Nothing was imported. Ask the media agency to fix these rows, then import the plan "
                               "again:"), self)
        intro.setWordWrap(True)
        self.table = QTableWidget(len(refused.rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Reason")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        for r, row in enumerate(refused.rows):
            self.table.setItem(r, 0, QTableWidgetItem(str(row.line) if row.line else self.tr("File")))
            reason = QTableWidgetItem(row.reason)
            reason.setToolTip(row.reason)
            self.table.setItem(r, 1, reason)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        if refused.more:
            layout.addWidget(QLabel(self.tr("… and {n} more bad rows").format(n=refused.more), self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1000, 420)  # a long reason is cut with "…" and shows whole as the cell's tooltip

    def lines(self) -> list[int]:
        """The line numbers listed (0 for the file as a whole)."""
        return [int(self.table.item(r, 0).text()) if self.table.item(r, 0).text().isdigit() else 0
                for r in range(self.table.rowCount())]
