"""French and English, following the system locale (or ``--lang``).

English has a translation file of its own too: source strings are English, but a count ("%n clip(s)
checked") needs its singular and plural forms, which only a translator's numerus forms give.
"""

from __future__ import annotations

import importlib.resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

SHIPPED = ("en", "fr")


def install_translators(app: QCoreApplication, lang: str | None = None) -> str:
    """Install our and Qt's own translations; return the language in use."""
    locale = QLocale(lang) if lang else QLocale.system()
    code = locale.name().split("_")[0]
    if code not in SHIPPED:
        code = "en"
    QLocale.setDefault(QLocale(code))
    remove_translators(app)
    ours = QTranslator(app)
    qm = importlib.resources.files("moderator_app.resources") / "translations" / f"moderator_app_{code}.qm"
    with importlib.resources.as_file(qm) as path:
        if ours.load(str(path)):
            app.installTranslator(ours)
    if code == "en":
        return code  # Qt's own strings are English already
    qt = QTranslator(app)
    if qt.load(QLocale(code), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    return code


def remove_translators(app: QCoreApplication) -> None:
    for translator in app.findChildren(QTranslator):
        app.removeTranslator(translator)
        translator.deleteLater()
