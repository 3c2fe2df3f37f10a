from django.urls import path

from insights import views

app_name = "insights"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:section>/<slug:part>.csv", views.download, name="download"),
]
