"""How place names are normalised, so that the index and the queries agree.

"Al-Anbar", "al Anbar" and "Anbar" meet on one key; "Salahuddin province" and "the city of
Tikrit" lose their descriptor words (which are kept as a hint about the kind of place).
"""

from __future__ import annotations

import re
import unicodedata

# Descriptor words that say what kind of place a name is; stripped before lookup, kept as a hint.
# Each maps to the GeoNames feature codes it points at.
DESCRIPTOR_HINTS: dict[str, tuple[str, ...]] = {
    "province": ("ADM1", "ADM2"),
    "governorate": ("ADM1",),
    "state": ("ADM1",),
    "region": ("ADM1", "ADM2"),
    "oblast": ("ADM1",),
    "district": ("ADM2", "ADM1", "PPL"),
    "county": ("ADM2",),
    "township": ("ADM3", "ADM2", "PPL"),
    "parish": ("ADM2",),
    "prefecture": ("ADM1", "ADM2"),
    "municipality": ("ADM2", "PPL"),
    "city": ("PPL",),
    "town": ("PPL",),
    "village": ("PPL",),
    "neighborhood": ("PPLX",),
    "neighbourhood": ("PPLX",),
}

# Abbreviated first words of place names, as folded keys ("Cd." -> "cd").
_ABBREVIATED_PREFIXES: dict[str, str] = {"cd": "ciudad", "gral": "general"}
_CONNECTORS = re.compile(r"(?<= )(?:de la|de las|de los|de|del|do|da|dos|das) (?=\S)")
_ARTICLE_PREFIXES = ("al ", "el ", "ad ", "ar ", "as ", "ash ", "at ", "az ")
_DROP = re.compile(r"[\u2018\u2019'`\u02bb\u02bc\u02be\u02bf\u00b4\u2032]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DESCRIPTOR_PATTERN = "|".join(sorted(DESCRIPTOR_HINTS, key=len, reverse=True))
_SUFFIX = re.compile(rf"^(?P<core>.+?) (?P<word>{_DESCRIPTOR_PATTERN})$")
_PREFIX = re.compile(rf"^(?:the )?(?P<word>{_DESCRIPTOR_PATTERN}) of (?P<core>.+)$")


def fold(text: str) -> str:
    """Lower-case ASCII key: accents folded, apostrophes dropped, other punctuation to spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _DROP.sub("", text.casefold())
    text = text.replace("\u00df", "ss").replace("\u0131", "i").replace("\u00f8", "o").replace("\u0142", "l")
    text = text.replace("\u00e6", "ae").replace("\u0111", "d").replace("\u00f0", "d").replace("\u00fe", "th")
    return _NON_ALNUM.sub(" ", text).strip()


def index_keys(name: str) -> set[str]:
    """Every key a gazetteer name is filed under: its folded form and, for Arabic article
    prefixes ("Al-Anbar"), the form without the article and the joined form ("alanbar")."""
    key = fold(name)
    if not key:
        return set()
    keys = {key}
    for prefix in _ARTICLE_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            keys.add(key[len(prefix):])
            keys.add(key.replace(" ", "", 1))
    if key.startswith("saint "):
        keys.add("st " + key[6:])
    elif key.startswith("st "):
        keys.add("saint " + key[3:])
    if key.startswith("the ") and len(key) > 6:
        keys.add(key[4:])
    if " the " in key:
        keys.add(key.replace(" the ", " "))  # "Democratic Republic of the Congo" / "... of Congo"
    # Transliterations split words differently ("Deir ez-Zor" / "Deir Ezzor", "Abu Kamal" / "Abukamal").
    for k in list(keys):
        if " " in k and len(k) >= 6 and k.count(" ") <= 3:
            keys.add(k.replace(" ", ""))
    return keys


def query_keys(name: str) -> tuple[list[str], tuple[str, ...]]:
    """Keys to try for a name as written, best first, and the feature-code hint its descriptor
    word gives ("Salahuddin province" -> ["salahuddin province", "salahuddin"], ("ADM1", "ADM2"))."""
    key = fold(name)
    if key.startswith("the ") and len(key) > 6:
        key = key[4:]
    keys = [key] if key else []
    head, _, rest = key.partition(" ")
    if head in _ABBREVIATED_PREFIXES and rest:
        # "Cd. Obregón", "Cd Victoria", "Gral. Escobedo": Mexican press abbreviates "Ciudad", "General".
        keys.append(f"{_ABBREVIATED_PREFIXES[head]} {rest}")
    hint: tuple[str, ...] = ()
    for pattern in (_SUFFIX, _PREFIX):
        m = pattern.match(key)
        if m:
            hint = DESCRIPTOR_HINTS[m.group("word")]
            keys.append(m.group("core"))
            break
    for k in list(keys):
        # "Santiago de Ixcuintla" is filed as "Santiago Ixcuintla": try the name without its connectors.
        bare = " ".join(_CONNECTORS.sub(" ", f" {k} ").split())
        if bare != k and " " in bare:
            keys.append(bare)
    for k in list(keys):
        for prefix in _ARTICLE_PREFIXES:
            if k.startswith(prefix) and len(k) > len(prefix) + 2:
                keys.append(k[len(prefix):])
    for k in list(keys):
        if " " in k and len(k) >= 6 and k.count(" ") <= 3:
            keys.append(k.replace(" ", ""))
    seen: list[str] = []
    for k in keys:
        if k and k not in seen:
            seen.append(k)
    return seen, hint
