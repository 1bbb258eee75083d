// The metric chooser: radio answers -> the first situation whose rule fits, shown with its reasons.
//
// The rules come from the page (data-rules, generated from questions/metric-chooser.yaml), the
// recommendation text from the situation table's rows (same order as the rules), so the chooser
// and the table can never disagree. The answers live in the URL's query string: a recommendation
// is a link anyone can open. Without JavaScript the form is hidden (a <noscript> style, see
// docs/overrides/main.html) and the table does the job.
(function () {
  function applies(question, task) {
    return !question.tasks.length || question.tasks.indexOf(task) !== -1;
  }

  function matches(when, answers) {
    return Object.keys(when).every(function (id) {
      var wanted = [].concat(when[id]);
      return wanted.indexOf(answers[id]) !== -1;
    });
  }

  function Chooser(form) {
    this.form = form;
    this.rules = JSON.parse(form.getAttribute("data-rules"));
    this.rows = document.querySelectorAll(".situation-table tbody tr");
    this.result = form.querySelector(".chooser-result");
    this.prompt = this.result.textContent;  // the page's own wording, shown until answered
    this.restore(new URLSearchParams(window.location.search));
    form.addEventListener("change", this.update.bind(this, true));
    this.update(false);
  }

  Chooser.prototype.restore = function (params) {
    params.forEach(function (value, name) {
      var input = this.form.querySelector('input[name="' + CSS.escape(name) + '"][value="' +
                                          CSS.escape(value) + '"]');
      if (input) input.checked = true;
    }, this);
  };

  // The questions that apply to the chosen task, and the answers given to them.
  Chooser.prototype.answers = function () {
    var task = this.value("task");
    var answers = {}, complete = Boolean(task);
    this.rules.questions.forEach(function (question) {
      var fieldset = this.form.querySelector('fieldset[data-question="' + question.id + '"]');
      var asked = question.id === "task" || (task && applies(question, task));
      fieldset.hidden = !asked;
      if (!asked) return;
      var value = this.value(question.id);
      if (value) answers[question.id] = value; else complete = false;
    }, this);
    return { values: answers, complete: complete };
  };

  Chooser.prototype.value = function (name) {
    var checked = this.form.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : null;
  };

  Chooser.prototype.update = function (remember) {
    var answers = this.answers();
    if (remember) this.remember(answers.values);
    if (!answers.complete) {
      this.result.textContent = this.prompt;
      return;
    }
    var index = -1;
    this.rules.situations.some(function (situation, i) {
      if (matches(situation.when, answers.values)) { index = i; return true; }
      return false;
    });
    this.show(index);
  };

  // Only the answered questions that apply go into the URL, in the form's order.
  Chooser.prototype.remember = function (values) {
    var params = new URLSearchParams();
    this.rules.questions.forEach(function (q) { if (values[q.id]) params.set(q.id, values[q.id]); });
    var url = window.location.pathname + "?" + params.toString() + "#chooser";
    window.history.replaceState(null, "", url);
  };

  Chooser.prototype.show = function (index) {
    var result = this.result;
    result.textContent = "";
    var row = this.rows[index];
    if (!row) {  // the build proves every combination reaches a situation; never expected
      result.textContent = "No recommendation for these answers.";
      return;
    }
    var cells = row.cells;
    var parts = [["Situation", cells[0]], ["Optimize", cells[2]], ["Report", cells[3]],
                 ["Why", cells[4]]];
    var list = document.createElement("dl");
    list.className = "chooser-recommendation";
    list.setAttribute("data-situation", this.rules.situations[index].id);
    parts.forEach(function (part) {
      var term = document.createElement("dt");
      term.textContent = part[0];
      var detail = document.createElement("dd");
      Array.prototype.forEach.call(part[1].childNodes, function (node) {
        detail.appendChild(node.cloneNode(true));
      });
      list.appendChild(term);
      list.appendChild(detail);
    });
    var heading = document.createElement("p");
    heading.className = "chooser-heading";
    heading.textContent = "Recommendation";
    var link = document.createElement("a");
    link.href = window.location.href;
    link.className = "chooser-permalink";
    link.textContent = "Link to this recommendation";
    result.appendChild(heading);
    result.appendChild(list);
    result.appendChild(link);
    // Cells cloned before KaTeX arrived hold raw math: render it here (math.js skips the rest).
    if (window.mlqMath) window.mlqMath.renderIn(result);
  };

  document$.subscribe(function () {
    var form = document.getElementById("metric-chooser");
    if (form) new Chooser(form);
  });
})();
