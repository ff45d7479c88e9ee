"""The agreement page and its workflow through HTTP: the list, creating, the buttons
each side gets, taking transitions, renewing and taking in a new framework."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from agreements import comments as agreement_comments
from agreements import services, transitions
from agreements.models import Agreement, AgreementClause, FrameworkClause

from ..factories import CoordinatorFactory, TargetGroupFactory, drafted_agreement
from .conftest import fresh

S = Agreement.Status


def detail(client, agreement):
    response = client.get(reverse("agreements:detail", args=[agreement.pk]))
    assert response.status_code == 200
    return response.content.decode()


def transition(client, agreement, action, **data):
    return client.post(reverse("agreements:transition", args=[agreement.pk, action]), data)


def action_url(agreement, action):
    return reverse("agreements:transition", args=[agreement.pk, action])


# --- list and create -------------------------------------------------------------------


def test_the_list_groups_by_status_and_filters(client_for, coordinator, agreement, centre_b):
    gulset = drafted_agreement(centre_b, by=coordinator, status=S.APPROVED_BY_CENTRE)
    client = client_for(coordinator)
    page = client.get(reverse("agreements:list")).content.decode()
    assert agreement.get_absolute_url() in page and gulset.get_absolute_url() in page
    assert "Sentralen har godkjent: godkjenn for kommunen" in page  # what waits for the user
    approved = client.get(reverse("agreements:list") + "?status=approved_by_centre")
    assert gulset.get_absolute_url() in approved.content.decode()
    assert agreement.get_absolute_url() not in approved.content.decode()


def test_the_list_shows_which_agreements_use_an_older_framework(
    client_for, coordinator, agreement, framework
):
    client = client_for(coordinator)
    assert "eldre" not in client.get(reverse("agreements:list")).content.decode().lower()
    services.save_framework(
        framework=framework, by=coordinator, revision=framework.revision, apply_changes=lambda: None
    )
    assert "eldre" in client.get(reverse("agreements:list")).content.decode().lower()


def test_coordinator_creates_a_draft_from_the_framework_and_profile(
    client_for, coordinator, framework, centre_b
):
    TargetGroupFactory(centre=centre_b, rank=1, name="Seniorer")
    client = client_for(coordinator)
    form = client.get(reverse("agreements:create") + f"?sentral={centre_b.pk}").content.decode()
    assert centre_b.name in form
    response = client.post(
        reverse("agreements:create"),
        {"centre": centre_b.pk, "valid_from": "2027-01-01", "valid_to": "2028-12-31", "title": ""},
    )
    agreement = Agreement.objects.get(centre=centre_b)
    assert response.status_code == 302 and response.url == agreement.get_absolute_url()
    assert agreement.status == S.DRAFT and agreement.created_by == coordinator
    assert agreement.framework_version == framework.current_version
    assert [c.title for c in agreement.clauses.order_by("order")][-1] == "Målgrupper"
    assert agreement.valid_from == datetime.date(2027, 1, 1)


def test_a_municipality_without_centres_is_told_so_instead_of_an_empty_choice(client_for, db):
    page = client_for(CoordinatorFactory()).get(reverse("agreements:create")).content.decode()
    assert "Kommunen har ingen aktive frivilligsentraler i portalen ennå" in page
    assert "Lag utkast" not in page


def test_an_agreement_cannot_be_made_with_another_municipalitys_centre(
    client_for, coordinator, other_centre
):
    response = client_for(coordinator).post(
        reverse("agreements:create"),
        {"centre": other_centre.pk, "valid_from": "2027-01-01", "valid_to": "2028-12-31"},
    )
    assert response.status_code == 200
    assert "Velg en av kommunens frivilligsentraler." in response.content.decode()
    assert not Agreement.objects.exists()


def test_a_period_that_ends_before_it_starts_is_refused_with_the_input_kept(
    client_for, coordinator, centre_a
):
    response = client_for(coordinator).post(
        reverse("agreements:create"),
        {
            "centre": centre_a.pk,
            "valid_from": "2027-01-01",
            "valid_to": "2026-12-31",
            "title": "Min",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Sluttdatoen kan ikke være før startdatoen" in page
    assert 'value="Min"' in page and 'value="2026-12-31"' in page
    assert not Agreement.objects.exists()


# --- the agreement page ----------------------------------------------------------------


def test_the_page_shows_the_numbered_clauses_and_which_are_common(client_for, leader_a, agreement):
    page = detail(client_for(leader_a), agreement)
    assert agreement.title in page
    for title in ("Formål", "Forankring", "Møter"):
        assert title in page
    assert "Felles ramme" in page


@pytest.mark.parametrize(
    "status, who, shown, hidden",
    [
        (S.DRAFT, "coordinator", ["send"], ["approve_centre"]),
        (S.DRAFT, "leader_a", [], ["send", "approve_centre"]),
        (S.SENT, "leader_a", ["request_changes", "approve_centre"], ["withdraw", "send"]),
        (S.SENT, "coordinator", ["withdraw"], ["approve_centre", "approve_municipality"]),
        (S.APPROVED_BY_CENTRE, "coordinator", ["approve_municipality"], ["mark_signed"]),
        (S.APPROVED_BY_MUNICIPALITY, "coordinator", ["mark_signed"], ["send"]),
        (S.APPROVED_BY_MUNICIPALITY, "leader_a", [], ["mark_signed"]),
        (S.SIGNED, "reader", [], ["send", "mark_signed", "withdraw"]),
    ],
)
def test_each_side_gets_the_buttons_of_its_transitions(
    status, who, shown, hidden, cast, client_for, agreement
):
    Agreement.objects.filter(pk=agreement.pk).update(status=status)
    page = detail(client_for(cast[who]), agreement)
    for action in shown:
        assert action_url(agreement, action) in page, action
    for action in hidden:
        assert action_url(agreement, action) not in page, action


def test_only_the_municipality_gets_the_edit_button_and_only_in_a_draft(
    client_for, coordinator, leader_a, agreement
):
    edit = reverse("agreements:edit", args=[agreement.pk])
    assert edit in detail(client_for(coordinator), agreement)
    assert edit not in detail(client_for(leader_a), agreement)
    transitions.apply_transition(agreement, "send", by=coordinator)
    assert edit not in detail(client_for(coordinator), agreement)


def test_the_page_survives_an_author_whose_account_was_deleted(
    client_for, admin_user, agreement, coordinator, leader_a
):
    thread = agreement_comments.add_comment(agreement=agreement, by=leader_a, text="Et spørsmål")
    agreement_comments.resolve_comment(comment=thread, by=coordinator)
    transitions.apply_transition(agreement, "send", by=coordinator)
    coordinator.delete()  # created_by, updated_by, the version's and the event's author: null
    client = client_for(admin_user)
    assert client.get(reverse("agreements:detail", args=[agreement.pk])).status_code == 200
    assert client.get(reverse("agreements:version", args=[agreement.pk, 1])).status_code == 200
    assert client.get(reverse("agreements:versions", args=[agreement.pk])).status_code == 200


def test_the_page_says_who_took_each_step(client_for, coordinator, leader_a, agreement):
    coordinator.first_name, coordinator.last_name = "Kari", "Koordinator"
    coordinator.save()
    transitions.apply_transition(agreement, "send", by=coordinator)
    transitions.apply_transition(
        agreement, "request_changes", by=leader_a, comment="Ta med nærmiljøforumet."
    )
    page = detail(client_for(leader_a), agreement)
    assert "Sendt til sentralen" in page and "Kari Koordinator" in page
    assert "Sentralen ba om endringer" in page and "Ta med nærmiljøforumet." in page


# --- transitions -----------------------------------------------------------------------


def test_sending_moves_the_agreement_records_it_and_mails_the_leader(
    client_for, coordinator, leader_a, agreement, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = transition(client, agreement, "send")
    assert response.status_code == 302 and response.url == agreement.get_absolute_url()
    assert fresh(agreement).status == S.SENT
    event = agreement.events.get()
    assert (event.action, event.by) == ("send", coordinator)
    assert [m.to for m in mail.outbox] == [[leader_a.email]]
    page = client.get(response.url).content.decode()
    assert "Sendt til sentralen" in page


def test_sending_twice_sends_once_and_says_why(client_for, coordinator, agreement):
    client = client_for(coordinator)
    transition(client, agreement, "send")
    response = transition(client, agreement, "send")
    assert response.status_code == 302
    assert agreement.events.count() == 1
    page = client.get(response.url).content.decode()
    assert "så dette kan ikke gjøres nå" in page


def test_leader_cannot_approve_for_the_municipality_through_the_page(
    client_for, leader_a, agreement
):
    Agreement.objects.filter(pk=agreement.pk).update(status=S.APPROVED_BY_CENTRE)
    response = transition(client_for(leader_a), agreement, "approve_municipality")
    assert response.status_code in (302, 403)
    assert fresh(agreement).status == S.APPROVED_BY_CENTRE and not agreement.events.exists()


def test_asking_for_changes_needs_a_comment_and_keeps_the_page(client_for, leader_a, agreement):
    Agreement.objects.filter(pk=agreement.pk).update(status=S.SENT)
    client = client_for(leader_a)
    response = transition(client, agreement, "request_changes", comment="  ")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Skriv hva som bør endres" in page and 'aria-invalid="true"' in page
    assert fresh(agreement).status == S.SENT

    transition(client, agreement, "request_changes", comment="Ta med nærmiljøforumet.")
    assert fresh(agreement).status == S.CHANGES_REQUESTED
    assert agreement.events.get().comment == "Ta med nærmiljøforumet."


def test_marking_signed_records_the_date_given(client_for, coordinator, agreement):
    Agreement.objects.filter(pk=agreement.pk).update(status=S.APPROVED_BY_MUNICIPALITY)
    signed_on = timezone.localdate() - datetime.timedelta(days=2)
    transition(client_for(coordinator), agreement, "mark_signed", signed_on=signed_on.isoformat())
    agreement = fresh(agreement)
    assert agreement.status == S.SIGNED and agreement.signed_on == signed_on


def test_the_whole_way_from_draft_to_signed(client_for, coordinator, leader_a, agreement):
    transition(client_for(coordinator), agreement, "send")
    transition(client_for(leader_a), agreement, "approve_centre")
    transition(client_for(coordinator), agreement, "approve_municipality")
    transition(client_for(coordinator), agreement, "mark_signed")
    assert fresh(agreement).status == S.SIGNED
    steps = [(e.action, e.by) for e in agreement.events.all()]
    assert steps == [
        ("send", coordinator),
        ("approve_centre", leader_a),
        ("approve_municipality", coordinator),
        ("mark_signed", coordinator),
    ]


def test_a_post_is_needed_to_take_a_transition(client_for, coordinator, agreement):
    assert client_for(coordinator).get(action_url(agreement, "send")).status_code == 405
    assert fresh(agreement).status == S.DRAFT


# --- renewal and the framework ---------------------------------------------------------


def test_coordinator_renews_an_active_agreement(client_for, coordinator, agreement):
    Agreement.objects.filter(pk=agreement.pk).update(status=S.ACTIVE)
    page = detail(client_for(coordinator), agreement)
    assert reverse("agreements:renew", args=[agreement.pk]) in page
    response = client_for(coordinator).post(reverse("agreements:renew", args=[agreement.pk]))
    renewal = agreement.renewals.get()
    assert response.url == renewal.get_absolute_url() and renewal.status == S.DRAFT
    page = detail(client_for(coordinator), agreement)
    assert renewal.get_absolute_url() in page
    assert reverse("agreements:renew", args=[agreement.pk]) not in page


def test_a_draft_is_offered_the_new_framework_text_and_takes_it_in(
    client_for, coordinator, leader_a, agreement, framework
):
    FrameworkClause.objects.filter(framework=framework, title="Møter").update(
        text="Partene møtes to ganger i året."
    )
    services.save_framework(
        framework=framework, by=coordinator, revision=framework.revision, apply_changes=lambda: None
    )
    adopt = reverse("agreements:adopt_framework", args=[agreement.pk])
    page = detail(client_for(coordinator), agreement)
    assert "Felles ramme er endret" in page and adopt in page
    assert "ganger" in page and "<ins" in page  # what differs, shown before taking it in
    assert adopt not in detail(client_for(leader_a), agreement)

    response = client_for(coordinator).post(adopt, {"revision": 0})
    assert response.status_code == 302
    agreement = fresh(agreement)
    assert agreement.framework_version == framework.current_version
    assert agreement.clauses.get(title="Møter").text == "Partene møtes to ganger i året."
    assert "Felles ramme er endret" not in detail(client_for(coordinator), agreement)


def test_taking_in_the_framework_from_a_stale_page_does_nothing(
    client_for, coordinator, agreement, framework
):
    services.save_framework(
        framework=framework, by=coordinator, revision=framework.revision, apply_changes=lambda: None
    )
    services.save_agreement(
        agreement=agreement, by=coordinator, revision=0, apply_changes=lambda: None
    )
    client = client_for(coordinator)
    response = client.post(
        reverse("agreements:adopt_framework", args=[agreement.pk]), {"revision": 0}, follow=True
    )
    assert "Ikke gjort" in response.content.decode()
    assert fresh(agreement).framework_version_id != framework.current_version_id


@pytest.mark.parametrize("action", ["activate", "flag_renewal", "expire", "mark_renewed"])
def test_the_portals_own_transitions_cannot_be_posted(action, client_for, admin_user, agreement):
    Agreement.objects.filter(pk=agreement.pk).update(status=S.ACTIVE)
    response = transition(client_for(admin_user), agreement, action)
    assert response.status_code in (302, 403)
    assert fresh(agreement).status == S.ACTIVE and not agreement.events.exists()


def test_an_unknown_action_changes_nothing(client_for, coordinator, agreement):
    response = transition(client_for(coordinator), agreement, "publiser")
    assert response.status_code in (302, 400, 404)
    assert fresh(agreement).status == S.DRAFT and not agreement.events.exists()


def test_a_leader_cannot_set_the_signing_date_by_posting_it(client_for, leader_a, agreement):
    Agreement.objects.filter(pk=agreement.pk).update(status=S.SENT)
    transition(client_for(leader_a), agreement, "approve_centre", signed_on="2020-01-01")
    agreement = fresh(agreement)
    assert agreement.status == S.APPROVED_BY_CENTRE and agreement.signed_on is None
    transition(client_for(leader_a), agreement, "mark_signed", signed_on="2020-01-01")
    assert fresh(agreement).signed_on is None


def test_typed_markup_is_shown_as_text_everywhere(client_for, coordinator, leader_a, agreement):
    evil = '<script>alert("x")</script>'

    def add():
        AgreementClause.objects.create(
            agreement=agreement,
            order=4,
            title=f"Tittel {evil}",
            text=f"- punkt {evil}\nTekst {evil}",
        )

    services.save_agreement(agreement=agreement, by=coordinator, revision=0, apply_changes=add)
    agreement_comments.add_comment(agreement=agreement, by=leader_a, text=f"Kommentar {evil}")
    client = client_for(coordinator)
    for url in (
        agreement.get_absolute_url(),
        reverse("agreements:compare", args=[agreement.pk]) + "?fra=1&til=2",
        reverse("agreements:version", args=[agreement.pk, 2]),
    ):
        html = client.get(url).content.decode()
        assert evil not in html, url
        assert "&lt;script&gt;" in html, url


def test_a_clause_that_only_shifted_up_is_not_called_moved(
    client_for, coordinator, agreement, framework
):
    services.save_framework(
        framework=framework,
        by=coordinator,
        revision=framework.revision,
        apply_changes=lambda: framework.clauses.filter(title="Formål").delete(),
    )
    page = detail(client_for(coordinator), agreement)
    assert "Fjernet punkt" in page
    assert "Flyttet fra punkt" not in page


def test_a_bad_signing_date_is_explained_next_to_the_field(client_for, coordinator, agreement):
    Agreement.objects.filter(pk=agreement.pk).update(status=S.APPROVED_BY_MUNICIPALITY)
    response = transition(client_for(coordinator), agreement, "mark_signed", signed_on="31.02.2026")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Skriv en gyldig dato" in page and 'aria-describedby="signert-dato-feil"' in page
    assert fresh(agreement).status == S.APPROVED_BY_MUNICIPALITY


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.DRAFT, "send"),
        (S.APPROVED_BY_CENTRE, "approve_municipality"),
    ],
)
def test_sending_or_approving_needs_both_signatories_named(
    client_for, coordinator, agreement, status, action
):
    Agreement.objects.filter(pk=agreement.pk).update(status=status, centre_signatory="  ")
    client = client_for(coordinator)
    page = detail(client, agreement)
    assert "Avtalen sier ikke hvem som signerer for sentralen." in page
    assert ("Trekk avtalen tilbake til utkast" in page) is (status != S.DRAFT)
    assert f'action="{action_url(agreement, action)}"' not in page
    response = transition(client, agreement, action)
    assert fresh(agreement).status == status and not agreement.events.exists()
    assert "Avtalen sier ikke hvem som signerer for sentralen." in detail(client, agreement)
    assert response.status_code == 302

    Agreement.objects.filter(pk=agreement.pk).update(centre_signatory="Kari Nordmann")
    assert f'action="{action_url(agreement, action)}"' in detail(client, agreement)
    transition(client, agreement, action)
    assert fresh(agreement).status != status


def test_a_draft_without_signatories_links_to_the_fields(client_for, coordinator, agreement):
    Agreement.objects.filter(pk=agreement.pk).update(municipality_signatory="")
    page = detail(client_for(coordinator), agreement)
    assert "signerer for kommunen." in page
    edit = reverse("agreements:edit", args=[agreement.pk])
    assert f'href="{edit}#id_municipality_signatory"' in page


def test_an_agreement_approved_by_both_before_the_rule_can_still_be_marked_signed(
    client_for, coordinator, agreement
):
    Agreement.objects.filter(pk=agreement.pk).update(
        status=S.APPROVED_BY_MUNICIPALITY, centre_signatory=""
    )
    transition(client_for(coordinator), agreement, "mark_signed")
    assert fresh(agreement).status == S.SIGNED
