"""SES list management: the checks of the contact-list operations (``checks``), what a
list-managed send does to its content (``content``) and the unsubscribe links that
recipients follow (``links``), and bulk contact imports (``imports``)."""
