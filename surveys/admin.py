from django.contrib import admin

from frivillig.lib.admin import ModelAdmin, TabularInline

from .models import Answer, Question, Survey, SurveyResponse, Theme, ThemeMember


class ResultsAdmin(ModelAdmin):
    """An administrator's change to a survey, its questions, responses, answers or themes
    gives the survey's results a new version, as the services do (surveys.results_cache):
    the pages show it at once. `survey_path` leads from the model to its survey."""

    survey_path = "survey"

    def _surveys(self, queryset):
        return Survey.objects.filter(pk__in=list(queryset.values_list(self.survey_path, flat=True)))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self._surveys(type(form.instance).objects.filter(pk=form.instance.pk)).results_changed()

    def delete_model(self, request, obj):
        surveys = list(self._surveys(type(obj).objects.filter(pk=obj.pk)))
        super().delete_model(request, obj)
        Survey.objects.filter(pk__in=[s.pk for s in surveys]).results_changed()

    def delete_queryset(self, request, queryset):
        surveys = list(self._surveys(queryset))
        super().delete_queryset(request, queryset)
        Survey.objects.filter(pk__in=[s.pk for s in surveys]).results_changed()


class QuestionInline(TabularInline):
    model = Question
    fk_name = "survey"
    extra = 0
    fields = ["order", "kind", "text", "required", "rank_count", "parent", "show_when"]
    raw_id_fields = ["parent"]


class ResponseInline(TabularInline):
    model = SurveyResponse
    extra = 0
    fields = ["centre", "status", "revision", "invited_at", "reminder_count", "submitted_at"]
    readonly_fields = ["revision", "invited_at", "reminder_count", "submitted_at"]


@admin.register(Survey)
class SurveyAdmin(ResultsAdmin):
    survey_path = "pk"
    list_display = ["title", "round", "status", "deadline", "municipality"]
    list_filter = ["status", "round", "municipality"]
    list_select_related = ["municipality"]
    search_fields = ["title", "introduction"]
    raw_id_fields = ["copied_from", "meeting", "created_by"]
    inlines = [QuestionInline, ResponseInline]


class AnswerInline(TabularInline):
    model = Answer
    extra = 0
    fields = ["question", "text", "items", "number"]
    raw_id_fields = ["question"]


@admin.register(SurveyResponse)
class SurveyResponseAdmin(ResultsAdmin):
    list_display = ["centre", "survey", "status", "updated_at", "submitted_at", "reminder_count"]
    list_filter = ["status", "survey__round", "survey__municipality"]
    list_select_related = ["centre", "survey"]
    search_fields = ["centre__name", "survey__title"]
    readonly_fields = ["revision"]
    raw_id_fields = ["updated_by", "submitted_by"]
    inlines = [AnswerInline]


@admin.register(Question)
class QuestionAdmin(ResultsAdmin):
    list_display = ["text", "kind", "survey", "order", "required", "parent"]
    list_filter = ["kind", "required", "survey__round"]
    list_select_related = ["survey", "parent"]
    search_fields = ["text", "help_text", "survey__title"]
    raw_id_fields = ["survey", "parent", "copied_from"]


class ThemeMemberInline(TabularInline):
    model = ThemeMember
    extra = 0


@admin.register(Theme)
class ThemeAdmin(ResultsAdmin):
    survey_path = "question__survey"
    list_display = ["name", "question"]
    list_select_related = ["question"]
    search_fields = ["name", "question__text"]
    raw_id_fields = ["question"]
    inlines = [ThemeMemberInline]
