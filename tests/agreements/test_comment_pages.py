"""Comments through the agreement page: on a clause or the whole agreement, replies and
resolve, the other side mailed, and bad input explained where it was typed."""

from django.core import mail
from django.urls import reverse

from agreements import comments as agreement_comments
from agreements import services
from agreements.models import Comment

from ..factories import AgreementClauseFactory, drafted_agreement


def add_url(agreement):
    return reverse("agreements:comment_add", args=[agreement.pk])


def test_leader_comments_on_a_clause_and_the_coordinator_is_mailed(
    client_for, leader_a, coordinator, agreement, django_capture_on_commit_callbacks
):
    clause = agreement.clauses.get(title="Møter")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(leader_a).post(
            add_url(agreement), {"text": "Kan vi møtes i nærmiljøforumet?", "clause": clause.key}
        )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response.url == f"{agreement.get_absolute_url()}#kommentar-{comment.pk}"
    assert (comment.clause_key, comment.author) == (clause.key, leader_a)
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    page = client_for(coordinator).get(agreement.get_absolute_url()).content.decode()
    assert "Kan vi møtes i nærmiljøforumet?" in page and f'id="kommentar-{comment.pk}"' in page


def test_coordinator_replies_and_the_leader_is_mailed(
    client_for, leader_a, leader_b, coordinator, agreement, django_capture_on_commit_callbacks
):
    thread = agreement_comments.add_comment(agreement=agreement, by=leader_a, text="Spørsmål")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            add_url(agreement), {"text": "Godt forslag.", "parent": thread.pk}
        )
    reply = Comment.objects.get(parent=thread)
    assert response.url.endswith(f"#kommentar-{thread.pk}")
    assert reply.author == coordinator and reply.text == "Godt forslag."
    assert [m.to for m in mail.outbox] == [[leader_a.email]]


def test_an_empty_comment_is_explained_by_its_own_form(client_for, leader_a, agreement):
    clause = agreement.clauses.get(title="Møter")
    response = client_for(leader_a).post(add_url(agreement), {"text": " ", "clause": clause.key})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Skriv en kommentar før du sender." in page
    assert f'aria-describedby="kommentar-punkt-{clause.key}-feil"' in page
    assert not Comment.objects.exists()


def test_a_too_long_comment_keeps_the_text(client_for, leader_a, agreement):
    text = "Lang kommentar. " * 300
    response = client_for(leader_a).post(add_url(agreement), {"text": text})
    page = response.content.decode()
    assert response.status_code == 400 and "høyst 4000 tegn" in page
    assert "Lang kommentar. Lang kommentar." in page
    assert not Comment.objects.exists()


def test_a_clause_or_thread_of_another_agreement_is_refused(
    client_for, leader_a, coordinator, agreement, centre_b
):
    other = drafted_agreement(centre_b, by=coordinator)
    foreign_thread = agreement_comments.add_comment(agreement=other, by=coordinator, text="Gulset")
    client = client_for(leader_a)
    # Common clauses share the framework's keys, so a local clause of the other agreement.
    clause = AgreementClauseFactory(agreement=other, title="Gulsets eget punkt")
    response = client.post(add_url(agreement), {"text": "Hei", "clause": clause.key})
    assert response.status_code == 400
    response = client.post(add_url(agreement), {"text": "Hei", "parent": foreign_thread.pk})
    assert response.status_code == 400
    assert agreement.comments.count() == 0


def test_a_comment_on_a_clause_deleted_meanwhile_is_explained_and_kept(
    client_for, leader_a, coordinator, agreement
):
    clause = AgreementClauseFactory(agreement=agreement, order=4, title="Lokaler")
    # The leader has the page open; meanwhile the coordinator deletes the clause.
    clause.delete()
    response = client_for(leader_a).post(
        add_url(agreement), {"text": "Lokalene er for små.", "clause": clause.key}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Punktet finnes ikke lenger i avtalen." in page
    assert "Lokalene er for små." in page
    assert not Comment.objects.exists()


def test_either_side_marks_a_thread_resolved(client_for, leader_a, coordinator, agreement):
    thread = agreement_comments.add_comment(
        agreement=agreement, by=coordinator, text="Er dette greit?"
    )
    url = reverse("agreements:comment_resolve", args=[agreement.pk, thread.pk])
    page = client_for(leader_a).get(agreement.get_absolute_url()).content.decode()
    assert url in page
    response = client_for(leader_a).post(url)
    assert response.url.endswith(f"#kommentar-{thread.pk}")
    thread.refresh_from_db()
    assert thread.is_resolved and thread.resolved_by == leader_a
    page = client_for(coordinator).get(agreement.get_absolute_url()).content.decode()
    assert "Løst" in page and url not in page


def test_a_comment_of_another_agreement_cannot_be_resolved_through_this_one(
    client_for, coordinator, agreement, centre_b
):
    other = drafted_agreement(centre_b, by=coordinator)
    thread = agreement_comments.add_comment(agreement=other, by=coordinator, text="Gulset")
    url = reverse("agreements:comment_resolve", args=[agreement.pk, thread.pk])
    assert client_for(coordinator).post(url).status_code == 404
    thread.refresh_from_db()
    assert not thread.is_resolved


def test_a_reader_sees_the_comments_of_a_signed_agreement_without_forms(
    client_for, reader, leader_a, signed_agreement
):
    agreement_comments.add_comment(
        agreement=signed_agreement, by=leader_a, text="Takk for samarbeidet"
    )
    page = client_for(reader).get(signed_agreement.get_absolute_url()).content.decode()
    assert "Takk for samarbeidet" in page
    assert add_url(signed_agreement) not in page


def test_the_list_counts_open_comment_threads(client_for, coordinator, leader_a, agreement):
    agreement_comments.add_comment(agreement=agreement, by=leader_a, text="1")
    resolved = agreement_comments.add_comment(agreement=agreement, by=leader_a, text="2")
    agreement_comments.resolve_comment(comment=resolved, by=coordinator)
    listing = client_for(coordinator).get(reverse("agreements:list")).content.decode()
    assert "1 åpen" in listing and "2 åpne" not in listing


def test_a_clause_keeps_its_comments_when_the_new_framework_text_is_taken_in(
    client_for, leader_a, coordinator, agreement, framework
):
    meetings = agreement.clauses.get(title="Møter")
    agreement_comments.add_comment(
        agreement=agreement, by=leader_a, text="Oftere møter?", clause=meetings
    )
    framework.clauses.filter(title="Møter").update(text="Partene møtes to ganger i året.")
    services.save_framework(
        framework=framework, by=coordinator, revision=framework.revision, apply_changes=lambda: None
    )
    services.adopt_framework(agreement=agreement, by=coordinator, revision=0)
    assert agreement.clauses.get(title="Møter").pk != meetings.pk  # a new row, the same key
    html = client_for(coordinator).get(agreement.get_absolute_url()).content.decode()
    clause_part = html[html.index("Partene møtes to ganger i året.") :]
    assert "Oftere møter?" in clause_part
    assert "ikke lenger i avtalen" not in html
