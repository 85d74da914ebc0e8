"""The audit log's details in words for the table ("Approved · Poor image · with a note"); the CSV keeps codes.

Flag codes become the campaign's labels in the UI language; keys the table has no words for stay
``key=value`` (services/audit.details_text), so nothing recorded is ever hidden.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from moderator_app.services.audit import details_text


def decision_words() -> dict[str, str]:
    return {
        "approved": QCoreApplication.translate("Audit", "Approved"),
        "rejected": QCoreApplication.translate("Audit", "Rejected"),
        "queued": QCoreApplication.translate("Audit", "Back to review"),
    }


def details_words(details: Mapping[str, Any], flag_labels: Mapping[str, str]) -> str:
    rest = dict(details)
    parts: list[str] = []
    if "decision" in rest:
        code = str(rest.pop("decision"))
        parts.append(decision_words().get(code, code))
    flags = rest.pop("flags", None)
    if isinstance(flags, list | tuple) and flags:
        parts.append(", ".join(flag_labels.get(str(c), str(c)) for c in flags))
    if rest.pop("has_note", False):
        parts.append(QCoreApplication.translate("Audit", "with a note"))
    if "undoes" in rest:
        parts.append(QCoreApplication.translate("Audit", "undoes entry {seq}").format(seq=rest.pop("undoes")))
    rest.pop("decision_seq", None)  # the decision it belongs to sits beside it in the table
    if rest:
        parts.append(details_text(rest))
    return " · ".join(parts)
