"""Interface text in English, Russian and German, from the catalogues in ausweg/locales/."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ausweg.countries import LANGUAGES

_LOCALES = Path(__file__).parent / "locales"


class UnknownLanguageError(ValueError):
    """A language ausweg does not speak."""


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise UnknownLanguageError(f"language {lang!r} is not one of {', '.join(LANGUAGES)}")
    return lang


@lru_cache(maxsize=len(LANGUAGES))
def catalogue(lang: str) -> dict[str, str]:
    return json.loads((_LOCALES / f"{check_language(lang)}.json").read_text(encoding="utf-8"))


def t(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang`, formatted with `values`; English where a language lacks it."""
    text = catalogue(lang).get(key) or catalogue("en")[key]
    return text.format(**values) if values else text
