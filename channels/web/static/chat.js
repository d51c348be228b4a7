// Minimal web chat for lotse: text in, replies with quick-reply buttons out.
// Text is always inserted with textContent: nothing a user or the server sends is HTML.
(function () {
  "use strict";
  const list = document.getElementById("messages");
  const form = document.getElementById("composer");
  const input = document.getElementById("input");
  const params = new URLSearchParams(window.location.search);
  const storageKey = "lotse.sender";

  function senderId() {
    let id = window.localStorage.getItem(storageKey);
    if (!id) {
      id = (window.crypto && window.crypto.randomUUID) ? window.crypto.randomUUID()
        : String(Date.now()) + "-" + Math.random().toString(36).slice(2);
      window.localStorage.setItem(storageKey, id);
    }
    return id;
  }

  function addMessage(text, who, dir, lang) {
    const item = document.createElement("li");
    item.className = "msg msg--" + who;
    item.textContent = text;
    item.dir = dir || "auto";
    if (lang && lang !== "mul") item.lang = lang;
    list.appendChild(item);
    list.scrollTop = list.scrollHeight;
    return item;
  }

  // A document the person asked for (their CV): a download link, only to our own server.
  function addDocument(doc, dir, lang) {
    if (!doc || typeof doc.url !== "string" || doc.url.indexOf("/webhooks/web/documents/") !== 0) return;
    const item = document.createElement("li");
    item.className = "msg msg--bot msg--document";
    item.dir = dir || "auto";
    if (lang && lang !== "mul") item.lang = lang;
    const link = document.createElement("a");
    link.href = doc.url;
    link.download = doc.filename || "";
    link.textContent = "📄 " + (doc.title || doc.filename || "PDF");
    item.appendChild(link);
    list.appendChild(item);
    list.scrollTop = list.scrollHeight;
  }

  function addButtons(buttons, dir) {
    const group = document.createElement("li");
    group.className = "buttons";
    group.dir = dir || "auto";
    buttons.forEach(function (b) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = b.title;
      button.addEventListener("click", function () {
        group.remove();
        send(b.payload, b.title);
      });
      group.appendChild(button);
    });
    list.appendChild(group);
    const first = group.querySelector("button");
    if (first) first.focus();
  }

  async function send(message, shown) {
    if (shown) addMessage(shown, "user", "auto");
    const metadata = {};
    if (params.get("lang")) metadata.language_hint = params.get("lang");
    if (params.get("org")) metadata.organisation = params.get("org");
    try {
      const response = await fetch("webhook", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: senderId(), message: message, metadata: metadata }),
      });
      if (!response.ok) throw new Error("HTTP " + response.status);
      const replies = await response.json();
      replies.forEach(function (r) {
        if (r.text) addMessage(r.text, "bot", r.dir, r.lang);
        if (r.document) addDocument(r.document, r.dir, r.lang);
        if (r.buttons && r.buttons.length) addButtons(r.buttons, r.dir);
      });
    } catch (err) {
      addMessage("⚠ " + err.message, "error", "ltr");
    }
    input.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text, text);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  // Opening the page greets the assistant: a new person gets the language choice,
  // a returning one is welcomed back at the question where they stopped.
  send("/greet", null);
  input.focus();
}());
