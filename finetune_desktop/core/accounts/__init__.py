"""Connections: profiles, API keys in the keyring, key redaction, the connection check."""
