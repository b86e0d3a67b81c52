"""The training set: examples in memory, JSONL read/write, tabular import, split, mending."""
