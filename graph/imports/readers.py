"""Turn an export's bytes into rows of text: encoding and delimiter sniffing, preambles and
footers, quoted commas/newlines; mail headers. Row numbers are the file's line numbers."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.imports.errors import ImportFormatError

_DELIMITERS = (",", ";", "\t", "|")
_GRAND_TOTALS = r"grand totals?\s*\(\d[\d,.]*\s+records?\)"
_FOOTER = re.compile(rf"^({_GRAND_TOTALS}|confidential information|copyright\b|©)", re.IGNORECASE)
# A summary report's totals come under its "Grand Totals (N records)" line: one row with
# values in the summed columns only (the footer lines then follow).
_TOTALS = re.compile(_GRAND_TOTALS, re.IGNORECASE)
_TOTALS_ROWS = 3


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line number of the row's start, cells)
    delimiter: str
    encoding: str
    header_line: int
    dropped_footer: list[str] = field(default_factory=list)

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        for line, cells in self.rows:
            padded = cells + [""] * (len(self.header) - len(cells))
            record = dict(zip(self.header, padded, strict=False))
            for i, extra in enumerate(cells[len(self.header):], start=1):
                if extra.strip():
                    record[f"(extra column {len(self.header) + i})"] = extra
            yield line, record


# Files people upload instead of the CSV export: named, so the error says what to do.
_DOCUMENTS = ((b"PK\x03\x04", "a zip archive, such as an Excel .xlsx workbook"),
              (b"\xd0\xcf\x11\xe0", "an Excel .xls workbook or another old Office file"),
              (b"%PDF", "a PDF document"))


def refuse_document(head: bytes) -> None:
    for magic, kind in _DOCUMENTS:
        if head.startswith(magic):
            raise ImportFormatError(f"this is {kind}, not a text export: save or export it "
                                    "as CSV (or, for mail, as mbox or .eml) and import that")


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): BOMs first (UTF-8/16/32), then UTF-8, then cp1252/latin-1."""
    if not data.strip():
        raise ImportFormatError("the file is empty")
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                      (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _decode_as(data, name), name
    head = data[:4096]
    refuse_document(head)
    if b"\x00" in head:
        # UTF-16 without a BOM puts a NUL beside every ASCII character.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > len(head) // 4 and even == 0:
            return _decode_as(data, "utf-16-le"), "utf-16-le"
        if even > len(head) // 4 and odd == 0:
            return _decode_as(data, "utf-16-be"), "utf-16-be"
        raise ImportFormatError(
            f"binary file (NUL byte at offset {head.index(0)}), not a text export")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\r\n\t\f")
    if controls > max(2, len(text[:4096]) // 100):
        raise ImportFormatError("binary file (control characters), not a text export")
    return text, encoding


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as e:
        raise ImportFormatError(f"invalid {encoding} text at byte {e.start}") from e


def sniff_delimiter(sample_lines: list[str]) -> str:
    """The delimiter that splits the header-looking lines into the most consistent cells."""
    best, best_score = ",", -1.0
    for delimiter in _DELIMITERS:
        counts = [len(next(csv.reader([line], delimiter=delimiter))) for line in sample_lines
                  if line.strip()]
        if not counts:
            continue
        width = max(counts)
        score = width + (0.5 if len(set(counts[-3:])) == 1 else 0)
        if width > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def read_table(data: bytes, *, max_columns: int,
               is_header: Callable[[list[str]], bool] | None = None) -> Table:
    """Rows of a delimited export. `is_header` picks the header row past any preamble
    (LinkedIn's 'Notes:'); by default the first row with two or more non-empty cells."""
    text, encoding = decode(data)
    head = itertools.islice(io.StringIO(text, newline=None), 30)  # not the whole file
    candidates = [ln.rstrip("\r\n") for ln in head
                  if ln.strip() and not ln.lower().startswith("notes:")]
    delimiter = sniff_delimiter(candidates[:10])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    header: list[str] | None = None
    header_line = 0
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            line = start
            start = reader.line_num + 1
            if len(cells) > max_columns:
                raise ImportFormatError(
                    f"line {line}: {len(cells)} fields, more than the limit of {max_columns} "
                    "(RAPPORT_IMPORT_MAX_COLUMNS)")
            if header is None:
                filled = [c for c in cells if c.strip()]
                if len(filled) >= 2 and (is_header is None or is_header(cells)):
                    header, header_line = _header(cells), line
                continue
            if any(c.strip() for c in cells):
                rows.append((line, cells))
    except csv.Error as e:
        raise ImportFormatError(f"line {reader.line_num}: {e}") from e
    if header is None:
        raise ImportFormatError("no header row with the expected columns")
    footer = _footer(rows)
    if not rows:
        raise ImportFormatError(f"no data rows after the header (line {header_line})")
    return Table(header, rows, delimiter, encoding, header_line, footer)


def _header(cells: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for i, cell in enumerate(cells, start=1):
        name = cell.strip().lstrip("\ufeff") or f"column {i}"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


def _footer(rows: list[tuple[int, list[str]]]) -> list[str]:
    """Takes a report's footer lines off the end of `rows` and returns them as text."""
    footer: list[str] = []
    while rows and _is_footer(rows[-1][1], _FOOTER):
        footer.append(_text(rows.pop()[1]))
    for i in range(len(rows) - 1, max(len(rows) - 1 - _TOTALS_ROWS, -1), -1):
        if _is_footer(rows[i][1], _TOTALS):
            footer += [_text(cells) for _, cells in reversed(rows[i:])]
            del rows[i:]
            break
    return footer[::-1]


def _is_footer(cells: list[str], pattern: re.Pattern[str]) -> bool:
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and bool(pattern.match(filled[0]))


def _text(cells: list[str]) -> str:
    return " ".join(c for c in cells if c.strip())


# -- mail headers ------------------------------------------------------------------------------
@dataclass
class MailHeaders:
    line: int  # line of the message's first header in the mbox
    headers: list[tuple[str, str]]
    by_name: dict[str, list[str]] = field(init=False, repr=False)  # lower-case name -> values

    def __post_init__(self) -> None:
        self.by_name = {}
        for k, v in self.headers:
            self.by_name.setdefault(k.lower(), []).append(v)

    def get(self, name: str) -> str | None:
        values = self.by_name.get(name.lower())
        return values[0] if values else None

    def get_all(self, name: str) -> list[str]:
        return list(self.by_name.get(name.lower(), ()))


_MBOX_FROM = re.compile(rb"(?:\A|\n[ \t\r]*\n)(From )")
_HEADER_NAME = re.compile(r"^([\x21-\x39\x3b-\x7e]+)[ \t]*:(.*)$", re.DOTALL)


def read_mbox(data: bytes) -> Iterator[MailHeaders]:
    """The headers of every message of an mbox (or of one .eml file), one at a time: the
    mailbox is scanned in place (never split into lines or messages all at once) and bodies
    are skipped."""
    if not data.strip():
        raise ImportFormatError("the file is empty")
    refuse_document(data[:8])
    if b"\x00" in data[:4096]:
        raise ImportFormatError("binary file (NUL byte), not an mbox or .eml file")
    for line, head in _mbox_heads(data):
        headers = [(k, _header_text(k, v)) for k, v in _raw_headers(head)]
        if not any(k.lower() in ("from", "date", "message-id") for k, _ in headers):
            raise ImportFormatError(f"line {line}: not a mail message (no From/Date/Message-ID "
                                    "header)")
        yield MailHeaders(line, headers)


def _mbox_heads(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(line of the first header, header block) of each message. A message starts at a
    "From " line that opens the file or follows a blank line; with none, the file is one
    message (.eml)."""
    starts = (m.start(1) for m in _MBOX_FROM.finditer(data))
    first = next(starts, None)
    if first is None:
        yield 1, _head(data, 0)
        return
    line, at = 1 + data.count(b"\n", 0, first), first
    for nxt in itertools.chain(starts, [len(data)]):
        body = data.find(b"\n", at, nxt)
        if body != -1:
            yield line + 1, _head(data, body + 1, nxt)
        line += data.count(b"\n", at, nxt)
        at = nxt


def _head(data: bytes, start: int, end: int | None = None) -> bytes:
    """The header block of a message: up to its first blank line."""
    stop = len(data) if end is None else end
    blank = data.find(b"\n\n", start, stop)
    crlf = data.find(b"\r\n\r\n", start, stop)
    cut = min((x for x in (blank, crlf) if x != -1), default=stop)
    return data[start:cut]


def _raw_headers(head: bytes) -> list[tuple[str, str]]:
    """(name, raw value) pairs with folded lines joined, as the compat32 parser gives them;
    a line that is neither a header nor a continuation ends the headers. Non-ASCII bytes are
    kept as surrogate escapes for `_header_text` to decode."""
    headers: list[tuple[str, str]] = []
    for text in head.decode("ascii", "surrogateescape").splitlines():
        if text[:1] in (" ", "\t") and headers:
            name, value = headers[-1]
            headers[-1] = (name, f"{value}\n{text}")
            continue
        found = _HEADER_NAME.match(text)
        if found is None:
            if text.startswith("From ") and not headers:
                continue  # an unescaped envelope line
            break
        headers.append((found.group(1), found.group(2).lstrip()))
    return headers


def _header_text(name: str, raw: str) -> str:
    """A header's text unfolded; encoded words (RFC 2047) and 8-bit bytes are decoded by the
    standard policy, which is slow, so only for the values that need it."""
    if "=?" in raw or not raw.isascii():
        from email.policy import default

        return " ".join(str(default.header_fetch_parse(name, raw)).split())
    return " ".join(raw.split())


def eml_folder_to_mbox(folder: Path) -> bytes:
    """A folder of .eml files as one mbox, in file-name order (one import batch)."""
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".eml" and p.is_file())
    if not files:
        raise ImportFormatError(f"no .eml file in {folder}")
    out = bytearray()
    for path in files:
        body = path.read_bytes().replace(b"\r\n", b"\n")
        escaped = b"\n".join(b">" + ln if ln.startswith(b"From ") else ln
                             for ln in body.split(b"\n"))
        out += b"From rapport-import " + path.name.encode() + b"\n" + escaped.rstrip(b"\n")
        out += b"\n\n"
    return bytes(out)
