"""Comments on the agreement or a clause, replies and resolve; the other side is told
by e-mail."""

import pytest
from django.core import mail

from agreements import comments as agreement_comments
from agreements.models import Comment
from agreements.workflow import IllegalTransition

from ..factories import CoordinatorFactory, LeaderFactory, drafted_agreement


def clause_titled(agreement, title):
    return agreement.clauses.get(title=title)


def test_a_leaders_comment_on_a_clause_mails_the_coordinators(
    run_on_commit, agreement, leader_a, coordinator, other_coordinator, leader_b
):
    second = CoordinatorFactory(username="koordinator-2", municipality=agreement.municipality)
    clause = clause_titled(agreement, "Møter")
    comment = run_on_commit(
        agreement_comments.add_comment,
        agreement=agreement,
        by=leader_a,
        text="  Kan vi møtes i nærmiljøforumet?  ",
        clause=clause,
    )
    assert (comment.clause_key, comment.clause_title) == (clause.key, "Møter")
    assert comment.text == "Kan vi møtes i nærmiljøforumet?" and comment.author == leader_a
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.email, second.email])
    message = mail.outbox[0]
    assert message.subject == f"Ny kommentar på {agreement.title}"
    assert "punktet «Møter»" in message.body
    assert "Kan vi møtes i nærmiljøforumet?" in message.body
    assert f"/avtaler/{agreement.pk}/#kommentar-{comment.pk}" in message.body


def test_a_coordinators_reply_mails_the_centres_leaders(
    run_on_commit, agreement, leader_a, leader_b, coordinator
):
    second_leader = LeaderFactory(username="leder-a2", centre=agreement.centre)
    question = agreement_comments.add_comment(agreement=agreement, by=leader_a, text="Spørsmål?")
    mail.outbox.clear()
    reply = run_on_commit(
        agreement_comments.add_comment,
        agreement=agreement,
        by=coordinator,
        text="Svar.",
        parent=question,
    )
    assert reply.parent == question
    assert sorted(m.to[0] for m in mail.outbox) == sorted([leader_a.email, second_leader.email])
    assert f"#kommentar-{question.pk}" in mail.outbox[0].body


def test_a_comment_on_the_whole_agreement_has_no_clause(run_on_commit, agreement, coordinator):
    comment = run_on_commit(
        agreement_comments.add_comment, agreement=agreement, by=coordinator, text="Hei"
    )
    assert comment.clause_key is None and comment.clause_title == ""
    assert "har kommentert «" in mail.outbox[0].body


def test_a_reply_to_a_reply_joins_the_thread_and_its_clause(agreement, leader_a, coordinator):
    clause = clause_titled(agreement, "Formål")
    first = agreement_comments.add_comment(
        agreement=agreement, by=leader_a, text="1", clause=clause
    )
    second = agreement_comments.add_comment(
        agreement=agreement, by=coordinator, text="2", parent=first
    )
    third = agreement_comments.add_comment(
        agreement=agreement, by=leader_a, text="3", parent=second
    )
    assert third.parent == first and third.clause_key == clause.key
    threads = list(agreement_comments.comment_threads(agreement))
    assert threads == [first]
    assert [r.text for r in threads[0].replies.all()] == ["2", "3"]


def test_a_thread_keeps_its_clause_after_the_clause_is_renamed(agreement, leader_a):
    clause = clause_titled(agreement, "Formål")
    comment = agreement_comments.add_comment(
        agreement=agreement, by=leader_a, text="1", clause=clause
    )
    clause.title = "Hensikt"
    clause.save()
    assert Comment.objects.get(pk=comment.pk).clause_key == clause.key


@pytest.mark.parametrize("who", ["leader_b", "reader", "other_coordinator"])
def test_only_the_two_sides_may_comment(who, cast, agreement):
    with pytest.raises(IllegalTransition):
        agreement_comments.add_comment(agreement=agreement, by=cast[who], text="Hei")
    assert not agreement.comments.exists()


def test_either_side_resolves_a_thread_and_a_reply_reopens_it(agreement, leader_a, coordinator):
    thread = agreement_comments.add_comment(agreement=agreement, by=leader_a, text="Endre?")
    reply = agreement_comments.add_comment(
        agreement=agreement, by=coordinator, text="Ja", parent=thread
    )
    agreement_comments.resolve_comment(comment=reply, by=leader_a)
    thread.refresh_from_db()
    assert thread.is_resolved and thread.resolved_by == leader_a
    assert not Comment.objects.get(pk=reply.pk).is_resolved  # the thread is resolved as a whole

    agreement_comments.add_comment(
        agreement=agreement, by=coordinator, text="Likevel", parent=thread
    )
    thread.refresh_from_db()
    assert not thread.is_resolved and thread.resolved_by is None


@pytest.mark.parametrize("who", ["leader_b", "reader", "other_coordinator"])
def test_only_the_two_sides_may_resolve(who, cast, agreement, leader_a):
    thread = agreement_comments.add_comment(agreement=agreement, by=leader_a, text="Endre?")
    with pytest.raises(IllegalTransition):
        agreement_comments.resolve_comment(comment=thread, by=cast[who])
    thread.refresh_from_db()
    assert not thread.is_resolved


def test_comments_are_possible_in_every_state(signed_agreement, leader_a):
    agreement_comments.add_comment(
        agreement=signed_agreement, by=leader_a, text="Takk for samarbeidet"
    )
    assert signed_agreement.comments.count() == 1


def test_a_centre_without_leaders_is_mailed_at_its_own_address(
    run_on_commit, framework, centre_b, coordinator
):
    centre_b.email = "post@gulset.no"
    centre_b.save()
    agreement = drafted_agreement(centre_b, by=coordinator)
    run_on_commit(agreement_comments.add_comment, agreement=agreement, by=coordinator, text="Hei")
    assert [m.to for m in mail.outbox] == [["post@gulset.no"]]
