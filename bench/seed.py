"""Seed the benchmark data set with bulk inserts: at scale 1.0 10,000 published solutions, 2,000
projects and 20,000 adoptions (the proportions of DESIGN.md), plus the people the logged-in
targets need. Derived fields are filled the way the portal fills them (the search vector by the
service's own refresh).

Only a benchmark database is touched: one that is empty, or one this module seeded before (it
carries the marker partner). Anything else is refused.
"""

import json
import random
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

MARKER_SLUG = "bench-marker"
SEED_VERSION = 1
BATCH = 2000


class NotABenchmarkDatabase(RuntimeError):
    pass


def _existing_seed() -> dict | None:
    """The marker's parameters; None for an empty database; refuses any other database."""
    tables = connection.introspection.table_names()
    if "governance_partner" not in tables:
        return None
    from governance.models import Partner, User

    marker = Partner.objects.filter(slug=MARKER_SLUG).first()
    if marker is None:
        if Partner.objects.exists() or User.objects.exists():
            raise NotABenchmarkDatabase(
                f"{connection.settings_dict['NAME']} holds data that the benchmark did not seed; "
                "give DATABASE_URL an empty database of its own."
            )
        return None
    return json.loads(marker.description or "{}")


def seed(*, scale: float, seed_value: int = 15) -> dict:
    """Make sure the database holds the data set for `scale`; returns the names the targets need."""
    call_command("migrate", verbosity=0, interactive=False)
    wanted = {"version": SEED_VERSION, "scale": scale, "seed": seed_value}
    existing = _existing_seed()
    if existing is not None and existing.get("params") == wanted:
        return existing["names"]
    if existing is not None:
        call_command("flush", verbosity=0, interactive=False)
    names = _seed(scale=scale, rng=random.Random(seed_value))
    with connection.cursor() as cursor:  # what autovacuum would do soon: planner statistics
        cursor.execute("VACUUM ANALYZE")
    from governance.models import Partner

    Partner.objects.filter(slug=MARKER_SLUG).update(description=json.dumps({"params": wanted, "names": names}))
    return names


@transaction.atomic
def _seed(*, scale: float, rng: random.Random) -> dict:
    from bench.text import RARE_WORD, paragraph, sentence
    from governance.models import FocusArea, Partner, PartnerKind, Role, RoleAssignment, State, User
    from projects.models import Participation, Phase, Project, Sponsorship, SponsorshipScope, SponsorshipState
    from transfer.models import (
        Adoption,
        AdoptionStage,
        Licence,
        MaturityModel,
        OzgThemenfeld,
        ServiceCoverage,
        Solution,
        SolutionState,
    )
    from transfer.services import search_vector_refresh

    n_solutions = max(20, int(10_000 * scale))
    n_projects = max(10, int(2_000 * scale))
    n_adoptions = 2 * n_solutions
    now = timezone.now()
    today = timezone.localdate()

    partners = [Partner(name="Benchmark (Markierung)", slug=MARKER_SLUG, kind=PartnerKind.FEDERAL)]
    partners += [
        Partner(name=label, short_name=code, slug=f"land-{code.lower()}", kind=PartnerKind.LAND, state=code)
        for code, label in State.choices
    ]
    kinds = [PartnerKind.CITY, PartnerKind.DISTRICT, PartnerKind.MUNICIPALITY]
    partners += [
        Partner(
            name=f"{['Stadt', 'Landkreis', 'Gemeinde'][i % 3]} {sentence(rng, 1)[:-1]}-{i}",
            slug=f"kommune-{i}",
            kind=kinds[i % 3],
            state=rng.choice(State.values),
        )
        for i in range(max(20, int(300 * scale)))
    ]
    Partner.objects.bulk_create(partners, batch_size=BATCH)
    lands = [p for p in partners if p.kind == PartnerKind.LAND]
    locals_ = [p for p in partners if p.kind in kinds]
    areas = FocusArea.objects.bulk_create(
        [
            FocusArea(name=f"Schwerpunkt {word}", slug=f"schwerpunkt-{i}", position=i)
            for i, word in enumerate(
                [
                    "Digitale Verwaltung",
                    "Bürgerservice",
                    "Daten",
                    "Infrastruktur",
                    "Bildung",
                    "Umwelt",
                    "Gesundheit",
                    "Mobilität",
                ]
            )
        ]
    )

    password = make_password(None)  # unusable: the benchmark logs in by a session it creates
    secretariat = User(email="geschaeftsstelle@bench.invalid", first_name="Gesa", last_name="Stelle", password=password)
    cio = User(email="cio-bw@bench.invalid", first_name="Carl", last_name="Io", password=password)
    User.objects.bulk_create([secretariat, cio])
    land_bw = next(p for p in lands if p.state == "BW")
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(
                person=secretariat, partner=partners[0], role=Role.SECRETARIAT, valid_from=today - timedelta(days=400)
            ),
            RoleAssignment(person=cio, partner=land_bw, role=Role.CIO, valid_from=today - timedelta(days=400)),
        ]
    )

    phases = [Phase.IDEA, Phase.CONCEPT, Phase.PILOT, Phase.IMPLEMENTATION, Phase.TRANSFER, Phase.COMPLETED]
    projects = [
        Project(
            title=f"Projekt {sentence(rng, 3)[:-1]} {i}",
            acronym=f"P{i:05d}",
            slug=f"projekt-{i}",
            summary=paragraph(rng, 300)[:600],
            description=paragraph(rng, 1200),
            lead_partner=rng.choice(locals_ + lands),
            phase=rng.choice(phases),
            start_date=date(2024, 1, 1) + timedelta(days=rng.randint(0, 700)),
            is_public=rng.random() < 0.7,
        )
        for i in range(n_projects)
    ]
    Project.objects.bulk_create(projects, batch_size=BATCH)
    participations = []
    for project in projects:
        members = {project.lead_partner_id} | {p.pk for p in rng.sample(locals_, 3)}
        participations += [
            Participation(project=project, partner_id=pk, role="lead" if pk == project.lead_partner_id else "partner")
            for pk in members
        ]
    Participation.objects.bulk_create(participations, batch_size=BATCH)
    Project.focus_areas.through.objects.bulk_create(
        [Project.focus_areas.through(project=p, focusarea=rng.choice(areas)) for p in projects], batch_size=BATCH
    )
    sponsorship_states = [SponsorshipState.REQUESTED, SponsorshipState.APPROVED, SponsorshipState.DECLINED]
    Sponsorship.objects.bulk_create(
        [
            Sponsorship(
                project=project,
                land=land_bw if i % 4 == 0 else rng.choice(lands),
                scope=SponsorshipScope.BOTH,
                term_start=project.start_date,
                justification=paragraph(rng, 400),
                state=sponsorship_states[i % 3],
                requested_by=secretariat,
                requested_at=now - timedelta(days=rng.randint(1, 300)),
            )
            for i, project in enumerate(projects)
        ],
        batch_size=BATCH,
    )

    licences = Licence.values
    solutions = []
    for i in range(n_solutions):
        problem = paragraph(rng, rng.randint(500, 1500))
        if i % max(1, n_solutions // 5) == 0:  # five solutions mention the rare word
            problem += f" Auch für das {RARE_WORD} geeignet."
        published = now - timedelta(minutes=i * 7)
        solutions.append(
            Solution(
                title=f"{sentence(rng, rng.randint(2, 5))[:-1]} {i}",
                slug=f"loesung-{i}",
                short_description=paragraph(rng, 200)[:300],
                problem=problem,
                target_group=sentence(rng, 6)[:300],
                how_it_works=paragraph(rng, rng.randint(400, 1200)),
                prerequisites=paragraph(rng, rng.randint(100, 400)),
                licence=rng.choice(licences),
                is_software=rng.random() < 0.8,
                source_code_url=f"https://code.bench.invalid/loesung-{i}" if rng.random() < 0.6 else "",
                documentation_url=f"https://doku.bench.invalid/loesung-{i}",
                operating_model=sentence(rng, 10),
                base_components=rng.sample(["fit_connect", "deutschland_id", "115", "epayment"], rng.randint(0, 2)),
                project=rng.choice(projects) if rng.random() < 0.5 else None,
                contact_label="Funktionspostfach Nachnutzung",
                contact_email=f"nachnutzung-{i % 50}@bench.invalid",
                state=SolutionState.PUBLISHED,
                published_at=published,
                created_at=published,
                last_reviewed_on=today,
            )
        )
    Solution.objects.bulk_create(solutions, batch_size=BATCH)
    Solution.objects.update(updated_at=now)  # auto_now left as it was at insert; one value is fine
    through_areas = Solution.focus_areas.through
    through_areas.objects.bulk_create(
        [through_areas(solution=s, focusarea=a) for s in solutions for a in rng.sample(areas, rng.randint(1, 2))],
        batch_size=BATCH,
    )
    through_partners = Solution.partners.through
    through_partners.objects.bulk_create(
        [
            through_partners(solution=s, partner=p)
            for s in solutions
            for p in rng.sample(locals_, rng.randint(0, 2)) + ([rng.choice(lands)] if rng.random() < 0.5 else [])
        ],
        batch_size=BATCH,
    )
    themen = OzgThemenfeld.values
    services = []
    for s in solutions:
        for k in range(rng.randint(1, 3)):
            model = MaturityModel.V1 if rng.random() < 0.6 else MaturityModel.V2
            services.append(
                ServiceCoverage(
                    solution=s,
                    leika_key=f"99{s.pk % 10**8:08d}{k:04d}",
                    name=sentence(rng, 3)[:-1],
                    themenfeld=rng.choice(themen),
                    maturity_model=model,
                    maturity_level=rng.randint(0, 4 if model == MaturityModel.V1 else 7),
                )
            )
    ServiceCoverage.objects.bulk_create(services, batch_size=BATCH)
    stages = AdoptionStage.values
    Adoption.objects.bulk_create(
        [
            Adoption(
                solution=rng.choice(solutions),
                partner=(partner := rng.choice(locals_)),
                organisation=partner.name,
                stage=rng.choice(stages),
                stage_since=today - timedelta(days=rng.randint(0, 500)),
            )
            for _ in range(n_adoptions)
        ],
        batch_size=BATCH,
    )
    search_vector_refresh(solution_ids=[s.pk for s in solutions])

    frequent = solutions[len(solutions) // 2]
    return {
        "solution_slug": frequent.slug,
        "secretariat": secretariat.pk,
        "cio": cio.pk,
        "themenfeld": OzgThemenfeld.BAUEN_WOHNEN.value,
        "solutions": n_solutions,
        "projects": n_projects,
        "adoptions": n_adoptions,
    }
