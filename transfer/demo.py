"""Demo data for the transfer platform: solutions offered from the demo projects, their OZG services,
adoptions at every stage and a few reuse requests.

The solutions themselves are data, in `demo/transfer.yaml` (read by `kooperationsraum.demo_data`);
this module turns them into rows through the services.

Projects, partners and people come from `projects.demo` and `governance.demo` (run first by
`seed_demo`). Everything is invented and marked: every short description starts with "[Demo]",
the problem text is the demo project's description ("Demodaten: fiktives Projekt"), links point
to example.org and contacts are functional mailboxes at kooperationsraum.example.org.

Solutions are created, saved, published and withdrawn through the services, as the secretariat
(`geschaeftsstelle@example.org`) would in the workspace, so the audit trail shows how they came
about; publishing walks `solution_publish`, which refuses anything not transfer-ready. OZG services
and reuse requests are plain inserts: no service creates them (requests come from the public form,
which would send confirmation mails). After each service call the demo dates a few things back
(publication, last review, "stage since"), so the catalogue has an order and the pipeline a history.

Running `seed()` again skips every solution whose slug already exists: nothing changes, no audit event
is written.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import yaml
from django.db import transaction
from django.utils import timezone

from governance.models import Partner, User
from kooperationsraum.demo_data import demo_data
from projects import demo as projects_demo
from projects.models import Project
from transfer.models import (
    Adoption,
    AdoptionStage,
    BaseComponent,
    Inquiry,
    InquiryState,
    Licence,
    MaturityModel,
    OzgThemenfeld,
    ServiceCoverage,
    Solution,
    SolutionState,
)
from transfer.services import (
    adoption_save,
    inquiry_to_adoption,
    search_vector_refresh,
    solution_create_from_project,
    solution_publish,
    solution_save,
    solution_unpublish,
)

# What becomes of a demo solution: published, left a draft, or published and then withdrawn.
PUBLISHED, DRAFT, UNPUBLISHED = "published", "draft", "unpublished"
OUTCOMES = (PUBLISHED, DRAFT, UNPUBLISHED)


@dataclass(frozen=True)
class DemoService:
    """An OZG service the solution covers, scored under one maturity model."""

    leika_key: str
    name: str
    themenfeld: str
    maturity_model: str
    maturity_level: int

    @classmethod
    def from_data(cls, item: dict) -> "DemoService":
        return cls(
            **{
                **item,
                "themenfeld": OzgThemenfeld(item["themenfeld"]),
                "maturity_model": MaturityModel(item["maturity_model"]),
            }
        )


@dataclass(frozen=True)
class DemoAdoption:
    """An adoption by a demo `partner` (its slug) or an outside `organisation`, in its stage since a while."""

    stage: str
    since_months_ago: int
    partner: str | None = None
    organisation: str | None = None
    contact: str = ""
    evidence: str = ""

    @classmethod
    def from_data(cls, item: dict) -> "DemoAdoption":
        if bool(item.get("partner")) == bool(item.get("organisation")):
            raise ValueError(f"An adoption names either a partner or an organisation: {item}")
        return cls(**{**item, "stage": AdoptionStage(item["stage"])})


@dataclass(frozen=True)
class DemoInquiry:
    """A reuse request `days_ago` days old; `adopt` turns it into an adoption through the service."""

    administration: str
    contact_name: str
    contact_email: str
    message: str
    days_ago: int
    state: str = InquiryState.CONFIRMED
    adopt: bool = False

    @classmethod
    def from_data(cls, item: dict) -> "DemoInquiry":
        return cls(**{**item, "state": InquiryState(item.get("state", InquiryState.CONFIRMED))})


@dataclass(frozen=True)
class DemoSolution:
    project: str  # the demo project's slug; the solution takes the same slug
    short_description: str
    target_group: str
    how_it_works: str
    licence: str
    services: tuple[DemoService, ...] = ()
    base_components: tuple[str, ...] = ()
    operating_model: str = ""
    prerequisites: str = ""
    contact: tuple[str, str] | None = None  # (label, mailbox before the @)
    is_software: bool = True
    outcome: str = PUBLISHED
    published_months_ago: int = 6
    reviewed_months_ago: int = 1
    unpublish_reason: str = ""
    adoptions: tuple[DemoAdoption, ...] = ()
    inquiries: tuple[DemoInquiry, ...] = ()
    publiccode: bool = True

    @classmethod
    def from_data(cls, item: dict) -> "DemoSolution":
        if item.get("outcome", PUBLISHED) not in OUTCOMES:
            raise ValueError(f"Unknown outcome of demo solution {item['project']}: {item['outcome']}")
        contact = item.get("contact")
        return cls(
            **{
                **item,
                "licence": Licence(item["licence"]),
                "base_components": tuple(BaseComponent(value) for value in item.get("base_components", ())),
                "contact": (contact["label"], contact["mailbox"]) if contact else None,
                "services": tuple(DemoService.from_data(row) for row in item.get("services", ())),
                "adoptions": tuple(DemoAdoption.from_data(row) for row in item.get("adoptions", ())),
                "inquiries": tuple(DemoInquiry.from_data(row) for row in item.get("inquiries", ())),
            }
        )


# The same secretariat and marker as the demo portfolio the solutions come from.
SECRETARIAT_EMAIL = projects_demo.SECRETARIAT_EMAIL
DEMO_PREFIX = projects_demo.DEMO_PREFIX
DATA = demo_data("transfer")
MAILDOMAIN: str = DATA["mail_domain"]
REPO: str = DATA["repository_base"]
DOCS: str = DATA["documentation_base"]
SOLUTIONS = [DemoSolution.from_data(item) for item in DATA["solutions"]]


def publiccode_yml(spec: DemoSolution, title: str) -> str:
    """A small publiccode.yml (standard 0.4) for a software solution."""
    data = {
        "publiccodeYmlVersion": "0.4",
        "name": title,
        "url": f"{REPO}/{spec.project}",
        "releaseDate": "2025-06-30",
        "platforms": ["web"],
        "developmentStatus": "stable" if spec.outcome == PUBLISHED else "beta",
        "softwareType": "standalone/web",
        "description": {
            "de": {
                "shortDescription": spec.short_description[:150],
                "longDescription": spec.how_it_works or spec.short_description,
                "features": [spec.target_group],
            }
        },
        "legal": {"license": str(spec.licence)},
        "maintenance": {
            "type": "community",
            "contacts": [{"name": "Geschäftsstelle Kooperationsraum", "email": f"transfer@{MAILDOMAIN}"}],
        },
        "localisation": {"localisationReady": True, "availableLanguages": ["de"]},
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _months_ago(today: date, months: int) -> date:
    return today - timedelta(days=round(months * 30.44))


def _seed_solution(
    spec: DemoSolution, project: Project, actor: User, partners: dict[str, Partner], today: date
) -> Solution:
    solution = solution_create_from_project(project=project, actor=actor)
    solution.short_description = DEMO_PREFIX + spec.short_description
    solution.target_group = spec.target_group
    solution.how_it_works = spec.how_it_works
    solution.prerequisites = spec.prerequisites
    solution.licence = spec.licence
    solution.is_software = spec.is_software
    solution.operating_model = spec.operating_model
    solution.base_components = list(spec.base_components)
    if spec.is_software:
        solution.source_code_url = f"{REPO}/{spec.project}"
        if spec.publiccode:
            solution.publiccode_yml = publiccode_yml(spec, solution.title)
    if spec.how_it_works:
        solution.documentation_url = f"{DOCS}/{spec.project}"
    if spec.contact:
        solution.contact_label, mailbox = spec.contact
        solution.contact_email = f"{mailbox}@{MAILDOMAIN}"
    solution = solution_save(solution=solution, actor=actor)
    # No service adds OZG services: they are part of the solution's data.
    ServiceCoverage.objects.bulk_create(
        ServiceCoverage(
            solution=solution,
            leika_key=service.leika_key,
            name=service.name,
            themenfeld=service.themenfeld,
            maturity_model=service.maturity_model,
            maturity_level=service.maturity_level,
        )
        for service in spec.services
    )

    if spec.outcome in (PUBLISHED, UNPUBLISHED):
        solution = solution_publish(solution=solution, actor=actor)
        Solution.objects.filter(pk=solution.pk).update(
            published_at=timezone.now() - (today - _months_ago(today, spec.published_months_ago)),
            last_reviewed_on=_months_ago(today, min(spec.reviewed_months_ago, spec.published_months_ago)),
        )
    if spec.outcome == UNPUBLISHED:
        solution = solution_unpublish(solution=solution, actor=actor, reason=spec.unpublish_reason)

    for item in spec.adoptions:
        partner = partners[item.partner] if item.partner else None
        adoption = adoption_save(
            adoption=Adoption(
                solution=solution,
                partner=partner,
                organisation=partner.name if partner else item.organisation,
                stage=item.stage,
                contact=item.contact,
                evidence=item.evidence,
            ),
            actor=actor,
        )
        Adoption.objects.filter(pk=adoption.pk).update(stage_since=_months_ago(today, item.since_months_ago))

    for ask in spec.inquiries:
        created = timezone.now() - timedelta(days=ask.days_ago)
        confirmed = ask.state != InquiryState.UNCONFIRMED
        inquiry = Inquiry.objects.create(
            solution=solution,
            administration=ask.administration,
            contact_name=ask.contact_name,
            contact_email=ask.contact_email,
            message=ask.message,
            consent=True,
            state=InquiryState.CONFIRMED if ask.adopt else ask.state,
            created_at=created,
            confirmed_at=created + timedelta(minutes=20) if confirmed else None,
        )
        if ask.adopt:
            inquiry_to_adoption(inquiry=inquiry, actor=actor)
    return solution


def _summary() -> str:
    solutions = Solution.objects.filter(slug__in=[spec.project for spec in SOLUTIONS])
    adoptions = Adoption.objects.filter(solution__in=solutions)
    inquiries = Inquiry.objects.filter(solution__in=solutions)
    return (
        f"{solutions.count()} Lösungen ({solutions.filter(state=SolutionState.PUBLISHED).count()} veröffentlicht), "
        f"{ServiceCoverage.objects.filter(solution__in=solutions).count()} OZG-Leistungen, "
        f"{adoptions.count()} Nachnutzungen in {adoptions.values('stage').distinct().count()} Ständen, "
        f"{inquiries.count()} Anfragen "
        f"({inquiries.filter(state=InquiryState.UNCONFIRMED).count()} unbestätigt)"
    )


@transaction.atomic
def seed() -> str:
    actor = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    if actor is None:
        raise RuntimeError("Zuerst die Demodaten der Governance anlegen (governance.demo.seed).")
    existing = set(
        Solution.objects.filter(slug__in=[spec.project for spec in SOLUTIONS]).values_list("slug", flat=True)
    )
    pending = [spec for spec in SOLUTIONS if spec.project not in existing]
    projects = {project.slug: project for project in Project.objects.filter(slug__in=[s.project for s in pending])}
    partners = {partner.slug: partner for partner in Partner.objects.all()}
    today = timezone.localdate()
    created = [
        _seed_solution(spec, projects[spec.project], actor, partners, today)
        for spec in pending
        if spec.project in projects
    ]
    if created:
        # The services refresh each solution as it is saved; once more for all, after every change.
        search_vector_refresh(solution_ids=[solution.pk for solution in created])
    return _summary()
