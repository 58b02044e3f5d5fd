"""Playwright on Debian's Chromium, with a screenshot of every step and of the page a test failed on."""

import re
import shutil

import pytest
from playwright.sync_api import sync_playwright

from tests_live.servers import ARTIFACTS

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
        context = browser.new_context()
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
