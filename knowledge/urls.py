from django.urls import path

from knowledge.views import feedback, from_thread

app_name = "knowledge"

urlpatterns = []

# --- from thread to article, helpfulness (kbthread) -----------------------------------------
urlpatterns += [
    path("t/<int:pk>/to-article/", from_thread.turn_into_article, name="thread_to_article"),
    path(
        "kb/<slug:section>/<slug:slug>/feedback/",
        feedback.article_feedback,
        name="article_feedback",
    ),
]
