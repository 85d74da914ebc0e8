"""Migration 0003: automatic clip checks — one report per clip, its findings indexed for filtering."""

SCHEMA = """
CREATE TABLE qc_reports (
    submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
    checked_at TEXT NOT NULL,
    findings TEXT NOT NULL DEFAULT '',
    duplicate_of TEXT,
    report TEXT NOT NULL
);
CREATE INDEX qc_reports_findings ON qc_reports(findings);

CREATE TABLE submission_findings (
    submission_id TEXT NOT NULL REFERENCES submissions(id),
    code TEXT NOT NULL,
    PRIMARY KEY (code, submission_id)
) WITHOUT ROWID;

CREATE TABLE campaign_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""
