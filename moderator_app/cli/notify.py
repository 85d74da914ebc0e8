"""``notify``: tell each sender when their message airs, through the agency's relay or the platform.

``notify --smtp HOST:PORT (--starttls | --tls) --from ADDRESS [--user USER]`` sends e-mail (plain SMTP only to
this machine); the password comes from ``MODERATOR_SMTP_PASSWORD`` or the keyring, never an argument.
``notify --platform URL`` asks the platform to send (token from ``MODERATOR_TOKEN``). ``--dry-run DIR``
writes the ``.eml`` files instead and records nothing. ``notify preview --submission ID --slot SLOT_ID``
prints one message as it would go out. Output names ids and counts, never a person; exit 3 when messages
are deferred or in doubt (run again later), 4 for a broken template or refused relay settings.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from moderator_app.cli.cache import cache
from moderator_app.cli.codes import EXIT_OK, EXIT_PARTIAL
from moderator_app.cli.errors import UsageError
from moderator_app.cli.output import print_json, rows, say, warn
from moderator_app.config import default_moderator
from moderator_app.onair.mail import checked_address
from moderator_app.onair.smtp import RelaySettings, Security, SmtpRelay, parse_host_port
from moderator_app.services.channels import PlatformChannel, SmtpChannel, smtp_password
from moderator_app.services.notify import (
    DEFAULT_RATE,
    DRY_RUN_SENDER,
    NotifyOptions,
    NotifyReport,
    NotifyService,
)
from moderator_app.services.platform import TOKEN_ENV, PlatformClient, token_from_env


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], json_flag: argparse.ArgumentParser
) -> None:
    p = commands.add_parser("notify", parents=[json_flag],
                            help="tell each sender when their message airs (SMTP relay or platform), once")
    via = p.add_mutually_exclusive_group()
    via.add_argument("--smtp", metavar="HOST:PORT", default=None, help="the agency's SMTP relay")
    via.add_argument("--platform", metavar="URL", default=None,
                     help=f"let the platform send (token from {TOKEN_ENV})")
    tls = p.add_mutually_exclusive_group()
    tls.add_argument("--starttls", action="store_true", help="SMTP then STARTTLS (port 587)")
    tls.add_argument("--tls", action="store_true", help="SMTP over TLS (port 465)")
    p.add_argument("--from", dest="sender", metavar="ADDRESS", default=None, help="the sender address")
    p.add_argument("--user", default=None,
                   help="relay login; the password from MODERATOR_SMTP_PASSWORD or the system keyring")
    p.add_argument("--ca-file", type=Path, default=None, metavar="FILE",
                   help="also trust this CA bundle for the relay's certificate")
    p.add_argument("--dry-run", type=Path, default=None, metavar="DIR",
                   help="write one .eml per message into DIR; send and record nothing")
    p.add_argument("--templates", type=Path, default=None, metavar="DIR",
                   help="the campaign's templates (default: <data dir>/templates/notification, else built-in)")
    p.add_argument("--rate", type=float, default=DEFAULT_RATE, metavar="N",
                   help=f"messages per second at most (default {DEFAULT_RATE:g}; 0 = no limit)")
    p.add_argument("--resend-outdated", action="store_true", help="send again where the slot moved since")
    p.add_argument("--resend-in-doubt", action="store_true",
                   help="SMTP: send again what a crash left in doubt (may arrive twice)")
    p.add_argument("--moderator", default=None, help="who runs it (kept in the audit log)")
    p.set_defaults(run=notify)
    actions = p.add_subparsers(dest="notify_command", required=False)
    preview = actions.add_parser("preview", parents=[json_flag], help="print one message as it would go out")
    preview.add_argument("--submission", required=True, metavar="ID")
    preview.add_argument("--slot", required=True, metavar="SLOT_ID")
    preview.add_argument("--from", dest="preview_sender", metavar="ADDRESS", default=None)
    preview.add_argument("--templates", dest="preview_templates", type=Path, default=None, metavar="DIR")
    preview.set_defaults(run=notify_preview)


def _options(args: argparse.Namespace) -> NotifyOptions:
    if args.rate < 0:
        raise UsageError("--rate is 0 (no limit) or more messages per second")
    return NotifyOptions(rate=args.rate, resend_outdated=args.resend_outdated, resend_in_doubt=args.resend_in_doubt)


def notify(args: argparse.Namespace) -> int:
    options = _options(args)
    service = NotifyService(cache(args), args.moderator or default_moderator())
    templates = service.templates(args.templates)  # a broken override stops here, before anything is sent
    if args.dry_run is not None:
        sender = checked_address(args.sender, "sender") if args.sender else DRY_RUN_SENDER
        return _show(service.dry_run(args.dry_run, templates, sender, options), args.json)
    if args.smtp:
        if not args.sender:
            raise UsageError("--smtp needs --from ADDRESS")
        try:
            host, port = parse_host_port(args.smtp)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        security: Security = "starttls" if args.starttls else "tls" if args.tls else "plain"
        password = smtp_password(host, args.user) if args.user else None
        relay = SmtpRelay(RelaySettings(host, port, security, args.user, password, args.ca_file))
        channel: SmtpChannel | PlatformChannel = SmtpChannel(relay, checked_address(args.sender, "sender"),
                                                             templates)
    elif args.platform:
        token = token_from_env()
        if token is None:
            raise UsageError(f"set the platform token in the {TOKEN_ENV} environment variable")
        try:
            client = PlatformClient(args.platform, token)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        channel = PlatformChannel(client)
    else:
        raise UsageError("choose how to send: --smtp HOST:PORT, --platform URL, or --dry-run DIR")
    return _show(service.run(channel, options), args.json)


def _show(report: NotifyReport, as_json: bool) -> int:
    if as_json:
        print_json(report.to_dict())
    else:
        rows("not sent", [(f"{sid} {slot}", reason) for sid, slot, reason in report.failures])
        rows("in doubt", [f"{sid} {slot}" for sid, slot in report.in_doubt_pairs])
        say(f"sent {report.sent}, failed {report.failed}, skipped {report.skipped}, in doubt {report.in_doubt}, "
            f"deferred {report.deferred}" + (f", written {report.written}" if report.written else ""))
        if report.outdated:
            say(f"{report.outdated} sent before their slot moved: --resend-outdated sends them again")
        if report.in_doubt:
            warn("in doubt: a run stopped between sending and recording these; the relay may have them. "
                 "--resend-in-doubt sends them again (they may arrive twice)")
        if report.stopped:
            warn(f"stopped: {report.stopped}")
    return EXIT_PARTIAL if report.partial else EXIT_OK


def notify_preview(args: argparse.Namespace) -> int:
    service = NotifyService(cache(args), default_moderator())
    templates = service.templates(args.preview_templates)
    sender = checked_address(args.preview_sender, "sender") if args.preview_sender else DRY_RUN_SENDER
    try:
        composed = service.preview(templates, args.submission, args.slot, sender)
    except LookupError as exc:
        raise FileNotFoundError(str(exc)) from None
    r = composed.rendered
    if args.json:
        print_json({"subject": r.subject, "language": r.language, "text": r.text, "html": r.html,
                    "ics": composed.ics.decode("utf-8"), "ics_summary": composed.ics_summary,
                    "message_id": composed.email["Message-ID"]})
        return EXIT_OK
    say(f"Subject: {r.subject}")
    say(f"Message-ID: {composed.email['Message-ID']}")
    say(f"Language: {r.language}")
    say("")
    for line in r.text.splitlines():
        say(line)
    say("")
    say("-- HTML --")
    for line in r.html.splitlines():
        say(line)
    say("")
    say(f"-- invitation.ics: {composed.ics_summary}")
    return EXIT_OK
