"""SES's sending rules, one module per concern, and the pipeline that applies them.

Before any of these, the operation checks the request itself: its message tags first
(SES checks them before the identities), a bulk send's count of destinations (at most 50,
``limits``), an inline template's size. A send is then checked in this order; the first
failing check refuses it:

1. ``size``: a raw message's size (10 MB in v1, 40 MB in v2 and SMTP);
2. ``recipients``: raw sends take missing recipients and sender from their headers;
   the sender must be given; every recipient address (then every Reply-To) must parse;
   1 to 50 recipients;
3. ``configuration_set``: the set named by the request or ``X-SES-CONFIGURATION-SET``
   has a valid name and exists; ``list_management``: the contact list named by
   ``ListManagementOptions`` or ``X-SES-LIST-MANAGEMENT-OPTIONS`` exists and has the topic;
4. ``switches``: sending is enabled for the account and for that set;
5. ``verification``: senders (Source, Return-Path, raw From) are verified (as the
   identity their ARN names, when the request gives one), and in the sandbox every
   recipient but the mailbox simulator's;
6. ``authorization``: a sender sending as another account's identity (by ARN) is
   allowed by that identity's sending-authorization policies;
7. ``default_configuration_set``: a send naming no configuration set takes the sending
   identity's default set (which must still exist), and ``switches`` apply to it;
8. ``tenancy``: a tenant the send names exists, may send, and has the identity,
   configuration set and stored template associated with it;
9. ``mail_from``: the sending identity's custom MAIL FROM domain, if its MX record is
   not found and its behaviour on MX failure is RejectMessage, refuses the send;
10. ``size``: a simple send's MIME size (measured only when it could be near the limit);
11. ``quotas``: the daily quota, then the maximum send rate.

A send through a multi-Region endpoint (``endpoints``) is checked in the Region the
endpoint picks for it. ``pipeline.accept`` applies them to a ``submission.Submission``
and records what follows.
"""
