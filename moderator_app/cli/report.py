"""``report``: where the campaign stands — the dashboard's figures for a terminal or a script.

Counts, moderator names, days, hours and country codes only: nothing about the people who sent messages.
The JSON is ``CampaignReport.to_dict()`` (services/report.py), the same figures the window shows.
"""

from __future__ import annotations

import argparse

from moderator_app.cli.cache import cache
from moderator_app.cli.codes import EXIT_OK
from moderator_app.cli.output import print_json, say
from moderator_app.services.report import CampaignReport, report

FUNNEL: tuple[tuple[str, str], ...] = (
    ("received", "received"),
    ("erased", "erased"),
    ("quarantined", "quarantined"),
    ("screened", "screened"),
    ("approved", "approved"),
    ("rejected", "rejected"),
    ("pending", "to review"),
    ("in_spots", "in spots"),
    ("rendered", "rendered"),
    ("scheduled", "scheduled"),
    ("aired", "aired"),
    ("notified", "notified"),
    ("failed", "notify failed"),
    ("in_doubt", "in doubt"),
    ("deferred", "deferred"),
    ("outdated", "outdated"),
)
"""(key, text label) in the order a campaign moves through them."""


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], json_flag: argparse.ArgumentParser
) -> None:
    p = commands.add_parser("report", parents=[json_flag],
                            help="where the campaign stands: screened, approved, in spots, aired, notified")
    p.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    figures = report(cache(args))
    if args.json:
        print_json(figures.to_dict())
    else:
        for line in text_lines(figures):
            say(line)
    return EXIT_OK


def _pairs(values: dict[str, int]) -> str:
    return "  ".join(f"{key} {n}" for key, n in values.items())


def text_lines(figures: CampaignReport) -> list[str]:
    """The report as a readable table: the funnel, then spots, slots, countries and moderators."""
    lines = [f"campaign report as of {figures.as_of}", ""]
    width = max(len(f"{getattr(figures, key):,}") for key, _ in FUNNEL)
    lines += [f"  {label:<14} {getattr(figures, key):>{width},}" for key, label in FUNNEL]
    lines += ["", f"spots          {_pairs(figures.spots)}", f"air slots      {_pairs(figures.slots)}"]
    lines += ["", "approved by country"]
    lines += [f"  {country:<14} {n:>{width},}" for country, n in figures.approved_by_country.items()] or ["  (none)"]
    lines += ["", "decisions per moderator per day (UTC)"]
    if figures.decisions_per_day:
        name_w = max(len("moderator"), *(len(d.moderator) for d in figures.decisions_per_day))
        lines.append(f"  {'day':<10}  {'moderator':<{name_w}}  {'approved':>8}  {'rejected':>8}  {'total':>8}")
        lines += [f"  {d.day:<10}  {d.moderator:<{name_w}}  {d.approved:>8,}  {d.rejected:>8,}  {d.total:>8,}"
                  for d in figures.decisions_per_day]
    else:
        lines.append("  (none)")
    return lines
