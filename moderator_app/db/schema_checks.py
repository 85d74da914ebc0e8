"""Migration 0003: automatic clip checks (findings and figures per clip)."""

SCHEMA = """
CREATE TABLE qc_reports (
    submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
    checked_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    report TEXT NOT NULL
);
"""
