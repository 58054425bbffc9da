/* Every page: the main menu (with the language switcher and user menu) that folds away on a
   narrow screen, and a form's error summary that takes the focus. Both only improve a page
   that works without them. */
(function () {
  "use strict";

  /* Below this width the main menu folds (the same breakpoint as in css/app.css). */
  var NARROW = window.matchMedia("(max-width: 48em)");

  /* The main menu's twelve links take most of a phone's screen (WCAG 1.4.10): below the
     breakpoint a button opens and closes them. Without JavaScript the button stays hidden
     and the links are shown, so the menu is never out of reach.
     On a narrow screen the header's language switcher and user menu (name, notifications,
     sign-out) move into the same fold, after the links, so that the header holds only the
     brand; on a wide screen they go back to the header. Moving them, rather than hiding one
     copy and showing another, keeps one element of each and the tab order the visual one. */
  function foldMainMenu() {
    var nav = document.querySelector(".main-nav");
    var button = nav && nav.querySelector(".main-nav__toggle");
    var panel = nav && document.getElementById(button && button.getAttribute("aria-controls"));
    if (!button || !panel) return;
    button.hidden = false;
    nav.classList.add("main-nav--foldable");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }
    });

    var tools = document.querySelector(".site-header .header-tools");
    if (!tools) return;
    var home = tools.parentNode;
    function placeTools() {
      if (NARROW.matches) {
        if (tools.parentNode !== panel) panel.appendChild(tools);
      } else if (tools.parentNode !== home) {
        home.appendChild(tools);
      }
    }
    placeTools();
    NARROW.addEventListener("change", placeTools);
  }

  /* A form sent back with errors: the summary takes the focus, so that a keyboard or screen
     reader user starts from the list of errors, each a link to its field (WCAG 3.3.1). */
  function focusErrorSummary() {
    var summary = document.querySelector("main .error-summary");
    if (summary) summary.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    foldMainMenu();
    focusErrorSummary();
  });
})();
