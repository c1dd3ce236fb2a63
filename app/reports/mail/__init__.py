"""E-mails with a file attached, built without Qt: the message, and a ready `.eml` draft for when
no mail program can be opened. Nothing here touches the network."""
