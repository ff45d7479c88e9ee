"""The benchmark's URLs (ROOT_URLCONF under BENCHMARK=1): the portal's, and /ping."""

from django.urls import path

from frivillig.urls import urlpatterns as portal_urlpatterns

from . import views

urlpatterns = [
    path("ping", views.ping, name="ping"),
    *portal_urlpatterns,
]
