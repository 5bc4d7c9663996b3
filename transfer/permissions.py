"""Who may do what on the transfer platform: the one place for this app's rules.

| permission | who | mechanism |
| --- | --- | --- |
| read published solutions, public projects and partners; ask to reuse | everyone | none |
| create, edit, review, publish and unpublish solutions; manage adoptions and inquiries | secretariat | role records |
"""

from governance.models import Role
from governance.permissions import is_secretariat, model_perms

ROLE_PERMISSIONS = {
    # Admin shows raw data; publishing and adoption stages change only through services.
    Role.SECRETARIAT: model_perms(
        "transfer", ["solution", "servicecoverage", "solutiondocument", "adoption", "inquiry"], ["view"]
    ),
}


def may_manage_solutions(user) -> bool:
    return is_secretariat(user)
