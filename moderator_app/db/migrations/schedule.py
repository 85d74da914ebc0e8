"""Migration 0011: the media plan's air slots, and which saved spot each one carries.

A slot keeps its local wall-clock time and IANA zone as the plan gave them, and the UTC instant they name
(``air_at``), computed once at import: the notification, the ``.ics`` and "aired" all read the same instant.
``spot_content`` is the spot's content hash when it was put on the slot, so a spot edited afterwards is
marked rather than silently airing something else than what was scheduled.
"""

SCHEMA = """
CREATE TABLE air_slots (
    slot_id TEXT PRIMARY KEY,
    country TEXT NOT NULL,
    channel TEXT NOT NULL,
    programme TEXT,
    air_date TEXT NOT NULL,
    air_time TEXT NOT NULL,
    timezone TEXT NOT NULL,
    air_at TEXT NOT NULL,
    length_s INTEGER NOT NULL,
    spot_id TEXT REFERENCES spots(id) ON DELETE SET NULL,
    spot_content TEXT,
    assigned_at TEXT,
    imported_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX air_slots_air_at ON air_slots(air_at);
CREATE INDEX air_slots_spot ON air_slots(spot_id);
"""
