"""People and where they belong: regions, units, leaders and users with a role.

Kept apart from the register so that every other app can scope by role and unit without
depending on projects.
"""
