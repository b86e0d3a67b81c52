"""Token counting: which tokenizer a model uses, the per-example formula, and cached counters.

See :mod:`.formula` for exactly what is counted, :mod:`.encodings` for the model map and the offline
fallback, :mod:`.counter` for the caches and parallel counting.
"""

from finetune_desktop.core.catalog.model_names import base_model
from finetune_desktop.core.tokens.counter import (
    DEFAULT_TRAINING_CONTEXT,
    DatasetTokens,
    ExampleTokens,
    TokenCounter,
    TokenStats,
    count_dataset,
    default_workers,
    process_context,
    token_stats,
    training_context_for,
)
from finetune_desktop.core.tokens.encodings import (
    CL100K,
    O200K,
    OFFLINE_ENV,
    encoding_for_model,
    estimate_tokens,
    load_encoding,
    load_failure,
)
from finetune_desktop.core.tokens.formula import example_tokens, message_tokens

__all__ = [
    "CL100K",
    "DEFAULT_TRAINING_CONTEXT",
    "O200K",
    "OFFLINE_ENV",
    "DatasetTokens",
    "ExampleTokens",
    "TokenCounter",
    "TokenStats",
    "base_model",
    "count_dataset",
    "default_workers",
    "encoding_for_model",
    "estimate_tokens",
    "example_tokens",
    "load_encoding",
    "load_failure",
    "message_tokens",
    "process_context",
    "token_stats",
    "training_context_for",
]
