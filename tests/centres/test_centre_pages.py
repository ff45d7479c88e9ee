import pytest
from django.urls import reverse
from django.utils import timezone

from centres.models import Centre

from ..factories import (
    CentreFactory,
    ContactPersonFactory,
    MeetingFactory,
    PartnerFactory,
    full_centre,
)
from ..payloads import centre_post


def test_coordinator_sees_the_whole_profile(client_for, coordinator, municipality):
    centre = full_centre(municipality=municipality, name="Klyve nærmiljøsenter", slug="klyve")
    page = client_for(coordinator).get(centre.get_absolute_url()).content.decode()
    assert "Klyve nærmiljøsenter" in page
    assert "Den inkluderende bydelen" in page
    assert "Mål for 2025–2026" in page
    assert "Barn og ungdom" in page and "Seniorer" in page
    assert "Felles aktiviteter" in page
    assert "Semiautonom sentral finansiert av kommunen" in page
    assert "Formell samhandling" in page


def test_centre_list_filters_by_district_and_target_group(client_for, coordinator, municipality):
    klyve = full_centre(municipality=municipality, name="Klyve", slug="klyve", district="Klyve")
    gulset = CentreFactory(
        municipality=municipality, name="Gulset", slug="gulset", district="Gulset"
    )
    gulset.target_groups.create(rank=1, name="Lavinntektsfamilier")
    client = client_for(coordinator)

    page = client.get(reverse("centres:list"), {"district": "Gulset"}).content.decode()
    assert "Gulset" in page and 'href="/sentraler/klyve/"' not in page

    page = client.get(reverse("centres:list"), {"target_group": "Seniorer"}).content.decode()
    assert klyve.get_absolute_url() in page and gulset.get_absolute_url() not in page


def test_leader_updates_own_profile_with_ranked_groups_goals_and_partners(
    client_for, leader_a, centre_a
):
    data = centre_post(centre_a, phone="35 58 10 00", org_number="974 775 018")
    data.update(
        {
            "groups-0-name": "Seniorer",
            "groups-1-name": "Barn og ungdom",
            "period-motto": "Den inkluderende bydelen",
            "goals-TOTAL_FORMS": "1",
            "goals-0-text": "Gode møteplasser",
            "goals-0-details": "Forum for nærmiljø\nSamarbeidsmøter",
            "partners-TOTAL_FORMS": "1",
            "partners-0-name": "Tollnes Ballklubb",
            "partners-0-cooperation": "Felles aktiviteter",
        }
    )
    response = client_for(leader_a).post(reverse("centres:edit", args=[centre_a.slug]), data)
    assert response.status_code == 302

    centre_a.refresh_from_db()
    assert centre_a.phone == "35 58 10 00"
    assert centre_a.org_number == "974775018"
    assert list(centre_a.target_groups.values_list("rank", "name")) == [
        (1, "Seniorer"),
        (2, "Barn og ungdom"),
    ]
    period = centre_a.goal_periods.get()
    assert period.motto == "Den inkluderende bydelen"
    assert period.goals.get().details == "Forum for nærmiljø\nSamarbeidsmøter"
    assert centre_a.partners.get().name == "Tollnes Ballklubb"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"org_number": "974775019"}, "org_number", "kontrollsifferet stemmer ikke"),
        ({"org_number": "12345"}, "org_number", "ni sifre"),
        ({"postal_code": "37a"}, "postal_code", "fire sifre"),
        ({"email": "ikke-en-adresse"}, "email", "gyldig e-postadresse"),
    ],
)
def test_bad_input_gets_a_norwegian_message_next_to_the_field_and_keeps_what_was_typed(
    client_for, leader_a, centre_a, overrides, field, message
):
    data = centre_post(centre_a, phone="35 58 10 00", **overrides)
    data["groups-0-name"] = "Seniorer"
    response = client_for(leader_a).post(reverse("centres:edit", args=[centre_a.slug]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'aria-invalid="true"' in page
    assert 'value="35 58 10 00"' in page and 'value="Seniorer"' in page
    centre_a.refresh_from_db()
    assert centre_a.phone == ""


def test_the_same_target_group_twice_is_refused(client_for, leader_a, centre_a):
    data = centre_post(centre_a)
    data.update({"groups-0-name": "Seniorer", "groups-1-name": "seniorer"})
    response = client_for(leader_a).post(reverse("centres:edit", args=[centre_a.slug]), data)
    assert response.status_code == 200
    assert "står allerede som nummer 1" in response.content.decode()
    assert not centre_a.target_groups.exists()


def test_end_year_before_start_year_is_refused_next_to_the_field(client_for, leader_a, centre_a):
    data = centre_post(centre_a)
    data.update({"period-start_year": "2026", "period-end_year": "2025"})
    response = client_for(leader_a).post(reverse("centres:edit", args=[centre_a.slug]), data)
    assert response.status_code == 200
    assert "Sluttåret kan ikke være før startåret" in response.content.decode()


def test_rows_can_be_deleted_and_keep_their_displayed_order(client_for, coordinator, centre_a):
    first = PartnerFactory(centre=centre_a, name="Første", order=1)
    second = PartnerFactory(centre=centre_a, name="Andre", order=2)
    contact = ContactPersonFactory(centre=centre_a)
    data = centre_post(centre_a)
    data.update(
        {
            "partners-TOTAL_FORMS": "2",
            "partners-INITIAL_FORMS": "2",
            "partners-0-id": str(first.pk),
            "partners-0-name": "Første",
            "partners-0-DELETE": "on",
            "partners-1-id": str(second.pk),
            "partners-1-name": "Andre",
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "1",
            "contacts-0-id": str(contact.pk),
            "contacts-0-name": contact.name,
        }
    )
    response = client_for(coordinator).post(reverse("centres:edit", args=[centre_a.slug]), data)
    assert response.status_code == 302
    assert list(centre_a.partners.values_list("name", "order")) == [("Andre", 1)]


def test_coordinator_edits_registry_fields(client_for, coordinator, centre_a):
    data = centre_post(centre_a, status_note="Flyttes fra Menstad til Lie", district="Lie")
    response = client_for(coordinator).post(reverse("centres:edit", args=[centre_a.slug]), data)
    assert response.status_code == 302
    centre_a.refresh_from_db()
    assert (centre_a.district, centre_a.status_note) == ("Lie", "Flyttes fra Menstad til Lie")


def _centre_with_visit(municipality):
    centre = full_centre(municipality=municipality)
    MeetingFactory(
        municipality=municipality, kind="visit", date=timezone.localdate(), centres=[centre]
    )
    return centre


@pytest.mark.parametrize(
    "url_name",
    [
        "dashboard",
        "centres:list",
        "centres:detail",
        "centres:edit",
        "meetings:list",
        "meetings:create",
    ],
)
def test_pages_cost_the_same_queries_for_6_and_60_centres(
    url_name, client_for, coordinator, municipality, query_count
):
    client = client_for(coordinator)
    centres = [_centre_with_visit(municipality) for _ in range(6)]
    args = (
        [centres[0].slug] if url_name.startswith("centres:") and url_name != "centres:list" else []
    )
    url = reverse(url_name, args=args)
    small = query_count.get(client, url)
    for _ in range(54):
        _centre_with_visit(municipality)
    assert Centre.objects.count() == 60
    large = query_count.get(client, url)
    assert small == large
    # At most 15 (the ceiling): the centre page's 14 include the session and the
    # user, the municipal goals and strategies its goals serve and the coordinator's
    # change log (the centre's own rows; its parts are in the full log). A page view does
    # not write the session (accounts.middleware.SessionRenewalMiddleware).
    assert large <= 15
