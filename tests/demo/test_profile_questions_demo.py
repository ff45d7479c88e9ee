"""The demo's 2026 round asks the target groups from the centre's profile (issue 18):
Frogner, not started, opens the form with its profile's target groups; Klyve sees its
2025 answers beside the copied questions, one click away."""

from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from centres.services import target_group_names
from surveys.models import Question, Survey


def test_the_2026_target_groups_are_bound_to_the_profile(demo, client):
    survey = Survey.objects.get(round=2026)
    bound = survey.questions.get(profile_field=Question.ProfileField.TARGET_GROUPS)
    assert bound.order == 1 and bound.copied_from_id
    call_command("seed_demo")  # idempotent: still one bound question
    assert survey.questions.filter(profile_field="target_groups").count() == 1

    frogner = User.objects.get(username="leder-frogner")
    client.force_login(frogner)
    page = client.get(reverse("surveys:answer", args=[survey.pk, "frogner"])).content.decode()
    first = target_group_names(frogner.centre)[0]
    assert f'name="q{bound.pk}_1" value="{first}"' in page
    assert "Fylt ut fra sentralens profil." in page


def test_klyve_sees_last_years_answers(demo, client):
    survey = Survey.objects.get(round=2026)
    client.force_login(User.objects.get(username="leder-klyve"))
    page = client.get(reverse("surveys:answer", args=[survey.pk, "klyve"])).content.decode()
    assert "Fjorårets svar:" in page and "Bruk alle fjorårets svar" in page
