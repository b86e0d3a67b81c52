"""Validation of fine-tuning datasets: structured findings for every problem OpenAI would reject, and for
the ones it accepts but that waste money (duplicates, conflicts, truncation).

``example.validate_example`` checks one parsed line, ``incremental.validate_dataset`` a loaded file,
``incremental.DatasetValidator`` keeps the findings current while the user edits, ``codes.FINDING_CODES``
documents every code, ``findings`` holds their shape and ``fixes`` the one-click repairs. Nothing here
raises on bad input and nothing imports Qt.
"""
