"""Invitations waiting in the demo (demo/data/people.json): made through the people
services, as the coordinator would, without e-mail. A person already there is left
alone, so a second run changes nothing."""

import datetime

from django.utils import timezone

from accounts import people
from accounts.models import User


def load(data: dict, context) -> None:
    for item in data["invitations"]:
        if User.objects.filter(username__iexact=item["email"]).exists():
            continue
        people.invite_person(
            municipality=context.municipalities[item["municipality"]],
            email=item["email"],
            first_name=item["first_name"],
            last_name=item["last_name"],
            role=item["role"],
            by=context.users[item["invited_by"]],
            now=timezone.now() - datetime.timedelta(days=item["days_ago"]),
            quiet=True,
        )
        context.report.count("invitasjoner", True)
