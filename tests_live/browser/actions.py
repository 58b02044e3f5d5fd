"""What a person does in the browser again and again: register, log in, move around, log out."""

from playwright.sync_api import expect

PASSWORD = "Sup3r-secret-pw"


def register(page, base_url, username):
    """Sign up from the front door; the new account lands on its items, logged in."""
    page.goto(base_url + "/")
    page.get_by_role("link", name="Register").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", name="Items")).to_be_visible()


def go_to(page, section):
    """Follow a link of the main navigation (breadcrumbs name the same sections)."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name=section, exact=True).click()


def log_out(page):
    """Open the account menu under the username and press "Log out"."""
    page.locator(".account-menu > summary").click()
    page.get_by_role("button", name="Log out").click()
