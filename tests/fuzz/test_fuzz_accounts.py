"""Fuzzed input into the account forms: logging in (LoginForm, behind django-axes), the
password change (PasswordChangeForm), asking for a new password (PasswordResetForm) and
setting it from the e-mail's link (SetPasswordForm); and the GET forms of the lists
(CentreFilter, MeetingFilterForm) and the language switch."""

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import example, given

from accounts.models import User

from .helpers import TRIED, assert_no_raw_payloads, post, rolled_back
from .strategies import bad_choices, fuzz_settings, fuzz_text


@fuzz_settings
@given(username=fuzz_text, password=fuzz_text, other=fuzz_text)
@example(username="koordinator\x00", password="x", other="")
@example(username="koordinator", password="\x00", other="")
@example(username="x" * 100_000, password="x" * 100_000, other="")
@example(username="koordinator", password="feil", other="\x00")
def test_login_with_fuzzed_credentials_is_refused_with_a_message(
    client, coordinator, username, password, other
):
    """`other` goes in the next field and the user agent, which django-axes records."""
    with rolled_back():
        data = {"username": username, "password": password, "next": other}
        agent = "".join(c for c in other if " " <= c <= "~")[:1000]
        answer = post(client, reverse("login"), data, counter="login", HTTP_USER_AGENT=agent)
        assert answer.response.status_code in (200, 403, 429)
        assert "_auth_user_id" not in client.session
        assert_no_raw_payloads(answer.html)


@fuzz_settings
@given(old=fuzz_text, new=fuzz_text)
@example(old="x\x00", new="Et langt nytt passord 2026")
@example(old="passord", new="Et langt nytt passord\x00")
def test_password_change_with_fuzzed_passwords(client_for, coordinator, old, new):
    coordinator.set_password("passord")
    coordinator.save()
    client = client_for(coordinator)
    with rolled_back():
        data = {"old_password": old, "new_password1": new, "new_password2": new}
        answer = post(client, reverse("password_change"), data, counter="password change")
        user = User.objects.get(pk=coordinator.pk)
        if answer.saved:
            # Passwords are never stripped: stored exactly as typed.
            assert user.check_password(new)
        else:
            assert answer.response.status_code == 200
            assert "is-invalid" in answer.html
            assert user.check_password("passord")


@fuzz_settings
@given(email=fuzz_text)
@example(email="koordinator@example.no\x00")
def test_password_reset_with_a_fuzzed_address(client, coordinator, email):
    with rolled_back():
        answer = post(client, reverse("password_reset"), {"email": email}, counter="password reset")
        assert answer.saved or "is-invalid" in answer.html


@fuzz_settings
@given(new=fuzz_text)
def test_new_password_from_the_link_with_fuzzed_text(client, coordinator, new):
    with rolled_back():
        uid = urlsafe_base64_encode(force_bytes(coordinator.pk))
        token = default_token_generator.make_token(coordinator)
        link = client.get(reverse("password_reset_confirm", args=[uid, token]))
        assert link.status_code == 302
        data = {"new_password1": new, "new_password2": new}
        answer = post(client, link.url, data, counter="password reset confirm")
        if answer.saved:
            assert User.objects.get(pk=coordinator.pk).check_password(new)
        else:
            assert "is-invalid" in answer.html


@fuzz_settings
@given(text=fuzz_text, choice=bad_choices)
def test_list_filters_and_the_language_switch_take_any_query(client_for, coordinator, text, choice):
    client = client_for(coordinator)
    with rolled_back():
        for url, query in (
            (
                reverse("centres:list"),
                {"q": text, "district": choice, "target_group": choice},
            ),
            (reverse("meetings:list"), {"year": choice, "kind": choice, "side": text}),
            (reverse("agreements:list"), {"status": choice}),
            (reverse("dashboard"), {"year": choice}),
        ):
            TRIED["list filters (GET)"] += 1
            response = client.get(url, query)
            assert response.status_code == 200
            assert_no_raw_payloads(response.content.decode())
        answer = post(
            client,
            reverse("set_language"),
            {"language": choice, "next": text},
            counter="language switch",
        )
        assert answer.response.status_code in (200, 302)
