"""Fuzzed text into the centre edit page (CentreEditForms: profile, target groups, goal
period, goals with their municipal goal links, partners, contacts), as the coordinator
(registry fields too) and as the centre's own leader."""

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from centres.forms import CentreEditForms
from centres.models import Centre

from ..factories import (
    ContactPersonFactory,
    GoalFactory,
    GoalPeriodFactory,
    PartnerFactory,
    PeriodGoalFactory,
    PlanFactory,
)
from .helpers import (
    form_data,
    fuzz_form,
    post,
    rolled_back,
)
from .strategies import bad_choices, bad_numbers, fuzz_settings, fuzz_text

# How each fuzzed field is read back, and which are on the centre's page.
STORED = {
    "centre-name": lambda c: c.name,
    "centre-district": lambda c: c.district,
    "centre-status_note": lambda c: c.status_note,
    "centre-street_address": lambda c: c.street_address,
    "centre-postal_place": lambda c: c.postal_place,
    "centre-phone": lambda c: c.phone,
    "centre-cooperation_summary": lambda c: c.cooperation_summary,
    "period-motto": lambda c: c.goal_periods.get().motto,
    "goals-0-text": lambda c: c.goal_periods.get().goals.get().text,
    "goals-0-details": lambda c: c.goal_periods.get().goals.get().details,
    "partners-0-name": lambda c: c.partners.get().name,
    "partners-0-cooperation": lambda c: c.partners.get().cooperation,
    "contacts-0-name": lambda c: c.contacts.get().name,
    "contacts-0-title": lambda c: c.contacts.get().title,
    "contacts-0-phone": lambda c: c.contacts.get().phone,
}


@pytest.fixture
def profile(centre_a):
    period = GoalPeriodFactory(centre=centre_a, start_year=2025, end_year=2026)
    PeriodGoalFactory(period=period, text="Flere frivillige")
    PartnerFactory(centre=centre_a)
    ContactPersonFactory(centre=centre_a)
    plan = PlanFactory(municipality=centre_a.municipality)
    GoalFactory(plan=plan)
    return centre_a


def _forms(centre, *, registry: bool):
    return CentreEditForms(
        Centre.objects.get(pk=centre.pk), registry_fields=registry, default_period=(2025, 2026)
    )


def _fuzz_profile(client, centre, values, *, registry):
    forms = _forms(centre, registry=registry).all
    group = values.get("groups-0-name")

    def read():
        stored = Centre.objects.get(pk=centre.pk)
        found = {key: STORED[key](stored) for key in values if key in STORED}
        if group is not None:
            # Target groups are a ranked list: a blank row is skipped, never an error.
            names = list(stored.target_groups.values_list("name", flat=True))
            found["groups-0-name"] = names[0] if names else ""
        return found

    fuzz_form(
        client,
        url=reverse("centres:edit", args=[centre.slug]),
        forms=forms,
        values=values,
        read=read,
        page=lambda: centre.get_absolute_url(),
        counter=f"centre edit ({'coordinator' if registry else 'leader'})",
    )


LEADER_KEYS = [
    k for k in STORED if k not in ("centre-name", "centre-district", "centre-status_note")
]


@fuzz_settings
@given(
    values=st.fixed_dictionaries(
        {key: fuzz_text for key in STORED}, optional={"groups-0-name": fuzz_text}
    )
)
@example(
    values={"centre-name": "Klyve\x00", "goals-0-text": "Mål\x00"}
    | {k: "ok" for k in STORED if k not in ("centre-name", "goals-0-text")}
)
@example(values={k: "<script>alert(1)</script>" for k in STORED})
def test_coordinator_fuzzes_every_text_field_of_the_centre_page(
    client_for, coordinator, profile, values
):
    client = client_for(coordinator)
    with rolled_back():
        _fuzz_profile(client, profile, values, registry=True)


@fuzz_settings
@given(values=st.fixed_dictionaries({key: fuzz_text for key in LEADER_KEYS}))
def test_leader_fuzzes_every_text_field_of_the_own_centre_page(
    client_for, leader_a, profile, values
):
    client = client_for(leader_a)
    with rolled_back():
        _fuzz_profile(client, profile, values, registry=False)


@fuzz_settings
@given(
    org_number=fuzz_text,
    postal_code=fuzz_text,
    email=fuzz_text,
    website=fuzz_text,
    start_year=bad_numbers,
    end_year=bad_numbers,
    model=bad_choices,
    goal_link=bad_choices,
)
def test_malformed_values_in_the_formatted_fields_are_refused_or_stored_never_a_crash(
    client_for,
    coordinator,
    profile,
    org_number,
    postal_code,
    email,
    website,
    start_year,
    end_year,
    model,
    goal_link,
):
    client = client_for(coordinator)
    with rolled_back():
        forms = _forms(profile, registry=True)
        data = form_data(*forms.all) | {
            "centre-org_number": org_number,
            "centre-postal_code": postal_code,
            "centre-email": email,
            "centre-website": website,
            "centre-organisation_model": model,
            "period-start_year": start_year,
            "period-end_year": end_year,
            "goals-0-municipal_goals": [goal_link],
        }
        answer = post(
            client,
            reverse("centres:edit", args=[profile.slug]),
            data,
            counter="centre edit (formatted fields)",
        )
        if not answer.saved:
            assert answer.response.status_code == 200
            assert "is-invalid" in answer.html
