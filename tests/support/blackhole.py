"""An address that behaves like a platform gone offline: connections are neither accepted nor refused.

A listening socket whose accept queue is full and is never drained makes the kernel drop every new
SYN, so a client waits for its whole connect timeout, as it does when the network is down. Stopping
the server instead would refuse connections at once and hide how slow an offline quit can be.

    with BlackHole(port) as hole:   # the port a stopped PlatformServer was using
        ... every request to http://127.0.0.1:{port} times out ...
"""

from __future__ import annotations

import socket
from typing import Self

FILLERS = 4


class BlackHole:
    def __init__(self, port: int = 0) -> None:
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", port))
        self._listener.listen(0)
        self.port = self._listener.getsockname()[1]
        self._fillers: list[socket.socket] = []
        for _ in range(FILLERS):  # fill the accept queue; later SYNs are dropped
            filler = socket.socket()
            filler.setblocking(False)
            try:
                filler.connect(("127.0.0.1", self.port))
            except BlockingIOError:
                pass
            self._fillers.append(filler)

    def close(self) -> None:
        for s in self._fillers:
            s.close()
        self._listener.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
