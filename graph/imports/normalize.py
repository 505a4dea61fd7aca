"""Value parsers and identity keys shared by every import profile (no extra dependency)."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

_LEGAL = frozenset({"inc", "incorporated", "ltd", "limited", "llc", "gmbh", "sa", "sas", "sarl",
                    "srl", "spa", "bv", "nv", "plc", "corp", "corporation", "co", "company",
                    "lda", "ag", "oy", "ab", "as", "kg", "pty", "the"})
_CURRENCY = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₹": "INR", "r$": "BRL",
             "us$": "USD", "chf": "CHF", "fr.": "CHF"}
_CODE = re.compile(r"\b([A-Z]{3})\b")
_PUNCTUATION = re.compile(r"[^\w\s]")
_DATE_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%d.%m.%Y",
                 "%Y/%m/%d", "%m/%d/%Y", "%d/%m/%Y", "%m/%d/%y")
_DATETIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M %p",
                     "%d/%m/%Y %H:%M")


def clean(value: str | None) -> str | None:
    """Trimmed text, or None when blank."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def fold(text: str) -> str:
    """Accent- and case-insensitive form: 'João  Müller' -> 'joao muller'."""
    if not text.isascii():  # ASCII text has nothing to decompose (most names and keys)
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


def name_key(name: str | None) -> str | None:
    return fold(name) or None if name else None


def company_key(name: str | None) -> str | None:
    """A company name without case, accents, punctuation or legal suffixes."""
    if not name:
        return None
    words = [w for w in fold(name).split() if w not in _LEGAL]
    return " ".join(words) or fold(name) or None


def email(value: str | None) -> str | None:
    value = clean(value)
    if value is None:
        return None
    value = value.removeprefix("mailto:").strip().strip("<>").lower()
    return value or None


def linkedin_url(value: str | None) -> str | None:
    """Canonical profile URL: https://www.linkedin.com/in/<slug> (lower case, no slash);
    None for a URL that is not on linkedin.com."""
    value = clean(value)
    if value is None:
        return None
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    host = parts.netloc.lower().removeprefix("www.")
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return None
    path = parts.path.rstrip("/").lower()
    return f"https://www.linkedin.com{path}"


def domain(value: str | None) -> str | None:
    value = clean(value)
    if value is None:
        return None
    value = value.lower()
    if "@" in value:
        value = value.rsplit("@", 1)[1]
    value = value.removeprefix("https://").removeprefix("http://").removeprefix("www.")
    return value.split("/")[0] or None


def split_name(full: str) -> tuple[str | None, str | None]:
    """'Ana Lima' -> (Ana, Lima); 'Lima, Ana' -> (Ana, Lima); 'Cher' -> (Cher, None)."""
    full = " ".join(full.split())
    if "," in full:
        last, _, first = full.partition(",")
        return clean(first), clean(last)
    first, _, last = full.partition(" ")
    return clean(first), clean(last)


def parse_date(value: str, fmt: str | None = None) -> date:
    text = value.strip()
    if fmt:
        return datetime.strptime(text, fmt).date()
    for candidate in _DATE_FORMATS:
        try:
            return datetime.strptime(text, candidate).date()
        except ValueError:
            continue
    return parse_datetime(text).date()


def parse_datetime(value: str, fmt: str | None = None) -> datetime:
    text = value.strip()
    formats = (fmt,) if fmt else _DATETIME_FORMATS
    for candidate in formats:
        try:
            return datetime.strptime(text, candidate).replace(tzinfo=UTC)
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"not a date: {value!r}") from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def parse_amount(value: str) -> tuple[float, str | None]:
    """'1.234,56 €' -> (1234.56, 'EUR'); '$1,200' -> (1200.0, 'USD'); '900' -> (900.0, None)."""
    text = value.strip()
    currency = None
    lowered = text.lower()
    for symbol, code in sorted(_CURRENCY.items(), key=lambda kv: -len(kv[0])):
        if symbol in lowered:
            currency = code
            idx = lowered.index(symbol)
            text = text[:idx] + text[idx + len(symbol):]
            lowered = text.lower()
            break
    if currency is None and (m := _CODE.search(text)):
        currency = m.group(1)
        text = text.replace(currency, "")
    number = re.sub(r"[\s\u00a0\u202f']", "", text)
    negative = number.startswith("-") or (number.startswith("(") and number.endswith(")"))
    number = number.strip("-()+")
    if not re.fullmatch(r"[\d.,]+", number or "x"):
        raise ValueError(f"not an amount: {value!r}")
    if "," in number and "." in number:
        decimal = "," if number.rfind(",") > number.rfind(".") else "."
    elif "," in number:
        decimal = "" if re.fullmatch(r"\d{1,3}(,\d{3})+", number) else ","
    elif number.count(".") > 1:
        decimal = ""
    else:
        decimal = "."
    thousands = {",": ".", ".": ",", "": None}[decimal]
    if thousands:
        number = number.replace(thousands, "")
    elif decimal == "":
        number = number.replace(",", "").replace(".", "")
    if decimal == ",":
        number = number.replace(",", ".")
    amount = float(number)
    return (-amount if negative else amount), currency


def phone(value: str | None) -> str | None:
    """E.164 (+<digits>) when the number carries its country code, else the trimmed text."""
    value = clean(value)
    if value is None:
        return None
    main = re.split(r"(?i)\s*(?:ext\.?|x|#)\s*\d+$", value)[0]
    digits = re.sub(r"[\s().\-/]", "", main)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if re.fullmatch(r"\+[1-9]\d{6,14}", digits):
        return digits
    return value


def parse_bool(value: str) -> bool:
    text = value.strip().lower()
    if text in ("true", "yes", "y", "1", "x", "on"):
        return True
    if text in ("false", "no", "n", "0", "", "off"):
        return False
    raise ValueError(f"not a yes/no value: {value!r}")


def split_multi(value: str, separators: str = r"\s*(?::::|;|\|)\s*") -> list[str]:
    return [p for p in (clean(x) for x in re.split(separators, value)) if p]
