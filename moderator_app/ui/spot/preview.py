"""The spot's preview: a fast proxy rendered in the background, played by VLC, with a safe-area frame.

Rendering even a small proxy takes a few seconds, so the editor asks for it as soon as the spot is exact
and keeps it warm: "Preview" then plays a file that is usually already there. VLC draws in its own native
window, above any ordinary widget, so the safe-area frame is four thin native child windows raised over
the video (a native window cannot be see-through without a compositor; four bars need not be).
"""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRect, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from moderator_app.player.controls import format_ms
from moderator_app.player.deck import PlayerDeck
from moderator_app.spot import ExportCancelled, Preset, Spot, TitleRenderer, get_preset, render_spot
from moderator_app.tasks import TaskRunner

PROXY_PRESET: Preset = replace(get_preset("preview"), name="preview-proxy", width=640, height=360)
"""The ``preview`` preset at 640x360: measured 2.8 s to render 30 s against 3.7 s at 960x540 (2 cores,
before the sound was made beside the picture; benchmarks/bench_preview.py measures it again)."""


def proxy_preset(target: Preset) -> Preset:
    scale = PROXY_PRESET.width / max(target.width, target.height)
    width, height = (round(target.width * scale / 2) * 2, round(target.height * scale / 2) * 2)
    return replace(PROXY_PRESET, width=width, height=height, safe_area=target.safe_area)


def spot_key(spot: Spot, preset: Preset = PROXY_PRESET) -> str:
    """Identity of what the proxy shows: a changed in point, title, order or safe area makes a new proxy."""
    t = spot.template
    return json.dumps(
        {
            "proxy": [preset.width, preset.height, *preset.safe_area],
            "t": [t.total_frames, t.intro_frames, t.outro_frames, t.slot_count, t.transition, t.dissolve_frames],
            "slack": [spot.slack.intro, spot.slack.outro, *spot.slack.between],
            "p": [
                None if p is None else [str(p.clip.path), p.in_frame, p.out_frame, p.title]
                for p in spot.placements
            ],
        },
        ensure_ascii=False,
    )


def copy_spot(spot: Spot) -> Spot:
    """A snapshot a worker can read while the editor keeps changing the original (placements are frozen)."""
    return Spot(spot.template, spot.spot_id, list(spot.placements), spot.slack)


class ProxyRenderer(QObject):
    """Keeps one proxy of the current spot; a newer request cancels the render in flight."""

    ready = Signal(object)
    """Path of the proxy for the spot last requested."""
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, titles: TitleRenderer, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.titles = titles
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.preset = PROXY_PRESET
        self._count = 0
        self._ready: tuple[str, Path] | None = None
        self._flight: tuple[str, threading.Event] | None = None

    def set_target(self, target: Preset) -> None:
        """Preview what ``target`` will deliver: its shape (a 9:16 spot previews upright) and its safe area,
        inside which the titles are placed, at most 640 pixels on the long side."""
        self.preset = proxy_preset(target)

    def cached(self, spot: Spot) -> Path | None:
        if self._ready is not None and self._ready[0] == spot_key(spot, self.preset) and self._ready[1].is_file():
            return self._ready[1]
        return None

    @property
    def busy(self) -> bool:
        return self._flight is not None

    def request(self, spot: Spot) -> None:
        """Render ``spot`` (exact length, allowed clips) unless that proxy is ready or rendering already."""
        key = spot_key(spot, self.preset)
        path = self.cached(spot)
        if path is not None:
            self.ready.emit(path)
            return
        if self._flight is not None:
            if self._flight[0] == key:
                return
            self._flight[1].set()
        self._count += 1
        target = self.folder / f"proxy-{self._count}.mp4"
        cancel = threading.Event()
        self._flight = (key, cancel)
        snapshot, preset = copy_spot(spot), self.preset

        def work() -> Path:
            render_spot(snapshot, preset, target, title_renderer=self.titles, cancel=cancel, draft=True)
            return target

        self.runner.run(work, lambda p: self._done(key, p), lambda e: self._failed(key, target, e))

    def cancel(self) -> None:
        if self._flight is not None:
            self._flight[1].set()
            self._flight = None

    def _done(self, key: str, path: Path) -> None:
        if self._flight is None or self._flight[0] != key:
            path.unlink(missing_ok=True)  # superseded while it rendered
            return
        self._flight = None
        old, self._ready = self._ready, (key, path)
        if old is not None and old[1] != path:
            old[1].unlink(missing_ok=True)
        self.ready.emit(path)

    def _failed(self, key: str, target: Path, exc: BaseException) -> None:
        target.unlink(missing_ok=True)
        if self._flight is not None and self._flight[0] == key:
            self._flight = None
        if not isinstance(exc, ExportCancelled):
            self.failed.emit(str(exc))


class SafeAreaFrame(QObject):
    """Four native bars outlining the graphics-safe area over the video (see the module docstring)."""

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.host = host
        self.fraction = (0.9, 0.9)
        self.aspect = PROXY_PRESET.width / PROXY_PRESET.height
        self.bars: list[QWidget] = []
        for n in range(4):
            bar = QWidget(host)
            bar.setObjectName(f"safeAreaBar{n}")
            bar.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
            bar.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors)
            bar.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            bar.setAutoFillBackground(True)
            bar.setStyleSheet("background: #ffd54f;")
            bar.hide()
            self.bars.append(bar)

    @property
    def visible(self) -> bool:
        return self.bars[0].isVisible()

    def safe_rect(self) -> QRect:
        """The safe area in host coordinates: the video is letterboxed to the proxy's aspect inside the host."""
        w, h = self.host.width(), self.host.height()
        vw, vh = (w, round(w / self.aspect)) if w / max(1, h) < self.aspect else (round(h * self.aspect), h)
        vx, vy = (w - vw) // 2, (h - vh) // 2
        sw, sh = round(vw * self.fraction[0]), round(vh * self.fraction[1])
        return QRect(vx + (vw - sw) // 2, vy + (vh - sh) // 2, sw, sh)

    def place(self) -> None:
        r = self.safe_rect()
        t = 2
        geometries = (
            QRect(r.left(), r.top(), r.width(), t),
            QRect(r.left(), r.bottom() - t + 1, r.width(), t),
            QRect(r.left(), r.top(), t, r.height()),
            QRect(r.right() - t + 1, r.top(), t, r.height()),
        )
        for bar, g in zip(self.bars, geometries, strict=True):
            bar.setGeometry(g)
            if bar.isVisible():
                bar.raise_()

    def set_visible(self, on: bool) -> None:
        self.place()
        for bar in self.bars:
            bar.setVisible(on)
            if on:
                bar.raise_()


class SpotPreview(QWidget):
    """VLC deck, play/pause, scrub bar and the safe-area toggle."""

    scrubbed = Signal(int)
    """A spot frame the user scrubbed to (for the timeline's playhead)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deck = PlayerDeck(self)
        self.deck.setMinimumSize(320, 180)  # 1280×720 logical (Full HD at 150 %) leaves the centre ~560 px
        self.safe_area = SafeAreaFrame(self.deck)
        self.play_button = QPushButton(self)
        self.play_button.setObjectName("spotPlayPause")
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("spotScrub")
        self.slider.setRange(0, 0)
        self.time_label = QLabel("0:00 / 0:00", self)
        self.safe_box = QCheckBox(self)
        self.safe_box.setObjectName("spotSafeArea")
        row = self.controls = QHBoxLayout()
        row.addWidget(self.play_button)
        row.addWidget(self.slider, 1)
        row.addWidget(self.time_label)
        row.addWidget(self.safe_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.deck, 1)
        layout.addLayout(row)
        self.play_button.clicked.connect(self.deck.toggle)
        self.slider.sliderMoved.connect(self._scrub)
        self.deck.time_changed.connect(self._time)
        self.deck.length_changed.connect(self._length)
        self.safe_box.toggled.connect(self.safe_area.set_visible)
        self.deck.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.play_button.setText(self.tr("Play / pause"))
        self.safe_box.setText(self.tr("Safe area"))
        self.safe_box.setToolTip(self.tr("Outline the area where titles and logos must stay for the export preset"))

    def set_target(self, target: Preset) -> None:
        """The safe area (and the picture's shape) of the preset the spot is being made for."""
        self.safe_area.fraction = target.safe_area
        self.safe_area.aspect = target.width / target.height
        self.safe_area.place()

    def play(self, path: Path) -> None:
        self.deck.show_clip(path)
        if self.safe_area.visible:
            self.safe_area.set_visible(True)

    @Slot(int)
    def _scrub(self, ms: int) -> None:
        self.deck.seek(ms)
        self.scrubbed.emit(ms * 25 // 1000)

    def seek_frame(self, frame: int) -> None:
        self.deck.seek(frame * 40)

    @Slot(int)
    def _time(self, ms: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(ms)
        self.time_label.setText(f"{format_ms(ms)} / {format_ms(self.deck.length)}")
        self.scrubbed.emit(ms * 25 // 1000)

    @Slot(int)
    def _length(self, ms: int) -> None:
        self.slider.setRange(0, max(0, ms))

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        if watched is self.deck and isinstance(event, QResizeEvent):
            self.safe_area.place()
        return False

    def release(self) -> None:
        self.deck.release()
