// Search over the questions: Material's header search box, driven by Pagefind.
//
// Pagefind and its index (site/pagefind/, one record per question, see macros/search_records.py)
// and this file's helper data (site/search/search-data.json: filter names, words to correct typos
// to, letter-word pairs the bank joins) load only when the reader starts searching: focusing or
// hovering the box, pressing "/" or "s", or opening a shared search link (?q=...). Nothing of
// search loads on a first visit before that, and every request goes to this site.
//
// A query is reduced before it is searched (lower case, "a/b" -> "ab", punctuation -> spaces,
// filler such as "what is", "how does", "vs" dropped, British spellings made American, a lone
// letter joined to its word: "k means" -> "kmeans"); the synonyms were expanded into the index
// at build time. Pagefind keeps the records that hold every word; when fewer than three pages of
// them do, the records that hold most of the words follow. A word nothing matches is corrected
// to the nearest word the bank uses, and the query searched again.
//
// The result list carries `data-mlq-shown` (the text its results are for, as soon as they
// show) and `data-mlq-for` (the same, once they are for the box's current text: settled),
// which the tests and benchmarks wait for.
(function () {
  "use strict";

  var root = document.querySelector("[data-mlq-search]");
  if (!root) return;
  var toggle = document.getElementById("__search");
  var input = root.querySelector("input.md-search__input");
  var form = root.querySelector("form");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var filterBox = root.querySelector(".mlq-search__filters");
  var base = new URL((root.getAttribute("data-mlq-base") || ".").replace(/\/?$/, "/"),
    window.location.href);

  var PAGE = 10;
  var FILTERS = ["topic", "difficulty", "role"];
  var state = { filters: {}, shown: PAGE };
  var loading = null;
  var dataLoading = null;
  var filtersLoaded = null;
  var data = null;
  var lastCounts = null;
  // Words a query can drop (filler). The same list as STOP_WORDS in macros/search_synonyms.py,
  // which a test keeps equal. "ml" is among them (every question here is about it), and a query's
  // "machine learning" is read as "ml".
  var STOP = new Set(("a about advantage advantages an and are as at avoid be behind between " +
    "but by can combat come comes compare comparison cons could deal define describe " +
    "difference differences disadvantage disadvantages do does explain for from get give goes " +
    "going happen happens has have how i idea if important in into is it its know me mitigate " +
    "ml my need of on or overcome prevent pros purpose s should tackle technique techniques " +
    "tell than that the their them then there these this to up use used using versus vs was " +
    "way ways we what whats when where which while why will with work works would you " +
    "your").split(" "));
  var pagefind = null;

  // --- loading --------------------------------------------------------------------------------
  function mark(name) {
    if (window.performance && performance.mark) performance.mark("mlq-search:" + name);
  }

  function load() {
    // The engine, and beside it the helper data (phrases, filter names, typo vocabulary).
    if (loading) return loading;
    mark("load");
    loadData();
    loading = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
      pagefind = module;
      return pagefind.options({
        basePath: new URL("pagefind/", base).href,
        // Records differ in length (a long answer is not a worse match): length counts less
        // than Pagefind's default.
        ranking: { pageLength: 0.3, termSaturation: 1.6 }
      });
    }).then(function () { return pagefind.init(); }).then(function () {
      mark("engine");
      // Pagefind counts results per filter value only for filters it has loaded: load all three
      // (small) beside the first search, not before it, then count again for the filter buttons.
      filtersLoaded = pagefind.filters().then(function () {
        var text = input.value;
        if (normalForm(text).length < 2 || !data) return;
        search(queryWords(text)).then(function (found) {
          if (input.value !== text) return;
          lastCounts = found.filters;
          renderFilters(found.filters);
        });
      });
    });
    loading.catch(function () {
      meta.textContent = "Search could not load. Reload the page to try again.";
    });
    return loading;
  }

  function loadData() {
    if (dataLoading) return dataLoading;
    dataLoading = fetch(new URL("search/search-data.json", base).href).then(function (response) {
      return response.json();
    }).then(function (json) {
      data = json;
      data.vocabulary = new Set(json.words);
      data.joined = new Set(json.joined);
      data.longestPhrase = Object.keys(json.phrases).reduce(function (most, phrase) {
        return Math.max(most, phrase.split(" ").length);
      }, 0);
      data.byLength = {};
      json.words.forEach(function (word) {
        (data.byLength[word.length] = data.byLength[word.length] || []).push(word);
      });
      mark("data");
      if (lastCounts) renderFilters(lastCounts);
    });
    return dataLoading;
  }

  // --- the query ------------------------------------------------------------------------------
  function normalForm(text) {
    // As macros/search_synonyms.py normal_form: the index's synonyms are written this way.
    return text.toLowerCase().replace(/\b([a-z0-9])\/([a-z0-9])\b/g, "$1$2")
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  function editDistance(a, b, limit) {
    // Damerau-Levenshtein (adjacent swaps count as one edit), giving up past `limit`.
    var rows = [], i, j;
    for (i = 0; i <= a.length; i++) { rows.push([i]); }
    for (j = 1; j <= b.length; j++) rows[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      var best = Infinity;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, rows[i - 2][j - 2] + 1);
        }
        rows[i][j] = d;
        if (d < best) best = d;
      }
      if (best > limit) return limit + 1;
    }
    return rows[a.length][b.length];
  }

  var phrasePairs = null;  // neighbouring words inside synonym phrases ("gradient descent")

  function inPhrase(first, second) {
    if (!first || !second) return false;
    if (!phrasePairs) {
      phrasePairs = new Set();
      Object.keys(data.phrases).forEach(function (phrase) {
        var w = phrase.split(" ");
        for (var i = 1; i < w.length; i++) phrasePairs.add(w[i - 1] + " " + w[i]);
      });
    }
    return phrasePairs.has(first + " " + second);
  }

  function corrected(word, isLast, before, after) {
    // A word the bank never uses, and that is not the start of one being typed, becomes the
    // nearest word it does use (one edit for a short word, two for a long one). Between words
    // as near, one that makes a phrase with the word before or after it wins: "gradient desent"
    // is "gradient descent", not "gradient decent".
    if (word.length < 5 || /[0-9]/.test(word) || data.vocabulary.has(word)) return word;
    if (isLast && data.words.some(function (w) { return w.lastIndexOf(word, 0) === 0; })) {
      return word;
    }
    var limit = word.length >= 8 ? 2 : 1;
    var best = word, bestDistance = limit + 1, bestFits = false;
    for (var length = word.length - limit; length <= word.length + limit; length++) {
      (data.byLength[length] || []).forEach(function (candidate) {
        var d = editDistance(word, candidate, limit);
        if (d > bestDistance || (d === bestDistance && bestFits)) return;
        var fits = inPhrase(before, candidate) || inPhrase(candidate, after);
        if (d < bestDistance || fits) { best = candidate; bestDistance = d; bestFits = fits; }
      });
    }
    return best;
  }

  // British spellings in American, rule by rule: the same list as SPELLING_RULES in
  // macros/search_synonyms.py (a test keeps them equal), whose records carry the American form
  // of every word they spell the British way.
  var SPELLING = [
    ["isation(s?)$", "ization$1"],
    ["^(behavi|neighb|col|fav|flav|hon|hum|lab|harb|rum|vap)our", "$1or"],
    ["^((?:un|re|de|over)?(?:normal|standard|regular|optim|minim|maxim|general|random|initial" +
     "|penal|vector|token|summar|memor|factor|quant|parametr|parameter|categor|character|discret" +
     "|visual|util|parallel|personal|special|stabil|real|organ|recogn|formal|material|author" +
     "|emphas|priorit|central|local|lemmat|binar|anonym|synchron|custom|critic|hypothes|theor" +
     "|final|linear|marginal|neutral|polar|serial|symbol|digit|sanit|spatial|tempor|rational" +
     "|apolog|capital|industrial|contextual|operational))is(e|es|ed|ing|er|ers|able)$",
     "$1iz$2"],
    ["^(anal|paral|catal)ys(e|es|ed|ing|er|ers)$", "$1yz$2"],
    ["^(model|label|travel|cancel|signal|tunnel|channel|level|fuel|funnel)l(ed|ing|er|ers)$",
     "$1$2"],
    ["^(cen|me|fib|lit)tre(s?)$", "$1ter$2"],
    ["^(catal|dial|anal)ogue(s?)$", "$1og$2"],
    ["^datasets?$", "data"]
  ].map(function (rule) { return [new RegExp(rule[0]), rule[1]]; });

  function british(word) {
    return SPELLING.reduce(function (w, rule) { return w.replace(rule[0], rule[1]); }, word);
  }

  function phrases(words) {
    // A phrase of a synonym group ("split test", "principal component analysis") brings in the
    // group's key, a word the index gives every question of the group, so only questions of the
    // group match, not any with the phrase's common words. Longest phrase first.
    var out = [];
    for (var i = 0; i < words.length; i++) {
      var found = null;
      for (var n = Math.min(data.longestPhrase, words.length - i); n >= 2 && !found; n--) {
        var phrase = words.slice(i, i + n).join(" ");
        if (Object.prototype.hasOwnProperty.call(data.phrases, phrase)) {
          found = { key: data.phrases[phrase], length: n };
        }
      }
      if (found) {  // the key, and the words too: they still rank the group's questions
        out.push(found.key);
        out.push.apply(out, words.slice(i, i + found.length));
        i += found.length - 1;
      } else {
        out.push(words[i]);
      }
    }
    return out;
  }

  function queryWords(text) {
    // Typos are corrected before phrases are found (filler is never corrected), so that a
    // corrected word still makes its phrase.
    var typed = normalForm(text).replace(/\bmachine learning\b/g, "ml").split(" ")
      .filter(Boolean).map(british);
    var words = phrases(typed.map(function (w, i) {
      return STOP.has(w) ? w : corrected(w, i === typed.length - 1, typed[i - 1], typed[i + 1]);
    }));
    var kept = words.filter(function (w) { return !STOP.has(w); });
    kept = kept.length ? kept : words;  // a query of nothing but filler: search it as typed
    return hasLoneLetter(kept) ? joinLetters(kept) : kept;
  }

  function hasLoneLetter(words) {
    return words.length > 1 && words.some(function (w) { return /^[a-z]$/.test(w); });
  }

  function joinLetters(words) {
    // A lone letter matches every word that starts with it. Joined to the next word when the
    // index holds that pair joined ("k means" -> "kmeans", "p value" -> "pvalue", "t sne" ->
    // "tsne", see joined_letters in macros/search_records.py); otherwise left out.
    var out = [];
    for (var i = 0; i < words.length; i++) {
      if (!/^[a-z]$/.test(words[i])) { out.push(words[i]); continue; }
      if (i + 1 < words.length && data.joined.has(words[i] + words[i + 1])) {
        out.push(words[i] + words[i + 1]);
        i++;
      }
    }
    return out.length ? out : words;
  }

  function activeFilters() {
    var filters = {};
    FILTERS.forEach(function (key) { if (state.filters[key]) filters[key] = state.filters[key]; });
    return filters;
  }

  function search(words, correcting) {
    var options = { filters: activeFilters() };
    return pagefind.search(words.join(" "), options).then(function (all) {
      if (all.results.length >= 3 * PAGE || (words.length < 2 && all.results.length)) {
        return { results: all.results, filters: all.filters };
      }
      return Promise.all(words.map(function (word) {
        return words.length < 2 ? all : pagefind.search(word, options);
      })).then(function (each) {
        // A word nothing matches is probably mistyped: correct it and search again, once.
        var unmatched = each.some(function (found) { return !found.results.length; });
        if (unmatched && !correcting) {
          return loadData().then(function () {
            var fixed = words.map(function (word, i) {
              return each[i].results.length ? word : corrected(word, false);
            });
            if (fixed.join(" ") === words.join(" ")) return merge(all, each);
            return search(fixed, true).then(function (found) {
              found.words = fixed;
              return found;
            });
          });
        }
        return merge(all, each);
      });
    });
  }

  function merge(all, each) {
    // Too few records hold every word: add those holding most of them, best first.
    var seen = {}, merged = {};
    all.results.forEach(function (r) { seen[r.id] = true; });
    each.forEach(function (found) {
      found.results.forEach(function (r) {
        if (seen[r.id]) return;
        var m = merged[r.id] || (merged[r.id] = { result: r, words: 0, score: 0 });
        m.words += 1;
        m.score += r.score;
      });
    });
    var rest = Object.keys(merged).map(function (id) { return merged[id]; })
      .sort(function (a, b) { return b.words - a.words || b.score - a.score; })
      .map(function (m) { return m.result; });
    return { results: all.results.concat(rest), filters: all.filters };
  }

  // --- showing results ------------------------------------------------------------------------
  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  var SNIPPET_WORDS = 28;

  function snippet(record, words) {
    // From the question's own text: after its title (shown above it) and before the topic,
    // tags and synonyms the record adds for search. The window of SNIPPET_WORDS words that holds
    // most query words (matched by their start, so forms of a word count), with those marked.
    var m = record.meta || {}, content = record.content || "";
    var from = m.title && content.lastIndexOf(m.title, 0) === 0 ? m.title.length + 1 : 0;
    var to = m.topic ? content.lastIndexOf(m.topic + " · ") : -1;
    var tokens = content.slice(from, to > from ? to : undefined).trim().split(/\s+/);
    var stems = words.filter(function (w) { return w.lastIndexOf("zq", 0) !== 0; })
      .map(function (w) { return w.length > 5 ? w.slice(0, Math.max(5, w.length - 3)) : w; });
    var hits = tokens.map(function (token) {
      return normalForm(token).split(" ").some(function (part) {
        return stems.some(function (stem) { return part.lastIndexOf(stem, 0) === 0; });
      });
    });
    var best = 0, bestCount = -1, count = 0;
    for (var i = 0; i < tokens.length; i++) {
      if (hits[i]) count++;
      if (i >= SNIPPET_WORDS && hits[i - SNIPPET_WORDS]) count--;
      if (count > bestCount) { bestCount = count; best = Math.max(0, i - SNIPPET_WORDS + 1); }
    }
    var start = 0;
    if (bestCount > 0) {  // centre the window on its matches
      var first = best, last = Math.min(best + SNIPPET_WORDS, tokens.length) - 1;
      while (!hits[first]) first++;
      while (!hits[last]) last--;
      start = Math.max(0, Math.min(Math.round((first + last - SNIPPET_WORDS) / 2),
        tokens.length - SNIPPET_WORDS));
    }
    var shown = tokens.slice(start, start + SNIPPET_WORDS).map(function (token, j) {
      return hits[start + j] ? "<mark>" + escape(token) + "</mark>" : escape(token);
    }).join(" ");
    return (start > 0 ? "… " : "") + shown + (start + SNIPPET_WORDS < tokens.length ? " …" : "");
  }

  function resultItem(record, words) {
    var m = record.meta || {};
    var href = new URL(m.url || "", base).href;
    var id = (m.url || "").split("#")[1] || "";
    return '<li class="md-search-result__item">' +
      '<a href="' + escape(href) + '" class="md-search-result__link mlq-search-result" ' +
      'data-mlq-id="' + escape(id) + '" tabindex="-1">' +
      '<article class="md-search-result__article md-typeset">' +
      "<h1>" + escape(m.title || "") + "</h1>" +
      '<p class="mlq-search-result__where">' + escape(m.topic || "") +
      ' <span class="mlq-search-result__level mlq-search-result__level--' +
      escape(m.difficulty || "") + '">' + escape(m.difficulty || "") + "</span></p>" +
      '<p class="md-search-result__teaser">' + snippet(record, words) + "</p>" +
      "</article></a></li>";
  }

  function chip(key, value, label, count) {
    var pressed = state.filters[key] === value;
    return '<button type="button" class="mlq-chip" data-filter="' + key + '" data-value="' +
      escape(value) + '" aria-pressed="' + pressed + '">' + escape(label) +
      (count !== undefined ? ' <span class="mlq-chip__count">' + count + "</span>" : "") +
      "</button>";
  }

  function renderFilters(counts) {
    if (!data) return;
    var groups = [["difficulty", "Difficulty", data.difficulties], ["role", "Role", data.roles],
      ["topic", "Topic", data.topics]];
    filterBox.innerHTML = groups.map(function (group) {
      var key = group[0], available = (counts && counts[key]) || {};
      var chips = group[2].filter(function (entry) {
        return state.filters[key] === entry[0] || available[entry[0]] > 0 || key !== "topic";
      }).map(function (entry) {
        return chip(key, entry[0], entry[1], available[entry[0]] || 0);
      });
      return '<div class="mlq-search__filter" role="group" aria-label="' + group[1] + '">' +
        '<span class="mlq-search__filter-name">' + group[1] + "</span>" + chips.join("") +
        "</div>";
    }).join("");
    filterBox.hidden = false;
  }

  function settle(text) {
    list.setAttribute("data-mlq-for", text);
  }

  // One search at a time: a keystroke during a search waits for it, and only the latest text
  // is searched next (searches for text already typed over are never started).
  var busy = null, again = false;

  function run() {
    list.removeAttribute("data-mlq-for");
    writeUrl();
    if (busy) { again = true; return busy; }
    busy = runOnce().then(next, next);
    return busy;
  }

  function next() {
    busy = null;
    if (again) { again = false; return run(); }
    return null;
  }

  function runOnce() {
    var text = input.value;
    if (normalForm(text).length < 2) {  // one letter matches every word: wait for the next
      list.innerHTML = "";
      meta.textContent = text.trim() ? "Keep typing…" : "Type to search the questions";
      filterBox.hidden = true;
      if (!text.trim()) load();
      settle(text);
      return Promise.resolve();
    }
    if (!pagefind) meta.textContent = "Loading search…";
    var words = null;
    return Promise.all([load(), loadData()]).then(function () {
      words = queryWords(text);
      return search(words);
    }).then(function (found) {
      mark("searched");
      var page = found.results.slice(0, state.shown);
      return Promise.all(page.map(function (r) { return r.data(); })).then(function (records) {
        var total = found.results.length;
        meta.textContent = total === 0 ? "No matching questions" :
          total === 1 ? "1 matching question" : total + " matching questions";
        list.innerHTML = records.map(function (record) {
          return resultItem(record, found.words || words);
        }).join("") + (total > records.length ?
          '<li class="mlq-search__more"><button type="button" class="mlq-chip" ' +
          'data-more>Show more results</button></li>' : "");
        lastCounts = found.filters;
        renderFilters(found.filters);
        list.setAttribute("data-mlq-shown", text);
        if (input.value === text) settle(text);
        mark("shown");
      });
    });
  }

  // --- the URL: ?q=...&topic=...&difficulty=...&role=... -------------------------------------
  function writeUrl() {
    var params = new URLSearchParams(window.location.search);
    ["q"].concat(FILTERS).forEach(function (key) { params.delete(key); });
    if (input.value.trim()) {
      params.set("q", input.value);
      FILTERS.forEach(function (key) {
        if (state.filters[key]) params.set(key, state.filters[key]);
      });
    }
    var search = params.toString();
    var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", url);
    }
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    if (!params.has("q")) return false;
    input.value = params.get("q");
    FILTERS.forEach(function (key) { if (params.get(key)) state.filters[key] = params.get(key); });
    return true;
  }

  // --- opening, closing, keys -----------------------------------------------------------------
  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    load();
    input.focus();
  }

  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a.md-search-result__link"));
  }

  function editable(element) {
    return element instanceof HTMLElement && (element.isContentEditable ||
      /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var inSearch = root.contains(document.activeElement);
    if (!toggle.checked || !inSearch) {
      if ((event.key === "/" || event.key === "s" || event.key === "S") &&
          !editable(event.target)) {
        event.preventDefault();
        event.stopImmediatePropagation();
        open();
      }
      return;
    }
    var items = [input].concat(links());
    var at = items.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      var next = items[(Math.max(at, 0) + step + items.length) % items.length];
      next.focus();
      if (next !== input) next.scrollIntoView({ block: "nearest" });
    } else if (event.key === "Enter" && document.activeElement === input) {
      event.preventDefault();
      var first = links()[0];
      if (first) first.click();
    } else if (event.key.length === 1 && document.activeElement !== input &&
               !(document.activeElement instanceof HTMLButtonElement)) {
      input.focus();  // typing while a result has focus goes on typing the query
    }
  }, true);

  input.addEventListener("focus", function () {
    if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    load();
  });
  input.addEventListener("input", function () { state.shown = PAGE; run(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { state.filters = {}; run(); input.focus(); }, 0);
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      load();
      window.setTimeout(function () { input.focus(); }, 0);
    } else {
      input.blur();
    }
  });
  ["pointerover", "touchstart"].forEach(function (type) {
    root.addEventListener(type, function () { load(); }, { passive: true });
  });

  filterBox.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-filter]");
    if (!button) return;
    var key = button.getAttribute("data-filter"), value = button.getAttribute("data-value");
    state.filters[key] = state.filters[key] === value ? undefined : value;
    state.shown = PAGE;
    run().then(function () {
      var again = filterBox.querySelector('button[data-filter="' + key + '"][data-value="' +
        value + '"]');
      if (again) again.focus();
    });
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest("button[data-more]")) {
      state.shown += PAGE;
      run();
      return;
    }
    var link = event.target.closest("a.md-search-result__link");
    if (!link) return;
    // Close first: a link to this page only changes the hash, and the answer must show.
    close();
    var target = new URL(link.href);
    if (target.pathname === window.location.pathname && target.hash === window.location.hash) {
      event.preventDefault();
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    }
  });
  if (readUrl()) {
    open();
    run();
  }
})();
