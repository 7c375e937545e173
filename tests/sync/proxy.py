"""A TCP proxy on loopback that forwards to the test server and can drop the connection after a
given number of bytes: a network that fails at any byte of a sync."""

from __future__ import annotations

import contextlib
import select
import socket
import threading
from dataclasses import dataclass, field


@dataclass
class CuttingProxy:
    target_host: str
    target_port: int
    cut_after: int | None = None   # bytes (both directions together) before the connection drops
    port: int = 0
    transferred: int = 0
    cuts: int = 0
    _server: socket.socket = field(init=False, repr=False)
    _stop: threading.Event = field(default_factory=threading.Event, repr=False)
    _threads: list[threading.Thread] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._server = socket.socket()
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(16)
        self._server.settimeout(0.2)
        self.port = int(self._server.getsockname()[1])
        accept = threading.Thread(target=self._accept, daemon=True)
        accept.start()
        self._threads.append(accept)

    def arm(self, cut_after: int | None) -> None:
        """Drop the connection(s) once this many more bytes have passed (None: never)."""
        self.transferred = 0
        self.cut_after = cut_after

    def close(self) -> None:
        self._stop.set()
        self._server.close()
        for thread in self._threads:
            thread.join(timeout=2)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            upstream = socket.create_connection((self.target_host, self.target_port))
            pump = threading.Thread(target=self._pump, args=(client, upstream), daemon=True)
            pump.start()
            self._threads.append(pump)

    def _pump(self, client: socket.socket, upstream: socket.socket) -> None:
        peers = {client: upstream, upstream: client}
        try:
            while not self._stop.is_set():
                ready, _, _ = select.select(list(peers), [], [], 0.2)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    if self.cut_after is not None:
                        room = self.cut_after - self.transferred
                        if room <= len(data):
                            if room > 0:
                                peers[sock].sendall(data[:room])
                            self.transferred += max(room, 0)
                            self.cuts += 1
                            return
                    peers[sock].sendall(data)
                    self.transferred += len(data)
        except OSError:
            return
        finally:
            for sock in (client, upstream):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
