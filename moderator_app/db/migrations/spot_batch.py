"""Migration 0006: campaign production — where a saved spot came from, and what was rendered of it.

``spots.origin`` tells a spot planned by ``spot auto`` (which re-planning may dissolve while it is still only
planned) from one a producer made in the editor (never touched by re-planning). ``spot_renders`` keeps one
row per spot and preset: the master written, whether it passed its preset, and the saved spot's content
hash at render time, so an edit after rendering makes the spot "planned" again and ``render-all`` redoes it.
"""

SCHEMA = """
ALTER TABLE spots ADD COLUMN origin TEXT NOT NULL DEFAULT 'editor';

CREATE TABLE spot_renders (
    spot_id TEXT NOT NULL REFERENCES spots(id) ON DELETE CASCADE,
    preset TEXT NOT NULL,
    file TEXT NOT NULL,
    passed INTEGER NOT NULL,
    content TEXT NOT NULL,
    failures TEXT NOT NULL DEFAULT '[]',
    rendered_at TEXT NOT NULL,
    PRIMARY KEY (spot_id, preset)
) WITHOUT ROWID;
"""
