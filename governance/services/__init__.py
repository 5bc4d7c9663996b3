"""Every state change in governance goes through these services (see STYLE.md)."""
