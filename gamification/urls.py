from django.urls import path  # noqa: F401

app_name = "gamification"

urlpatterns = [
    # reputation and leaderboards
    # badges
    # trust levels, super users and nominations
]
