"""The Jinja2 environment (autoescape on) and the helpers every template can call."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ausweg.countries import country_name
from ausweg.i18n import t
from ausweg.web.site import LANGS, Links

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
LANGUAGE_NAMES = {"ru": "Русский", "en": "English", "de": "Deutsch"}
EXIT_URL = "https://www.google.com/search?q=weather"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.globals.update(country_name=country_name, LANGS=LANGS, LANGUAGE_NAMES=LANGUAGE_NAMES, EXIT_URL=EXIT_URL)
    return env


def render(template: str, links: Links, **context: Any) -> str:
    """Render `template` for the page `links.here` in `links.lang`."""
    lang = links.lang

    def text(key: str, **values: object) -> str:
        return t(key, lang, **values)

    def named(prefix: str, value: str | None) -> str:
        return label(prefix, value, lang)

    def field_names(paths: list[str]) -> str:
        return ", ".join(label("web.field", path, lang) for path in paths)

    return environment().get_template(template).render(lang=lang, links=links, t=text, label=named,
                                                       field_names=field_names, **context)


def label(prefix: str, value: str | None, lang: str) -> str:
    """The interface text for `prefix.value`, or the value itself where there is none."""
    if value is None:
        return ""
    try:
        return t(f"{prefix}.{value}", lang)
    except KeyError:
        return value.replace("_", " ")
