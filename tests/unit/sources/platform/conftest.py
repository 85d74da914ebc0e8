"""The tiny real clip every platform test serves, as a session fixture."""

from tests.support.platform_desk import clip_bytes

__all__ = ["clip_bytes"]
