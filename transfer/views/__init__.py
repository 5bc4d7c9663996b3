"""Views of the transfer platform, one module per part (catalogue, feeds, workspace, …)."""
