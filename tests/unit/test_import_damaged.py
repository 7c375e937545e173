"""Damaged files thrown at the importer (hypothesis): truncated, bytes changed, the wrong
encoding, binary junk, huge cells. Each one imports correctly or fails with a message naming the
file (and the row, and the column, when the fault is in one place), and the profile is unchanged.
Nothing else may come out: any other exception is a bug."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.test_import import DATA, snapshot
from tutor_app.domain.errors import ImportRowsError, SpreadsheetError
from tutor_app.importing import values as v
from tutor_app.services import demo, importing
from tutor_app.services.workspace import Workspace

CSV = (DATA / "fiera_2026_excel_cp1252.csv").read_bytes()
UTF8 = (DATA / "fiera_2026_excel_utf8.csv").read_bytes()
XLSX = (DATA / "fiera_2026_formattato.xlsx").read_bytes()
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                           HealthCheck.too_slow])

_FOLDER = Path(tempfile.mkdtemp(prefix="tutor-damaged-"))
_PROFILE = _FOLDER / "profile.sqlite3"
with Workspace.open(db=_PROFILE) as _ws:
    demo.generate(_ws, projects=10, seed=3, meetings_per_project=2)
    _BEFORE = snapshot(_ws)


def _import(data: bytes, suffix: str) -> None:
    """Import the bytes as a file: a clean outcome or a known error naming the file, and the profile
    unchanged unless the whole file was good."""
    path = _FOLDER / f"danneggiato{suffix}"
    path.write_bytes(data)
    with Workspace.open(db=_PROFILE) as ws:
        try:
            with importing.preview(ws, path) as plan:
                for row in plan.rows(("error",)):
                    for error in row.errors:
                        text = error.text(str(path))
                        assert text.startswith(f"{path}, riga {row.row}"), text
                        assert error.column is None or f"colonna «{error.column}»" in text
                try:
                    importing.write(ws, plan)
                except ImportRowsError as refused:
                    assert plan.totals.errors and str(path) in refused.text("it")
                    assert snapshot(ws) == _BEFORE
                    return
                # a clean import: written whole; put the profile back for the next example
                assert plan.totals.errors == 0
        except SpreadsheetError as exc:
            message = exc.text("it")
            assert str(path) in message and "Non è stato scritto nulla" in message
            if exc.row is not None:
                assert f"riga {exc.row}" in message
            assert snapshot(ws) == _BEFORE
            return
    _restore()


def _restore() -> None:
    for extra in _FOLDER.glob("profile.sqlite3*"):
        extra.unlink()
    with Workspace.open(db=_PROFILE) as ws:
        demo.generate(ws, projects=10, seed=3, meetings_per_project=2)
        assert snapshot(ws).keys() == _BEFORE.keys()
    globals()["_BEFORE"] = _snapshot_now()


def _snapshot_now() -> dict[str, object]:
    with Workspace.open(db=_PROFILE) as ws:
        return snapshot(ws)


@SETTINGS
@given(source=st.sampled_from([(CSV, ".csv"), (UTF8, ".csv"), (XLSX, ".xlsx")]), data=st.data())
def test_a_truncated_file_imports_or_fails_naming_it(source: tuple[bytes, str], data: st.DataObject) -> None:
    content, suffix = source
    cut = data.draw(st.integers(min_value=0, max_value=len(content)))
    _import(content[:cut], suffix)


@SETTINGS
@given(source=st.sampled_from([(CSV, ".csv"), (UTF8, ".csv"), (XLSX, ".xlsx")]),
       changes=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=8))
def test_changed_bytes_import_or_fail_naming_the_file(source: tuple[bytes, str],
                                                      changes: list[tuple[float, int]]) -> None:
    content, suffix = source
    damaged = bytearray(content)
    for where, byte in changes:
        damaged[int(where * len(damaged))] = byte
    _import(bytes(damaged), suffix)


@SETTINGS
@given(junk=st.binary(min_size=1, max_size=3000), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_binary_junk_fails_naming_the_file(junk: bytes, suffix: str) -> None:
    _import(junk, suffix)


@SETTINGS
@given(text=st.text(min_size=1, max_size=400), encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1",
                                                                         "utf-32", "mac_roman"]))
def test_a_sheet_in_another_encoding_or_with_odd_text_imports_or_fails_naming_it(text: str, encoding: str) -> None:
    header = "Ragione sociale;Paese;Titolo;Tipo;Settore;Funzione\r\n"
    body = header + f"{text};IT;{text};Espansione;ICT;Servizi\r\n"
    _import(body.encode(encoding, errors="replace"), ".csv")


@settings(max_examples=6, deadline=None)
@given(size=st.sampled_from([400, 150_000, 1_100_000]), quoted=st.booleans())
def test_huge_cells_are_errors_of_their_row_or_of_the_file(size: int, quoted: bool) -> None:
    big = "x" * size
    cell = f'"{big}"' if quoted else big
    body = "Ragione sociale;Paese;Titolo;Tipo;Settore;Funzione\r\n" \
           f"Alfa;IT;{cell};Espansione;ICT;Servizi\r\nBeta;IT;Due;Espansione;ICT;Servizi\r\n"
    _import(body.encode("utf-8"), ".csv")


@given(cents=st.integers(min_value=0, max_value=10**15), style=st.sampled_from(["{} €", "€ {}", "{}", "EUR {}"]))
def test_an_amount_written_the_italian_way_reads_back_to_the_cent(cents: int, style: str) -> None:
    euros = Decimal(cents) / 100
    whole, _, decimals = f"{euros:,.2f}".partition(".")
    italian = whole.replace(",", ".") + ("," + decimals if decimals != "00" or cents % 7 else "")
    assert v.money_cents(style.format(italian)) == cents


@given(text=st.text(max_size=30))
def test_no_text_is_read_as_a_negative_amount_or_a_fraction_of_a_cent(text: str) -> None:
    try:
        cents = v.money_cents(text)
    except v.CellProblem:
        return
    assert cents >= 0 and isinstance(cents, int)
    assert any(ch.isdigit() for ch in text)
    assert "-" not in text
