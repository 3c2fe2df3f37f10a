from django.contrib.sitemaps.views import sitemap
from django.urls import path

from community.sitemaps import SITEMAPS
from community.views import actions, members, pages, posts, search_pages, staff, threads

app_name = "community"

urlpatterns = [
    path("", threads.home, name="home"),
    path("guidelines/", pages.GuidelinesView.as_view(), name="guidelines"),
    path("privacy/", pages.PrivacyView.as_view(), name="privacy"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", pages.robots_txt, name="robots_txt"),
    path("brand.css", pages.brand_stylesheet, name="brand_stylesheet"),
    path("search/", search_pages.search, name="search"),
    path("ask/similar/", search_pages.suggest_similar, name="ask_similar"),
    path("questions/", threads.thread_list, name="threads"),
    path("ask/", threads.AskView.as_view(), name="ask"),
    path("s/<slug:slug>/", threads.thread_list, name="space"),
    path("s/<slug:slug>/follow/", actions.follow_space, name="follow_space"),
    path("t/<int:pk>/", threads.thread_short_url, name="thread_short"),
    path("t/<int:pk>/answer/", posts.AnswerView.as_view(), name="answer"),
    path("t/<int:pk>/me-too/", actions.me_too, name="me_too"),
    path("t/<int:pk>/follow/", actions.follow_thread, name="follow_thread"),
    path("t/<int:pk>/unaccept/", actions.unaccept, name="unaccept"),
    path("t/<int:pk>/moderate/", staff.moderate_thread, name="moderate_thread"),
    path("t/<int:pk>/idea-status/", staff.idea_status, name="idea_status"),
    path("t/<int:pk>/restore/", posts.restore_thread, name="restore_thread"),
    # After the actions above: a slug never equals their names (see thread_slug).
    path("t/<int:pk>/<slug:slug>/", threads.ThreadView.as_view(), name="thread"),
    path("p/<int:pk>/", posts.post_permalink, name="post"),
    path("p/<int:pk>/edit/", posts.EditPostView.as_view(), name="edit_post"),
    path("p/<int:pk>/history/", posts.post_history, name="post_history"),
    path("p/<int:pk>/delete/", posts.delete, name="delete_post"),
    path("p/<int:pk>/restore/", posts.restore, name="restore_post"),
    path("p/<int:pk>/helpful/", actions.helpful, name="helpful"),
    path("p/<int:pk>/accept/", actions.accept, name="accept"),
    path("p/<int:pk>/solved-too/", actions.solved_too, name="solved_too"),
    path("p/<int:pk>/endorse/", staff.endorse, name="endorse"),
    path("p/<int:pk>/hide/", staff.hide, name="hide_post"),
    path("p/<int:pk>/unhide/", staff.unhide, name="unhide_post"),
    path("preview/", posts.preview, name="preview"),
    path("uploads/images/", posts.upload_image, name="upload_image"),
    path("unsubscribe/<str:token>/", actions.unsubscribe, name="unsubscribe"),
    path("staff/waiting/", staff.waiting, name="staff_waiting"),
    path("members/<str:username>/", members.ProfileView.as_view(), name="profile"),
    path("settings/profile/", members.ProfileEditView.as_view(), name="profile_edit"),
]
