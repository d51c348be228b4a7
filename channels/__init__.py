"""Where messages enter: one package per channel (web chat and widget, Telegram), with what
they share: replies a channel gives itself, the document mailbox intake, document links."""
