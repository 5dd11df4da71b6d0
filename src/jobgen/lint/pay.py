"""Pay in a posting's text: amounts, ranges, and ranges with no top or no bottom."""

from __future__ import annotations

import re

from ..fast_dataclass import dataclass
from .memo import per_text
from .patterns import compiled

# As English writes them, and as CLDR does in other languages ("145 000 $US", "£GB",
# "$\u00a0AU" in Canadian French, "JP¥", "zł", "₹"): longest first.
_CURRENCY = (
    r"(?:\$[\s\u00a0]?(?:US|CA|AU|NZ|SG)\b|£GB|JP¥|US\$|CA\$|C\$|A\$|AU\$|NZ\$|S\$|\$|€|£|¥|₹|zł"
    r"|USD|EUR|GBP|CAD|AUD|CHF|JPY|SEK|NOK|DKK|PLN|INR|SGD|NZD"
    r"|(?i:euros?\b|dollars?\b))"  # in words, as French and German postings often write
)
_NUMBER = r"\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_AMOUNT = rf"(?:{_NUMBER})(?:\s?[kK]\b)?"
_MONEY = rf"{_CURRENCY}\s?{_AMOUNT}|{_AMOUNT}\s?{_CURRENCY}(?![A-Za-z])"
_SIDE = rf"{_CURRENCY}\s?{_AMOUNT}|{_AMOUNT}(?:\s?{_CURRENCY})?"
_RANGE = (
    rf"(?P<low>{_SIDE})\s*(?:-|–|—|to|à|et|bis|und)\s*"
    rf"(?P<high>{_SIDE})"
)
# "$150,000+", "$150,000 and up", "from $150,000", "up to $200,000": no minimum or no maximum.
_NO_TOP_OR_BOTTOM = (
    r"from|starting at|starts at|up to|at least|minimum of|maximum of"
    r"|ab|bis zu|mindestens|à partir de|jusqu’à|jusqu'à|au moins"  # German, French
)
_OPEN_ENDED = (
    rf"(?:\b(?:{_NO_TOP_OR_BOTTOM})\s+(?:{_MONEY}))"
    rf"|(?:(?:{_MONEY})\s*(?:\+|\b(?:and up|and above|or more|plus)\b))"
)
# Compiled on first use (`pay.MONEY`, `pay.RANGE`, `pay.OPEN_ENDED`), and kept compiled
# between runs (patterns.py): compiling them costs ~7 ms, and a posting that no pay law
# reaches needs only MONEY, if that.
# Open-ended pay needs one of the words that make it so, found by this far quicker
# pattern first: each branch of _OPEN_ENDED holds one of them, matched the same way.
_OPEN_WORDS = rf"{_NO_TOP_OR_BOTTOM}|\+|and up|and above|or more|plus"
_PATTERNS = {
    "MONEY": (_MONEY, 0),
    "RANGE": (_RANGE, 0),
    "OPEN_ENDED": (_OPEN_ENDED, re.I),
    "OPEN_WORDS": (_OPEN_WORDS, re.I),
}
MONEY: re.Pattern[str]
RANGE: re.Pattern[str]
OPEN_ENDED: re.Pattern[str]


def __getattr__(name: str) -> re.Pattern[str]:
    if name not in _PATTERNS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    pattern = globals()[name] = compiled(*_PATTERNS[name])
    return pattern


def _pattern(name: str) -> re.Pattern[str]:
    found = globals().get(name)
    return found if found is not None else __getattr__(name)


_DIGIT = compiled(r"\d")  # what every amount has (the patterns' \d)

SYMBOLS = {"US$": "USD", "$": "USD", "CA$": "CAD", "C$": "CAD", "A$": "AUD", "AU$": "AUD",
           "NZ$": "NZD", "S$": "SGD", "€": "EUR", "£": "GBP", "¥": "JPY", "£GB": "GBP",
           "JP¥": "JPY", "₹": "INR", "zł": "PLN", "$US": "USD", "$CA": "CAD", "$AU": "AUD",
           "$NZ": "NZD", "$SG": "SGD"}  # fmt: skip


WORDS = {"euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD"}


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str | None  # None: the figure had no currency of its own


@per_text  # the same amounts recur in many companies' ranges
def parse_money(text: str) -> Money:
    """`$145,000` -> 145000 USD; `150k €` -> 150000 EUR; `190,000` -> 190000, no currency."""
    currency = None
    match = re.search(_CURRENCY, text)
    if match:
        symbol = re.sub(r"[\s\u00a0]", "", match.group())  # "$ US" in Canadian French
        currency = WORDS.get(symbol.lower()) or SYMBOLS.get(symbol, symbol)
    number = re.search(_AMOUNT, text)
    assert number is not None  # the patterns above only match text with a number
    raw = number.group().strip()
    thousands = raw[-1] in "kK"
    return Money(number_value(raw.rstrip("kK ")) * (1000 if thousands else 1), currency)


def number_value(written: str) -> float:
    """`145,000` and `145.000` -> 145000; `42,50` -> 42.5; `90,000.00` and `90.000,00` -> 90000.

    The last separator is a decimal point when one or two digits follow it (what _NUMBER
    allows); every other separator groups thousands, whichever mark it is."""
    digits = re.sub(r"[\s\u00a0\u202f]", "", written)
    last = max(digits.rfind(","), digits.rfind("."))
    if last != -1 and len(digits) - last - 1 in (1, 2):
        whole, fraction = digits[:last], digits[last + 1 :]
        return float(re.sub(r"[.,]", "", whole) + "." + fraction)
    return float(re.sub(r"[.,]", "", digits))


@dataclass(frozen=True)
class PayRange:
    low: Money
    high: Money
    text: str

    @property
    def currency(self) -> str | None:
        return self.high.currency or self.low.currency


def pay_ranges(text: str) -> list[PayRange]:
    """Every `A – B` of money in `text`, where at least one side names a currency."""
    return list(ranges_in(text))


@per_text  # a company's pay lines recur in each of its postings
def ranges_in(text: str) -> tuple[PayRange, ...]:
    """`pay_ranges`, as kept: a tuple, never to be changed."""
    if not _DIGIT.search(text):
        return ()  # a range has an amount on each side (most blocks have no digit)
    found = []
    for match in _pattern("RANGE").finditer(text):
        low, high = parse_money(match.group("low")), parse_money(match.group("high"))
        if re.search(r"\d\s?[kK]\b", match.group("high")) and low.amount < 1000 <= high.amount:
            low = Money(low.amount * 1000, low.currency)  # "45 à 55 k€": thousands, both
        if (low.currency or high.currency) and low.amount <= high.amount:
            found.append(PayRange(low, high, match.group().strip()))
    return tuple(found)


def open_ended(text: str) -> list[str]:
    """Pay given with no top or no bottom: `$150,000+`, `from $90,000`."""
    return list(_open_ended(text))


@per_text  # the pattern is slow, and a company's pay lines recur
def _open_ended(text: str) -> tuple[str, ...]:
    if not _pattern("OPEN_WORDS").search(text):
        return ()  # (most pay lines: a range, with a top and a bottom)
    return tuple(m.group().strip() for m in _pattern("OPEN_ENDED").finditer(text))
