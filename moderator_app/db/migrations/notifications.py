"""Migration 0012: one row per (submission, air slot) notification, the journal that makes sending exactly-once.

The row is written in state ``sending`` before the relay or the platform is called and becomes ``sent`` once
it accepted; a row still ``sending`` when a run starts was interrupted between the two and is "in doubt"
(reported, not re-sent blindly). ``air_at`` is the slot's instant the message announced: when the plan moves
the slot, sent rows become ``outdated``. ``message_id`` is stable per (submission, slot): the e-mail's
Message-ID and the platform's idempotency key. No personal data here: the address is read at send time.
States: sending, sent, deferred (4xx, retried later), failed (5xx, with the server's reason), outdated.
"""

SCHEMA = """
CREATE TABLE notifications (
    submission_id TEXT NOT NULL,
    slot_id TEXT NOT NULL REFERENCES air_slots(slot_id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    message_id TEXT NOT NULL,
    air_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'deferred', 'failed', 'outdated')),
    attempts INTEGER NOT NULL DEFAULT 0,
    reason TEXT,
    recorded_at TEXT NOT NULL,
    sent_at TEXT,
    PRIMARY KEY (submission_id, slot_id)
) WITHOUT ROWID;
CREATE INDEX notifications_state ON notifications(state);
CREATE INDEX notifications_slot ON notifications(slot_id);
"""
