"""Results pages, exports and the deck cost the same queries for 5 and 100 centres."""

import pytest
from django.urls import reverse

from surveys.models import Theme, ThemeMember

from ..conftest import QueryCount
from .results_data import build_survey

# Counted with the session and the user; the exports stay within ten.
CEILING = {"export_csv": 10, "export_xlsx": 10, "deck": 20}


# The suite's one query counter (tests/conftest.py): GET, 200, the count.
_queries = QueryCount().get


@pytest.mark.parametrize(
    "url_name", ["results", "side_by_side", "export_csv", "export_xlsx", "deck"]
)
def test_pages_cost_the_same_queries_for_5_and_100_centres(
    url_name, client_for, coordinator, municipality
):
    client = client_for(coordinator)
    small, questions, _centres = build_survey(municipality, 5, round=2025)
    large, large_questions, _more = build_survey(municipality, 100, round=2024)
    for question in (questions["groups"], large_questions["groups"]):
        theme = Theme.objects.create(question=question, name="Barn og unge")
        ThemeMember.objects.create(question=question, theme=theme, text="barn og ungdom")

    few = _queries(client, reverse(f"surveys:{url_name}", args=[small.pk]))
    many = _queries(client, reverse(f"surveys:{url_name}", args=[large.pk]))
    assert few == many
    assert many <= CEILING.get(url_name, 15)


def test_the_dossier_costs_a_fixed_number_of_queries(client_for, coordinator, municipality):
    _survey, _questions, centres = build_survey(municipality, 5)
    url = reverse("surveys:dossier", args=[centres[0].slug])
    few = _queries(client_for(coordinator), url)
    build_survey(municipality, 100, round=2024)
    assert _queries(client_for(coordinator), url) == few <= 20


def test_a_deck_download_made_beforehand_costs_the_same_queries_for_3_and_12_centres(
    client_for, coordinator, municipality
):
    """The first download after the worker made the file: the deck's data, its saved
    rows once (not again for the key) and the stored file."""
    client = client_for(coordinator)
    counts = []
    for size, year in ((3, 2025), (12, 2024)):
        survey, _questions, _centres = build_survey(municipality, size, round=year)
        url = reverse("surveys:deck_pptx", args=[survey.pk])
        assert client.get(url).status_code == 200  # made now (the immediate backend)
        counts.append(_queries(client, url))
    assert counts[0] == counts[1]
    assert counts[1] <= 12, counts
