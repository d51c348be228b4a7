"""One conversation full of unique markers, as the security tests run it through the stack."""

from __future__ import annotations

import random
import string
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers.chat import Chat, said

CERTIFICATE = Path(__file__).resolve().parents[1] / "fixtures" / "mailbox" / "certificate.pdf"


def _word(prefix: str) -> str:
    """A made-up, capitalised word no text of the product contains (letters only, so the name
    checks accept it)."""
    rng = random.Random(uuid.uuid4().int)
    return prefix + "".join(rng.choice(string.ascii_lowercase) for _ in range(9))


@dataclass
class MarkedConversation:
    chat: Chat
    markers: list[str] = field(default_factory=list)

    @property
    def traces(self) -> list[str]:
        """Everything that must appear in no file or log: the markers and the sender id."""
        return [*self.markers, self.chat.sender]


def run_marked_conversation(base_url: str) -> MarkedConversation:
    """Consent, a name and family name, a phone number, a question the knowledge base cannot
    answer, a message starting with "/", an answer in English: each carries a marker."""
    chat = Chat(base_url)
    given, family, place, asked, slash, english = (
        _word("Zey"), _word("Qab"), _word("Worth"), _word("Brun"), _word("Hox"), _word("Mil"))
    phone = "0176 " + "".join(random.choice(string.digits) for _ in range(8))
    conversation = MarkedConversation(chat, [given, family, place, asked, slash, english,
                                             phone.replace(" ", ""), phone])
    chat.send("Hallo, mein Freund hat gesagt, dass man hier Hilfe bekommt")
    chat.send('/choose_language{"language":"de"}')
    assert said(chat.send("/affirm"), "de", "ask.given_names"), chat.dump()
    chat.send(given)
    chat.send(f"{family}")
    chat.send("12.03.1991")
    chat.send("ich komme aus syrien")
    chat.send(f"Leipzig, Ortsteil {place}")
    chat.send(f"ruf mich an unter {phone}")
    # a question on the way, with text only this person wrote
    chat.send(f"Wie bekomme ich einen Angelschein für den See bei {asked}?")
    # Rasa reads a leading "/" as an intent call and warns about it with the text
    chat.send(f"/{slash} bitte hilfe")
    chat.send(f'/inform{{"{slash}": "x"}}')
    chat.send(f"I speak Arabic and a bit of English, my teacher was {english}")
    # a document for the caseworker: its name and its content carry markers too
    document, inside = _word("Urk"), _word("Inh")
    conversation.markers += [document, inside]
    pdf = CERTIFICATE.read_bytes() + f"\n% {inside}\n".encode()
    replies = chat.upload(f"Zeugnis-{document}.pdf", pdf)
    assert said(replies, "de", "document.received"), chat.dump()
    return conversation


def erase(conversation: MarkedConversation) -> None:
    chat = conversation.chat
    assert said(chat.send("ich will dass ihr meine daten löscht"), "de", "data.delete_confirm"), \
        chat.dump()
    assert said(chat.send("/affirm"), "de", "data.deleted"), chat.dump()
