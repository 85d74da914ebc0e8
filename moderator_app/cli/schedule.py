"""``schedule …``: the media plan and which spot airs in which slot, from the command line.

``schedule import PLAN`` reads the agency's CSV or ``.xlsx`` and upserts its slots (a bad plan: exit 4,
every bad row on stderr, nothing imported); ``schedule list`` shows every slot in air order with its spot
and state; ``schedule assign --auto`` fills the open slots fairly, ``schedule assign --spot ID --slot SLOT``
puts one spot on one slot (or refuses, naming the rule). Output carries ids, channels and times: a plan
holds no personal data.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from moderator_app.cli.cache import cache
from moderator_app.cli.codes import EXIT_OK
from moderator_app.cli.errors import Refused, UsageError
from moderator_app.cli.output import print_json, say, warn
from moderator_app.onair.zones import local_iso
from moderator_app.services.errors import PlanRefused
from moderator_app.services.schedule import ScheduleService, SlotView


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], json_flag: argparse.ArgumentParser
) -> None:
    family = commands.add_parser("schedule", help="import the media plan and put spots on its air slots")
    actions = family.add_subparsers(dest="schedule_command", required=True)
    p = actions.add_parser("import", parents=[json_flag],
                           help="import a media plan (CSV or .xlsx); a bad plan is refused whole (exit 4)")
    p.add_argument("plan", type=Path, metavar="PLAN", help="the agency's plan: PLAN.csv or PLAN.xlsx")
    p.set_defaults(run=schedule_import)
    p = actions.add_parser("list", parents=[json_flag], help="every air slot in air order, with its spot and state")
    p.set_defaults(run=schedule_list)
    p = actions.add_parser("assign", parents=[json_flag],
                           help="fill the open slots (--auto) or put one spot on one slot (--spot, --slot)")
    p.add_argument("--auto", action="store_true", help="fill every open slot so each spot airs once before twice")
    p.add_argument("--spot", default=None, metavar="ID", help="the saved spot to put on --slot")
    p.add_argument("--slot", default=None, metavar="SLOT_ID", help="the air slot")
    p.add_argument("--none", action="store_true", help="with --slot: take the spot off the slot")
    p.set_defaults(run=schedule_assign)


def schedule_import(args: argparse.Namespace) -> int:
    if not args.plan.exists():
        raise FileNotFoundError(f"no such file: {args.plan}")
    service = ScheduleService(cache(args))
    try:
        summary = service.import_plan(args.plan)
    except PlanRefused as exc:
        if args.json:  # a script reads the bad rows from stdout; the exit code and stderr say refused
            print_json({"imported": False, "bad_rows": exc.to_list(), "more": exc.more})
        raise
    except (PermissionError, IsADirectoryError) as exc:
        raise Refused(f"cannot read {args.plan.name}: {exc.strerror}") from None
    if args.json:
        print_json({"imported": True, **summary.to_dict()})
        return EXIT_OK
    say(f"{summary.added} added, {summary.updated} updated, {summary.unchanged} unchanged")
    if summary.outdated:
        say(f"{summary.outdated} notification(s) already sent announced another time: marked outdated")
    if summary.absent:
        warn(f"{len(summary.absent)} slot(s) in the cache are not in this plan (kept): {', '.join(summary.absent[:20])}"
             + (" …" if len(summary.absent) > 20 else ""))
    return EXIT_OK


def slot_dict(view: SlotView) -> dict[str, object]:
    """The contract's keys (issue 13) first, then the state the view shows."""
    return {
        "slot_id": view.slot_id, "country": view.country, "channel": view.channel, "programme": view.programme,
        "air_at": view.air_at, "local_time": local_iso(view.air_at, view.timezone), "timezone": view.timezone,
        "length_s": view.length_s, "spot_id": view.spot_id, "state": view.state,
        "conflict_reason": view.conflict_reason,
    }


def schedule_list(args: argparse.Namespace) -> int:
    views = ScheduleService(cache(args)).slots()
    if args.json:
        print_json([slot_dict(v) for v in views])
        return EXIT_OK
    for v in views:
        say(f"{v.air_date} {v.local_time[:5]} {v.timezone:<18} {v.slot_id:<20} {v.country} {v.length_s:>2}s "
            f"{v.channel[:24]:<24} {v.spot_id or '-':<16} {v.state}"
            + (f" ({v.conflict_reason})" if v.conflict_reason else ""))
    say(f"{len(views)} slot(s), {sum(1 for v in views if v.spot_id is None)} empty")
    return EXIT_OK


def schedule_assign(args: argparse.Namespace) -> int:
    service = ScheduleService(cache(args))
    if args.auto:
        if args.spot is not None or args.slot is not None or args.none:
            raise UsageError("--auto fills every open slot: give it alone")
        changed = service.assign_auto()
        if args.json:
            print_json({"assigned": changed})
        else:
            for slot_id, spot_id in changed.items():
                say(f"{slot_id:<24} {spot_id or '- (no spot fits)'}")
            say(f"{len(changed)} slot(s) changed")
        return EXIT_OK
    if args.slot is None or (args.spot is None) == (not args.none):
        raise UsageError("give --auto, or --slot SLOT_ID with --spot ID (or --none to empty it)")
    if args.none:
        service.unassign(args.slot)
    else:
        service.assign(args.spot, args.slot)
    if args.json:
        print_json({"slot_id": args.slot, "spot_id": args.spot})
    else:
        say(f"{args.slot}: {args.spot or 'no spot'}")
    return EXIT_OK
