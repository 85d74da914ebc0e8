"""Automatic clip checks (no Qt): probe, one decode pass for picture and sound figures, findings,
near-duplicate fingerprints. Entry points: check_file, run_many, duplicate_of."""

from moderator_app.qc.batch import run_many
from moderator_app.qc.check import check_file
from moderator_app.qc.findings import FINDING_CODES
from moderator_app.qc.fingerprint import Fingerprint, distance, duplicate_of, group_duplicates
from moderator_app.qc.report import QcReport
from moderator_app.qc.sound import SoundStats, measure_file
from moderator_app.qc.thresholds import Thresholds

__all__ = [
    "FINDING_CODES",
    "Fingerprint",
    "QcReport",
    "SoundStats",
    "Thresholds",
    "check_file",
    "distance",
    "duplicate_of",
    "group_duplicates",
    "measure_file",
    "run_many",
]
