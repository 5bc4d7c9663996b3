"""A meeting resolution recorded with votes per seat: the entered result must be what the rules of
procedure (governance/services/steering/counting.py) make of those votes; postponing stays possible."""

import pytest
from django.core.exceptions import ValidationError

from governance.models import (
    Majority,
    MajorityBase,
    Resolution,
    ResolutionCounter,
    ResolutionResult,
    ResolutionVote,
    RulesOfProcedure,
)
from governance.services.steering import resolutions
from governance.services.steering.counting import Rules, meeting_outcome
from tests.conftest import login
from tests.governance.steering import build_circle, decision_item, held_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def c():
    return build_circle()


def record(c, item, result, votes):
    return resolutions.resolution_record(
        agenda_item=item,
        title="",
        text="Der Lenkungskreis beschließt.",
        result=result,
        visibility="public",
        votes={c.seats[slug].pk: choice for slug, choice in votes.items()},
        actor=c.secretariat,
    )


@pytest.mark.parametrize(
    ("votes", "result"),
    [
        ({"bw": "yes", "he": "yes", "rp": "no"}, ResolutionResult.ADOPTED),
        ({"bw": "yes", "he": "no"}, ResolutionResult.REJECTED),  # a tie is rejected
        ({"bw": "abstain", "he": "abstain", "rp": "no"}, ResolutionResult.REJECTED),
        ({"bw": "yes", "he": "abstain", "rp": "abstain"}, ResolutionResult.ADOPTED),
    ],
)
def test_a_result_that_agrees_with_the_votes_is_recorded(c, votes, result):
    resolution = record(c, decision_item(c, held_meeting(c)), result, votes)
    assert resolution.result == result and resolution.number
    assert resolution.votes.count() == len(votes)


@pytest.mark.parametrize(
    ("votes", "entered", "counted"),
    [
        ({"bw": "yes", "he": "no"}, ResolutionResult.ADOPTED, "abgelehnt"),
        ({"bw": "yes", "he": "yes", "rp": "no"}, ResolutionResult.REJECTED, "angenommen"),
        ({"bw": "no", "he": "no", "rp": "no"}, ResolutionResult.ADOPTED, "abgelehnt"),
    ],
)
def test_a_result_against_the_votes_is_refused_and_nothing_is_saved(c, votes, entered, counted):
    item = decision_item(c, held_meeting(c))
    with pytest.raises(ValidationError) as refused:
        record(c, item, entered, votes)
    message = " ".join(refused.value.messages)
    assert f"ergeben die erfassten Stimmen „{counted}“" in message and "gespeichert wurde nichts" in message
    assert not Resolution.objects.exists() and not ResolutionVote.objects.exists()
    assert not ResolutionCounter.objects.filter(last__gt=0).exists()  # no number used up


def test_postponing_stays_possible_whatever_the_votes(c):
    resolution = record(c, decision_item(c, held_meeting(c)), ResolutionResult.POSTPONED, {"bw": "yes", "he": "yes"})
    assert resolution.result == ResolutionResult.POSTPONED and resolution.number == ""


def test_without_votes_the_entered_result_stands(c):
    resolution = record(c, decision_item(c, held_meeting(c)), ResolutionResult.ADOPTED, {})
    assert resolution.result == ResolutionResult.ADOPTED


def test_the_rules_in_force_on_the_meeting_day_decide(c):
    RulesOfProcedure.objects.filter(pk=c.rules.pk).update(
        majority=Majority.TWO_THIRDS, majority_base=MajorityBase.ALL_SEATS
    )
    item = decision_item(c, held_meeting(c, attend=("bw", "he", "rp", "mrn")))
    # Three yes of four seats is two thirds of all seats; two yes and two abstentions is not.
    with pytest.raises(ValidationError, match="Zwei-Drittel-Mehrheit"):
        record(c, item, ResolutionResult.ADOPTED, {"bw": "yes", "he": "yes", "rp": "abstain", "mrn": "abstain"})
    assert record(c, item, ResolutionResult.ADOPTED, {"bw": "yes", "he": "yes", "rp": "yes", "mrn": "no"}).is_adopted


def test_silence_and_quorum_of_the_written_procedure_play_no_part_in_a_meeting():
    consent = Rules(silence="consent", quorum_percent=100)
    # Under the written-procedure rules the two silent seats would count as yes.
    assert meeting_outcome({"no": 1, "yes": 1}, seats=4, rules=consent) == "rejected"
    assert meeting_outcome({"yes": 1}, seats=4, rules=consent) == "adopted"


def test_the_form_shows_the_refusal_and_keeps_the_input(client, c):
    meeting = held_meeting(c)
    item = decision_item(c, meeting)
    url = f"/arbeitsbereich/lenkungskreis/sitzungen/{meeting.pk}/tagesordnung/{item.pk}/beschluss/"
    response = login(client, c.secretariat).post(
        url,
        {
            "title": "Beschlusspunkt",
            "text": "Der Lenkungskreis stimmt zu.",
            "result": "adopted",
            "visibility": "public",
            f"vote_{c.seats['bw'].pk}": "yes",
            f"vote_{c.seats['he'].pk}": "no",
            f"vote_{c.seats['rp'].pk}": "no",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "ergeben die erfassten Stimmen „abgelehnt“, nicht „angenommen“" in html
    assert "Der Lenkungskreis stimmt zu." in html and 'role="alert"' in html
    assert not Resolution.objects.exists()
