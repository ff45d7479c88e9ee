"""Questions of the demo's surveys bound to the centre's profile (issue 18): the 2026
round's target groups. Found by municipality, round, title and order; a second run
changes nothing."""

from surveys.models import Question

from .loader import DemoContext


def load(data: dict, context: DemoContext) -> None:
    for item in data["bound"]:
        unbound = Question.objects.filter(
            survey__municipality=context.municipalities[item["municipality"]],
            survey__round=item["round"],
            survey__title=item["title"],
            order=item["order"],
            kind=Question.Kind.RANKED,
        ).exclude(profile_field=item["profile_field"])
        for question in unbound:  # saved one by one, so its history records it
            question.profile_field = item["profile_field"]
            question.save(update_fields=["profile_field"])
