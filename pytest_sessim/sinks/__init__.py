"""Where the engine's results go: the in-memory record, moto services, webhooks."""
