"""One server call made on another thread while the sync goes on with its local work: the server
reads or writes on its own core meanwhile (DESIGN §5.4: the pull asks for its next batch while it
applies the one before; the push sends its next batch while it stores the answer of the one
before).

The session is used by one thread at a time: a call starts only once the one before has been
answered. A sync that stops with a call out (an error, Ctrl-C, the user's Stop) cuts that call
(``ServerSession.interrupt``) and waits for it to end: no call outlives the step on its
connection, and a dead network does not hold the stop for a connection's time-out. What such a
call brought is not used; what it wrote on the server is answered again to the next sync (a
replay writes nothing).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Any, Generic, TypeVar

from tutor_app.sync.session import ServerSession

log = logging.getLogger("tutor.sync.ahead")

T = TypeVar("T")
_WAIT_STEP_S = 0.2  # the answer is waited for in short steps: Ctrl-C reaches this thread at once


class CallAhead(Generic[T]):
    def __init__(self, session: ServerSession, name: str) -> None:
        self._session = session
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"tutor-{name}")
        self._pending: Future[T] | None = None

    def start(self, call: Callable[..., T], *args: Any, **kwargs: Any) -> None:
        """Make ``call(*args, **kwargs)`` on the worker (the arguments bound now)."""
        assert self._pending is None, "one call at a time on a session"
        self._pending = self._pool.submit(call, *args, **kwargs)

    def answer(self) -> T:
        pending = self._pending
        assert pending is not None
        while True:
            try:
                result = pending.result(timeout=_WAIT_STEP_S)
            except TimeoutError:
                if not pending.done():
                    continue  # not answered yet
                self._pending = None  # the call itself timed out
                raise
            except BaseException:
                if pending.done():
                    self._pending = None  # the call's own failure
                raise  # else Ctrl-C while waiting: the call is still out, and the exit cuts it
            self._pending = None
            return result

    def __enter__(self) -> CallAhead[T]:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            if not pending.done():
                self._session.interrupt()
            try:
                pending.result()
            except Exception:  # the stop is what is reported; this call's own failure goes to the log
                log.warning("a call made ahead failed after the sync had stopped", exc_info=True)
        self._pool.shutdown(wait=True)
