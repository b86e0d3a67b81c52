"""Token counting: which tokenizer a model uses, the per-example formula, and cached counters.

See :mod:`.formula` for exactly what is counted, :mod:`.encodings` for the model map and the offline
fallback, :mod:`.counter` for the caches and parallel counting.
"""
