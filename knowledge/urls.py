from django.urls import path

from knowledge.views import suggestions

app_name = "knowledge"

urlpatterns = []

# --- suggestions from the ask form (kbsearch) -------------------------------------------------
urlpatterns += [
    path(
        "kb/suggestion/<str:kind>/<int:pk>/",
        suggestions.open_suggestion,
        name="open_suggestion",
    ),
]
