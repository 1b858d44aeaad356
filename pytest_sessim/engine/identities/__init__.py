"""Identities' behaviour: names, verification (mail, links, expiry), DKIM, sending
authorization policies. Their state lives in ``account/identities.py``."""
