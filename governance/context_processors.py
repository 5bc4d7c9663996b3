"""Header data for every page: the unread count and which workspace links a person sees."""

from functools import partial

from governance import selectors
from governance.permissions import may_resend_notifications, may_view_audit_trail
from governance.permissions_steering import may_use_steering_workspace


def notifications(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}  # anonymous visitors: no query at all
    return {
        # One COUNT per page; the header shows it on every page, so there is nothing to defer.
        "notification_unread_count": selectors.notification_unread_count(user=user),
        # A callable: templates call it only where the link is shown; roles are cached per user.
        "may_view_audit_trail": partial(may_view_audit_trail, user),
        "may_resend_notifications": partial(may_resend_notifications, user),
        "may_use_steering_workspace": partial(may_use_steering_workspace, user),
    }
