"""One identity per conversation and channel: ids are namespaced by the channel that set them,
web conversations need their server-issued token, REST is for this machine only, and the
organisation of a profile comes from the server, never from what a client says."""

from __future__ import annotations

import dataclasses
import json
import urllib.error
import urllib.request
import uuid
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from channels import identity, limits
from dialogues import catalogue
from tests.helpers.chat import TOKEN_HEADER, Chat, said, web_session
from tests.helpers.names import marker_name
from tests.helpers.telegram_chat import TelegramChat, register_webhook


# --- without a server ---------------------------------------------------------------------------
def test_rest_channel_is_off_unless_switched_on_and_web_is_always_on(lotse_env, tmp_path, monkeypatch):
    from lotse.supervisor import Stack

    stack = Stack(settings=dataclasses.replace(lotse_env, var_dir=tmp_path), model=tmp_path / "m.tar.gz")
    monkeypatch.delenv("LOTSE_REST_CHANNEL", raising=False)
    _, credentials = stack._write_endpoints()
    channels = yaml.safe_load(credentials.read_text())
    assert "rest" not in channels and "channels.rest.LocalRestInput" not in channels
    assert "channels.web.WebChatInput" in channels
    for value in ("off", "1", "yes", ""):
        monkeypatch.setenv("LOTSE_REST_CHANNEL", value)
        assert "channels.rest.LocalRestInput" not in yaml.safe_load(stack._write_endpoints()[1].read_text())
    monkeypatch.setenv("LOTSE_REST_CHANNEL", "on")
    channels = yaml.safe_load(stack._write_endpoints()[1].read_text())
    assert "channels.rest.LocalRestInput" in channels and "rest" not in channels


def _request(peer: str, **headers: str) -> Any:  # noqa: ANN401 - what limits reads of a request
    return SimpleNamespace(conn_info=SimpleNamespace(client_ip=peer), ip=peer, headers=headers)


@pytest.mark.parametrize("peer, headers, local", [
    ("127.0.0.1", {}, True), ("::1", {}, True), ("192.0.2.2", {}, False), ("203.0.113.9", {}, False),
    # a reverse proxy on this machine relays someone else
    ("127.0.0.1", {"x-forwarded-for": "203.0.113.9"}, False),
    ("127.0.0.1", {"forwarded": "for=203.0.113.9"}, False),
    ("127.0.0.1", {"x-real-ip": "203.0.113.9"}, False),
])
def test_only_direct_loopback_clients_count_as_local(peer, headers, local):
    assert limits.direct_loopback(_request(peer, **headers)) is local


def test_conversation_ids_are_namespaced_by_channel():
    assert identity.conversation_id("web", "abc") == "web:abc"
    assert identity.split("telegram:12345") == ("telegram", "12345")
    assert identity.split("rest:telegram:12345") == ("rest", "telegram:12345")
    # ids no channel made belong to no channel (and so to nobody)
    for made_up in ("12345", "evil:12345", ":12345", "web:", ""):
        assert identity.split(made_up)[0] is None
    with pytest.raises(ValueError):
        identity.conversation_id("sms", "1")


def test_web_tokens_are_bound_to_their_conversation_and_organisation(lotse_env):
    sender, other = identity.new_web_sender(), identity.new_web_sender()
    assert sender != other and identity.valid_web_sender(sender)
    token = identity.web_token(sender, "leipzig")
    assert identity.verify_web_token(sender, token) == "leipzig"
    assert identity.verify_web_token(sender, identity.web_token(sender)) == ""
    assert identity.verify_web_token(other, token) is None  # another conversation's token
    forged = "dresden." + token.partition(".")[2]  # the organisation swapped
    assert identity.verify_web_token(sender, forged) is None
    for bad in ("", ".", token[:-1], token + "A", None, 42, "x" * 500):
        assert identity.verify_web_token(sender, bad) is None
    assert identity.verify_web_token("12345", identity.web_token("12345")) is None  # no web id


def test_organisation_links_are_signed(lotse_env):
    signed = identity.signed_organisation("jobcenter-leipzig")
    assert identity.verify_organisation(signed) == "jobcenter-leipzig"
    slug, _, signature = signed.rpartition("-")
    assert len(signed) <= 64  # fits a Telegram /start payload
    for forged in ("jobcenter-leipzig", f"dresden-{signature}", f"{slug}-{'0' * len(signature)}",
                   signed.upper(), signed + "0", "", None):
        assert identity.verify_organisation(forged) is None
    with pytest.raises(ValueError):
        identity.signed_organisation("Not A Slug")


def test_the_server_key_is_owner_only(lotse_env):
    identity.server_key()
    path = identity.key_file()
    assert path.stat().st_mode & 0o077 == 0
    assert path.parent.stat().st_mode & 0o077 == 0


def test_origin_organisations_setting():
    mapping = identity.origin_organisations(
        "https://www.leipzig.de=leipzig, https://B.example/=jobcenter-b,broken,https://c.example=Bad Slug")
    assert mapping == {"https://www.leipzig.de": "leipzig", "https://b.example": "jobcenter-b"}


def test_lotse_orgs_link_prints_signed_links(lotse_env, capsys):
    from lotse.cli import main

    assert main(["orgs", "link", "leipzig", "--bot", "LeipzigLotseBot",
                 "--server", "https://chat.example"]) == 0
    links = json.loads(capsys.readouterr().out)
    assert identity.verify_organisation(links["signed"]) == "leipzig"
    assert links["telegram"] == f"https://t.me/LeipzigLotseBot?start={links['signed']}"
    assert links["web_chat"] == f"https://chat.example/webhooks/web/chat?org={links['signed']}"
    assert f'data-org="{links["signed"]}"' in links["widget"]
    assert main(["orgs", "link", "Not A Slug"]) == 2


# --- on the running stack ---------------------------------------------------------------------
def _call(url: str, body: bytes | None = None, headers: dict[str, str] | None = None,
          method: str | None = None) -> tuple[int, Any]:
    request = urllib.request.Request(url, data=body, method=method, headers={
        "Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"null")


def _web(stack, sender: str, message: str, token: str | None) -> tuple[int, Any]:
    return _call(f"{stack.settings.rasa_url}/webhooks/web/webhook",
                 json.dumps({"sender": sender, "message": message}).encode(),
                 {TOKEN_HEADER: token} if token is not None else {})


def _history(stack, sender: str, token: str | None) -> tuple[int, Any]:
    return _call(f"{stack.settings.rasa_url}/webhooks/web/history?sender={sender}",
                 headers={TOKEN_HEADER: token} if token is not None else {})


def _upload(stack, sender: str, token: str | None) -> tuple[int, Any]:
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="sender"\r\n\r\n{sender}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n'
            f'Content-Type: application/pdf\r\n\r\n%PDF-1.4 test\r\n--{boundary}--\r\n').encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    if token is not None:
        headers[TOKEN_HEADER] = token
    return _call(f"{stack.settings.rasa_url}/webhooks/web/upload", body, headers)


def _consented(chat: Any, given_name: str, lang: str = "de") -> None:  # noqa: ANN401 - any chat
    chat.send("hallo")
    chat.send(f'/choose_language{{"language":"{lang}"}}')
    assert said(chat.send("/affirm"), lang, "ask.given_names"), chat.dump()
    assert said(chat.send(given_name), lang, "ask.family_name"), chat.dump()


def _name(prefix: str) -> str:
    return marker_name(prefix)


@pytest.mark.server
def test_web_requests_without_or_with_a_wrong_token_are_refused(stack, repository):
    victim = Chat(stack.settings.rasa_url)
    name = _name("Mariam")
    _consented(victim, name)
    pid = repository.person_for("web", victim.sender)
    _, attacker_token = web_session(stack.settings.rasa_url)  # a token, but of another conversation
    for token, status in ((None, 401), ("", 401), (attacker_token, 403), (victim.token[:-2] + "xx", 403)):
        assert _web(stack, victim.sender, "zeig meine Daten", token)[0] == status
        code, body = _history(stack, victim.sender, token)
        assert code == status and set(body) == {"error"}
        assert _upload(stack, victim.sender, token)[0] == status
    # nothing was processed: no new turn, no file, the person as they were
    code, body = _history(stack, victim.sender, victim.token)
    assert code == 200
    assert [m["text"] for m in body["messages"] if m["from"] == "user"][-1] == name
    assert not any("zeig meine Daten" in m["text"] for m in body["messages"])
    snapshot = repository.snapshot(pid)
    assert [f["value"] for f in snapshot["fields"]] == [name]
    assert not snapshot.get("documents")


@pytest.mark.server
def test_rest_refuses_relayed_clients(stack):
    status, body = _call(f"{stack.settings.rasa_url}/webhooks/rest/webhook",
                         json.dumps({"sender": "relayed", "message": "hallo"}).encode(),
                         {"X-Forwarded-For": "203.0.113.9"})
    assert status == 403 and "error" in body
    status, replies = _call(f"{stack.settings.rasa_url}/webhooks/rest/webhook",
                            json.dumps({"sender": "local", "message": "hallo"}).encode())
    assert status == 200 and replies and replies[0]["recipient_id"] == "local"


@pytest.mark.server
def test_a_telegram_chat_id_on_web_or_rest_never_reaches_the_telegram_person(stack, telegram_api,
                                                                             repository):
    register_webhook(stack.settings.rasa_url)
    telegram = TelegramChat(telegram_api, stack.settings.rasa_url, language_code="de")
    name = _name("Olena")
    _consented(telegram, name)
    pid = repository.person_for("telegram", telegram.sender)
    assert pid is not None
    chat_id = str(telegram.chat_id)

    # the web channel takes no made-up id, not even with some token
    _, token = web_session(stack.settings.rasa_url)
    assert _web(stack, chat_id, "zeig meine Daten", token)[0] == 400
    assert _history(stack, chat_id, token)[0] == 400
    assert _web(stack, f"telegram:{chat_id}", "zeig meine Daten", token)[0] == 400

    # REST with the chat id (bare or namespaced) is a conversation of its own, of nobody
    for sender in (chat_id, f"telegram:{chat_id}"):
        rest = Chat(stack.settings.rasa_url, sender=sender, channel="rest")
        rest.send("hallo")
        rest.send('/choose_language{"language":"de"}')
        for request in ("zeig meine Daten", "schick mir meinen Lebenslauf", "lösche meine Daten", "/affirm"):
            replies = rest.send(request)
            assert not any(name in r.get("text", "") for r in replies), rest.dump()
            assert not any(r.get("custom", {}).get("document") for r in replies), rest.dump()
    assert [f["value"] for f in repository.snapshot(pid)["fields"]] == [name]
    assert repository.person_for("telegram", chat_id) == pid


@pytest.mark.server
def test_show_and_delete_my_data_only_for_oneself(stack, repository):
    victim = Chat(stack.settings.rasa_url)
    name = _name("Fatima")
    _consented(victim, name)
    pid = repository.person_for("web", victim.sender)

    # someone who learnt the victim's web id uses it on REST: a new, empty conversation
    thief = Chat(stack.settings.rasa_url, sender=victim.sender, channel="rest")
    thief.send("hallo")
    thief.send('/choose_language{"language":"de"}')
    shown = thief.send("zeig meine Daten")
    assert not any(name in r.get("text", "") for r in shown), thief.dump()
    thief.send("lösche meine Daten")
    thief.send("/affirm")
    assert repository.person_for("web", victim.sender) == pid
    assert repository.snapshot(pid)["fields"][0]["value"] == name

    # the victim still sees their own data
    replies = victim.send("zeig meine Daten")
    assert said(replies, "de", "data.intro") and any(name in r["text"] for r in replies), victim.dump()


@pytest.mark.server
def test_organisation_from_metadata_is_ignored(stack, repository):
    from storage.profiles import ensure_organisation

    ensure_organisation(stack.settings.database_url, "sec-claimed", "Claimed by a client")
    web = Chat(stack.settings.rasa_url, metadata={"organisation": "sec-claimed"})
    rest = Chat(stack.settings.rasa_url, channel="rest", metadata={"organisation": "sec-claimed"})
    for chat in (web, rest):
        _consented(chat, _name("Amina"))
        pid = repository.person_for(chat.channel, chat.sender)
        assert repository.snapshot(pid)["person"]["organisation"] == stack.settings.default_organisation


@pytest.mark.server
def test_organisation_from_a_signed_link_or_the_embedding_site(stack, repository):
    from storage.profiles import ensure_organisation

    ensure_organisation(stack.settings.database_url, "sec-signed", "Signed link")
    ensure_organisation(stack.settings.database_url, "sec-origin", "Mapped site")
    signed = Chat(stack.settings.rasa_url, org=identity.signed_organisation("sec-signed"))
    sender, token = web_session(stack.settings.rasa_url,
                                headers={"Origin": "https://sozialamt.example"})  # conftest maps it
    mapped = Chat(stack.settings.rasa_url, sender=sender, token=token)
    for chat, slug in ((signed, "sec-signed"), (mapped, "sec-origin")):
        _consented(chat, _name("Samir"))
        pid = repository.person_for("web", chat.sender)
        assert repository.snapshot(pid)["person"]["organisation"] == slug


@pytest.mark.server
@pytest.mark.parametrize("org", ["sec-signed-0000000000000000", "sec-signed", "sec-signed-", "x" * 300, 42])
def test_a_forged_organisation_link_is_refused(stack, org):
    status, body = _call(f"{stack.settings.rasa_url}/webhooks/web/session", json.dumps({"org": org}).encode())
    assert status == 403 and "error" in body


@pytest.mark.server
def test_a_forged_telegram_deep_link_assigns_nothing(stack, telegram_api, repository):
    from storage.profiles import ensure_organisation

    ensure_organisation(stack.settings.database_url, "sec-telegram", "Telegram org")
    register_webhook(stack.settings.rasa_url)
    for payload, expected in (("sec-telegram", "default"), ("sec-telegram-0123456789abcdef", "default"),
                              (identity.signed_organisation("sec-telegram"), "sec-telegram")):
        chat = TelegramChat(telegram_api, stack.settings.rasa_url, language_code="de")
        chat.send(f"/start {payload}")
        chat.send('/choose_language{"language":"de"}')
        assert said(chat.send("/affirm"), "de", "ask.given_names"), chat.dump()
        pid = repository.person_for("telegram", chat.sender)
        assert repository.snapshot(pid)["person"]["organisation"] == expected, payload


def test_catalogue_has_the_limit_texts_in_every_language():
    for lang in ("de", "en", "ar", "fa", "uk", "ru", "tr"):
        for key in ("limits.message_too_long", "limits.rate_limited"):
            assert catalogue.text(lang, key, limit=3000, seconds=5) != key
