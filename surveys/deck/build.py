"""The deck's slides, made from the portal's data: one function per kind of slide, each
giving the slide(s) before pagination. surveys.deck.saved puts them in the order the
coordinator chose; without a saved deck the default order below is shown.

Every text is the portal's own (the summaries are surveys.summaries' sentences, as the
coordinator may have rewritten them); the charts are drawn from the same counts.
"""

from __future__ import annotations

from django.template.defaultfilters import floatformat
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from frivillig.lib.dates import date_and_time_span

from .. import kinds
from ..models import Question
from ..templatetags.survey_results import in_sentence, quoted
from . import charts
from .slides import Line, Slide, split_sentences

CHARTED_KINDS = (
    Question.Kind.YES_NO,
    Question.Kind.SINGLE,
    Question.Kind.MULTIPLE,
    Question.Kind.SCALE,
    Question.Kind.RANKED,
)
# Shown with their figures and each centre's answer instead of a chart.
TYPED_KINDS = (Question.Kind.NUMBER, Question.Kind.DATE)


def _lines(text: str, **kwargs) -> list[Line]:
    return [Line(line.strip(), **kwargs) for line in (text or "").splitlines() if line.strip()]


def comment_of(answer) -> str:
    """«Utdyp gjerne»: what the centre wrote beside its answer, quoted as written."""
    if answer is None or not answer.comment or not answer.question.takes_comment:
        return ""
    return quoted(" ".join(answer.comment.split()))


def quarter_words(quarter: int) -> str:
    return {
        1: _("første kvartal"),
        2: _("andre kvartal"),
        3: _("tredje kvartal"),
        4: _("fjerde kvartal"),
    }.get(quarter, str(quarter))


def welcome(context) -> list[Slide]:
    meeting, survey = context["meeting"], context["survey"]
    if meeting is None:
        lead = _("Resultater fra runde %(round)s") % {"round": survey.round}
        return [Slide(survey.title, kind="title", lead=lead, key="welcome")]
    meta = date_and_time_span(meeting.date, meeting.start_time, meeting.end_time)
    if meeting.location:
        meta += " · " + meeting.location
    title = _("Velkommen til %(kind)s") % {"kind": meeting.get_kind_display().lower()}
    return [Slide(title, kind="title", lead=meeting.title, meta=meta, key="welcome")]


def agenda(context) -> list[Slide]:
    meeting = context["meeting"]
    if meeting is None:
        return []
    lines = []
    for item in meeting.agenda_items.all():
        if item.is_break:
            lines.append(Line(item.title, plain=True, muted=True))
        elif item.presenter:
            text = _("%(title)s v/%(presenter)s") % {
                "title": item.title,
                "presenter": item.presenter,
            }
            lines.append(Line(text))
        else:
            lines.append(Line(item.title))
    return [Slide(_("Agenda"), lines or [Line(_("Ingen agenda registrert."))], key="agenda")]


def questions(context) -> list[Slide]:
    results = context["results"]
    lines = [Line(response_status(results)), Line(_("Dette er spørsmålene:"), plain=True)]
    for result in results.questions:
        lines.append(Line(f"{result.number}. {result.question.text}"))
        for follow_up in result.follow_ups:
            lines.append(Line(follow_up.question.text, level=1))
    return [Slide(_("Gjennomgang av spørreundersøkelse"), lines, key="questions")]


def response_status(results) -> str:
    """Who has answered, as the seed's slide says it."""
    if not results.submitted:
        return _("Ingen frivilligsentraler har svart ennå")
    if not results.not_submitted:
        return _("Alle frivilligsentralene har svart")
    if len(results.not_submitted) < len(results.submitted):
        names = ", ".join(in_sentence(r.centre.name) for r in results.not_submitted)
        return f"{_('Alle frivilligsentralene har svart bortsett fra')} {names}"
    counted = ngettext(
        "%(submitted)s av %(total)s frivilligsentral har sendt inn svar.",
        "%(submitted)s av %(total)s frivilligsentraler har sendt inn svar.",
        len(results.responses),
    ) % {"submitted": len(results.submitted), "total": len(results.responses)}
    names = ", ".join(r.centre.name for r in results.not_submitted)
    return f"{counted} {_('Har ikke sendt inn:')} {names}"


def _sentences(result) -> list[str]:
    found = split_sentences(result.summary)
    for follow_up in result.follow_ups:
        if follow_up.has_counts:
            found += split_sentences(follow_up.summary)
    return found


def summary(context) -> list[Slide]:
    lines = []
    for result in context["summaries"]:
        lines.append(Line(result.question.text))
        lines += [Line(sentence, level=1) for sentence in _sentences(result)]
    if not lines:
        return []
    return [Slide(_("Oppsummering"), lines, key="summary")]


def _with_unit(question, value) -> str:
    return f"{value} {question.unit}" if question.unit else str(value)


def typed_lines(result) -> list[Line]:
    """A number question's sum, average, lowest and highest, then each centre's number;
    a date question's dates in order, each with the centre that gave it."""
    question = result.question
    lines = []
    if result.kind == Question.Kind.NUMBER and result.figures:
        f = result.figures
        figures = [
            (_("Sum"), f.sum),
            (_("Gjennomsnitt"), floatformat(f.average, 1)),  # rounded, as on the results
            (_("Lavest"), f.low),
            (_("Høyest"), f.high),
        ]
        lines = [Line(f"{label}: {_with_unit(question, value)}") for label, value in figures]
        lines.append(Line(_("Per sentral"), heading=True))
        lines += [
            Line(f"{centre.name}: {_with_unit(question, answer.number)}")
            for centre, answer in result.answers
            if answer.number is not None
        ]
    elif result.kind == Question.Kind.DATE:
        dated = sorted(
            (day, centre.name)
            for centre, answer in result.answers
            if (day := kinds.day(answer.text)) is not None
        )
        lines = [Line(f"{date_format(day, 'DATE_FORMAT')}: {name}") for day, name in dated]
    return lines or [Line(_("Ingen svar ennå."), muted=True)]


def question(context, result, key: str) -> list[Slide]:
    """One question's summary with its chart: the options' counts or the themes; a
    number's or a date's figures and answers."""
    if result.kind in TYPED_KINDS:
        return [Slide(result.question.text, typed_lines(result), key=key)]
    if result.kind == Question.Kind.RANKED:
        chart = charts.themes_chart(result)
    else:
        chart = charts.option_chart(result)
    lines = [Line(sentence) for sentence in _sentences(result)]
    return [Slide(result.question.text, lines, kind="chart", chart=chart, key=key)]


def compare(context, comparison, key: str) -> list[Slide]:
    title = _("%(question)s: før og nå") % {"question": comparison.current.question.text}
    lines = [Line(f"{o.label}: {words}") for o, _before, words in comparison.options]
    chart = charts.compare_chart(comparison)
    return [Slide(title, lines, kind="chart", chart=chart, key=key)]


def facts(context) -> list[Slide]:
    municipality = context["municipality"]
    lines = _lines(municipality.facts)
    title = _("%(name)s i tall") % {"name": municipality.name}
    return [Slide(title, lines or [Line(_("Ingen fakta registrert."))], key="facts")]


def interaction(context) -> list[Slide]:
    municipality = context["municipality"]
    lines = [
        Line(
            _("Den formelle samhandlingen med %(name)s kommune består av:")
            % {"name": municipality.name},
            plain=True,
        ),
        Line(
            _("Ett årlig fellesmøte i %(quarter)s")
            % {"quarter": quarter_words(municipality.common_meeting_quarter)}
        ),
        Line(
            _("Ett årlig besøk til hver frivilligsentral i %(quarter)s")
            % {"quarter": quarter_words(municipality.visit_quarter)}
        ),
    ]
    return [Slide(_("Den formelle samhandlingen"), lines, key="interaction")]


def plan(context, plan, key: str) -> list[Slide]:
    name = plan.title
    if plan.start_year and plan.end_year:
        name = f"{plan.title} {plan.start_year}–{plan.end_year}"
    lines = [Line(name, plain=True, muted=True)]
    lines += _lines(plan.purpose) or [Line(_("Ingen formål registrert."))]
    lines += _lines(plan.description, plain=True)
    return [Slide(_("Formål: %(plan)s") % {"plan": plan.title}, lines, key=key)]


def goal(context, goal, key: str) -> list[Slide]:
    lines = [Line(goal.plan.title, plain=True, muted=True)]
    lines += [Line(strategy.text) for strategy in goal.strategies.all()]
    lines += _lines(goal.description, plain=True)
    return [Slide(_("Mål: %(title)s") % {"title": goal.title}, lines, key=key)]


def strategy(context, strategy, key: str) -> list[Slide]:
    lines = [
        Line(
            _("Mål %(number)s: %(title)s")
            % {"number": strategy.goal.number, "title": strategy.goal.title},
            plain=True,
            muted=True,
        )
    ]
    lines += [Line(area.text) for area in strategy.focus_areas.all()]
    return [Slide(strategy.text, lines, key=key)]


def centre(context, centre_slides, key: str, *, full: bool = True) -> list[Slide]:
    """One centre: its profile, partners and answers (full), or all on one slide."""
    centre = centre_slides.centre
    period = centre.current_goal_period
    groups = [group.name for group in centre.target_groups.all()]
    goals = list(period.goals.all()) if period else []
    goals_heading = (
        _("Mål for %(label)s") % {"label": period.label} if period else _("Mål for perioden")
    )
    if not full:
        lines = [Line(_("Målgrupper: %(groups)s") % {"groups": ", ".join(groups) or "–"})]
        lines += [Line(f"{goals_heading}: {goal.text}") for goal in goals[:2]]
        for result, answer, _follow_ups in centre_slides.answers:
            shown = "; ".join(answer.lines() if answer else []) or _("Ikke besvart")
            if comment := comment_of(answer):
                shown = f"{shown} {comment}"
            lines.append(Line(f"{result.question.text} {shown}"))
        return [Slide(centre.name, lines, key=key)]

    profile = [Line(_("Målgrupper"), heading=True)]
    profile += [Line(name) for name in groups] or [Line(_("Ingen målgrupper registrert."))]
    profile.append(Line(goals_heading, heading=True))
    if period and period.motto:
        profile.append(Line(_("Motto: %(motto)s") % {"motto": period.motto}, plain=True))
    for goal in goals:
        profile.append(Line(goal.text))
        profile += _lines(goal.details, level=1)
    if not goals:
        profile.append(Line(_("Ingen mål registrert.")))
    slides = [Slide(centre.name, profile, key=f"{key}-profile")]

    partners = []
    for partner in centre.partners.all():
        partners.append(Line(partner.name))
        partners += _lines(partner.cooperation, level=1)
    if centre.cooperation_summary:
        partners.append(Line(_("Samhandling"), heading=True))
        partners += _lines(centre.cooperation_summary)
    title = _("%(name)s: samarbeidsaktører og samhandling") % {"name": centre.name}
    slides.append(
        Slide(title, partners or [Line(_("Ingen samarbeidsaktører registrert."))], key=f"{key}-p")
    )

    for result, answer, follow_ups in centre_slides.answers:
        lines = _lines(result.question.help_text, plain=True, muted=True)
        lines.append(Line(result.question.text, heading=True))
        shown = answer.lines() if answer else []
        lines += [Line(text) for text in shown] or [Line(_("Ikke besvart"), muted=True)]
        if comment := comment_of(answer):
            lines.append(Line(comment, plain=True))
        for follow_up, follow_answer in follow_ups:
            follow_lines = follow_answer.lines() if follow_answer else []
            if follow_lines:
                lines.append(Line(follow_up.question.text, heading=True))
                lines += [Line(text) for text in follow_lines]
                if comment := comment_of(follow_answer):
                    lines.append(Line(comment, plain=True))
        slides.append(Slide(centre.name, lines, key=f"{key}-q{result.question.pk}"))
    return slides


def default_slides(context) -> list[Slide]:
    """The deck before the coordinator saves one: the meeting, the questions, the
    summary, a chart per counted or ranked question, the rounds compared, each centre."""
    slides = welcome(context) + agenda(context) + questions(context) + summary(context)
    for result in context["results"].questions:
        charted = result.kind in CHARTED_KINDS and result.total
        if charted or (result.kind in TYPED_KINDS and result.answers):
            slides += question(context, result, f"q{result.question.pk}")
    for comparison in context.get("comparisons", []):
        if comparison.current.has_counts:
            slides += compare(context, comparison, f"cmp{comparison.current.question.pk}")
    for centre_slides in context["centres"]:
        slides += centre(context, centre_slides, f"c{centre_slides.centre.pk}")
    return slides
