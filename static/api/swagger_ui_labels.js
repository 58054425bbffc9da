// Swagger UI draws a parameter's value list (<select>) and value field without a label
// (axe: select-name, label): each gets the parameter's name as its accessible name, and the
// request body's editor (an upload's body) the title of its section. Its
// scrolling code boxes (a response body) cannot be reached by keyboard: each is made
// focusable. Also whenever Swagger UI redraws.
(function () {
  "use strict";
  function label(root) {
    root.querySelectorAll("tr[data-param-name] select, tr[data-param-name] input, tr[data-param-name] textarea").forEach(function (field) {
      if (!field.getAttribute("aria-label")) {
        field.setAttribute("aria-label", field.closest("tr[data-param-name]").getAttribute("data-param-name"));
      }
    });
  }
  function labelBody(root) {
    root.querySelectorAll(".body-param textarea, .opblock-section-request-body textarea").forEach(function (field) {
      if (!field.getAttribute("aria-label")) {
        var section = field.closest(".opblock-section-request-body");
        var title = section && section.querySelector(".opblock-title");
        field.setAttribute("aria-label", (title && title.textContent.trim()) || "Request body");
      }
    });
  }
  function focusable(root) {
    root.querySelectorAll(".highlight-code > .microlight, pre.microlight").forEach(function (box) {
      if (!box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
      }
    });
  }
  var ui = document.getElementById("swagger-ui");
  new MutationObserver(function () { label(ui); labelBody(ui); focusable(ui); }).observe(ui, { childList: true, subtree: true });
})();
