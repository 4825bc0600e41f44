"""The register (campaigns, projects, plans, nodes) and the weekly progress reports."""
