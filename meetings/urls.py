from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("nytt/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/rediger/", views.meeting_edit, name="edit"),
    path("<int:pk>/slett/", views.meeting_delete, name="delete"),
    path(
        "<int:pk>/oppfolging/<int:follow_up_pk>/lukk/",
        views.follow_up_close,
        name="follow_up_close",
    ),
    path("<int:pk>/kalender.ics", views.meeting_ics, name="ics"),
]
