"""Reads that need a user, permissions or joins; one module per sub-domain."""

from projects.selectors.portfolio import *  # noqa: F403
from projects.selectors.sponsorships import *  # noqa: F403
