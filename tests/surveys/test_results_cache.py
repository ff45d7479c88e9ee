"""A closed or published round's results come from the cache (surveys.results_cache),
and every change shows on the next request: a response reopened or submitted, a theme,
a summary, a centre's new name. What one reader was shown never reaches another who
should see something else."""

import re

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from surveys.models import Survey

from .conftest import answer_url, full_answers
from .results_data import build_survey


def results_page(client, survey) -> str:
    response = client.get(reverse("surveys:results", args=[survey.pk]))
    assert response.status_code == 200
    return response.content.decode()


def side_by_side(client, survey) -> str:
    return client.get(reverse("surveys:side_by_side", args=[survey.pk])).content.decode()


def csv_text(client, survey) -> str:
    response = client.get(reverse("surveys:export_csv", args=[survey.pk]))
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_a_reopened_response_shows_at_once_on_every_cached_page(
    client_for, coordinator, municipality
):
    survey, _questions, centres = build_survey(municipality, 5)
    klyve = centres[0]
    client = client_for(coordinator)
    row = reverse("surveys:centre_results", args=[survey.pk, klyve.slug])
    assert "5 av 6 frivilligsentraler har sendt inn svar." in results_page(client, survey)
    assert row in side_by_side(client, survey)
    assert f"{klyve.name};Sendt inn;" in csv_text(client, survey)

    client.post(reverse("surveys:reopen", args=[survey.pk, klyve.slug]))

    assert "4 av 6 frivilligsentraler har sendt inn svar." in results_page(client, survey)
    assert row not in side_by_side(client, survey)
    assert f"{klyve.name} (utkast)" in side_by_side(client, survey)
    assert f"{klyve.name};Utkast;" in csv_text(client, survey)


def test_a_submitted_answer_shows_on_the_next_request(
    client_for, coordinator, leader_a, survey, questions, centre_a, response_a
):
    coordinator_client = client_for(coordinator)
    assert "0 av 1 frivilligsentral har sendt inn svar." in results_page(coordinator_client, survey)
    leader = client_for(leader_a)
    url = answer_url(survey, centre_a)
    leader.post(url, {**full_answers(questions), "revision": 0, "action": "submit"})
    leader.post(url, {"action": "confirm", "revision": 1})
    page = results_page(client_for(coordinator), survey)
    assert "1 av 1 frivilligsentral har sendt inn svar." in page
    assert "Den inkluderende bydelen" in page


def test_a_theme_and_a_summary_show_at_once(client_for, coordinator, municipality):
    survey, questions, _centres = build_survey(municipality, 5)
    client = client_for(coordinator)
    assert "Eldre og seniorer" not in results_page(client, survey)

    groups = questions["groups"]
    client.post(
        reverse("surveys:themes", args=[survey.pk, groups.pk]),
        {"action": "new", "name": "Eldre og seniorer", "texts": ["eldre", "seniorer"]},
    )
    assert "Eldre og seniorer" in results_page(client, survey)

    level = questions["level"]
    sentence = "Tre av fem synes samhandlingen er på rett nivå."
    client.post(reverse("surveys:summary", args=[survey.pk, level.pk]), {"summary": sentence})
    assert sentence in results_page(client, survey)


def test_a_renamed_centre_shows_at_once(client_for, coordinator, municipality):
    survey, _questions, centres = build_survey(municipality, 5, status=Survey.Status.CLOSED)
    client = client_for(coordinator)
    assert "Klyve nærmiljøsenter 001" in side_by_side(client, survey)
    centres[0].name = "Klyve frivilligsentral"
    centres[0].save()
    page = side_by_side(client, survey)
    assert "Klyve frivilligsentral" in page and "Klyve nærmiljøsenter 001" not in page


def test_the_coordinators_buttons_never_reach_a_reader(
    client_for, coordinator, reader, municipality
):
    survey, questions, _centres = build_survey(municipality, 5)
    edit = reverse("surveys:summary", args=[survey.pk, questions["level"].pk])
    assert edit in results_page(client_for(coordinator), survey)
    page = results_page(client_for(reader), survey)
    assert "5 av 6 frivilligsentraler har sendt inn svar." in page
    assert edit not in page and "Rediger setningen" not in page
    assert edit in results_page(client_for(coordinator), survey)


def test_each_language_gets_its_own_page(client_for, coordinator, municipality):
    survey, _questions, _centres = build_survey(municipality, 5)
    client = client_for(coordinator)
    assert "har sendt inn svar" in results_page(client, survey)
    client.cookies["django_language"] = "en"
    page = results_page(client, survey)
    assert "have submitted" in page and "har sendt inn svar" not in page


def test_the_cached_page_costs_fewer_queries_and_shows_the_same(
    client_for, coordinator, municipality, query_count
):
    survey, _questions, _centres = build_survey(municipality, 30)
    client = client_for(coordinator)
    counted_page, cached_page = results_page(client, survey), results_page(client, survey)
    assert without_tokens(cached_page) == without_tokens(counted_page)
    cache.clear()
    for name in ("results", "side_by_side", "export_csv", "export_xlsx"):
        url = reverse(f"surveys:{name}", args=[survey.pk])
        counted = query_count.get(client, url)
        cached = query_count.get(client, url)
        assert cached < counted, name


def without_tokens(page: str) -> str:
    """The page without its CSRF token, which is masked anew on every response."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def test_an_open_round_is_counted_on_every_request(
    client_for, coordinator, municipality, query_count
):
    survey, _questions, _centres = build_survey(
        municipality, 5, status=Survey.Status.OPEN, deadline=timezone.localdate()
    )
    client = client_for(coordinator)
    url = reverse("surveys:results", args=[survey.pk])
    assert query_count.get(client, url) == query_count.get(client, url)


def test_a_response_the_administrator_deletes_is_gone_at_once(
    client_for, coordinator, admin_user, municipality
):
    survey, _questions, centres = build_survey(municipality, 5)
    assert "5 av 6" in results_page(client_for(coordinator), survey)
    response = survey.responses.get(centre=centres[0])
    admin = client_for(admin_user)
    delete = reverse("admin:surveys_surveyresponse_delete", args=[response.pk])
    assert admin.post(delete, {"post": "yes"}).status_code == 302
    assert "4 av 5" in results_page(client_for(coordinator), survey)
