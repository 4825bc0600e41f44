"""The read-only JSON API for the city and provincial platforms: projects, weekly cards with
their breakdown, rankings. Same scope as the pages (projects.scope); token or session auth."""
