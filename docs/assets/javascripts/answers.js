// Land on an answer, not on a closed box.
//
// Material's search links to the nearest heading (the question) and marks the matched words, which
// sit inside the question's closed <details>. A #fragment naming the question heading does not
// open the details below it either. Both cases open the answer here.
//
// A topic split into sections keeps its answers on the section pages; its own page lists the
// questions, each entry carrying the anchors once published there. A link to such an anchor is
// forwarded (location.replace, so Back skips the list) to the answer the entry links to.
(function () {
  function openAncestors(element) {
    for (var node = element; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
  }

  // The answer that belongs to a question heading: the first <details> after it, before the
  // next question heading.
  function answerAfter(heading) {
    for (var node = heading.nextElementSibling; node; node = node.nextElementSibling) {
      if (node.tagName === "DETAILS") return node;
      if (/^H[1-2]$/.test(node.tagName)) return null;
    }
    return null;
  }

  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    if (!target) return;
    var entry = target.closest(".q-landing li");
    if (entry) {
      var link = entry.querySelector("a.q-listed-link");
      if (link) window.location.replace(link.href);
      return;
    }
    openAncestors(target);
    if (target.classList.contains("q-former")) {  // a former ID: the question's heading follows
      while (target && !target.classList.contains("question")) target = target.nextElementSibling;
      if (!target) return;
      target.scrollIntoView();
    }
    if (target.classList.contains("question")) {
      var answer = answerAfter(target);
      if (answer) answer.open = true;
    }
  }

  function openHighlights() {
    document.querySelectorAll("mark[data-md-highlight]").forEach(openAncestors);
  }

  document$.subscribe(function () {
    openTarget();
    openHighlights();
    // Material adds highlight marks after the content is mounted; catch them as they appear.
    var content = document.querySelector(".md-content");
    if (content && new URLSearchParams(window.location.search).has("h")) {
      new MutationObserver(openHighlights).observe(content, { childList: true, subtree: true });
    }
  });
  window.addEventListener("hashchange", openTarget);

  // A printed page shows every answer; the ones the reader had closed close again afterwards.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"),
      function (details) { details.open = true; return true; });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  });
})();
