"""Country codes and their names, from pycountry (ISO 3166) and Babel (CLDR): no hand-written tables."""

from __future__ import annotations

from difflib import get_close_matches
from functools import lru_cache

LANGUAGES: tuple[str, ...] = ("en", "ru", "de")

# Kosovo has a CLDR name and a Passport Index row but no ISO 3166-1 entry.
_USER_ASSIGNED_CODES = frozenset({"XK"})


class UnknownCountryError(ValueError):
    """A string that is not an ISO 3166-1 alpha-2 country code."""


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    import pycountry

    return frozenset(country.alpha_2 for country in pycountry.countries) | _USER_ASSIGNED_CODES


def is_country_code(code: str) -> bool:
    return code in country_codes()


def normalise_country_code(code: str) -> str:
    """Upper-case `code` and check it is a country; the error suggests the nearest codes."""
    upper = str(code).strip().upper()
    if upper in country_codes():
        return upper
    suggestions = get_close_matches(upper, sorted(country_codes()), n=3)
    hint = f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""
    raise UnknownCountryError(f"country code {code!r} is not an ISO 3166-1 alpha-2 code{hint}")


@lru_cache(maxsize=8)
def _territory_names(lang: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(lang).territories)


def country_name(code: str, lang: str = "en") -> str:
    """The CLDR name of a country in `lang` (en, ru or de); the code itself if CLDR has none."""
    return _territory_names(lang).get(code, code)
