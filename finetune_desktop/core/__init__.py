"""The engine: pure Python, no Qt. Everything here is usable from a script and tested without a screen."""
