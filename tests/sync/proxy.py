"""A loopback TCP proxy that cuts connections, for the fault tests.

The first `cut_connections` connections are closed abruptly once `cut_after` bytes
have passed in the chosen direction ("request": client → server, "response":
server → client, i.e. after the server has done the work but before the client
hears of it). Later connections pass through untouched. Threads are daemons and
the number of connections is bounded; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading


class CuttingProxy:
    def __init__(
        self,
        upstream_port: int,
        *,
        cut_after: int,
        direction: str = "request",
        cut_connections: int = 3,
        max_connections: int = 200,
    ) -> None:
        assert direction in ("request", "response")
        self.upstream = ("127.0.0.1", upstream_port)
        self.cut_after = cut_after
        self.direction = direction
        self.cut_connections = cut_connections
        self.max_connections = max_connections
        self.connections = 0
        self.cuts = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.connections += 1
                index = self.connections
            if index > self.max_connections:
                client.close()
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            cut = index <= self.cut_connections
            _Link(self, client, server, cut).start()

    def record_cut(self) -> None:
        with self._lock:
            self.cuts += 1

    def stop(self) -> None:
        self._stopping.set()
        self._listener.close()
        self._thread.join(timeout=5)


class _Link:
    def __init__(self, proxy: CuttingProxy, client, server, cut: bool) -> None:
        self.proxy = proxy
        self.client = client
        self.server = server
        self.cut = cut
        self.passed = 0
        self.closed = threading.Event()

    def start(self) -> None:
        request = self.proxy.direction == "request"
        for source, target, counted in (
            (self.client, self.server, request),
            (self.server, self.client, not request),
        ):
            threading.Thread(target=self._pipe, args=(source, target, counted), daemon=True).start()

    def _pipe(self, source, target, counted: bool) -> None:
        try:
            # Inside the try: the other direction may have closed both sockets already.
            source.settimeout(30)
            while not self.closed.is_set():
                data = source.recv(65536)
                if not data:
                    break
                if self.cut and counted:
                    room = self.proxy.cut_after - self.passed
                    if len(data) >= room:
                        if room > 0:
                            target.sendall(data[:room])
                        self.proxy.record_cut()
                        break
                    self.passed += len(data)
                target.sendall(data)
        except OSError:
            pass
        self._close()

    def _close(self) -> None:
        if self.closed.is_set():
            return
        self.closed.set()
        for sock in (self.client, self.server):
            # An abrupt close (RST), as a failing middlebox would.
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            # shutdown() wakes the other pipe thread blocked in recv(); close() alone
            # would leave the connection open until that recv returned.
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()
