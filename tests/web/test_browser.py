"""The web app in a real browser (Debian's chromium, driven by Playwright): the interview in
Russian for the example deserter in Armenia, with JavaScript off and on.

Checked: the ranking equals the engine's, a source quote opens from every card, no request
leaves the app's origin, inputs are labelled, headings are in order, and an error is tied to
its field. Screenshots (phone and desktop width) go to test-artifacts/screenshots/.
Without /usr/bin/chromium the tests are skipped, and fail under CI (CI=true).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from ausweg.engine.assess import assess
from ausweg.knowledge.base import Knowledge
from ausweg.profile_io import example_profile
from tests.web.conftest import AS_OF

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SHOTS = ROOT / "test-artifacts" / "screenshots"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"browser tests need {reason} (`make test` installs chromium with apt-get)")
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} (Debian's chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


class _Page(HTMLParser):
    """What the accessibility checks need from a page's HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.controls: list[dict[str, str]] = []
        self.label_for: set[str] = set()
        self.ids: dict[str, str] = {}
        self._open_id: list[str] = []
        self._label_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag == "label":
            self._label_depth += 1
            if found.get("for"):
                self.label_for.add(found["for"])
        if tag in ("input", "select", "textarea") and found.get("type") not in ("hidden", "submit", "button"):
            self.controls.append({**found, "_in_label": "1" if self._label_depth else ""})
        if "id" in found:
            self.ids[found["id"]] = ""
            self._open_id.append(found["id"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._label_depth -= 1

    def handle_data(self, data: str) -> None:
        for open_id in self._open_id[-1:]:
            self.ids[open_id] += data


def check_accessibility(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    assert page.headings and page.headings[0] == 1, page.headings
    for previous, current in zip(page.headings, page.headings[1:]):
        assert current <= previous + 1, f"heading h{current} after h{previous}"
    for control in page.controls:
        labelled = control.get("id") in page.label_for or control["_in_label"] or control.get("aria-label")
        assert labelled or control.get("aria-labelledby"), f"unlabelled {control}"
    return page


def _answer_step(page: Any, answers: list[tuple[str, str]]) -> None:
    form = page.locator("form.interview")
    for name, value in answers:
        choice = form.locator(f'input[type=radio][name="{name}"][value="{value}"], '
                              f'input[type=checkbox][name="{name}"][value="{value}"]')
        if choice.count():
            choice.first.check()
        elif form.locator(f'select[name="{name}"]').count():
            form.locator(f'select[name="{name}"]').select_option(value)
        elif form.locator(f'input[type=number][name="{name}"]').count():
            form.locator(f'input[name="{name}"]').fill(value)
        elif form.locator(f'input[name="{name}:other"]').count():
            form.locator(f'input[name="{name}:other"]').fill(value)


def _ranked(knowledge: Knowledge, day: dt.date) -> list[str]:
    result = assess(example_profile("deserter"), day, "ru", knowledge=knowledge)
    return [d.country for d in result.destinations if d.deep and d.rating != "not_realistic"]


def _walk(browser: Any, server: str, knowledge: Knowledge, deserter_form: list[tuple[str, str]], javascript: bool,
          viewport: str) -> None:
    context = browser.new_context(java_script_enabled=javascript, viewport=VIEWPORTS[viewport], locale="ru-RU")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    tag = f"{'js' if javascript else 'nojs'}-{viewport}"
    page.goto(f"{server}/ru/interview")
    check_accessibility(page.content())
    page.screenshot(path=str(SHOTS / f"{tag}-interview.png"), full_page=True)
    # A bad citizenship code: the error is tied to its field, and the step is shown again.
    page.fill('input[name="citizenship:other"]', "ZZZ")
    page.click('button[name="go"][value="next"]')
    field = page.locator("#f-citizenship-other")
    assert field.get_attribute("aria-invalid") == "true"
    described = (field.get_attribute("aria-describedby") or "").split()
    assert "f-citizenship-error" in described and page.locator("#f-citizenship-error").inner_text().strip()
    check_accessibility(page.content())
    page.screenshot(path=str(SHOTS / f"{tag}-interview-error.png"), full_page=True)
    page.fill('input[name="citizenship:other"]', "")
    for _ in range(10):  # the steps, answered as the example deserter
        if page.locator("article.card, h1:has-text('Оценка')").count():
            break
        _answer_step(page, deserter_form)
        check_accessibility(page.content())
        page.locator("form.interview button.primary").click()
    assert "Оценка" in page.locator("h1").inner_text()
    page.fill("#as-of", AS_OF.isoformat())
    page.locator("#as-of").locator("xpath=..").locator("button[type=submit]").click()
    assert AS_OF.isoformat() in page.locator("h1").inner_text()
    check_accessibility(page.content())
    cards = page.locator("article.card")
    assert [card.get_attribute("id") for card in cards.all()] == [f"d-{code}" for code in _ranked(knowledge, AS_OF)]
    assert "d-AM" in [card.get_attribute("id") for card in cards.all()]
    for card in cards.all():
        card.locator("details.sources > summary").first.click()
        quote = card.locator("details.sources[open] blockquote").first
        assert quote.is_visible() and quote.inner_text().strip()
    page.screenshot(path=str(SHOTS / f"{tag}-result.png"), full_page=True)
    outside = [url for url in requests if not url.startswith(server + "/")]
    assert not outside, outside
    context.close()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("javascript", [False, True], ids=["javascript-off", "javascript-on"])
def test_interview_in_russian_for_a_deserter_in_armenia(
    browser: Any, server: str, knowledge: Knowledge, deserter_form: list[tuple[str, str]], javascript: bool,
    viewport: str,
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    _walk(browser, server, knowledge, deserter_form, javascript, viewport)
    print(f"\nscreenshots: {SHOTS}")


def test_quick_exit_leaves_without_loading_anything_from_elsewhere(browser: Any, server: str) -> None:
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server) else route.abort())
    page.goto(f"{server}/ru/")
    link = page.locator("#quick-exit")
    assert link.is_visible() and link.get_attribute("rel") == "noreferrer noopener"
    assert [url for url in requests if not url.startswith(server)] == []
    with page.expect_request(lambda request: not request.url.startswith(server)):
        link.click()
    assert page.evaluate("history.length") <= 2  # location.replace: the page is not kept in history
    context.close()
