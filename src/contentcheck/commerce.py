"""Signs that a page sells: calls to action, prices, shop links. The disclosure rule uses them to find
a promoted brand; the claims and promotional rules raise their severity on a page that sells, and
lower it for quoted words on a page that does not."""

from __future__ import annotations

import re

from .document import Document
from .patterns import OwnPattern

# "pounds" is left out: in health writing "lose 5 pounds" is a weight far more often than a price (£ is)
PRICE = OwnPattern(r"[$£€]\s?\d|\b\d+(?:\.\d\d)?\s?(?:USD|GBP|EUR|dollars|euros)\b")
CALL_TO_ACTION = OwnPattern(
    r"\b(?:order|buy|shop|book|call|contact|visit|try|get|subscribe|sign\s+up)\b[^.!?]{0,40}\b(?:now|today|online)\b"
    r"|\b(?:add\s+to\s+(?:cart|basket)|free\s+(?:trial|consultation|shipping)|discount\s+code|promo\s+code|"
    r"money[-\s]back|special\s+offer|limited[-\s]time\s+offer)\b", ignorecase=True)
SHOP_LINK = re.compile(r"shop|store|cart|basket|checkout|/buy|/order|/product", re.IGNORECASE)


def prose_text(document: Document) -> str:
    return "\n".join(b.text for b in document.blocks)


def calls_to_action(text: str) -> list[str]:
    """Each call to action in the text, as written ("Order now", "free trial")."""
    return CALL_TO_ACTION.findall(text)


def prices(text: str) -> list[str]:
    """Each price in the text ("$30", "25 dollars")."""
    return PRICE.findall(text)


def commercial_signals(document: Document) -> int:
    """How many calls to action, prices with a currency sign and shop links the page's prose holds
    ("5 pounds" may be a weight; "£5" is a price)."""
    text = prose_text(document)
    shop_links = sum(1 for b in document.blocks for _, _, href in b.links if SHOP_LINK.search(href))
    money = sum(1 for price in prices(text) if price[:1] in "$£€")
    return len(calls_to_action(text)) + money + shop_links


def sells(document: Document) -> bool:
    """The page sells: two or more commercial signals (calls to action, prices, shop links). One
    "contact your GP today" is advice, not a sale."""
    return document.memo(sells, lambda: commercial_signals(document.whole) >= 2)
