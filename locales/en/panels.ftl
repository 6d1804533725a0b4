# The panels: references, helpers, mailboxes, settings, sharing, lessons.

