// Accessibility fixes for the stock theme, found by axe-core: the search dialog has no
// accessible name.
document$.subscribe(function () {
  var search = document.querySelector(".md-search");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
});
