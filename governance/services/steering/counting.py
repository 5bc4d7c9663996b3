"""Counting a written procedure: one pure function, the rules of procedure as its input.

Definitions (documented here because rules of procedure word them differently):
- silence (a seat that did not vote) counts as an abstention, as a yes, or not at all;
- under `objection_refers` any objection sends the matter to the next meeting; otherwise an
  objection counts as a no;
- quorum: the seats taking part (every vote, plus silence unless silence counts not at all) must
  reach the quorum percentage of all seats, rounded up;
- simple majority: more yes than no (abstentions do not count; a tie is rejected);
- absolute, two-thirds: of the votes cast (yes, no and abstentions) or of all seats;
- unanimity of the votes cast: no vote against and at least one yes; of all seats: every seat yes.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from itertools import combinations_with_replacement

from governance.models import BallotOutcome, Majority, MajorityBase, Silence, VoteChoice


@dataclass(frozen=True)
class Rules:
    majority: str = Majority.SIMPLE
    majority_base: str = MajorityBase.CAST
    silence: str = Silence.IGNORED
    objection_refers: bool = True
    quorum_percent: int = 51

    @classmethod
    def of(cls, rules) -> "Rules":
        return cls(
            majority=rules.majority,
            majority_base=rules.majority_base,
            silence=rules.silence,
            objection_refers=rules.objection_refers,
            quorum_percent=rules.quorum_percent,
        )


def count_votes(votes: Mapping[str, int], *, seats: int, rules: Rules) -> str:
    """The outcome once voting has ended: `votes` counts yes/no/abstain/objection; the seats
    missing from it are silent."""
    yes, no = votes.get(VoteChoice.YES, 0), votes.get(VoteChoice.NO, 0)
    abstain, objection = votes.get(VoteChoice.ABSTAIN, 0), votes.get(VoteChoice.OBJECTION, 0)
    silent = seats - yes - no - abstain - objection
    if objection and rules.objection_refers:
        return BallotOutcome.REFERRED
    no += objection
    if rules.silence == Silence.CONSENT:
        yes += silent
    elif rules.silence == Silence.ABSTENTION:
        abstain += silent
    taking_part = yes + no + abstain
    if taking_part < -(-seats * rules.quorum_percent // 100):
        return BallotOutcome.NO_QUORUM
    base = seats if rules.majority_base == MajorityBase.ALL_SEATS else yes + no + abstain
    if rules.majority == Majority.SIMPLE:
        adopted = yes > no
    elif rules.majority == Majority.ABSOLUTE:
        adopted = 2 * yes > base
    elif rules.majority == Majority.TWO_THIRDS:
        adopted = 3 * yes >= 2 * base and yes > 0
    elif rules.majority_base == MajorityBase.ALL_SEATS:
        adopted = yes == seats and seats > 0
    else:
        adopted = no == 0 and yes > 0
    return BallotOutcome.ADOPTED if adopted else BallotOutcome.REJECTED


def meeting_outcome(votes: Mapping[str, int], *, seats: int, rules: Rules) -> str:
    """What the votes recorded in a meeting give (yes, no, abstain; a seat without a vote did not
    vote). Whether enough seats were present is judged by the attendance (`meeting_quorum`), and
    silence and objection belong to the written procedure: neither plays a part here."""
    in_meeting = replace(rules, silence=Silence.IGNORED, objection_refers=False, quorum_percent=0)
    return count_votes(votes, seats=seats, rules=in_meeting)


SILENT = "silent"
_POSSIBLE = (VoteChoice.YES, VoteChoice.NO, VoteChoice.ABSTAIN, VoteChoice.OBJECTION, SILENT)


def settled_outcome(votes: Mapping[str, int], *, seats: int, rules: Rules) -> str | None:
    """The outcome if no vote still to come can change it, else None (so the ballot can close
    before its deadline). Tries every way the missing seats could still vote or stay silent."""
    missing = seats - sum(votes.values())
    outcomes = set()
    for rest in combinations_with_replacement(_POSSIBLE, missing):
        completed = dict(votes)
        for choice in rest:
            if choice != SILENT:
                completed[choice] = completed.get(choice, 0) + 1
        outcomes.add(count_votes(completed, seats=seats, rules=rules))
        if len(outcomes) > 1:
            return None
    return outcomes.pop()
