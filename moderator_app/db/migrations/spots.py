"""Migration 0005: spots kept between sessions, so a clip that later loses its approval or consent marks them.

The template and placements are JSON (the spot core's data, versioned by the core, not by SQL); the placed
submission ids are also kept one per row in ``spot_clips`` so "which spots use this clip" is an index lookup.
"""

SCHEMA = """
CREATE TABLE spots (
    id TEXT PRIMARY KEY,
    template TEXT NOT NULL,
    placements TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE spot_clips (
    spot_id TEXT NOT NULL REFERENCES spots(id) ON DELETE CASCADE,
    slot INTEGER NOT NULL,
    submission_id TEXT NOT NULL,
    PRIMARY KEY (spot_id, slot)
) WITHOUT ROWID;
CREATE INDEX spot_clips_submission ON spot_clips(submission_id);
"""
