"""Counts read right in both languages: Qt's %n forms (French numerus entries), never "1 messages" or "(s)"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from moderator_app.spot.advice import Advice
from moderator_app.ui.i18n import install_translators, remove_translators
from moderator_app.ui.spot.advice import advice_text

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def cannot_fill(messages: int) -> Advice:
    return Advice("cannot_fill", 300, 1125, messages, 300, 425, 0, 75, ())


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    assert install_translators(qapp, "fr") == "fr"
    checkout = QTranslator(qapp)  # this checkout's catalogue (an editable install may point elsewhere)
    assert checkout.load(str(ROOT / "resources" / "translations" / "moderator_app_fr.qm"))
    qapp.installTranslator(checkout)
    yield
    remove_translators(qapp)
    QLocale.setDefault(QLocale(QLocale.Language.English))


def test_french_counts_agree(french: None) -> None:
    one, three = advice_text(cannot_fill(1)), advice_text(cannot_fill(3))
    assert one.startswith("Le message dure 12,0") and three.startswith("Les 3 messages durent 12,0")
    assert QCoreApplication.translate("SpotEditorWindow", "Spots planned: %n.", "", 1) == "1 spot composé."
    assert QCoreApplication.translate("SpotEditorWindow", "Spots planned: %n.", "", 2) == "2 spots composés."
    fails = "Not ready for {preset}: rules failed: %n."
    assert "1 règle " in QCoreApplication.translate("ExportReportView", fails, "", 1)
    assert "2 règles " in QCoreApplication.translate("ExportReportView", fails, "", 2)
    assert QCoreApplication.translate("SyncStatus", "Conflicts: %n", "", 1) == "1 conflit"
    assert QCoreApplication.translate("SyncStatus", "Conflicts: %n", "", 4) == "4 conflits"


def test_english_counts_have_no_parenthesised_plurals(qapp: QApplication) -> None:
    for n in (1, 3):
        text = advice_text(cannot_fill(n))
        assert "(s)" not in text and f"Messages placed: {n}," in text
