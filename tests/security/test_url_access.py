"""Every URL of the portal against every role of the cast, cell by cell.

`test_every_url_pattern_is_in_the_matrix` walks the URL resolver and fails on a pattern
the matrix does not name, so a new view cannot escape it. Each role's test then requests
every cell of the matrix through the test client and compares the status with the one
written here. The objects behind the URLs (tests/security/conftest.py) belong to Skien
and, where a URL is about a centre, to Klyve (centre A): leader_b leads another centre
in Skien and other_coordinator works for Drammen, so both are strangers to them.

A cell is a status code, or:
- `login`: the redirect to the portal's login page (anonymous users);
- `alogin`: the redirect to the admin's login page;
- `NNN+` (POST only): NNN, and the request changed the database. A POST cell without
  `+` must leave every table as it was (sessions and django-axes' logs aside): a refused
  request changes nothing.

Each POST runs in a savepoint that is rolled back afterwards, so one world serves every
cell of a role. The admin site is covered generically (`test_admin_site`): for every
registered model its changelist, add, change, history and delete pages.
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ..agreements.conftest import edit_post, framework_post
from ..conftest import ROLES
from ..grants.matrix import grant_args, grant_data
from ..payloads import centre_post, meeting_post
from ..surveys.deck_matrix import DECK_MATRIX, deck_args, deck_data

LOGIN = "login"
ADMIN_LOGIN = "alogin"
LOGIN_PATH = "/konto/logg-inn/"
ADMIN_LOGIN_PATH = "/admin/login/"


def row(cells: str) -> dict[str, str]:
    return dict(zip(ROLES, cells.split(), strict=True))


# Rows used by many patterns.
EVERYONE_SIGNED_IN = row("login 200 200 200 200 200 200")
PUBLIC = row("200 200 200 200 200 200 200")
# Something of Skien that everyone there reads: the other municipality gets 404.
SKIEN_READS = row("login 200 404 200 200 200 200")
# Something of Klyve (centre A): its leader and the municipality read, the rest 404.
KLYVE_READS = row("login 200 404 200 404 404 200")
# Klyve's, read also by the reader (a signed agreement, a visit).
KLYVE_AND_READER_READ = row("login 200 404 200 404 200 200")
# The coordinator's tool on Skien's survey, which leaders see (sent) and readers do not.
SURVEY_TOOL_GET = row("login 200 404 403 403 404 200")
SURVEY_TOOL_POST = row("login 302+ 404 403 403 404 302+")
# The same tool where the survey's state refuses it: back to the survey, nothing changed.
SURVEY_TOOL_REFUSED = row("login 302 404 403 403 404 302")
# The same on a draft, which only the coordinator sees.
DRAFT_TOOL_GET = row("login 200 404 404 404 404 200")
DRAFT_TOOL_POST = row("login 302+ 404 404 404 404 302+")
# Published results: everyone in Skien reads them.
PUBLISHED_RESULTS = SKIEN_READS
# Results of the open survey: the coordinator's; leaders see the survey (403).
OPEN_RESULTS = row("login 200 404 403 403 404 200")
# A page that only takes a POST: a GET does nothing (405) for everyone signed in.
NO_GET = row("login 405 405 405 405 405 405")
# The admin site: everyone but the administrator is sent to its login page.
ADMIN_ONLY = row("alogin alogin alogin alogin alogin alogin 200")
# The agreement's municipality side.
MUNICIPALITY_SIDE_GET = row("login 200 404 403 404 404 200")
MUNICIPALITY_SIDE_POST = row("login 302+ 404 403 404 404 302+")

#     verb[ variant]: anon  coord  other  leadA  leadB  reader admin
MATRIX: dict[str, dict[str, dict[str, str]]] = {
    # --- frivillig -------------------------------------------------------------------
    "dashboard": {"GET": EVERYONE_SIGNED_IN},
    "healthz": {"GET": PUBLIC},
    "accessibility": {"GET": PUBLIC},
    "privacy": {"GET": PUBLIC},
    "set_language": {"POST": row("302 302 302 302 302 302 302")},
    # The change log of an object: the municipality's coordinators and the admin only.
    "changelog": {
        "GET sentral": row("login 200 404 403 403 403 200"),
        "GET undersokelse": row("login 200 404 403 403 404 200"),
        "GET svar": row("login 200 404 403 404 404 200"),
        "GET avtale": row("login 200 404 403 404 404 200"),
        "GET plan": row("login 200 404 403 403 403 200"),
        "GET personer": row("login 200 404 403 403 403 200"),
        "GET mal": row("login 200 404 403 403 403 200"),
        # A centre's grant status: its own leader sees the status, not the log.
        "GET tilskudd": row("login 200 404 403 404 404 200"),
    },
    # --- accounts: the login and password pages are public ---------------------------
    "login": {"GET": row("200 302 302 302 302 302 302")},
    # Back to the login page, signed in or not.
    "logout": {"GET": NO_GET, "POST": row("login login login login login login login")},
    "password_change": {
        "GET": EVERYONE_SIGNED_IN,
        "POST": row("login 302+ 302+ 302+ 302+ 302+ 302+"),
    },
    "password_change_done": {"GET": EVERYONE_SIGNED_IN},
    # The reset link goes out through the e-mail outbox: a row, whoever asks.
    "password_reset": {"GET": PUBLIC, "POST": row("302+ 302+ 302+ 302+ 302+ 302+ 302+")},
    "password_reset_done": {"GET": PUBLIC},
    "password_reset_confirm": {"GET": PUBLIC},
    "password_reset_complete": {"GET": PUBLIC},
    # The coordinator's people page (each coordinator sees the own municipality's) and
    # the invitation; the administrator manages accounts in the admin. The person is
    # leader_b (of Skien), the invitation w.invited's, its link w.invitation_token.
    "people": {"GET": row("login 200 200 403 403 403 403")},
    "person_invite": {
        "GET": row("login 200 200 403 403 403 403"),
        "POST": row("login 302+ 302+ 403 403 403 403"),
    },
    "person_role": {
        "GET": row("login 200 404 403 403 403 403"),
        "POST": row("login 302+ 404 403 403 403 403"),
    },
    "person_deactivate": {"GET": NO_GET, "POST": row("login 302+ 404 403 403 403 403")},
    # leader_b is active: reactivating changes nothing.
    "person_reactivate": {"GET": NO_GET, "POST": row("login 302 404 403 403 403 403")},
    "invitation_resend": {"GET": NO_GET, "POST": row("login 302+ 404 403 403 403 403")},
    "invitation_withdraw": {"GET": NO_GET, "POST": row("login 302+ 404 403 403 403 403")},
    # The link in the e-mail: whoever holds it chooses the password and is signed in.
    "invitation_accept": {"GET": PUBLIC, "POST": row("302+ 302+ 302+ 302+ 302+ 302+ 302+")},
    # The e-mails the SMTP server did not take: each coordinator sees the own
    # municipality's (the administrator every one), and sends Skien's again.
    "undelivered_emails": {"GET": row("login 200 200 403 403 403 200")},
    "email_resend": {"GET": NO_GET, "POST": row("login 302+ 404 403 403 403 302+")},
    # --- centres ---------------------------------------------------------------------
    "centres:list": {"GET": EVERYONE_SIGNED_IN},
    "centres:detail": {"GET": SKIEN_READS},
    "centres:edit": {
        "GET": row("login 200 404 200 403 403 200"),
        "POST": row("login 302+ 404 302+ 403 403 302+"),
    },
    # Adding a centre: the coordinators, each to the own municipality (the administrator,
    # who has none, adds centres in the admin); archiving and restoring Klyve.
    "centres:create": {
        "GET": row("login 200 200 403 403 403 403"),
        "POST": row("login 302+ 302+ 403 403 403 403"),
    },
    "centres:archive": {"GET": NO_GET, "POST": row("login 302+ 404 403 403 403 302+")},
    # Klyve is active: restoring it changes nothing.
    "centres:restore": {"GET": NO_GET, "POST": row("login 302 404 403 403 403 302")},
    # --- meetings --------------------------------------------------------------------
    "meetings:list": {"GET": EVERYONE_SIGNED_IN},
    "meetings:create": {
        "GET": row("login 200 200 403 403 403 302"),
        # The other coordinator makes a meeting in Drammen: allowed, and not Skien's.
        "POST": row("login 302+ 302+ 403 403 403 302"),
    },
    "meetings:detail": {"GET": KLYVE_AND_READER_READ, "GET common": SKIEN_READS},
    "meetings:edit": {
        "GET": row("login 200 404 403 404 403 200"),
        "POST": row("login 302+ 404 403 404 403 302+"),
    },
    "meetings:delete": {"GET": NO_GET, "POST": row("login 302+ 404 403 404 403 302+")},
    "meetings:ics": {"GET": KLYVE_AND_READER_READ},
    "meetings:follow_up_close": {
        "GET": NO_GET,
        "POST": row("login 302+ 404 403 404 403 302+"),
    },
    # --- plans (edited in the admin only) --------------------------------------------
    "plans:list": {"GET": EVERYONE_SIGNED_IN},
    "plans:progress": {"GET": EVERYONE_SIGNED_IN},
    "plans:detail": {"GET": SKIEN_READS},
    "plans:goal": {"GET": SKIEN_READS},
    "plans:hearing": {"GET": SKIEN_READS},
    # --- surveys: building and sending -----------------------------------------------
    "surveys:list": {"GET": EVERYONE_SIGNED_IN},
    "surveys:create": {
        "GET": row("login 200 200 403 403 403 302"),
        "POST": row("login 302+ 302+ 403 403 403 302"),
    },
    "surveys:detail": {"GET": SURVEY_TOOL_GET, "GET draft": DRAFT_TOOL_GET},
    "surveys:edit": {"GET": SURVEY_TOOL_GET, "POST": SURVEY_TOOL_POST},
    "surveys:preview": {"GET": SURVEY_TOOL_GET},
    "surveys:copy": {"GET": NO_GET, "POST": SURVEY_TOOL_POST},
    "surveys:send": {
        "GET draft": DRAFT_TOOL_GET,
        "POST draft": DRAFT_TOOL_POST,
        # Sent already: the confirmation page still opens, and sending again changes nothing.
        "GET open": SURVEY_TOOL_GET,
        "POST open": SURVEY_TOOL_REFUSED,
    },
    "surveys:remind": {"GET": NO_GET, "POST": SURVEY_TOOL_POST},
    "surveys:close": {"GET": NO_GET, "POST": SURVEY_TOOL_POST},
    "surveys:publish": {"GET": NO_GET, "POST": SURVEY_TOOL_POST},
    # The questions of a sent survey stay as they are: the coordinator is sent back to
    # the survey with a message (`open`).
    "surveys:question_add": {
        "GET draft": DRAFT_TOOL_GET,
        "POST draft": DRAFT_TOOL_POST,
        "GET open": SURVEY_TOOL_REFUSED,
    },
    "surveys:question_edit": {
        "GET draft": DRAFT_TOOL_GET,
        "POST draft": DRAFT_TOOL_POST,
        "GET open": SURVEY_TOOL_REFUSED,
    },
    "surveys:question_move": {
        "GET": NO_GET,
        "POST draft": DRAFT_TOOL_POST,
        "POST open": SURVEY_TOOL_REFUSED,
    },
    "surveys:question_follow_up": {
        "GET": NO_GET,
        "POST draft": DRAFT_TOOL_POST,
        "POST open": SURVEY_TOOL_REFUSED,
    },
    # The draft's question is a main question already: back to the survey, unchanged.
    "surveys:question_main": {
        "GET": NO_GET,
        "POST draft": row("login 302 404 404 404 404 302"),
        "POST open": SURVEY_TOOL_REFUSED,
    },
    "surveys:question_delete": {
        "GET draft": DRAFT_TOOL_GET,
        "POST draft": DRAFT_TOOL_POST,
        "GET open": SURVEY_TOOL_REFUSED,
        "POST open": SURVEY_TOOL_REFUSED,
    },
    # Klyve's submitted answer to the published round, opened again by the coordinator;
    # in the open round Klyve has submitted nothing to open again.
    "surveys:reopen": {
        "GET": NO_GET,
        "POST published": row("login 302+ 404 403 403 403 302+"),
        "POST open": SURVEY_TOOL_REFUSED,
    },
    # --- surveys: answering (the centre's own leader; the coordinator on its behalf) -
    "surveys:answer": {
        "GET": KLYVE_READS,
        "POST": row("login 302+ 404 302+ 404 404 302+"),
        "GET published": KLYVE_AND_READER_READ,
    },
    "surveys:answer_save": {"GET": NO_GET, "POST": row("login 200+ 404 200+ 404 404 200+")},
    # Klyve's personal answer link (w.surveys.link): made again (the old one revoked) and
    # revoked by the coordinator; opened, and a draft saved, by whoever holds it.
    "surveys:answer_link_make": {"GET": NO_GET, "POST": SURVEY_TOOL_POST},
    "surveys:answer_link_revoke": {"GET": NO_GET, "POST": SURVEY_TOOL_POST},
    "surveys:link_answer": {"GET": PUBLIC, "POST": row("302+ 302+ 302+ 302+ 302+ 302+ 302+")},
    # --- surveys: results, exports, the deck, the dossier ----------------------------
    "surveys:results": {"GET published": PUBLISHED_RESULTS, "GET": OPEN_RESULTS},
    "surveys:side_by_side": {"GET published": PUBLISHED_RESULTS, "GET": OPEN_RESULTS},
    "surveys:centre_results": {"GET published": PUBLISHED_RESULTS, "GET": OPEN_RESULTS},
    "surveys:question_answers": {"GET published": PUBLISHED_RESULTS, "GET": OPEN_RESULTS},
    "surveys:compare": {"GET published": PUBLISHED_RESULTS},
    "surveys:export_csv": {"GET published": PUBLISHED_RESULTS, "GET": OPEN_RESULTS},
    "surveys:export_xlsx": {"GET published": PUBLISHED_RESULTS, "GET": OPEN_RESULTS},
    # The deck, shown, presented, downloaded and edited: tests/surveys/deck_matrix.py
    **DECK_MATRIX,
    "surveys:themes": {
        "GET published": row("login 200 404 403 403 403 200"),
        "POST published": row("login 302+ 404 403 403 403 302+"),
    },
    "surveys:summary": {
        "GET published": row("login 200 404 403 403 403 200"),
        "POST published": row("login 302+ 404 403 403 403 302+"),
    },
    "surveys:dossier": {"GET": row("login 200 404 200 403 403 200")},
    "surveys:dossier_pdf": {"GET": row("login 200 404 200 403 403 200")},
    # --- agreements ------------------------------------------------------------------
    "agreements:list": {"GET": EVERYONE_SIGNED_IN},
    "agreements:create": {
        "GET": row("login 200 200 403 403 403 200"),
        # Drammen's coordinator is offered Drammen's centres only: Klyve is refused.
        "POST": row("login 302+ 200 403 403 403 302+"),
    },
    "agreements:detail": {"GET": KLYVE_READS, "GET signed": KLYVE_AND_READER_READ},
    "agreements:edit": {
        "GET": MUNICIPALITY_SIDE_GET,
        "POST": MUNICIPALITY_SIDE_POST,
        "GET signed": row("login 302 404 403 404 403 302"),
    },
    "agreements:transition": {
        "GET": NO_GET,
        "POST": MUNICIPALITY_SIDE_POST.copy() | {"leader_a": "302"},
        "POST sent": row("login 302 404 302+ 404 404 302"),
        "POST signed": row("login 302 404 302 404 403 302"),
    },
    "agreements:renew": {"GET": NO_GET, "POST active": row("login 302+ 404 403 404 403 302+")},
    "agreements:adopt_framework": {
        "GET": NO_GET,
        "POST": MUNICIPALITY_SIDE_POST,
        "POST signed": row("login 302 404 403 404 403 302"),
    },
    "agreements:pdf": {"GET": KLYVE_READS, "GET signed": KLYVE_AND_READER_READ},
    "agreements:versions": {"GET": KLYVE_READS, "GET signed": KLYVE_AND_READER_READ},
    "agreements:version": {"GET": KLYVE_READS, "GET signed": KLYVE_AND_READER_READ},
    "agreements:version_restore": {
        "GET": MUNICIPALITY_SIDE_GET,
        "POST": MUNICIPALITY_SIDE_POST,
        # A signed agreement's text never changes: back to the agreement.
        "GET signed": row("login 302 404 403 404 403 302"),
    },
    "agreements:compare": {"GET": KLYVE_READS, "GET signed": KLYVE_AND_READER_READ},
    "agreements:comment_add": {
        "GET": NO_GET,
        "POST": row("login 302+ 404 302+ 404 404 302+"),
        "POST signed": row("login 302+ 404 302+ 404 403 302+"),
    },
    "agreements:comment_resolve": {
        "GET": NO_GET,
        "POST": row("login 302+ 404 302+ 404 404 302+"),
        "POST signed": row("login 302+ 404 302+ 404 403 302+"),
    },
    "agreements:framework": {"GET": SKIEN_READS},
    "agreements:framework_edit": {
        "GET": row("login 200 404 403 403 403 200"),
        "POST": row("login 302+ 404 403 403 403 302+"),
    },
    "agreements:framework_compare": {"GET": SKIEN_READS},
    # --- grants: the coordinator's year; Klyve's status, evidence and report ---------
    "grants:list": {"GET": EVERYONE_SIGNED_IN},
    "grants:year": {"GET": row("login 200 404 403 403 403 200")},
    "grants:basis_xlsx": {"GET": row("login 200 404 403 403 403 200")},
    "grants:basis_pdf": {"GET": row("login 200 404 403 403 403 200")},
    "grants:status": {"GET": KLYVE_READS},
    "grants:evidence": {"GET": KLYVE_READS, "POST": row("login 302+ 404 302+ 404 404 302+")},
    "grants:assess": {
        "GET": row("login 200 404 403 404 404 200"),
        "POST": row("login 302+ 404 403 404 404 302+"),
    },
    "grants:decision": {
        "GET": row("login 200 404 403 404 404 200"),
        "POST": row("login 302+ 404 403 404 404 302+"),
    },
    # Klyve's report is a draft: its leader writes it, the coordinator reads it.
    "grants:report": {"GET": KLYVE_READS, "POST": row("login 403 404 302+ 404 404 403")},
    # A draft has nothing to reopen: back to the report, nothing changed.
    "grants:report_reopen": {"GET": NO_GET, "POST": row("login 302 404 403 404 404 302")},
    "grants:accounts": {"GET": KLYVE_READS},
    # The register's differences: each coordinator sees the own municipality's.
    "grants:differences": {"GET": row("login 200 200 403 403 403 200")},
    "grants:difference_decide": {"GET": NO_GET, "POST": row("login 302+ 404 403 403 403 302+")},
    # --- the admin site's own pages (the models' pages: test_admin_site) -------------
    "admin:index": {"GET": ADMIN_ONLY},
    "admin:login": {"GET": row("200 200 200 200 200 200 302")},
    # Django sends those who are not signed in to the admin to its index (and so on to
    # its login page).
    "admin:logout": {"POST": row("alogin 302 302 302 302 302 login")},
    "admin:password_change": {"GET": ADMIN_ONLY},
    "admin:password_change_done": {"GET": ADMIN_ONLY},
    "admin:autocomplete": {"GET": ADMIN_ONLY | {"admin": "403"}},  # 403: no field named
    "admin:jsi18n": {"GET": ADMIN_ONLY},
    "admin:view_on_site": {"GET": ADMIN_ONLY | {"admin": "302"}},
    "admin:app_list": {"GET": ADMIN_ONLY},
    "admin:auth_user_password_change": {"GET": ADMIN_ONLY},
    # GDPR: a person's data as JSON, and deactivating and anonymising the person.
    "admin:accounts_user_personal_data": {"GET": ADMIN_ONLY},
    "admin:accounts_user_anonymise": {
        "GET": ADMIN_ONLY,
        "POST": ADMIN_ONLY | {"admin": "302+"},
    },
    # Any other address under /admin/ (the catch-all pattern has no name).
    "admin/(?P<url>.*)$": {"GET": ADMIN_ONLY | {"admin": "404"}},
}


# --- what each pattern is requested with ------------------------------------------------


def _args(name: str, variant: str, w) -> list:
    """The URL arguments of pattern `name` for the matrix `variant`."""
    if name == "changelog":
        return [variant, _changelog_object(variant, w).pk]
    s, a, p = w.surveys, w.agreements, w.plans
    survey = {"draft": s.draft, "published": s.published}.get(variant, s.open)
    agreement = getattr(a, variant or "draft", a.draft)
    question = {"draft": s.draft_question, "published": s.ranked}.get(variant, s.questions["level"])
    return {
        "password_reset_confirm": ["MQ", "ugyldig-nokkel"],
        "person_role": [w.cast["leader_b"].pk],
        "person_deactivate": [w.cast["leader_b"].pk],
        "person_reactivate": [w.cast["leader_b"].pk],
        "invitation_resend": [w.invited.user_id],
        "invitation_withdraw": [w.invited.user_id],
        "invitation_accept": [w.invitation_token],
        "email_resend": [w.undelivered_email.pk],
        "centres:detail": [w.centre_a.slug],
        "centres:edit": [w.centre_a.slug],
        "centres:archive": [w.centre_a.slug],
        "centres:restore": [w.centre_a.slug],
        "meetings:detail": [(w.common if variant == "common" else w.visit_a).pk],
        "meetings:edit": [w.visit_a.pk],
        "meetings:delete": [w.visit_a.pk],
        "meetings:ics": [w.visit_a.pk],
        "meetings:follow_up_close": [w.visit_a.pk, w.follow_up_a.pk],
        "plans:detail": [p.plan.pk],
        "plans:goal": [p.goal.pk],
        "plans:hearing": [p.hearing.pk],
        "surveys:question_edit": [survey.pk, question.pk],
        "surveys:question_move": [survey.pk, question.pk, "opp"],
        "surveys:question_follow_up": [survey.pk, question.pk],
        "surveys:question_main": [survey.pk, question.pk],
        "surveys:question_delete": [survey.pk, question.pk],
        "surveys:reopen": [survey.pk, w.centre_a.slug],
        "surveys:answer": [survey.pk, w.centre_a.slug],
        "surveys:answer_save": [survey.pk, w.centre_a.slug],
        "surveys:answer_link_make": [survey.pk, w.centre_a.slug],
        "surveys:answer_link_revoke": [survey.pk, w.centre_a.slug],
        "surveys:link_answer": [s.link.token],
        "surveys:centre_results": [survey.pk, w.centre_a.slug],
        "surveys:themes": [survey.pk, question.pk],
        "surveys:question_answers": [survey.pk, question.pk],
        "surveys:summary": [survey.pk, question.pk],
        "surveys:dossier": [w.centre_a.slug],
        "surveys:dossier_pdf": [w.centre_a.slug],
        **deck_args(w.deck, survey),
        "agreements:transition": [agreement.pk, "approve_centre" if variant == "sent" else "send"],
        "agreements:version": [agreement.pk, 1],
        "agreements:version_restore": [agreement.pk, 1],
        "agreements:comment_resolve": [
            agreement.pk,
            (a.signed_thread if variant == "signed" else a.draft_thread).pk,
        ],
        "agreements:framework": [w.municipality.slug],
        "agreements:framework_edit": [w.municipality.slug],
        "agreements:framework_compare": [w.municipality.slug],
        "admin:view_on_site": [_content_type_id(w.centre_a), w.centre_a.pk],
        "admin:app_list": ["accounts"],
        "admin:auth_user_password_change": [w.cast["leader_b"].pk],
        "admin:accounts_user_personal_data": [w.cast["leader_b"].pk],
        "admin:accounts_user_anonymise": [w.cast["leader_b"].pk],
        **grant_args(w),
    }.get(name) or _default_args(name, survey, agreement)


def _changelog_object(kind: str, w):
    return {
        "sentral": w.centre_a,
        "undersokelse": w.surveys.open,
        "svar": w.surveys.response_a,
        "avtale": w.agreements.draft,
        "plan": w.plans.plan,
        "mal": w.plans.goal,
        "tilskudd": w.grants.status,
        "personer": w.municipality,
    }[kind]


def _default_args(name, survey, agreement) -> list:
    app = name.partition(":")[0]
    if app == "surveys" and name not in ("surveys:list", "surveys:create"):
        return [survey.pk]
    if app == "agreements" and name not in ("agreements:list", "agreements:create"):
        return [agreement.pk]
    return []


def _content_type_id(obj) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def _url(name: str, variant: str, w) -> str:
    if name.startswith("admin/"):
        return "/admin/finnes-ikke/"
    url = reverse(name, args=_args(name, variant, w))
    if name == "agreements:compare" and not variant:
        url += "?fra=1&til=2"
    return url


def _data(name: str, variant: str, w, user) -> dict:
    """A complete, valid POST for the pattern: an allowed request does its work."""
    s, a = w.surveys, w.agreements
    today = datetime.date.today()
    survey_form = {
        "title": "Undersøkelse 2026",
        "introduction": "Svar for sentralen.",
        "round": "2031",
        "deadline": (today + datetime.timedelta(days=20)).isoformat(),
        "meeting": "",
    }
    question_form = {
        "text": "Er samhandlingen på rett nivå?",
        "kind": "yes_no",
        "help_text": "",
        "required": "on",
        "rank_count": "3",
        "max_length": "",
        "choices_text": "",
        "condition": "",
    }
    q = s.questions
    data = {
        "set_language": lambda: {"language": "nn", "next": "/"},
        "password_change": lambda: {
            "old_password": "demo",
            "new_password1": "Et langt nytt passord 42",
            "new_password2": "Et langt nytt passord 42",
        },
        "password_reset": lambda: {"email": "leder-a@example.no"},
        "person_invite": lambda: {
            "first_name": "Ny",
            "last_name": "Leser",
            "email": "ny.leser@example.no",
            "role": "reader",
        },
        "person_role": lambda: {"role": "reader"},
        "invitation_accept": lambda: {
            "new_password1": "Et langt nytt passord 42",
            "new_password2": "Et langt nytt passord 42",
        },
        "centres:edit": lambda: centre_post(w.centre_a, phone="35 00 00 00"),
        "centres:create": lambda: {
            "centre-name": "Lie frivilligsentral",
            "centre-district": "Lie",
            "centre-organisation_model": "municipal",
        },
        "meetings:create": lambda: meeting_post(),
        "meetings:edit": lambda: meeting_post(
            kind="visit", title="Endret besøk", centres=[w.centre_a.pk]
        ),
        "meetings:follow_up_close": lambda: {f"close{w.follow_up_a.pk}-note": "Gjort."},
        "surveys:create": lambda: survey_form,
        "surveys:edit": lambda: survey_form,
        "surveys:question_add": lambda: question_form,
        "surveys:question_edit": lambda: question_form,
        "surveys:answer": lambda: {
            "revision": str(s.response_a.revision),
            f"q{q['goals'].pk}": "Den inkluderende bydelen",
        },
        "surveys:answer_save": lambda: {
            "revision": str(s.response_a.revision),
            f"q{q['goals'].pk}": "Den inkluderende bydelen",
        },
        "surveys:link_answer": lambda: {
            "revision": str(s.response_a.revision),
            f"q{q['goals'].pk}": "Den inkluderende bydelen",
        },
        "surveys:themes": lambda: {"action": "new", "name": "Unge", "texts": ["barn og ungdom"]},
        "surveys:summary": lambda: {"summary": "Barn og ungdom er viktigst."},
        **deck_data(),
        "agreements:create": lambda: {
            "centre": w.centre_a.pk,
            "valid_from": (today + datetime.timedelta(days=400)).isoformat(),
            "valid_to": (today + datetime.timedelta(days=800)).isoformat(),
        },
        "agreements:edit": lambda: (
            edit_post(a.draft, premises="Klyve skole") if not variant else {}
        ),
        "agreements:adopt_framework": lambda: {"revision": getattr(a, variant or "draft").revision},
        "agreements:version_restore": lambda: {"revision": a.draft.revision},
        "agreements:comment_add": lambda: {"text": "Ser bra ut."},
        "agreements:framework_edit": lambda: framework_post(
            a.framework, introduction="Ny innledning."
        ),
        **grant_data(w),
    }
    return data[name]() if name in data else {}


# --- requesting a cell and checking it ---------------------------------------------------

# Written on every request or by the login itself, not by what a view decides.
UNTRACKED_TABLES = {"django_session", "django_admin_log"}


def _tables() -> list[str]:
    tables = []
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if (
            model._meta.managed
            and table not in UNTRACKED_TABLES
            and model._meta.app_label != "axes"
        ):
            tables.append(table)
    return sorted(set(tables))


def database_state() -> str:
    """Every row of every tracked table, as text: equal before and after a request
    exactly when it changed nothing."""
    parts = []
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            parts.append(f"{table}:{sorted(map(repr, cursor.fetchall()))}")
    return "\n".join(parts)


WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _changed_rows(queries, request_start) -> bool:
    """Whether the request left a tracked table otherwise than it found it. A request
    that sent no write statement changed nothing; for one that did, the tables after it
    are compared with the tables once the request alone is rolled back (a write that
    stores what was there, or only touches a session, is no change)."""
    if not any(q["sql"].lstrip().upper().startswith(WRITES) for q in queries.captured_queries):
        return False
    after = database_state()
    transaction.savepoint_rollback(request_start)
    return database_state() != after


@dataclass
class Cell:
    name: str
    verb: str
    variant: str
    role: str
    want: str
    got: str = ""
    problem: str = ""

    @property
    def label(self) -> str:
        verb = f"{self.verb} {self.variant}".strip()
        return f"{self.name} [{verb}] as {self.role}: want {self.want}, got {self.got}"


@dataclass
class Tally:
    cells: list[Cell] = field(default_factory=list)

    @property
    def failures(self) -> list[str]:
        return [f"{c.label} ({c.problem})" for c in self.cells if c.problem]

    @property
    def unexpected_2xx(self) -> list[Cell]:
        return [
            c
            for c in self.cells
            if c.got[:1] == "2" and not c.want.startswith("2") and c.want != c.got
        ]


def _status(response) -> str:
    if response.status_code in (301, 302):
        if response.url.startswith(ADMIN_LOGIN_PATH):
            return ADMIN_LOGIN
        if response.url.startswith(LOGIN_PATH):
            return LOGIN
    return str(response.status_code)


def check_cell(client: Client, role: str, user, w, name: str, key: str, want: str) -> Cell:
    verb, _sep, variant = key.partition(" ")
    cell = Cell(name, verb, variant, role, want)
    # The cache is not rolled back with the database: what the last cell cached (the
    # copy of its session, cached_db's, a page of results) goes with its rows.
    cache.clear()
    # Rolled back after the request, so each cell meets the same world.
    with transaction.atomic():
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        url = _url(name, variant, w)
        request_start = transaction.savepoint()
        try:
            with CaptureQueriesContext(connection) as queries:
                if verb == "POST":
                    response = client.post(url, _data(name, variant, w, user))
                else:
                    response = client.get(url)
        except Exception as error:  # noqa: BLE001 (a server error is a finding too)
            cell.got, cell.problem = "500", f"{type(error).__name__}: {error}"
            transaction.set_rollback(True)
            return cell
        cell.got = _status(response)
        changed = verb == "POST" and _changed_rows(queries, request_start)
        transaction.set_rollback(True)
    expected_status = want.rstrip("+")
    if cell.got != expected_status:
        cell.problem = "status"
    elif verb == "POST" and changed != want.endswith("+"):
        cell.problem = "changed the data" if changed else "changed nothing"
    if verb == "POST":
        cell.got += "+" if changed else ""
    return cell


RESULTS: dict[str, Tally] = {}


@pytest.mark.parametrize("role", ROLES)
def test_every_cell_of_the_matrix(role, world, cast, status_only_responses):
    user = cast[role]
    tally = Tally()
    client = Client()
    for name, verbs in MATRIX.items():
        for key, cells in verbs.items():
            cell = check_cell(client, role, user, world, name, key, cells[role])
            tally.cells.append(cell)
    RESULTS[role] = tally
    print(f"\n{role}: {len(tally.cells)} cells checked")
    assert not tally.unexpected_2xx, [c.label for c in tally.unexpected_2xx]
    assert not tally.failures, "\n".join(tally.failures)


# --- every pattern has its row --------------------------------------------------------


def url_patterns(resolver=None, prefix="", namespace=""):
    """(name, route) of every pattern: `namespace:name`, or the route when unnamed."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}{pattern.name}" if pattern.name else route), route


ADMIN_MODEL_VIEWS = ("changelist", "add", "change", "history", "delete")


def admin_model_patterns() -> set[str]:
    """What test_admin_site covers: each registered model's five pages, and the unnamed
    redirect from /admin/<app>/<model>/<pk>/ to the change page."""
    names = set()
    for model in admin.site._registry:
        opts = model._meta
        names.update(f"admin:{opts.app_label}_{opts.model_name}_{v}" for v in ADMIN_MODEL_VIEWS)
        names.add(f"admin/{opts.app_label}/{opts.model_name}/<path:object_id>/")
    return names


def test_every_url_pattern_is_in_the_matrix():
    patterns = dict(url_patterns())
    covered = set(MATRIX) | admin_model_patterns()
    missing = sorted(name for name in patterns if name not in covered)
    assert not missing, f"URL patterns without a row in the access matrix: {missing}"
    stale = sorted(name for name in MATRIX if name not in patterns)
    assert not stale, f"Rows for URL patterns that no longer exist: {stale}"
    cells = sum(len(verbs) for verbs in MATRIX.values()) * len(ROLES)
    print(
        f"\n{len(patterns)} URL patterns: {len(MATRIX)} in the matrix ({cells} cells), "
        f"{len(patterns) - len(MATRIX)} admin model pages checked by test_admin_site"
    )


# --- the admin site -----------------------------------------------------------------------


def _login_records():
    """A lockout and a failed login, so the admin's django-axes pages have a row."""
    from axes.models import AccessAttempt, AccessFailureLog

    seen = {"user_agent": "test", "ip_address": "10.0.0.1", "username": "leder-a"}
    seen |= {"http_accept": "text/html", "path_info": "/konto/logg-inn/"}
    AccessAttempt.objects.create(**seen, get_data="", post_data="", failures_since_start=5)
    AccessFailureLog.objects.create(**seen)


def _admin_object(model):
    """The newest row: usually the one with the fewest related rows to list."""
    return model._default_manager.order_by("-pk").first()


def _admin_may(model_admin, page: str, admin_user, obj) -> bool:
    """Whether the model's admin lets the administrator open `page` at all (some are
    read-only: versions, login attempts, task results)."""
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    if page == "add":
        return model_admin.has_add_permission(request)
    if page == "delete":
        return model_admin.has_delete_permission(request, obj)
    return model_admin.has_view_or_change_permission(request, obj)


@pytest.mark.parametrize("role", ROLES)
def test_admin_site(role, world, cast):
    """Only the administrator gets into the admin: everyone else is sent to the admin's
    login page from every page of every registered model, and a delete they post
    deletes nothing."""
    user = cast[role]
    _login_records()
    client = Client()
    if user is not None:
        client.force_login(user)
    failures, checked, without_object = [], 0, []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        obj = _admin_object(model)
        pages = ["changelist", "add"]
        if obj is None:
            without_object.append(opts.label)
        else:
            pages += ["change", "history", "delete"]
        for page in pages:
            args = [] if page in ("changelist", "add") else [obj.pk]
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{page}", args=args)
            got = _status(client.get(url))
            checked += 1
            if role == "admin":
                want = "200" if _admin_may(model_admin, page, user, obj) else "403"
            else:
                want = ADMIN_LOGIN
            if got != want:
                failures.append(f"{url}: {got}, not {want}")
        if obj is not None and role != "admin":
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
            got = _status(client.post(url, {"post": "yes"}))
            checked += 1
            if got != ADMIN_LOGIN or not model._default_manager.filter(pk=obj.pk).exists():
                failures.append(f"POST {url}: {got}")
    print(f"\n{role}: {checked} admin cells checked; no object for {without_object}")
    assert not failures, failures
