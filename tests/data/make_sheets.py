"""Writes the spreadsheets in tests/data as offices make them (run once; the files are committed).

- ``fiera_2026_excel_cp1252.csv``: Excel's "CSV (delimitato dal separatore di elenco)" on an Italian
  Windows: Windows-1252, ``;``, CRLF, a title row padded with separators, a blank row, quoted cells
  holding ``;`` and ``"``, Italian amounts and dates, a totals row, trailing empty rows.
- ``fiera_2026_excel_utf8.csv``: the same sheet as Excel's "CSV UTF-8": UTF-8 with a BOM, ``;``.
- ``fiera_2026_comma.csv``: the same leads from a web form's export: plain UTF-8, ``,``, LF.
- ``fiera_2026_unicode.txt``: Excel's "Testo Unicode": UTF-16 with a BOM, tab-separated.
- ``fiera_2026_formattato.xlsx``: a formatted workbook: a merged title, a note, a blank row, a bold
  header, amounts as numbers with a € format, dates as date cells, a company merged over its two
  projects' rows, a totals row of SUM formulas (with their values, as Excel saves them), and
  formatted empty rows below.
- ``fiera_2026_errori.csv``: a damaged sheet: every kind of wrong value, one per row.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

HERE = Path(__file__).parent
HEADER = ["Ragione sociale", "Partita IVA", "Paese", "Titolo", "Tipo", "Settore", "Funzione", "Fase",
          "Data fase", "Investimento (€)", "Nuove assunzioni", "Comune", "Provincia", "Note"]
ROWS = [
    ["Müller Präzision GmbH", "DE136695976", "Germania", "Stabilimento di Brescia", "Nuova iniziativa",
     "Manifattura", "Produzione", "Lead", "05/09/2023", "€ 12.500.000,00", "1.050", "Brescia", "BS",
     'Incontro allo stand; chiede "aree ZIS"'],
    ["Società Alfa S.p.A.", "00743110157", "Italia", "Centro R&D di Agrate", "Espansione", "Elettronica",
     "Ricerca e sviluppo", "Assistenza", "2024-01-15", "850.000", "12", "Agrate Brianza", "MB", ""],
    ["SOCIETA' ALFA SPA", "IT 00743110157", "IT", "Nuovo magazzino Lodi", "Espansione", "Logistica",
     "Logistica", "Lead", "12/03/2024", "32.000.000,00 €", "85", "Lodi", "LO", "Stessa P.IVA: stesso investitore"],
    ["Sakura Denki K.K.", "", "Giappone", "Data center Pavia", "Nuova iniziativa", "ICT e data center",
     "Data center", "Decisione", "30/06/2025", "120.000.000", "40", "Pavia", "PV", ""],
    ["Sakura Denki KK", "", "Japan", "Laboratorio di Varese", "New initiative", "Electronics", "R&D", "Lead",
     "01/10/2025", "2.750.000,50", "", "Varese", "VA", "Stesso nome senza punti: stesso investitore"],
]
TOTAL = ["Totale", "", "", "", "", "", "", "", "", "167.100.000,50 €", "1.187", "", "", ""]
ERRORS = [
    ["Beta Ltd", "", "Regno Unito", "Hub logistico", "Reshoring", "Logistica", "Logistica", "Lead", "31/02/2025",
     "1.500.000", "20", "Mantova", "MN", "data inesistente"],
    ["Gamma Inc.", "", "Stati Uniti", "Sede di Milano", "Nuova iniziativa", "Servizi avanzati", "Sede direzionale",
     "Lead", "10/10/2025", "1,5 mln", "10", "Milano", "MI", "importo a parole"],
    ["Delta AG", "", "Svizzera", "Impianto di Como", "Espansione", "Chimica", "Produzione", "Lead", "10/10/2025",
     "-250.000", "-3", "Como", "ZZ", "negativi e provincia sbagliata"],
    ["", "", "Francia", "Progetto senza azienda", "Espansione", "Chimica", "Produzione", "Lead", "10/10/2025",
     "100.000", "5", "Cremona", "CR", "manca la ragione sociale"],
    ["Epsilon S.r.l.", "00743110158", "Italia", "Stabilimento di Sondrio", "Tipo strano", "Chimica", "Produzione",
     "Lead", "10/10/2025", "100.000,123", "5", "Sondrio", "SO", "P.IVA errata, tipo ignoto, tre decimali"],
    ["Zeta BV", "", "Paesi Bassi", "Magazzino di Lecco", "Espansione", "Logistica", "Logistica", "Lead",
     "10/10/2025", "400.000", "dieci", "Lecco", "LC", "addetti a parole"],
    ["Eta Corp.", "", "Atlantide", "Fabbrica di Bergamo", "Espansione", "Manifattura", "Produzione", "Lead",
     "10/10/2025", "400.000", "7", "Bergamo", "BG", "paese inesistente"],
]


def _csv_line(cells: list[str], sep: str) -> str:
    out = []
    for cell in cells:
        quoted = '"' + cell.replace('"', '""') + '"' if any(ch in cell for ch in (sep, '"', "\n")) else cell
        out.append(quoted)
    return sep.join(out)


def _sheet_lines(rows: list[list[str]], sep: str, *, title: bool = True, total: bool = True) -> list[str]:
    width = len(HEADER)
    lines = []
    if title:
        lines.append(_csv_line(["Fiera internazionale Milano 2026 - contatti raccolti allo stand"] + [""] * (width - 1),
                               sep))
        lines.append(sep * (width - 1))
    lines.append(_csv_line(HEADER, sep))
    lines += [_csv_line(r, sep) for r in rows]
    if total:
        lines.append(_csv_line(TOTAL, sep))
    lines += [sep * (width - 1)] * 3 if title else []
    return lines


def main() -> None:
    excel = "\r\n".join(_sheet_lines(ROWS, ";")) + "\r\n"
    (HERE / "fiera_2026_excel_cp1252.csv").write_bytes(excel.encode("cp1252"))
    (HERE / "fiera_2026_excel_utf8.csv").write_bytes(b"\xef\xbb\xbf" + excel.encode("utf-8"))
    web = "\n".join(_sheet_lines(ROWS, ",", title=False, total=False)) + "\n"
    (HERE / "fiera_2026_comma.csv").write_bytes(web.encode("utf-8"))
    unicode_text = "\r\n".join(_sheet_lines(ROWS, "\t")) + "\r\n"
    (HERE / "fiera_2026_unicode.txt").write_bytes(unicode_text.encode("utf-16"))
    errors = "\r\n".join(_sheet_lines(ROWS[:2] + ERRORS, ";", total=False)) + "\r\n"
    (HERE / "fiera_2026_errori.csv").write_bytes(errors.encode("cp1252"))
    _workbook(HERE / "fiera_2026_formattato.xlsx")


def _workbook(path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Lead fiera")
    title = book.add_format({"bold": True, "font_size": 14, "align": "center"})
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    money = book.add_format({"num_format": "#,##0.00 [$€-410]"})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    boxed = book.add_format({"border": 1})
    sheet.merge_range(0, 0, 0, len(HEADER) - 1, "Fiera internazionale Milano 2026 - contatti raccolti", title)
    sheet.write_string(1, 0, "Estratto del 02/12/2026 - uso interno")
    for col, label in enumerate(HEADER):
        sheet.write_string(3, col, label, bold)
    amounts = [12_500_000, 850_000, 32_000_000, 120_000_000, 2_750_000.5]
    hires = [1050, 12, 85, 40, None]
    dates = [date(2023, 9, 5), date(2024, 1, 15), date(2024, 3, 12), date(2025, 6, 30), date(2025, 10, 1)]
    line = 4
    for n, row in enumerate(ROWS):
        for col, value in enumerate(row):
            if col == 8:
                sheet.write_datetime(line, col, dates[n], day)
            elif col == 9:
                sheet.write_number(line, col, amounts[n], money)
            elif col == 10:
                if hires[n] is not None:
                    sheet.write_number(line, col, hires[n])
            elif value:
                sheet.write_string(line, col, value)
        line += 1
    # Sakura Denki's two projects: the company typed once, merged over both rows (as offices do)
    sheet.merge_range(7, 0, 8, 0, "Sakura Denki K.K.", boxed)
    sheet.merge_range(7, 2, 8, 2, "Giappone", boxed)
    sheet.write_string(line, 0, "Totale", book.add_format({"bold": True}))
    sheet.write_formula(line, 9, f"=SUM(J5:J{line})", money, sum(amounts))
    sheet.write_formula(line, 10, f"=SUM(K5:K{line})", None, sum(h for h in hires if h))
    for empty in range(line + 1, line + 40):  # formatted rows with nothing in them
        sheet.write_blank(empty, 0, None, boxed)
        sheet.write_blank(empty, 9, None, money)
    sheet.set_column(0, 0, 28)
    sheet.set_column(3, 3, 30)
    book.close()


if __name__ == "__main__":
    main()
