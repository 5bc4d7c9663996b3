"""The read-only open-data API (/api/v1/) and what every machine channel shares."""
