"""Quick checks of the agreement pages as a coordinator and a leader use them: every page
renders, the forms save and keep what was typed when they cannot, and the agreement page
and the list cost the same number of queries however much history there is."""

import datetime

import pytest
from django.urls import reverse

from agreements import comments as agreement_comments
from agreements import services, transitions
from agreements.models import Agreement, AgreementClause, Comment

from ..conftest import QueryCount
from .conftest import fresh


def edit_data(agreement, **changes):
    """The edit form as the page renders it, with `changes` on top."""
    local = list(agreement.clauses.filter(kind="local").order_by("order"))
    latest = agreement.versions.order_by("-number").first()
    data = {
        "revision": agreement.revision,
        "based_on": latest.number,
        "avtale-title": agreement.title,
        "avtale-valid_from": agreement.valid_from.isoformat(),
        "avtale-valid_to": agreement.valid_to.isoformat(),
        "avtale-municipality_signatory": "Kari Ordfører",
        "avtale-municipality_signatory_title": "Kommunalsjef",
        "avtale-centre_signatory": agreement.centre_signatory,
        "avtale-centre_signatory_title": agreement.centre_signatory_title,
        "avtale-grant_amount": "350000",
        "avtale-premises": "",
        "avtale-contact_person": "",
        "avtale-meeting_frequency": "",
        "punkt-TOTAL_FORMS": len(local) + 1,
        "punkt-INITIAL_FORMS": len(local),
        "punkt-MIN_NUM_FORMS": 0,
        "punkt-MAX_NUM_FORMS": 1000,
        "note": "",
    }
    for i, clause in enumerate(local):
        data.update(
            {
                f"punkt-{i}-id": clause.pk,
                f"punkt-{i}-agreement": agreement.pk,
                f"punkt-{i}-order": clause.order,
                f"punkt-{i}-title": clause.title,
                f"punkt-{i}-text": clause.text,
            }
        )
    n = len(local)
    data.update({f"punkt-{n}-agreement": agreement.pk, f"punkt-{n}-order": ""})
    data.update(changes)
    return data


def test_pages_render_for_coordinator(client_for, coordinator, agreement):
    client = client_for(coordinator)
    for url in [
        reverse("agreements:list"),
        reverse("agreements:create"),
        reverse("agreements:detail", args=[agreement.pk]),
        reverse("agreements:edit", args=[agreement.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert "Send til sentralen" in page and "Felles ramme" in page


def test_create_refuses_a_centre_of_another_municipality(
    client_for, coordinator, framework, centre_a, other_centre
):
    client = client_for(coordinator)
    url = reverse("agreements:create")
    data = {"centre": other_centre.pk, "valid_from": "2027-01-01", "valid_to": "2028-12-31"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Velg en av kommunens frivilligsentraler." in response.content.decode()
    data = {"centre": centre_a.pk, "valid_from": "2027-01-01", "valid_to": "2026-12-31"}
    response = client.post(url, data)
    assert "Sluttdatoen kan ikke være før startdatoen" in response.content.decode()
    data["valid_to"] = "2028-12-31"
    response = client.post(url, data)
    created = Agreement.objects.get(centre=centre_a)
    assert response["Location"] == created.get_absolute_url()


def test_edit_saves_adds_reorders_and_deletes_local_clauses(client_for, coordinator, agreement):
    client = client_for(coordinator)
    url = reverse("agreements:edit", args=[agreement.pk])
    data = edit_data(agreement)
    data.update({"punkt-0-title": "Møter i nærmiljøforum", "punkt-0-text": "Kommunen møter."})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = fresh(agreement)
    assert agreement.grant_amount == 350000 and agreement.revision == 1
    local = agreement.clauses.filter(kind="local").get()
    common_count = agreement.clauses.filter(kind="common").count()
    assert local.order == common_count + 1
    data = edit_data(agreement)
    data.update({"punkt-1-title": "Først", "punkt-1-text": "Ny tekst", "punkt-1-order": "1"})
    client.post(url, data)
    titles = list(agreement.clauses.filter(kind="local").order_by("order").values_list("title"))
    assert titles == [("Først",), ("Møter i nærmiljøforum",)]
    assert list(agreement.clauses.filter(kind="common").values_list("order", flat=True)) == list(
        range(1, common_count + 1)
    )
    data = edit_data(fresh(agreement), **{"punkt-0-DELETE": "on"})
    client.post(url, data)
    assert agreement.clauses.filter(kind="local").count() == 1


def test_edit_errors_are_shown_and_nothing_typed_is_lost(client_for, coordinator, agreement):
    client = client_for(coordinator)
    data = edit_data(agreement, **{"avtale-valid_to": "2000-01-01", "avtale-premises": "Rom 2"})
    response = client.post(reverse("agreements:edit", args=[agreement.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sluttdatoen kan ikke være før startdatoen" in page and "Rom 2" in page
    assert fresh(agreement).revision == 0


def test_stale_edit_shows_who_saved_and_goes_through_on_the_second_save(
    client_for, coordinator, admin_user, agreement
):
    data = edit_data(agreement, **{"avtale-premises": "Mitt forslag"})
    theirs = fresh(agreement)

    def change():
        theirs.meeting_frequency = "Hver måned"
        theirs.save(update_fields=["meeting_frequency"])

    services.save_agreement(agreement=theirs, by=admin_user, revision=0, apply_changes=change)
    client = client_for(coordinator)
    url = reverse("agreements:edit", args=[agreement.pk])
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Mitt forslag" in page and "måned" in page and "Møter mellom partene" in page
    assert 'name="revision" value="1"' in page
    data["revision"], data["based_on"] = 1, 2
    response = client.post(url, data)
    assert response.status_code == 302
    assert fresh(agreement).premises == "Mitt forslag"
    assert agreement.versions.count() == 3


def test_leader_comments_and_approves(client_for, leader_a, coordinator, agreement):
    transitions.apply_transition(agreement, "send", by=coordinator)
    client = client_for(leader_a)
    detail = reverse("agreements:detail", args=[agreement.pk])
    assert "Godkjenn for sentralen" in client.get(detail).content.decode()
    clause = agreement.clauses.first()
    add = reverse("agreements:comment_add", args=[agreement.pk])
    response = client.post(add, {"text": "", "clause": str(clause.key)})
    assert response.status_code == 400
    assert "Skriv en kommentar før du sender." in response.content.decode()
    response = client.post(add, {"text": "Kan vi møtes oftere?", "clause": str(clause.key)})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.clause_key == clause.key
    client_for(coordinator).post(add, {"text": "Ja.", "parent": comment.pk})
    client = client_for(leader_a)
    client.post(reverse("agreements:comment_resolve", args=[agreement.pk, comment.pk]))
    assert Comment.objects.get(pk=comment.pk).is_resolved
    transition = reverse("agreements:transition", args=[agreement.pk, "request_changes"])
    response = client.post(transition, {"comment": ""})
    assert response.status_code == 400 and fresh(agreement).status == "sent"
    client.post(reverse("agreements:transition", args=[agreement.pk, "approve_centre"]))
    assert fresh(agreement).status == Agreement.Status.APPROVED_BY_CENTRE


def test_reader_may_not_comment_and_other_leader_sees_nothing(
    client_for, reader, leader_b, signed_agreement
):
    add = reverse("agreements:comment_add", args=[signed_agreement.pk])
    assert client_for(reader).post(add, {"text": "Hei"}).status_code == 403
    assert client_for(leader_b).post(add, {"text": "Hei"}).status_code == 404
    detail = reverse("agreements:detail", args=[signed_agreement.pk])
    assert client_for(leader_b).get(detail).status_code == 404
    assert client_for(reader).get(detail).status_code == 200


def test_mark_signed_takes_the_date(client_for, coordinator, agreement):
    Agreement.objects.filter(pk=agreement.pk).update(status="approved_by_municipality")
    client = client_for(coordinator)
    url = reverse("agreements:transition", args=[agreement.pk, "mark_signed"])
    client.post(url, {"signed_on": "2026-01-15"})
    assert fresh(agreement).signed_on == datetime.date(2026, 1, 15)


def test_pdf_downloads(client_for, coordinator, agreement):
    response = client_for(coordinator).get(reverse("agreements:pdf", args=[agreement.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="samarbeidsavtale-')
    assert response.content[:4] == b"%PDF"


# The suite's one query counter (tests/conftest.py): GET, 200, the count.
count_queries = QueryCount().get


@pytest.mark.parametrize("user", ["coordinator", "leader_a"])
def test_agreement_page_costs_the_same_however_long_the_history(cast, client_for, user, agreement):
    client = client_for(cast[user])
    url = reverse("agreements:detail", args=[agreement.pk])
    coordinator = cast["coordinator"]
    # One of each, so the prefetches that run only when there is something are counted.
    first = agreement_comments.add_comment(agreement=agreement, by=coordinator, text="Første")
    agreement_comments.add_comment(
        agreement=agreement, by=cast["leader_a"], text="Svar", parent=first
    )
    client.get(url)
    before = count_queries(client, url)
    for n in range(50):
        services.save_agreement(
            agreement=fresh(agreement), by=coordinator, revision=n, apply_changes=lambda: None
        )
    clause = agreement.clauses.first()
    AgreementClause.objects.create(agreement=agreement, title="Ekstra", text="Tekst", order=99)
    for n in range(5):
        parent = agreement_comments.add_comment(
            agreement=agreement, by=coordinator, text=f"K{n}", clause=clause
        )
        agreement_comments.add_comment(
            agreement=agreement, by=cast["leader_a"], text="Svar", parent=parent
        )
    transitions.apply_transition(agreement, "send", by=coordinator)
    transitions.apply_transition(agreement, "withdraw", by=coordinator)
    after = count_queries(client, url)
    print(f"agreement page queries for {user}: {before} -> {after}")
    assert after == before


def test_list_costs_the_same_however_many_agreements(
    client_for, coordinator, framework, centre_a, centre_b, agreement
):
    client = client_for(coordinator)
    url = reverse("agreements:list")
    client.get(url)
    before = count_queries(client, url)
    services.create_agreement(
        centre=centre_b,
        by=coordinator,
        valid_from=datetime.date(2027, 1, 1),
        valid_to=datetime.date(2028, 12, 31),
    )
    after = count_queries(client, url)
    print(f"list queries: {before} -> {after}")
    assert after == before


def test_outdated_agreement_shows_what_differs_and_takes_in_the_new_text(
    client_for, coordinator, framework, agreement
):
    from agreements.models import FrameworkClause

    def reword():
        clause = FrameworkClause.objects.filter(framework=framework).first()
        clause.text = "Helt ny felles tekst."
        clause.save()

    services.save_framework(
        framework=framework, by=coordinator, revision=framework.revision, apply_changes=reword
    )
    client = client_for(coordinator)
    detail = reverse("agreements:detail", args=[agreement.pk])
    page = client.get(detail).content.decode()
    assert "Felles ramme er endret" in page and "Helt" in page
    adopt = reverse("agreements:adopt_framework", args=[agreement.pk])
    response = client.post(adopt, {"revision": 7}, follow=True)
    assert "etter at du åpnet siden" in response.content.decode()
    response = client.post(adopt, {"revision": 0}, follow=True)
    assert "Den nye teksten fra felles ramme er tatt inn" in response.content.decode()
    assert agreement.clauses.filter(text="Helt ny felles tekst.").exists()


def test_renewal_starts_a_new_draft(client_for, coordinator, agreement):
    Agreement.objects.filter(pk=agreement.pk).update(status=Agreement.Status.ACTIVE)
    client = client_for(coordinator)
    response = client.post(reverse("agreements:renew", args=[agreement.pk]))
    renewal = Agreement.objects.get(renewal_of=agreement)
    assert response["Location"] == renewal.get_absolute_url()
    page = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert renewal.get_absolute_url() in page
