from django.urls import path

from gamification.views import ledger

app_name = "gamification"

urlpatterns = [
    # reputation and leaderboards
    path(
        "members/<str:username>/reputation/",
        ledger.ReputationHistoryView.as_view(),
        name="reputation",
    ),
    # badges
    # trust levels, super users and nominations
]
