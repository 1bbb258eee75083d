// Search over the questions: Material's header search box, driven by the site's own index
// (macros/search_postings.py; searched by search-engine.js).
//
// What loads when (issue #13: first results within 300 ms of the first keystroke and 50 ms per
// further keystroke on a slow phone; a first visit, search's preloading included, within
// 500 KiB):
// - Once the page has loaded and the browser is idle: this box's data
//   (site/search/search-data.json: filter names, words to correct typos to, letter-word pairs
//   the bank joins, the index's chunk list) and the result table (site/search/
//   search-records.json: each question's ID, title, topic, difficulty and roles by its number
//   in the index). The reader opening the box (focus, hover, "/" or "s", a shared ?q= link)
//   starts the same if idle never came. `make bench` reports the bytes.
// - While typing: the index chunks for the words typed (a chunk holds the words that start
//   with the same two or three letters) and, for each result shown, its text, for its snippet.
//   The latest searches and texts are kept, so typing back or retyping costs little.
// - Once the reader has searched: the rest of the index's chunks, a file at a time while the
//   browser is idle (not when it asks to save data), so that search works offline.
// Every request goes to this site.
//
// A query is reduced before it is searched (lower case, "a/b" -> "ab", punctuation -> spaces,
// filler such as "what is", "how does", "vs" dropped, British spellings made American, a lone
// letter joined to its word: "k means" -> "kmeans"); the synonyms were expanded into the index
// at build time. The questions that hold every word come first; when fewer than three pages of
// them do, those that hold most of the words follow. A word no question holds is corrected to
// the nearest word the bank uses, and the query searched again.
//
// Results show in two steps: title, topic and difficulty as soon as they are ranked, then the
// snippets once their texts are in. The result list carries `data-mlq-shown` (the text its
// results are for, from the first step), `data-mlq-complete` (the same, once its snippets are
// in) and `data-mlq-for` (the same, once complete while the text is still the box's: settled),
// which the tests and benchmarks wait for.
// Performance marks named `mlq-search:*` time each step (`ready`: the idle preload is done;
// `searched`, `shown`, `complete`: a query's steps).
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
  var index = null;       // the engine (search-engine.js), once its data and table are in
  var engineLoading = null;
  var dataLoading = null;
  var data = null;        // search-data.json, prepared
  var tableLoading = null;
  var table = null;       // question number -> {id, title, url, topic, topicId, difficulty, roles}
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

  // --- loading --------------------------------------------------------------------------------
  function mark(name) {
    if (window.performance && performance.mark) performance.mark("mlq-search:" + name);
  }

  function engine() {
    // The engine needs the box's data (the index's chunk list) and the result table.
    if (engineLoading) return engineLoading;
    mark("load");
    engineLoading = Promise.all([loadData(), loadTable()]).then(function () {
      index = new window.MLQSearchEngine.Engine(new URL("search/index/", base).href, data.index,
        table.length);
      mark("engine");
    });
    engineLoading.catch(function () {
      engineLoading = null;
      say("Search could not load. Reload the page to try again.");
    });
    return engineLoading;
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
      if (!chips) makeChips();  // now rather than on the first results (the box stays hidden)
      if (lastCounts) showFilters(lastCounts);
    });
    dataLoading.catch(function () { dataLoading = null; });
    return dataLoading;
  }

  function loadTable() {
    if (tableLoading) return tableLoading;
    tableLoading = fetch(new URL("search/search-records.json", base).href).then(function (r) {
      return r.json();
    }).then(function (json) {
      // [question ID, title, where, difficulty, roles]; where: [page, topic title, topic ID]
      table = json.records.map(function (row) {
        var where = json.where[row[2]];
        return { id: row[0], title: row[1], url: where[0] + "#" + row[0], topic: where[1],
          topicId: where[2], difficulty: row[3], roles: row[4] };
      });
      mark("table");
    });
    tableLoading.catch(function () { tableLoading = null; });
    return tableLoading;
  }

  function warmUp() {
    // At idle after the load event: what every query needs, before the reader types.
    engine().then(function () {
      index.rehearse();
      mark("ready");
    }, function () {});
  }

  function prepare() {
    // The reader is about to search.
    engine();
  }

  function whenIdle(callback) {
    var start = function () {
      if (window.requestIdleCallback) window.requestIdleCallback(callback, { timeout: 3000 });
      else window.setTimeout(callback, 500);
    };
    if (document.readyState === "complete") start();
    else window.addEventListener("load", start, { once: true });
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

  // --- searching ------------------------------------------------------------------------------
  // The engine's answers by query and filters. Typing a word searches each of its prefixes; the
  // latest answers are kept, not all (on a large bank one answer lists thousands of questions).
  var searches = new Map();
  var SEARCHES_KEPT = 40;

  function accepts(filters) {
    // Whether question number n passes the pressed filters.
    return function (n) {
      var row = table[n];
      return (!filters.topic || row.topicId === filters.topic) &&
        (!filters.difficulty || row.difficulty === filters.difficulty) &&
        (!filters.role || row.roles.indexOf(filters.role) >= 0);
    };
  }

  function counts(results) {
    // How many of the results each filter value would keep, for the filter buttons.
    var out = { topic: {}, difficulty: {}, role: {} };
    results.forEach(function (result) {
      var row = table[result.id];
      out.topic[row.topicId] = (out.topic[row.topicId] || 0) + 1;
      out.difficulty[row.difficulty] = (out.difficulty[row.difficulty] || 0) + 1;
      row.roles.forEach(function (role) { out.role[role] = (out.role[role] || 0) + 1; });
    });
    return out;
  }

  function engineSearch(words, filters) {
    var key = words.join(" ") + "\n" + JSON.stringify(filters);
    var found = searches.get(key);
    if (!found) {
      found = index.search(words, accepts(filters)).then(function (answer) {
        answer.filters = counts(answer.results);
        return answer;
      });
      found.catch(function () { searches.delete(key); });
      if (searches.size >= SEARCHES_KEPT) searches.delete(searches.keys().next().value);
    } else {
      searches.delete(key);  // kept as the most recent
    }
    searches.set(key, found);
    return found;
  }

  function search(words, correcting) {
    return engineSearch(words, activeFilters()).then(function (found) {
      // A word no question holds is probably mistyped: correct it and search again, once.
      if (correcting || found.held.every(Boolean)) return found;
      var fixed = words.map(function (word, i) {
        return found.held[i] ? word : corrected(word, false);
      });
      if (fixed.join(" ") === words.join(" ")) return found;
      return search(fixed, true).then(function (again) {
        again.words = fixed;
        return again;
      });
    });
  }

  // --- texts: a result's words, for its snippet -------------------------------------------------
  var texts = new Map();      // question number -> its text, ready for snippets
  var fetching = new Map();   // question number -> promise of it
  var TEXTS_KEPT = 300;       // the latest; a large bank's would not fit in a phone's memory

  function fetchText(result) {
    if (texts.has(result.id)) return Promise.resolve(texts.get(result.id));
    if (!fetching.has(result.id)) {
      var url = new URL("search/text/" + table[result.id].id + ".txt", base).href;
      fetching.set(result.id, fetch(url).then(function (response) {
        if (!response.ok) throw new Error("search text: " + response.status);
        return response.text();
      }).then(function (own) {
        var text = questionText(own);
        texts.set(result.id, text);
        fetching.delete(result.id);
        forgetOldTexts();
        return text;
      }, function () {
        fetching.delete(result.id);
        return null;  // offline or gone: the result shows without a snippet
      }));
    }
    return fetching.get(result.id);
  }

  function forgetOldTexts() {
    var over = texts.size - TEXTS_KEPT;
    texts.forEach(function (text, id) {
      if (over > 0 && !items.has(id)) { texts.delete(id); over--; }
    });
  }

  function questionText(own) {
    // The question's own words (short answer and body; the title is shown above the snippet),
    // and the same words in lower case with "a/b" written "ab" (as normalForm has them), done
    // once per question: a snippet is chosen again on every keystroke.
    own = own.trim();
    return {
      tokens: own.split(/\s+/),
      lower: own.toLowerCase().replace(/\b([a-z0-9])\/([a-z0-9])\b/g, "$1$2").split(/\s+/)
    };
  }

  // --- showing results ------------------------------------------------------------------------
  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  var SNIPPET_WORDS = 28;

  function snippet(text, words) {
    // The window of SNIPPET_WORDS words of the question's text that holds most query words
    // (matched by their start, so forms of a word count), with those marked.
    var tokens = text.tokens;
    var stems = words.filter(function (w) { return w.lastIndexOf("zq", 0) !== 0; })
      .map(function (w) { return w.length > 5 ? w.slice(0, Math.max(5, w.length - 3)) : w; });
    // A word matches when one of its parts (split at anything but a letter or digit, as
    // normalForm splits) starts with a stem. Query words hold only letters and digits.
    var starts = new RegExp("(?:^|[^a-z0-9])(?:" + (stems.join("|") || "(?!)") + ")");
    var hits = text.lower.map(function (word) { return starts.test(word); });
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

  function described(result) {
    // What a result shows besides its snippet.
    return table[result.id];
  }

  function resultLink(result) {
    // A result's link, title, topic and difficulty: all of it but the snippet.
    var d = described(result) || {};
    return '<a href="' + escape(new URL(d.url || "", base).href) + '" ' +
      'class="md-search-result__link mlq-search-result" data-mlq-id="' + escape(d.id || "") +
      '" tabindex="-1">' +
      '<article class="md-search-result__article md-typeset">' +
      "<h1>" + escape(d.title || "") + "</h1>" +
      '<p class="mlq-search-result__where">' + escape(d.topic || "") +
      ' <span class="mlq-search-result__level mlq-search-result__level--' +
      escape(d.difficulty || "") + '">' + escape(d.difficulty || "") + "</span></p>" +
      '<p class="md-search-result__teaser"></p>' +
      "</article></a>";
  }

  function teaser(result, words) {
    var text = texts.get(result.id);
    return text ? snippet(text, words) : "";
  }

  // The list's items by question number, with the HTML each shows. A letter typed often keeps
  // most of the ten results: their items stay, and only what changed is rewritten, so that the
  // browser lays out and paints little between keystrokes.
  var items = new Map();
  var moreItem = null;

  function showResults(page, words, more) {
    var kept = new Map();
    page.forEach(function (result, i) {
      var item = items.get(result.id) ||
        { li: document.createElement("li"), link: null, teaser: null };
      var link = resultLink(result), text = teaser(result, words);
      if (item.link !== link) {
        item.li.className = "md-search-result__item";
        item.li.innerHTML = link;
        item.link = link;
        item.teaser = "";
      }
      if (item.teaser !== text) {
        item.li.querySelector(".md-search-result__teaser").innerHTML = text;
        item.teaser = text;
      }
      if (list.children[i] !== item.li) list.insertBefore(item.li, list.children[i] || null);
      kept.set(result.id, item);
    });
    items.forEach(function (item, id) { if (!kept.has(id)) list.removeChild(item.li); });
    items = kept;
    if (more) {
      if (!moreItem) {
        moreItem = document.createElement("li");
        moreItem.className = "mlq-search__more";
        moreItem.innerHTML = '<button type="button" class="mlq-chip" data-more>' +
          "Show more results</button>";
      }
      list.appendChild(moreItem);
    } else if (moreItem && moreItem.parentNode) {
      list.removeChild(moreItem);
    }
  }

  function clearResults() {
    if (list.firstChild) list.innerHTML = "";
    items = new Map();
  }

  function say(message) {
    // The line above the results (read out by screen readers: aria-live), rewritten only when
    // it changes, so that a keystroke costs the browser no layout it does not need.
    if (meta.textContent !== message) meta.textContent = message;
  }

  function fillSnippet(result, words) {
    var item = items.get(result.id), text = teaser(result, words);
    if (!item || item.teaser === text) return;
    item.li.querySelector(".md-search-result__teaser").innerHTML = text;
    item.teaser = text;
  }

  // The filter buttons, made once; a search changes their counts, which are shown, and which
  // are pressed, in place. A topic shows only when results have it (or it is pressed).
  var chips = null;

  function makeChips() {
    // Difficulty and role in a row each. Topics (eighteen) fold under a "Topic" toggle on a
    // narrow screen, where they would push the results below the fold; open on a wide one.
    var chipsOf = function (key, entries) {
      return entries.map(function (entry) {
        return '<button type="button" class="mlq-chip" data-filter="' + key + '" data-value="' +
          escape(entry[0]) + '" aria-pressed="false">' + escape(entry[1]) +
          ' <span class="mlq-chip__count">0</span></button>';
      }).join("");
    };
    var row = function (key, name, entries) {
      return '<div class="mlq-search__filter" role="group" aria-label="' + name + '">' +
        '<span class="mlq-search__filter-name">' + name + "</span>" + chipsOf(key, entries) +
        "</div>";
    };
    var wide = window.matchMedia && window.matchMedia("(min-width: 45em)").matches;
    filterBox.innerHTML = row("difficulty", "Difficulty", data.difficulties) +
      row("role", "Role", data.roles) +
      '<details class="mlq-search__topics"' + (wide ? " open" : "") + ">" +
      '<summary class="mlq-search__filter-name">Topic<span class="mlq-search__topic-pressed">' +
      "</span></summary>" +
      '<div class="mlq-search__filter" role="group" aria-label="Topic">' +
      chipsOf("topic", data.topics) + "</div></details>";
    topicPressed = filterBox.querySelector(".mlq-search__topic-pressed");
    chips = Array.prototype.map.call(filterBox.querySelectorAll("button"), function (button) {
      return { button: button, count: button.querySelector(".mlq-chip__count"), n: 0,
        key: button.getAttribute("data-filter"), value: button.getAttribute("data-value"),
        pressed: false, hidden: false };
    });
  }

  var topicPressed = null;  // the toggle's note of the pressed topic, seen while it is folded

  function showFilters(counts) {
    lastCounts = counts;
    if (!data) return;
    if (!chips) makeChips();
    chips.forEach(function (chip) {
      var n = (counts && counts[chip.key] && counts[chip.key][chip.value]) || 0;
      var pressed = state.filters[chip.key] === chip.value;
      var hidden = chip.key === "topic" && !pressed && !(n > 0);
      if (chip.n !== n) { chip.count.textContent = n; chip.n = n; }
      if (chip.pressed !== pressed) {
        chip.button.setAttribute("aria-pressed", String(pressed));
        chip.pressed = pressed;
      }
      if (chip.hidden !== hidden) { chip.button.hidden = hidden; chip.hidden = hidden; }
    });
    var topic = state.filters.topic ? data.topics.filter(function (entry) {
      return entry[0] === state.filters.topic;
    })[0] : null;
    var note = topic ? ": " + topic[1] : "";
    if (topicPressed.textContent !== note) topicPressed.textContent = note;
    filterBox.hidden = false;
  }

  var shownCount = 0;  // counts lists shown, so a late snippet never lands in a newer list

  function show(text, found, words) {
    // Step one: the results, with the snippets already at hand.
    var page = found.results.slice(0, state.shown);
    var total = found.results.length;
    say(total === 0 ? "No matching questions" :
      total === 1 ? "1 matching question" : total + " matching questions");
    showResults(page, words, total > page.length);
    showFilters(found.filters);
    shownCount += 1;
    list.setAttribute("data-mlq-shown", text);
    mark("shown");
    fillSnippets(text, page, words, shownCount);
  }

  function fillSnippets(text, page, words, shown) {
    // Step two: the missing snippets, all at once when their texts are in (each change to the
    // page costs the browser a frame's work); then the list is settled. Not while the reader
    // has typed on: this list is about to go, and its texts would compete with the index
    // chunks the newer text needs.
    if (again) return null;
    var missing = page.filter(function (result) { return !texts.has(result.id); });
    return Promise.all(missing.map(fetchText)).then(function () {
      if (shown !== shownCount) return;
      missing.forEach(function (result) { fillSnippet(result, words); });
      list.setAttribute("data-mlq-complete", text);
      mark("complete");
      if (input.value === text) settle(text);
    });
  }

  function settle(text) {
    list.setAttribute("data-mlq-for", text);
    if (index && normalForm(text).length >= 2) completeIndex();
  }

  // Once the reader has searched, the rest of the index follows, a file at a time while the
  // browser is idle, so that search keeps working offline (a result whose text was never
  // fetched then shows without its snippet). Not when the reader asked the browser to save
  // data. `make bench` reports the bytes.
  var completing = false;

  function completeIndex() {
    if (completing || (navigator.connection && navigator.connection.saveData)) return;
    completing = true;
    var keys = index.missing();
    var step = function () {
      if (!keys.length) { mark("offline-ready"); return; }
      var key = keys.shift();
      index.chunk(key).then(later, later);
    };
    var later = function () {
      if (window.requestIdleCallback) window.requestIdleCallback(step, { timeout: 2000 });
      else window.setTimeout(step, 50);
    };
    later();
  }

  var OFFLINE = "Search could not reach the site for these words. Check the connection and " +
    "type again.";

  // One search at a time: a keystroke during a search waits for it, and only the latest text
  // is searched next (searches for text already typed over are never started). Snippets are
  // not waited for.
  var busy = null, again = false;

  function run() {
    list.removeAttribute("data-mlq-for");
    writeUrlSoon();
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
    var text = input.value, normal = normalForm(text);
    if (normal.length < 2) {  // one letter matches every word: wait for the next
      clearResults();
      say(text.trim() ? "Keep typing…" : "Type to search the questions");
      filterBox.hidden = true;
      prepare();
      if (normal) engine().then(function () { index.prefetch(normal); }, function () {});
      settle(text);
      return Promise.resolve();
    }
    if (!index) say("Loading search…");
    var words = null;
    return engine().then(function () {
      words = queryWords(text);
      return search(words).then(function (found) {
        mark("searched");
        show(text, found, found.words || words);
      }, function () {
        // A chunk of the index could not be fetched (offline, say). Words searched before
        // stay searchable: their chunks are kept.
        clearResults();
        filterBox.hidden = true;
        say(OFFLINE);
        settle(text);
      });
    });
  }

  // --- the URL: ?q=...&topic=...&difficulty=...&role=... -------------------------------------
  // Written once typing pauses, and before a result is followed: the browser's history API
  // costs several milliseconds a call on a slow phone (and refuses too many calls in a row).
  var urlTimer = null;

  function writeUrlSoon() {
    window.clearTimeout(urlTimer);
    urlTimer = window.setTimeout(writeUrl, 300);
  }

  function writeUrl() {
    window.clearTimeout(urlTimer);
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
    prepare();
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
    prepare();
  });
  input.addEventListener("input", function () { state.shown = PAGE; run(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { state.filters = {}; run(); input.focus(); }, 0);
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      prepare();
      window.setTimeout(function () { input.focus(); }, 0);
    } else {
      input.blur();
    }
  });
  ["pointerover", "touchstart"].forEach(function (type) {
    root.addEventListener(type, prepare, { passive: true });
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
    writeUrl();  // so that going back returns to this search
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
  } else {
    whenIdle(warmUp);
  }
})();
