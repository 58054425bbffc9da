/* The admin's accessibility fixes that Django's own scripts need (axe-core's WCAG A/AA rules):
   names for the autocomplete boxes (select2), for the filter box's help icon and for the
   inputs of a split date and time. The scripts build those elements after the page has
   loaded and again when an inline row is added, so the fixes follow every change. */
(function () {
  "use strict";

  /* The id of the field's own label, given one when it has none. */
  function labelIdFor(fieldId) {
    var label = fieldId && document.querySelector('label[for="' + CSS.escape(fieldId) + '"]');
    if (!label) return null;
    if (!label.id) label.id = fieldId + "_label";
    return label.id;
  }

  /* select2 names its combobox by the chosen value alone (none when empty) and leaves the
     search box of a multiple choice unnamed: both are named by the field's label too. */
  function nameAutocomplete(select) {
    var container = select.nextElementSibling;
    if (!container || !container.classList.contains("select2-container")) return;
    var labelId = labelIdFor(select.id);
    if (!labelId) return;
    var combobox = container.querySelector(".select2-selection");
    if (combobox) {
      var valueId = combobox.classList.contains("select2-selection--single")
        ? container.querySelector(".select2-selection__rendered").id
        : "";
      var names = (labelId + " " + valueId).trim();
      if (combobox.getAttribute("aria-labelledby") !== names) {
        combobox.setAttribute("aria-labelledby", names);
      }
    }
    /* The box showing the chosen value is a read-only textbox, empty before a choice. */
    var rendered = container.querySelector(".select2-selection__rendered[role=textbox]");
    if (rendered && rendered.id) {
      var textboxNames = labelId + " " + rendered.id;
      if (rendered.getAttribute("aria-labelledby") !== textboxNames) {
        rendered.setAttribute("aria-labelledby", textboxNames);
      }
    }
    var search = container.querySelector(".select2-search__field");
    if (search && search.getAttribute("aria-labelledby") !== labelId) {
      search.setAttribute("aria-labelledby", labelId);
    }
    /* The "clear all" cross stands inside the list of choices, where only items may:
       it is a mouse shortcut (each choice has its own remove cross and the keyboard
       clears with Backspace), so it is taken out of the list for assistive technology. */
    var list = container.querySelector("ul.select2-selection__rendered");
    if (list) {
      list.querySelectorAll(":scope > .select2-selection__clear").forEach(function (clear) {
        if (clear.getAttribute("role") !== "listitem") {
          clear.setAttribute("role", "listitem");
          clear.setAttribute("aria-hidden", "true");
        }
      });
    }
  }

  /* SelectFilter2.js puts aria-label on a plain <span> (a help icon), where ARIA allows no
     name: the icon becomes an image, its text the name it already had. */
  function nameHelpIcon(icon) {
    if (icon.hasAttribute("aria-label") && !icon.hasAttribute("role")) {
      icon.setAttribute("role", "img");
    }
  }

  /* The split date and time widget says "Date:" and "Time:" as bare text before its
     inputs: each input is named by its field's label and that word. */
  function nameDateTimeParts(paragraph) {
    paragraph.querySelectorAll("input").forEach(function (input) {
      if (input.hasAttribute("aria-label")) return;
      var text = input.previousSibling;
      while (text && text.nodeType !== Node.TEXT_NODE) text = text.previousSibling;
      var part = text ? text.textContent.replace(/[\s|]+/g, " ").trim() : "";
      var field = paragraph.closest(".form-row, .fieldBox");
      var label = field && field.querySelector("label");
      var name = ((label ? label.textContent : "") + " " + part).replace(/:\s*/g, " ").trim();
      if (name) input.setAttribute("aria-label", name);
    });
  }

  function fixAll() {
    document.querySelectorAll("select.admin-autocomplete").forEach(nameAutocomplete);
    document.querySelectorAll(".help-tooltip[aria-label]").forEach(nameHelpIcon);
    document.querySelectorAll("p.datetime").forEach(nameDateTimeParts);
  }

  var scheduled = false;
  function scheduleFix() {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(function () {
      scheduled = false;
      fixAll();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    fixAll();
    new MutationObserver(scheduleFix).observe(document.body, {
      childList: true,
      subtree: true,
    });
  });
  window.addEventListener("load", fixAll);
})();
