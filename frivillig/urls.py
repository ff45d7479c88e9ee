from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from . import changelog, pages, views

admin.site.site_header = "Frivillig – administrasjon"
admin.site.site_title = "Frivillig"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("sentraler/", include("centres.urls")),
    path("moter/", include("meetings.urls")),
    path("planer/", include("plans.urls")),
    path("undersokelser/", include("surveys.urls")),
    path("avtaler/", include("agreements.urls")),
    path("tilskudd/", include("grants.urls")),
    path("konto/", include("accounts.urls")),
    path("sprak/", login_not_required(set_language), name="set_language"),
    path("tilgjengelighet/", pages.accessibility_statement, name="accessibility"),
    path("personvern/", pages.privacy_notice, name="privacy"),
    path("endringslogg/<slug:kind>/<int:pk>/", changelog.changelog_page, name="changelog"),
    path("admin/", admin.site.urls),
]
