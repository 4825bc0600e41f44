"""Half-year observation rounds (半年观摩): inspectors score each project on site against the
round's criteria; a closed round feeds scoring's assessment item and the half-year and annual
reports. Below scoring and reports (see README.md)."""
