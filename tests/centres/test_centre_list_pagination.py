"""The centre list shows a page of cards whatever the number of centres."""

import re

from django.urls import reverse

from centres.views import CENTRES_PER_PAGE

from ..factories import CentreFactory


def _cards(page: str) -> int:
    return page.count('class="card centre-card')


def test_a_municipality_with_40_centres_gets_the_first_page_and_links_to_the_next(
    client_for, coordinator, municipality, query_count
):
    CentreFactory.create_batch(40, municipality=municipality)
    client = client_for(coordinator)
    with query_count(at_most=12):
        page = client.get(reverse("centres:list")).content.decode()
    assert _cards(page) == CENTRES_PER_PAGE
    assert "40 sentraler vises." in page
    assert 'aria-label="Sider med sentraler"' in page
    assert re.search(r'aria-current="page"><span class="page-link">.*?1</span>', page)
    assert 'href="?side=2"' in page and "Neste" in page

    second = client.get(reverse("centres:list"), {"side": 2}).content.decode()
    assert _cards(second) == 40 - CENTRES_PER_PAGE
    assert 'rel="prev" href="?side=1"' in second


def test_a_filter_survives_paging(client_for, coordinator, municipality):
    CentreFactory.create_batch(30, municipality=municipality, district="Gulset")
    CentreFactory.create_batch(5, municipality=municipality, district="Klyve")
    client = client_for(coordinator)
    page = client.get(reverse("centres:list"), {"district": "Gulset"}).content.decode()
    assert "30 sentraler vises." in page
    assert 'href="?district=Gulset&amp;side=2"' in page

    second = client.get(reverse("centres:list"), {"district": "Gulset", "side": 2})
    assert _cards(second.content.decode()) == 30 - CENTRES_PER_PAGE


def test_a_page_number_out_of_range_shows_the_last_page(client_for, coordinator, municipality):
    CentreFactory.create_batch(30, municipality=municipality)
    page = client_for(coordinator).get(reverse("centres:list"), {"side": 99}).content.decode()
    assert _cards(page) == 30 - CENTRES_PER_PAGE
