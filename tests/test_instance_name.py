"""Several app servers behind one proxy: each names itself in X-Served-By when
INSTANCE_NAME is set (make cluster sets web1 and web2), on pages, refusals and static
files alike; without the setting the header is not sent."""

from django.test import Client
from django.urls import reverse


def test_every_response_names_the_instance_that_served_it(settings, coordinator):
    settings.INSTANCE_NAME = "web2"
    client = Client()  # built after the setting: the middleware is set up on first use
    assert client.get("/healthz")["X-Served-By"] == "web2"
    assert client.get(reverse("dashboard"))["X-Served-By"] == "web2"  # the login redirect
    client.force_login(coordinator)
    page = client.get(reverse("dashboard"))
    assert page.status_code == 200 and page["X-Served-By"] == "web2"
    assert client.get("/finnes-ikke/")["X-Served-By"] == "web2"


def test_no_header_without_an_instance_name(settings, db):
    settings.INSTANCE_NAME = ""
    assert "X-Served-By" not in Client().get("/healthz")
