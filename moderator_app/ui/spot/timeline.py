"""The spot's timeline: intro, one block per message, outro, drawn to scale in frames.

Each message block's edges can be dragged to trim the clip's in or out point (the block is the clip's used
part, so dragging its left edge moves the in point, its right edge the out point); a click selects a slot,
a click on the ruler scrubs the preview. The target length is a line: past it the overflow is red. When
the messages were shorter than their share, the time the cards hold beyond the template (the slack) is
drawn hatched on the intro, outro and any brand card between messages, labelled with its seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from moderator_app.spot.model import Placement, Slack, Spot
from moderator_app.spot.timecode import FPS, timecode
from moderator_app.ui.spot.words import isolated, seconds

_RULER_H = 18
_EDGE_PX = 6
_COLOURS = ("#3d6fb6", "#3a9a6b", "#b0702c", "#8a4fb0", "#b04f6a")


@dataclass(frozen=True, slots=True)
class Block:
    kind: str
    """intro, message, between or outro."""
    start: int
    frames: int
    slot: int | None
    placement: Placement | None
    held: int = 0
    """Frames of a card that are slack (held beyond the template because the messages were short)."""

    @property
    def end(self) -> int:
        return self.start + self.frames


def blocks(spot: Spot) -> list[Block]:
    """The timeline as placed now, also when slots are empty (those show as gaps of zero length)."""
    t = spot.template
    slack = spot.slack
    overlap = t.dissolve_frames if t.transition == "dissolve" else 0
    out = [Block("intro", 0, t.intro_frames + slack.intro, None, None, slack.intro)]
    last = len(spot.placements) - 1
    for slot, placement in enumerate(spot.placements):
        start = out[-1].end - (overlap if placement is not None else 0)
        out.append(Block("message", start, placement.frames if placement else 0, slot, placement))
        between = slack.between[slot] if slot < min(last, len(slack.between)) else 0
        if between:
            out.append(Block("between", out[-1].end - overlap, between, slot, None, between))
    out.append(Block("outro", out[-1].end - overlap, t.outro_frames + slack.outro, None, None, slack.outro))
    return out


def slack_words(slack: Slack) -> str:
    """What a fit did, in the editor's words (context ``SpotEditorWindow``): where the slack went, or that
    the messages were trimmed when there was none."""
    if not slack.total:
        return QCoreApplication.translate(
            "SpotEditorWindow", "Fitted: every message trimmed around its centre to make the exact length."
        )
    return QCoreApplication.translate(
        "SpotEditorWindow",
        "Fitted: every message whole; the cards hold {seconds} s longer "
        "(intro +{intro} s, outro +{outro} s, between messages {between} s).",
    ).format(seconds=_number(slack.total), intro=_number(slack.intro), outro=_number(slack.outro),
             between=_number(sum(slack.between)))


def _number(frames: int) -> str:
    """Frames as seconds with the UI language's decimal mark (the sentence carries the unit)."""
    return QLocale().toString(frames / FPS, "f", 1)


def placed_frames(spot: Spot) -> int:
    return blocks(spot)[-1].end


class FrameCounter(QLabel):
    """The spot's length as placed against its target, in frames and timecode: green when every slot is
    filled and the length is exact, red otherwise (property ``exact``). Its text is in the editor's
    translation context (see ``editor``)."""

    def show_spot(self, spot: Spot) -> None:
        target = spot.template.total_frames
        total = placed_frames(spot)
        exact = total == target and all(p is not None for p in spot.placements)
        self.setText(QCoreApplication.translate("SpotEditorWindow", "{frames} / {target} frames · {tc} / {ttc}")
                     .format(frames=total, target=target, tc=timecode(total), ttc=timecode(target)))
        self.setProperty("exact", exact)
        self.setToolTip(self.text())  # the whole line, when a small screen cuts it
        self.setStyleSheet(f"font-weight: bold; font-size: 11pt; color: {'#2e7d32' if exact else '#c62828'};")


class SpotTimeline(QWidget):
    slot_selected = Signal(int)
    trim_requested = Signal(int, int, int)
    """(slot, in_frame, out_frame) while an edge is dragged."""
    scrub_requested = Signal(int)
    """A frame of the spot the user clicked on the ruler."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spotTimeline")
        self.setMinimumHeight(86)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the editor's keys (Space, I, O…) act from here
        self.setMouseTracking(True)
        self._spot: Spot | None = None
        self._selected: int | None = None
        self._playhead: int | None = None
        self._drag: tuple[int, str, int, Placement] | None = None
        """(slot, "in"|"out", press x, placement at press) while an edge is dragged."""

    def sizeHint(self) -> QSize:
        return QSize(800, 86)

    def set_spot(self, spot: Spot, selected: int | None = None) -> None:
        self._spot = spot
        self._selected = selected
        self.update()

    @property
    def playhead(self) -> int | None:
        """The spot frame the preview shows (or the user clicked on the ruler), None before either."""
        return self._playhead

    def set_playhead(self, frame: int | None) -> None:
        self._playhead = frame
        self.update()

    # geometry -------------------------------------------------------------------------------------

    def _scale(self) -> float:
        if self._spot is None:
            return 1.0
        span = max(self._spot.template.total_frames, placed_frames(self._spot)) * 1.04
        return (self.width() - 2) / max(1.0, span)

    def _x(self, frame: float) -> float:
        return 1 + frame * self._scale()

    def frame_at(self, x: float) -> int:
        return max(0, round((x - 1) / self._scale()))

    def _block_rect(self, b: Block) -> QRectF:
        return QRectF(self._x(b.start), _RULER_H + 4, max(1.0, b.frames * self._scale()), self.height() - _RULER_H - 8)

    def _hit(self, pos: QPointF) -> tuple[Block, str] | None:
        if self._spot is None:
            return None
        for b in blocks(self._spot):
            if b.kind != "message" or b.placement is None:
                continue
            r = self._block_rect(b)
            if r.top() <= pos.y() <= r.bottom():
                if abs(pos.x() - r.left()) <= _EDGE_PX:
                    return b, "in"
                if abs(pos.x() - r.right()) <= _EDGE_PX:
                    return b, "out"
                if r.left() < pos.x() < r.right():
                    return b, "body"
        return None

    # painting -------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#1e2128"))
        if self._spot is None:
            return
        target = self._spot.template.total_frames
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        p.setFont(small)
        p.setPen(QColor("#8a93a6"))
        for second in range(int(max(target, placed_frames(self._spot)) / FPS) + 1):
            x = self._x(second * FPS)
            tall = second % 5 == 0
            p.drawLine(QPointF(x, _RULER_H - (8 if tall else 4)), QPointF(x, _RULER_H))
            if tall:
                p.drawText(QPointF(x + 2, 11), f"{second}s")
        for b in blocks(self._spot):
            r = self._block_rect(b)
            if b.kind == "message":
                colour = QColor(_COLOURS[(b.slot or 0) % len(_COLOURS)])
                if b.placement is not None and not b.placement.clip.may_air:
                    colour = QColor("#7a2b2b")
            else:
                colour = QColor("#4a5060")
            p.fillRect(r, colour)
            if b.held:  # the slack: the end of the card that holds time the messages could not fill
                held = QRectF(r.right() - b.held * self._scale(), r.top(), b.held * self._scale(), r.height())
                p.fillRect(held, QBrush(QColor("#9aa3b8"), Qt.BrushStyle.BDiagPattern))
            if b.kind == "message" and b.slot == self._selected:
                p.setPen(QPen(QColor("#ffd54f"), 2))
                p.drawRect(r.adjusted(1, 1, -1, -1))
            p.setPen(QColor("white"))
            label = self._label(b)
            p.drawText(r.adjusted(4, 2, -4, -2), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), label)
        over = placed_frames(self._spot) > target
        tx = self._x(target)
        p.setPen(QPen(QColor("#e53935" if over else "#9ccc65"), 2))
        p.drawLine(QPointF(tx, 2), QPointF(tx, self.height() - 2))
        if self._playhead is not None:
            px = self._x(self._playhead)
            p.setPen(QPen(QColor("#ffffff"), 1))
            p.drawLine(QPointF(px, 0), QPointF(px, self.height()))

    def _label(self, b: Block) -> str:
        held = f" +{seconds(b.held)}" if b.held and b.kind != "between" else ""
        if b.kind == "intro":
            return self.tr("Intro") + held
        if b.kind == "outro":
            return self.tr("Outro") + held
        if b.kind == "between":
            return self.tr("Card {seconds} s").format(seconds=QLocale().toString(b.frames / FPS, "f", 1))
        n = (b.slot or 0) + 1
        if b.placement is None:
            return self.tr("{n}: empty").format(n=n)
        return f"{n}: {isolated(b.placement.clip.recipient_first_name)} · {seconds(b.frames)}"

    # mouse ----------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if pos.y() < _RULER_H:
            self.scrub_requested.emit(self.frame_at(pos.x()))
            return
        hit = self._hit(pos)
        if hit is None:
            return
        block, where = hit
        assert block.slot is not None and block.placement is not None
        self.slot_selected.emit(block.slot)
        if where in ("in", "out"):
            self._drag = (block.slot, where, round(pos.x()), block.placement)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._drag is None:
            hit = self._hit(pos)
            on_edge = hit is not None and hit[1] in ("in", "out")
            self.setCursor(Qt.CursorShape.SizeHorCursor if on_edge else Qt.CursorShape.ArrowCursor)
            return
        slot, edge, press_x, placement = self._drag
        delta = round((pos.x() - press_x) / self._scale())
        if edge == "in":
            # dragging the left edge right shortens the block: the in point moves later in the clip
            new_in = min(max(0, placement.in_frame + delta), placement.out_frame - 1)
            self.trim_requested.emit(slot, new_in, placement.out_frame)
        else:
            new_out = max(placement.in_frame + 1, min(placement.clip.frames, placement.out_frame + delta))
            self.trim_requested.emit(slot, placement.in_frame, new_out)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag = None
