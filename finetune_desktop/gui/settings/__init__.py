"""The Settings screen: connection profiles, keys in the system keyring, "Test connection"."""
