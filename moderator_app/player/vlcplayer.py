"""One libvlc media player as a QObject: VLC events become Qt signals, libvlc runs on the GUI thread only.

libvlc is not reentrant and calls its event callbacks on its own threads, sometimes while it holds
internal locks. So a callback here only reads the event's payload and emits ``_vlc_event`` with a
queued connection; everything that talks to libvlc happens later in ``_on_vlc_event`` on the GUI thread.

A clip is handed to VLC only with its demux module named from its first bytes (see sniff.py), read on a
worker thread: ``load`` returns at once in the OPENING state, the answer comes back through a queued
signal, and a file that is not a clip never reaches VLC: it ends in ERROR with a reason.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Any

import vlc
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from moderator_app.base.media import Container
from moderator_app.player.instance import vlc_instance
from moderator_app.player.sniff import Relay, sniff_for_vlc, sniffers, unreadable_reason

__all__ = ["MAX_RATE", "MIN_RATE", "PlayerState", "VlcPlayer", "unreadable_reason", "vlc_instance"]

MIN_RATE = 0.5
MAX_RATE = 2.0
NO_FRAME_TIMEOUT_MS = 8000
"""A clip that shows no picture this long after it started playing is reported as unplayable."""


class PlayerState(enum.Enum):
    IDLE = "idle"
    OPENING = "opening"
    PLAYING = "playing"
    PAUSED = "paused"
    STOPPED = "stopped"
    ENDED = "ended"
    ERROR = "error"


class _Ev(enum.IntEnum):
    OPENING = 1
    PLAYING = 2
    PAUSED = 3
    STOPPED = 4
    ENDED = 5
    ERROR = 6
    TIME = 7
    LENGTH = 8
    VOUT = 9


_VLC_EVENTS: dict[_Ev, Any] = {
    _Ev.OPENING: vlc.EventType.MediaPlayerOpening,
    _Ev.PLAYING: vlc.EventType.MediaPlayerPlaying,
    _Ev.PAUSED: vlc.EventType.MediaPlayerPaused,
    _Ev.STOPPED: vlc.EventType.MediaPlayerStopped,
    _Ev.ENDED: vlc.EventType.MediaPlayerEndReached,
    _Ev.ERROR: vlc.EventType.MediaPlayerEncounteredError,
    _Ev.TIME: vlc.EventType.MediaPlayerTimeChanged,
    _Ev.LENGTH: vlc.EventType.MediaPlayerLengthChanged,
    _Ev.VOUT: vlc.EventType.MediaPlayerVout,
}


class VlcPlayer(QObject):
    """A libvlc media player bound to the GUI thread; see the module docstring for the threading rule."""

    playing = Signal()
    paused = Signal()
    stopped = Signal()
    ended = Signal()
    time_changed = Signal(int)
    """Playback time in ms (VLC reports it a few times a second)."""
    length_changed = Signal(int)
    first_frame = Signal()
    """The clip's video output exists and its first picture is being displayed (once per load)."""
    error = Signal(str)
    """A readable reason the current clip cannot be played."""
    state_changed = Signal(object)
    """The new ``PlayerState``."""

    _vlc_event = Signal(int, int, int)
    """(load generation, event kind, value): emitted on VLC threads, delivered queued to the GUI thread."""

    def __init__(self, parent: QObject | None = None, *, instance: vlc.Instance | None = None) -> None:
        super().__init__(parent)
        self._instance = instance if instance is not None else vlc_instance()
        self._mp: vlc.MediaPlayer | None = self._instance.media_player_new()
        self._path: Path | None = None
        self._generation = 0
        self._state = PlayerState.IDLE
        self._length = 0
        self._time = 0
        self._has_frame = False
        self._volume = 100
        self._muted = False
        self._rate = 1.0
        self._pause_on_first_frame = False
        self._error_message = ""
        self._awaiting_sniff = False
        self._pending_seek: int | None = None
        self._relay = Relay(self)
        self._relay.sniffed.connect(self._on_sniffed, Qt.ConnectionType.QueuedConnection)
        self._no_frame_timer = QTimer(self)
        self._no_frame_timer.setSingleShot(True)
        self._no_frame_timer.setInterval(NO_FRAME_TIMEOUT_MS)
        self._no_frame_timer.timeout.connect(self._on_no_frame_timeout)
        self._vlc_event.connect(self._on_vlc_event, Qt.ConnectionType.QueuedConnection)
        self._events = self._mp.event_manager()
        for kind, vlc_type in _VLC_EVENTS.items():
            self._events.event_attach(vlc_type, self._vlc_callback, kind)

    # -- VLC thread side: no libvlc, no Qt object other than emitting one queued signal ----------

    def _vlc_callback(self, event: Any, kind: _Ev) -> None:
        value = 0
        if kind == _Ev.TIME:
            value = int(event.u.new_time)
        elif kind == _Ev.LENGTH:
            value = int(event.u.new_length)
        try:
            self._vlc_event.emit(self._generation, int(kind), value)
        except RuntimeError:  # the QObject is being destroyed; nothing left to tell
            pass

    # -- GUI thread side -----------------------------------------------------------------------

    @Slot(int, int, int)
    def _on_vlc_event(self, generation: int, kind_value: int, value: int) -> None:
        if generation != self._generation or self._mp is None:
            return  # a late event of a previous clip
        kind = _Ev(kind_value)
        if kind == _Ev.OPENING:
            self._set_state(PlayerState.OPENING)
        elif kind == _Ev.PLAYING:
            if self._pending_seek is not None:  # asked while the file was sniffed: VLC seeks once it plays
                self._mp.set_time(self._pending_seek)  # asked again on the first frame (see there)
            self._apply_audio()
            self._set_state(PlayerState.PLAYING)
            self.playing.emit()
            self._check_first_frame()
        elif kind == _Ev.PAUSED:
            self._set_state(PlayerState.PAUSED)
            self.paused.emit()
        elif kind == _Ev.STOPPED:
            if self._state not in (PlayerState.ERROR, PlayerState.ENDED):
                self._set_state(PlayerState.STOPPED)
                self.stopped.emit()
        elif kind == _Ev.ENDED:
            if not self._has_frame:
                self._fail(self.tr("no video could be decoded from this file"))
                return
            self._no_frame_timer.stop()
            self._set_state(PlayerState.ENDED)
            self.ended.emit()
        elif kind == _Ev.ERROR:
            self._fail(self.tr("VLC could not open or decode this file"))
        elif kind == _Ev.TIME:
            self._time = value
            self.time_changed.emit(value)
            self._check_first_frame()
        elif kind == _Ev.LENGTH:
            self._length = value
            self.length_changed.emit(value)
        elif kind == _Ev.VOUT:
            self._check_first_frame()

    def _check_first_frame(self) -> None:
        if self._has_frame or self._mp is None or self._mp.has_vout() <= 0:
            return
        self._has_frame = True
        self._no_frame_timer.stop()
        if self._pending_seek is not None:
            # VLC drops a seek asked before its input is seekable (on a busy machine, Playing can come
            # first); by the first frame it is, so the position asked during the sniff is set for sure
            self._mp.set_time(self._pending_seek)
            self._pending_seek = None
        if self._pause_on_first_frame:
            self._pause_on_first_frame = False
            self._mp.set_pause(1)
            self._apply_audio()
        self.first_frame.emit()

    def _fail(self, reason: str) -> None:
        self._no_frame_timer.stop()
        if self._state == PlayerState.ERROR:
            return
        self._error_message = reason
        self._set_state(PlayerState.ERROR)
        self.error.emit(reason)

    @Slot()
    def _on_no_frame_timeout(self) -> None:
        if not self._has_frame and self._state in (PlayerState.OPENING, PlayerState.PLAYING):
            if self._mp is not None:
                self._mp.stop()
            self._fail(self.tr("no picture after {0} s: the file is not a playable video").format(
                NO_FRAME_TIMEOUT_MS // 1000))

    def _set_state(self, state: PlayerState) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    def _apply_audio(self) -> None:
        if self._mp is None:
            return
        self._mp.audio_set_mute(self._muted or self._pause_on_first_frame)
        self._mp.audio_set_volume(self._volume)
        if self._mp.get_rate() != self._rate:
            self._mp.set_rate(self._rate)

    # -- public API ----------------------------------------------------------------------------

    def attach(self, widget: QWidget) -> None:
        """Draw into ``widget``'s native window (it must be a native window, e.g. ``VideoSurface``)."""
        mp = self._require()
        handle = int(widget.winId())
        if sys.platform.startswith("linux"):
            mp.set_xwindow(handle)
        elif sys.platform == "win32":
            mp.set_hwnd(handle)
        elif sys.platform == "darwin":
            mp.set_nsobject(handle)
        else:
            raise RuntimeError(f"video embedding is not supported on {sys.platform}")
        # keys and clicks go to Qt (the lead's key bindings), not to VLC's own window
        mp.video_set_key_input(False)
        mp.video_set_mouse_input(False)

    def load(self, path: Path, *, start_paused: bool = False) -> None:
        """Open ``path`` and start it; with ``start_paused``, stop (muted) on its first displayed frame.

        ``start_paused`` is how a clip is preloaded: VLC's own ``:start-paused`` pauses before any
        picture is decoded, so the player plays muted and pauses itself as soon as a frame is out.
        """
        mp = self._require()
        self._no_frame_timer.stop()
        mp.stop()
        self._generation += 1  # after stop(): the old input thread is joined, its events are stale
        self._path = Path(path)
        self._length = 0
        self._time = 0
        self._has_frame = False
        self._error_message = ""
        self._pause_on_first_frame = start_paused
        self._pending_seek = None
        self._set_state(PlayerState.OPENING)
        mp.set_media(None)  # nothing of the previous clip can be resumed while this one is sniffed
        self._awaiting_sniff = True
        relay, generation, path = self._relay, self._generation, self._path

        def sniff() -> None:
            result = sniff_for_vlc(path)
            try:
                relay.sniffed.emit(generation, result)
            except RuntimeError:  # the player is gone; nothing left to tell
                pass

        sniffers().submit(sniff)

    @Slot(int, object)
    def _on_sniffed(self, generation: int, result: object) -> None:
        """GUI thread: hand the clip to VLC with its demux module named, or fail without VLC."""
        if generation != self._generation or self._mp is None or self._path is None:
            return  # another clip was loaded, or the player stopped or was released meanwhile
        mp = self._mp
        self._awaiting_sniff = False
        if not isinstance(result, Container):
            self._fail(str(result))
            return
        media = self._instance.media_new_path(str(self._path))
        media.add_option(":demux=" + result.vlc_demux)
        mp.set_media(media)
        media.release()  # the player holds its own reference
        self._apply_audio()
        if mp.play() != 0:
            self._fail(self.tr("VLC could not start this file"))
            return
        self._no_frame_timer.start()

    def play(self) -> None:
        mp = self._require()
        self._pause_on_first_frame = False
        if self._awaiting_sniff:
            return  # it starts playing as soon as it is known to be a clip
        self._apply_audio()
        if self._state == PlayerState.ENDED and self._path is not None:
            self.load(self._path)  # replay from the start, as a user expects after the end
            return
        if self._state in (PlayerState.STOPPED, PlayerState.IDLE) and self._path is not None:
            self.load(self._path)
            return
        mp.set_pause(0)
        if self._state == PlayerState.PAUSED:
            pass  # Playing event follows
        elif not mp.is_playing():
            mp.play()

    def pause(self) -> None:
        mp = self._require()
        if self._awaiting_sniff:
            self._pause_on_first_frame = True  # not started yet: stop on its first frame
            return
        self._pause_on_first_frame = False
        mp.set_pause(1)

    def toggle(self) -> None:
        if self._state in (PlayerState.PLAYING, PlayerState.OPENING) and not self._pause_on_first_frame:
            self.pause()
        else:
            self.play()

    def seek(self, ms: int) -> None:
        """Jump to ``ms`` (clamped to the clip); works while paused too."""
        mp = self._require()
        if self._path is None or self._state in (PlayerState.ERROR, PlayerState.IDLE):
            return
        if self._state in (PlayerState.ENDED, PlayerState.STOPPED):
            self.load(self._path, start_paused=True)
            self._pause_on_first_frame = True
        top = self._length - 1 if self._length > 0 else ms
        target = max(0, min(int(ms), top))
        if self._awaiting_sniff:
            self._pending_seek = target  # applied once VLC has the clip
        else:
            mp.set_time(target)
        self._time = target
        self.time_changed.emit(target)

    def frame_step(self) -> None:
        """Show the next frame and stay paused."""
        mp = self._require()
        if self._state in (PlayerState.PLAYING, PlayerState.PAUSED):
            mp.next_frame()

    def set_rate(self, rate: float) -> None:
        self._rate = max(MIN_RATE, min(MAX_RATE, float(rate)))
        if self._mp is not None:
            self._mp.set_rate(self._rate)

    def set_volume(self, volume: int) -> None:
        self._volume = max(0, min(100, int(volume)))
        if self._mp is not None:
            self._mp.audio_set_volume(self._volume)

    def set_muted(self, muted: bool) -> None:
        self._muted = bool(muted)
        if self._mp is not None:
            self._mp.audio_set_mute(self._muted or self._pause_on_first_frame)

    def stop(self) -> None:
        mp = self._require()
        self._no_frame_timer.stop()
        self._pause_on_first_frame = False
        if self._awaiting_sniff:  # VLC has nothing yet, so no Stopped event would come: drop the sniff
            self._awaiting_sniff = False
            self._generation += 1
            self._set_state(PlayerState.STOPPED)
            self.stopped.emit()
            return
        mp.stop()

    def release(self) -> None:
        """Stop and free the libvlc player; the object is inert afterwards. Safe to call twice."""
        if self._mp is None:
            return
        self._no_frame_timer.stop()
        for vlc_type in _VLC_EVENTS.values():
            self._events.event_detach(vlc_type)
        self._generation += 1
        self._mp.stop()
        self._mp.release()
        self._mp = None
        self._set_state(PlayerState.IDLE)

    # -- read-only state ----------------------------------------------------------------------

    @property
    def state(self) -> PlayerState:
        return self._state

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def time(self) -> int:
        """Current time in ms (asked from VLC, finer than the last ``time_changed``)."""
        if self._mp is not None and self._state in (PlayerState.PLAYING, PlayerState.PAUSED):
            now = self._mp.get_time()
            if now >= 0:
                return int(now)
        return self._time

    @property
    def length(self) -> int:
        return self._length

    @property
    def has_frame(self) -> bool:
        """A picture of the current clip has been displayed."""
        return self._has_frame

    @property
    def error_message(self) -> str:
        """Why the current clip failed, or "" if it did not."""
        return self._error_message

    @property
    def preloading(self) -> bool:
        """Loaded with ``start_paused`` and still waiting for its first frame to pause on."""
        return self._pause_on_first_frame

    @property
    def rate(self) -> float:
        return self._rate

    @property
    def volume(self) -> int:
        return self._volume

    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def media_player(self) -> vlc.MediaPlayer:
        """The underlying libvlc player, for reading what VLC itself reports; GUI thread only."""
        return self._require()

    @property
    def is_released(self) -> bool:
        return self._mp is None

    def _require(self) -> vlc.MediaPlayer:
        if self._mp is None:
            raise RuntimeError("this VlcPlayer has been released")
        return self._mp
