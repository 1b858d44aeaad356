"""Email receiving: receipt rule state checks, inbound mail, rule evaluation, actions and
the JSON SES hands to SNS topics and Lambda functions.

``inbound.receive`` takes one mail through SES's steps (the IP address filters, the
recipients the active rule set accepts, authentication and scanning, then each matching
rule's actions in order); ``returning`` offers the mail SES itself sends back (bounces,
auto-responses, forwarded feedback) to the account's own receiving.
"""
