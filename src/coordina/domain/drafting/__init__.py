"""Drafting (issue 15): from the parties' country profiles to a draft agreement."""
