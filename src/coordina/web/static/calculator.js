/* The calculator with HTMX: after the form is swapped in, the keyboard focus goes where a reader
   would look (without JavaScript the page simply loads again): the error summary when there are
   errors, the new row after "Add a period", the decision after "Calculate". */
(function () {
  "use strict";
  var action = "";
  document.addEventListener("submit", function (event) {
    action = event.submitter && event.submitter.name === "action" ? event.submitter.value : "";
  }, true);
  function focus(element) {
    if (!element) { return; }
    if (!element.matches("a, button, input, select, textarea")) { element.setAttribute("tabindex", "-1"); }
    element.focus();
  }
  document.addEventListener("htmx:afterSettle", function () {
    var summary = document.getElementById("error-summary");
    var rows = document.querySelectorAll("#periods fieldset.period");
    if (summary) {
      focus(summary);
    } else if (action === "add_period" && rows.length) {
      focus(rows[rows.length - 1].querySelector("input"));
    } else if (action.indexOf("remove_period_") === 0) {
      var index = Math.min(parseInt(action.slice(14), 10), rows.length - 1);
      focus(rows[index] ? rows[index].querySelector("input") : null);
    } else {
      focus(document.getElementById("decision-title"));
    }
  });
})();
