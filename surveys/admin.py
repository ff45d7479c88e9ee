from django.contrib import admin

from frivillig.lib.admin import ModelAdmin, TabularInline

from .models import Answer, Question, Survey, SurveyResponse, Theme, ThemeMember


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
class SurveyAdmin(ModelAdmin):
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
class SurveyResponseAdmin(ModelAdmin):
    list_display = ["centre", "survey", "status", "updated_at", "submitted_at", "reminder_count"]
    list_filter = ["status", "survey__round", "survey__municipality"]
    list_select_related = ["centre", "survey"]
    search_fields = ["centre__name", "survey__title"]
    readonly_fields = ["revision"]
    raw_id_fields = ["updated_by", "submitted_by"]
    inlines = [AnswerInline]


@admin.register(Question)
class QuestionAdmin(ModelAdmin):
    list_display = ["text", "kind", "survey", "order", "required", "parent"]
    list_filter = ["kind", "required", "survey__round"]
    list_select_related = ["survey", "parent"]
    search_fields = ["text", "help_text", "survey__title"]
    raw_id_fields = ["survey", "parent", "copied_from"]


class ThemeMemberInline(TabularInline):
    model = ThemeMember
    extra = 0


@admin.register(Theme)
class ThemeAdmin(ModelAdmin):
    list_display = ["name", "question"]
    list_select_related = ["question"]
    search_fields = ["name", "question__text"]
    raw_id_fields = ["question"]
    inlines = [ThemeMemberInline]
