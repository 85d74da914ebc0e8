"""Counts read right in both languages (Qt %n forms, real translators), findings and limits in words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from moderator_app.qc.thresholds import Thresholds
from moderator_app.ui.i18n import install_translators, remove_translators
from moderator_app.ui.review.checks_panel import ChecksPanel

pytestmark = pytest.mark.gui

CASES = [
    ("MainWindow", "Checks: %n clip(s) checked",
     {"en": ("Checks: 1 clip checked", "Checks: 2 clips checked"),
      "fr": ("Contrôles : 1 vidéo contrôlée", "Contrôles : 2 vidéos contrôlées")}),
    ("MainWindow", "Last sync: %n added",
     {"en": ("Last sync: 1 added", "Last sync: 2 added"),
      "fr": ("Dernière synchro : 1 ajouté", "Dernière synchro : 2 ajoutés")}),
    ("AuditDialog", "%n entries", {"en": ("1 entry", "2 entries"), "fr": ("1 entrée", "2 entrées")}),
    ("StartupPurge", "%n submission(s) purged under the retention rules (clips, names and contacts deleted)",
     {"en": ("1 submission purged", "2 submissions purged"), "fr": ("1 envoi purgé", "2 envois purgés")}),
    ("EraseDialog", "• the record (names, e-mail, phone, message) and %n clip file(s)",
     {"en": ("and 1 clip file", "and 2 clip files"), "fr": ("et 1 fichier vidéo", "et 2 fichiers vidéo")}),
]


@pytest.fixture(params=["en", "fr"])
def lang(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    assert install_translators(qapp, request.param) == request.param
    yield request.param
    remove_translators(qapp)
    QLocale.setDefault(QLocale(QLocale.Language.English))


@pytest.mark.parametrize(("context", "source", "expected"), CASES)
def test_one_and_two(lang: str, context: str, source: str, expected: dict[str, tuple[str, str]]) -> None:
    one, two = (QCoreApplication.translate(context, source, "", n) for n in (1, 2))
    assert expected[lang][0] in one and expected[lang][1] in two
    assert "(s)" not in one + two


def test_findings_and_limits_in_words(qtbot: QtBot, lang: str) -> None:
    panel = ChecksPanel()
    qtbot.addWidget(panel)
    report = {"findings": ["too_bright", "no_face"], "mean_luma": 146.0, "blur_score": 300.0,
              "orientation": "landscape", "duration_s": 12.0,
              "faces": 0, "face_samples": 7, "black_head_s": 0.8, "black_tail_s": 0.0}
    panel.show_report(report, limits=Thresholds(bright_mean_luma=140.0))
    luma, blur = panel.values["mean_luma"], panel.values["blur_score"]
    if lang == "en":
        assert luma.text() == "146 — above 140 (too bright)"
        assert panel.findings.text() == "too bright · no face"
        assert panel.values["orientation"].text() == "landscape"
        assert luma.toolTip() == "too dark below 40 · too bright above 140"
        assert panel.values["faces"].text() == "0 / 7 — below 1 (no face)"
        assert panel.values["black"].text() == "0.80 s / 0.00 s — above 0.50 s (black frames)"
    else:
        assert luma.text() == "146 — au-dessus de 140 (trop clair)"
        assert "no_face" not in panel.findings.text() and "too_bright" not in panel.findings.text()
        assert panel.values["orientation"].text() == "paysage"
    assert luma.property("crossed") is True and "font-weight: bold" in luma.styleSheet()
    assert blur.text() == "300" and blur.property("crossed") is False, "a figure within its limits stays plain"
    # the limit is the campaign's: with the default threshold the same figure is fine
    panel.show_report(report, limits=Thresholds())
    assert panel.values["mean_luma"].text() == "146" and panel.values["mean_luma"].property("crossed") is False
