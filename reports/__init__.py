"""Reports on schedule (DESIGN.md §6): the weekly digest, the biweekly dispatch pack, the monthly
bulletin, the quarterly summary, the half-year observation report and the annual assessment.

Each report is built once per period from a frozen snapshot of the database (``kinds``), kept
with numbered revisions (``models``), rendered to PDF and Excel from the snapshot only
(``render``), and e-mailed once per recipient (``delivery``). The half-year observation rounds
(半年观摩) that the half-year and annual reports read live in the ``observation`` app.
"""
