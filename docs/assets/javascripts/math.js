// Render the math that pymdownx.arithmatex marked, with the self-hosted KaTeX.
// Only inside .arithmatex elements: other text may contain dollar signs or backslashes.
//
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

  function render(element) {
    if (element.hasAttribute("data-math-rendered")) return;
    element.setAttribute("data-math-rendered", "");
    renderMathInElement(element, OPTIONS);
    // A formula wider than the column scrolls sideways (site.css); a keyboard user must be able
    // to focus it to scroll it (WCAG 2.1.1, axe's scrollable-region-focusable).
    if (element.tagName === "DIV" && element.scrollWidth > element.clientWidth &&
        !element.hasAttribute("tabindex")) {
      element.setAttribute("tabindex", "0");
    }
  }

  function renderShown(root) {
    root.querySelectorAll(".arithmatex").forEach(function (element) {
      if (!element.closest("details:not([open])")) render(element);
    });
  }

  // `toggle` does not bubble, but a capturing listener on the document sees every <details>.
  document.addEventListener("toggle", function (event) {
    if (event.target.open) renderShown(event.target);
  }, true);
  document$.subscribe(function () { renderShown(document); });
})();
