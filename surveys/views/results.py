"""Results, side by side, themes, rounds compared, exports, the deck and the dossier."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from centres.models import Centre
from frivillig.lib import changelog
from frivillig.lib.access import is_coordinator_of
from frivillig.lib.files import attachment
from frivillig.lib.pagination import paginate
from frivillig.lib.pdf import render_pdf
from frivillig.lib.posted import posted_int
from meetings.access import visible_meetings

from .. import access, exports, questions, themes
from ..compare import compare_rounds
from ..dossier import dossier_context
from ..models import Answer, Question, ThemeMember
from ..result_forms import RenameThemeForm, SummaryForm, ThemeSelectionForm
from ..results import SurveyResults, survey_for_results
from ..results_cache import results_cached

# The results page shows the first answers of a free-text question, its own page the rest
# a page at a time; side by side a page of centres.
RESULT_ANSWERS = 10
ANSWERS_PER_PAGE = 25
CENTRES_SIDE_BY_SIDE = 15


def _survey(request, pk):
    return access.get_survey_results_for_user(request.user, pk, queryset=survey_for_results())


def _question(survey, question_pk, **filters):
    return get_object_or_404(Question, pk=question_pk, survey=survey, **filters)


def results(request, pk):
    survey = _survey(request, pk)
    # The results link back to the dialogue meeting they are presented at, for whoever
    # may open the meeting.
    meeting = (
        visible_meetings(request.user).filter(pk=survey.meeting_id).first()
        if survey.meeting_id
        else None
    )
    can_manage = is_coordinator_of(request.user, survey.municipality_id)

    def count_and_render() -> dict[str, str]:
        results = SurveyResults(survey, first_answers=RESULT_ANSWERS)
        context = {"survey": survey, "results": results, "can_manage": can_manage}
        return _render_parts("surveys/results_{}.html", ("lead", "body"), context)

    parts = results_cached(survey, "page", can_manage, build=count_and_render)
    return render(
        request,
        "surveys/results.html",
        {"survey": survey, "meeting": meeting, "parts": _safe(parts), "can_manage": can_manage},
    )


def _render_parts(template: str, parts, context: dict) -> dict[str, str]:
    """The page's parts that show the results, rendered without the request: the same
    for every reader given the same context (surveys.results_cache keeps them)."""
    return {part: str(render_to_string(template.format(part), context)) for part in parts}


def _safe(parts: dict[str, str]) -> dict:
    # Rendered by the portal's own templates (autoescaped): kept as plain strings in the
    # cache, put on the page as they are.
    return {name: mark_safe(html) for name, html in parts.items()}


def question_answers(request, pk, question_pk):
    """Every centre's answer to one question, a page at a time."""
    survey = _survey(request, pk)
    question = _question(survey, question_pk)
    answers = (
        Answer.objects.submitted()
        .filter(question=question)
        .answered()
        .select_related("response__centre")
        .order_by("response__centre__name", "pk")
    )
    page = paginate(request, answers, ANSWERS_PER_PAGE)
    for answer in page:
        answer.question = question  # already loaded: no query per answer
    return render(
        request,
        "surveys/question_answers.html",
        {
            "survey": survey,
            "question": question,
            "page": page,
            "can_manage": is_coordinator_of(request.user, survey.municipality_id),
        },
    )


def summary(request, pk, question_pk):
    survey = access.get_survey_for_user(request.user, pk, write=True)
    question = _question(survey, question_pk)
    result = SurveyResults(survey).by_question[question.pk]
    if request.method == "POST" and "reset" in request.POST:
        questions.set_summary(question=question, summary="")
        messages.success(request, _("Oppsummeringen er tilbakestilt til portalens forslag."))
        return redirect("surveys:results", survey.pk)
    form = SummaryForm(request.POST or None, initial={"summary": result.summary})
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["summary"].strip()
        # The portal's own suggestion, unchanged, is stored as none: it follows the answers.
        summary = "" if text == result.generated_summary else text
        questions.set_summary(question=question, summary=summary)
        messages.success(request, _("Oppsummeringen er lagret."))
        return redirect(f"{reverse('surveys:results', args=[survey.pk])}#q{question.pk}")
    return render(
        request,
        "surveys/results_summary.html",
        {"survey": survey, "result": result, "form": form},
    )


def theme_page(request, pk, question_pk):
    survey = access.get_survey_for_user(request.user, pk, write=True)
    question = _question(survey, question_pk, kind=Question.Kind.RANKED)
    result = SurveyResults(survey).by_question[question.pk]
    texts = _answer_texts(result)
    action = request.POST.get("action", "")
    selection = ThemeSelectionForm(
        request.POST if action in ("new", "add") else None,
        question=question,
        texts=texts,
        action=action,
    )
    if request.method == "POST":
        done = _theme_action(request, question, action, selection)
        if done:
            return redirect("surveys:themes", survey.pk, question.pk)
        messages.error(request, _("Temaene ble ikke endret. Rett feilene som er merket under."))
    written = dict(texts)
    theme_forms = [
        (theme, [(member, written.get(member.text, member.text)) for member in theme.members.all()])
        for theme in question.themes.prefetch_related("members")
    ]
    return render(
        request,
        "surveys/themes.html",
        {
            "survey": survey,
            "result": result,
            "selection": selection,
            "text_rows": _text_rows(result, request.POST.getlist("texts")),
            "theme_forms": theme_forms,
            "rename_errors": getattr(request, "_rename_errors", None),
        },
    )


def _answer_texts(result) -> list[tuple[str, str]]:
    """(normalised text, text as written) of every answer to a ranked question."""
    seen = {}
    for tally in result.tally:
        for mention in tally.mentions:
            key = ThemeMember.normalise(mention.text)
            seen.setdefault(key, mention.text)
    return sorted(seen.items(), key=lambda item: item[1].casefold())


def _text_rows(result, checked: list[str]) -> list[dict]:
    """Each answer text with who wrote it at which rank and the theme it is in."""
    rows = {}
    for tally in result.tally:
        for mention in tally.mentions:
            key = ThemeMember.normalise(mention.text)
            row = rows.setdefault(
                key,
                {
                    "key": key,
                    "text": mention.text,
                    "theme": tally.theme,
                    "mentions": [],
                    "checked": key in checked,
                },
            )
            row["mentions"].append(mention)
    return sorted(rows.values(), key=lambda row: row["text"].casefold())


def _theme_action(request, question, action, selection) -> bool:
    if action in ("new", "add"):
        if not selection.is_valid():
            return False
        data = selection.cleaned_data
        theme = themes.put_in_theme(
            question=question,
            texts=data["texts"],
            name=data["name"],
            theme=data["theme"] if action == "add" else None,
        )
        messages.success(request, _("Svarene er lagt i temaet «%(name)s».") % {"name": theme.name})
        return True
    if action == "remove":
        themes.remove_from_theme(question=question, text=request.POST.get("text", ""))
        messages.success(request, _("Svaret er tatt ut av temaet."))
        return True
    theme = get_object_or_404(question.themes, pk=posted_int(request, "theme_id"))
    if action == "delete":
        themes.delete_theme(theme=theme)
        messages.success(request, _("Temaet «%(name)s» er slettet.") % {"name": theme.name})
        return True
    if action == "rename":
        form = RenameThemeForm(request.POST, theme=theme, prefix=f"t{theme.pk}")
        if form.is_valid():
            themes.rename_theme(theme=theme, name=form.cleaned_data["name"])
            messages.success(request, _("Temaet heter nå «%(name)s».") % {"name": theme.name})
            return True
        request._rename_errors = (theme.pk, form)
        return False
    raise Http404


def side_by_side(request, pk):
    survey = _survey(request, pk)
    submitted = survey.responses.submitted()
    page = paginate(
        request,
        submitted.select_related("centre").order_by("centre__name", "pk"),
        CENTRES_SIDE_BY_SIDE,
    )
    responses = list(page)

    def count_and_render() -> dict[str, str]:
        results = SurveyResults(survey, answers_for=responses)
        rows = [(response.centre, results.for_centre(response.centre)) for response in responses]
        context = {"survey": survey, "results": results, "rows": rows}
        return _render_parts("surveys/side_by_side_{}.html", ("table", "not_submitted"), context)

    # The page's centres are in the key: the same page number shows other centres once
    # one more has submitted.
    parts = results_cached(
        survey, "side-by-side", *(r.pk for r in responses), build=count_and_render
    )
    return render(
        request,
        "surveys/side_by_side.html",
        {
            "survey": survey,
            "parts": _safe(parts),
            "has_rows": bool(responses),
            "page": page,
            "can_manage": is_coordinator_of(request.user, survey.municipality_id),
        },
    )


def centre_results(request, pk, slug):
    survey = _survey(request, pk)
    results = SurveyResults(survey)
    response = next((r for r in results.responses if r.centre.slug == slug), None)
    if response is None:
        raise Http404
    answers = results.for_centre(response.centre) if response.is_submitted else []
    return render(
        request,
        "surveys/centre_results.html",
        {
            "survey": survey,
            "response": response,
            "centre": response.centre,
            "answers": answers,
            "can_manage": is_coordinator_of(request.user, survey.municipality_id),
            "changelog": changelog.for_page(request.user, "svar", response, survey.municipality_id),
        },
    )


def compare(request, pk):
    survey = _survey(request, pk)
    previous = access.get_previous_round_for_user(request.user, survey)
    current_results = SurveyResults(survey)
    previous_results = SurveyResults(previous)
    return render(
        request,
        "surveys/compare.html",
        {
            "survey": survey,
            "previous": previous,
            "results": current_results,
            "previous_results": previous_results,
            "comparisons": compare_rounds(current_results, previous_results),
            "can_manage": is_coordinator_of(request.user, survey.municipality_id),
        },
    )


def export_csv(request, pk):
    survey = _survey(request, pk)
    # The queries run here, not while streaming.
    lines = results_cached(
        survey, "csv", build=lambda: list(exports.csv_lines(SurveyResults(survey)))
    )
    return attachment(
        iter(lines),
        content_type="text/csv; charset=utf-8",
        filename=exports.filename(survey, "csv"),
        streaming=True,
    )


def export_xlsx(request, pk):
    survey = _survey(request, pk)
    return attachment(
        results_cached(survey, "xlsx", build=lambda: exports.xlsx_bytes(SurveyResults(survey))),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=exports.filename(survey, "xlsx"),
    )


def _dossier_context(request, slug):
    centre = access.get_dossier_centre_for_user(
        request.user, slug, queryset=Centre.objects.with_profile()
    )
    return dossier_context(request.user, centre, timezone.localdate())


def dossier(request, slug):
    return render(request, "surveys/dossier.html", _dossier_context(request, slug))


def dossier_pdf(request, slug):
    context = _dossier_context(request, slug)
    pdf = render_pdf("surveys/dossier_pdf.html", context, "css/dossier-print.css")
    name = f"besoksmappe-{context['centre'].slug}.pdf"
    return attachment(pdf, content_type="application/pdf", filename=name)
