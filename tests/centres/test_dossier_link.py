import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("who", "shown"),
    [("coordinator", True), ("leader_a", True), ("leader_b", False), ("reader", False)],
)
def test_centre_page_links_to_visit_dossier_for_whom_may_open_it(
    cast, client_for, centre_a, who, shown
):
    response = client_for(cast[who]).get(reverse("centres:detail", args=[centre_a.slug]))

    dossier_url = reverse("surveys:dossier", args=[centre_a.slug])
    assert (dossier_url in response.text) is shown
    if shown:
        assert client_for(cast[who]).get(dossier_url).status_code == 200
