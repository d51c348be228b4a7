// The lotse chat widget. Embedded on any site with one tag:
//   <script src="https://LOTSE/webhooks/web/static/widget.js" data-lang="ar" data-org="leipzig" defer></script>
// Options (data-*): server (default: this script's origin), lang (first language hint),
// org (a signed organisation from `lotse orgs link SLUG`; or let the server map this site's
// origin), mode ("page": full-page chat; default: floating launcher).
// A conversation is an id and a token the server issues (POST session); the token goes with
// every request in the X-Lotse-Token header. Both are kept in localStorage for reloads.
// Everything the server or the user sends is inserted as text (textContent), never as HTML
// (the answers' Markdown is built as DOM nodes with text nodes inside, see renderMarkdown);
// no inline script or style and no eval, so a strict Content-Security-Policy that allows our
// origin (script-src, style-src, connect-src) keeps working. The UI lives in an open shadow
// root so the host page's CSS cannot reach it.
(function () {
  "use strict";

  const SCRIPT = document.currentScript ||
    document.querySelector('script[src*="/webhooks/web/static/widget.js"]');
  const KEYS = { session: "lotse.session", oldSender: "lotse.sender", lang: "lotse.lang",
    pending: "lotse.pending", open: "lotse.open" };
  const SENDER_PATTERN = /^[A-Za-z0-9_-]{32,64}$/;
  const TOKEN_HEADER = "X-Lotse-Token";
  const RETRY_STATUSES = [502, 503, 504];
  const MAX_BACKOFF_MS = 10000;
  // Reply languages that name no single interface language (the language question itself).
  const NO_LANGUAGE = ["mul", "und", "zxx"];

  // --- configuration and storage ----------------------------------------------------------
  function readConfig(script) {
    const data = (script && script.dataset) || {};
    const mode = data.mode === "page" ? "page" : "floating";
    // Only the full page reads its own query (?lang=, ?org=); a host page's query is not ours.
    const query = new URLSearchParams(mode === "page" ? window.location.search : "");
    const src = script && script.src ? script.src : window.location.href;
    const server = (data.server || new URL(src, window.location.href).origin).replace(/\/+$/, "");
    return {
      mode: mode,
      server: server,
      base: server + "/webhooks/web/",
      lang: query.get("lang") || data.lang || "",
      org: query.get("org") || data.org || "",
    };
  }

  // Storage may be blocked (privacy settings): then the session lasts as long as the page.
  const memory = {};
  function stored(area, key) {
    try {
      return window[area].getItem(key);
    } catch (err) {
      return memory[area + key] || null;
    }
  }
  function store(area, key, value) {
    try {
      if (value === null) window[area].removeItem(key);
      else window[area].setItem(key, value);
    } catch (err) {
      memory[area + key] = value;
    }
  }

  // The conversation this browser has, if any. An id kept by an older widget without a
  // token is of no use any more: a new conversation starts.
  function storedSession() {
    store("localStorage", KEYS.oldSender, null);
    try {
      const saved = JSON.parse(stored("localStorage", KEYS.session) || "null");
      if (saved && typeof saved.sender === "string" && SENDER_PATTERN.test(saved.sender) &&
          typeof saved.token === "string" && saved.token) {
        return { sender: saved.sender, token: saved.token };
      }
    } catch (err) { /* unreadable: a new conversation */ }
    return null;
  }

  function isLanguage(code) {
    return typeof code === "string" && /^[a-z]{2,3}$/.test(code) && NO_LANGUAGE.indexOf(code) < 0;
  }

  // --- DOM helpers -------------------------------------------------------------------------
  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      const value = attrs[name];
      if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? "" : value);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function icon(symbol, className) {
    return el("span", { class: className || "icon", "aria-hidden": "true" }, symbol);
  }

  // Icons as SVG built here (no emoji font needed, no image requests, nothing for CSP to refuse).
  const SVG_NS = "http://www.w3.org/2000/svg";
  const ICONS = {
    chat: { d: "M6 4h12a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-8l-5 4v-4H6a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" },
    attach: { d: "M20 11.5l-8 8a5 5 0 0 1-7-7l8.5-8.5a3.5 3.5 0 0 1 5 5L10 17.5a2 2 0 0 1-3-3l7.5-7.5", stroke: true },
    send: { d: "M3 20.5 21 12 3 3.5V10l12 2-12 2z" },
    close: { d: "M6 6l12 12M18 6 6 18", stroke: true },
  };
  function svgIcon(name, className) {
    const shape = ICONS[name];
    const svg = document.createElementNS(SVG_NS, "svg");
    const path = document.createElementNS(SVG_NS, "path");
    [["viewBox", "0 0 24 24"], ["width", "24"], ["height", "24"], ["aria-hidden", "true"],
      ["focusable", "false"], ["class", className || "icon"]].forEach(function (a) { svg.setAttribute(a[0], a[1]); });
    path.setAttribute("d", shape.d);
    if (shape.stroke) {
      [["fill", "none"], ["stroke", "currentColor"], ["stroke-width", "2"], ["stroke-linecap", "round"],
        ["stroke-linejoin", "round"]].forEach(function (a) { path.setAttribute(a[0], a[1]); });
    } else {
      path.setAttribute("fill", "currentColor");
    }
    svg.appendChild(path);
    return svg;
  }

  function setDirLang(node, dir, lang) {
    node.dir = dir === "rtl" || dir === "ltr" ? dir : "auto";
    if (isLanguage(lang)) node.lang = lang;
  }

  // --- the curated Markdown of answers, as DOM nodes ------------------------------------------
  // Bold, italics, bullet and numbered lists, line breaks and links; nothing else. Every piece
  // of text becomes a text node and only http(s), mailto and tel links are made (a javascript:
  // or data: URL stays text), so no string from the server is ever parsed as HTML.
  const LINK_SCHEMES = /^(https?:\/\/|mailto:|tel:)/i;
  const INLINE = new RegExp([
    "\\[([^\\]\\n]+)\\]\\(([^)\\s]+)\\)",                 // [text](url)
    "\\*\\*(?=\\S)([^\\n]*?\\S)\\*\\*",                    // **bold**
    "(?:^|(?<=[\\s(]))__(?=\\S)([^\\n]*?\\S)__(?![\\w])",  // __bold__ (not __name)
    "\\*(?=[^\\s*])([^*\\n]*?[^\\s*])\\*",                 // *italic*
    "(?:^|(?<=[\\s(]))_(?=[^\\s_])([^_\\n]*?[^\\s_])_(?![\\w])",  // _italic_ (not snake_case)
    "((?:https?:\\/\\/|mailto:)[^\\s<>()]*[^\\s<>().,;:!?'\"»”])",  // a bare URL
  ].join("|"));
  const BULLET = /^\s*[-*•]\s+(.*)$/;
  const NUMBERED = /^\s*(\d{1,3})[.)]\s+(.*)$/;

  function safeLink(url, text) {
    if (!LINK_SCHEMES.test(url)) return null;
    try {
      const parsed = new URL(url);
      if (["http:", "https:", "mailto:", "tel:"].indexOf(parsed.protocol) < 0) return null;
      const link = el("a", { href: parsed.href, target: "_blank", rel: "noopener noreferrer" });
      renderInline(text, link, true);
      return link;
    } catch (error) {
      return null;
    }
  }

  function renderInline(text, parent, inLink) {
    let rest = text;
    while (rest) {
      const match = INLINE.exec(rest);
      if (!match) break;
      if (match.index) parent.appendChild(document.createTextNode(rest.slice(0, match.index)));
      let node = null;
      if (match[1] !== undefined && !inLink) node = safeLink(match[2], match[1]);
      else if (match[3] !== undefined || match[4] !== undefined) node = el("strong");
      else if (match[5] !== undefined || match[6] !== undefined) node = el("em");
      else if (match[7] !== undefined && !inLink) node = safeLink(match[7], match[7]);
      if (node && (node.tagName === "STRONG" || node.tagName === "EM")) {
        renderInline(match[3] || match[4] || match[5] || match[6], node, inLink);
      }
      parent.appendChild(node || document.createTextNode(match[0]));
      rest = rest.slice(match.index + match[0].length);
    }
    if (rest) parent.appendChild(document.createTextNode(rest));
  }

  // Line and paragraph breaks stay newline text nodes (the bubble is white-space: pre-wrap, and
  // a line of a dir="auto" message keeps its own direction); lists become ul/ol elements.
  function renderMarkdown(source) {
    const fragment = document.createDocumentFragment();
    let list = null;
    let pending = "";  // the break before the next line of text
    String(source).replace(/\r\n?/g, "\n").split(/\n[ \t]*\n/).forEach(function (block, index) {
      if (index) pending = "\n\n";
      list = null;
      block.split("\n").forEach(function (line) {
        const bullet = BULLET.exec(line);
        const numbered = bullet ? null : NUMBERED.exec(line);
        if (bullet || numbered) {
          const tag = bullet ? "ul" : "ol";
          if (!list || list.tagName.toLowerCase() !== tag) {
            list = fragment.appendChild(el(tag));
            if (numbered && numbered[1] !== "1") list.setAttribute("start", numbered[1]);
          }
          renderInline(bullet ? bullet[1] : numbered[2], list.appendChild(el("li")));
          pending = "";  // a list is a block of its own
        } else if (line.trim()) {
          const last = fragment.lastChild;
          if (pending && last && !/^(UL|OL)$/.test(last.nodeName)) fragment.appendChild(document.createTextNode(pending));
          renderInline(line, fragment);
          list = null;
          pending = "\n";
        }
      });
    });
    return fragment;
  }


  // --- the widget --------------------------------------------------------------------------
  function Widget(config) {
    this.config = config;
    this.session = storedSession();
    this.sender = this.session ? this.session.sender : null;
    this.texts = {};
    this.bindings = [];
    this.lang = "";
    this.limit = Infinity;
    this.queue = this.loadPending();  // what a reload interrupted, sent after the history
    this.busy = false;
    this.ready = false;
    this.started = false;
    this.engaged = config.mode === "page";  // may move focus into the widget
    this.failures = 0;
    this.retryTimer = null;
    this.statusTimer = null;
    this.counter = 0;
    this.build();
  }

  // A label that follows the language: `attr` "text" sets the text content.
  Widget.prototype.bind = function (node, attr, key) {
    this.bindings.push([node, attr, key]);
    return node;
  };

  Widget.prototype.build = function () {
    const page = this.config.mode === "page";
    // A custom element name: host-page rules for div and the like do not match it.
    this.host = el("lotse-chat", { class: "lotse-host lotse-host--" + this.config.mode });
    const root = this.host.attachShadow({ mode: "open" });
    this.root = root;
    const link = el("link", { rel: "stylesheet", href: this.config.base + "static/widget.css" });
    this.styled = new Promise(function (resolve) {
      link.addEventListener("load", resolve);
      link.addEventListener("error", resolve);
    });
    root.appendChild(link);

    this.frame = el("div", { class: "lotse lotse--" + this.config.mode, hidden: true, "data-state": "idle" });
    root.appendChild(this.frame);

    if (!page) {
      this.launcher = this.bind(el("button", {
        type: "button", class: "launcher", "aria-expanded": "false", "aria-controls": "lotse-panel",
      }), "aria-label", "widget.open");
      this.launcher.appendChild(svgIcon("chat"));
      this.launcher.addEventListener("click", this.toggle.bind(this));
      this.frame.appendChild(this.launcher);
    }

    this.panel = el(page ? "main" : "section", {
      id: "lotse-panel", class: "panel", "aria-labelledby": "lotse-title",
      role: page ? null : "dialog", hidden: page ? null : true,
    });
    this.frame.appendChild(this.panel);
    this.panel.appendChild(this.buildHeader(page));

    this.log = this.bind(el("div", {
      id: "lotse-log", class: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
      tabindex: "0",
    }), "aria-label", "widget.messages");
    this.panel.appendChild(this.log);

    // Shown, not announced: the replies themselves are announced by the log.
    this.typing = el("div", { class: "typing", "aria-hidden": "true", hidden: true });
    this.typing.appendChild(icon("• • •", "typing__dots"));
    this.typingText = el("span", { class: "typing__text" });
    this.typing.appendChild(this.typingText);
    this.panel.appendChild(this.typing);

    this.status = el("div", { class: "status", role: "status", "aria-live": "polite" });
    this.panel.appendChild(this.status);
    this.panel.appendChild(this.buildComposer());

    this.frame.addEventListener("keydown", this.onKeydown.bind(this));
    window.addEventListener("online", this.retryNow.bind(this));
  };

  Widget.prototype.buildHeader = function (page) {
    const header = el("div", { class: "header" });
    header.appendChild(this.bind(el(page ? "h1" : "h2", { id: "lotse-title", class: "title" }), "text", "widget.title"));
    if (!page) {
      const close = this.bind(el("button", { type: "button", class: "close" }), "aria-label", "widget.close");
      close.appendChild(svgIcon("close"));
      close.addEventListener("click", this.close.bind(this));
      header.appendChild(close);
    }
    return header;
  };

  Widget.prototype.buildComposer = function () {
    const form = el("form", { class: "composer", autocomplete: "off" });
    this.fileInput = this.bind(el("input", {
      type: "file", id: "lotse-file", class: "file", accept: "application/pdf,image/jpeg,image/png",
      hidden: true, tabindex: "-1",
    }), "aria-label", "widget.attach");
    this.fileInput.addEventListener("change", this.onFileChosen.bind(this));
    const attach = this.bind(el("button", { type: "button", class: "attach" }), "aria-label", "widget.attach");
    attach.appendChild(svgIcon("attach"));
    attach.addEventListener("click", function () { this.fileInput.click(); }.bind(this));
    const label = this.bind(el("label", { for: "lotse-input", class: "visually-hidden" }), "text", "widget.input_label");
    this.input = el("textarea", { id: "lotse-input", class: "input", rows: "1", maxlength: "20000", dir: "auto" });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submitText();
      }
    }.bind(this));
    const send = this.bind(el("button", { type: "submit", class: "send" }), "aria-label", "widget.send");
    send.appendChild(svgIcon("send", "icon send__icon"));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      this.submitText();
    }.bind(this));
    [this.fileInput, attach, label, this.input, send].forEach(function (node) { form.appendChild(node); });
    return form;
  };

  // --- labels in the conversation's language ----------------------------------------------
  Widget.prototype.loadTexts = async function (lang) {
    const response = await fetch(this.config.base + "texts?lang=" + encodeURIComponent(lang || ""));
    if (!response.ok) throw new Error("HTTP " + response.status);
    this.applyTexts(await response.json());
  };

  Widget.prototype.applyTexts = function (body) {
    this.texts = body.texts || {};
    this.lang = body.lang;
    if (body.limits && body.limits.document_bytes) this.limit = body.limits.document_bytes;
    setDirLang(this.frame, body.dir, body.lang);
    this.bindings.forEach(function (binding) {
      const text = this.texts[binding[2]] || "";
      if (binding[1] === "text") binding[0].textContent = text;
      else binding[0].setAttribute(binding[1], text);
    }.bind(this));
    if (this.launcher) this.updateLauncher();
    this.typingText.textContent = this.texts[this.typingKey || "widget.typing"] || "";
  };

  // When the conversation changes language, the labels follow (failures keep the old ones).
  Widget.prototype.followLanguage = function (lang) {
    if (!isLanguage(lang) || lang === this.lang) return;
    store("localStorage", KEYS.lang, lang);
    this.loadTexts(lang).catch(function () { /* keep the current labels */ });
  };

  // --- start, open, close --------------------------------------------------------------------
  Widget.prototype.mount = async function () {
    document.body.appendChild(this.host);
    const lang = stored("localStorage", KEYS.lang) || this.config.lang;
    await this.retrying(this.loadTexts.bind(this, lang));
    await this.styled;
    this.frame.hidden = false;
    if (this.config.mode === "page") {
      this.begin();
      this.input.focus();
    } else if (stored("sessionStorage", KEYS.open) === "1") {
      this.open(false);  // it was open before the reload; focus stays where the page puts it
    }
  };

  Widget.prototype.isOpen = function () {
    return !this.panel.hidden;
  };

  Widget.prototype.updateLauncher = function () {
    const open = this.isOpen();
    this.launcher.setAttribute("aria-expanded", String(open));
    this.launcher.setAttribute("aria-label", this.texts[open ? "widget.close" : "widget.open"] || "");
  };

  Widget.prototype.open = function (focus) {
    if (focus !== false) this.engaged = true;
    this.panel.hidden = false;
    this.frame.classList.add("lotse--open");
    store("sessionStorage", KEYS.open, "1");
    this.updateLauncher();
    if (focus !== false) this.input.focus();
    this.scrollToEnd();
    this.begin();
  };

  Widget.prototype.close = function () {
    if (this.config.mode === "page" || !this.isOpen()) return;
    this.panel.hidden = true;
    this.frame.classList.remove("lotse--open");
    store("sessionStorage", KEYS.open, null);
    this.updateLauncher();
    this.launcher.focus();
  };

  Widget.prototype.toggle = function () {
    if (this.isOpen()) this.close();
    else this.open(true);
  };

  Widget.prototype.onKeydown = function (event) {
    if (event.key === "Escape" && this.config.mode !== "page" && this.isOpen()) {
      event.preventDefault();
      this.close();
    }
  };

  // A new conversation from the server: its id and token (and the organisation bound to it).
  Widget.prototype.newSession = async function () {
    const session = await this.retrying(async function () {
      const response = await fetch(this.config.base + "session", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(this.config.org ? { org: this.config.org } : {}),
      });
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }.bind(this));
    this.session = { sender: session.sender, token: session.token };
    this.sender = session.sender;
    store("localStorage", KEYS.session, JSON.stringify(this.session));
  };

  Widget.prototype.headers = function (extra) {
    const headers = extra || {};
    headers[TOKEN_HEADER] = this.session.token;
    return headers;
  };

  // The conversation so far, then whatever a reload interrupted, else a greeting.
  Widget.prototype.begin = async function () {
    if (this.started) return;
    this.started = true;
    this.frame.setAttribute("data-state", "loading");
    if (!this.session) await this.newSession();
    let history = await this.retrying(this.loadHistory.bind(this));
    if (history === null) {  // the server does not know this token (any more): start anew
      this.queue = [];
      this.savePending();
      await this.newSession();
      history = { messages: [] };
    }
    const messages = history.messages || [];
    this.log.setAttribute("aria-busy", "true");
    let firstButton = null;
    messages.forEach(function (message) {
      if (message.from === "user") this.addUser(message.text);
      else firstButton = this.addReply(message) || firstButton;
    }.bind(this));
    this.log.removeAttribute("aria-busy");
    const spoken = messages.filter(function (m) { return m.from === "bot" && isLanguage(m.lang); });
    if (spoken.length) this.followLanguage(spoken[spoken.length - 1].lang);
    this.queue.forEach(function (item) {
      this.addUser(item.label || (item.message.charAt(0) === "/" ? "" : item.message));
    }.bind(this));
    if (!messages.length && !this.queue.length) this.queue.push({ message: "/greet" });
    this.ready = true;
    this.moveFocus(firstButton);
    if (this.queue.length) this.pump();
    else this.setWaiting(null);
  };

  // The history, or null when the server refuses this conversation's token.
  Widget.prototype.loadHistory = async function () {
    const response = await fetch(this.config.base + "history?sender=" + encodeURIComponent(this.sender),
      { headers: this.headers() });
    if (response.status === 401 || response.status === 403) return null;
    if (!response.ok) throw new Error("HTTP " + response.status);
    return response.json();
  };

  // --- messages ------------------------------------------------------------------------------
  Widget.prototype.append = function (node) {
    this.log.appendChild(node);
    this.scrollToEnd();
    return node;
  };

  Widget.prototype.scrollToEnd = function () {
    this.log.scrollTop = this.log.scrollHeight;
  };

  Widget.prototype.addUser = function (text) {
    if (!text) return null;
    return this.append(el("p", { class: "msg msg--user", dir: "auto" }, text));
  };

  // One reply: its text (and document link), then its quick replies; returns the first button.
  Widget.prototype.addReply = function (reply) {
    let labelId = null;
    if (reply.text || reply.document) {
      labelId = "lotse-m" + (++this.counter);
      const bubble = el("p", { id: labelId, class: "msg msg--bot" });
      setDirLang(bubble, reply.dir, reply.lang);
      if (typeof reply.lang === "string") bubble.setAttribute("data-lang", reply.lang);  // also "mul"
      if (reply.text) bubble.appendChild(el("span", { class: "msg__text" })).appendChild(renderMarkdown(reply.text));
      const link = this.documentLink(reply.document);
      if (link) bubble.appendChild(link);
      this.append(bubble);
    }
    if (!reply.buttons || !reply.buttons.length) return null;
    return this.addButtons(reply, labelId);
  };

  // A document the person asked for (their CV): a link to our own server only.
  Widget.prototype.documentLink = function (doc) {
    if (!doc || typeof doc.url !== "string" || doc.url.indexOf("/webhooks/web/documents/") !== 0) return null;
    const link = el("a", { class: "msg__document", href: this.config.server + doc.url, download: doc.filename || "" });
    link.textContent = "📄 " + (doc.title || doc.filename || "PDF");
    return link;
  };

  Widget.prototype.addButtons = function (reply, labelId) {
    const group = el("div", {
      class: "quick-replies", role: "group",
      "aria-labelledby": labelId, "aria-label": labelId ? null : this.texts["widget.messages"],
    });
    setDirLang(group, reply.dir, reply.lang);
    reply.buttons.forEach(function (b) {
      const button = el("button", { type: "button", class: "quick-reply", "data-payload": b.payload }, b.title);
      button.addEventListener("click", this.choose.bind(this, b));
      group.appendChild(button);
    }.bind(this));
    this.append(group);
    return group.querySelector("button");
  };

  Widget.prototype.clearQuickReplies = function () {
    Array.prototype.forEach.call(this.log.querySelectorAll(".quick-replies"), function (group) {
      group.remove();
    });
  };

  Widget.prototype.choose = function (button) {
    this.engaged = true;
    this.clearQuickReplies();
    this.addUser(button.title);
    this.input.focus();  // the pressed button is gone; the reply moves focus on
    this.enqueue({ message: button.payload, label: button.title });
  };

  Widget.prototype.submitText = function () {
    const text = this.input.value.trim();
    if (!text || !this.ready) return;  // before the history is shown, the text stays put
    this.engaged = true;
    this.input.value = "";
    this.clearQuickReplies();
    this.addUser(text);
    this.enqueue({ message: text });
  };

  Widget.prototype.onFileChosen = function () {
    const file = this.fileInput.files && this.fileInput.files[0];
    this.fileInput.value = "";
    if (!file || !this.ready) return;
    this.engaged = true;
    const label = "📎 " + file.name;
    this.clearQuickReplies();
    this.addUser(label);
    // Not worth sending megabytes the server refuses: say so at once (the server's text).
    if (file.size > this.limit) {
      this.showReplies([{ text: this.texts["document.too_large"] || "", lang: this.lang,
        dir: this.frame.getAttribute("dir") || "auto", buttons: [] }]);
    } else this.enqueue({ file: file, label: label });
  };

  // After a reply: the first quick reply, else the input. Only when focus is on the input (or
  // nowhere, after the person used the widget): never taken from the host page or mid-typing.
  Widget.prototype.moveFocus = function (firstButton) {
    if (!this.isOpen()) return;
    const active = document.activeElement;
    const onInput = active === this.host && this.root.activeElement === this.input;
    if (!onInput && !(this.engaged && (active === document.body || active === null))) return;
    if (firstButton && !this.input.value) firstButton.focus();
    else this.input.focus();
  };

  // --- delivery, with reconnecting ------------------------------------------------------------
  Widget.prototype.enqueue = function (item) {
    this.queue.push(item);
    this.savePending();
    this.pump();
  };

  // Unsent text survives a reload of the page (files cannot be kept).
  Widget.prototype.savePending = function () {
    const items = this.queue.filter(function (i) { return !i.file; })
      .map(function (i) { return { message: i.message, label: i.label || null }; });
    store("sessionStorage", KEYS.pending, items.length ? JSON.stringify({ sender: this.sender, items: items }) : null);
  };

  Widget.prototype.loadPending = function () {
    try {
      const saved = JSON.parse(stored("sessionStorage", KEYS.pending) || "null");
      if (saved && saved.sender === this.sender && Array.isArray(saved.items)) {
        return saved.items.filter(function (i) { return i && typeof i.message === "string"; });
      }
    } catch (err) { /* unreadable: nothing pending */ }
    return [];
  };

  Widget.prototype.metadata = function (label) {
    const metadata = {};
    if (this.config.lang) metadata.language_hint = this.config.lang;
    if (label) metadata.label = label;
    return metadata;
  };

  Widget.prototype.request = function (item) {
    if (item.file) {
      const form = new FormData();
      form.append("sender", this.sender);
      form.append("metadata", JSON.stringify(this.metadata(null)));
      form.append("file", item.file, item.file.name);
      return fetch(this.config.base + "upload", { method: "POST", body: form, headers: this.headers() });
    }
    return fetch(this.config.base + "webhook", {
      method: "POST",
      headers: this.headers({ "Content-Type": "application/json" }),
      body: JSON.stringify({ sender: this.sender, message: item.message, metadata: this.metadata(item.label) }),
    });
  };

  // "ok" with the replies, "retry" (no connection, or the server restarting), "limited" (too
  // many messages: the server's polite reply, and when to send again) or "failed".
  Widget.prototype.attempt = async function (item) {
    let response;
    try {
      response = await this.request(item);
    } catch (err) {
      return { outcome: "retry" };
    }
    if (RETRY_STATUSES.indexOf(response.status) >= 0) return { outcome: "retry" };
    if (response.status === 429) {
      const seconds = parseInt(response.headers.get("Retry-After") || "", 10);
      let replies = [];
      try { replies = await response.json(); } catch (err) { /* no reply to show */ }
      return { outcome: "limited", replies: replies, wait: (seconds > 0 ? seconds : 5) * 1000 };
    }
    if (!response.ok) return { outcome: "failed" };
    try {
      return { outcome: "ok", replies: await response.json() };
    } catch (err) {
      return { outcome: "retry" };  // cut off mid-answer
    }
  };

  Widget.prototype.pump = async function () {
    if (this.busy || !this.ready || !this.queue.length) return;
    this.busy = true;
    const item = this.queue[0];
    this.setWaiting(item.file ? "widget.uploading" : "widget.typing");
    const result = await this.attempt(item);
    this.busy = false;
    if (result.outcome === "limited") {  // said why; the message is sent again later
      this.showReplies(result.replies);
      this.setWaiting(null, "reconnecting");
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(this.pump.bind(this), result.wait);
      return;
    }
    if (result.outcome === "retry") {
      this.setWaiting(null, "reconnecting");
      this.reconnecting();
      return;
    }
    this.queue.shift();
    this.savePending();
    if (result.outcome === "failed") this.showStatus("widget.send_failed", 8000);
    else if (this.failures) this.showStatus("widget.reconnected", 5000);
    this.failures = 0;
    if (result.outcome === "ok") this.showReplies(result.replies);
    if (this.queue.length) this.pump();
    else this.setWaiting(null);
  };

  Widget.prototype.showReplies = function (replies) {
    let firstButton = null;
    let lang = null;
    const before = this.log.lastElementChild;
    (Array.isArray(replies) ? replies : []).forEach(function (reply) {
      firstButton = this.addReply(reply) || firstButton;
      if (isLanguage(reply.lang)) lang = reply.lang;
    }.bind(this));
    if (lang) this.followLanguage(lang);
    this.moveFocus(firstButton);
    this.revealStart(before);
  };

  // A long answer is read from its start: when the top of the first new bot message is scrolled
  // out of view (scrolling to the end, or focusing its buttons), scroll back to its top.
  Widget.prototype.revealStart = function (before) {
    let node = before ? before.nextElementSibling : this.log.firstElementChild;
    while (node && !node.classList.contains("msg--bot")) node = node.nextElementSibling;
    if (!node) return;
    const hidden = node.getBoundingClientRect().top - this.log.getBoundingClientRect().top;
    if (hidden < 0) this.log.scrollTop += hidden - 8;
  };

  // 1, 2, 4, 8, 10, 10 … seconds until the server answers again.
  Widget.prototype.backoff = function () {
    return Math.min(1000 * Math.pow(2, this.failures - 1), MAX_BACKOFF_MS);
  };

  Widget.prototype.reconnecting = function () {
    this.failures += 1;
    this.showStatus("widget.reconnecting");
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(this.pump.bind(this), this.backoff());
  };

  Widget.prototype.retryNow = function () {
    if (!this.failures) return;
    clearTimeout(this.retryTimer);
    this.pump();
  };

  // Run `task` until it succeeds, with the same backoff and status as sending.
  Widget.prototype.retrying = async function (task) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await task();
        if (attempt > 1) this.showStatus("widget.reconnected", 5000);
        return result;
      } catch (err) {
        if (this.texts["widget.reconnecting"]) this.showStatus("widget.reconnecting");
        const delay = Math.min(1000 * Math.pow(2, attempt - 1), MAX_BACKOFF_MS);
        await new Promise(function (resolve) { setTimeout(resolve, delay); });
      }
    }
  };

  // `state` on the frame (idle, waiting, reconnecting) lets tests wait for quiet.
  Widget.prototype.setWaiting = function (key, state) {
    this.typingKey = key;
    this.typing.hidden = !key;
    this.typingText.textContent = key ? this.texts[key] || "" : "";
    this.frame.setAttribute("data-state", state || (key ? "waiting" : "idle"));
    if (key) this.scrollToEnd();
  };

  Widget.prototype.showStatus = function (key, clearAfter) {
    clearTimeout(this.statusTimer);
    this.status.textContent = this.texts[key] || "";
    this.status.setAttribute("data-key", key);
    if (clearAfter) {
      this.statusTimer = setTimeout(function () {
        this.status.textContent = "";
        this.status.removeAttribute("data-key");
      }.bind(this), clearAfter);
    }
  };

  function start() {
    const widget = new Widget(readConfig(SCRIPT));
    widget.mount();
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
}());
