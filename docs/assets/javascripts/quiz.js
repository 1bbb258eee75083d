// Self-quiz: one question at a time, progress in localStorage keyed by question ID.
//
// Order: questions marked "review again" first (least recently marked first), then unseen ones in
// site order, then known ones (least recently marked first): a simple spaced-repetition order.
// Progress is never keyed by position, so it survives the bank growing or being reordered.
//
// Data (written by the build, macros/quiz_data.py), split so the first card shows fast on a slow
// phone connection: a small index (ids, topics, difficulties, roles), then each topic's
// questions with their short answers, then the full answers in the background.
//
// Keys: Space only reveals; only K, R and J (and their buttons) mark or skip a question.
(function () {
  "use strict";
  var PROGRESS_KEY = "mlq-progress-v1";
  var FILTERS_KEY = "mlq-quiz-filters-v1";
  var STATUSES = { known: true, again: true };
  var DIFFICULTIES = ["easy", "medium", "hard"];

  function isObject(value) {
    return Object.prototype.toString.call(value) === "[object Object]";
  }

  // What is saved under `key`: {value} (null when nothing is saved) or {broken: true}.
  function load(key) {
    var text;
    try { text = window.localStorage.getItem(key); } catch (e) { return { value: null }; }
    if (text === null) return { value: null };
    try { return { value: JSON.parse(text) }; } catch (e) { return { broken: true }; }
  }
  function write(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }

  // Saved progress of any shape becomes {version: 1, items: {id: {status, last, count}}}: every
  // entry with a known status is kept (a bad date or count is repaired), anything else dropped.
  function repairProgress(saved) {
    var fresh = { version: 1, items: {} };
    if (saved.broken) return { progress: fresh, kept: 0, dropped: 0, damaged: true };
    var value = saved.value;
    if (value === null || value === undefined) return { progress: fresh, kept: 0, dropped: 0, damaged: false };
    if (!isObject(value)) return { progress: fresh, kept: 0, dropped: 0, damaged: true };
    var damaged = value.version !== 1 || !isObject(value.items);
    var items = isObject(value.items) ? value.items : {};
    var kept = 0, dropped = 0;
    Object.keys(items).forEach(function (id) {
      var entry = items[id];
      if (!isObject(entry) || !STATUSES.hasOwnProperty(entry.status)) { dropped += 1; return; }
      var last = typeof entry.last === "number" && isFinite(entry.last) ? entry.last : 0;
      var count = typeof entry.count === "number" && entry.count >= 1 && Math.floor(entry.count) === entry.count ? entry.count : 1;
      if (last !== entry.last || count !== entry.count) damaged = true;
      fresh.items[id] = { status: entry.status, last: last, count: count };
      kept += 1;
    });
    return { progress: fresh, kept: kept, dropped: dropped, damaged: damaged || dropped > 0 };
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else if (name === "html") node.innerHTML = attrs[name];  // sanitized HTML from the build's render stage
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  // KaTeX is loaded on demand by math.js (the quiz page itself has no math until a card shows).
  // quiz.js loads async, so it may run before math.js (deferred): wait for that one then.
  function withMath(callback) {
    if (window.mlqMath) callback();
    else document.addEventListener("DOMContentLoaded", function () { if (window.mlqMath) callback(); });
  }
  function renderMath(node) {
    var maths = node.querySelectorAll(".arithmatex");
    if (!maths.length) return;
    if (!window.mlqMath) { withMath(function () { renderMath(node); }); return; }
    window.mlqMath.whenReady(function () {
      maths.forEach(function (math) { renderMathInElement(math, window.mlqMath.options); });
    });
  }

  function getJSON(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    });
  }

  // Fetches each data file once; a failed fetch is forgotten, so asking again retries it.
  function Loader(root) {
    var base = window.location.href, cache = {}, loaded = {};
    function get(url) {
      if (!cache[url]) {
        cache[url] = getJSON(new URL(url, base)).then(function (data) {
          loaded[url] = data;
          return data;
        }, function (error) { delete cache[url]; throw error; });
      }
      return cache[url];
    }
    this.index = function () { return get(root.getAttribute("data-index")); };
    this.cards = function (topic) { return get(root.getAttribute("data-cards") + topic + ".json"); };
    this.answers = function (topic) { return get(root.getAttribute("data-answers") + topic + ".json"); };
    this.loadedCards = function (topic) { return loaded[root.getAttribute("data-cards") + topic + ".json"]; };
    this.loadedAnswers = function (topic) { return loaded[root.getAttribute("data-answers") + topic + ".json"]; };
    // The index carries the first topic's cards: a new visitor's first card waits for one file.
    this.seed = function (topic, cards) {
      var url = root.getAttribute("data-cards") + topic + ".json";
      loaded[url] = cards;
      cache[url] = Promise.resolve(cards);
    };
  }

  function Quiz(root, bank, loader) {
    this.root = root;
    this.bank = bank;
    this.loader = loader;
    this.notices = [];
    var repaired = repairProgress(load(PROGRESS_KEY));
    this.progress = repaired.progress;
    if (repaired.damaged) {
      write(PROGRESS_KEY, this.progress);
      this.notices.push(repaired.kept || repaired.dropped
        ? "Your saved progress was partly unreadable and has been repaired: " + repaired.kept +
          " mark" + (repaired.kept === 1 ? "" : "s") + " kept, " + repaired.dropped +
          " unreadable entr" + (repaired.dropped === 1 ? "y" : "ies") + " removed."
        : "Your saved progress could not be read and has been reset.");
    }
    this.filters = this.repairFilters(load(FILTERS_KEY));
    this.current = null;
    this.stage = 0;  // 0: question only, 1: short answer shown, 2: full answer shown
    this.firstCardShown = false;
    this.build();
    this.next();
  }

  // A saved filter naming a topic, role or difficulty that no longer exists resets to "all".
  Quiz.prototype.repairFilters = function (saved) {
    var value = isObject(saved.value) ? saved.value : {};
    var allowed = {
      topic: this.bank.topics.map(function (t) { return t.id; }),
      role: this.bank.roles.map(function (r) { return r.id; }),
      difficulty: DIFFICULTIES
    };
    var filters = {}, reset = [];
    Object.keys(allowed).forEach(function (name) {
      var wanted = value[name];
      if (wanted === undefined || wanted === null || wanted === "") { filters[name] = ""; return; }
      if (typeof wanted === "string" && allowed[name].indexOf(wanted) >= 0) { filters[name] = wanted; return; }
      filters[name] = "";
      reset.push(name);
    });
    if (saved.broken || (saved.value !== null && !isObject(saved.value)) || reset.length) {
      write(FILTERS_KEY, filters);
      this.notices.push(reset.length
        ? "A saved filter (" + reset.join(", ") + ") no longer exists and was reset to all."
        : "Your saved filters could not be read and were reset to all.");
    }
    return filters;
  };

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
        DIFFICULTIES.map(function (d) { return { id: d, title: d }; }))
    ]);
    if (this.notices.length) {
      var notice = el("div", { "class": "quiz-notice", role: "status" },
        this.notices.map(function (text) { return el("p", { text: text }); }));
      this.root.appendChild(notice);
    }
    this.card = el("div", { "class": "quiz-card", "aria-live": "polite" });
    this.controls = el("div", { "class": "quiz-controls" });
    this.reveal = el("button", { type: "button", "class": "md-button md-button--primary", "data-action": "reveal" });
    this.knew = el("button", { type: "button", "class": "md-button", "data-action": "knew", text: "Knew it (K)" });
    this.again = el("button", { type: "button", "class": "md-button", "data-action": "again", text: "Review again (R)" });
    this.skip = el("button", { type: "button", "class": "md-button", "data-action": "skip", text: "Skip (J)" });
    this.buttons = [this.reveal, this.knew, this.again, this.skip];
    this.buttons.forEach(function (b) { self.controls.appendChild(b); });
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

  Quiz.prototype.topicTitle = function (id) {
    var topic = this.bank.topics.filter(function (t) { return t.id === id; })[0];
    return topic ? topic.title : id;
  };

  Quiz.prototype.show = function () {
    var q = this.current, self = this;
    this.card.textContent = "";
    this.card.removeAttribute("aria-busy");
    if (!q) {
      this.card.appendChild(el("p", { text: "No question matches these filters." }));
      this.controls.hidden = true;
      return;
    }
    this.controls.hidden = false;
    var cards = this.loader.loadedCards(q.topic);
    if (!cards) {
      // The first card of a topic whose questions have not arrived yet.
      this.card.setAttribute("aria-busy", "true");
      this.card.appendChild(el("p", { "class": "quiz-loading", text: "Loading the question…" }));
      this.controls.hidden = true;
      this.loader.cards(q.topic).then(function () {
        if (self.current === q) self.show();
      }, function (error) {
        if (self.current !== q) return;
        self.card.removeAttribute("aria-busy");
        self.card.textContent = "The question could not be loaded (" + error.message + "). Reload the page to try again.";
      });
      return;
    }
    this.text = cards[q.id];
    var mark = this.progress.items[q.id];
    var status = mark ? (mark.status === "again" ? "marked review again" : "marked known") : "not seen yet";
    this.card.appendChild(el("p", { "class": "quiz-meta", text: this.topicTitle(q.topic) + " · " + q.difficulty + " · " + status }));
    this.card.appendChild(el("h2", { "class": "quiz-question", id: "quiz-question", html: this.text.question_html }));
    renderMath(this.card);
    this.updateReveal();
    if (!this.firstCardShown) {
      this.firstCardShown = true;
      this.root.setAttribute("data-first-card", String(Math.round(window.performance.now())));
      this.preloadRest();
    }
  };

  Quiz.prototype.updateReveal = function () {
    this.reveal.textContent = this.stage === 0 ? "Show short answer (Space)" : "Show full answer (Space)";
    this.reveal.hidden = this.stage >= 2;
  };

  // Once the first card shows: the other topics' questions and every full answer (the current
  // topic's first), so the quiz keeps working offline once loaded.
  Quiz.prototype.preloadRest = function () {
    var loader = this.loader, first = this.current.topic, ignore = function () {};
    var topics = this.bank.topics.map(function (t) { return t.id; });
    loader.answers(first).catch(ignore);
    topics.forEach(function (t) { loader.cards(t).catch(ignore); });
    topics.forEach(function (t) { if (t !== first) loader.answers(t).catch(ignore); });
    preloadMathFonts();
  };

  Quiz.prototype.shortPart = function () {
    return el("div", { "class": "quiz-short", "data-part": "short", tabindex: "-1",
      html: "<strong>Short answer.</strong> " + this.text.short_answer_html.replace(/^<p>|<\/p>$/g, "") });
  };

  Quiz.prototype.fullPart = function () {
    var q = this.current, self = this;
    var full = el("div", { "class": "quiz-full", "data-part": "full", tabindex: "-1" });
    var fill = function (answers) {
      full.removeAttribute("aria-busy");
      full.innerHTML = answers[q.id];  // sanitized HTML from the build's render stage
      full.appendChild(el("p", {}, [el("a", { href: self.root.getAttribute("data-site-root") + "q/" + q.id + "/", text: "Open this question's page" })]));
      renderMath(full);
    };
    var answers = this.loader.loadedAnswers(q.topic);
    if (answers) { fill(answers); return full; }
    full.setAttribute("aria-busy", "true");
    full.appendChild(el("p", { "class": "quiz-loading", text: "Loading the full answer…" }));
    var attempt = function () {
      self.loader.answers(q.topic).then(function (loaded) {
        if (self.current === q && full.isConnected) fill(loaded);
      }, function (error) {
        if (self.current !== q || !full.isConnected) return;
        full.removeAttribute("aria-busy");
        full.textContent = "";
        var retry = el("button", { type: "button", "class": "md-button", text: "Try again" });
        retry.addEventListener("click", function () {
          full.textContent = "";
          full.appendChild(el("p", { "class": "quiz-loading", text: "Loading the full answer…" }));
          attempt();
        });
        full.appendChild(el("p", { text: "The full answer could not be loaded (" + error.message + ")." }));
        full.appendChild(retry);
      });
    };
    attempt();
    return full;
  };

  // Reveal the next part below what is shown, move the focus to its start and keep that start in
  // view: a long answer is read from its beginning, not scrolled to its end.
  Quiz.prototype.advance = function () {
    if (!this.current || !this.text || this.stage >= 2) return;
    this.stage += 1;
    var part = this.stage === 1 ? this.shortPart() : this.fullPart();
    this.card.appendChild(part);
    renderMath(part);
    this.updateReveal();
    part.focus({ preventScroll: true });
    var header = document.querySelector(".md-header");
    var top = part.getBoundingClientRect().top, offset = (header ? header.offsetHeight : 0) + 8;
    if (top < offset || top > window.innerHeight - 80) window.scrollBy(0, top - offset);
  };

  Quiz.prototype.mark = function (status) {
    if (!this.current) return;
    var items = this.progress.items, previous = items[this.current.id];
    items[this.current.id] = { status: status, last: Date.now(), count: (previous ? previous.count : 0) + 1 };
    write(PROGRESS_KEY, this.progress);
    this.next();
    if (!this.reveal.hidden && !this.controls.hidden) this.reveal.focus();
  };

  Quiz.prototype.updateSummary = function () {
    var items = this.progress.items, rows = {};
    this.bank.topics.forEach(function (t) { rows[t.id] = { title: t.title, known: 0, again: 0, unseen: 0 }; });
    this.bank.questions.forEach(function (q) {
      var f = this.filters;
      if ((f.role && q.roles.indexOf(f.role) < 0) || (f.difficulty && q.difficulty !== f.difficulty)) return;
      var mark = items[q.id], row = rows[q.topic];
      if (!row) return;
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
    // A narrow screen scrolls the table sideways (with a shadow as the cue), never clips it.
    this.summary.appendChild(el("div", { "class": "q-scroll", role: "region", tabindex: "0",
      "aria-label": "Progress by topic" }, [table]));
  };

  Quiz.prototype.onKey = function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target, tag = target && target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || (target && target.isContentEditable)) return;
    var key = event.key.toLowerCase();
    if (key === " ") {
      // Space reveals; it never presses "Knew it" or the other marking buttons. Other buttons
      // and links (the reset button, a link in an answer, the header) keep their own Space.
      var ours = this.buttons.indexOf(target) >= 0;
      var onPage = target === document.body || target === document.documentElement ||
        (this.root.contains(target) && tag !== "BUTTON" && tag !== "A");
      if (!ours && !onPage) return;
      if (this.stage < 2 && this.current) { event.preventDefault(); this.advance(); }
      else if (ours) event.preventDefault();
    }
    else if (key === "k") { event.preventDefault(); this.mark("known"); }
    else if (key === "r") { event.preventDefault(); this.mark("again"); }
    else if (key === "j") { event.preventDefault(); this.next(true); }
  };

  // Math in answers is typeset only when revealed, and the browser fetches a KaTeX font only when
  // a glyph needs it. Fetch the common ones now, so the quiz keeps working offline once loaded.
  function preloadMathFonts() {
    if (!document.fonts || !document.fonts.load) return;
    withMath(function () { window.mlqMath.whenReady(function () {
      ["1em KaTeX_Main", "bold 1em KaTeX_Main", "italic 1em KaTeX_Main", "italic 1em KaTeX_Math",
       "1em KaTeX_AMS", "1em KaTeX_Size1", "1em KaTeX_Size2", "1em KaTeX_Size3", "1em KaTeX_Size4"]
        .forEach(function (font) { document.fonts.load(font).catch(function () {}); });
    }); });
  }

  var active = null, started = null;
  function start() {
    var root = document.getElementById("quiz");
    if (root === started) return;  // already running on this page
    started = root;
    active = null;
    if (!root || !root.hasAttribute("data-index")) return;
    var loader = new Loader(root);
    loader.index().then(function (bank) {
      if (bank.first_cards) loader.seed(bank.first_cards.topic, bank.first_cards.cards);
      active = new Quiz(root, bank, loader);
    }).catch(function (error) {
      root.textContent = "The questions could not be loaded (" + error.message + "). Reload the page to try again.";
    });
  }
  document.addEventListener("keydown", function (event) { if (active) active.onKey(event); });
  // A button activates on the release of Space: stop that too for the marking buttons.
  document.addEventListener("keyup", function (event) {
    if (active && event.key === " " && active.buttons.indexOf(event.target) >= 0) event.preventDefault();
  });
  // Loaded async (docs/overrides/main.html), so the first card does not wait for Material's
  // bundle: start once the page is parsed, and follow Material's page changes once it has run.
  function follow() { if (window.document$) window.document$.subscribe(start); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { start(); follow(); });
  } else {
    start();
    if (window.document$) follow(); else document.addEventListener("DOMContentLoaded", follow);
  }
})();
