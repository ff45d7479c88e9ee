"""The agreements in the admin: every page renders for an admin, and coordinators and
leaders are kept out."""

import pytest

from agreements import services

MODELS = [
    "framework",
    "frameworkversion",
    "agreement",
    "agreementversion",
]


@pytest.fixture
def objects(agreement, framework, leader_a):
    services.add_comment(agreement=agreement, by=leader_a, text="Hei")
    agreement.apply("send", by=framework.current_version.created_by)
    return {
        "framework": framework,
        "frameworkversion": framework.current_version,
        "agreement": agreement,
        "agreementversion": agreement.versions.get(),
    }


@pytest.mark.parametrize("model", MODELS)
def test_admin_changelist_and_change_pages_render(model, client_for, admin_user, objects):
    client = client_for(admin_user)
    for url in (
        f"/admin/agreements/{model}/",
        f"/admin/agreements/{model}/{objects[model].pk}/change/",
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["coordinator", "leader_a"])
def test_the_admin_is_closed_to_portal_users(who, cast, client_for, objects):
    response = client_for(cast[who]).get("/admin/agreements/agreement/")
    assert response.status_code == 302 and "/admin/login/" in response.url
