"""Editing an agreement in the browser's forms: fields and local clauses become a new
version; common clauses and the workflow's own fields cannot be set; two people saving
from the same version get a conflict page that keeps what the second one typed."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from agreements import transitions
from agreements.models import Agreement, AgreementClause

from ..factories import CoordinatorFactory, drafted_agreement
from .conftest import edit_post, fresh

S = Agreement.Status


@pytest.fixture
def with_local(agreement, coordinator):
    """Klyve's draft with two local clauses after the three common ones."""
    AgreementClause.objects.create(
        agreement=agreement, order=4, title="Nærmiljøforum", text="Kommunen møter i forumet."
    )
    AgreementClause.objects.create(
        agreement=agreement, order=5, title="Lokaler", text="Kommunen stiller lokaler."
    )
    return agreement


def edit_url(agreement):
    return reverse("agreements:edit", args=[agreement.pk])


def titles(agreement):
    return list(agreement.clauses.order_by("order").values_list("title", flat=True))


def test_the_edit_page_shows_the_fields_and_the_local_clauses_but_not_common_ones_as_fields(
    client_for, coordinator, with_local
):
    page = client_for(coordinator).get(edit_url(with_local)).content.decode()
    assert 'name="avtale-title"' in page and 'name="punkt-0-title"' in page
    assert 'value="Nærmiljøforum"' in page
    # The common clauses are shown as text, changed in the framework only.
    assert "Formål" in page and 'value="Formål"' not in page
    assert reverse("agreements:framework", args=["skien"]) in page


def test_saving_the_form_is_a_new_version_with_the_note(client_for, coordinator, with_local):
    data = edit_post(
        with_local,
        grant_amount=250000,
        clauses={0: {"text": "Kommunen møter i forumet to ganger i året."}},
        extra=[{"title": "Kontaktperson", "text": "Kari er kontakt.", "order": ""}],
    )
    data["note"] = "Tilskudd og kontaktperson"
    response = client_for(coordinator).post(edit_url(with_local), data)
    assert response.status_code == 302 and response.url == with_local.get_absolute_url()
    agreement = fresh(with_local)
    assert agreement.grant_amount == 250000 and agreement.revision == 1
    assert titles(agreement)[3:] == ["Nærmiljøforum", "Lokaler", "Kontaktperson"]
    assert agreement.clauses.get(title="Nærmiljøforum").text.endswith("to ganger i året.")
    version = agreement.versions.get(number=2)
    assert (version.created_by, version.note) == (coordinator, "Tilskudd og kontaktperson")


def test_local_clauses_move_by_their_number_and_can_be_deleted(client_for, coordinator, with_local):
    client = client_for(coordinator)
    client.post(
        edit_url(with_local), edit_post(with_local, clauses={0: {"order": 5}, 1: {"order": 4}})
    )
    assert titles(with_local) == ["Formål", "Forankring", "Møter", "Lokaler", "Nærmiljøforum"]

    extra = [{"title": "Rapport", "text": "Årlig rapport.", "order": ""}]
    client.post(
        edit_url(with_local), edit_post(with_local, clauses={0: {"DELETE": "on"}}, extra=extra)
    )
    assert titles(with_local) == ["Formål", "Forankring", "Møter", "Nærmiljøforum", "Rapport"]
    orders = list(with_local.clauses.order_by("order").values_list("order", flat=True))
    assert orders == [1, 2, 3, 4, 5]
    assert with_local.versions.count() == 3


@pytest.mark.parametrize("target", ["common clause", "another agreement's clause"])
def test_a_forged_row_cannot_change_a_clause_outside_the_local_ones(
    target, client_for, coordinator, with_local, centre_b
):
    if target == "common clause":
        victim = with_local.clauses.filter(kind="common").order_by("order").first()
    else:
        other = drafted_agreement(centre_b, by=coordinator)
        victim = AgreementClause.objects.create(agreement=other, order=9, title="Gulset", text="G")
    before = (victim.agreement_id, victim.kind, victim.title, victim.text)
    data = edit_post(with_local)
    data.update(
        {
            "punkt-TOTAL_FORMS": "3",
            "punkt-INITIAL_FORMS": "3",
            "punkt-2-id": str(victim.pk),
            "punkt-2-order": "1",
            "punkt-2-title": "Kapret",
            "punkt-2-text": "Kapret tekst.",
        }
    )
    client_for(coordinator).post(edit_url(with_local), data)
    victim.refresh_from_db()
    assert (victim.agreement_id, victim.kind, victim.title, victim.text) == before
    # Whatever the form made of the row, it is at most a local clause of this agreement.
    for clause in AgreementClause.objects.filter(title="Kapret"):
        assert (clause.agreement_id, clause.kind) == (with_local.pk, "local")


def test_the_workflows_own_fields_cannot_be_posted(client_for, coordinator, with_local, centre_b):
    data = edit_post(with_local, premises="Klyve skole")
    data.update(
        {
            "avtale-status": S.SIGNED,
            "avtale-signed_on": "2026-01-01",
            "avtale-centre": str(centre_b.pk),
            "avtale-revision": "99",
            "status": S.SIGNED,
        }
    )
    client_for(coordinator).post(edit_url(with_local), data)
    agreement = fresh(with_local)
    assert agreement.premises == "Klyve skole"
    assert agreement.status == S.DRAFT and agreement.signed_on is None
    assert agreement.centre == with_local.centre and agreement.revision == 1


def test_a_leader_cannot_edit_the_text(client_for, leader_a, with_local):
    client = client_for(leader_a)
    assert client.get(edit_url(with_local)).status_code == 403
    response = client.post(edit_url(with_local), edit_post(with_local, grant_amount=1))
    assert response.status_code == 403
    assert fresh(with_local).grant_amount is None and with_local.versions.count() == 1


def test_a_bad_period_is_explained_next_to_the_field_and_nothing_is_lost(
    client_for, coordinator, with_local
):
    data = edit_post(
        with_local,
        valid_from="2027-01-01",
        valid_to="2026-01-01",
        clauses={0: {"text": "Ny tekst jeg ikke vil miste."}},
    )
    response = client_for(coordinator).post(edit_url(with_local), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sluttdatoen kan ikke være før startdatoen (01.01.2027)." in page
    assert 'aria-describedby="' in page
    assert "Ny tekst jeg ikke vil miste." in page
    assert with_local.versions.count() == 1


def test_a_clause_needs_a_title_and_text(client_for, coordinator, with_local):
    data = edit_post(with_local, clauses={0: {"title": ""}})
    page = client_for(coordinator).post(edit_url(with_local), data).content.decode()
    assert "Punktet må ha en overskrift." in page
    assert fresh(with_local).revision == 0


def test_a_sent_agreement_is_not_edited(client_for, coordinator, with_local):
    data = edit_post(with_local, grant_amount=5)
    transitions.apply_transition(with_local, "send", by=coordinator)
    client = client_for(coordinator)
    response = client.get(edit_url(with_local))
    assert response.status_code == 302 and response.url == with_local.get_absolute_url()
    response = client.post(edit_url(with_local), data, follow=True)
    assert "kan ikke endres" in response.content.decode()
    assert fresh(with_local).grant_amount is None and with_local.versions.count() == 1


# --- two people at once ----------------------------------------------------------------


def hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def test_the_second_to_save_gets_a_conflict_that_keeps_their_input_and_can_save_again(
    with_local, coordinator
):
    colleague = CoordinatorFactory(
        username="kollega",
        first_name="Kari",
        last_name="Nordmann",
        municipality=coordinator.municipality,
    )
    mine, theirs = Client(), Client()
    mine.force_login(coordinator)
    theirs.force_login(colleague)
    url = edit_url(with_local)

    # Both open the form on version 1.
    my_form = mine.get(url).content.decode()
    their_form = theirs.get(url).content.decode()
    assert hidden(my_form, "revision") == hidden(their_form, "revision") == "0"
    assert hidden(my_form, "based_on") == "1"

    data = edit_post(with_local, clauses={1: {"text": "Kommunen stiller lokaler på Klyve skole."}})
    assert theirs.post(url, data).status_code == 302

    typed = edit_post(
        with_local,
        revision=0,
        based_on=1,
        meeting_frequency="Fire møter i året",
        clauses={0: {"text": "Kommunen møter i nærmiljøforumet hvert kvartal."}},
    )
    typed["note"] = "Oftere møter"
    conflict = mine.post(url, typed)
    page = conflict.content.decode()
    assert conflict.status_code == 409
    assert "Noen andre har lagret avtalen mens du skrev" in page
    assert "Kari Nordmann lagret avtalen" in page
    # What they changed: version 1 against their version 2, word by word.
    assert "Dette ble endret fra versjon 1 (som du begynte på) til versjon 2" in page
    assert "<ins" in page and "Klyve skole" in page
    # Everything I typed is still in the form, now on the newer revision.
    assert "Kommunen møter i nærmiljøforumet hvert kvartal." in page
    assert 'value="Fire møter i året"' in page and "Oftere møter" in page
    assert hidden(page, "revision") == "1" and hidden(page, "based_on") == "2"
    assert fresh(with_local).meeting_frequency != "Fire møter i året"

    resubmit = {**typed, "revision": hidden(page, "revision"), "based_on": hidden(page, "based_on")}
    assert mine.post(url, resubmit).status_code == 302

    agreement = fresh(with_local)
    assert agreement.meeting_frequency == "Fire møter i året" and agreement.revision == 2
    history = [(v.number, v.created_by) for v in agreement.versions.order_by("number")]
    assert history == [(1, coordinator), (2, colleague), (3, coordinator)]
    versions_page = mine.get(reverse("agreements:versions", args=[agreement.pk])).content.decode()
    assert "Kari Nordmann" in versions_page and "Oftere møter" in versions_page


def test_editing_a_clause_the_other_person_deleted_meanwhile_keeps_the_text(
    with_local, coordinator
):
    colleague = CoordinatorFactory(username="kollega", municipality=coordinator.municipality)
    mine, theirs = Client(), Client()
    mine.force_login(coordinator)
    theirs.force_login(colleague)
    url = edit_url(with_local)
    typed = edit_post(with_local, clauses={1: {"text": "Lokaler på Klyve skole, rom 2."}})
    assert theirs.post(url, edit_post(with_local, clauses={1: {"DELETE": "on"}})).status_code == 302
    assert not with_local.clauses.filter(title="Lokaler").exists()

    response = mine.post(url, typed)
    page = response.content.decode()
    assert response.status_code in (200, 409)
    # Told what happened, with the text still in the form to save again.
    assert "Lokaler på Klyve skole, rom 2." in page
    assert "Noen andre har lagret avtalen mens du skrev" in page
    again = {
        **typed,
        "revision": hidden(page, "revision"),
        "based_on": hidden(page, "based_on"),
    }
    mine.post(url, again)
    texts = list(with_local.clauses.values_list("text", flat=True))
    assert "Lokaler på Klyve skole, rom 2." in texts
