"""The dataset's shared system message, for a new example and the System message dialog to start with.

Read from an even sample of the examples (a released example parses on access; 100k of them would
stall the UI thread), which finds the message nearly every example shares.
"""

from __future__ import annotations

from finetune_desktop.core.validation.fixes import shared_system_message
from finetune_desktop.gui.dataset.document import DatasetDocument

SAMPLE = 400


def shared_system_hint(doc: DatasetDocument) -> str | None:
    examples = doc.examples
    step = max(1, len(examples) // SAMPLE)
    return shared_system_message(ex.data for ex in examples[::step][:SAMPLE])
