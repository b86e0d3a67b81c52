"""Base models for the built-in server's local engine: the hub catalog and whether each fits this machine.

Pure Python (no torch): the local engine, the CLI and the GUI (from a worker thread) read the same catalog
and the same memory estimate.
"""
