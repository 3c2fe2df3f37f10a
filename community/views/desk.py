"""The support desk at /support/: the queue of escalations and one escalation's page with
its small forms. Staff only; to everyone else the desk does not exist (404), as for the
other staff pages. Each form posts to its own view that calls one service and redirects
back with a message; on an error the page is shown again with what was typed."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from community.escalation import desk as services
from community.escalation import selectors
from community.models import Escalation, EscalationStatus, Priority, Space
from community.permissions import check_work_escalations_permission
from community.privacy import PersonalDataFound
from community.selectors import paginate

ESCALATIONS_PER_PAGE = 30


# --- forms -----------------------------------------------------------------------------------


class PriorityForm(forms.Form):
    priority = forms.TypedChoiceField(
        label=gettext_lazy("Priority"), choices=Priority.choices, coerce=int
    )
    reason = forms.CharField(
        label=gettext_lazy("Why"), max_length=services.MAX_PRIORITY_REASON_LENGTH, required=False
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=gettext_lazy("Assign to"),
        queryset=selectors.staff_members(),
        required=False,
        empty_label=gettext_lazy("Nobody"),
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Internal note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=services.MAX_NOTE_LENGTH,
        help_text=gettext_lazy("Only the support team reads notes. Markdown works."),
    )


class TicketForm(forms.Form):
    ticket_id = forms.CharField(
        label=gettext_lazy("Helpdesk ticket"),
        max_length=services.MAX_TICKET_ID_LENGTH,
        required=False,
        help_text=gettext_lazy("The ticket's id in the helpdesk, e.g. ZD-123; empty to unlink."),
    )


class PrivateChannelForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("First message to the customer"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Only the customer and the support team read this conversation; ask for "
            "personal details here, never on the thread."
        ),
    )


class ResolveForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Resolution"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "Posted publicly on the thread as the support team's official answer: "
            "no personal details."
        ),
    )
    mark_solution = forms.BooleanField(
        label=gettext_lazy("Mark it as the solution"), required=False
    )
    contact_confirmed = forms.BooleanField(
        label=gettext_lazy("The e-mail addresses and phone numbers are the company's own"),
        required=False,
    )


FORMS = {
    "priority_form": PriorityForm,
    "assign_form": AssignForm,
    "note_form": NoteForm,
    "ticket_form": TicketForm,
    "private_form": PrivateChannelForm,
    "resolve_form": ResolveForm,
}


# --- the queue -------------------------------------------------------------------------------


def clock_text(left: timedelta) -> str:
    """ "12 min left", "overdue by 1 h 5 min", "2 d 3 h left"."""
    seconds = abs(int(left.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        span = _("%(days)d d %(hours)d h") % {"days": days, "hours": hours}
    elif hours:
        span = _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    else:
        span = _("%(minutes)d min") % {"minutes": minutes}
    if left < timedelta(0):
        return _("overdue by %(span)s") % {"span": span}
    return _("%(span)s left") % {"span": span}


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _queue_filters(request) -> dict:
    status = request.GET.get("status") or selectors.STATUS_OPEN
    if status not in (selectors.STATUS_OPEN, selectors.STATUS_ALL, *EscalationStatus.values):
        status = selectors.STATUS_OPEN
    priority = _int_or_none(request.GET.get("priority"))
    assignee = request.GET.get("assignee", "")
    clock = request.GET.get("clock", "")
    return {
        "status": status,
        "priority": priority if priority in Priority.values else None,
        "space_id": _int_or_none(request.GET.get("space")),
        "assignee": assignee if assignee in ("me", "none") else "",
        "clock": clock if clock in ("breached", "at_risk") else "",
    }


def queue(request):
    """/support/: open escalations, most urgent first, with their SLA clocks."""
    check_work_escalations_permission(member=request.user)
    now = timezone.now()
    filters = _queue_filters(request)
    escalations = selectors.desk_queue(member=request.user, now=now, **filters)
    page = paginate(escalations, request.GET.get("page"), per_page=ESCALATIONS_PER_PAGE)
    rows = []
    for escalation in page:
        timer = selectors.sla_timer(escalation, now=now)
        rows.append(
            {
                "escalation": escalation,
                "timer": timer,
                "clock": clock_text(timer.left) if timer.left is not None else "",
                "reasons": selectors.reason_labels(escalation.reasons),
            }
        )
    context = {
        "rows": rows,
        "page_obj": page,
        "filters": filters,
        "statuses": EscalationStatus.choices,
        "priorities": Priority.choices,
        "spaces": Space.objects.order_by("position", "pk"),
    }
    return render(request, "community/desk/queue.html", context)


# --- one escalation --------------------------------------------------------------------------


def _get_escalation_or_404(request, pk: int) -> Escalation:
    check_work_escalations_permission(member=request.user)
    escalation = selectors.escalation_for_desk(pk)
    if escalation is None:
        raise Http404
    return escalation


def _render_detail(request, escalation: Escalation, *, status: int = 200, **bound_forms):
    now = timezone.now()
    timer = selectors.sla_timer(escalation, now=now)
    initial = {
        "priority_form": {"priority": escalation.priority},
        "assign_form": {"assignee": escalation.assignee_id},
        "ticket_form": {"ticket_id": escalation.external_ticket_id},
    }
    context = {
        name: bound_forms.get(name) or form_class(initial=initial.get(name))
        for name, form_class in FORMS.items()
    }
    context.update(
        {
            "escalation": escalation,
            "thread": escalation.thread,
            "timer": timer,
            "clock": clock_text(timer.left) if timer.left is not None else "",
            "next_statuses": [
                (value, EscalationStatus(value).label)
                for value in services.allowed_statuses(escalation)
            ],
            "customer": selectors.customer_context(escalation),
            "question": selectors.opening_post(escalation),
            "timeline": selectors.timeline(escalation),
            "reasons": selectors.reason_labels(escalation.reasons),
        }
    )
    return render(request, "community/desk/escalation.html", context, status=status)


def escalation_detail(request, pk):
    """/support/<pk>/: everything about one escalation, and the forms to work on it."""
    escalation = _get_escalation_or_404(request, pk)
    return _render_detail(request, escalation)


def _desk_action(form_class=None, form_name: str = ""):
    """A POST that runs one service on the escalation: success → back with a message;
    a ValidationError → the page again (400) with the form as typed and the error."""

    def decorator(body):
        @require_POST
        def view(request, pk):
            escalation = _get_escalation_or_404(request, pk)
            form = form_class(request.POST) if form_class else None
            if form is not None and not form.is_valid():
                return _render_detail(request, escalation, status=400, **{form_name: form})
            try:
                message = body(request, escalation, form.cleaned_data if form else None)
            except PersonalDataFound as error:
                form.add_error(None, ValidationError(error.messages))
                form.offer_contact_confirmation = error.confirmable
                return _render_detail(request, escalation, status=400, **{form_name: form})
            except ValidationError as error:
                if form is None:
                    for text in error.messages:
                        messages.error(request, text)
                    return redirect(escalation)
                form.add_error(None, ValidationError(error.messages))
                return _render_detail(request, escalation, status=400, **{form_name: form})
            messages.success(request, message)
            return redirect(escalation)

        view.__name__ = body.__name__
        view.__doc__ = body.__doc__
        return view

    return decorator


@_desk_action()
def claim(request, escalation, data):
    services.claim(escalation=escalation, by=request.user)
    return _("You took this escalation on.")


@_desk_action(AssignForm, "assign_form")
def assign(request, escalation, data):
    services.assign(escalation=escalation, assignee=data["assignee"], by=request.user)
    return _("The assignee is changed.")


@_desk_action()
def change_status(request, escalation, data):
    services.change_status(
        escalation=escalation, status=request.POST.get("status", ""), by=request.user
    )
    return _("The status is now “%(status)s”.") % {"status": escalation.get_status_display()}


@_desk_action(PriorityForm, "priority_form")
def change_priority(request, escalation, data):
    services.change_priority(
        escalation=escalation, priority=data["priority"], reason=data["reason"], by=request.user
    )
    return _("The priority is now %(priority)s.") % {"priority": escalation.get_priority_display()}


@_desk_action(NoteForm, "note_form")
def add_note(request, escalation, data):
    services.add_note(escalation=escalation, body=data["body"], by=request.user)
    return _("Your note is added.")


@_desk_action(TicketForm, "ticket_form")
def link_ticket(request, escalation, data):
    services.link_ticket(escalation=escalation, ticket_id=data["ticket_id"], by=request.user)
    return _("The helpdesk ticket is saved.")


@_desk_action(PrivateChannelForm, "private_form")
def open_private_channel(request, escalation, data):
    services.open_private_channel(escalation=escalation, body=data["body"], by=request.user)
    return _("The private conversation is open; the customer was told by e-mail.")


@_desk_action(ResolveForm, "resolve_form")
def resolve(request, escalation, data):
    services.resolve(
        escalation=escalation,
        note=data["note"],
        mark_solution=data["mark_solution"],
        contact_confirmed=data["contact_confirmed"],
        by=request.user,
    )
    return _("Resolved: your answer is on the thread and the customer was asked for a rating.")
