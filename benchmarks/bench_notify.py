"""Notify 1,000 senders through a loopback SMTP relay (aiosmtpd), rate limit off: messages a second.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_notify.py [SENDERS] [RUNS]

Each run builds a fresh cache (SENDERS submissions in spots of 3, one air slot per spot, languages fr/ar/en
in turn), starts a fresh relay on 127.0.0.1 and times ``NotifyService.run`` end to end: the journal's two
committed writes per message, rendering (Jinja2 sandbox, Babel), the .ics, the MIME message and the SMTP
transaction on one reused connection. Prints each run, then the median and the spread (target >= 50/s).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from moderator_app.db.cache import Cache
from moderator_app.onair.message import Templates
from moderator_app.onair.smtp import RelaySettings, SmtpRelay
from moderator_app.services.channels import SmtpChannel
from moderator_app.services.notify import NotifyOptions, NotifyService
from tests.support.onair import Person, add_slot, add_spot, add_submission
from tests.support.smtp_server import SmtpServer

LANGUAGES = ("fr", "ar", "en")


def build(folder: Path, senders: int) -> Cache:
    cache = Cache(folder)
    ids = [f"sub-{i:06d}" for i in range(senders)]
    for i, sid in enumerate(ids):
        add_submission(cache, Person(sid, f"Prénom{i}", f"sender{i}@example.org", language=LANGUAGES[i % 3]))
    for n, start in enumerate(range(0, senders, 3)):
        add_spot(cache, f"spot-{n}", ids[start:start + 3])
        add_slot(cache, f"SLOT-{n}", f"spot-{n}", air_time=f"{12 + n % 10}:{n % 60:02d}")
    return cache


def one_run(senders: int) -> float:
    with tempfile.TemporaryDirectory() as tmp, SmtpServer() as relay:
        cache = build(Path(tmp) / "data", senders)
        service = NotifyService(cache, "bench")
        channel = SmtpChannel(SmtpRelay(RelaySettings("127.0.0.1", relay.port, "plain")),
                              "notifications@agency.example", Templates())
        started = time.perf_counter()
        report = service.run(channel, NotifyOptions(rate=0))
        elapsed = time.perf_counter() - started
        assert report.sent == senders and len(relay.received) == senders, report
        cache.close()
        return senders / elapsed


def main() -> None:
    senders = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    rates = []
    for n in range(runs):
        rate = one_run(senders)
        rates.append(rate)
        print(f"run {n + 1}: {senders} messages, {rate:.1f} messages/s")
    spread = (max(rates) - min(rates)) if len(rates) > 1 else 0.0
    print(f"median {statistics.median(rates):.1f} messages/s over {runs} runs "
          f"(min {min(rates):.1f}, max {max(rates):.1f}, spread {spread:.1f}); target >= 50")


if __name__ == "__main__":
    main()
