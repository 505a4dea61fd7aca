"""The readers on their own: report footers, vCard 2.1 values, documents that are not
exports (no graph needed)."""

from __future__ import annotations

import pytest

from graph.imports.errors import ImportFormatError
from graph.imports.readers import read_mbox, read_table
from graph.imports.vcard import read_vcards

_REPORT = (
    '"Opportunity Name","Account Name","Amount"\r\n'
    '"Stark penthouse","Stark Industries","$1,250,000.00"\r\n'
    '"Wayne manor","Wayne Enterprises","$45,000.00"\r\n'
    '\r\n'
    '"Grand Totals (2 records)"\r\n'
    '"","","$1,295,000.00"\r\n'
    '\r\n'
    '"Confidential Information - Do Not Distribute"\r\n'
    '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\r\n'
)


def test_a_summary_reports_totals_row_goes_with_its_footer() -> None:
    table = read_table(_REPORT.encode(), max_columns=50)
    assert [cells[0] for _, cells in table.rows] == ["Stark penthouse", "Wayne manor"]
    assert table.dropped_footer == ["Grand Totals (2 records)", "$1,295,000.00",
                            "Confidential Information - Do Not Distribute",
                            "Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."]


def test_rows_before_the_grand_totals_line_stay_rows() -> None:
    """Only what follows the totals line is dropped, and only near the end of the file."""
    rows = "".join(f'"Deal {i}","Acme","${i},000.00"\r\n' for i in range(1, 6))
    text = ('"Opportunity Name","Account Name","Amount"\r\n"Grand Totals (9 records)","",""\r\n'
            + rows)
    table = read_table(text.encode(), max_columns=50)
    assert len(table.rows) == 6 and table.dropped_footer == []


def test_vcard_2_1_soft_line_breaks_indented_or_not_and_an_unknown_charset() -> None:
    card = (b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
            b"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:caf=C3=\r\n =A9 and=\r\n=20more\r\n"
            b"TITLE;QUOTED-PRINTABLE;CHARSET=x-unknown:Chef de cuisine =E0 Lyon\r\n"
            b"PHOTO;ENCODING=BASE64;TYPE=JPEG:AAAA==\r\n"
            b"END:VCARD\r\n")
    [parsed] = read_vcards(card)
    assert parsed.fields["NOTE"] == ["café and more"]
    assert parsed.fields["TITLE"] == ["Chef de cuisine à Lyon"]  # read as Latin-1
    assert parsed.fields["PHOTO"] == ["AAAA=="]  # base64 is not quoted-printable


@pytest.mark.parametrize(("head", "named"), [
    (b"PK\x03\x04\x14\x00\x06\x00", "Excel .xlsx workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Excel .xls workbook"),
    (b"%PDF-1.7\n", "PDF document")])
def test_a_workbook_or_a_pdf_is_named_with_what_to_do(head: bytes, named: str) -> None:
    for read in (lambda d: read_table(d, max_columns=50), lambda d: list(read_mbox(d))):
        with pytest.raises(ImportFormatError) as caught:
            read(head + b"First Name,Last Name\r\n" * 10)
        assert named in caught.value.message and "export it as CSV" in caught.value.message
