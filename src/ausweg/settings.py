"""Every environment variable ausweg reads, with what it does. Read them only through `env`."""

from __future__ import annotations

import os

SETTINGS: dict[str, str] = {
    "AUSWEG_KNOWLEDGE_DIR": "knowledge folder to use instead of the bundled knowledge/",
    "AUSWEG_SEEDS_DIR": "folder of the seed articles for quote checks (default: ../shared/seeds beside the checkout)",
    "AUSWEG_CACHE_DIR": "where the validated-knowledge cache is kept (default: $XDG_CACHE_HOME/ausweg or ~/.cache/ausweg)",
    "XDG_CACHE_HOME": "base folder for caches, as in the XDG convention",
    "AUSWEG_LIVE_URL": "address of a live ausweg site, named by a static mirror's interview page (`ausweg export-site`)",
}


class UnknownSettingError(KeyError):
    """Code asked for an environment variable that is not documented in SETTINGS."""


def env(name: str) -> str | None:
    if name not in SETTINGS:
        raise UnknownSettingError(f"setting {name!r} is not documented in ausweg.settings.SETTINGS")
    return os.environ.get(name) or None
