from django.core import mail

from accounts.mail import notify


def test_notify_sends_one_email_per_address_after_commit(
    db, coordinator, leader_a, django_capture_on_commit_callbacks, settings, tmp_path
):
    (tmp_path / "hello_subject.txt").write_text("Hei {{ recipient.first_name }}\n")
    (tmp_path / "hello_body.txt").write_text("Dette gjelder {{ thing }}.")
    # Assigned, not mutated, so Django rebuilds its template engines.
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    leader_a.email = "leder@example.org"

    with django_capture_on_commit_callbacks(execute=True):
        sent = notify([leader_a, "", "post@example.org"], "hello", {"thing": "avtalen"})
        assert mail.outbox == []

    assert sent == 2
    assert [m.to for m in mail.outbox] == [["leder@example.org"], ["post@example.org"]]
    assert mail.outbox[0].body == "Dette gjelder avtalen."
    assert "\n" not in mail.outbox[0].subject
