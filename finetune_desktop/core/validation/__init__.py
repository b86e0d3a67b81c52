"""Validation of fine-tuning datasets: structured findings for every problem OpenAI would reject, and for
the ones it accepts but that waste money (duplicates, conflicts, truncation).

``validate_example`` checks one parsed line, ``validate_dataset`` a loaded file, ``DatasetValidator`` keeps
the findings current while the user edits, ``FINDING_CODES`` documents every code. Nothing here raises on
bad input and nothing imports Qt.
"""

from __future__ import annotations

from finetune_desktop.core.validation.codes import FINDING_CODES, FIXES
from finetune_desktop.core.validation.example import detect_example_format, validate_example
from finetune_desktop.core.validation.incremental import DatasetValidator, validate_dataset

__all__ = [
    "FINDING_CODES",
    "FIXES",
    "DatasetValidator",
    "detect_example_format",
    "validate_dataset",
    "validate_example",
]
