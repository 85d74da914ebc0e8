"""The platform token: system keyring when there is one, this session's memory otherwise, never a file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest

from moderator_app.db.cache import Cache
from moderator_app.services.accounts import (
    KEYRING_SERVICE,
    TokenStore,
    keyring_usable,
    load_url,
    save_url,
    token_from_env,
    url_problem,
)
from tests.support.memory_keyring import MemoryKeyring, installed_memory_keyring


@pytest.fixture
def ring() -> Iterator[MemoryKeyring]:
    with installed_memory_keyring() as backend:
        yield backend


def test_token_goes_to_the_keyring(ring: MemoryKeyring) -> None:
    store = TokenStore()
    assert keyring_usable() and store.persistent
    assert store.set("https://p.example.org", "tok-1") is True
    assert ring.secrets == {(KEYRING_SERVICE, "https://p.example.org"): "tok-1"}
    assert TokenStore().get("https://p.example.org") == "tok-1"  # survives a restart
    store.delete("https://p.example.org")
    assert TokenStore().get("https://p.example.org") is None


def test_without_a_keyring_the_token_lives_in_memory_only(ring: MemoryKeyring) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    store = TokenStore()
    assert not keyring_usable() and not store.persistent
    assert store.set("https://p.example.org", "tok-2") is False
    assert store.get("https://p.example.org") == "tok-2"
    assert TokenStore().get("https://p.example.org") is None  # a new session starts without it


def test_url_is_a_setting_in_the_cache_and_the_cli_token_comes_from_the_environment(
    cache: Cache, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_url(cache.db, " https://p.example.org ")
    assert load_url(cache.db) == "https://p.example.org"
    monkeypatch.setenv("MODERATOR_TOKEN", " tok-env ")
    assert token_from_env() == "tok-env"
    monkeypatch.setenv("MODERATOR_TOKEN", "")
    assert token_from_env() is None


# -- an address with credentials in it (issue 15, item 10) ------------------------------------------

SECRET_URLS = [
    ("https://ana:hunter2-pw@p.example.org/", "user name or password"),
    ("https://tok-in-userinfo@p.example.org", "user name or password"),
    ("https://p.example.org/api?token=tok-q-secret", "query string"),
    ("https://p.example.org/?", None),  # an empty query is harmless
    ("https://p.example.org/#tok-frag-secret", "fragment"),
]


@pytest.mark.parametrize(("url", "why"), [u for u in SECRET_URLS if u[1] is not None])
def test_an_address_with_credentials_is_refused_and_never_echoed(cache: Cache, url: str, why: str) -> None:
    problem = url_problem(url)
    assert problem is not None and why in problem
    assert not any(secret in problem for secret in ("hunter2", "tok-", "ana:"))
    with pytest.raises(ValueError, match=why):
        save_url(cache.db, url)
    assert load_url(cache.db) is None
    assert cache.db.execute("SELECT count(*) FROM sync_state WHERE value LIKE '%hunter2%'").fetchone()[0] == 0


def test_a_plain_address_is_accepted() -> None:
    assert url_problem("https://p.example.org/api/") is None
    assert url_problem("http://127.0.0.1:8080") is None
    assert url_problem("http://p.example.org") is not None  # plain http only on this machine


def test_an_address_stored_with_credentials_by_an_older_version_is_cleared(
    cache: Cache, caplog: pytest.LogCaptureFixture
) -> None:
    from moderator_app.db import platform as pdb

    pdb.state_set(cache.db, "platform_url", "https://ana:hunter2-pw@p.example.org/?token=tok-old")
    assert load_url(cache.db) is None
    assert pdb.state_get(cache.db, "platform_url") == ""
    assert "hunter2" not in caplog.text and "tok-old" not in caplog.text


def test_sync_server_with_credentials_is_refused_with_the_reason(data_dir: Path) -> None:
    """The real CLI: exit 2 (usage), the reason on stderr, the secret nowhere in the output."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "MODERATOR_TOKEN": "tok-env-1"}
    for url in ("https://ana:hunter2-pw@p.example.org", "https://p.example.org/?token=tok-q-secret"):
        done = subprocess.run(
            [sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir), "sync", "--server", url],
            capture_output=True, text=True, env=env, timeout=60, check=False)
        assert done.returncode == 2, done
        assert "token" in done.stderr and "keyring" in done.stderr
        assert "hunter2" not in done.stdout + done.stderr and "tok-q-secret" not in done.stdout + done.stderr


def test_settings_dialog_refuses_an_address_with_credentials(qtbot: Any) -> None:
    from moderator_app.ui.platform.settings_dialog import SettingsDialog

    dialog = SettingsDialog("", False, True)
    qtbot.addWidget(dialog)
    dialog.url.setText("https://ana:hunter2-pw@p.example.org")
    dialog.accept()
    assert dialog.result() == 0 and dialog.problem.isVisibleTo(dialog)
    assert "user name or password" in dialog.problem.text() and "hunter2" not in dialog.problem.text()
    dialog.url.setText("https://p.example.org")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        dialog.accept()
    assert dialog.values() == ("https://p.example.org", None)
