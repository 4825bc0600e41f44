"""What managers read: the colour-card dashboard, the targets with a year-end outlook, rankings
(大比拼), unit and leader scorecards, and the read-only JSON API for city and provincial platforms.

It has its own room because it only reads — across the register, the scores and the problems —
and serves people (and machines) who change nothing. Pages read stored scores and aggregates;
the outlook is computed when a week is scored and stored, never on a page view.
"""
