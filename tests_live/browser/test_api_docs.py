"""The API's documentation pages in a real browser: they ask no other site for anything and log no error."""

from urllib.parse import urlsplit

from playwright.sync_api import expect


def watch(page):
    """Record the hosts the page asks for and the errors its console logs."""
    seen = {"hosts": set(), "errors": []}

    def note(request):
        url = urlsplit(request.url)
        if url.scheme in ("http", "https"):  # data: pictures ask nobody
            seen["hosts"].add(url.netloc)

    page.on("request", note)
    page.on("response", lambda response: response.status >= 400 and seen["errors"].append(response.url))
    page.on("console", lambda message: message.type == "error" and seen["errors"].append(message.text))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    return seen


def test_redoc_asks_no_other_site_for_fonts_or_logos_and_logs_no_error(live_api, new_page):
    page = new_page()
    seen = watch(page)
    page.goto(live_api.url + "/api/redoc/")
    # The schema is built on its first request, which takes a few seconds on a busy machine.
    expect(page.get_by_role("heading", name="Stockroom API", exact=False).first).to_be_visible(timeout=30_000)
    expect(page.get_by_text("API docs by Redocly")).to_be_visible()
    page.wait_for_load_state("networkidle")
    # No screenshot: the whole Redoc page is 30,000 px tall, and drawing it took over 10 s on a busy machine.
    assert seen["hosts"] == {urlsplit(live_api.url).netloc}
    assert seen["errors"] == []


def test_swaggers_authorize_dialog_offers_the_token_first(live_api, new_page, steps):
    page = new_page()
    seen = watch(page)
    page.goto(live_api.url + "/api/docs/")
    page.get_by_role("button", name="Authorize").first.click()
    dialog = page.locator(".auth-container")
    expect(dialog.first).to_contain_text("knoxApiToken")
    expect(dialog.first).to_contain_text("Authorization: Token <token>")
    steps.shot(page, "swagger-authorize")
    assert seen["hosts"] == {urlsplit(live_api.url).netloc}
    assert seen["errors"] == []
