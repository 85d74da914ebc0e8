"""The platform client's queue calls against the real test server: paging, claims, decisions, retries."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from moderator_app.sources.platform.client import (
    AuthError,
    PlatformClient,
    ProtocolError,
    RequestRejected,
    TransientError,
)
from tests.support.platform_server import PlatformServer, make_items

TOKEN = "tok-api-7f3c"


def fast_client(server: PlatformServer, **overrides: Any) -> PlatformClient:
    options: dict[str, Any] = {"timeout": 2.0, "max_retries": 4, "backoff_base_s": 0.01, "backoff_cap_s": 0.05}
    options.update(overrides)
    return PlatformClient(server.url, TOKEN, **options)


@pytest.fixture
def server() -> Iterator[PlatformServer]:
    with PlatformServer(make_items(5, clip_size=1024), token=TOKEN) as srv:
        yield srv


def listing_requests(server: PlatformServer) -> list[Any]:
    return [r for r in server.requests if r.path == "/v1/submissions"]


def decision(key: str, value: str = "approved", moderator: str = "ana") -> dict[str, Any]:
    return {"decision": value, "flags": [], "note": "", "moderator": moderator,
            "decided_at": "2020-04-03T10:00:00Z", "idempotency_key": key}


# -- paging ---------------------------------------------------------------------------------------

def test_pages_through_1200_items_with_limit_500() -> None:
    with PlatformServer(make_items(1200, clip_size=64, distinct_clips=3), token=TOKEN) as srv, \
            fast_client(srv) as client:
        pages = list(client.iter_queued(limit=500))
        seen = listing_requests(srv)
    assert [len(p) for p in pages] == [500, 500, 200]
    ids = [record["id"] for page in pages for record in page]
    assert ids == [f"sub-{i:06d}" for i in range(1200)]
    assert "after=" not in seen[0].query
    assert all("after=" in r.query and "limit=500" in r.query for r in seen[1:])
    assert pages[0][0]["clip"]["url"].startswith(srv.url + "/clips/")


def test_listed_records_pass_the_http_contract_validation() -> None:
    from moderator_app.sources.record import parse_record

    with PlatformServer(make_items(20, clip_size=64), token=TOKEN) as srv, fast_client(srv) as client:
        records = [r for page in client.iter_queued(limit=7) for r in page]
    parsed = [parse_record(r, contract="http") for r in records]
    assert [s.id for s in parsed] == [r["id"] for r in records]
    assert all(s.clip_url and s.clip_size == 64 for s in parsed)


def test_decided_items_leave_the_queued_listing_even_between_pages(server: PlatformServer) -> None:
    with fast_client(server) as client:
        pages = client.iter_queued(limit=2)
        first = next(pages)
        server.decide_as("sub-000003", "rejected", "bob")
        rest = [r["id"] for page in pages for r in page]
        again = [r["id"] for page in client.iter_queued() for r in page]
    assert [r["id"] for r in first] == ["sub-000000", "sub-000001"]
    assert rest == ["sub-000002", "sub-000004"]
    assert again == ["sub-000000", "sub-000001", "sub-000002", "sub-000004"]


def test_wrong_shape_is_a_protocol_error(server: PlatformServer) -> None:
    server.fail_next(1, status=200, path="/v1/submissions")  # a 200 whose body has no "items"
    with fast_client(server) as client, pytest.raises(ProtocolError, match="items"):
        list(client.iter_queued())


def test_limit_outside_the_contract_is_refused_before_any_request(server: PlatformServer) -> None:
    with fast_client(server) as client, pytest.raises(ValueError):
        list(client.iter_queued(limit=501))
    assert server.requests == []


# -- retries ----------------------------------------------------------------------------------------

def test_500s_then_success_is_retried(server: PlatformServer) -> None:
    server.fail_next(2, status=500)
    with fast_client(server) as client:
        records = [r for page in client.iter_queued() for r in page]
    assert len(records) == 5
    assert [r.status for r in listing_requests(server)] == [500, 500, 200]


def test_persistent_503_ends_in_transient_error_after_max_retries(server: PlatformServer) -> None:
    server.fail_next(10, status=503)
    with fast_client(server, max_retries=2) as client, pytest.raises(TransientError, match="503"):
        list(client.iter_queued())
    assert len(listing_requests(server)) == 3


def test_429_waits_for_retry_after(server: PlatformServer) -> None:
    server.rate_limit_next(1, retry_after=1)
    with fast_client(server) as client:
        started = time.monotonic()
        records = [r for page in client.iter_queued() for r in page]
        waited = time.monotonic() - started
    assert len(records) == 5
    assert [r.status for r in listing_requests(server)] == [429, 200]
    assert 0.95 <= waited < 2.5


def test_429_asking_for_too_long_gives_the_wait_to_the_caller(server: PlatformServer) -> None:
    server.rate_limit_next(1, retry_after=600)
    with fast_client(server, max_retry_after_s=60) as client, pytest.raises(TransientError) as caught:
        list(client.iter_queued())
    assert caught.value.retry_after == 600
    assert len(listing_requests(server)) == 1


def test_slow_answer_times_out_and_is_retried() -> None:
    with PlatformServer(make_items(5, clip_size=64), token=TOKEN) as srv:
        srv.delay_next(1, 3.0, path="/v1/submissions")
        with fast_client(srv, timeout=0.3) as client:
            started = time.monotonic()
            records = [r for page in client.iter_queued() for r in page]
            elapsed = time.monotonic() - started
    # the slow answer is logged when the stopping server wakes it; by then the client had moved on
    assert len(records) == 5
    assert elapsed < 2.5  # well under the 3 s the slow answer would take
    assert len(listing_requests(srv)) == 2


def test_401_raises_auth_error_at_once_without_retry(server: PlatformServer) -> None:
    server.set_token("rotated")
    with fast_client(server, backoff_base_s=1.0) as client, pytest.raises(AuthError):
        list(client.iter_queued())
    assert [r.status for r in listing_requests(server)] == [401]


# -- claims ------------------------------------------------------------------------------------------

def test_claim_renew_and_release(server: PlatformServer) -> None:
    with fast_client(server) as client:
        first = client.claim("sub-000001", "ana", lease_s=60)
        renewed = client.claim("sub-000001", "ana", lease_s=120)
        assert server.lease("sub-000001")[0] == "ana"
        client.release("sub-000001", "ana")
    assert first.ok and first.lease_until is not None and first.claimed_by is None
    assert renewed.ok and renewed.lease_until is not None and renewed.lease_until >= first.lease_until
    assert server.lease("sub-000001")[0] is None


def test_claim_held_by_another_moderator_is_409_with_who(server: PlatformServer) -> None:
    server.hold_claim("sub-000002", "bob", lease_s=300)
    with fast_client(server) as client:
        result = client.claim("sub-000002", "ana")
    assert not result.ok
    assert result.claimed_by == "bob"
    assert server.lease("sub-000002")[0] == "bob"


def test_expired_lease_can_be_taken_over(server: PlatformServer) -> None:
    server.hold_claim("sub-000002", "bob", lease_s=-1)
    with fast_client(server) as client:
        assert client.claim("sub-000002", "ana").ok
    assert server.lease("sub-000002")[0] == "ana"


def test_claim_of_a_decided_submission_reports_the_decision(server: PlatformServer) -> None:
    server.decide_as("sub-000000", "rejected", "bob")
    with fast_client(server) as client:
        result = client.claim("sub-000000", "ana")
    assert not result.ok and result.decision is not None
    assert result.decision["moderator"] == "bob"


def test_unknown_id_is_rejected_and_unsafe_id_never_sent(server: PlatformServer) -> None:
    with fast_client(server) as client:
        with pytest.raises(RequestRejected) as caught:
            client.claim("sub-999999", "ana")
        with pytest.raises(ValueError):
            client.claim("../v1/submissions", "ana")
    assert caught.value.status == 404 and caught.value.error == "not_found"
    assert [r.path for r in server.requests] == ["/v1/submissions/sub-999999/claim"]


# -- decisions ---------------------------------------------------------------------------------------

def test_same_idempotency_key_twice_records_one_decision(server: PlatformServer) -> None:
    with fast_client(server) as client:
        first = client.post_decision("sub-000001", decision("key-1"))
        again = client.post_decision("sub-000001", decision("key-1"))
    assert first.ok and again.ok
    assert again.decision == first.decision
    assert [(d["id"], d["decision"]) for d in server.decisions] == [("sub-000001", "approved")]


def test_decision_retried_after_a_500_is_recorded_once(server: PlatformServer) -> None:
    server.fail_next(1, status=502, path="/v1/submissions/sub-000002/decision")
    with fast_client(server) as client:
        result = client.post_decision("sub-000002", decision("key-2", "rejected"))
    assert result.ok and result.decision["decision"] == "rejected"
    assert len(server.decisions) == 1


def test_conflicting_decision_carries_the_other_one(server: PlatformServer) -> None:
    with fast_client(server) as client:
        assert client.post_decision("sub-000003", decision("bob-key", "rejected", "bob")).ok
        result = client.post_decision("sub-000003", decision("ana-key", "approved", "ana"))
    assert not result.ok
    assert result.decision["moderator"] == "bob"
    assert result.decision["decision"] == "rejected"
    assert [d["moderator"] for d in server.decisions] == ["bob"]


def test_decision_without_idempotency_key_is_refused_locally(server: PlatformServer) -> None:
    payload = decision("x")
    del payload["idempotency_key"]
    with fast_client(server) as client, pytest.raises(ValueError):
        client.post_decision("sub-000001", payload)
    assert server.requests == []
