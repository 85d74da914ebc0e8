"""The review window's player against real libvlc, real clips made by ffmpeg, on a real X server (Xvfb).

What is on screen is read back from the X server (the centre pixel of the video area), so these tests
fail if VLC plays but draws nothing into the widget.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from moderator_app.base.ffmpeg import run_ffmpeg
from moderator_app.player.controls import PlayerControls, format_ms
from moderator_app.player.deck import PlayerDeck
from moderator_app.player.video import VideoSurface
from moderator_app.player.vlcplayer import PlayerState, VlcPlayer

RED = (230, 20, 20)
BLUE = (20, 40, 230)


def _solid(out: Path, rgb: tuple[int, int, int], seconds: int) -> Path:
    hex_rgb = "".join(f"{c:02x}" for c in rgb)
    run_ffmpeg([
        "-y", "-f", "lavfi", "-i", f"color=c=0x{hex_rgb}:size=320x240:rate=25:duration={seconds}",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(out),
    ])
    return out


@pytest.fixture(scope="session")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("player-clips")
    moving = folder / "moving.mp4"  # every frame differs: frame stepping must change the picture
    run_ffmpeg([
        "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=8",
        "-f", "lavfi", "-i", "sine=frequency=440:duration=8",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
        str(moving),
    ])
    garbage = folder / "garbage.mp4"
    garbage.write_bytes(os.urandom(150_000))
    return {
        "moving": moving,
        "red": _solid(folder / "red.mp4", RED, 4),
        "blue": _solid(folder / "blue.mp4", BLUE, 4),
        "garbage": garbage,
    }


class _Window(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.deck = PlayerDeck(self)
        self.controls = PlayerControls(self.deck, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.deck, 1)
        layout.addWidget(self.controls)


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[_Window]:
    win = _Window()
    qtbot.addWidget(win)
    win.resize(480, 400)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.deck.release()


def screen_colour(widget: QWidget) -> QColor:
    """The pixel the X server shows at the widget's centre (VLC's picture, not Qt's backing store)."""
    centre = widget.mapToGlobal(widget.rect().center())
    image = widget.screen().grabWindow(0, centre.x() - 1, centre.y() - 1, 3, 3).toImage()
    return image.pixelColor(1, 1)


def screen_image(widget: QWidget) -> QImage:
    origin = widget.mapToGlobal(widget.rect().topLeft())
    return widget.screen().grabWindow(0, origin.x(), origin.y(), widget.width(), widget.height()).toImage()


def close_to(seen: QColor, rgb: tuple[int, int, int], tolerance: int = 40) -> bool:
    return max(abs(seen.red() - rgb[0]), abs(seen.green() - rgb[1]), abs(seen.blue() - rgb[2])) <= tolerance


def wait_playing_past(qtbot: QtBot, deck: PlayerDeck, ms: int) -> None:
    qtbot.waitUntil(lambda: deck.state == PlayerState.PLAYING and deck.time > ms, timeout=6000)


def test_a_clip_plays_and_shows_in_the_widget(qtbot: QtBot, window: _Window, clips: dict[str, Path]) -> None:
    deck = window.deck
    times: list[int] = []
    deck.time_changed.connect(times.append)
    with qtbot.waitSignal(deck.clip_started, timeout=5000) as started:
        deck.show_clip(clips["red"])
    assert started.args == [clips["red"]]
    qtbot.waitUntil(lambda: close_to(screen_colour(deck), RED), timeout=3000)
    wait_playing_past(qtbot, deck, 600)
    assert deck.length == pytest.approx(4000, abs=100)
    assert max(times) > 0
    assert window.controls.time_label.text().endswith("/ 0:04")


def test_pause_seek_and_frame_step(qtbot: QtBot, window: _Window, clips: dict[str, Path]) -> None:
    deck = window.deck
    with qtbot.waitSignal(deck.clip_started, timeout=5000):
        deck.show_clip(clips["moving"])
    wait_playing_past(qtbot, deck, 300)

    with qtbot.waitSignal(deck.paused, timeout=3000):
        window.controls.toggle_play()
    held = deck.time
    qtbot.wait(400)
    assert deck.state == PlayerState.PAUSED
    assert deck.time == held

    paused_picture = screen_image(deck.active_surface)
    deck.seek(5000)
    qtbot.waitUntil(lambda: abs(deck.time - 5000) < 300, timeout=3000)
    assert deck.state == PlayerState.PAUSED

    # the seek's picture is on screen once it differs from the paused one (testsrc2 prints the time)
    qtbot.waitUntil(lambda: screen_image(deck.active_surface) != paused_picture, timeout=3000)
    before = screen_image(deck.active_surface)
    for _ in range(3):
        window.controls.frame_step()
        qtbot.wait(60)  # paced like key presses, not a wait for a result: VLC may skip a step sent too early
    qtbot.waitUntil(lambda: screen_image(deck.active_surface) != before, timeout=3000)
    assert deck.state == PlayerState.PAUSED

    with qtbot.waitSignal(deck.playing, timeout=3000):
        window.controls.toggle_play()
    window.controls.seek_relative(-2000)
    qtbot.waitUntil(lambda: deck.time < 4500, timeout=3000)


@pytest.fixture
def reference(qtbot: QtBot) -> Iterator[VlcPlayer]:
    """A second player at 1x on its own surface: the clock the deck's speed is compared with."""
    surface = VideoSurface()
    qtbot.addWidget(surface)
    surface.resize(160, 120)
    surface.show()
    qtbot.waitExposed(surface)
    player = VlcPlayer()
    player.attach(surface)
    yield player
    player.release()


def test_rate_changes_playback_speed(
    qtbot: QtBot, window: _Window, clips: dict[str, Path], reference: VlcPlayer
) -> None:
    deck = window.deck
    reference.load(clips["moving"])
    with qtbot.waitSignal(deck.clip_started, timeout=5000):
        deck.show_clip(clips["moving"])
    wait_playing_past(qtbot, deck, 200)
    qtbot.waitUntil(lambda: reference.state == PlayerState.PLAYING and reference.time > 200, timeout=6000)
    for _ in range(3):
        window.controls.faster()  # 1 -> 1.25 -> 1.5 -> 2
    assert deck.rate == 2.0
    assert window.controls.speed_combo.currentData() == 2.0
    assert deck.active_player.media_player.get_rate() == pytest.approx(2.0)
    window.controls.faster()
    assert deck.rate == 2.0  # capped

    # Speed without a wall clock: while the deck plays 2 s of the clip, a player at 1x beside it, on the
    # same machine and under the same load, plays about half as much (a stall slows both alike).
    deck_start, reference_start = deck.time, reference.time
    qtbot.waitUntil(lambda: deck.time - deck_start >= 2000, timeout=8000)
    deck_ms, reference_ms = deck.time - deck_start, reference.time - reference_start
    assert reference.state == PlayerState.PLAYING
    assert 0.2 * deck_ms < reference_ms < 0.75 * deck_ms, (deck_ms, reference_ms)

    for _ in range(5):
        window.controls.slower()
    assert deck.rate == 0.5
    assert deck.active_player.media_player.get_rate() == pytest.approx(0.5)


def test_volume_and_mute_reach_vlc(qtbot: QtBot, window: _Window, clips: dict[str, Path]) -> None:
    deck, controls = window.deck, window.controls
    with qtbot.waitSignal(deck.clip_started, timeout=5000):
        deck.show_clip(clips["moving"])
    wait_playing_past(qtbot, deck, 200)
    vlc_player = deck.active_player.media_player

    controls.volume_down()
    controls.volume_down()
    assert deck.volume == 80
    assert controls.volume_slider.value() == 80
    qtbot.waitUntil(lambda: vlc_player.audio_get_volume() == 80, timeout=2000)

    controls.toggle_mute()
    assert deck.muted
    assert controls.mute_button.isChecked()
    qtbot.waitUntil(lambda: vlc_player.audio_get_mute() == 1, timeout=2000)
    controls.mute_button.click()  # the button unmutes too
    assert not deck.muted
    qtbot.waitUntil(lambda: vlc_player.audio_get_mute() == 0, timeout=2000)


def test_preloaded_clip_switches_at_once(qtbot: QtBot, window: _Window, clips: dict[str, Path]) -> None:
    deck = window.deck
    with qtbot.waitSignal(deck.clip_started, timeout=5000):
        deck.show_clip(clips["red"])
    qtbot.waitUntil(lambda: close_to(screen_colour(deck), RED), timeout=3000)

    deck.preload(clips["blue"])
    standby = deck.standby_player
    qtbot.waitUntil(lambda: standby.has_frame and standby.state == PlayerState.PAUSED, timeout=5000)
    assert deck.preloaded_path == clips["blue"]
    parked_at = standby.time
    qtbot.wait(300)
    assert standby.time == parked_at < 200  # parked on its first frame, not playing hidden
    assert close_to(screen_colour(deck), RED)  # the preload does not show through

    # "at once" is a state, not a stopwatch: the parked player is shown and resumed, never opened again
    # (how fast that is on a real machine: benchmarks/bench_player_switch.py)
    standby_states: list[object] = []
    standby.state_changed.connect(standby_states.append)
    with qtbot.waitSignal(deck.clip_started, timeout=2000) as started:
        deck.show_clip(clips["blue"])
        deck.preload(clips["moving"])  # as the UI will, at once: waits for clip_started
        assert deck.standby_player.path == clips["red"]
    qtbot.waitUntil(lambda: close_to(screen_colour(deck), BLUE), timeout=2000)
    assert started.args == [clips["blue"]]
    assert deck.active_player is standby
    assert PlayerState.OPENING not in standby_states and PlayerState.PLAYING in standby_states
    wait_playing_past(qtbot, deck, 200)
    assert deck.preloaded_path == clips["moving"]
    qtbot.waitUntil(lambda: deck.standby_player.path == clips["moving"] and deck.standby_player.has_frame,
                    timeout=5000)


def test_garbage_file_reports_an_error(qtbot: QtBot, window: _Window, clips: dict[str, Path]) -> None:
    deck = window.deck
    with qtbot.waitSignal(deck.error, timeout=10_000) as failed:
        deck.show_clip(clips["garbage"])
    assert failed.args and isinstance(failed.args[0], str) and failed.args[0]
    assert deck.state == PlayerState.ERROR

    with qtbot.waitSignal(deck.error, timeout=1000) as missing:
        deck.show_clip(clips["garbage"].with_name("missing.mp4"))
    assert "does not exist" in missing.args[0]

    # a failed preload is reported when that clip is shown, not while another one plays
    errors: list[str] = []
    deck.error.connect(errors.append)
    with qtbot.waitSignal(deck.clip_started, timeout=5000):
        deck.show_clip(clips["red"])
    deck.preload(clips["garbage"])
    qtbot.waitUntil(lambda: deck.standby_player.state == PlayerState.ERROR, timeout=10_000)
    assert errors == []
    deck.show_clip(clips["garbage"])
    assert len(errors) == 1

    with qtbot.waitSignal(deck.clip_started, timeout=5000):  # and the deck still plays good clips
        deck.show_clip(clips["blue"])
    qtbot.waitUntil(lambda: close_to(screen_colour(deck), BLUE), timeout=3000)


def test_seek_bar_drag_is_not_fought_by_time_updates(
    qtbot: QtBot, window: _Window, clips: dict[str, Path]
) -> None:
    deck, controls = window.deck, window.controls
    with qtbot.waitSignal(deck.clip_started, timeout=5000):
        deck.show_clip(clips["moving"])
    wait_playing_past(qtbot, deck, 200)
    slider = controls.seek_slider
    assert slider.maximum() == pytest.approx(8000, abs=100)

    slider.setSliderDown(True)
    slider.setSliderPosition(6000)  # what a drag does; emits sliderMoved
    assert controls.time_label.text() == f"{format_ms(6000)} / {format_ms(deck.length)}"
    qtbot.wait(500)  # time updates arrive meanwhile
    assert slider.sliderPosition() == 6000
    slider.setSliderDown(False)  # release: seeks
    qtbot.waitUntil(lambda: deck.time >= 5900, timeout=3000)
    assert slider.value() >= 5900


def test_release_is_clean_and_idempotent(qtbot: QtBot, clips: dict[str, Path]) -> None:
    surface_owner = PlayerDeck()
    qtbot.addWidget(surface_owner)
    surface_owner.show()
    qtbot.waitExposed(surface_owner)
    with qtbot.waitSignal(surface_owner.clip_started, timeout=5000):
        surface_owner.show_clip(clips["moving"])
    surface_owner.preload(clips["red"])
    surface_owner.release()
    surface_owner.release()
    assert all(p.is_released for p in (surface_owner.active_player, surface_owner.standby_player))
    qtbot.wait(200)  # late VLC events, if any, must be dropped quietly
    with pytest.raises(RuntimeError):
        surface_owner.active_player.play()

    player = VlcPlayer()
    player.release()
    assert player.state == PlayerState.IDLE


def test_emit_keeps_reference_counts(qtbot: QtBot) -> None:
    """PySide6 6.12.0's emit() dropped a reference to True per call, aborting Python 3.11 after a few
    thousand time updates; pyproject excludes it and this guards the pin."""
    import sys

    player = VlcPlayer()
    received: list[int] = []
    player.time_changed.connect(received.append)
    before = sys.getrefcount(True)
    for n in range(2000):
        player.time_changed.emit(n)
    assert len(received) == 2000
    assert sys.getrefcount(True) >= before - 50
    player.release()


def test_controls_strings_are_translatable(window: _Window) -> None:
    assert window.controls.play_button.toolTip() in ("Play", "Pause")
    assert window.controls.speed_combo.itemText(0) == "0.5×"
    assert window.controls.time_label.text() == "0:00 / 0:00"
    assert Qt.FocusPolicy.NoFocus == window.controls.seek_slider.focusPolicy()


def test_end_then_restart(qtbot: QtBot, window: _Window, clips: dict[str, Path]) -> None:
    deck = window.deck
    deck.set_rate(2.0)
    with qtbot.waitSignal(deck.ended, timeout=8000):
        deck.show_clip(clips["red"])
    assert deck.state == PlayerState.ENDED
    deck.seek(0)  # the "restart" binding after the end: back on the first frame
    qtbot.waitUntil(lambda: deck.state == PlayerState.PAUSED and deck.active_player.has_frame, timeout=5000)
    qtbot.waitUntil(lambda: close_to(screen_colour(deck), RED), timeout=3000)
    with qtbot.waitSignal(deck.playing, timeout=3000):
        window.controls.toggle_play()
    wait_playing_past(qtbot, deck, 100)


_POSING = {
    "ffconcat": "ffconcat version 1.0\nfile red.mp4\n",
    "hls": "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:4.0,\nred.mp4\n#EXT-X-ENDLIST\n",
    "m3u": "red.mp4\n",
    "sdp": "v=0\no=- 0 0 IN IP4 127.0.0.1\ns=x\nc=IN IP4 127.0.0.1\nt=0 0\nm=video 5004 RTP/AVP 96\n",
}


def test_a_playlist_posing_as_a_clip_never_plays_the_clip_it_names(
    qtbot: QtBot, window: _Window, clips: dict[str, Path], tmp_path: Path
) -> None:
    """Each file names the red clip beside it; VLC left to probe plays it (checked first, so this test can
    fail); the deck refuses every one without handing it to VLC and never shows red."""
    from tests.support import hostile

    folder = tmp_path / "cache"
    folder.mkdir()
    red = folder / "red.mp4"
    red.write_bytes(clips["red"].read_bytes())
    posing = {kind: folder / f"sub-{kind}.mp4" for kind in _POSING}
    for kind, path in posing.items():
        path.write_text(_POSING[kind], encoding="utf-8")
    posing["dash"] = hostile.dash(folder / "sub-dash.mp4", red)

    probing = window.deck.standby_player.media_player  # the same libvlc, without the demux named
    media = probing.get_instance().media_new_path(str(posing["ffconcat"]))
    probing.set_media(media)
    media.release()
    probing.play()
    qtbot.waitUntil(lambda: probing.get_time() > 300, timeout=8000)  # it plays the other clip
    probing.stop()
    probing.set_media(None)

    deck = window.deck
    frames: list[None] = []
    deck.first_frame.connect(lambda: frames.append(None))
    for kind, path in posing.items():
        with qtbot.waitSignal(deck.error, timeout=5000) as failed:
            deck.show_clip(path)
        assert "playlist" in failed.args[0] or "not an MP4" in failed.args[0], kind
        assert deck.state == PlayerState.ERROR
        assert deck.active_player.media_player.get_media() is None, "VLC was never given the file"
        assert deck.active_player.media_player.has_vout() == 0 and not deck.active_player.has_frame
        assert not close_to(screen_colour(deck), RED)
    assert frames == []


def test_a_link_and_a_pipe_are_refused_without_blocking(
    qtbot: QtBot, window: _Window, clips: dict[str, Path], tmp_path: Path
) -> None:
    link = tmp_path / "link.mp4"
    link.symlink_to(clips["red"])
    pipe = tmp_path / "pipe.mp4"
    os.mkfifo(pipe)
    for path, reason in ((link, "is a link"), (pipe, "not a file")):
        with qtbot.waitSignal(window.deck.error, timeout=3000) as failed:
            window.deck.show_clip(path)
        assert reason in failed.args[0]


@pytest.mark.parametrize("container", ["mov", "3gp", "webm", "mkv"])
def test_every_accepted_container_plays(qtbot: QtBot, window: _Window, tmp_path: Path, container: str) -> None:
    from moderator_app.demo.synth import make_clip

    if container == "mkv":
        source = make_clip(tmp_path / "src.mp4", duration=3.0, width=320, height=240, audio="tone")
        path = tmp_path / "clip.mkv"
        run_ffmpeg(["-y", "-i", str(source), "-c", "copy", str(path)])
    else:
        path = make_clip(tmp_path / f"clip.{container}", duration=3.0, width=320, height=240, container=container)
    with qtbot.waitSignal(window.deck.clip_started, timeout=8000):
        window.deck.show_clip(path)
    assert window.deck.active_player.has_frame
    wait_playing_past(qtbot, window.deck, 300)


def test_pause_and_seek_while_the_clip_is_being_sniffed(qtbot: QtBot, window: _Window, clips: dict[str, Path]) -> None:
    """``load`` returns before the file is read: a pause or a seek asked meanwhile is kept for the clip."""
    player = window.deck.active_player
    player.load(clips["moving"])
    player.pause()
    player.seek(2000)
    qtbot.waitUntil(lambda: player.state == PlayerState.PAUSED and player.has_frame, timeout=6000)
    qtbot.waitUntil(lambda: player.time >= 1900, timeout=3000)
