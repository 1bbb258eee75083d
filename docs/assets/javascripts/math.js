// Render the math that pymdownx.arithmatex marked, with the self-hosted KaTeX.
// Only inside .arithmatex elements: other text may contain dollar signs or backslashes.
//
// KaTeX (about 80 KB gzip) is fetched only by pages that have math, or that ask for it
// (the self-quiz, through mlqMath.whenReady): the home page and the indexes never pay for it.
// Math inside a closed answer is rendered when the answer opens, not on page load: a topic page
// holds dozens of closed answers, and typesetting all their formulas up front blocks the main
// thread for no visible gain (the long task Lighthouse reports on phones).
(function () {
  var OPTIONS = {
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true }
    ],
    throwOnError: false
  };
  // The KaTeX files sit beside this script's folder: assets/javascripts/ -> assets/katex/.
  var KATEX = new URL("../katex/", document.currentScript.src).href;
  var loading = null;

  function load(url, kind) {
    return new Promise(function (resolve, reject) {
      var node = document.createElement(kind === "css" ? "link" : "script");
      if (kind === "css") { node.rel = "stylesheet"; node.href = url; } else { node.src = url; }
      node.onload = resolve;
      node.onerror = function () { reject(new Error("could not load " + url)); };
      document.head.appendChild(node);
    });
  }

  // Calls `callback` once KaTeX and its auto-render extension are loaded (loads them once).
  function whenReady(callback) {
    if (!loading) {
      loading = Promise.all([load(KATEX + "katex.min.css", "css"), load(KATEX + "katex.min.js")])
        .then(function () { return load(KATEX + "contrib/auto-render.min.js"); });
    }
    loading.then(callback);
  }

  // Typeset one element. Measuring (is it wider than its column?) is left to `measure`, run once
  // per batch: reading scrollWidth after each formula forces a layout of the whole page per
  // formula, which on a page of formulas costs seconds of main thread on a phone.
  function typeset(element) {
    if (element.hasAttribute("data-math-rendered")) return false;
    element.setAttribute("data-math-rendered", "");
    // A table header holding only math has no text axe can name (empty-table-header): KaTeX's
    // MathML does not count. Label it with its TeX source, as an image of math would be.
    if (element.closest("th")) {
      element.setAttribute("role", "img");
      element.setAttribute("aria-label", element.textContent.replace(/^\\[(\[]|\\[)\]]$/g, "").trim());
    }
    renderMathInElement(element, OPTIONS);
    return true;
  }
  // A formula wider than the column scrolls sideways (site.css); a keyboard user must be able
  // to focus it to scroll it (WCAG 2.1.1, axe's scrollable-region-focusable). Read once per batch
  // of formulas, never once per formula: each read after a change forces a layout of the page.
  function markIfWide(element) {
    if (!element.hasAttribute("tabindex") && element.scrollWidth > element.clientWidth) {
      element.setAttribute("tabindex", "0");
    }
  }
  // Once per batch: one layout, which the browser's next frame would do anyway.
  function measure(elements) {
    elements.forEach(function (element) {
      if (element.tagName === "DIV") markIfWide(element);
    });
  }
  // Printing: typeset and measure at once (the print layout is computed anyway).
  function render(element) { if (typeset(element) && element.tagName === "DIV") markIfWide(element); }

  // Formulas are typeset in slices of at most ~30 ms, yielding to the browser in between: no
  // long task however many formulas come into view at once (Lighthouse's Total Blocking Time).
  var queue = [], slicing = false;
  function enqueue(elements) {
    elements.forEach(function (element) {
      if (!element.hasAttribute("data-math-rendered") && !element.hasAttribute("data-math-queued")) {
        element.setAttribute("data-math-queued", "");
        queue.push(element);
      }
    });
    if (!slicing && queue.length) {
      slicing = true;
      whenReady(function () { window.setTimeout(slice, 0); });
    }
  }
  function slice() {
    var started = Date.now(), done = [];
    while (queue.length && Date.now() - started < 30) {
      var element = queue.shift();
      element.removeAttribute("data-math-queued");
      if (typeset(element)) done.push(element);
    }
    measure(done);
    if (queue.length) window.setTimeout(slice, 0); else slicing = false;
  }

  // Math far below the fold is typeset as it approaches the viewport: a page of formulas (the
  // metric reference) would otherwise spend its first seconds on a phone typesetting unseen math.
  var nearViewport = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    var near = entries.filter(function (entry) { return entry.isIntersecting; })
      .map(function (entry) { nearViewport.unobserve(entry.target); return entry.target; });
    enqueue(near);
  }, { rootMargin: "1500px 0px" }) : null;

  function renderShown(root) {
    var shown = Array.prototype.filter.call(root.querySelectorAll(".arithmatex"), function (el) {
      return !el.closest("details:not([open])") && !el.hasAttribute("data-math-rendered");
    });
    if (!shown.length) return;
    if (nearViewport) shown.forEach(function (el) { nearViewport.observe(el); });
    else enqueue(shown);
  }

  // A printed page shows every formula, seen or not, closed answers included. A print dialog
  // cannot wait for KaTeX to download, so once the page has loaded the rest of its math is
  // typeset in the background, a few formulas per idle period (no long task); `beforeprint`
  // finishes whatever is left. <html data-math-typeset="all"> marks the end, for tests.
  var idle = window.requestIdleCallback || function (callback) {
    return window.setTimeout(function () {
      callback({ timeRemaining: function () { return 8; } });
    }, 30);
  };
  function typesetRestInBackground() {
    var pending = Array.prototype.slice.call(
      document.querySelectorAll(".arithmatex:not([data-math-rendered])"));
    var done = function () { document.documentElement.setAttribute("data-math-typeset", "all"); };
    if (!pending.length) { done(); return; }
    whenReady(function () {
      idle(function step(deadline) {
        var batch = [], started = Date.now();
        while (pending.length && deadline.timeRemaining() > 3 && Date.now() - started < 25) {
          var element = pending.shift();
          if (typeset(element)) batch.push(element);
        }
        measure(batch);
        if (pending.length) idle(step); else done();
      });
    });
  }
  if (document.readyState === "complete") typesetRestInBackground();
  else window.addEventListener("load", typesetRestInBackground);
  window.addEventListener("beforeprint", function () {
    var all = document.querySelectorAll(".arithmatex:not([data-math-rendered])");
    if (typeof renderMathInElement === "function") all.forEach(render);
  });

  // For scripts that add math to the page later (the quiz's cards, the chooser's result).
  window.mlqMath = { whenReady: whenReady, options: OPTIONS, renderIn: renderShown };
  // `toggle` does not bubble, but a capturing listener on the document sees every <details>.
  // Math typeset in the background while its answer was closed had no width to measure: measure
  // it when the answer opens.
  document.addEventListener("toggle", function (event) {
    if (!event.target.open) return;
    renderShown(event.target);
    measure(Array.prototype.slice.call(
      event.target.querySelectorAll("div.arithmatex[data-math-rendered]:not([tabindex])")));
  }, true);
  document$.subscribe(function () { renderShown(document); });
})();
