"""The counting of a written procedure: one pure function, table-driven."""

import pytest

from governance.models import BallotOutcome, Majority, MajorityBase, Silence
from governance.services.steering.counting import Rules, count_votes, settled_outcome

A, R = BallotOutcome.ADOPTED, BallotOutcome.REJECTED
REF, NQ = BallotOutcome.REFERRED, BallotOutcome.NO_QUORUM
SIMPLE = Rules(quorum_percent=0)


def v(yes=0, no=0, abstain=0, objection=0) -> dict:
    return {"yes": yes, "no": no, "abstain": abstain, "objection": objection}


CASES = [
    # (name, votes, seats, rules, expected)
    ("simple: more yes than no", v(3, 1), 4, SIMPLE, A),
    ("simple: tie is rejected", v(2, 2), 4, SIMPLE, R),
    ("simple: abstentions do not count", v(1, 0, 3), 4, SIMPLE, A),
    ("simple: only abstentions", v(0, 0, 4), 4, SIMPLE, R),
    ("absolute of cast: abstentions weigh against", v(2, 1, 1), 4, Rules(Majority.ABSOLUTE, quorum_percent=0), R),
    ("absolute of cast: more than half", v(3, 0, 1), 4, Rules(Majority.ABSOLUTE, quorum_percent=0), A),
    (
        "absolute of all seats: silence weighs against",
        v(2),
        4,
        Rules(Majority.ABSOLUTE, MajorityBase.ALL_SEATS, quorum_percent=0),
        R,
    ),
    (
        "absolute of all seats: three of four",
        v(3),
        4,
        Rules(Majority.ABSOLUTE, MajorityBase.ALL_SEATS, quorum_percent=0),
        A,
    ),
    ("two thirds: exactly two thirds", v(2, 1), 3, Rules(Majority.TWO_THIRDS, quorum_percent=0), A),
    ("two thirds: short of it", v(3, 2), 5, Rules(Majority.TWO_THIRDS, quorum_percent=0), R),
    (
        "two thirds of all seats",
        v(3),
        5,
        Rules(Majority.TWO_THIRDS, MajorityBase.ALL_SEATS, quorum_percent=0),
        R,
    ),
    ("unanimity of cast: one no blocks", v(3, 1), 4, Rules(Majority.UNANIMITY, quorum_percent=0), R),
    ("unanimity of cast: abstention does not block", v(3, 0, 1), 4, Rules(Majority.UNANIMITY, quorum_percent=0), A),
    (
        "unanimity of all seats: silence blocks",
        v(3),
        4,
        Rules(Majority.UNANIMITY, MajorityBase.ALL_SEATS, quorum_percent=0),
        R,
    ),
    (
        "unanimity of all seats: all yes",
        v(4),
        4,
        Rules(Majority.UNANIMITY, MajorityBase.ALL_SEATS, quorum_percent=0),
        A,
    ),
    ("silence as consent makes a majority", v(1, 1), 4, Rules(silence=Silence.CONSENT, quorum_percent=0), A),
    ("silence as abstention: simple unaffected", v(1, 0), 4, Rules(silence=Silence.ABSTENTION, quorum_percent=0), A),
    (
        "silence as abstention weighs against absolute",
        v(2, 0),
        5,
        Rules(Majority.ABSOLUTE, silence=Silence.ABSTENTION, quorum_percent=0),
        R,
    ),
    ("silence ignored: two voters decide", v(1, 0), 4, Rules(silence=Silence.IGNORED, quorum_percent=0), A),
    ("objection refers to the meeting", v(3, 0, 0, 1), 4, Rules(objection_refers=True, quorum_percent=0), REF),
    ("objection counts as no otherwise", v(2, 0, 0, 2), 4, Rules(objection_refers=False, quorum_percent=0), R),
    ("quorum missed: silence does not take part", v(1), 4, Rules(silence=Silence.IGNORED, quorum_percent=51), NQ),
    ("quorum reached with three of four", v(2, 1), 4, Rules(quorum_percent=51), A),
    ("quorum: silence as abstention takes part", v(1), 4, Rules(silence=Silence.ABSTENTION, quorum_percent=51), A),
    ("quorum: objection refers even without quorum", v(0, 0, 0, 1), 4, Rules(quorum_percent=100), REF),
    ("nobody voted, silence ignored", v(), 4, Rules(quorum_percent=0), R),
]


@pytest.mark.parametrize(("votes", "seats", "rules", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_count_votes(votes, seats, rules, expected):
    assert count_votes(votes, seats=seats, rules=rules) == expected


SETTLED = [
    ("all seats voted", v(3, 1), 4, SIMPLE, A),
    ("an objection settles a referral", v(0, 0, 0, 1), 4, Rules(quorum_percent=0), REF),
    ("three yes of four under simple, no objection rule", v(3), 4, Rules(objection_refers=False, quorum_percent=0), A),
    ("open while one more could object", v(3), 4, Rules(objection_refers=True, quorum_percent=0), None),
    ("open while the result can still turn", v(1, 1), 4, Rules(objection_refers=False, quorum_percent=0), None),
    ("one no settles unanimity", v(1, 1), 4, Rules(Majority.UNANIMITY, objection_refers=False, quorum_percent=0), R),
]


@pytest.mark.parametrize(("votes", "seats", "rules", "expected"), [c[1:] for c in SETTLED], ids=[c[0] for c in SETTLED])
def test_settled_outcome_only_when_no_vote_to_come_can_change_it(votes, seats, rules, expected):
    assert settled_outcome(votes, seats=seats, rules=rules) == expected
