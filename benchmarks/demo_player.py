"""Open a PlayerDeck + PlayerControls on a clip (or a generated test pattern) to look at it.

    /work/shared/tools/shot out.png 4 /work/venv/bin/python benchmarks/demo_player.py [CLIP]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from moderator_app.base.ffmpeg import run_ffmpeg
from moderator_app.player.controls import PlayerControls
from moderator_app.player.deck import PlayerDeck


def main() -> None:
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory(prefix="demo-player-") as tmp:
        if len(sys.argv) > 1:
            clip = Path(sys.argv[1])
        else:
            clip = Path(tmp) / "pattern.mp4"
            run_ffmpeg(["-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=20",
                        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(clip)])
        window = QWidget()
        window.setWindowTitle("player demo")
        deck = PlayerDeck(window)
        controls = PlayerControls(deck, window)
        layout = QVBoxLayout(window)
        layout.addWidget(deck, 1)
        layout.addWidget(controls)
        window.resize(720, 480)
        window.show()
        deck.error.connect(lambda message: print("error:", message, file=sys.stderr))
        deck.show_clip(clip)
        deck.set_rate(1.5)
        app.exec()
        deck.release()


if __name__ == "__main__":
    main()
