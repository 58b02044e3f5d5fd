"""A user's account in a real browser over both live servers: change the email and the password (and see the
other browser signed out), reset a forgotten password through the mailed link, sign out a device, and delete
the account. Every account page is looked at on a phone and a desktop, light and dark."""

import secrets

from playwright.sync_api import expect

from tests_live.browser.actions import PASSWORD, log_in, open_account, register

NEW_PASSWORD = "An0ther-secret-pw"
RESET_PASSWORD = "Th1rd-secret-pw"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.1 Mobile/15E148 Safari/604.1"
)
ENDED_ELSEWHERE = "You were signed out because this session was ended elsewhere"


def test_a_user_manages_their_account_across_two_browsers(live_api, live_client, new_page, steps):
    base = live_client.url
    username = f"acct-{secrets.token_hex(3)}"
    desk = new_page()
    register(desk, base, username)
    phone = new_page(user_agent=IPHONE, viewport={"width": 390, "height": 844})
    log_in(phone, base, username)

    open_account(desk)
    expect(desk.get_by_role("cell", name="Mobile Safari on iOS", exact=True)).to_be_visible()
    expect(desk.get_by_text("This device", exact=True)).to_be_visible()
    steps.look(desk, "account")

    desk.get_by_role("link", name="Change email address").click()
    steps.look(desk, "email-form")
    desk.get_by_label("Email address").fill(f"{username}-new@example.com")
    desk.get_by_role("button", name="Save email address").click()
    expect(desk.get_by_text(f"Your email address is now {username}-new@example.com.")).to_be_visible()

    desk.get_by_role("link", name="Change password").click()
    desk.get_by_label("Current password").fill("not-my-password")
    desk.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    desk.get_by_label("Confirm new password").fill(NEW_PASSWORD)
    desk.get_by_role("button", name="Change password").click()
    expect(desk.locator("[data-error-summary]")).to_be_focused()
    steps.look(desk, "password-form-error")
    desk.get_by_label("Current password").fill(PASSWORD)
    desk.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    desk.get_by_label("Confirm new password").fill(NEW_PASSWORD)
    desk.get_by_role("button", name="Change password").click()
    expect(desk.get_by_text("You were signed out on every other device.")).to_be_visible()
    steps.look(desk, "account-after-password-change")

    phone.goto(base + "/items/")
    expect(phone.get_by_text(ENDED_ELSEWHERE)).to_be_visible()
    steps.look(phone, "phone-signed-out-elsewhere")
    log_in(phone, base, username, NEW_PASSWORD, remember=True)

    desk.reload()
    row = desk.get_by_role("row").filter(has_text="Mobile Safari on iOS")
    row.get_by_role("button", name="Sign out").click()
    expect(desk.get_by_text("Signed out Mobile Safari on iOS.")).to_be_visible()
    phone.goto(base + "/categories/")
    expect(phone.get_by_text(ENDED_ELSEWHERE)).to_be_visible()

    address = f"{username}-new@example.com"
    mails = len(live_api.mailbox.messages_to(address))
    phone.get_by_role("link", name="Forgot your password?").click()
    steps.look(phone, "reset-request")
    phone.get_by_label("Email address").fill(address)
    phone.get_by_role("button", name="Send the link").click()
    expect(phone.get_by_role("heading", name="Check your email")).to_be_visible()
    steps.look(phone, "reset-sent")
    link = live_api.mailbox.reset_link(address, count=mails + 1)
    phone.goto(link["url"])
    expect(phone).to_have_url(f"{base}/password-reset/{link['uid']}/set-password/")
    steps.look(phone, "reset-set-password")
    phone.get_by_label("New password", exact=True).fill(RESET_PASSWORD)
    phone.get_by_label("Confirm new password").fill(RESET_PASSWORD)
    phone.get_by_role("button", name="Set password").click()
    expect(phone.get_by_text("Your password was reset. Log in with your new password.")).to_be_visible()
    phone.goto(link["url"])
    expect(phone.get_by_role("heading", name="This link no longer works")).to_be_visible()
    steps.look(phone, "reset-link-dead")

    log_in(phone, base, username, RESET_PASSWORD)
    open_account(phone)
    phone.get_by_role("link", name="Delete account").click()
    expect(phone.get_by_role("heading", name="Delete your account?")).to_be_visible()
    steps.look(phone, "delete-confirm")
    phone.get_by_label("Your password").fill("wrong-password")
    phone.get_by_role("button", name="Delete my account").click()
    expect(phone.locator("[data-error-summary]")).to_be_focused()
    phone.get_by_label("Your password").fill(RESET_PASSWORD)
    phone.get_by_role("button", name="Delete my account").click()
    expect(phone.get_by_text("Your account and everything in it were deleted.")).to_be_visible()
    steps.look(phone, "deleted")

    desk.goto(base + "/items/")
    expect(desk.get_by_role("heading", name="Log in")).to_be_visible()
