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
    // A formula wider than the page scrolls sideways: keyboard users must be able to reach it.
    if (element.scrollWidth > element.clientWidth) element.setAttribute("tabindex", "0");
  });
});
