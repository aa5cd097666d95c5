"""Accounts in the browser: an administrator creates a user, who changes their password (and
their other sessions end); a head invites a member, who accepts in another browser; the user
form refused to others. The demo users keep their passwords (other areas sign them in)."""

from typing import Any

from tests.browser.conftest import check_page, new_context, sign_in

NEW_PASSWORD = "lantern-harbour-meadow"


def _problem(page: Any, message: str) -> None:
    """The error summary shows ``message`` (waiting for the form HTMX swaps in, or the page)."""
    from playwright.sync_api import expect

    expect(page.get_by_role("alert")).to_contain_text(message)


def _notice(page: Any, message: str) -> None:
    from playwright.sync_api import expect

    expect(page.get_by_role("status")).to_contain_text(message)


def test_an_administrator_creates_a_user_who_changes_their_password(browser: Any, site: str, monkeypatch: Any) -> None:
    admin = new_context(browser, site)
    page = admin.new_page()
    sign_in(page, "admin")
    page.goto("/admin/users")
    assert page.title() == "New user — Administration — coordina"
    check_page(page, "accounts-new-user")
    page.get_by_label("User name").fill("kofi mensah")
    page.get_by_label("Full name").fill("Kofi Mensah")
    page.get_by_label("First password").fill("password123")
    page.get_by_role("button", name="Create the user").click()
    _problem(page, "no spaces")
    assert page.get_by_label("Full name").input_value() == "Kofi Mensah"  # nothing typed is lost
    page.get_by_label("User name").fill("kofi_mensah")
    page.get_by_label("First password").fill("password123")
    page.get_by_role("button", name="Create the user").click()
    _problem(page, "most commonly used")
    page.get_by_label("First password").fill("first-password-for-kofi")
    page.get_by_role("button", name="Create the user").click()
    _notice(page, "The user kofi_mensah is created")
    page.goto("/invitations")  # an administrator invites heads of delegation, of any party
    page.get_by_label("Delegation").select_option(label="India–Brazil Social Security Agreement — delegation of BR")
    assert page.get_by_label("Role").locator("option").all_inner_texts() == ["Choose a role", "Head of delegation"]
    page.get_by_label("Role").select_option(label="Head of delegation")
    page.get_by_role("button", name="Make the invitation").click()
    _notice(page, "Role: Head of delegation. Delegation: BR.")
    admin.close()

    first, second = new_context(browser, site), new_context(browser, site)
    plain = new_context(browser, site, java_script_enabled=False)
    here, there, without_js = first.new_page(), second.new_page(), plain.new_page()
    for browsing in (here, there, without_js):
        sign_in(browsing, "kofi_mensah", "first-password-for-kofi")
    here.goto("/account")
    assert here.title() == "Your account — Accounts — coordina"
    assert "You take part in no negotiation yet" in here.locator("main").inner_text()
    check_page(here, "accounts-account")
    here.get_by_role("link", name="Change your password").click()
    here.wait_for_url("**/account/password")
    check_page(here, "accounts-password")
    here.get_by_label("Current password").fill("not my password at all")
    here.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    here.get_by_label("New password again").fill(NEW_PASSWORD)
    here.get_by_role("button", name="Change password").click()
    _problem(here, "Your current password is wrong")
    check_page(here, "accounts-password-error")
    monkeypatch.setenv("COORDINA_LOGIN_MAX_FAILURES", "1")  # the failure above now throttles the account
    without_js.goto("/account/password")
    without_js.get_by_label("Current password").fill("first-password-for-kofi")
    without_js.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    without_js.get_by_label("New password again").fill(NEW_PASSWORD)
    with without_js.expect_response(lambda r: r.request.method == "POST") as sent:
        without_js.get_by_role("button", name="Change password").click()
    assert sent.value.status == 429 and int(sent.value.headers["retry-after"]) > 0
    _problem(without_js, "Too many failed sign-ins")
    monkeypatch.delenv("COORDINA_LOGIN_MAX_FAILURES")
    here.get_by_label("Current password").fill("first-password-for-kofi")
    here.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    here.get_by_label("New password again").fill(NEW_PASSWORD)
    here.get_by_role("button", name="Change password").click()
    here.wait_for_url("**/account?done=password")
    _notice(here, "Your password is changed")  # still signed in here

    there.goto("/account")  # the other session has ended: the sign-in page, then back
    assert "/signin" in there.url
    sign_in(there, "kofi_mensah", NEW_PASSWORD)
    without_js.goto("/account")
    assert "/signin" in without_js.url
    for context in (first, second, plain):
        context.close()


def test_a_head_invites_a_member_who_accepts_in_another_browser(browser: Any, site: str) -> None:
    head = new_context(browser, site)
    page = head.new_page()
    sign_in(page, "priya_nair")
    page.goto("/invitations")
    assert page.title() == "Invite someone — Accounts — coordina"
    check_page(page, "accounts-invitations")
    page.get_by_role("button", name="Make the invitation").click()
    _problem(page, "Choose the delegation")
    page.get_by_label("Delegation").select_option(label="India–Brazil Social Security Agreement — delegation of IN")
    page.get_by_label("Role").select_option(label="Member of the delegation")
    page.get_by_role("button", name="Make the invitation").click()
    page.get_by_role("status").wait_for()
    link = page.get_by_label("Acceptance link").input_value()
    assert "/invitations/accept?token=" in link
    check_page(page, "accounts-invitation-made")
    head.close()

    invitee = new_context(browser, site)
    page = invitee.new_page()
    assert page.goto(link).headers["cache-control"] == "no-store"  # the address holds the token
    assert page.title() == "Accept an invitation — Accounts — coordina"
    check_page(page, "accounts-accept")
    page.get_by_label("User name").fill("arjun_rao")
    page.get_by_label("Full name").fill("Arjun Rao")
    page.get_by_label("Password").fill("arjun_rao-2026-pass")
    page.get_by_role("button", name="Create my account").click()
    _problem(page, "does not contain the user name")
    check_page(page, "accounts-accept-error")
    page.get_by_label("Password").fill("monsoon-ledger-quartz")
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url("**/account?done=welcome")
    assert page.locator("header .account").get_by_text("arjun_rao").count() == 1
    row = page.get_by_role("row", name="India–Brazil Social Security Agreement")
    assert "IN" in row.inner_text() and "Member of the delegation" in row.inner_text()
    check_page(page, "accounts-welcome")
    invitee.close()

    again = new_context(browser, site)
    page = again.new_page()
    page.goto(link)  # an invitation serves once
    page.get_by_label("User name").fill("someone_else")
    page.get_by_label("Full name").fill("Someone Else")
    page.get_by_label("Password").fill("monsoon-ledger-quartz")
    page.get_by_role("button", name="Create my account").click()
    _problem(page, "already accepted")
    page.get_by_label("Invitation token").fill("no-such-token")
    page.get_by_label("Password").fill("monsoon-ledger-quartz")  # a password is never sent back
    page.get_by_role("button", name="Create my account").click()
    _problem(page, "token is unknown")
    again.close()


def test_only_administrators_create_users_and_only_heads_invite(browser: Any, site: str) -> None:
    context = new_context(browser, site)
    page = context.new_page()
    page.goto("/account")
    assert "/signin?next=%2Faccount" in page.url
    sign_in(page, "ilo_adviser")
    response = page.goto("/admin/users")
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "Not allowed"
    assert "Only an administrator may do this." in page.locator("main").inner_text()
    check_page(page, "accounts-admin-refused")
    page.goto("/invitations")  # a facilitator heads no delegation
    assert "you cannot invite anyone" in page.locator("main").inner_text()
    page.goto("/account")
    row = page.get_by_role("row", name="India–Brazil Social Security Agreement")
    assert "Facilitator" in row.inner_text()
    context.close()

    spanish = new_context(browser, site, locale="es-ES")
    page = spanish.new_page()
    page.goto("/invitations/accept")
    assert page.get_by_role("heading", level=1).inner_text() == "Aceptar una invitación"
    spanish.close()
