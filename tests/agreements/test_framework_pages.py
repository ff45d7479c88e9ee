"""The framework pages: reading it, editing it as a new version (with the conflict of
two editors), comparing versions, and which agreements build on an older version."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from agreements import services
from agreements.models import Agreement, Framework, FrameworkClause

from ..factories import CoordinatorFactory, drafted_agreement
from .conftest import framework_post


def url(name, slug="skien"):
    return reverse(f"agreements:{name}", args=[slug])


def page(client, name, query=""):
    response = client.get(url(name) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_everyone_in_the_municipality_reads_the_framework(client_for, leader_b, framework):
    html = page(client_for(leader_b), "framework")
    for title in ("Formål", "Forankring", "Møter"):
        assert title in html
    assert "Versjon 1" in html
    assert url("framework_edit") not in html


def test_the_coordinator_is_invited_to_write_the_first_framework(
    client_for, coordinator, municipality
):
    html = page(client_for(coordinator), "framework")
    assert "Det finnes ingen felles ramme ennå" in html and url("framework_edit") in html


def test_the_first_save_is_version_one(client_for, coordinator, municipality):
    framework = services.framework_for(municipality)
    data = framework_post(
        framework,
        extra=[
            {"order": "1", "title": "Formål", "text": "Samarbeid."},
            {"order": "2", "title": "Møter", "text": "Ett møte i året."},
        ],
    )
    response = client_for(coordinator).post(url("framework_edit"), data)
    assert response.status_code == 302
    framework.refresh_from_db()
    assert framework.current_version.number == 1
    assert [c["title"] for c in framework.current_version.clauses] == ["Formål", "Møter"]


def test_an_edit_is_a_new_version_and_moves_clauses_by_number(client_for, coordinator, framework):
    data = framework_post(
        framework,
        clauses={0: {"order": "3"}, 2: {"order": "1", "text": "To møter i året."}},
        note="Møter først",
    )
    response = client_for(coordinator).post(url("framework_edit"), data)
    assert response.status_code == 302 and response.url == url("framework")
    framework.refresh_from_db()
    version = framework.current_version
    assert (version.number, version.note, version.created_by) == (2, "Møter først", coordinator)
    assert [c["title"] for c in version.clauses] == ["Møter", "Forankring", "Formål"]
    assert version.clauses[0]["text"] == "To møter i året."


def test_a_framework_needs_at_least_one_clause(client_for, coordinator, framework):
    data = framework_post(framework, clauses={i: {"DELETE": "on"} for i in range(3)})
    response = client_for(coordinator).post(url("framework_edit"), data)
    assert response.status_code == 200
    assert "Den felles rammen må ha minst ett punkt." in response.content.decode()
    assert framework.versions.count() == 1


def test_a_leader_cannot_edit_the_framework(client_for, leader_a, framework):
    data = framework_post(framework, introduction="Kapret")
    assert client_for(leader_a).post(url("framework_edit"), data).status_code == 403
    assert Framework.objects.get().introduction != "Kapret"


def test_a_goal_of_another_municipality_cannot_anchor_a_clause(
    client_for, coordinator, framework, other_municipality
):
    from ..factories import GoalFactory, PlanFactory

    foreign = GoalFactory(plan=PlanFactory(municipality=other_municipality))
    data = framework_post(framework, clauses={0: {"goal": foreign.pk}})
    response = client_for(coordinator).post(url("framework_edit"), data)
    assert response.status_code == 200
    assert FrameworkClause.objects.filter(goal=foreign).count() == 0


def hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def test_the_second_framework_editor_gets_a_conflict_and_keeps_their_input(framework, coordinator):
    colleague = CoordinatorFactory(
        username="kollega",
        first_name="Kari",
        last_name="Nordmann",
        municipality=coordinator.municipality,
    )
    mine, theirs = Client(), Client()
    mine.force_login(coordinator)
    theirs.force_login(colleague)
    stale = framework_post(framework, clauses={2: {"text": "Fire møter i året, ett i forumet."}})
    theirs.post(
        url("framework_edit"), framework_post(framework, clauses={0: {"text": "Nytt formål."}})
    )

    response = mine.post(url("framework_edit"), stale)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Noen andre lagret rammen mens du skrev" in html and "Kari Nordmann" in html
    assert "Fire møter i året, ett i forumet." in html
    assert hidden(html, "revision") == str(Framework.objects.get().revision)

    again = {**stale, "revision": hidden(html, "revision"), "based_on": hidden(html, "based_on")}
    # What the conflict page holds in its fields now, as the browser would post it.
    again.update(dict(re.findall(r'name="(clauses-\d+-text)"[^>]*>\s*([^<]*)<', html)))
    assert mine.post(url("framework_edit"), again).status_code == 302
    framework = Framework.objects.get()
    history = [(v.number, v.created_by) for v in framework.versions.order_by("number")]
    assert history == [(1, coordinator), (2, colleague), (3, coordinator)]
    texts = [c["text"] for c in framework.current_version.clauses]
    assert "Fire møter i året, ett i forumet." in texts
    # Their change, in a clause I left alone, was taken into my form and survives.
    assert "Nytt formål." in texts


def test_framework_versions_are_compared_word_by_word(client_for, leader_a, framework, coordinator):
    FrameworkClause.objects.filter(framework=framework, title="Møter").update(
        text="Partene møtes to ganger i året."
    )
    services.save_framework(
        framework=framework, by=coordinator, revision=framework.revision, apply_changes=lambda: None
    )
    html = page(client_for(leader_a), "framework_compare", "?fra=1&til=2")
    assert "<ins>" in html and "<del>" in html and "ganger" in html


def test_the_framework_lists_the_agreements_on_an_older_version(
    client_for, coordinator, leader_b, framework, centre_a, centre_b
):
    klyve = drafted_agreement(centre_a, by=coordinator)
    gulset = drafted_agreement(centre_b, by=coordinator, status=Agreement.Status.EXPIRED)
    client = client_for(coordinator)
    assert "Alle avtalene du har tilgang til, bygger på gjeldende versjon" in page(
        client, "framework"
    )
    FrameworkClause.objects.filter(framework=framework, title="Møter").update(text="Oftere.")
    services.save_framework(
        framework=framework, by=coordinator, revision=framework.revision, apply_changes=lambda: None
    )
    html = page(client, "framework")
    assert "Avtaler som bygger på en eldre versjon" in html
    assert klyve.get_absolute_url() in html and "1 punkt endret" in html
    assert gulset.get_absolute_url() not in html  # expired: nothing to take in
    # A leader sees only the own centre's agreements there.
    assert klyve.get_absolute_url() not in page(client_for(leader_b), "framework")


@pytest.mark.parametrize("slug", ["drammen", "finnes-ikke"])
def test_another_municipalitys_framework_is_not_found(
    slug, client_for, coordinator, framework, other_municipality
):
    assert client_for(coordinator).get(url("framework", slug)).status_code == 404


def test_editing_a_framework_clause_deleted_meanwhile_keeps_the_text(framework, coordinator):
    colleague = CoordinatorFactory(username="kollega", municipality=coordinator.municipality)
    mine, theirs = Client(), Client()
    mine.force_login(coordinator)
    theirs.force_login(colleague)
    typed = framework_post(framework, clauses={2: {"text": "Fire møter i året."}})
    deleted = framework_post(framework, clauses={2: {"DELETE": "on"}})
    assert theirs.post(url("framework_edit"), deleted).status_code == 302

    response = mine.post(url("framework_edit"), typed)
    html = response.content.decode()
    assert "Fire møter i året." in html
    assert "Noen andre lagret rammen mens du skrev" in html
