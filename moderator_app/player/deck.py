"""Two players behind one screen, so the next clip is already decoded when the moderator decides.

The standby player opens the next clip muted and pauses on its first frame while the current one
plays; ``show_clip`` then only flips the stacked surfaces and un-pauses, instead of paying VLC's open
(demux, decoder and video output start) after the key press. A clip that was not preloaded is opened
cold on the visible player, which leaves the standby's preload intact.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal, SignalInstance, Slot
from PySide6.QtWidgets import QStackedLayout, QWidget

from moderator_app.player.video import VideoSurface
from moderator_app.player.vlcplayer import MAX_RATE, MIN_RATE, PlayerState, VlcPlayer


class PlayerDeck(QWidget):
    """The review window's video area; the UI connects to the deck's signals once, for every clip."""

    playing = Signal()
    paused = Signal()
    stopped = Signal()
    ended = Signal()
    first_frame = Signal()
    time_changed = Signal(int)
    length_changed = Signal(int)
    error = Signal(str)
    state_changed = Signal(object)
    clip_started = Signal(Path)
    """The clip asked for by ``show_clip`` is on screen (playing, or paused on its first frame)."""
    rate_changed = Signal(float)
    volume_changed = Signal(int)
    muted_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stack = QStackedLayout(self)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self._players: list[VlcPlayer] = []
        self._surfaces: list[VideoSurface] = []
        for _ in range(2):
            surface = VideoSurface(self)
            player = VlcPlayer(self)
            player.attach(surface)
            self._stack.addWidget(surface)
            self._wire(player)
            self._players.append(player)
            self._surfaces.append(surface)
        self._active = 0
        self._stack.setCurrentIndex(0)
        self._preloaded: Path | None = None
        self._pending_start: Path | None = None
        self._pending_autoplay = True
        self._deferred_preload: Path | None = None
        self._rate = 1.0
        self._volume = 100
        self._muted = False
        app = QCoreApplication.instance()
        if app is not None:  # VLC must stop drawing before the windows go away
            app.aboutToQuit.connect(self.release)

    # -- wiring -------------------------------------------------------------------------------

    def _wire(self, player: VlcPlayer) -> None:
        player.playing.connect(lambda: self._on_playing(player))
        player.paused.connect(lambda: self._forward(player, self.paused))
        player.stopped.connect(lambda: self._forward(player, self.stopped))
        player.ended.connect(lambda: self._forward(player, self.ended))
        player.first_frame.connect(lambda: self._on_first_frame(player))
        player.time_changed.connect(lambda ms: self._forward(player, self.time_changed, ms))
        player.length_changed.connect(lambda ms: self._forward(player, self.length_changed, ms))
        player.state_changed.connect(lambda state: self._forward(player, self.state_changed, state))
        player.error.connect(lambda msg: self._on_error(player, msg))

    def _is_active(self, player: VlcPlayer) -> bool:
        return player is self._players[self._active]

    def _forward(self, player: VlcPlayer, signal: SignalInstance, *args: object) -> None:
        if self._is_active(player):
            signal.emit(*args)

    def _on_playing(self, player: VlcPlayer) -> None:
        if not self._is_active(player):
            return
        self.playing.emit()
        if player.has_frame:
            self._announce_start(player)

    def _on_first_frame(self, player: VlcPlayer) -> None:
        if not self._is_active(player):
            return
        self.first_frame.emit()
        if not self._pending_autoplay or player.state == PlayerState.PLAYING:
            self._announce_start(player)

    def _on_error(self, player: VlcPlayer, message: str) -> None:
        if self._is_active(player):
            self._pending_start = None
            self.error.emit(message)
            self._run_deferred_preload()
        # a failed preload is reported when (if) that clip is shown

    def _announce_start(self, player: VlcPlayer) -> None:
        if self._pending_start is not None and player.path == self._pending_start:
            self._pending_start = None
            self.clip_started.emit(player.path)
            self._run_deferred_preload()

    def _run_deferred_preload(self) -> None:
        path, self._deferred_preload = self._deferred_preload, None
        if path is not None:
            self.preload(path)

    # -- clips --------------------------------------------------------------------------------

    def preload(self, path: Path) -> None:
        """Open ``path`` on the hidden player, muted, paused on its first frame, ready for ``show_clip``.

        Called while a ``show_clip`` is still starting, it waits for ``clip_started``: stopping the
        standby's old clip and opening a new one would compete with the start on screen.
        """
        path = Path(path)
        if self._pending_start is not None:
            self._deferred_preload = path
            return
        self._deferred_preload = None
        standby = self._players[1 - self._active]
        if (self._preloaded == path and standby.path == path
                and standby.state in (PlayerState.OPENING, PlayerState.PLAYING, PlayerState.PAUSED)):
            return
        self._preloaded = path
        standby.load(path, start_paused=True)

    def show_clip(self, path: Path, autoplay: bool = True) -> None:
        """Put ``path`` on screen: instant if it was preloaded, a cold open otherwise."""
        path = Path(path)
        standby = self._players[1 - self._active]
        self._pending_start = path
        self._pending_autoplay = autoplay
        self._deferred_preload = None
        if self._preloaded == path and standby.path == path:
            self._swap_to_standby(autoplay)
        else:
            self._apply_settings(self.active_player)
            self.active_player.load(path, start_paused=not autoplay)

    def _swap_to_standby(self, autoplay: bool) -> None:
        old = self.active_player
        self._active = 1 - self._active
        self._preloaded = None
        new = self.active_player
        self._apply_settings(new)
        self._stack.setCurrentIndex(self._active)
        if new.state == PlayerState.ERROR:
            self._pending_start = None
            self.state_changed.emit(new.state)
            self.error.emit(new.error_message)
            self._run_deferred_preload()
        elif autoplay:
            new.play()  # clip_started follows on its Playing event (or its first frame if still opening)
        elif new.has_frame:
            self._announce_start(new)
        if old.state in (PlayerState.PLAYING, PlayerState.OPENING):
            old.pause()  # silence at once; the next preload() reuses it
        self.length_changed.emit(new.length)
        self.time_changed.emit(new.time)
        if new.state != PlayerState.ERROR:
            self.state_changed.emit(new.state)

    def _apply_settings(self, player: VlcPlayer) -> None:
        player.set_rate(self._rate)
        player.set_volume(self._volume)
        player.set_muted(self._muted)

    # -- transport (the active player) --------------------------------------------------------

    @Slot()
    def play(self) -> None:
        if self.active_player.path is not None:
            self.active_player.play()

    @Slot()
    def pause(self) -> None:
        if self.active_player.path is not None:
            self.active_player.pause()

    @Slot()
    def toggle(self) -> None:
        if self.active_player.path is not None:
            self.active_player.toggle()

    @Slot(int)
    def seek(self, ms: int) -> None:
        self.active_player.seek(ms)

    @Slot(int)
    def seek_relative(self, delta_ms: int) -> None:
        self.active_player.seek(self.active_player.time + delta_ms)

    @Slot()
    def frame_step(self) -> None:
        self.active_player.frame_step()

    @Slot()
    def stop(self) -> None:
        self._pending_start = None
        self._run_deferred_preload()
        self.active_player.stop()

    @Slot(float)
    def set_rate(self, rate: float) -> None:
        rate = max(MIN_RATE, min(MAX_RATE, float(rate)))
        if rate != self._rate:
            self._rate = rate
            for player in self._players:
                player.set_rate(rate)
            self.rate_changed.emit(rate)

    @Slot(int)
    def set_volume(self, volume: int) -> None:
        volume = max(0, min(100, int(volume)))
        if volume != self._volume:
            self._volume = volume
            self.active_player.set_volume(volume)
            self.volume_changed.emit(volume)

    @Slot(bool)
    def set_muted(self, muted: bool) -> None:
        if bool(muted) != self._muted:
            self._muted = bool(muted)
            self.active_player.set_muted(self._muted)
            self.muted_changed.emit(self._muted)

    def release(self) -> None:
        """Free both libvlc players (call before the window goes away). Safe to call twice."""
        self._pending_start = None
        self._deferred_preload = None
        for player in self._players:
            player.release()

    # -- read-only state ----------------------------------------------------------------------

    @property
    def active_player(self) -> VlcPlayer:
        return self._players[self._active]

    @property
    def standby_player(self) -> VlcPlayer:
        """The hidden player that holds the preloaded clip."""
        return self._players[1 - self._active]

    @property
    def active_surface(self) -> VideoSurface:
        return self._surfaces[self._active]

    @property
    def preloaded_path(self) -> Path | None:
        return self._deferred_preload or self._preloaded

    @property
    def path(self) -> Path | None:
        return self.active_player.path

    @property
    def state(self) -> PlayerState:
        return self.active_player.state

    @property
    def time(self) -> int:
        return self.active_player.time

    @property
    def length(self) -> int:
        return self.active_player.length

    @property
    def rate(self) -> float:
        return self._rate

    @property
    def volume(self) -> int:
        return self._volume

    @property
    def muted(self) -> bool:
        return self._muted
