"""File ▸ Import a bundle…: a coordinator brings a tutor's offline bundle into the shared server
(DESIGN §5.7), through the server and user of the open profile.

The file is read and described before anything is asked or sent; the import runs on a worker; a
bundle whose signature cannot be verified goes in only after the coordinator says so, in words;
then the profile syncs, so the imported changes show in the coordinator's copy.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from tutor_app.domain.errors import TutorError, UnverifiedBundleError
from tutor_app.domain.formatting import format_instant
from tutor_app.services.bundles import ImportReport
from tutor_app.services.workspace import Workspace
from tutor_app.ui.context import AppContext
from tutor_app.ui.errors import show_error, show_known_error
from tutor_app.ui.i18n import counted, ui_language
from tutor_app.ui.sync_controller import SyncController

log = logging.getLogger("tutor.ui.bundle_import")


class BundleImport(QObject):
    """One import, from the file to the report; ``finished`` carries the report, or None."""

    finished = Signal(object)

    def __init__(self, ctx: AppContext, sync: SyncController, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sync = sync
        self._window = parent
        self.report: ImportReport | None = None

    def start(self, path: Path) -> bool:
        """Describe the bundle and ask; False when nothing was started (the user said no, or the
        file or the profile could not be used: a message said why)."""
        from tutor_app.services import bundles

        title = self.tr("Import a bundle")
        try:
            content = bundles.read_file(path)
            password = self.sync.password_for(self.ctx.ws)
        except TutorError as exc:
            show_known_error(self._window, exc)
            return False
        changes = len(content.changes)
        question = counted(self.tr("Bundle of %1, made on %2 on the device %3: %n change(s).\n\nApply them to the "
                                   "server as that tutor's changes (the same rules as a sync)?", "", changes), changes)
        question = question.replace("%1", _person(self.ctx.ws, content.author)) \
            .replace("%2", format_instant(content.created_at, self.ctx.lang)).replace("%3", content.device)
        answer = QMessageBox.question(self._window, title, question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes or password == "":
            return False
        self._run(path, password, accept_unverified=False)
        return True

    def _run(self, path: Path, password: str | None, *, accept_unverified: bool) -> None:
        from tutor_app.services import bundles

        ws, credentials = self.ctx.ws, self.sync.credentials

        def work() -> ImportReport:
            return bundles.import_with_profile(ws, path, accept_unverified=accept_unverified, credentials=credentials,
                                               ask_password=(lambda _prompt: password) if password else None)

        self.ctx.tasks.run(work, self._done, lambda exc: self._failed(exc, path, password), owner=self)

    def _failed(self, exc: BaseException, path: Path, password: str | None) -> None:
        if isinstance(exc, UnverifiedBundleError):
            text = self.tr("The signature of this bundle cannot be verified (%1). Import it only if you know "
                           "where the file comes from: its changes will be recorded as unverified.") \
                .replace("%1", self._verdict_text(exc.verdict))
            if self._ask_unverified(text):
                self._run(path, password, accept_unverified=True)
                return
            self.finished.emit(None)
            return
        self.finished.emit(None)
        show_error(self._window, exc)

    def _verdict_text(self, verdict: str) -> str:
        """The core's verdict (sync.bundle.verify) in the window's language, as the command line says it."""
        return UnverifiedBundleError.verdict_text(verdict, ui_language())

    def _ask_unverified(self, text: str) -> bool:
        """The coordinator's explicit decision on an unverified bundle (Cancel is the default)."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import a bundle"), text,
                          QMessageBox.StandardButton.Cancel, self._window)
        anyway = box.addButton(self.tr("Import anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is anyway

    def _done(self, report: ImportReport) -> None:
        self.report = report
        counts = report.counts
        text = counted(self.tr("%n change(s):", "", len(report.lines)), len(report.lines)) + " " + self.tr(
            "applied %1 · conflicts to look at %2 · already on the server %3 · refused %4.")
        for n, value in enumerate((counts["applied"] + counts["merged"], counts["conflict"], counts["duplicate"],
                                   counts["rejected"]), start=1):
            text = text.replace(f"%{n}", str(value))
        changes = len(report.bundle.changes)
        head = counted(self.tr("Bundle of %1 made on %2 (%n change(s)).", "", changes), changes)
        head = head.replace("%1", report.author_name or _person(self.ctx.ws, report.bundle.author)) \
            .replace("%2", format_instant(report.bundle.created_at, self.ctx.lang))
        text = head + "\n" + text
        if report.verification == "server":
            text += "\n" + self.tr("Signature verified by this computer and by the server.")
        else:
            text += "\n" + self.tr("Imported unverified, by your decision.")
        taken = [line for line in report.lines if line.get("taken_by") and line.get("conflicts")]
        if taken:
            first = taken[0]["taken_by"]
            text += "\n" + counted(self.tr("%n change(s) had their id already used by the bundle of %1 made on %2 "
                                           "with other values: both values are kept as conflicts to resolve.", "",
                                           len(taken)), len(taken)) \
                .replace("%1", first.get("author_name") or _person(self.ctx.ws, str(first.get("author")))) \
                .replace("%2", format_instant(str(first.get("created_at") or ""), self.ctx.lang))
        log.info("bundle %s imported from the desktop: %s", report.bundle.bundle_id, report.summary())
        QMessageBox.information(self._window, self.tr("Import a bundle"), text)
        self.finished.emit(report)
        self.sync.sync_now(manual=True)  # the imported changes come down into this copy


def _person(ws: Workspace, role_name: str) -> str:
    """The user's name as people know it: the login role without the database's prefix."""
    from tutor_app.services import bundles

    return bundles.person(role_name, bundles.login_prefix(ws))
