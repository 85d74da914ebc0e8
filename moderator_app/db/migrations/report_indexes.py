"""Migration 0014: the indexes the campaign dashboard's decision counts read (db/report.py).

Decisions per moderator per hour were a scan of every decision row, notes included, plus a second scan
for the undone ones: 50 ms at 30,000 decisions, growing with the campaign. ``decisions_hourly`` holds
the fresh decisions (undo entries are not a moderator's verdict) already in group order, keyed by the
hour expression the query groups by; ``decisions_undone`` lists the few undo entries. Measured on the
100,000-submission benchmark cache: 36 ms -> 4.5 ms.
"""

SCHEMA = """
CREATE INDEX decisions_hourly ON decisions(moderator, substr(decided_at, 1, 13), decision) WHERE undoes IS NULL;
CREATE INDEX decisions_undone ON decisions(undoes) WHERE undoes IS NOT NULL;
"""
