"""The publication's home country: weak evidence for resolving the places a local paper names.

A paper under a country-code domain (``.ca``, ``.co.uk``, ``.com.au``) writes for readers in that
country, so its bare "London" is more likely London, Ontario than it would be in a wire story. A
generic domain (``.com``, ``.org``) and ccTLDs sold worldwide as generic names (``.io``, ``.tv``)
say nothing. The outlet's name helps where it names a country or its people ("Times of India",
"Nigerian Tribune"). No list of outlets: only the ISO 3166 ccTLD table (data/cctld.tsv) and the
gazetteer's country names and demonyms.
"""

from __future__ import annotations

import csv
import functools
from urllib.parse import urlsplit

from .gazetteer import Gazetteer, _package_file


@functools.lru_cache(maxsize=1)
def cctld_countries() -> dict[str, str]:
    """ccTLD (without the dot) -> ISO country code, leaving out the ones used as generic names."""
    out = {}
    with open(_package_file("conflictwire.geo", "data", "cctld.tsv"), encoding="utf-8") as f:
        rows = csv.reader((line for line in f if not line.startswith("#")), delimiter="\t")
        next(rows, None)
        for tld, country_code, _name, use in rows:
            if use == "country":
                out[tld.lower()] = country_code.upper()
    return out


def country_from_url(url: str | None) -> str | None:
    """The country whose ccTLD ends the URL's host ("https://www.example.co.uk/x" -> "GB"), else None."""
    if not url or not isinstance(url, str):
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return None
    labels = host.rstrip(".").lower().split(".")
    if len(labels) < 2 or labels[-1].isdigit():  # no TLD, or an IP address
        return None
    return cctld_countries().get(labels[-1])


def country_from_source_name(source_name: str | None, gazetteer: Gazetteer) -> str | None:
    """The country an outlet's name names, by its name or its people ("Times of India", "The
    Nigerian Tribune"); None when it names none or more than one."""
    if not source_name or not isinstance(source_name, str):
        return None
    found: set[str] = set()
    words = source_name.replace("-", " ").split()
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            part = " ".join(words[i:i + size]).strip(".,:;()'\"")
            if not part[:1].isupper() or len(part) < 4:
                continue
            cc = gazetteer.demonym(part)
            if cc is None:
                entries, hint = gazetteer.find(part)
                cc = next((e.country_code for e in entries
                           if e.feature_code == "PCLI" and e.name_kind == 0 and not hint), None)
            if cc:
                found.add(cc)
    return found.pop() if len(found) == 1 else None


def publication_country(url: str | None, source_name: str | None, gazetteer: Gazetteer) -> str | None:
    """The publication's home country: its domain's ccTLD, else the country its name names."""
    return country_from_url(url) or country_from_source_name(source_name, gazetteer)
