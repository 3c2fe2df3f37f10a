from django.urls import path

from gamification.views import badges

app_name = "gamification"

urlpatterns = [
    # reputation and leaderboards
    # badges
    path("badges/", badges.badge_list, name="badges"),
    path("badges/<slug:slug>/", badges.badge_detail, name="badge"),
    # trust levels, super users and nominations
]
