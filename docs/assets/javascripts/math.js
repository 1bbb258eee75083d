// Render the math that pymdownx.arithmatex marked, with the self-hosted KaTeX.
// Only inside .arithmatex elements: other text may contain dollar signs or backslashes.
document$.subscribe(function () {
  document.querySelectorAll(".arithmatex").forEach(function (element) {
    renderMathInElement(element, {
      delimiters: [
        { left: "\\(", right: "\\)", display: false },
        { left: "\\[", right: "\\]", display: true }
      ],
      throwOnError: false
    });
  });
  // A formula wider than the column scrolls sideways (site.css); a keyboard user must be able
  // to focus it to scroll it (WCAG 2.1.1, axe's scrollable-region-focusable).
  document.querySelectorAll("div.arithmatex").forEach(function (element) {
    if (element.scrollWidth > element.clientWidth && !element.hasAttribute("tabindex")) {
      element.setAttribute("tabindex", "0");
    }
  });
});
