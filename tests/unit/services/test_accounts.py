"""The platform token: system keyring when there is one, this session's memory otherwise, never a file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
