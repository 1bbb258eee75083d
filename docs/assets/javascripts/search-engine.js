// The search box's engine: searches the index macros/search_postings.py writes (site/search/).
//
// Each query word is looked up in the chunk of the index that holds words starting as it does
// (fetched once, then kept): as itself, by its stem (`stem`, the same rules as
// macros/search_stem.py), and as the start of longer words, which count for less the more
// letters they add (the reader may still be typing). A question's score for a word is the best
// of its matches' scores, each computed at build time; its score for the query is their sum.
// Questions that hold every word come first; when fewer than MIN_ALL do, those that hold most
// of the words follow. Everything here is arithmetic on small arrays: on a bank of 5,000
// questions a keystroke costs a few milliseconds.
(function () {
  "use strict";

  // --- stems: keep equal to macros/search_stem.py (a test runs both over the vocabulary) ----
  var RULES = [
    ["izations", "iz"], ["ization", "iz"], ["isations", "iz"], ["isation", "iz"],
    ["izing", "iz"], ["ized", "iz"], ["izes", "iz"], ["izer", "iz"], ["izers", "iz"],
    ["ize", "iz"],
    ["ations", ""], ["ation", ""], ["ating", ""], ["ated", ""], ["ates", ""], ["ate", ""],
    ["ies", "y"], ["ied", "y"],
    ["ings", ""], ["ing", ""],
    ["sses", "ss"], ["ches", "ch"], ["shes", "sh"], ["xes", "x"],
    ["ed", ""],
    ["ss", "ss"], ["us", "us"], ["is", "is"],
    ["s", ""]
  ];
  var MIN_STEM = 4;
  var DOUBLE = /([^aeiouslz])\1$/;

  function stem(word) {
    if (word.length <= MIN_STEM || !/^[a-z]+$/.test(word)) return word;
    for (var i = 0; i < RULES.length; i++) {
      var suffix = RULES[i][0];
      if (word.length > suffix.length && word.slice(-suffix.length) === suffix) {
        var root = word.slice(0, word.length - suffix.length) + RULES[i][1];
        if (root.length >= MIN_STEM) { word = root; break; }
      }
    }
    if (DOUBLE.test(word) && word.length > MIN_STEM) word = word.slice(0, -1);
    if (word.charAt(word.length - 1) === "e" && word.length > MIN_STEM) word = word.slice(0, -1);
    return word;
  }

  var MIN_ALL = 30;  // fewer questions than this with every word: add those with most words
  var SCALE = 100;   // scores are stored in hundredths

  function prefixWeight(typed, word) {
    // A word that only starts with what was typed: "prec" is likely "precision", less likely
    // the longer the rest.
    return 1 / (1 + 0.6 * (word.length - typed.length) / typed.length);
  }

  function Engine(base, manifest, size) {
    this.base = base;              // URL of the folder of the index's chunks
    this.files = manifest;         // chunk key -> file name
    this.keys = Object.keys(manifest);
    this.size = size;              // how many questions
    this.chunks = new Map();       // file name -> promise of its chunks, prepared
  }

  Engine.prototype.keysFor = function (word) {
    // Chunks are keyed by two letters, or three where the index split a large one.
    return this.keys.filter(function (key) {
      return key.lastIndexOf(word, 0) === 0 || word.lastIndexOf(key, 0) === 0;
    });
  };

  Engine.prototype.chunk = function (key) {
    // A promise of the chunk's file (small chunks share one); once it is in, `ready` holds it
    // too, for synchronous use.
    var chunks = this.chunks, file = this.files[key];
    if (!chunks.has(file)) {
      var loading = fetch(new URL(file, this.base).href).then(function (response) {
        if (!response.ok) throw new Error("search index: " + response.status);
        return response.json();
      }).then(function (json) {
        var byStem = new Map();
        json.s.forEach(function (s, i) { byStem.set(s, i); });
        loading.ready = { stems: byStem, words: json.w, groups: json.g, decoded: [] };
        return loading.ready;
      });
      loading.catch(function () { chunks.delete(file); });
      chunks.set(file, loading);
    }
    return chunks.get(file);
  };

  Engine.prototype.prefetch = function (letter) {
    // A first letter typed: the chunks of every word that starts with it, so that the search
    // for the second letter finds its chunks in (or on their way).
    var self = this;
    return Promise.all(this.keys.filter(function (key) { return key.charAt(0) === letter; })
      .map(function (key) { return self.chunk(key).catch(function () { return null; }); }));
  };

  Engine.prototype.missing = function () {
    // One key for each file of the index not fetched (or being fetched) yet.
    var self = this, seen = new Set(), out = [];
    this.keys.forEach(function (key) {
      var file = self.files[key];
      if (!seen.has(file) && !self.chunks.has(file)) out.push(key);
      seen.add(file);
    });
    return out;
  };

  Engine.prototype.rehearse = function () {
    // At idle: one search over a made-up chunk that every question is in, so that the browser
    // has compiled what a search runs before the reader's first (on a slow phone some 40 ms on
    // a large bank). Nothing is fetched.
    var gaps = [], scores = [];
    for (var n = 0; n < this.size; n++) { gaps.push(n ? 1 : 0); scores.push(1 + (n * 7919) % 997); }
    var chunk = { stems: new Map([["rehearsal", 0]]), words: [["rehearsal", 0]],
      groups: [[gaps, scores]], decoded: [] };
    this.rank(["rehearsal", "rehearsal"], function () { return true; }, [chunk]);
  };

  Engine.prototype.load = function (words) {
    // Every chunk the words need; resolves when they are in.
    var self = this, keys = new Map();  // one key per file
    words.forEach(function (word) {
      self.keysFor(word).forEach(function (k) { keys.set(self.files[k], k); });
    });
    return Promise.all(Array.from(keys.values(), function (key) { return self.chunk(key); }));
  };

  function postings(chunk, g) {
    // A stem's questions and scores, decoded once.
    var done = chunk.decoded[g];
    if (done) return done;
    var gaps = chunk.groups[g][0], scores = chunk.groups[g][1];
    var numbers = new Int32Array(gaps.length), at = 0;
    for (var i = 0; i < gaps.length; i++) { at += gaps[i]; numbers[i] = at; }
    done = chunk.decoded[g] = { numbers: numbers, scores: scores };
    return done;
  }

  function firstAtLeast(words, word) {
    // Binary search in a chunk's sorted [word, stem] pairs.
    var lo = 0, hi = words.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (words[mid][0] < word) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  Engine.prototype.matches = function (word, chunk, typing) {
    // The stems a query word matches in one chunk, each with its weight: 1 for the word itself
    // or its stem; less for longer words it starts, when the reader may still be typing it (the
    // last word) or the bank has no such word ("hyperparam").
    var found = new Map(), words = chunk.words;
    var i = firstAtLeast(words, word);
    if (i < words.length && words[i][0] === word) found.set(words[i][1], 1);
    else if (chunk.stems.has(stem(word))) found.set(chunk.stems.get(stem(word)), 1);
    if (found.size && !typing) return found;
    for (; i < words.length && words[i][0].lastIndexOf(word, 0) === 0; i++) {
      var weight = prefixWeight(word, words[i][0]), g = words[i][1];
      if (!(found.get(g) >= weight)) found.set(g, weight);
    }
    return found;
  };

  Engine.prototype.loaded = function (word) {
    // The chunks a word needs, those already in.
    var self = this, files = new Set(), out = [];
    this.keysFor(word).forEach(function (key) { files.add(self.files[key]); });
    files.forEach(function (file) {
      var pending = self.chunks.get(file);
      if (pending && pending.ready) out.push(pending.ready);
    });
    return out;
  };

  Engine.prototype.wordScores = function (word, chunks, typing) {
    // Each question's score for one query word (0: no match), from its chunks.
    var self = this, best = new Float64Array(this.size), any = false;
    chunks.forEach(function (chunk) {
      self.matches(word, chunk, typing).forEach(function (weight, g) {
        var p = postings(chunk, g), numbers = p.numbers, scores = p.scores;
        for (var k = 0; k < numbers.length; k++) {
          var value = scores[k] * weight;
          if (value > best[numbers[k]]) best[numbers[k]] = value;
        }
        any = any || numbers.length > 0;
      });
    });
    return any ? best : null;
  };

  Engine.prototype.search = function (words, keep) {
    // Questions for the words, best first, among those `keep(number)` accepts: {results:
    // [{id: number, score}], held: for each word, whether any question holds it}.
    var self = this;
    return this.load(words).then(function () { return self.rank(words, keep); });
  };

  Engine.prototype.rank = function (words, keep, chunks) {
    // `chunks`: the chunks to search, when not the engine's own (a rehearsal).
    var size = this.size, count = new Uint8Array(size), total = new Float64Array(size);
    var held = words.map(function (word, i) {
      var best = this.wordScores(word, chunks || this.loaded(word), i === words.length - 1);
      if (!best) return false;
      for (var n = 0; n < size; n++) {
        if (best[n] > 0) { count[n] += 1; total[n] += best[n]; }
      }
      return true;
    }, this);
    var all = [], some = [];
    for (var n = 0; n < size; n++) {
      if (!count[n] || !keep(n)) continue;
      (count[n] === words.length ? all : some).push(n);
    }
    var byScore = function (a, b) { return total[b] - total[a] || a - b; };
    all.sort(byScore);
    if (all.length < MIN_ALL && words.length > 1) {
      some.sort(function (a, b) { return count[b] - count[a] || byScore(a, b); });
      all = all.concat(some);
    }
    return {
      results: all.map(function (n) { return { id: n, score: total[n] / SCALE }; }),
      held: held
    };
  };

  window.MLQSearchEngine = { Engine: Engine, stem: stem };
})();
