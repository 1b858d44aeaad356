"""SES's sending rules, one module per concern, and the pipeline that applies them.

A send is checked in this order; the first failing check refuses it:

1. ``size``: a raw message's size (10 MB in v1, 40 MB in v2 and SMTP);
2. ``recipients``: raw sends take missing recipients and sender from their headers;
   the sender must be given; every recipient address (then every Reply-To) must parse;
   1 to 50 recipients;
3. ``configuration_set``: the set named by the request or ``X-SES-CONFIGURATION-SET``
   exists;
4. ``switches``: sending is enabled for the account and for that set;
5. ``verification``: senders (Source, Return-Path, raw From) are verified (as the
   identity their ARN names, when the request gives one), and in the sandbox every
   recipient but the mailbox simulator's;
6. ``authorization``: a sender sending as another account's identity (by ARN) is
   allowed by that identity's sending-authorization policies;
7. ``default_configuration_set``: a send naming no configuration set takes the sending
   identity's default set (which must still exist), and ``switches`` apply to it;
8. ``mail_from``: the sending identity's custom MAIL FROM domain, if its MX record is
   not found and its behaviour on MX failure is RejectMessage, refuses the send;
9. ``size``: a simple send's MIME size (measured only when it could be near the limit);
10. ``quotas``: the daily quota, then the maximum send rate.

``pipeline.accept`` applies them to a ``submission.Submission`` and records what follows.
"""
