"""What the steps of one sync (``sync.engine``) share: the local store, the server session, the
report, and the caller's progress callback, cancel flag and (for tests) fault hook; and what a
step hands to the next (``Reached``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from tutor_app.domain.errors import SyncCancelled
from tutor_app.domain.formatting import format_int
from tutor_app.domain.inbox import Inbox
from tutor_app.store.local import LocalStore
from tutor_app.sync.session import ServerSession


class CancelFlag(Protocol):
    def is_set(self) -> bool: ...


@runtime_checkable
class InterruptingFlag(CancelFlag, Protocol):
    """A cancel flag that also runs ``callback`` at once when it is set (from whatever thread sets
    it): a sync uses it to cut a server call in progress instead of waiting for it to end."""

    def when_set(self, callback: Callable[[], None]) -> None: ...


Progress = Callable[[str, int, int | None], None]
FaultHook = Callable[[str], None]


@dataclass
class SyncReport:
    """What one sync did, in numbers a status bar or a log line can show."""

    pushed: int = 0
    applied: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    sent_back: int = 0  # rows the push's answers brought, stored otherwise than sent (sync.push)
    snapshots: int = 0
    purged: int = 0
    refetched: int = 0  # dossiers fetched again because their hash differed from the server's
    sanity: str = "not run"
    idle: bool = False
    round_trips: int = 0
    seconds: float = 0.0
    rejections: list[dict[str, Any]] = field(default_factory=list)
    # Changes whose id an import of a bundle had taken with other values (table, row, result).
    taken: list[dict[str, Any]] = field(default_factory=list)
    # What the inbox asks the user to look at once the sync is over (``services.sync`` counts it):
    # said as the status bar and the inbox's tabs say it. ``conflicts`` and ``rejected`` above
    # count this sync's changes, not the inbox's records (one change may conflict on two fields).
    to_look_at: Inbox | None = None

    def summary(self, lang: str = "it") -> str:
        """One sentence for people, in ``lang`` ("it" or "en")."""
        en = lang == "en"
        inbox = self.to_look_at.text(lang) if self.to_look_at else ""
        if self.idle:
            idle = ("Already up to date: nothing to send or receive" if en else
                    "Già aggiornato: nulla da inviare o ricevere")
            return f"{idle}; {inbox}." if inbox else f"{idle}."

        def counted(n: int, it: tuple[str, str], en_words: tuple[str, str]) -> str:
            one, many = en_words if en else it
            return f"{format_int(n, lang)} {one if n == 1 else many}"

        parts = [counted(self.pushed, ("modifica inviata", "modifiche inviate"), ("change sent", "changes sent")),
                 counted(self.pulled, ("riga ricevuta", "righe ricevute"), ("row received", "rows received"))]
        if self.purged:
            parts.append(counted(self.purged,
                                 ("dossier non più assegnato rimosso", "dossier non più assegnati rimossi"),
                                 ("dossier no longer assigned removed", "dossiers no longer assigned removed")))
        if inbox:
            parts.append(inbox)
        return "; ".join(parts) + "."


@dataclass(frozen=True, slots=True)
class Reached:
    """What a push or a pull learned when it left the profile at the server's head: that head and
    the hash of what the user sees there, read in one server transaction (so the sanity check
    needs no round trip of its own)."""

    head: int
    scope_hash: int


@dataclass
class SyncContext:
    store: LocalStore
    session: ServerSession
    report: SyncReport
    progress: Progress | None = None
    cancel: CancelFlag | None = None
    fault: FaultHook | None = None
    tutor_id: str | None = None

    def step(self, name: str, done: int = 0, total: int | None = None) -> None:
        """A point between steps: report progress, honour a cancel, let a test inject a fault."""
        if self.fault is not None:
            self.fault(name)
        if self.progress is not None:
            self.progress(name, done, total)
        if self.cancel is not None and self.cancel.is_set():
            raise SyncCancelled()
