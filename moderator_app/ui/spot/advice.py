"""The editor's advice line: why the spot is not its exact length and the one-click fixes, in words.

Its height is fixed (two lines of text or a row of buttons, whichever is taller, from the font's metrics
so it holds at 150 %), and it is always there, empty when the spot is exact: a message appearing or going
never moves the Preview/Fit row or the timeline. The sentences are in the editor's translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from moderator_app.spot.advice import Advice, Fix
from moderator_app.ui.spot.words import seconds, seconds_value

_MAX_BUTTONS = 3



def advice_text(advice: Advice) -> str:
    """The sentence for ``advice``: what is wrong, with its figures."""
    if advice.kind == "cannot_fill":
        n = advice.messages  # a plain name: lupdate skips a call whose count is an expression
        text = QCoreApplication.translate("SpotEditorWindow", "Messages placed: %n, lasting {have} in all; a {need} spot needs at least {least} of them.", "", n)
        return text.format(have=seconds(advice.message_frames), need=seconds(advice.target_frames, 0),
                           least=seconds(advice.needed_frames))
    if advice.kind == "under_minimum":
        text = QCoreApplication.translate(
            "SpotEditorWindow", "Fit would cut a message to {cut}; messages shorter than {minimum} are hard to follow.")
        return text.format(cut=seconds(advice.cut_frames), minimum=seconds(advice.minimum_frames))
    text = QCoreApplication.translate("SpotEditorWindow", "The spot lasts {have} as placed; it needs {need}.")
    return text.format(have=seconds(advice.placed_frames), need=seconds(advice.target_frames, 0))


def fix_label(fix: Fix) -> str:
    if fix.kind == "fit":
        text = QCoreApplication.translate("SpotEditorWindow", "Fit to {length}")
        return text.format(length=seconds_value(fix.seconds, 0))
    if fix.kind == "hold_outro":
        text = QCoreApplication.translate("SpotEditorWindow", "Hold the last card {more} longer")
        return text.format(more=seconds(fix.frames))
    if fix.kind == "length":
        text = QCoreApplication.translate("SpotEditorWindow", "Make it a {length} spot")
        return text.format(length=seconds_value(fix.seconds, 0))
    if fix.kind == "remove_message":
        return QCoreApplication.translate("SpotEditorWindow", "Remove message {n}").format(n=fix.slot + 1)
    return QCoreApplication.translate("SpotEditorWindow", "Cut them anyway")


class AdviceLine(QFrame):
    fix_requested = Signal(object)
    """The Fix the user clicked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spotAdvice")
        self.advice: Advice | None = None
        self.label = QLabel(self)
        self.label.setObjectName("spotAdviceText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.buttons: list[QPushButton] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 2, 6, 2)
        column.setSpacing(2)
        column.addWidget(self.label)
        row = QHBoxLayout()
        row.addStretch(1)
        column.addLayout(row)
        for i in range(_MAX_BUTTONS):
            button = QPushButton(self)
            button.setObjectName(f"spotFix{i}")
            button.hide()
            button.clicked.connect(lambda _c=False, i=i: self._clicked(i))
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            button.setSizePolicy(policy)
            self.buttons.append(button)
            row.addWidget(button)
        # two lines of text over a row of buttons, whatever is shown: nothing below ever moves
        self.label.setFixedHeight(2 * self.fontMetrics().lineSpacing() + 2)
        self.setFixedHeight(self.label.height() + self.buttons[0].sizeHint().height() + 8)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_advice(self, advice: Advice | None) -> None:
        """Show ``advice`` (None: the spot is exact, the line goes blank but keeps its height)."""
        self.advice = advice
        self.label.setText("" if advice is None else advice_text(advice))
        self.label.setToolTip(self.label.text())
        fixes = () if advice is None else advice.fixes[:_MAX_BUTTONS]
        for i, button in enumerate(self.buttons):
            if i < len(fixes):
                button.setText(fix_label(fixes[i]))
            # hidden buttons keep their room (retainSizeWhenHidden): the row's height never changes
            button.setVisible(i < len(fixes))
        self.setStyleSheet("" if advice is None else "#spotAdvice { background: #fff3e0; border-radius: 3px; }"
                           " #spotAdviceText { color: #6d3a00; }")

    def _clicked(self, index: int) -> None:
        if self.advice is not None and index < len(self.advice.fixes):
            self.fix_requested.emit(self.advice.fixes[index])
