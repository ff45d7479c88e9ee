"""The coordinator adds a centre, and archives one that closes (and restores it)."""

import datetime
import re

from django.urls import reverse

from centres.models import Centre
from surveys import sending

from ..factories import QuestionFactory, SurveyFactory


def _new_centre(**overrides):
    data = {
        "centre-name": "Lie frivilligsentral",
        "centre-district": "Lie",
        "centre-organisation_model": Centre.OrganisationModel.MUNICIPAL,
        "centre-status_note": "",
        "centre-org_number": "",
        "centre-street_address": "",
        "centre-postal_code": "",
        "centre-postal_place": "",
        "centre-email": "lie@example.no",
        "centre-phone": "",
        "centre-website": "",
        "centre-cooperation_summary": "",
    }
    data.update({f"centre-{key}": value for key, value in overrides.items()})
    return data


def test_coordinator_adds_a_centre_to_the_own_municipality(client_for, coordinator, municipality):
    client = client_for(coordinator)
    assert 'href="/sentraler/ny/"' in client.get(reverse("centres:list")).content.decode()

    response = client.post(reverse("centres:create"), _new_centre(org_number="974 775 018"))

    centre = Centre.objects.get(name="Lie frivilligsentral")
    assert response.status_code == 302 and response.url == centre.get_absolute_url()
    assert centre.municipality == municipality and centre.slug == "lie-frivilligsentral"
    assert centre.org_number == "974775018" and centre.active
    assert centre.history.get().history_user == coordinator


def test_a_wrong_organisation_number_is_refused_next_to_the_field(client_for, coordinator):
    response = client_for(coordinator).post(
        reverse("centres:create"), _new_centre(org_number="974 775 019")
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Centre.objects.exists()
    assert "kontrollsifferet stemmer ikke" in page
    assert 'value="Lie frivilligsentral"' in page  # nothing typed is lost


def test_a_second_centre_of_the_same_name_gets_its_own_address(
    client_for, coordinator, other_centre
):
    other_centre.slug = "lie-frivilligsentral"
    other_centre.save()
    client_for(coordinator).post(reverse("centres:create"), _new_centre())
    assert Centre.objects.get(name="Lie frivilligsentral").slug == "lie-frivilligsentral-2"


def test_leaders_and_readers_are_not_offered_a_new_centre(client_for, leader_a, reader):
    for user in (leader_a, reader):
        client = client_for(user)
        assert 'href="/sentraler/ny/"' not in client.get(reverse("centres:list")).content.decode()
        assert client.get(reverse("centres:create")).status_code == 403


def test_an_archived_centre_leaves_the_list_sending_and_reminders(
    client_for, coordinator, centre_a, centre_b, leader_a, leader_b
):
    client = client_for(coordinator)
    survey = SurveyFactory(
        municipality=centre_a.municipality,
        deadline=datetime.date.today() + datetime.timedelta(days=9),
    )
    QuestionFactory(survey=survey)
    sending.send_survey(survey=survey, by=coordinator, quiet=True)

    response = client.post(reverse("centres:archive", args=[centre_b.slug]))

    assert response.status_code == 302
    centre_b.refresh_from_db()
    assert not centre_b.active
    page = client.get(reverse("centres:list")).content.decode()
    assert 'href="/sentraler/klyve/"' in page and 'href="/sentraler/gulset/"' not in page
    archived = client.get(reverse("centres:list"), {"archived": "on"}).content.decode()
    assert 'href="/sentraler/gulset/"' in archived and 'href="/sentraler/klyve/"' not in archived
    assert "Arkivert." in client.get(centre_b.get_absolute_url()).content.decode()
    # Its response is kept; a reminder goes to Klyve only.
    assert survey.responses.filter(centre=centre_b).exists()
    assert sending.remind(survey=survey, quiet=True) == 1
    # Archiving is never deleting, and restoring brings the centre back.
    client.post(reverse("centres:restore", args=[centre_b.slug]))
    centre_b.refresh_from_db()
    assert centre_b.active
    assert [row.active for row in centre_b.history.order_by("history_date")][-2:] == [False, True]


def test_the_agreement_page_offers_to_add_a_centre_when_there_is_none(
    client_for, other_coordinator
):
    page = client_for(other_coordinator).get(reverse("agreements:create")).content.decode()
    assert "En administrator legger inn sentralene" not in page
    assert 'href="/sentraler/ny/"' in page


def test_leader_and_reader_cannot_archive(client_for, leader_a, reader, centre_a):
    for user in (leader_a, reader):
        response = client_for(user).post(reverse("centres:archive", args=[centre_a.slug]))
        assert response.status_code == 403
    centre_a.refresh_from_db()
    assert centre_a.active


def test_the_centre_page_invites_its_leader(client_for, coordinator, centre_a, reader):
    client = client_for(coordinator)
    page = client.get(centre_a.get_absolute_url()).content.decode()
    link = f'href="/konto/personer/inviter/?sentral={centre_a.pk}"'
    assert link in page
    form = client.get(reverse("person_invite"), {"sentral": centre_a.pk}).content.decode()
    assert f'<option value="{centre_a.pk}" selected>' in form
    assert re.search(r'<input type="radio"[^>]*value="leader"[^>]*checked>', form)
    assert link not in client_for(reader).get(centre_a.get_absolute_url()).content.decode()
