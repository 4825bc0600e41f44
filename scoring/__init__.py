"""Weekly scores, cards, rankings and escalation."""
