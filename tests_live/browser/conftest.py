"""Playwright on Debian's Chromium, with a screenshot of every step and of the page a test failed on."""

import re
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from tests_live.servers import ARTIFACTS

# A phone and a desktop (UI.md): every page is looked at in both, light and dark.
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")
SERIOUS = {"serious", "critical"}

CHROMIUM = "/usr/bin/chromium"
# Chromium's background services try to reach Google; on a closed network they only add noise and delay.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can tell a failure."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    """Launch one headless Chromium for the whole suite."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Steps:
    """Numbered screenshots of a test's steps, in artifacts/screenshots/<test>/."""

    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    def shot(self, page, name: str) -> None:
        """Save the page as the next numbered step."""
        self.count += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(self.folder / f"{self.count:02d}-{name}.png"), full_page=True)

    def look(self, page, name: str) -> None:
        """Save the page at each width in each colour scheme, checking that it never scrolls sideways and that
        axe-core finds no serious or critical violation; the viewport is left at the desktop width, light."""
        self.count += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        problems = []
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                suffix = f"{width}" + ("-dark" if scheme == "dark" else "")
                page.screenshot(path=str(self.folder / f"{self.count:02d}-{name}-{suffix}.png"), full_page=True)
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                if overflow > 0:
                    problems.append(f"{name} at {suffix}: scrolls sideways by {overflow}px")
                for violation in Axe().run(page).response["violations"]:
                    if violation["impact"] in SERIOUS:
                        targets = [node["target"] for node in violation["nodes"]][:3]
                        problems.append(f"{name} at {suffix}: {violation['id']} ({violation['impact']}) {targets}")
        page.emulate_media(color_scheme="light")
        assert not problems, "\n".join(problems)


@pytest.fixture
def steps(request):
    """Return the step recorder of this test, its folder emptied of an earlier run's screenshots."""
    folder = ARTIFACTS / "screenshots" / re.sub(r"[^\w.-]", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    return Steps(folder)


@pytest.fixture
def new_page(browser, request, steps):
    """Return a factory of pages, each in its own browser context (its own cookies, as another person)."""
    contexts = []

    def make():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    for context in contexts:
        if failed:
            for page in context.pages:
                steps.shot(page, "FAILED")
        context.close()
