// Land on an answer, not on a closed box.
//
// A search result links to its question's heading (`#<id>`), and a #fragment naming a heading
// does not open the <details> below it. Only that answer opens: opening others (say, every one
// that mentions a searched word) would grow the page above the target after the scroll and push
// it out of view. Once it is open, the heading is scrolled to the top again, in case the page
// moved while it loaded.
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
      target.scrollIntoView();
    }
  }

  // document$ emits on every page, after instant navigation too.
  document$.subscribe(openTarget);
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
