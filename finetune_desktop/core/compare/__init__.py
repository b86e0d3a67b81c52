"""Comparing models: prompt sets, resumable batch runs, recorded answers, saved conversations, blind tallies.

No Qt here: the GUI's compare screen and the ``compare`` / ``record`` commands share this code.
"""
