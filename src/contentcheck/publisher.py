"""Who publishes an article, as far as it matters to the rules: a public health body (a government
agency, a national health service, an intergovernmental health organisation) or anyone else.

A public body's page carries its medical disclaimer in the site's footer, which an exported article
does not include, and its health statements rest on the agency's own evidence review rather than on
inline references; requiring either on every page only buries the findings that matter. The signs
are the page's own metadata: the web address it came from (`source:`, `url:`, `canonical:` in front
matter, `og:url` in HTML) on a government domain, or a publisher named as a government body.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

PUBLIC_BODY = "public-body"
# metadata keys that may hold the page's own address, and those that may name its publisher
ADDRESS_KEYS = ("source", "url", "canonical", "canonical_url", "permalink", "og:url")
PUBLISHER_KEYS = ("publisher", "dc.publisher", "og:site_name", "organization", "organisation")
# Government second-level labels by country (gov.uk, gob.mx, gouv.fr, govt.nz, go.jp, gc.ca), the
# US .gov and .mil, and national health services and intergovernmental bodies by their domains.
_GOVERNMENT_HOST = re.compile(
    r"(?:^|\.)(?:gov|mil|(?:gov|gob|gouv|govt|go|gv|gc)\.[a-z]{2}|nhs\.uk|nhs\.scot|hse\.ie|canada\.ca|"
    r"europa\.eu|int)$")
_GOVERNMENT_NAME = re.compile(
    r"\b(?:government|ministry of|department of health|health department|public health|national health service|"
    r"health service executive|federal (?:agency|office)|state (?:agency|department))\b", re.IGNORECASE)


def publisher_kind(metadata: Mapping[str, Any], configured: bool | None) -> tuple[str | None, list[str]]:
    """(PUBLIC_BODY, evidence) or (None, []): front matter `public_body:` first, then the config's
    setting for the path, then the page's address and publisher name."""
    declared = metadata.get("public_body")
    if isinstance(declared, bool):
        return (PUBLIC_BODY, ["front matter"]) if declared else (None, [])
    if configured is not None:
        return (PUBLIC_BODY, ["configuration"]) if configured else (None, [])
    for key in ADDRESS_KEYS:
        host = _host(metadata.get(key))
        if host and _GOVERNMENT_HOST.search(host):
            return PUBLIC_BODY, [f"published at {host}"]
    for key in PUBLISHER_KEYS:
        name = metadata.get(key)
        if isinstance(name, str) and _GOVERNMENT_NAME.search(name):
            return PUBLIC_BODY, [f"publisher {name.strip()!r}"]
    return None, []


def _host(value: Any) -> str | None:
    if not isinstance(value, str) or "://" not in value:
        return None
    try:
        host = urlsplit(value.strip()).hostname
    except ValueError:  # a malformed address in someone's front matter is no address
        return None
    return host.rstrip(".").lower() if host else None
