"""Where pages live and how one page links to another, live or in a static mirror.

Every page has a site path relative to its language root ("" for the home page,
"countries/AM" for a country). Live, links are absolute ("/ru/countries/AM"). In a static
mirror every page is a folder with an index.html and links are relative to the page itself,
so the mirror works from any sub-path and from file://.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

LANGS: tuple[str, ...] = ("ru", "en", "de")


@dataclass(frozen=True)
class Links:
    lang: str
    here: str = ""  # the current page's site path
    static: bool = False

    def _folder(self) -> str:
        return posixpath.join(self.lang, self.here) if self.here else self.lang

    def _relative(self, target: str) -> str:
        return posixpath.relpath(target, self._folder())

    def page(self, path: str = "", lang: str | None = None) -> str:
        """A page of this site: `path` relative to the language root."""
        lang = lang or self.lang
        if self.static:
            folder = posixpath.join(lang, path) if path else lang
            return self._relative(posixpath.join(folder, "index.html"))
        return f"/{lang}/{path}" if path else f"/{lang}/"

    def file(self, path: str, lang: str | None = None) -> str:
        """A file of this site (JSON, Atom) relative to the language root, e.g. "countries/AM.json"."""
        lang = lang or self.lang
        return self._relative(posixpath.join(lang, path)) if self.static else f"/{lang}/{path}"

    def json(self) -> str:
        """The JSON twin of the current page."""
        return self.file(f"{self.here}.json") if self.here else self.file("index.json")

    def asset(self, name: str) -> str:
        return self._relative(posixpath.join("static", name)) if self.static else f"/static/{name}"

    def at(self, here: str) -> Links:
        return Links(self.lang, here, self.static)
