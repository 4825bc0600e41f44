"""The escalation ladder: supervision notices (督办单), interviews (约谈) and accountability
(问责) for projects that stay red.

Its own room because these are official documents with a life of their own — numbered, dated,
printed as notices, e-mailed to whom they concern, scheduled and recorded by supervisors — while
scoring only says which card a week deserves. The thresholds live in the campaign's rubric.
"""
