from django.urls import path

from knowledge.views import replies

app_name = "knowledge"

urlpatterns = []

# --- saved replies -------------------------------------------------------------------------
urlpatterns += [
    path("replies/", replies.SavedReplyListView.as_view(), name="replies"),
    path("replies/new/", replies.SavedReplyCreateView.as_view(), name="reply_new"),
    path("replies/pick/", replies.SavedReplyPickView.as_view(), name="reply_pick"),
    path("replies/<int:pk>/edit/", replies.SavedReplyEditView.as_view(), name="reply_edit"),
    path("replies/<int:pk>/delete/", replies.SavedReplyDeleteView.as_view(), name="reply_delete"),
    path("replies/<int:pk>/use/", replies.SavedReplyUseView.as_view(), name="reply_use"),
]
# --- end of saved replies ------------------------------------------------------------------
