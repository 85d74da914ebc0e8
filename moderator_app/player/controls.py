"""Transport controls under the video: play/pause, seek bar with time, frame step, speed, volume.

No keyboard shortcuts live here: key bindings are data in the configuration and call the public slots
(``toggle_play``, ``seek_relative``, ``frame_step``, ``faster``/``slower``, ``toggle_mute``,
``volume_up``/``volume_down``). The controls only talk to a ``PlayerDeck``, never to VLC.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractSlider,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QToolButton,
    QWidget,
)

from moderator_app.player.deck import PlayerDeck
from moderator_app.player.vlcplayer import PlayerState

RATES: tuple[float, ...] = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
VOLUME_STEP = 10
DRAG_SEEK_INTERVAL_MS = 80
"""While the seek bar is dragged, seek at most this often (each VLC seek restarts decoding)."""


def format_ms(ms: int) -> str:
    """``m:ss`` (``h:mm:ss`` past an hour); clips are short, so minutes are not zero-padded."""
    seconds = max(0, int(ms)) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class PlayerControls(QWidget):
    """A control strip bound to one ``PlayerDeck``."""

    def __init__(self, deck: PlayerDeck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._deck = deck
        self._keys: dict[str, str] = {}
        self._length = 0
        self._time = 0
        style = self.style()
        self._icons = {
            "play": style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay),
            "pause": style.standardIcon(QStyle.StandardPixmap.SP_MediaPause),
            "volume": style.standardIcon(QStyle.StandardPixmap.SP_MediaVolume),
            "muted": style.standardIcon(QStyle.StandardPixmap.SP_MediaVolumeMuted),
        }

        self.play_button = QToolButton(self)
        self.play_button.clicked.connect(self.toggle_play)
        self.frame_button = QToolButton(self)
        self.frame_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward))
        self.frame_button.clicked.connect(self.frame_step)

        self.seek_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.seek_slider.setRange(0, 0)
        self.seek_slider.setSingleStep(1000)
        self.seek_slider.setPageStep(5000)
        self.seek_slider.sliderMoved.connect(self._on_slider_moved)
        self.seek_slider.sliderReleased.connect(self._on_slider_released)
        self.seek_slider.actionTriggered.connect(self._on_slider_action)
        self._drag_seek = QTimer(self)
        self._drag_seek.setSingleShot(True)
        self._drag_seek.setInterval(DRAG_SEEK_INTERVAL_MS)
        self._drag_seek.timeout.connect(lambda: self._deck.seek(self.seek_slider.sliderPosition()))

        self.time_label = QLabel(self)
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.time_label.setMinimumWidth(self.time_label.fontMetrics().horizontalAdvance("00:00 / 00:00") + 8)

        self.speed_combo = QComboBox(self)
        for rate in RATES:
            self.speed_combo.addItem(self.tr("{0}×").format(f"{rate:g}"), rate)
        self.speed_combo.setCurrentIndex(RATES.index(1.0))
        self.speed_combo.activated.connect(lambda index: self._deck.set_rate(RATES[index]))

        self.mute_button = QToolButton(self)
        self.mute_button.setCheckable(True)
        self.mute_button.toggled.connect(self._deck.set_muted)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setSingleStep(VOLUME_STEP)
        self.volume_slider.setPageStep(VOLUME_STEP)
        self.volume_slider.setMaximumWidth(110)
        self.volume_slider.setValue(deck.volume)
        self.volume_slider.valueChanged.connect(self._deck.set_volume)

        for button in (self.play_button, self.frame_button, self.mute_button):
            button.setAutoRaise(True)
        # keys belong to the window's configurable bindings; clicks still work
        for widget in (self.play_button, self.frame_button, self.seek_slider, self.speed_combo,
                       self.mute_button, self.volume_slider):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.play_button)
        layout.addWidget(self.frame_button)
        layout.addWidget(self.seek_slider, 1)
        layout.addWidget(self.time_label)
        layout.addWidget(self.speed_combo)
        layout.addWidget(self.mute_button)
        layout.addWidget(self.volume_slider)

        deck.time_changed.connect(self._on_time)
        deck.length_changed.connect(self._on_length)
        deck.state_changed.connect(self._on_state)
        deck.rate_changed.connect(self._on_rate)
        deck.volume_changed.connect(self._on_volume)
        deck.muted_changed.connect(self._on_muted)
        self.retranslate()
        self._on_state(deck.state)
        self._on_muted(deck.muted)
        self._show_time()

    def set_key_hints(self, keys: dict[str, str]) -> None:
        """Keys bound to the controls' actions (from the window's bindings), shown in their tooltips."""
        self._keys = keys
        self.retranslate()

    def _hint(self, text: str, *actions: str) -> str:
        keys = [self._keys[a] for a in actions if a in self._keys]
        return f"{text} ({', '.join(keys)})" if keys else text

    def retranslate(self) -> None:
        """Set every user-visible string (call again after installing another QTranslator)."""
        self.frame_button.setToolTip(self._hint(self.tr("Next frame"), "frame_step"))
        self.seek_slider.setToolTip(self._hint(self.tr("Position"), "seek_back", "seek_forward"))
        self.speed_combo.setToolTip(self._hint(self.tr("Playback speed"), "slower", "faster"))
        self.volume_slider.setToolTip(self._hint(self.tr("Volume"), "volume_down", "volume_up"))
        for index, rate in enumerate(RATES):
            self.speed_combo.setItemText(index, self.tr("{0}×").format(f"{rate:g}"))
        self._on_state(self._deck.state)
        self._on_muted(self._deck.muted)

    # -- slots for key bindings ---------------------------------------------------------------

    @Slot()
    def toggle_play(self) -> None:
        self._deck.toggle()

    @Slot(int)
    def seek_relative(self, delta_ms: int) -> None:
        self._deck.seek_relative(delta_ms)

    @Slot()
    def frame_step(self) -> None:
        self._deck.frame_step()

    @Slot()
    def faster(self) -> None:
        self._step_rate(+1)

    @Slot()
    def slower(self) -> None:
        self._step_rate(-1)

    @Slot()
    def toggle_mute(self) -> None:
        self._deck.set_muted(not self._deck.muted)

    @Slot()
    def volume_up(self) -> None:
        self._deck.set_volume(self._deck.volume + VOLUME_STEP)

    @Slot()
    def volume_down(self) -> None:
        self._deck.set_volume(self._deck.volume - VOLUME_STEP)

    def _step_rate(self, direction: int) -> None:
        current = self._deck.rate
        if direction > 0:
            bigger = [rate for rate in RATES if rate > current + 1e-6]
            target = bigger[0] if bigger else RATES[-1]
        else:
            smaller = [rate for rate in RATES if rate < current - 1e-6]
            target = smaller[-1] if smaller else RATES[0]
        self._deck.set_rate(target)

    # -- deck -> widgets ----------------------------------------------------------------------

    @Slot(int)
    def _on_time(self, ms: int) -> None:
        self._time = ms
        if not self.seek_slider.isSliderDown():  # never fight the user's drag
            self.seek_slider.setValue(ms)
            self._show_time()

    @Slot(int)
    def _on_length(self, ms: int) -> None:
        self._length = max(0, ms)
        self.seek_slider.setRange(0, self._length)
        self._show_time()

    @Slot(object)
    def _on_state(self, state: PlayerState) -> None:
        is_playing = state in (PlayerState.PLAYING, PlayerState.OPENING)
        self.play_button.setIcon(self._icons["pause" if is_playing else "play"])
        self.play_button.setToolTip(self._hint(self.tr("Pause") if is_playing else self.tr("Play"), "play_pause"))

    @Slot(float)
    def _on_rate(self, rate: float) -> None:
        nearest = min(range(len(RATES)), key=lambda index: abs(RATES[index] - rate))
        self.speed_combo.setCurrentIndex(nearest)

    @Slot(int)
    def _on_volume(self, volume: int) -> None:
        if self.volume_slider.value() != volume:
            self.volume_slider.setValue(volume)

    @Slot(bool)
    def _on_muted(self, muted: bool) -> None:
        if self.mute_button.isChecked() != muted:
            self.mute_button.setChecked(muted)
        self.mute_button.setIcon(self._icons["muted" if muted else "volume"])
        self.mute_button.setToolTip(self._hint(self.tr("Unmute") if muted else self.tr("Mute"), "mute"))

    # -- seek bar ----------------------------------------------------------------------------

    @Slot(int)
    def _on_slider_moved(self, position: int) -> None:
        self._show_time(position)
        if not self._drag_seek.isActive():
            self._drag_seek.start()

    @Slot()
    def _on_slider_released(self) -> None:
        self._drag_seek.stop()
        self._deck.seek(self.seek_slider.sliderPosition())

    @Slot(int)
    def _on_slider_action(self, action: int) -> None:
        if action == QAbstractSlider.SliderAction.SliderMove.value or self.seek_slider.isSliderDown():
            return  # drags are handled by sliderMoved/sliderReleased
        self._deck.seek(self.seek_slider.sliderPosition())

    def _show_time(self, position: int | None = None) -> None:
        shown = self._time if position is None else position
        self.time_label.setText(self.tr("{0} / {1}").format(format_ms(shown), format_ms(self._length)))
