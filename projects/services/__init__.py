"""Every state change of projects goes through these services (see STYLE.md)."""
