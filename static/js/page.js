/* Every page: the main menu (with the language switcher and user menu) that folds away on a
   narrow screen, tables' scroll regions that are tab stops only when they scroll, and a
   form's error summary that takes the focus. All only improve a page that works without them. */
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

  /* A table's scroll region (.table-scroll) is rendered as a named region with tabindex 0, so
     that a keyboard user can scroll a wide table even without JavaScript (WCAG 2.1.1, axe's
     scrollable-region-focusable). A table that fits needs neither: here the region keeps the
     tab stop, its role and its name only while it actually scrolls, and is measured again
     whenever it or its table changes size (a window resized, a closed section opened). */
  var REGION_ATTRIBUTES = ["tabindex", "role", "aria-labelledby", "aria-label"];

  function regionUpdate(region) {
    var overflows =
      region.scrollWidth > region.clientWidth + 1 || region.scrollHeight > region.clientHeight + 1;
    REGION_ATTRIBUTES.forEach(function (name) {
      var kept = region.getAttribute("data-region-" + name);
      if (kept === null) return;
      if (overflows) {
        region.setAttribute(name, kept);
      } else if (region !== document.activeElement) {
        region.removeAttribute(name); // a focused region keeps them until it loses the focus
      }
    });
  }

  var regionObserver =
    "ResizeObserver" in window
      ? new ResizeObserver(function (entries) {
          entries.forEach(function (entry) {
            var region = entry.target.closest(".table-scroll");
            if (region) regionUpdate(region);
          });
        })
      : null;

  function watchScrollRegions(root) {
    if (!regionObserver) return; // an old browser keeps the server's focusable regions
    root.querySelectorAll(".table-scroll").forEach(function (region) {
      if (region.hasAttribute("data-region-watched")) return;
      region.setAttribute("data-region-watched", "");
      REGION_ATTRIBUTES.forEach(function (name) {
        if (region.hasAttribute(name)) {
          region.setAttribute("data-region-" + name, region.getAttribute(name));
        }
      });
      regionUpdate(region);
      region.addEventListener("blur", function () {
        regionUpdate(region);
      });
      regionObserver.observe(region);
      if (region.firstElementChild) regionObserver.observe(region.firstElementChild);
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
    watchScrollRegions(document);
    focusErrorSummary();
  });
  /* A part of the page swapped in by htmx may bring tables of its own. */
  document.addEventListener("htmx:afterSettle", function (event) {
    watchScrollRegions(event.target);
  });
})();
