/* Material requests the search index (an XMLHttpRequest for search/search_index.json) while its
   bundle starts, so on a slow connection the index competes with the page's own fonts, styles
   and images. The request is held back until the page has loaded and the browser is idle, or
   until the reader shows they are about to search (a pointer over or on the search box, or its
   focus, which Material's "/", "s" and "f" shortcuts give it), whichever comes first. Material
   shows "Initializing search" until its worker has built the index, and then runs the query
   typed meanwhile. Must run before Material's bundle, which sends the request as it starts. */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json(?:[?#].*)?$/;
  var wanted = false;
  var held = [];

  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (send) { send(); });
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.mlqIsSearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (xhr.mlqIsSearchIndex && !wanted) {
      held.push(function () { send.apply(xhr, args); });
      return undefined;
    }
    return send.apply(xhr, args);
  };

  function isSearch(target) {
    return target instanceof Element &&
      !!target.closest(".md-search, label[for='__search'], input#__search");
  }
  ["pointerover", "pointerdown", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (isSearch(event.target)) want();
    }, { capture: true, passive: true });
  });
  document.addEventListener("change", function (event) {
    if (event.target instanceof Element && event.target.id === "__search") want();
  }, true);
  // A shared search link (?q=...) searches at once.
  if (/[?&]q=/.test(location.search)) want();
  window.addEventListener("load", function () {
    if ("requestIdleCallback" in window) window.requestIdleCallback(want, { timeout: 2000 });
    else window.setTimeout(want, 200);
  });
})();
