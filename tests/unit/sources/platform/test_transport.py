"""The token stays secret, TLS is always verified, and the test server leaves nothing running."""

from __future__ import annotations

import logging
import shutil
import ssl
import subprocess
import threading
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from moderator_app.sources.platform.client import (
    AuthError,
    ChecksumError,
    PlatformClient,
    PlatformError,
    TlsError,
    TransientError,
)
from tests.support.platform_server import PlatformServer, make_items

TOKEN = "s3cr3t-Bearer-Token-4f1d9c"


def fast_client(server: PlatformServer, **overrides: Any) -> PlatformClient:
    options: dict[str, Any] = {"timeout": 2.0, "max_retries": 2, "backoff_base_s": 0.01, "backoff_cap_s": 0.05}
    options.update(overrides)
    return PlatformClient(server.url, TOKEN, **options)


def test_token_never_in_logs_or_errors(caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    caplog.set_level(logging.DEBUG)  # httpx and httpcore included
    errors: list[BaseException] = []
    with PlatformServer(make_items(3, clip_size=50_000), token=TOKEN) as srv, fast_client(srv) as client:
        srv.fail_next(1, 500)
        srv.rate_limit_next(1, retry_after=0.05)
        pages = list(client.iter_queued())
        srv.drop_clip_after(10_000, count=1)
        clip = pages[0][0]["clip"]
        client.download_clip(clip["url"], tmp_path / "a.mp4", sha256=clip["sha256"], size=clip["size"])
        client.claim("sub-000001", "ana")
        srv.fail_next(6, 503)
        for call in (lambda: list(client.iter_queued()),
                     lambda: client.download_clip(clip["url"], tmp_path / "b.mp4",
                                                  sha256="0" * 64, size=clip["size"])):
            try:
                call()
            except PlatformError as exc:
                errors.append(exc)
        srv.clear_faults()
        srv.corrupt_clip("sub-000002")
        other = srv.record("sub-000002")["clip"]
        with pytest.raises(ChecksumError) as checksum:
            client.download_clip(other["url"], tmp_path / "c.mp4", sha256=other["sha256"],
                                 size=other["size"])
        errors.append(checksum.value)
        srv.set_token("rotated")
        with pytest.raises(AuthError) as auth:
            client.claim("sub-000001", "ana")
        errors.append(auth.value)
        client_repr = repr(client)
    assert [type(e) for e in errors] == [TransientError, TransientError, ChecksumError, AuthError]
    assert any("retry" in r.getMessage() for r in caplog.records)  # the retries were logged
    assert TOKEN not in caplog.text
    assert all(TOKEN not in str(r.args) for r in caplog.records)
    for exc in errors:
        assert TOKEN not in str(exc) and TOKEN not in repr(exc)
        assert TOKEN not in "".join(traceback.format_exception(exc))
    assert TOKEN not in client_repr


# -- TLS -------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A private CA and a server certificate for 127.0.0.1, made with the openssl CLI."""
    openssl = shutil.which("openssl")
    assert openssl is not None, "the openssl command is needed to make test certificates"
    folder = tmp_path_factory.mktemp("tls")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    def run(*args: str) -> None:
        subprocess.run([openssl, *args], cwd=folder, check=True, capture_output=True)

    run("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Test CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    run("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1")
    (folder / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                                    "extendedKeyUsage=serverAuth\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf")
    return {"ca": folder / "ca.pem", "cert": folder / "server.pem", "key": folder / "server.key"}


@pytest.fixture
def tls_server(tls_files: dict[str, Path]) -> Iterator[PlatformServer]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tls_files["cert"], tls_files["key"])
    with PlatformServer(make_items(2, clip_size=20_000), token=TOKEN, ssl_context=context) as srv:
        yield srv


def test_tls_with_the_campaign_ca_bundle_works(tls_server: PlatformServer, tls_files: dict[str, Path],
                                              tmp_path: Path) -> None:
    assert tls_server.url.startswith("https://")
    with fast_client(tls_server, ca_bundle=tls_files["ca"]) as client:
        records = [r for page in client.iter_queued() for r in page]
        clip = records[0]["clip"]
        client.download_clip(clip["url"], tmp_path / "a.mp4", sha256=clip["sha256"], size=clip["size"])
    assert len(records) == 2
    assert (tmp_path / "a.mp4").stat().st_size == 20_000


def test_untrusted_certificate_fails_at_once(tls_server: PlatformServer) -> None:
    with fast_client(tls_server, max_retries=5) as client, pytest.raises(TlsError):
        list(client.iter_queued())
    assert tls_server.requests == []



def test_untrusted_certificate_on_a_clip_fails_at_once(tls_server: PlatformServer, tmp_path: Path) -> None:
    clip = tls_server.record("sub-000000")["clip"]
    dest = tmp_path / "a.mp4"
    with fast_client(tls_server, max_retries=5) as client, pytest.raises(TlsError):
        client.download_clip(clip["url"], dest, sha256=clip["sha256"], size=clip["size"])
    assert tls_server.requests == []
    assert list(tmp_path.iterdir()) == []


# -- the test server itself ------------------------------------------------------------------------

def test_server_stops_cleanly_with_open_connections(tmp_path: Path) -> None:
    before = set(threading.enumerate())
    with PlatformServer(make_items(2, clip_size=200_000), token=TOKEN) as srv:
        client = fast_client(srv, timeout=5.0)
        list(client.iter_queued())  # leaves an idle keep-alive connection in the client's pool
        srv.trickle_clips(chunk=1000, interval_s=0.5)
        clip = srv.record("sub-000000")["clip"]
        worker = threading.Thread(target=lambda: _swallow(lambda: client.download_clip(
            clip["url"], tmp_path / "a.mp4", sha256=clip["sha256"], size=clip["size"])))
        worker.start()
        time.sleep(0.2)  # the trickling answer is now in flight
        started = time.monotonic()
    stop_s = time.monotonic() - started
    worker.join(10)
    client.close()
    assert stop_s < 2.0
    # every thread the server or the client started has ended (a thread of another test that was
    # already finishing when this one began is given the same few seconds to go)
    for thread in set(threading.enumerate()) - before:
        thread.join(5)
    assert {t for t in threading.enumerate() if t.is_alive()} == {t for t in before if t.is_alive()}


def _swallow(call: Any) -> None:
    try:
        call()
    except PlatformError:
        pass
