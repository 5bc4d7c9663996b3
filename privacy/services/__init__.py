"""Services for data subjects' rights; one module per right, plus retention."""
