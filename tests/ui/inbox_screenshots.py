"""Offscreen screenshots of the conflicts inbox with records of others, against the local PostgreSQL
server, at 1366×768 (``--scale 1.25``: the same screen at 125 %), in one language per run.

    python tests/ui/inbox_screenshots.py [--lang it|en] [--scale 1.25] [--out screenshots]

Plays the scenes of tests/sync/inbox_scenes.py, each on a throw-away shared database (dropped at
the end), and shows: the new tutor reading a change refused after a reassignment (the dossier's
own field, then a note the server never took), the former tutor's refused changes, a dossier
deleted while edited (seen by its editor, and by the one who deleted it), and a tutor with both
conflicts and refused changes (the status bar and both tabs).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="it")
    parser.add_argument("--scale", type=float, default=1.0, help="screen scaling (1.25 = 125 %%)")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[2] / "screenshots"))
    args = parser.parse_args()
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)  # before the QApplication exists
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="tutor-inbox-shots-"))
    os.environ["TUTOR_HOME"] = str(home)

    import psycopg

    from tests.sync.helpers import PG_URL, Client, TestServer, drop_database
    from tests.sync.inbox_scenes import (
        conflicting_edits_and_a_refusal,
        deleted_while_edited,
        reassigned_with_offline_edits,
    )
    from tests.ui.shots import settle
    from tutor_app.services.sync import MemoryCredentials, target_of
    from tutor_app.services.sync_profile import remember_target
    from tutor_app.sync.connection import Secret
    from tutor_app.ui.app import TutorApp, make_application
    from tutor_app.ui.settings import Settings

    app = make_application()
    settings = Settings(home / "desktop.ini")
    settings.language_choice = args.lang
    size = (round(1366 / args.scale), round(768 / args.scale))
    tag = f"{args.lang}-{round(args.scale * 100)}"
    su = psycopg.connect(PG_URL, autocommit=True)

    @contextmanager
    def scene(name: str) -> Iterator[tuple[TestServer, dict[str, Client]]]:
        server = TestServer.create(su, prefix="tinbox")
        folder = home / name
        folder.mkdir()
        clients = {"mario": Client.make(server, folder, "mario", "Mario Rossi", "project_tutor"),
                   "anna": Client.make(server, folder, "anna", "Anna Bianchi", "project_tutor"),
                   "carla": Client.make(server, folder, "carla", "Carla Verdi", "coordinator")}
        try:
            yield server, clients
        finally:
            for client in clients.values():
                client.close()
            server.close()
            drop_database(su, server.database)

    def window_of(server: TestServer, client: Client) -> tuple[TutorApp, Any]:
        remember_target(client.ws, str(server.address), client.user)
        target = target_of(client.ws)
        credentials = MemoryCredentials()
        credentials.set(target.key, target.role, Secret(server.passwords[client.user]))
        tutor = TutorApp(settings)
        window = tutor.open_workspace(client.ws, label="")
        window.sync.configure(credentials=credentials)
        window.resize(*size)
        window.show()
        settle(lambda: window.list_page.is_loaded and window.home.summary is not None)
        window.sync.sync_now()
        settle(lambda: not window.sync.running)
        return tutor, window

    def shoot(window: Any, name: str, pick: Callable[[Any], None] | None = None, tab: int = 0) -> None:
        dialog = window.show_conflicts()
        dialog.tabs.setCurrentIndex(tab)
        if pick is not None:
            pick(dialog)
        settle()
        dialog.grab().save(str(out / f"inbox-{name}-{tag}.png"))
        dialog.close()

    def row_of(record_in_dossier: bool) -> Callable[[Any], None]:
        """The refusal of the dossier's own fields, or of a record in it ("Dossier …, Nota …: …")."""
        def pick(dialog: Any) -> None:
            model = dialog.model
            dialog.table.selectRow(next(n for n in range(model.rowCount())
                                        if (", " in model.row_at(n).headline.split(":")[0]) is record_in_dossier))
        return pick

    try:
        with scene("reassigned") as (server, clients):
            reassigned_with_offline_edits(clients, server)
            tutor, window = window_of(server, clients["anna"])
            shoot(window, "1-refused-field", row_of(False))
            shoot(window, "2-refused-note", row_of(True))
            tutor.close(close_workspace=False)
            tutor, window = window_of(server, clients["mario"])
            shoot(window, "3-own-refusals", tab=1)
            tutor.close(close_workspace=False)
        with scene("deleted") as (server, clients):
            deleted_while_edited(clients, server)
            tutor, window = window_of(server, clients["mario"])
            shoot(window, "4-deleted-editor", lambda d: d.table.selectRow(
                next(n for n in range(d.model.rowCount()) if d.model.row_at(n).edited)))
            tutor.close(close_workspace=False)
            tutor, window = window_of(server, clients["anna"])
            shoot(window, "5-deleted-deleter")
            tutor.close(close_workspace=False)
        with scene("both") as (server, clients):
            conflicting_edits_and_a_refusal(clients, server)
            tutor, window = window_of(server, clients["anna"])
            settle()
            window.grab().save(str(out / f"inbox-6-status-bar-{tag}.png"))
            shoot(window, "7-both-conflicts")
            shoot(window, "8-both-refused", tab=1)
            tutor.close(close_workspace=False)
    finally:
        su.close()
    del app
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
