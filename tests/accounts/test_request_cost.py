"""What every request costs before the view's own work: a public view does not read the
logged-in user from the database, and a page's navbar gets the user's municipality with
the user, in one query."""

from django.urls import reverse

NO_STORE = "private, no-store"


def _user_queries(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if '"accounts_user"' in q["sql"]]


def test_a_public_view_does_not_read_the_logged_in_user(client_for, coordinator, query_count):
    client = client_for(coordinator)
    with query_count() as queries:
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert _user_queries(queries) == []
    # Still someone's session: the answer stays out of shared caches.
    assert response["Cache-Control"] == NO_STORE


def test_a_protected_page_still_sends_a_visitor_without_a_session_to_log_in(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_public_page_for_an_anonymous_visitor_stays_cacheable(client, db):
    response = client.get(reverse("healthz"))
    assert response["Cache-Control"] != NO_STORE


def test_a_page_reads_the_user_with_the_municipality_its_navbar_names(
    client_for, coordinator, query_count
):
    client = client_for(coordinator)
    with query_count() as queries:
        page = client.get(reverse("privacy")).content.decode()
    assert f'<span class="brand-municipality">{coordinator.municipality.name}</span>' in page
    assert len(_user_queries(queries)) == 1
    assert not [q for q in queries.captured_queries if 'FROM "accounts_municipality"' in q["sql"]]


def test_a_deactivated_user_is_logged_out_on_the_next_page(client_for, coordinator):
    client = client_for(coordinator)
    coordinator.is_active = False
    coordinator.save(update_fields=["is_active"])
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
