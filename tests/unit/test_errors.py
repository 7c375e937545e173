"""Every known error lives in ``domain/errors.py`` with its own stable code."""

from __future__ import annotations

import importlib
import pkgutil

import tutor_app
from tutor_app.domain import errors
from tutor_app.domain.errors import TutorError

# Released codes: a script or a translation may rely on them, so none ever changes. A new error
# adds a line here.
CODES = {
    "TutorError": "error",
    "ValidationError": "invalid",
    "UnknownChoiceError": "unknown_choice",
    "TooLongError": "too_long",
    "InvalidValueError": "invalid_value",
    "MergeTooLargeError": "merge_too_large",
    "NotFoundError": "not_found",
    "UnknownProjectError": "unknown_project",
    "EmptyReportError": "empty_report",
    "UnknownTutorError": "unknown_tutor",
    "UnknownProfileError": "unknown_profile",
    "ProfileTakenError": "profile_taken",
    "ProfileNotEmptyError": "profile_not_empty",
    "ReportCancelled": "report_cancelled",
    "StorageError": "storage",
    "StoreInUseError": "store_in_use",
    "DiskFullError": "disk_full",
    "StoreNotWritableError": "store_not_writable",
    "StoreDamagedError": "store_damaged",
    "OfflineError": "offline",
    "ServerBusyError": "server_busy",
    "AuthError": "auth",
    "PasswordNeededError": "password_needed",
    "PermissionDeniedError": "forbidden",
    "DemoProfileError": "demo_profile",
    "OtherServerError": "other_server",
    "OtherUserError": "other_user",
    "SyncSetupError": "sync_setup",
    "NoServerError": "no_server",
    "NoUserError": "no_user",
    "NoProfileError": "no_profile",
    "BadAddressError": "bad_address",
    "SyncCancelled": "sync_cancelled",
    "NotYetSyncedError": "not_yet_synced",
    "NothingToBundleError": "nothing_to_bundle",
    "RevertNeedsSyncError": "revert_needs_sync",
    "VersionMismatchError": "version_mismatch",
    "ClientTooOldError": "client_too_old",
    "BadFileError": "bad_file",
    "BundleFileError": "bad_bundle",
    "UnknownBundleError": "unknown_bundle",
    "BundleRevertedError": "bundle_reverted",
    "UnverifiedBundleError": "unverified_bundle",
    "TlsPolicyError": "tls_policy",
    "ExportTargetError": "export_target",
    "RegionFileError": "region_file",
    "RestoreBlockedError": "restore_blocked",
    "SpreadsheetError": "bad_spreadsheet",
    "ImportRowsError": "import_rows_invalid",
    "ImportCancelled": "import_cancelled",
}


def _known_errors() -> list[type[TutorError]]:
    found: list[type[TutorError]] = []
    todo: list[type[TutorError]] = [TutorError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def _import_everything() -> None:
    for module in pkgutil.walk_packages(tutor_app.__path__, "tutor_app."):
        if module.name != "tutor_app.__main__":
            importlib.import_module(module.name)


def test_every_known_error_is_declared_in_domain_errors() -> None:
    _import_everything()
    elsewhere = sorted(f"{cls.__module__}.{cls.__qualname__}" for cls in _known_errors()
                       if cls.__module__ != errors.__name__)
    assert elsewhere == []


def test_each_known_error_has_its_own_code_and_no_released_code_changed() -> None:
    declared = {cls.__name__: cls.__dict__.get("code") for cls in _known_errors()}
    assert declared == CODES  # a missing own code shows as None, a changed one as a difference
    assert len(set(declared.values())) == len(declared)


def test_the_desktop_says_a_revert_before_the_first_sync_in_the_errors_own_words() -> None:
    from tutor_app.ui.error_messages import known_error_text, message_code
    from tutor_app.ui.i18n import ui_language

    # Not the "never synced" row of a bundle export ("... then files can be exported"), nor "offline".
    needs_sync = errors.RevertNeedsSyncError("carla")
    assert message_code(needs_sync) is None and message_code(needs_sync, after_sync=True) is None
    assert known_error_text(needs_sync) == needs_sync.text(ui_language())
    assert "carla" in needs_sync.text("it") and "carla" in needs_sync.text("en")


def test_the_errors_the_command_line_prints_have_an_italian_and_an_english_sentence() -> None:
    made = [errors.UnknownProjectError("2025-FLO-9999"), errors.UnknownProjectError("x", "neither"),
            errors.ProfileTakenError(), errors.ProfileNotEmptyError(), errors.RevertNeedsSyncError("carla"),
            errors.NotYetSyncedError(), errors.NothingToBundleError(),
            errors.EmptyReportError({"it": "Provincia: Sondrio", "en": "Province: Sondrio"}),
            errors.UnknownTutorError("x"), errors.UnknownTutorError("x", matches=("A (AB)", "A (ABI)")),
            errors.UnknownChoiceError("--phase", "x", ("lead",)), errors.TooLongError("--protocol", 201, 200)]
    assert all(exc.text("it") != exc.text("en") for exc in made)
    assert errors.UnknownProjectError("2025-FLO-9999").text() == "Nessun progetto «2025-FLO-9999» in questo profilo."


def test_a_tutor_not_found_lists_the_first_tutors_and_counts_the_others() -> None:
    tutors = tuple(f"Tutor {n} (T{n})" for n in range(errors.UnknownTutorError.LISTED + 2))
    refused = errors.UnknownTutorError("Nobody", tutors=tutors)
    assert refused.text("it").endswith(f"I tutor: {', '.join(tutors[:-2])} e altri 2.")
    assert refused.text("en").endswith(f"The tutors: {', '.join(tutors[:-2])} and 2 more.")
    assert errors.UnknownTutorError("Nobody").text("en").endswith("There is no tutor in it yet.")


def test_a_choice_or_a_length_refused_keeps_its_english_message_for_the_desktops_table() -> None:
    """The desktop's table of validation sentences reads ``message`` (English); the command line
    says ``text(lang)``, with the field."""
    province = errors.UnknownChoiceError("province", "XX", ("MI", "MB"), kind="province")
    assert province.message == "'XX' is not a province of Lombardy (MI, MB)" == province.reason("en")
    assert province.text() == "province: «XX» non è una provincia della Lombardia (MI, MB)"
    long = errors.TooLongError("title", 201, 200)
    assert long.message == "is too long (201 characters, at most 200)"
    assert long.text() == "title: il testo è troppo lungo (201 caratteri, al massimo 200)"
