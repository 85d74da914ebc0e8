"""About (F1): the version, the app's licence and the notices of everything the ready-to-run folder carries.

The LGPL and GPL parts (Qt, libVLC, VLC's plugins, FFmpeg) ask that a user can see their licences from the
program itself; the notice shown here is ``resources/licenses/THIRD-PARTY.md``, the full texts sit beside it
and, in a bundle, in the folder's ``licenses/`` directory with every part's own notice.
"""

from __future__ import annotations

import importlib.resources
import platform
import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from moderator_app import __version__
from moderator_app.base.frozen import bundle_dir

NOTICE = "THIRD-PARTY.md"


def notice_text() -> str:
    """The third-party notice, from the installed resources or, in a checkout, from resources/licenses."""
    packaged = importlib.resources.files("moderator_app.resources") / "licenses" / NOTICE
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parents[2] / "resources" / "licenses" / NOTICE
    return checkout.read_text(encoding="utf-8") if checkout.is_file() else ""


def notices_folder() -> Path:
    """Where the full notices are: the bundle's licenses/ folder, else the checkout's resources/licenses."""
    folder = bundle_dir()
    if folder is not None:
        return folder.parent / "licenses"
    return Path(__file__).resolve().parents[2] / "resources" / "licenses"


def libvlc_version() -> str:
    try:
        import vlc

        return bytes(vlc.libvlc_get_version()).decode("utf-8", "replace")
    except (ImportError, OSError, AttributeError):
        return "?"


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About moderator-app"))
        self.resize(760, 620)
        layout = QVBoxLayout(self)
        self.heading = QLabel(f"<h2>moderator-app {__version__}</h2>", self)
        layout.addWidget(self.heading)
        self.licence = QLabel(self.tr(
            "Free software under the GNU General Public License, version 3 or later. It comes with no warranty."
        ), self)
        self.licence.setWordWrap(True)
        layout.addWidget(self.licence)
        self.versions = QLabel(self.tr("Python {python} · Qt {qt} · PySide6 {pyside} · libVLC {vlc}").format(
            python=platform.python_version(), qt=qVersion(), pyside=pyside_version, vlc=libvlc_version()), self)
        self.versions.setObjectName("aboutVersions")
        layout.addWidget(self.versions)
        self.where = QLabel(self.tr("Full licence texts and every part's notice: {folder}").format(
            folder=notices_folder()), self)
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where)
        self.notices = QTextBrowser(self)
        self.notices.setObjectName("aboutNotices")
        self.notices.setOpenExternalLinks(False)
        text = notice_text()
        if text:
            self.notices.setMarkdown(text)
        else:
            self.notices.setPlainText(self.tr("The licence notices are missing from this installation."))
        layout.addWidget(self.notices, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_about(parent: QWidget | None = None) -> AboutDialog:
    """Open the About dialog (modeless, so the clip keeps playing behind it) and return it."""
    dialog = AboutDialog(parent)
    dialog.setModal(False)
    dialog.show()
    dialog.raise_()
    return dialog


if __name__ == "__main__":  # pragma: no cover - a look at the dialog: python -m moderator_app.ui.about
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    show_about().finished.connect(app.quit)
    sys.exit(app.exec())
