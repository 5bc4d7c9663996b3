"""Demo data for projects: a fictional portfolio modelled on the cooperation's kind of work.

The portfolio itself is data, in `demo/projects.yaml` (read by `kooperationsraum.demo_data`); this
module turns it into rows through the services.

Partners, focus areas and people come from `governance.demo` (run first by `seed_demo`). Every
project here is invented and marked as such: the summary starts with "[Demo]", the description
says "Demodaten: fiktives Projekt", and links point to example.org. Everything is written through
the services, so the audit trail and each project's timeline show how the portfolio came about;
only participations and links are plain inserts, because no service exists for them. The
sponsorship services notify as they always do, so the demo CIOs and the secretariat find the
requests and decisions in their notification centre (and, without a mail server, in var/mail/).

Dates are months relative to the day of the first seeding, so the portfolio always has recent
reports, upcoming milestones and some overdue ones. Running `seed()` again skips every project
whose slug (or acronym) already exists: no duplicates, no new audit events.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from governance import demo as governance_demo
from governance.models import FocusArea, Partner, Role, RoleAssignment, User
from kooperationsraum.demo_data import demo_data
from projects.models import (
    PHASE_ORDER,
    Contribution,
    ContributionState,
    EndReason,
    Milestone,
    Participation,
    Phase,
    Project,
    ProjectLink,
    Sponsorship,
    SponsorshipScope,
    StatusReport,
    TeamRole,
)
from projects.permissions import REPRESENTATIVE_ROLES
from projects.services.progress import (
    contribution_confirm,
    contribution_propose,
    milestone_save,
    status_report_create,
)
from projects.services.projects import project_change_phase, project_create, project_team_add
from projects.services.sponsorships import sponsorship_approve, sponsorship_end, sponsorship_request

# --- the data: demo/projects.yaml ------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneSpec:
    """Due `due_in_months` from today (negative: in the past); the lead partner is responsible by default."""

    title: str
    due_in_months: int
    done: bool = False
    responsible_partner: str | None = None


@dataclass(frozen=True)
class StatusReportSpec:
    """A quarterly report ending `months_ago` months ago, with its three traffic lights."""

    months_ago: int
    schedule: str
    budget: str
    scope: str
    text: str


@dataclass(frozen=True)
class ContributionSpec:
    """`confirmed_by_partner`: that partner's own demo representative confirms it."""

    partner: str
    kind: str
    description: str
    amount: int | None = None
    confirmed_by_partner: bool = False


@dataclass(frozen=True)
class DemoProject:
    slug: str
    acronym: str
    title: str
    lead_partner: str
    phase: str
    focus_areas: tuple[str, ...]
    summary: str
    description: str
    starts_in_months: int | None
    ends_in_months: int | None
    public: bool = False
    # The Land whose CIO sponsors the project from the implementation gate on (rule 3 of the brief).
    sponsor: str | None = None
    # A Land asked to sponsor the project, whose CIO has not decided yet.
    pending_sponsor: str | None = None
    stopped_in: str = ""  # for stopped projects: the phase they were stopped in
    stop_reason: str = ""
    partners: tuple[tuple[str, str], ...] = ()  # (partner slug, ParticipationRole)
    team: tuple[tuple[str, str], ...] = ()  # (e-mail, TeamRole)
    milestones: tuple[MilestoneSpec, ...] = ()
    status_reports: tuple[StatusReportSpec, ...] = ()
    contributions: tuple[ContributionSpec, ...] = ()
    links: tuple[tuple[str, str, str], ...] = ()  # (LinkKind, label, url)

    @classmethod
    def from_data(cls, item: dict) -> "DemoProject":
        return cls(
            **{
                **item,
                "focus_areas": tuple(item["focus_areas"]),
                "partners": tuple((row["partner"], row["role"]) for row in item.get("partners", ())),
                "team": tuple((row["email"], row["role"]) for row in item.get("team", ())),
                "milestones": tuple(MilestoneSpec(**row) for row in item.get("milestones", ())),
                "status_reports": tuple(StatusReportSpec(**row) for row in item.get("status_reports", ())),
                "contributions": tuple(ContributionSpec(**row) for row in item.get("contributions", ())),
                "links": tuple((row["kind"], row["label"], row["url"]) for row in item.get("links", ())),
            }
        )


DATA = demo_data("projects")
SECRETARIAT_EMAIL: str = DATA["secretariat_email"]
DEMO_PREFIX: str = DATA["demo_prefix"]
DEMO_NOTE: str = DATA["demo_note"]
GATE_REASONS: dict[str, str] = DATA["gate_reasons"]  # why a project passes each gate (the timeline shows it)
PROJECTS = [DemoProject.from_data(item) for item in DATA["projects"]]


@dataclass
class _Context:
    actor: User
    today: date
    partners: dict[str, Partner]
    focus_areas: dict[str, FocusArea]
    people: dict[str, User]
    representatives: dict[int, User]
    cios: dict[int, User]

    def months(self, offset: int) -> date:
        return self.today + timedelta(days=round(offset * 30.44))


def _demo_role_holders(roles: list[str]) -> dict[int, User]:
    """Per partner id, the demo person holding one of `roles` today (earlier roles preferred)."""
    demo_emails = [person.email for person in governance_demo.PEOPLE]
    assignments = (
        RoleAssignment.objects.current().filter(role__in=roles, person__email__in=demo_emails).select_related("person")
    )
    holders: dict[int, User] = {}
    for assignment in sorted(assignments, key=lambda a: (roles.index(a.role), a.person.email)):
        holders.setdefault(assignment.partner_id, assignment.person)
    return holders


def _request_sponsorship(project: Project, land: Partner, ctx: _Context) -> Sponsorship:
    return sponsorship_request(
        project=project,
        land=land,
        scope=SponsorshipScope.BOTH,
        term_start=project.start_date or ctx.today,
        term_end=project.planned_end_date,
        justification=f"{land.name} soll Verstetigung und Transfer von „{project.title}“ verantworten.",
        actor=ctx.actor,
    )


def _enter_phase(project: Project, phase: str, *, reason: str, spec: DemoProject, ctx: _Context) -> Project:
    """The one door every demo phase change goes through; it first brings what the gate needs.

    Rule 3 of the brief: no implementation without an approved CIO sponsorship. So just before
    that gate the secretariat asks the Land named in `spec.sponsor` and its demo CIO approves;
    when the project completes, the sponsorship ends with it.
    """
    if phase == Phase.IMPLEMENTATION and not project.sponsorships.approved().exists():
        land = ctx.partners[spec.sponsor]
        sponsorship_approve(
            sponsorship=_request_sponsorship(project, land, ctx),
            actor=ctx.cios[land.pk],
            reason="Die Erprobung war erfolgreich; das Land übernimmt die Patenschaft.",
        )
    project = project_change_phase(project=project, phase=phase, reason=reason, actor=ctx.actor)
    if phase == Phase.COMPLETED:
        for sponsorship in project.sponsorships.approved():
            sponsorship_end(sponsorship=sponsorship, reason=EndReason.COMPLETED, actor=ctx.actor)
    return project


def _walk_phases(project: Project, spec: DemoProject, ctx: _Context) -> Project:
    """From "idea", pass each gate in turn, so the timeline shows a legal path."""
    target = spec.stopped_in if spec.phase == Phase.STOPPED else spec.phase
    for phase in PHASE_ORDER[1 : PHASE_ORDER.index(target) + 1]:
        project = _enter_phase(project, phase, reason=GATE_REASONS[phase], spec=spec, ctx=ctx)
    if spec.phase == Phase.STOPPED:
        project = _enter_phase(project, Phase.STOPPED, reason=spec.stop_reason, spec=spec, ctx=ctx)
    if spec.pending_sponsor:
        _request_sponsorship(project, ctx.partners[spec.pending_sponsor], ctx)
    return project


def _seed_project(spec: DemoProject, ctx: _Context) -> None:
    lead = ctx.partners[spec.lead_partner]
    project = project_create(
        project=Project(
            title=spec.title,
            acronym=spec.acronym,
            slug=spec.slug,
            summary=DEMO_PREFIX + spec.summary,
            description=f"{spec.description}\n\n*{DEMO_NOTE}*",
            lead_partner=lead,
            is_public=spec.public,
            start_date=ctx.months(spec.starts_in_months) if spec.starts_in_months is not None else None,
            planned_end_date=ctx.months(spec.ends_in_months) if spec.ends_in_months is not None else None,
        ),
        focus_areas=[ctx.focus_areas[slug] for slug in spec.focus_areas],
        actor=ctx.actor,
    )
    # No service handles participations or links: they are not governance actions.
    for slug, role in spec.partners:
        Participation.objects.get_or_create(project=project, partner=ctx.partners[slug], defaults={"role": role})
    for email, role in spec.team:
        project_team_add(project=project, person=ctx.people[email], role=role, actor=ctx.actor)
    project = _walk_phases(project, spec, ctx)

    # The project lead keeps progress current where there is one; otherwise the secretariat does.
    lead_person = next((ctx.people[email] for email, role in spec.team if role == TeamRole.LEAD), ctx.actor)
    for item in spec.milestones:
        due_on = ctx.months(item.due_in_months)
        done_on = (
            (min(due_on + timedelta(days=6), ctx.today) if due_on < ctx.today else ctx.today - timedelta(days=3))
            if item.done
            else None
        )
        milestone_save(
            milestone=Milestone(
                project=project,
                title=item.title,
                due_on=due_on,
                done_on=done_on,
                responsible_partner=ctx.partners[item.responsible_partner or spec.lead_partner],
            ),
            actor=lead_person,
        )
    for item in sorted(spec.status_reports, key=lambda report: -report.months_ago):
        period_end = min(ctx.months(-item.months_ago), ctx.today)
        status_report_create(
            report=StatusReport(
                project=project,
                period_start=period_end - timedelta(days=91),
                period_end=period_end,
                schedule=item.schedule,
                budget=item.budget,
                scope=item.scope,
                text=item.text,
            ),
            actor=lead_person,
        )
    for item in spec.contributions:
        partner = ctx.partners[item.partner]
        contribution = contribution_propose(
            contribution=Contribution(
                project=project,
                partner=partner,
                kind=item.kind,
                amount=item.amount,
                description=item.description,
            ),
            actor=lead_person,
        )
        # Only the partner's own representative binds it; without one, the proposal stays open.
        representative = ctx.representatives.get(partner.pk)
        if item.confirmed_by_partner and representative is not None:
            contribution_confirm(contribution=contribution, actor=representative)
    for kind, label, url in spec.links:
        ProjectLink.objects.create(project=project, kind=kind, label=label, url=url)


def _summary() -> str:
    projects = Project.objects.filter(slug__in=[spec.slug for spec in PROJECTS])
    milestones = Milestone.objects.filter(project__in=projects)
    contributions = Contribution.objects.filter(project__in=projects)
    return (
        f"{projects.count()} Projekte, {milestones.count()} Meilensteine "
        f"({milestones.overdue().count()} überfällig), "
        f"{StatusReport.objects.filter(project__in=projects).count()} Statusberichte, "
        f"{contributions.count()} Beiträge "
        f"({contributions.filter(state=ContributionState.CONFIRMED).count()} bestätigt), "
        f"{Sponsorship.objects.filter(project__in=projects).count()} CIO-Patenschaften"
    )


@transaction.atomic
def seed() -> str:
    actor = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    if actor is None:
        raise RuntimeError("Zuerst die Demodaten der Governance anlegen (governance.demo.seed).")
    existing_slugs = set(Project.objects.values_list("slug", flat=True))
    existing_acronyms = set(Project.objects.annotate(key=Lower("acronym")).values_list("key", flat=True))
    pending = [
        spec for spec in PROJECTS if spec.slug not in existing_slugs and spec.acronym.lower() not in existing_acronyms
    ]
    if pending:
        team_emails = {email for spec in PROJECTS for email, _role in spec.team}
        ctx = _Context(
            actor=actor,
            today=timezone.localdate(),
            partners={partner.slug: partner for partner in Partner.objects.all()},
            focus_areas={area.slug: area for area in FocusArea.objects.all()},
            people={person.email: person for person in User.objects.filter(email__in=team_emails)},
            representatives=_demo_role_holders(REPRESENTATIVE_ROLES),
            cios=_demo_role_holders([Role.CIO]),
        )
        for spec in pending:
            _seed_project(spec, ctx)
    return _summary()
