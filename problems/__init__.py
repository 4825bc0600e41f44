"""Problems in a closed loop (问题闭环): raised from a project, sent straight to the department that
must solve it (直通车), answered with evidence, closed only when the raising side confirms (销号),
escalated when overdue, and taken to the biweekly dispatch meeting (会商).

Why an app of its own rather than a room in ``projects``: the loop has its own state machine
(``flow.py``), its own users (the departments' handlers, who otherwise see no project), its own
escalation ladder with its own e-mails and scheduled job, and its own meetings whose decisions
follow the same loop. It reads the register; the register only links to it.
"""
