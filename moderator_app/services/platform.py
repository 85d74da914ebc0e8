"""The platform (HTTP contract) as the window and the CLI see it: one door into sources/platform/.

The window's controller and the ``sync``/``push`` commands both come through here, so neither imports
sources/ or db/ directly and the pipeline's insides can change without touching them.
"""

from __future__ import annotations

from moderator_app.services.accounts import (
    KEYRING_SERVICE,
    TOKEN_ENV,
    TokenStore,
    keyring_usable,
    load_url,
    save_url,
    token_from_env,
)
from moderator_app.sources.platform.client import PlatformClient
from moderator_app.sources.platform.pipeline import (
    DEFAULT_AHEAD,
    PUSH_WORKERS,
    PlatformReport,
    PlatformSync,
    last_sync,
)

__all__ = [
    "DEFAULT_AHEAD", "KEYRING_SERVICE", "PUSH_WORKERS", "TOKEN_ENV", "PlatformClient", "PlatformReport",
    "PlatformSync", "TokenStore", "keyring_usable", "last_sync", "load_url", "save_url", "token_from_env",
]
