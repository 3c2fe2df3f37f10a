"""The CSV of a chart or a list: exactly the rows the page shows beneath the chart
(``Chart.rows()``), numbers unformatted so a spreadsheet can compute with them."""

import csv

from django.utils.translation import gettext as _

from community.site import absolute_url
from insights.figures import Chart, Link, Listing, Section


def find_part(sections: list[Section], key: str) -> Chart | Listing | None:
    for section in sections:
        for part in (*section.charts, *section.listings):
            if part.key == key:
                return part
    return None


def csv_value(value) -> str | int | float:
    """Numbers as numbers (3, not 3.0; 0.425 for 42.5 %), nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def listing_rows(listing: Listing) -> list[list]:
    """The list's header and rows; a column of links gets a second column with the address,
    so the CSV still leads to the thread."""
    linked = [
        any(isinstance(row[position], Link) for row in listing.rows)
        for position in range(len(listing.columns))
    ]
    header = []
    for column, has_links in zip(listing.columns, linked, strict=True):
        header.append(column)
        if has_links:
            header.append(_("%(column)s (address)") % {"column": column})
    body = []
    for row in listing.rows:
        cells = []
        for cell, has_links in zip(row, linked, strict=True):
            if isinstance(cell, Link):
                url = absolute_url(cell.url) if cell.url.startswith("/") else cell.url
                cells += [cell.text, url]
            else:
                cells.append(cell)
                if has_links:
                    cells.append("")
        body.append(cells)
    return [header, *body]


def table_rows(part: Chart | Listing) -> list[list]:
    return part.rows() if isinstance(part, Chart) else listing_rows(part)


def write_csv(stream, part: Chart | Listing) -> None:
    """Into `stream`, after a byte-order mark: without it Excel reads "Übersicht" as
    "Ãœbersicht"; csv readers and LibreOffice skip it."""
    stream.write("\ufeff")
    writer = csv.writer(stream)
    for row in table_rows(part):
        writer.writerow([csv_value(cell) for cell in row])


def csv_filename(section: str, part: str, scope) -> str:
    """``volume-questions-2026-11-04-to-2026-12-03.csv`` (plus the filters, when set)."""
    name = f"{section}-{part}-{scope.first.isoformat()}-to-{scope.last.isoformat()}"
    if scope.space_id:
        name += f"-space-{scope.space_id}"
    if scope.language:
        name += f"-{scope.language}"
    return f"{name}.csv"
