from django.urls import path

from gamification.views import leaderboard

app_name = "gamification"

urlpatterns = [
    # reputation and leaderboards
    path("leaderboard/", leaderboard.leaderboard, name="leaderboard"),
    # badges
    # trust levels, super users and nominations
]
