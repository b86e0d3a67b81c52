"""The service layer: every call to a fine-tuning API server (OpenAI, Azure OpenAI, compatible, sandbox)."""
