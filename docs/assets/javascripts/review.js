// Review sheets: filter the lines by difficulty and topic. Without JavaScript every line shows;
// the filters are built here so a page without them has no dead controls.
(function () {
  "use strict";
  function build(container) {
    var sections = Array.prototype.slice.call(document.querySelectorAll(".review-topic"));
    if (!sections.length) return;
    container.hidden = false;
    container.textContent = "";
    var levels = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = "Difficulty";
    levels.appendChild(legend);
    ["easy", "medium", "hard"].forEach(function (level) {
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = level;
      box.setAttribute("data-filter-difficulty", level);
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + level));
      levels.appendChild(label);
    });
    var topicLabel = document.createElement("label");
    topicLabel.textContent = "Topic ";
    var topic = document.createElement("select");
    topic.setAttribute("data-filter-topic", "");
    var all = document.createElement("option");
    all.value = "";
    all.textContent = "All topics";
    topic.appendChild(all);
    sections.forEach(function (section) {
      var option = document.createElement("option");
      option.value = section.getAttribute("data-topic");
      option.textContent = section.querySelector("h2").textContent.replace(/¶$/, "").trim();
      topic.appendChild(option);
    });
    topicLabel.appendChild(topic);
    var count = document.createElement("p");
    count.className = "review-count";
    count.setAttribute("aria-live", "polite");
    container.appendChild(levels);
    container.appendChild(topicLabel);
    container.appendChild(count);

    function apply() {
      var wanted = {};
      levels.querySelectorAll("input").forEach(function (box) { wanted[box.value] = box.checked; });
      var shown = 0;
      sections.forEach(function (section) {
        var topicOk = !topic.value || topic.value === section.getAttribute("data-topic");
        var visible = 0;
        section.querySelectorAll(".review-item").forEach(function (item) {
          var ok = topicOk && wanted[item.getAttribute("data-difficulty")];
          item.hidden = !ok;
          if (ok) visible += 1;
        });
        section.hidden = visible === 0;
        shown += visible;
      });
      count.textContent = shown + " question" + (shown === 1 ? "" : "s") + " shown";
    }
    container.addEventListener("change", apply);
    apply();
  }
  document$.subscribe(function () {
    var container = document.querySelector("[data-review-filters]");
    if (container) build(container);
  });
})();
