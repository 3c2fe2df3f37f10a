from django.urls import path

from gamification.views import leaderboard, ledger

app_name = "gamification"

urlpatterns = [
    # reputation and leaderboards
    path("leaderboard/", leaderboard.leaderboard, name="leaderboard"),
    path(
        "members/<str:username>/reputation/",
        ledger.ReputationHistoryView.as_view(),
        name="reputation",
    ),
    # badges
    # trust levels, super users and nominations
]
