"""Who gets what: every role against every centre and meeting page, cell by cell.

Klyve (centre A) and Gulset (centre B) are in the same municipality; the other
coordinator works for another municipality. 302 for anonymous is the login redirect.
"""

import pytest
from django.urls import reverse

from meetings.models import Meeting

from ..payloads import centre_post, meeting_post

ROLES = ["anonymous", "coordinator", "other_coordinator", "leader_a", "leader_b", "reader", "admin"]


def expected(row: str):
    return dict(zip(ROLES, [int(code) for code in row.split()], strict=True))


#                                   anon coord other leadA leadB reader admin
CENTRE_MATRIX = {
    "list": expected("302 200 200 200 200 200 200"),
    "view": expected("302 200 404 200 200 200 200"),
    "edit": expected("302 200 404 200 403 403 200"),
    "save": expected("302 302 404 302 403 403 302"),
}
MEETING_MATRIX = {
    "list": expected("302 200 200 200 200 200 200"),
    "view_visit": expected("302 200 404 404 200 200 200"),
    "view_common": expected("302 200 404 200 200 200 200"),
    "ics": expected("302 200 404 404 200 200 200"),
    "create": expected("302 200 200 403 403 403 302"),
    "edit": expected("302 200 404 404 403 403 200"),
    "delete": expected("302 302 404 404 403 403 302"),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", CENTRE_MATRIX)
def test_centre_access(action, role, cast, client_for, centre_a):
    client = client_for(cast[role])
    url = {
        "list": reverse("centres:list"),
        "view": reverse("centres:detail", args=[centre_a.slug]),
        "edit": reverse("centres:edit", args=[centre_a.slug]),
        "save": reverse("centres:edit", args=[centre_a.slug]),
    }[action]
    if action == "save":
        response = client.post(url, centre_post(centre_a, phone="35 00 00 00"))
    else:
        response = client.get(url)
    assert response.status_code == CENTRE_MATRIX[action][role]
    centre_a.refresh_from_db()
    if action == "save":
        assert (centre_a.phone == "35 00 00 00") == (
            response.status_code == 302 and role != "anonymous"
        )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", MEETING_MATRIX)
def test_meeting_access(action, role, cast, client_for, common_meeting, visit_b):
    client = client_for(cast[role])
    if action == "list":
        response = client.get(reverse("meetings:list"))
    elif action == "view_visit":
        response = client.get(reverse("meetings:detail", args=[visit_b.pk]))
    elif action == "view_common":
        response = client.get(reverse("meetings:detail", args=[common_meeting.pk]))
    elif action == "ics":
        response = client.get(reverse("meetings:ics", args=[visit_b.pk]))
    elif action == "create":
        response = client.get(reverse("meetings:create"))
    elif action == "edit":
        response = client.get(reverse("meetings:edit", args=[visit_b.pk]))
    else:
        response = client.post(reverse("meetings:delete", args=[visit_b.pk]))
    assert response.status_code == MEETING_MATRIX[action][role]
    if action == "delete":
        deleted = not Meeting.objects.filter(pk=visit_b.pk).exists()
        assert deleted == (role in {"coordinator", "admin"})


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
