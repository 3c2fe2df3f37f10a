"""/staff/insights/: the dashboard, and each chart's and list's CSV for the same scope.

Thin on purpose: the query string becomes a Scope (insights.forms), the registered sections
build the figures (insights.figures), the template draws them and insights.downloads writes
the CSV. Staff and community managers only; to everyone else the pages do not exist.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from insights.downloads import csv_filename, find_part, write_csv
from insights.figures import build_sections
from insights.forms import read_scope
from insights.permissions import check_open_dashboard_permission


@login_required
def dashboard(request):
    check_open_dashboard_permission(member=request.user)
    choice = read_scope(request.GET)
    context = {
        "form": choice.form,
        "scope": choice.scope,
        "compare": choice.compare,
        "filtered": bool(choice.scope.space_id or choice.scope.language),
        "sections": build_sections(choice.scope),
        "query": request.GET.urlencode(),
        "generated_at": timezone.now(),
    }
    return render(request, "insights/dashboard.html", context)


@login_required
def download(request, section: str, part: str):
    """One chart's table (``chart.rows()``) or one list, as CSV, for the page's scope."""
    check_open_dashboard_permission(member=request.user)
    choice = read_scope(request.GET)
    sections = build_sections(choice.scope, only=section)
    found = find_part(sections, part)
    if found is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = csv_filename(section, part, choice.scope)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_csv(response, found)
    return response
