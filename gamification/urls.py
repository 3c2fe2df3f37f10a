from django.urls import path

from gamification.views import badges, leaderboard, ledger, trust

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
    path("badges/", badges.badge_list, name="badges"),
    path("badges/<slug:slug>/", badges.badge_detail, name="badge"),
    # trust levels, super users and nominations
    path("trust-levels/", trust.trust_levels, name="trust_levels"),
    path("super-users/", trust.super_users, name="super_users"),
    path("staff/nominations/", trust.nominations, name="nominations"),
    path("staff/nominations/nominate/", trust.nominate, name="nominate"),
    path("staff/nominations/<int:pk>/decide/", trust.decide_nomination, name="decide_nomination"),
    path(
        "staff/nominations/candidates/<int:member_id>/",
        trust.decide_candidate,
        name="decide_candidate",
    ),
    path("staff/super-users/<int:member_id>/revoke/", trust.revoke, name="revoke_super_user"),
]
