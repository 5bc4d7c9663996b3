"""Services of the steering circle: seats and rules, meetings, resolutions, minutes, ballots, requests."""
