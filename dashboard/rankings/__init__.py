"""Rankings (大比拼) of projects, units and leaders, with their scorecards.

``rules`` is pure (stored totals in, standings out; no database); ``running`` keeps the running
sums they read fast; ``selectors`` reads the standings of a period; ``tables`` and ``views`` show
them. The JSON API (``dashboard.api.views.RankingView``) reads the same selectors.
"""
