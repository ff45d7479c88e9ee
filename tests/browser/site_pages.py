"""Every page of the portal, built from the URL resolver with arguments taken from the demo.

`portal_pages(demo)` walks every URL pattern. A pattern is either visited (its arguments
come from `ARGUMENTS`, or it has none) or listed in `SKIPPED` with the reason; a pattern
that is neither makes `portal_pages` raise, so a new page cannot escape the browser suite.
"""

import dataclasses

from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from agreements.models import Agreement, Framework
from centres.models import Centre
from grants.models import GrantYear
from meetings.models import Meeting
from plans.models import Goal, Hearing, Plan
from surveys.models import Question, Survey
from surveys.questions import copy_survey

from ..factories import HearingFactory, OutgoingEmailFactory

LANGUAGES = {"nb": "bokmål", "nn": "nynorsk"}

# The demo users who play each role; the leader leads Klyve nærmiljøsenter in Skien.
ROLES = {
    "coordinator": "koordinator-skien",
    "leader": "leder-klyve",
    "reader": "leser-skien",
    "admin": "admin",
}

# Patterns the browser suite does not open, each with why.
DOWNLOAD = "a file download, not a page"
POST_ONLY = "answers POST only; its result is a page visited elsewhere"
SKIPPED = {
    "healthz": "a plain-text health check for the load balancer",
    "set_language": "the language switch answers POST and redirects",
    "logout": "answers POST and redirects to the login page",
    "meetings:ics": DOWNLOAD,
    "meetings:delete": POST_ONLY,
    "meetings:follow_up_close": POST_ONLY,
    "surveys:export_csv": DOWNLOAD,
    "surveys:export_xlsx": DOWNLOAD,
    "surveys:deck_pdf": DOWNLOAD,
    "surveys:deck_pptx": DOWNLOAD,
    "surveys:deck_image": "an image on a slide, not a page (tests/browser/test_deck.py)",
    "surveys:deck_start": POST_ONLY,
    "surveys:deck_add": POST_ONLY,
    "surveys:deck_add_data": POST_ONLY,
    "surveys:deck_slide_move": POST_ONLY,
    "surveys:deck_slide_hide": POST_ONLY,
    "surveys:deck_slide_delete": POST_ONLY,
    "surveys:dossier_pdf": DOWNLOAD,
    "grants:basis_xlsx": DOWNLOAD,
    "grants:basis_pdf": DOWNLOAD,
    "grants:accounts": DOWNLOAD,
    "grants:report_reopen": POST_ONLY,
    "grants:difference_decide": POST_ONLY,
    "agreements:pdf": DOWNLOAD,
    "surveys:copy": POST_ONLY,
    "surveys:remind": POST_ONLY,
    "surveys:close": POST_ONLY,
    "surveys:publish": POST_ONLY,
    "surveys:reopen": POST_ONLY,
    "surveys:question_move": POST_ONLY,
    "surveys:question_follow_up": POST_ONLY,
    "surveys:question_main": POST_ONLY,
    "surveys:answer_save": POST_ONLY,
    "agreements:transition": POST_ONLY,
    "agreements:renew": POST_ONLY,
    "agreements:adopt_framework": POST_ONLY,
    "agreements:comment_add": POST_ONLY,
    "agreements:comment_resolve": POST_ONLY,
    "centres:archive": POST_ONLY,
    "centres:restore": POST_ONLY,
    "surveys:answer_link_make": POST_ONLY,
    "surveys:answer_link_revoke": POST_ONLY,
    "person_deactivate": POST_ONLY,
    "person_reactivate": POST_ONLY,
    "invitation_resend": POST_ONLY,
    "invitation_withdraw": POST_ONLY,
    "email_resend": POST_ONLY,
    # Tokens from an e-mail or a coordinator's hand: opened, with axe, by
    # tests/browser/test_people_and_on_behalf.py.
    "invitation_accept": "the single-use link of an invitation e-mail (test_people_and_on_behalf)",
    "surveys:link_answer": "a centre's personal answer link (test_people_and_on_behalf)",
}
# The admin's index and one list are in the admin role's walk; every registered model's
# list, add and change page in the admin walk (admin_pages below).
ADMIN_VISITED = {"admin:index", "admin:accounts_user_changelist"}
ADMIN_MODEL_PAGES = ("changelist", "add", "change")
ADMIN_SKIPPED = (
    "Django's own admin pages (history, delete, password, the app lists): the index and "
    "every model's list, add and change page stand for them"
)
# Registered models' pages the admin walk does not open, each with why.
NO_ADD = "the admin offers no add page: the portal or a library writes these rows"
ADMIN_MODEL_SKIPPED = {
    "admin:django_tasks_database_dbtaskresult_add": NO_ADD,
    "admin:axes_accessattempt_add": NO_ADD,
    "admin:axes_accesslog_add": NO_ADD,
    "admin:axes_accessfailurelog_add": NO_ADD,
    "admin:agreements_frameworkversion_add": NO_ADD,
    "admin:agreements_agreementversion_add": NO_ADD,
    "admin:accounts_outgoingemail_add": NO_ADD,
}


@dataclasses.dataclass
class Demo:
    """The demo objects the pages are opened with (Skien, seen by all four roles)."""

    centre: Centre
    meeting: Meeting
    plan: Plan
    goal: Goal
    hearing: Hearing
    draft_survey: Survey
    open_survey: Survey
    published_survey: Survey
    draft_question: Question
    ranked_question: Question
    agreements: dict  # status → Agreement
    framework: Framework
    reset_user: User


def demo_objects() -> Demo:
    """The loaded demo's objects, plus a draft survey (a copy of the 2026 round) for the
    pages a survey has only while it is a draft, and an e-mail to Klyve's leader that the
    SMTP server never took, for «E-post som ikke kom fram»."""
    coordinator = User.objects.get(username=ROLES["coordinator"])
    OutgoingEmailFactory(
        municipality=coordinator.municipality, to=User.objects.get(username=ROLES["leader"]).email
    )
    open_survey = Survey.objects.get(municipality__slug="skien", round=2026)
    draft_survey = copy_survey(survey=open_survey, by=coordinator)
    published = Survey.objects.get(municipality__slug="skien", round=2025)
    skien_agreements = Agreement.objects.filter(centre__municipality__slug="skien")
    return Demo(
        centre=Centre.objects.get(slug="klyve"),
        meeting=Meeting.objects.get(title="Dialogmøte med frivilligsentralene"),
        plan=Plan.objects.get(title="Strategisk plan for frivillighet"),
        goal=Goal.objects.filter(plan__municipality__slug="skien").first(),
        hearing=_hearing(),
        draft_survey=draft_survey,
        open_survey=open_survey,
        published_survey=published,
        draft_question=draft_survey.questions.in_order().first(),
        ranked_question=published.questions.filter(kind=Question.Kind.RANKED).first(),
        agreements={a.status: a for a in skien_agreements.order_by("-pk")},
        framework=Framework.objects.get(municipality__slug="skien"),
        reset_user=User.objects.get(username=ROLES["leader"]),
    )


def _grant_year() -> GrantYear:
    return GrantYear.objects.get(municipality__slug="skien", year=2026)


def _hearing() -> Hearing:
    """The demo's only hearing is Drammen's; Skien's strategic plan gets a copy with its
    inputs, so the Skien roles see a hearing page with a table of inputs too."""
    drammen = Hearing.objects.get(plan__municipality__slug="drammen")
    hearing = HearingFactory(
        plan=Plan.objects.get(title="Strategisk plan for frivillighet"),
        start_date=drammen.start_date,
        end_date=drammen.end_date,
        summary=drammen.summary,
    )
    for item in drammen.inputs.all():
        item.pk, item.hearing = None, hearing
        item.save()
    return hearing


def _klyve_agreements(demo):
    """The leader's own (Klyve's) agreements and the others in the states that change
    what the page offers."""
    wanted = ("active", "approved_by_municipality", "draft", "sent", "changes_requested")
    return [{"pk": demo.agreements[s].pk} for s in wanted if s in demo.agreements]


def _versions(demo):
    draft = demo.agreements["draft"]
    return [{"pk": draft.pk, "number": 1}]


# URL name → the keyword arguments to open it with (a list: one page per entry).
ARGUMENTS = {
    "centres:detail": lambda d: [{"slug": d.centre.slug}],
    "centres:edit": lambda d: [{"slug": d.centre.slug}],
    "meetings:detail": lambda d: [{"pk": d.meeting.pk}],
    "meetings:edit": lambda d: [{"pk": d.meeting.pk}],
    "plans:detail": lambda d: [{"pk": d.plan.pk}],
    "plans:goal": lambda d: [{"pk": d.goal.pk}],
    "plans:hearing": lambda d: [{"pk": d.hearing.pk}],
    "surveys:detail": lambda d: [
        {"pk": s.pk} for s in (d.draft_survey, d.open_survey, d.published_survey)
    ],
    "surveys:edit": lambda d: [{"pk": d.draft_survey.pk}],
    "surveys:preview": lambda d: [{"pk": d.draft_survey.pk}],
    "surveys:send": lambda d: [{"pk": d.draft_survey.pk}],
    "surveys:question_add": lambda d: [{"pk": d.draft_survey.pk}],
    "surveys:question_edit": lambda d: [
        {"pk": d.draft_survey.pk, "question_pk": d.draft_question.pk}
    ],
    "surveys:question_delete": lambda d: [
        {"pk": d.draft_survey.pk, "question_pk": d.draft_question.pk}
    ],
    "surveys:answer": lambda d: [
        {"pk": s.pk, "slug": d.centre.slug} for s in (d.open_survey, d.published_survey)
    ],
    "surveys:results": lambda d: [{"pk": d.published_survey.pk}, {"pk": d.open_survey.pk}],
    "surveys:side_by_side": lambda d: [{"pk": d.published_survey.pk}],
    "surveys:centre_results": lambda d: [{"pk": d.published_survey.pk, "slug": d.centre.slug}],
    "surveys:themes": lambda d: [
        {"pk": d.published_survey.pk, "question_pk": d.ranked_question.pk}
    ],
    "surveys:summary": lambda d: [
        {"pk": d.published_survey.pk, "question_pk": d.ranked_question.pk}
    ],
    "surveys:question_answers": lambda d: [
        {"pk": d.published_survey.pk, "question_pk": d.ranked_question.pk}
    ],
    "surveys:compare": lambda d: [{"pk": d.open_survey.pk}],
    "surveys:deck": lambda d: [{"pk": d.published_survey.pk}],
    "surveys:deck_present": lambda d: [{"pk": d.published_survey.pk}],
    "surveys:deck_edit": lambda d: [{"pk": d.published_survey.pk}],
    # an own slide (title, Markdown, image) and a centre's (its level of detail)
    "surveys:deck_slide": lambda d: [
        {"pk": d.published_survey.pk, "slide_pk": slide.pk}
        for slide in (d.published_survey.deck.slides.filter(kind=k)[0] for k in ("own", "centre"))
    ],
    "surveys:dossier": lambda d: [{"slug": d.centre.slug}],
    "agreements:detail": _klyve_agreements,
    "agreements:edit": lambda d: [{"pk": d.agreements["draft"].pk}],
    "agreements:versions": lambda d: [{"pk": d.agreements["draft"].pk}],
    "agreements:version": _versions,
    "agreements:version_restore": _versions,
    "agreements:compare": lambda d: [{"pk": d.agreements["draft"].pk}],
    "agreements:framework": lambda d: [{"slug": d.framework.municipality.slug}],
    "agreements:framework_edit": lambda d: [{"slug": d.framework.municipality.slug}],
    "agreements:framework_compare": lambda d: [{"slug": d.framework.municipality.slug}],
    # Skien's grant year (demo/grants.py) and Klyve's status, evidence and report in it.
    "grants:year": lambda d: [{"pk": _grant_year().pk}],
    **{
        f"grants:{name}": lambda d: [{"pk": _grant_year().pk, "slug": d.centre.slug}]
        for name in ("status", "evidence", "assess", "decision", "report")
    },
    # One template for all kinds; a centre's and an agreement's log stand for them.
    "changelog": lambda d: [
        {"kind": "sentral", "pk": d.centre.pk},
        {"kind": "avtale", "pk": d.agreements["draft"].pk},
    ],
    # The people page's form for one person: the leader of Klyve.
    "person_role": lambda d: [{"pk": d.reset_user.pk}],
    "password_reset_confirm": lambda d: [
        {
            "uidb64": urlsafe_base64_encode(force_bytes(d.reset_user.pk)),
            "token": default_token_generator.make_token(d.reset_user),
        }
    ],
}

# Pages for people who are not logged in (a logged-in user is sent on from the login
# page); every other page wants a login, except the public ones anyone may read.
ANONYMOUS = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}
PUBLIC = {"accessibility", "privacy"}
# The link in a password-reset e-mail moves its token into the session and redirects.
REDIRECTING = {"password_reset_confirm"}


@dataclasses.dataclass(frozen=True)
class Page:
    name: str
    url: str


def url_names():
    """Every named URL pattern of the project, with the namespace."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                yield f"{namespace}{pattern.name}", pattern

    return list(walk(get_resolver().url_patterns))


def skip_reason(name: str) -> str | None:
    if name.startswith("admin:") and name not in ADMIN_VISITED:
        return ADMIN_MODEL_SKIPPED.get(name, ADMIN_SKIPPED)
    return SKIPPED.get(name)


def admin_records() -> None:
    """Rows for the registered models the demo leaves empty (groups, django-axes' login
    records, a background task's result), so each has a change page to open."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group
    from django_tasks_db.models import DBTaskResult

    Group.objects.get_or_create(name="Redaktører")
    seen = {"user_agent": "Firefox", "ip_address": "10.0.0.1", "username": ROLES["leader"]}
    seen |= {"http_accept": "text/html", "path_info": "/konto/logg-inn/"}
    AccessAttempt.objects.create(**seen, get_data="", post_data="", failures_since_start=5)
    AccessFailureLog.objects.create(**seen)
    AccessLog.objects.create(**seen)
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="accounts.mail.send_outgoing_emails",
        backend_name="default",
        # No run_after: the admin rebuilds each row's task on the configured backend,
        # and the tests' immediate backend refuses one that waits (production's database
        # backend takes it).
    )


@dataclasses.dataclass(frozen=True)
class AdminPage(Page):
    app_label: str


def admin_pages() -> list[AdminPage]:
    """The list, add and change page of every model registered in the admin (the change
    page of its newest row); raises for a page that is neither visited nor listed in
    ADMIN_MODEL_SKIPPED, or skipped though the admin offers it."""
    from django.contrib import admin

    pages, unlisted = [], []
    for model in admin.site._registry:
        opts = model._meta
        for kind in ADMIN_MODEL_PAGES:
            name = f"admin:{opts.app_label}_{opts.model_name}_{kind}"
            if name in ADMIN_MODEL_SKIPPED:
                continue
            args = []
            if kind == "change":
                obj = model._default_manager.order_by("-pk").first()
                if obj is None:
                    unlisted.append(f"{name} (no row to open: add one in admin_records)")
                    continue
                args = [obj.pk]
            pages.append(AdminPage(name, reverse(name, args=args), opts.app_label))
    if unlisted:
        raise LookupError(
            "Admin pages neither visited by the browser suite nor skipped with a reason "
            f"(see ADMIN_MODEL_SKIPPED in {__name__}): {', '.join(unlisted)}"
        )
    return pages


def admin_app_labels() -> list[str]:
    """The apps with models in the admin, in the index's order (the walk's parts)."""
    from django.contrib import admin

    return list(dict.fromkeys(model._meta.app_label for model in admin.site._registry))


def portal_pages(demo: Demo) -> list[Page]:
    """One Page per visited pattern (and per argument set); raises for a pattern that is
    neither visited nor skipped."""
    pages, unlisted = [], []
    for name, pattern in url_names():
        if skip_reason(name):
            continue
        if name in ARGUMENTS:
            pages += [Page(name, reverse(name, kwargs=kw)) for kw in ARGUMENTS[name](demo)]
        elif not pattern.pattern.converters:
            pages.append(Page(name, reverse(name)))
        else:
            unlisted.append(f"{name} ({pattern.pattern})")
    if unlisted:
        raise LookupError(
            "URL patterns neither visited by the browser suite nor skipped with a reason "
            f"(add them to ARGUMENTS or SKIPPED in {__name__}): {', '.join(unlisted)}"
        )
    return pages
