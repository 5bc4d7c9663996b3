# Projects, contributions, milestones, status reports and sponsorships arrive with their issues.
