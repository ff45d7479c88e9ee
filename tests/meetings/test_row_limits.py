"""A page posts a bounded number of rows: a tampered row count is an error on the page,
not thousands of forms built for one request."""

from django.urls import reverse

from meetings.models import Meeting

from ..payloads import meeting_post


def test_a_tampered_row_count_is_refused_with_a_message(client_for, coordinator):
    data = meeting_post() | {"agenda-TOTAL_FORMS": "5000"}
    response = client_for(coordinator).post(reverse("meetings:create"), data)
    assert response.status_code == 200
    assert len(response.context["forms"].agenda.forms) <= 100
    assert "100" in response.content.decode()  # Django's "at most 100 forms", in Norwegian
    assert not Meeting.objects.exists()


def test_a_hundred_agenda_items_are_still_accepted(client_for, coordinator):
    data = meeting_post() | {"agenda-TOTAL_FORMS": "100"}
    for n in range(100):
        data[f"agenda-{n}-title"] = f"Sak {n}"
    response = client_for(coordinator).post(reverse("meetings:create"), data)
    assert response.status_code == 302
    assert Meeting.objects.get().agenda_items.count() == 100
