// "Copy link" beside every question: copies its permanent /q/<id>/ URL (absolute, from wherever
// the site is served) and says so to screen readers. The button ships hidden, so a reader
// without JavaScript never meets a button that does nothing.
(function () {
  var status = null;

  function announce(text) {
    if (!status) {
      status = document.createElement("div");
      status.className = "q-copy-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function copied(button) {
    button.textContent = "Link copied";
    button.classList.add("q-copy-link--done");
    announce("Link copied");
    window.setTimeout(function () {
      button.textContent = "Copy link";
      button.classList.remove("q-copy-link--done");
    }, 2000);
  }

  function fallbackCopy(text) {
    // Clipboard API unavailable (an http:// origin other than localhost): a selected textarea.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function copy(button) {
    var url = new URL(button.getAttribute("data-copy-url"), window.location.href).href;
    button.setAttribute("data-copied-url", url);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () { copied(button); }, function () {
        if (fallbackCopy(url)) copied(button); else announce("Copy failed: " + url);
      });
    } else if (fallbackCopy(url)) {
      copied(button);
    } else {
      announce("Copy failed: " + url);
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.q-copy-link");
    if (button) copy(button);
  });
  document$.subscribe(function () {
    document.querySelectorAll("button.q-copy-link[hidden]").forEach(function (button) {
      button.hidden = false;
      button.setAttribute("aria-label", "Copy link to this question");
    });
  });
})();
