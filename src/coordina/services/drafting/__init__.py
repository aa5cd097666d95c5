"""Drafting services (issue 15): feasibility, draft generation, documents."""
