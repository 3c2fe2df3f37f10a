from django.urls import path

from knowledge.views import articles, editor, feedback, from_thread, replies, suggestions

app_name = "knowledge"

urlpatterns = [
    # --- articles, the workflow, revisions and proposals (kbcore) ---
    path("kb/", articles.home, name="home"),
    path("kb/new/", editor.new_article, name="new_article"),
    path("kb/proposals/", editor.proposals, name="proposals"),
    path("kb/proposals/<int:revision_id>/accept/", editor.accept_proposal, name="accept_proposal"),
    path(
        "kb/proposals/<int:revision_id>/decline/",
        editor.decline_proposal,
        name="decline_proposal",
    ),
    path("kb/revisions/<int:revision_id>/restore/", editor.restore, name="restore_revision"),
    path("kb/<slug:section>/", articles.section_page, name="section"),
    path("kb/<slug:section>/follow/", articles.follow_section, name="follow_section"),
    path("kb/<slug:section>/<slug:slug>/", articles.article_page, name="article"),
    path("kb/<slug:section>/<slug:slug>/follow/", articles.follow_article, name="follow_article"),
    path("kb/<slug:section>/<slug:slug>/viewed/", articles.article_viewed, name="article_viewed"),
    path("kb/<slug:section>/<slug:slug>/edit/", editor.edit_article, name="edit_article"),
    path("kb/<slug:section>/<slug:slug>/propose/", editor.propose_edit, name="propose_edit"),
    path("kb/<slug:section>/<slug:slug>/submit/", editor.submit_article, name="submit_article"),
    path("kb/<slug:section>/<slug:slug>/publish/", editor.publish_article, name="publish_article"),
    path("kb/<slug:section>/<slug:slug>/archive/", editor.archive_article, name="archive_article"),
    path("kb/<slug:section>/<slug:slug>/history/", editor.history, name="article_history"),
    path(
        "kb/<slug:section>/<slug:slug>/translation/",
        editor.link_translation,
        name="link_translation",
    ),
    # --- end kbcore ---
]

# --- from thread to article, helpfulness (kbthread) -----------------------------------------
urlpatterns += [
    path("t/<int:pk>/to-article/", from_thread.turn_into_article, name="thread_to_article"),
    path(
        "kb/<slug:section>/<slug:slug>/feedback/",
        feedback.article_feedback,
        name="article_feedback",
    ),
]

# --- suggestions from the ask form (kbsearch) -------------------------------------------------
urlpatterns += [
    path(
        "kb/suggestion/<str:kind>/<int:pk>/",
        suggestions.open_suggestion,
        name="open_suggestion",
    ),
]

# --- saved replies (kbreplies) ---------------------------------------------------------------
urlpatterns += [
    path("replies/", replies.SavedReplyListView.as_view(), name="replies"),
    path("replies/new/", replies.SavedReplyCreateView.as_view(), name="reply_new"),
    path("replies/pick/", replies.SavedReplyPickView.as_view(), name="reply_pick"),
    path("replies/<int:pk>/edit/", replies.SavedReplyEditView.as_view(), name="reply_edit"),
    path("replies/<int:pk>/delete/", replies.SavedReplyDeleteView.as_view(), name="reply_delete"),
    path("replies/<int:pk>/use/", replies.SavedReplyUseView.as_view(), name="reply_use"),
]
# --- end of saved replies ------------------------------------------------------------------
