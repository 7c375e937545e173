"""File ▸ Revert an imported bundle…: a coordinator takes a bundle back (issue 10) through the
server and user of the open profile.

The latest imports are listed by author, date and number of changes, with on whose word each
signature stands; the coordinator picks one and confirms; the revert runs on a worker (a new
change set of the coordinator's, through the push rules: a field edited after the bundle becomes
a conflict record); then the profile syncs, so the reverted values show in this copy.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from tutor_app.domain.errors import TutorError
from tutor_app.services.bundles import RevertReport
from tutor_app.ui.context import AppContext
from tutor_app.ui.errors import show_error, show_known_error
from tutor_app.ui.sync_controller import SyncController

log = logging.getLogger("tutor.ui.bundle_revert")


class BundleRevert(QObject):
    """One revert, from the list of imports to the report; ``finished`` carries the report, or None."""

    finished = Signal(object)

    def __init__(self, ctx: AppContext, sync: SyncController, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sync = sync
        self._window = parent
        self._password: str | None = None
        self._prefix = ""
        self.report: RevertReport | None = None

    def start(self) -> bool:
        """List the imports on a worker; False when nothing was started (a message said why)."""
        from tutor_app.services import bundles

        try:
            password = self.sync.password_for(self.ctx.ws)
            self._prefix = bundles.login_prefix(self.ctx.ws)
        except TutorError as exc:
            show_known_error(self._window, exc)
            return False
        if password == "":
            return False
        self._password = password
        ws, credentials = self.ctx.ws, self.sync.credentials

        def work() -> list[dict[str, Any]]:
            return bundles.latest_imports(ws, credentials=credentials, ask_password=self._asker())

        self.ctx.tasks.run(work, self._choose, self._failed, owner=self)
        return True

    def _asker(self) -> Any:
        password = self._password
        return (lambda _prompt: password) if password else None

    def _choose(self, imports: list[dict[str, Any]]) -> None:
        from tutor_app.services import bundles

        lang = self.ctx.lang
        open_ones = [i for i in imports if not i.get("reverted_by")]
        title = self.tr("Revert an imported bundle")
        if not open_ones:
            QMessageBox.information(self._window, title, self.tr("There is no imported bundle left to revert."))
            self.finished.emit(None)
            return
        items = [bundles.import_line(i, lang, self._prefix) for i in open_ones]
        item, ok = QInputDialog.getItem(self._window, title, self.tr("Bundle to revert:"), items, 0, False)
        if not ok or item not in items:
            self.finished.emit(None)
            return
        chosen = open_ones[items.index(item)]
        question = self.tr("Revert %1? Each field it wrote gets back the value it had before, as a change of "
                           "yours; a field edited after the bundle becomes a conflict to resolve.") \
            .replace("%1", bundles.bundle_name(chosen, lang, self._prefix))
        answer = QMessageBox.question(self._window, title, question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            self.finished.emit(None)
            return
        self._revert(str(chosen["bundle_id"]))

    def _revert(self, bundle_id: str) -> None:
        from tutor_app.services import bundles

        ws, credentials, asker = self.ctx.ws, self.sync.credentials, self._asker()

        def work() -> RevertReport:
            return bundles.revert_with_profile(ws, bundle_id, credentials=credentials, ask_password=asker)

        self.ctx.tasks.run(work, self._done, self._failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        self.finished.emit(None)
        show_error(self._window, exc)

    def _done(self, report: RevertReport) -> None:
        self.report = report
        log.info("bundle %s reverted from the desktop: %s", report.label.get("bundle_id"), dict(report.counts))
        QMessageBox.information(self._window, self.tr("Revert an imported bundle"),
                                report.summary(self.ctx.lang, self._prefix))
        self.finished.emit(report)
        self.sync.sync_now(manual=True)  # the reverted values come down into this copy

