"""The web channel: the embeddable chat widget (one script tag on any site, or the full chat
page), its JSON webhook, history, labels and upload endpoints, served by the Rasa server."""

from channels.web.input_channel import WebChatInput

__all__ = ["WebChatInput"]
