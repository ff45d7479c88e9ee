from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("fremdrift/", views.progress, name="progress"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("mal/<int:pk>/", views.goal_detail, name="goal"),
    path("horing/<int:pk>/", views.hearing_detail, name="hearing"),
]
