"""Text from the public or the platform (names, notes, moderator names, file names, reasons quoting them)
shown as typed, never as rich text.

A QLabel, QMessageBox or tooltip left at Qt.AutoText renders anything that looks like HTML: a moderator
named ``<a href=…>`` becomes a link the message box opens, ``<img src=file:…>`` loads a local file, and
``<b>`` restyles the sentence around it. Labels that can carry such text are made Qt.PlainText; tooltips
have no format setting, so their text is escaped into rich text that shows it literally.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain(label: QLabel) -> QLabel:
    """``label`` set to show its text literally, whatever it contains."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def tooltip_text(text: str) -> str:
    """A tooltip showing ``text`` literally (line breaks kept); empty stays empty so no tooltip appears."""
    if not text:
        return ""
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"


def plain_message_box(box: QMessageBox) -> QMessageBox:
    """Every text of ``box`` (main and informative) shown literally; call after setting the texts.

    ``setTextFormat`` reaches the informative label only if it exists already, so it is set by name too.
    """
    box.setTextFormat(Qt.TextFormat.PlainText)
    for label in box.findChildren(QLabel):
        if label.objectName() in ("qt_msgbox_label", "qt_msgbox_informativelabel"):
            plain(label)
    return box


def critical(parent: QWidget | None, title: str, text: str) -> None:
    """``QMessageBox.critical`` with ``text`` shown literally (it quotes an error, which may quote input)."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    plain_message_box(box).exec()
