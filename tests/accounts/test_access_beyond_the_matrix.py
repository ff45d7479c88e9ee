"""What the URL matrix does not show about centres and meetings: whose rows a list holds,
the registry fields a leader cannot post, and another municipality's centre refused.

Who gets which centre and meeting page, cell by cell, is tests/security/test_url_access.py
(its visit is Klyve's, so leader_a and leader_b swap the places they had here with
Gulset's visit).
"""

from django.urls import reverse

from meetings.models import Meeting

from ..payloads import centre_post, meeting_post


def test_lists_show_only_what_the_user_may_see(
    client_for, other_coordinator, leader_a, centre_a, other_centre, visit_b, common_meeting
):
    page = client_for(other_coordinator).get(reverse("centres:list")).content.decode()
    assert other_centre.name in page and centre_a.name not in page

    page = client_for(leader_a).get(reverse("meetings:list")).content.decode()
    assert common_meeting.title in page and visit_b.title not in page


def test_leader_cannot_set_registry_fields_by_posting_them(client_for, leader_a, centre_a):
    data = centre_post(centre_a, name="Kapret navn", organisation_model="municipal")
    data["centre-municipality"] = "999"
    response = client_for(leader_a).post(reverse("centres:edit", args=[centre_a.slug]), data)
    assert response.status_code == 302
    centre_a.refresh_from_db()
    assert centre_a.name == "Klyve nærmiljøsenter"
    assert centre_a.organisation_model == "semi_autonomous"


def test_coordinator_cannot_invite_another_municipalitys_centre(
    client_for, coordinator, centre_a, other_centre
):
    data = meeting_post(centres=[other_centre.pk])
    response = client_for(coordinator).post(reverse("meetings:create"), data)
    assert response.status_code == 200
    assert "gyldig valg" in response.content.decode()
    assert not Meeting.objects.exists()
