"""The SES model: account state, rules, routing and event builders. No I/O, no pytest."""
