from django.contrib.sitemaps.views import sitemap
from django.urls import path

from community.sitemaps import SITEMAPS
from community.views import (
    actions,
    asking,
    brand,
    cases,
    desk,
    hooks,
    ideas,
    invitations,
    members,
    moderation,
    notices,
    pages,
    posts,
    reading,
    redaction,
    review,
    search_pages,
    staff,
    status,
    surveys,
    tags,
    threads,
)

app_name = "community"

urlpatterns = [
    path("", threads.home, name="home"),
    path("guidelines/", pages.GuidelinesView.as_view(), name="guidelines"),
    path("privacy/", pages.PrivacyView.as_view(), name="privacy"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", pages.robots_txt, name="robots_txt"),
    path("favicon.ico", brand.favicon, name="favicon"),
    path("brand/mark.<str:kind>", brand.mark, name="brand_mark"),
    path("brand.css", pages.brand_stylesheet, name="brand_stylesheet"),
    path("search/", search_pages.search, name="search"),
    path("ask/similar/", search_pages.suggest_similar, name="ask_similar"),
    # Old /questions/?tag=… links move to the tag's page; everything else is the list.
    path("questions/", tags.thread_list_or_tag, name="threads"),
    path("ideas/", ideas.idea_list, name="ideas"),
    path("ask/", threads.AskView.as_view(), name="ask"),
    path("ask/space/", asking.suggest_space_for_title, name="ask_space"),
    path("ask/tags/", tags.tag_suggestions, name="tag_suggestions"),
    path("tags/", tags.tag_list, name="tags"),
    path("tags/<slug:slug>/", tags.tag_detail, name="tag"),
    path("tags/<slug:slug>/follow/", tags.follow_tag, name="follow_tag"),
    path("s/<slug:slug>/", threads.thread_list, name="space"),
    path("s/<slug:slug>/follow/", actions.follow_space, name="follow_space"),
    path("t/<int:pk>/", threads.thread_short_url, name="thread_short"),
    path("t/<int:pk>/answer/", posts.AnswerView.as_view(), name="answer"),
    path("t/<int:pk>/me-too/", actions.me_too, name="me_too"),
    path("t/<int:pk>/follow/", actions.follow_thread, name="follow_thread"),
    path("t/<int:pk>/invite/", invitations.invite_to_thread, name="invite_to_thread"),
    path("t/<int:pk>/unaccept/", actions.unaccept, name="unaccept"),
    path("t/<int:pk>/moderate/", staff.moderate_thread, name="moderate_thread"),
    path("t/<int:pk>/retitle/", staff.retitle, name="retitle_thread"),
    path("t/<int:pk>/merge/", staff.merge, name="merge_thread"),
    path("t/<int:pk>/idea-status/", staff.idea_status, name="idea_status"),
    path("t/<int:pk>/restore/", posts.restore_thread, name="restore_thread"),
    # --- moderation actions (community.views.moderation) ---
    path("t/<int:pk>/split/", moderation.split, name="split_thread"),
    path("t/<int:pk>/duplicate/", moderation.close_duplicate, name="close_duplicate"),
    path("t/<int:pk>/moderation/", moderation.thread_moderation_log, name="thread_moderation"),
    path("t/<int:pk>/viewed/", reading.thread_viewed, name="thread_viewed"),
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
    path("reading/<int:pk>/", reading.report_reading, name="report_reading"),
    path("uploads/images/", posts.upload_image, name="upload_image"),
    path("unsubscribe/<str:token>/", actions.unsubscribe, name="unsubscribe"),
    path("staff/waiting/", staff.waiting, name="staff_waiting"),
    path("members/<str:username>/", members.ProfileView.as_view(), name="profile"),
    # --- moderation actions (community.views.moderation) ---
    path("members/<str:username>/silence/", moderation.silence, name="silence_member"),
    path("members/<str:username>/suspend/", moderation.suspend, name="suspend_member"),
    path("staff/audit/", moderation.staff_audit, name="staff_audit"),
    path("settings/profile/", members.ProfileEditView.as_view(), name="profile_edit"),
    path("settings/notifications/", notices.email_preferences, name="email_preferences"),
    path("settings/invitations/", invitations.invitations, name="invitations"),
    path("settings/invitations/<int:pk>/revoke/", invitations.revoke, name="revoke_invitation"),
    path("invitations/<str:token>/", invitations.invitation, name="invitation"),
    path("notifications/", notices.notification_list, name="notifications"),
    path("notifications/read/", notices.mark_all_notifications_read, name="notifications_read"),
    # --- redaction ---
    path("p/<int:pk>/redact/", redaction.redact, name="redact_post"),
    # --- flags and the review queue ---
    path("p/<int:pk>/flag/", review.flag, name="flag_post"),
    path("review/", review.review_queue, name="review"),
    path("review/decide/", review.review_decide, name="review_decide"),
    # --- private messages to the support team ---
    path("cases/", cases.my_cases, name="cases"),
    path("cases/<int:pk>/", cases.case_detail, name="case"),
    path("cases/<int:pk>/close/", cases.close, name="close_case"),
    path("staff/cases/", cases.staff_cases, name="staff_cases"),
    # The addresses before /cases/ (old e-mails and notifications link there).
    path("support/cases/", cases.old_address, name="old_cases"),
    path("support/cases/<int:pk>/", cases.old_address, name="old_case"),
    # --- support desk ---
    path("support/", desk.queue, name="desk"),
    path("support/<int:pk>/", desk.escalation_detail, name="desk_escalation"),
    path("support/<int:pk>/claim/", desk.claim, name="desk_claim"),
    path("support/<int:pk>/assign/", desk.assign, name="desk_assign"),
    path("support/<int:pk>/status/", desk.change_status, name="desk_status"),
    path("support/<int:pk>/priority/", desk.change_priority, name="desk_priority"),
    path("support/<int:pk>/note/", desk.add_note, name="desk_note"),
    path("support/<int:pk>/ticket/", desk.link_ticket, name="desk_ticket"),
    path("support/<int:pk>/private/", desk.open_private_channel, name="desk_private"),
    path("support/<int:pk>/resolve/", desk.resolve, name="desk_resolve"),
    path("support/survey/<str:token>/", surveys.survey, name="survey"),
    path("hooks/helpdesk/", hooks.helpdesk, name="helpdesk_hook"),
]

# --- escalation (routing) ---
# In front: the thread page's pattern (t/<pk>/<slug>/) would take them otherwise
# (their names are in community.services.posts.RESERVED_SLUGS, so no slug equals them).
from community.views import escalation as escalation_views  # noqa: E402

urlpatterns[:0] = [
    path(
        "t/<int:pk>/support/",
        escalation_views.request_support_view,
        name="request_support",
    ),
    path("t/<int:pk>/escalate/", escalation_views.escalate_thread_view, name="escalate_thread"),
    path("review/unanswered/", escalation_views.unanswered, name="review_unanswered"),
]

# --- webhooks ---
from community.views import webhooks as webhook_views  # noqa: E402 (own section, merges cleanly)

urlpatterns += [
    path("support/webhooks/", webhook_views.webhook_list, name="webhooks"),
    path(
        "support/webhooks/deliveries/<int:pk>/",
        webhook_views.delivery_detail,
        name="webhook_delivery",
    ),
    path(
        "support/webhooks/deliveries/<int:pk>/redeliver/",
        webhook_views.redeliver_delivery,
        name="webhook_redeliver",
    ),
    # --- known issues ---
    path("status/", status.status, name="status"),
    path("status/new/", status.start, name="start_known_issue"),
    path("status/<int:pk>/update/", status.post_update, name="known_issue_update"),
    path("status/<int:pk>/link/", status.link, name="known_issue_link"),
    path("status/thread/<int:pk>/link/", status.link_from_thread, name="link_to_known_issue"),
    path("status/thread/<int:pk>/turn/", status.turn_into, name="turn_into_known_issue"),
]
