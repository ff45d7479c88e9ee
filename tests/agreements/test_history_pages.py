"""The version pages: the history, one version as it was, two versions compared word
by word (marked with <ins>/<del> and hidden words, not by colour alone), and restoring."""

import pytest
from django.urls import reverse

from agreements import services, transitions
from agreements.models import AgreementClause

from .conftest import fresh


@pytest.fixture
def three_versions(agreement, coordinator, leader_a):
    """v1 as created; v2 adds a local clause and rewords «Møter»; v3 moves the local
    clause to the top and removes «Forankring»."""

    def v2():
        AgreementClause.objects.create(
            agreement=agreement, order=4, title="Nærmiljøforum", text="Kommunen møter i forumet."
        )
        meetings = agreement.clauses.get(title="Møter")
        meetings.text = "Partene møtes to ganger hvert år og et besøk på sentralen."
        meetings.save()

    def v3():
        agreement.clauses.get(title="Forankring").delete()
        forum = agreement.clauses.get(title="Nærmiljøforum")
        forum.order = 0
        forum.save()

    services.save_agreement(
        agreement=agreement, by=coordinator, revision=0, apply_changes=v2, note="Nærmiljøforum"
    )
    services.save_agreement(agreement=agreement, by=coordinator, revision=1, apply_changes=v3)
    return fresh(agreement)


def get(client, name, agreement, *args, query=""):
    response = client.get(reverse(f"agreements:{name}", args=[agreement.pk, *args]) + query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_history_lists_every_version_newest_first(client_for, leader_a, three_versions):
    page = get(client_for(leader_a), "versions", three_versions)
    for number in (1, 2, 3):
        assert reverse("agreements:version", args=[three_versions.pk, number]) in page
    assert "Nærmiljøforum" in page  # the note of version 2
    assert page.index(reverse("agreements:version", args=[three_versions.pk, 3])) < page.index(
        reverse("agreements:version", args=[three_versions.pk, 1])
    )


def test_a_version_shows_the_text_as_it_was(client_for, leader_a, three_versions):
    page = get(client_for(leader_a), "version", three_versions, 1)
    assert "Forankring" in page and "Nærmiljøforum" not in page
    assert "Partene møtes til et fellesmøte hvert år" in page


def test_an_unknown_version_is_not_found(client_for, coordinator, three_versions):
    url = reverse("agreements:version", args=[three_versions.pk, 99])
    assert client_for(coordinator).get(url).status_code == 404


def test_comparing_two_versions_marks_words_added_and_removed(client_for, leader_a, three_versions):
    page = get(client_for(leader_a), "compare", three_versions, query="?fra=1&til=2")
    assert "Versjon 1 og 2 sammenlignet" in page
    assert "<ins>" in page and "<del>" in page
    # Not by colour alone: each mark says what it is to a screen reader.
    assert '<span class="visually-hidden">lagt til: </span>' in page
    assert '<span class="visually-hidden">fjernet: </span>' in page
    assert "Nytt punkt" in page and "Nærmiljøforum" in page
    assert "Endret" in page and "ganger" in page


def test_comparing_shows_removed_and_moved_clauses(client_for, coordinator, three_versions):
    page = get(client_for(coordinator), "compare", three_versions, query="?fra=2&til=3")
    assert "Fjernet punkt" in page and "Forankring" in page
    assert "Flyttet fra punkt 4 til punkt 1" in page


def test_versions_picked_the_wrong_way_round_are_compared_older_first(
    client_for, coordinator, three_versions
):
    page = get(client_for(coordinator), "compare", three_versions, query="?fra=3&til=1")
    assert "Versjon 1 og 3 sammenlignet" in page


def test_by_default_the_latest_is_compared_with_the_one_before(
    client_for, coordinator, three_versions
):
    assert "Versjon 2 og 3 sammenlignet" in get(client_for(coordinator), "compare", three_versions)


@pytest.mark.parametrize(
    "query, message",
    [
        ("?fra=1&til=1", "Velg to ulike versjoner"),
        ("?fra=1&til=77", "«77» er ikke en av versjonene"),
        ("?fra=abc&til=2", "er ikke en av versjonene"),
    ],
)
def test_a_bad_choice_of_versions_is_explained(
    query, message, client_for, coordinator, three_versions
):
    page = get(client_for(coordinator), "compare", three_versions, query=query)
    assert message in page and "<ins>" not in page


def test_an_agreement_with_one_version_has_nothing_to_compare(client_for, coordinator, agreement):
    page = get(client_for(coordinator), "compare", agreement)
    assert "bare én versjon" in page


def test_restoring_asks_first_and_shows_what_changes(client_for, coordinator, three_versions):
    page = get(client_for(coordinator), "version_restore", three_versions, 1)
    assert "Forankring" in page and 'name="revision" value="2"' in page
    assert three_versions.versions.count() == 3


def test_restoring_an_old_version_makes_it_the_newest(client_for, coordinator, three_versions):
    url = reverse("agreements:version_restore", args=[three_versions.pk, 1])
    response = client_for(coordinator).post(url, {"revision": 2})
    assert response.status_code == 302 and response.url == three_versions.get_absolute_url()
    newest = three_versions.versions.order_by("-number").first()
    assert newest.number == 4 and newest.note == "Gjenopprettet fra versjon 1"
    assert newest.snapshot == three_versions.versions.get(number=1).snapshot
    assert "Gjenopprettet fra versjon 1" in get(client_for(coordinator), "versions", three_versions)


def test_restoring_from_a_stale_page_restores_nothing(client_for, coordinator, three_versions):
    url = reverse("agreements:version_restore", args=[three_versions.pk, 1])
    response = client_for(coordinator).post(url, {"revision": 1}, follow=True)
    assert "ingenting er gjenopprettet" in response.content.decode()
    assert three_versions.versions.count() == 3


def test_a_sent_agreement_cannot_be_restored(client_for, coordinator, three_versions):
    transitions.apply_transition(three_versions, "send", by=coordinator)
    client = client_for(coordinator)
    url = reverse("agreements:version_restore", args=[three_versions.pk, 1])
    assert client.get(url).status_code == 302
    response = client.post(url, {"revision": 2}, follow=True)
    assert "kan ikke" in response.content.decode()
    assert three_versions.versions.count() == 3


def test_a_leader_is_not_offered_a_restore(client_for, leader_a, three_versions):
    page = get(client_for(leader_a), "version", three_versions, 1)
    assert reverse("agreements:version_restore", args=[three_versions.pk, 1]) not in page
