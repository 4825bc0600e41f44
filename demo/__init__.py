"""The demo district (寒亭区) and the demo city (潍坊市): invented data for the embedded default,
the browser tests and the benchmarks. The top floor: it may import every app, and nothing imports
it but the settings (``INSTALLED_APPS``, for its two commands ``seed_demo`` and ``demo_accounts``).

- ``data`` — the invented district's names and words: units, leaders, projects, report wording,
  its boundary. No database.
- ``history`` — the simulated year of each project: plans, nodes and weekly reports. No database.
- ``district`` — ``seed_demo()``: one district's units, leaders, accounts, campaign, rubric and
  weekly history, written in bulk; ``reset_region()`` wipes a region.
- ``city`` — ``seed_city()``: several districts under one city, for the league of districts.
- ``problem_data`` — the problems' routes, wording, answers and stories. No database.
- ``problems`` — ``seed_problems()``: the routing table and a loop in every state, a meeting.
- ``observation`` — ``seed_observation()``: the observation rounds (观摩) already held.
- ``ladder`` — ``replay()`` the ladder over the scored weeks, then ``demo_workflow()``: the
  notices worked as officials would have, and two leaders' instructions.
- ``life`` — ``bring_to_life()``: all the above after the register, then scoring, the outlook and
  the archive of past reports, in the schedule's order.
"""
