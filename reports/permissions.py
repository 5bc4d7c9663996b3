"""Who may do what with reports and dashboards: the one place for this app's rules.

| permission | who | mechanism |
| --- | --- | --- |
| produce and see every report, publish the annual one | secretariat | role records |
| download a monthly status pack | secretariat; the steering members it went to | recipients |
| see the workspace overview | secretariat; steering members and deputies | role records |
| see "the projects my Land sponsors" | the current CIO and CIO deputy of a Land | role records |
| read a published annual report, the statistics page | everyone | public |
"""

from governance.models import Role
from governance.permissions import current_roles, is_secretariat
from reports.models import ReportKind, ReportRun, RunState

STEERING_ROLES = {Role.STEERING_MEMBER, Role.STEERING_DEPUTY}
CIO_ROLES = {Role.CIO, Role.CIO_DEPUTY}


def may_produce_reports(user) -> bool:
    return is_secretariat(user)


def may_publish_report(user, run: ReportRun) -> bool:
    return is_secretariat(user) and run.kind == ReportKind.ANNUAL and run.state == RunState.DONE


def is_steering(user) -> bool:
    return any(role in STEERING_ROLES for role, _partner in current_roles(user))


def may_see_report(user, run: ReportRun) -> bool:
    if is_secretariat(user):
        return True
    if not (user.is_authenticated and user.is_active) or run.kind != ReportKind.MONTHLY:
        return False
    return is_steering(user) and run.recipients.filter(pk=user.pk).exists()


def may_list_reports(user) -> bool:
    return is_secretariat(user) or is_steering(user)


def may_see_overview(user) -> bool:
    return is_secretariat(user) or is_steering(user)


def cio_lands(user) -> set[int]:
    return {partner for role, partner in current_roles(user) if role in CIO_ROLES}
