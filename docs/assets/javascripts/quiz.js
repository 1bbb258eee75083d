// Self-quiz: one question at a time, progress in localStorage keyed by question ID.
//
// Order: questions marked "review again" first (least recently marked first), then unseen ones in
// site order, then known ones (least recently marked first): a simple spaced-repetition order.
// Progress is never keyed by position, so it survives the bank growing or being reordered.
(function () {
  "use strict";
  var PROGRESS_KEY = "mlq-progress-v1";
  var FILTERS_KEY = "mlq-quiz-filters-v1";

  function read(key, fallback) {
    try {
      var value = JSON.parse(window.localStorage.getItem(key));
      return value && typeof value === "object" ? value : fallback;
    } catch (e) {
      return fallback;
    }
  }
  function write(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else if (name === "html") node.innerHTML = attrs[name];  // export HTML, built from the validated bank
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  // KaTeX is loaded on demand by math.js (the quiz page itself has no math until a card shows).
  function renderMath(node) {
    var maths = node.querySelectorAll(".arithmatex");
    if (!maths.length || !window.mlqMath) return;
    window.mlqMath.whenReady(function () {
      maths.forEach(function (math) { renderMathInElement(math, window.mlqMath.options); });
    });
  }

  function Quiz(root, bank) {
    this.root = root;
    this.bank = bank;
    this.progress = read(PROGRESS_KEY, { version: 1, items: {} });
    if (!this.progress.items) this.progress = { version: 1, items: {} };
    this.filters = read(FILTERS_KEY, { topic: "", role: "", difficulty: "" });
    this.current = null;
    this.stage = 0;  // 0: question only, 1: short answer shown, 2: full answer shown
    this.build();
    this.next();
  }

  Quiz.prototype.select = function (id, title, label, name, options) {
    var select = el("select", { id: id, "data-filter": name });
    select.appendChild(el("option", { value: "", text: label }));
    options.forEach(function (o) { select.appendChild(el("option", { value: o.id, text: o.title })); });
    select.value = this.filters[name] || "";
    var self = this;
    select.addEventListener("change", function () {
      self.filters[name] = select.value;
      write(FILTERS_KEY, self.filters);
      self.current = null;
      self.next();
    });
    return el("label", { "for": id, "class": "quiz-filter" }, [el("span", { text: title }), select]);
  };

  Quiz.prototype.build = function () {
    var self = this;
    this.root.textContent = "";
    var filters = el("div", { "class": "quiz-filters", role: "group", "aria-label": "Filter questions" }, [
      this.select("quiz-topic", "Topic", "All topics", "topic", this.bank.topics),
      this.select("quiz-role", "Role", "All roles", "role", this.bank.roles),
      this.select("quiz-difficulty", "Difficulty", "All difficulties", "difficulty",
        ["easy", "medium", "hard"].map(function (d) { return { id: d, title: d }; }))
    ]);
    this.card = el("div", { "class": "quiz-card", "aria-live": "polite" });
    this.controls = el("div", { "class": "quiz-controls" });
    this.reveal = el("button", { type: "button", "class": "md-button md-button--primary", "data-action": "reveal" });
    this.knew = el("button", { type: "button", "class": "md-button", "data-action": "knew", text: "Knew it (K)" });
    this.again = el("button", { type: "button", "class": "md-button", "data-action": "again", text: "Review again (R)" });
    this.skip = el("button", { type: "button", "class": "md-button", "data-action": "skip", text: "Skip (J)" });
    [this.reveal, this.knew, this.again, this.skip].forEach(function (b) { self.controls.appendChild(b); });
    this.reveal.addEventListener("click", function () { self.advance(); });
    this.knew.addEventListener("click", function () { self.mark("known"); });
    this.again.addEventListener("click", function () { self.mark("again"); });
    this.skip.addEventListener("click", function () { self.next(true); });
    this.summary = el("div", { "class": "quiz-progress" });
    var reset = el("button", { type: "button", "class": "md-button quiz-reset", "data-action": "reset", text: "Reset progress" });
    reset.addEventListener("click", function () {
      if (window.confirm("Forget every 'knew it' and 'review again' mark in this browser?")) {
        self.progress = { version: 1, items: {} };
        write(PROGRESS_KEY, self.progress);
        self.current = null;
        self.next();
      }
    });
    [filters, this.card, this.controls, this.summary, reset].forEach(function (n) { self.root.appendChild(n); });
  };

  Quiz.prototype.matches = function (q) {
    var f = this.filters;
    return (!f.topic || q.topic === f.topic) && (!f.difficulty || q.difficulty === f.difficulty) &&
      (!f.role || q.roles.indexOf(f.role) >= 0);
  };

  Quiz.prototype.ordered = function () {
    var items = this.progress.items, again = [], unseen = [], known = [];
    this.bank.questions.forEach(function (q, index) {
      if (!this.matches(q)) return;
      var mark = items[q.id];
      if (!mark) unseen.push({ q: q, key: index });
      else if (mark.status === "again") again.push({ q: q, key: mark.last });
      else known.push({ q: q, key: mark.last });
    }, this);
    var byKey = function (a, b) { return a.key - b.key; };
    return again.sort(byKey).concat(unseen.sort(byKey), known.sort(byKey)).map(function (x) { return x.q; });
  };

  Quiz.prototype.next = function (skipCurrent) {
    var order = this.ordered();
    var currentId = this.current && this.current.id;
    if (skipCurrent && order.length > 1) {
      var at = order.findIndex(function (q) { return q.id === currentId; });
      order = order.slice(at + 1).concat(order.slice(0, at + 1));
    } else if (currentId && order.length > 1 && order[0].id === currentId) {
      order.push(order.shift());
    }
    this.current = order[0] || null;
    this.stage = 0;
    this.show();
    this.updateSummary();
  };

  Quiz.prototype.show = function () {
    var q = this.current;
    this.card.textContent = "";
    if (!q) {
      this.card.appendChild(el("p", { text: "No question matches these filters." }));
      this.controls.hidden = true;
      return;
    }
    this.controls.hidden = false;
    var mark = this.progress.items[q.id];
    var status = mark ? (mark.status === "again" ? "marked review again" : "marked known") : "not seen yet";
    this.card.appendChild(el("p", { "class": "quiz-meta", text: q.topic_title + " · " + q.difficulty + " · " + status }));
    this.card.appendChild(el("h2", { "class": "quiz-question", id: "quiz-question", html: q.question_html }));
    if (this.stage >= 1) {
      this.card.appendChild(el("div", { "class": "quiz-short", "data-part": "short", html: "<strong>Short answer.</strong> " + q.short_answer_html.replace(/^<p>|<\/p>$/g, "") }));
    }
    if (this.stage >= 2) {
      var full = el("div", { "class": "quiz-full", "data-part": "full", html: q.answer_html });
      full.appendChild(el("p", {}, [el("a", { href: this.root.getAttribute("data-site-root") + "q/" + q.id + "/", text: "Open this question's page" })]));
      this.card.appendChild(full);
    }
    this.reveal.textContent = this.stage === 0 ? "Show short answer (Space)" : "Show full answer (Space)";
    this.reveal.hidden = this.stage >= 2;
    renderMath(this.card);
  };

  Quiz.prototype.advance = function () {
    if (!this.current || this.stage >= 2) return;
    this.stage += 1;
    this.show();
    (this.stage >= 2 ? this.knew : this.reveal).focus();
  };

  Quiz.prototype.mark = function (status) {
    if (!this.current) return;
    var items = this.progress.items, previous = items[this.current.id];
    items[this.current.id] = { status: status, last: Date.now(), count: (previous ? previous.count : 0) + 1 };
    write(PROGRESS_KEY, this.progress);
    this.next();
    this.reveal.focus();
  };

  Quiz.prototype.updateSummary = function () {
    var items = this.progress.items, rows = {};
    this.bank.topics.forEach(function (t) { rows[t.id] = { title: t.title, known: 0, again: 0, unseen: 0 }; });
    this.bank.questions.forEach(function (q) {
      var f = this.filters;
      if ((f.role && q.roles.indexOf(f.role) < 0) || (f.difficulty && q.difficulty !== f.difficulty)) return;
      var mark = items[q.id], row = rows[q.topic];
      if (!mark) row.unseen += 1; else if (mark.status === "again") row.again += 1; else row.known += 1;
    }, this);
    var table = el("table", {}, [el("caption", { text: "Progress by topic" }),
      el("thead", {}, [el("tr", {}, ["Topic", "Knew it", "Review again", "Not seen"].map(function (h) { return el("th", { scope: "col", text: h }); }))])]);
    var body = el("tbody");
    Object.keys(rows).forEach(function (id) {
      var r = rows[id];
      body.appendChild(el("tr", { "data-topic": id }, [el("th", { scope: "row", text: r.title }),
        el("td", { "data-count": "known", text: String(r.known) }),
        el("td", { "data-count": "again", text: String(r.again) }),
        el("td", { "data-count": "unseen", text: String(r.unseen) })]));
    });
    table.appendChild(body);
    this.summary.textContent = "";
    this.summary.appendChild(table);
  };

  Quiz.prototype.onKey = function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target, tag = target && target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || (target && target.isContentEditable)) return;
    var key = event.key.toLowerCase();
    if (key === " " && tag !== "BUTTON" && tag !== "A") { event.preventDefault(); this.advance(); }
    else if (key === "k") { event.preventDefault(); this.mark("known"); }
    else if (key === "r") { event.preventDefault(); this.mark("again"); }
    else if (key === "j") { event.preventDefault(); this.next(true); }
  };

  // Math in answers is typeset only when revealed, and the browser fetches a KaTeX font only when
  // a glyph needs it. Fetch the common ones now, so the quiz keeps working offline once loaded.
  function preloadMathFonts() {
    if (!document.fonts || !document.fonts.load) return;
    ["1em KaTeX_Main", "bold 1em KaTeX_Main", "italic 1em KaTeX_Main", "italic 1em KaTeX_Math",
     "1em KaTeX_AMS", "1em KaTeX_Size1", "1em KaTeX_Size2", "1em KaTeX_Size3", "1em KaTeX_Size4"]
      .forEach(function (font) { document.fonts.load(font).catch(function () {}); });
  }

  var active = null;
  function start() {
    var root = document.getElementById("quiz");
    active = null;
    if (!root) return;
    var url = new URL(root.getAttribute("data-bank"), window.location.href);
    fetch(url).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (bank) {
      active = new Quiz(root, bank);
      preloadMathFonts();
    }).catch(function (error) {
      root.textContent = "The questions could not be loaded (" + error.message + "). Reload the page to try again.";
    });
  }
  document.addEventListener("keydown", function (event) { if (active) active.onKey(event); });
  document$.subscribe(start);
})();
