"""The leaderboard: who helped most in the last week, month or ever, site-wide or per space."""

from django.shortcuts import render

from community.models import Space
from gamification.selectors import leaderboard as selectors
from gamification.views.presenters import leaderboard_rows


def leaderboard(request):
    # Unknown values fall back to the defaults, said on the page rather than in a flash
    # message: a visitor's board stays a page that sets no cookie (community.caching).
    period = request.GET.get("period", selectors.DEFAULT_PERIOD)
    unknown_period = period not in selectors.PERIODS
    if unknown_period:
        period = selectors.DEFAULT_PERIOD
    spaces = list(Space.objects.listed())
    slug = request.GET.get("space", "")
    space = next((space for space in spaces if space.slug == slug), None)
    board = selectors.leaderboard(period=period, space=space, viewer=request.user)
    context = {
        "board": board,
        "rows": leaderboard_rows(board, viewer=request.user),
        "periods": selectors.PERIODS.values(),
        "spaces": spaces,
        "unknown_period": unknown_period,
        "unknown_space": bool(slug) and space is None,
    }
    return render(request, "gamification/leaderboard.html", context)
