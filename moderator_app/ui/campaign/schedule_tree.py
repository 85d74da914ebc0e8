"""The schedule's tree: a day, then its channels, then their slots, each slot's state in an icon, a colour
and words (a colour alone says nothing to a colour-blind producer or in a screenshot printed grey).

Days and times are the plan's local ones (the channel's clocks), days written the way the interface's
language writes them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QStyle, QTreeWidget, QTreeWidgetItem, QWidget

from moderator_app.services.schedule import SlotView

SLOT_ROLE = Qt.ItemDataRole.UserRole + 1
"""A slot row's slot id (day and channel rows hold none)."""
COLUMNS = 6
STATE_COLUMN = 5

_COLOURS = {
    "empty": QColor("#fff4ce"),
    "conflict": QColor("#fde0e0"),
    "changed": QColor("#fff0d9"),
}


def state_text(view: SlotView) -> str:
    if view.state == "conflict":
        return {
            "wrong_country": QCoreApplication.translate("Schedule", "Conflict: the spot is for another country"),
            "wrong_length": QCoreApplication.translate("Schedule", "Conflict: the spot has another length"),
        }.get(view.conflict_reason or "",
              QCoreApplication.translate("Schedule", "Conflict: the spot may not air now"))
    return {
        "empty": QCoreApplication.translate("Schedule", "Empty: no spot"),
        "assigned": QCoreApplication.translate("Schedule", "Scheduled"),
        "changed": QCoreApplication.translate("Schedule", "Spot changed since scheduled"),
        "aired": QCoreApplication.translate("Schedule", "Aired"),
    }.get(view.state, view.state)


def state_icon(widget: QWidget, state: str) -> QIcon:
    pixmap = {
        "empty": QStyle.StandardPixmap.SP_MessageBoxQuestion,
        "conflict": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "changed": QStyle.StandardPixmap.SP_MessageBoxWarning,
        "aired": QStyle.StandardPixmap.SP_DialogApplyButton,
        "assigned": QStyle.StandardPixmap.SP_DialogYesButton,
    }.get(state, QStyle.StandardPixmap.SP_MessageBoxInformation)
    return widget.style().standardIcon(pixmap)


def headers() -> list[str]:
    return [
        QCoreApplication.translate("Schedule", "Local time"),
        QCoreApplication.translate("Schedule", "Slot"),
        QCoreApplication.translate("Schedule", "Programme"),
        QCoreApplication.translate("Schedule", "Length"),
        QCoreApplication.translate("Schedule", "Spot"),
        QCoreApplication.translate("Schedule", "State"),
    ]


def day_title(air_date: str) -> str:
    day = QDate.fromString(air_date, "yyyy-MM-dd")
    return QLocale().toString(day, QLocale.FormatType.LongFormat) if day.isValid() else air_date


def fill(tree: QTreeWidget, views: list[SlotView], selected: str | None) -> QTreeWidgetItem | None:
    """Rebuild the tree from ``views`` (air order); returns the row of ``selected`` if it is still there."""
    tree.clear()
    tree.setHeaderLabels(headers())
    days: dict[str, QTreeWidgetItem] = {}
    channels: dict[tuple[str, str], QTreeWidgetItem] = {}
    found: QTreeWidgetItem | None = None
    bold = tree.font()
    bold.setBold(True)
    for view in sorted(views, key=lambda v: (v.air_date, v.channel, v.local_time, v.slot_id)):
        day = days.get(view.air_date)
        if day is None:
            day = days[view.air_date] = QTreeWidgetItem(tree, [day_title(view.air_date)])
            day.setFirstColumnSpanned(True)
            day.setFont(0, bold)
        channel = channels.get((view.air_date, view.channel))
        if channel is None:
            channel = channels[(view.air_date, view.channel)] = QTreeWidgetItem(day, [view.channel])
            channel.setFirstColumnSpanned(True)
        length = QCoreApplication.translate("Schedule", "{n} s").format(n=view.length_s)
        row = QTreeWidgetItem(channel, [
            f"{view.local_time[:5]}  ({view.timezone})", view.slot_id, view.programme or "", length,
            view.spot_id or "—", state_text(view)])
        row.setData(0, SLOT_ROLE, view.slot_id)
        row.setIcon(STATE_COLUMN, state_icon(tree, view.state))
        row.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        colour = _COLOURS.get(view.state)
        if colour is not None:
            for column in range(COLUMNS):
                row.setBackground(column, QBrush(colour))
                row.setForeground(column, QBrush(QColor("#202020")))
        if view.slot_id == selected:
            found = row
    tree.expandAll()
    for column in range(COLUMNS - 1):
        tree.resizeColumnToContents(column)
    return found
