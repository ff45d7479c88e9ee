"""The permission selector of the user and group pages in the admin reads in the
reader's language: Django stores each permission's name in English when it migrates
(«Can add bruker»), so the admin words it from the action and the model instead."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from frivillig.lib.admin import permission_label


@pytest.mark.parametrize(
    ("language", "label", "history"),
    [
        ("nb", "Kan legge til bruker", "Kan se historikk for spørsmål"),
        ("nn", "Kan leggje til brukar", "Kan sjå historikk for spørsmål"),
        ("en", "Can add user", "Can view history of question"),
    ],
)
def test_the_group_page_names_the_permissions_in_the_readers_language(
    language, label, history, admin_user, client_for, settings
):
    client = client_for(admin_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("admin:auth_group_add")).content.decode()
    assert label in page
    assert history in page
    if language != "en":
        assert "Can add" not in page and "historical" not in page


def test_a_permission_of_its_own_keeps_its_name(db):
    permission = Permission.objects.get(codename="add_user")
    with translation.override("nb"):
        assert permission_label(permission).endswith("| bruker | Kan legge til bruker")
    permission.codename = "export_user"
    assert permission_label(permission) == str(permission)
