/* Every page: the main menu that folds away on a narrow screen, and a form's error summary
   that takes the focus. Both only improve a page that works without them. */
(function () {
  "use strict";

  /* The main menu's twelve links take most of a phone's screen (WCAG 1.4.10): below the
     breakpoint a button opens and closes them. Without JavaScript the button stays hidden
     and the links are shown, so the menu is never out of reach. */
  function foldMainMenu() {
    var nav = document.querySelector(".main-nav");
    var button = nav && nav.querySelector(".main-nav__toggle");
    if (!button) return;
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
