"""The ideas list: what members suggest, by status, most wanted first."""

from django.shortcuts import render

from community import selectors
from community.permissions import can


def idea_list(request):
    query = selectors.IdeaListQuery.from_params(request.GET)
    ideas = selectors.idea_list(member=request.user, query=query)
    page = selectors.paginate(ideas, request.GET.get("page"))
    wanted = selectors.ideas_wanted_by(member=request.user, threads=page.object_list)
    for idea in page.object_list:
        idea.has_me_too = idea.pk in wanted
        idea.may_me_too = can(request.user, "community.me_too", idea)
    tabs = selectors.idea_tabs(member=request.user, current=query.status)
    context = {
        "page_obj": page,
        "query": query,
        "tabs": tabs,
        "current_tab": next(tab for tab in tabs if tab.status == query.status),
        "sorts": selectors.IDEA_SORTS,
        "ideas_space": selectors.ideas_space(),
    }
    return render(request, "community/ideas.html", context)
