// Accessibility fixes for the stock theme, found by axe-core.
(function () {
  // A wide table scrolls inside Material's wrapper: keyboard users must be able to focus it to
  // scroll it (scrollable-region-focusable). Checked on load and whenever an answer opens,
  // since a table in a closed answer has no width to overflow until then.
  function focusableScrollers(root) {
    var wraps = Array.prototype.slice.call(
      root.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code"));
    var wide = wraps.filter(function (wrap) {
      return wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex");
    });
    wide.forEach(function (wrap) { wrap.setAttribute("tabindex", "0"); });
  }

  // Material wraps each code block's copy button in a <nav>: one navigation landmark per code
  // block, all unnamed (landmark-unique). A copy button is not navigation.
  function unlandmarkCodeButtons(root) {
    root.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "presentation");
    });
  }

  function fix(root) {
    focusableScrollers(root);
    unlandmarkCodeButtons(root);
  }

  document.addEventListener("toggle", function (event) {
    if (event.target.open) fix(event.target);
  }, true);
  // The theme adds code-block buttons after page load (and as blocks are opened or scrolled to).
  // Only what was added is looked at: the search box rewrites its results on every keystroke,
  // and searching the whole page each time would slow typing.
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      if (record.target.closest && record.target.closest(".md-search")) return;  // no code there
      record.addedNodes.forEach(function (node) {
        if (node.nodeType !== 1) return;
        if (node.matches("nav.md-code__nav:not([role])")) node.setAttribute("role", "presentation");
        else unlandmarkCodeButtons(node);
      });
    });
  }).observe(document.body, { childList: true, subtree: true });

  document$.subscribe(function () {
    // The search dialog has no accessible name.
    var search = document.querySelector(".md-search");
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
    fix(document);
  });
})();
