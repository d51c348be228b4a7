"""The web chat channel: a JSON webhook and the chat page, served by the Rasa server."""

from channels.web.input_channel import WebChatInput

__all__ = ["WebChatInput"]
