"""Email: distribution lists, messages, SMTP delivery and the send log."""
