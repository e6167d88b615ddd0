"""Stand-ins for a failing network service, on 127.0.0.1 only."""

import socket
import threading


class HungServer:
    """A TCP listener that accepts connections and never answers: a hung Redis, as the
    kernel would show it (the connect succeeds, the reply never comes).

    With ``forward_to`` set, ``answer()`` turns it into a plain proxy to that port, as a
    Redis that has recovered would answer."""

    def __init__(self, forward_to=None):
        self.forward_to = forward_to
        self.answering = False
        self.accepted = 0  # connections the client opened: each is a call that reached the server
        self.held = []
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(128)
        self.listener.settimeout(0.1)  # so the accepting thread notices when we close
        self.closed = False
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.closed = True
        self.thread.join(timeout=5)
        self.listener.close()
        for conn in self.held:
            conn.close()

    def answer(self):
        self.answering = True

    def _accept(self):
        while not self.closed:
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            conn.settimeout(None)
            self.accepted += 1
            self.held.append(conn)
            if self.answering and self.forward_to:
                upstream = socket.create_connection(("127.0.0.1", self.forward_to))
                self.held.append(upstream)
                for source, target in ((conn, upstream), (upstream, conn)):
                    threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass


def hung_cache_settings(server):
    """CACHES for the project's Redis cache at ``server`` (a HungServer), its circuit kept open
    for the rest of the test once the first call has timed out."""
    from config.settings.base import redis_cache

    settings = redis_cache(f"redis://127.0.0.1:{server.port}/5")
    settings["OPTIONS"].update(CIRCUIT_RETRY_AFTER=3600)
    return {"default": settings}
