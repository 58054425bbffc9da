// Follows a re-segmentation run while the worker computes it: updates the progress bar and
// the status text (a polite live region), and reloads the page when the run is done.
(function () {
  "use strict";
  var panel = document.querySelector("[data-run-status-url]");
  if (!panel) { return; }
  var url = panel.getAttribute("data-run-status-url");
  var bar = panel.querySelector("progress");
  var text = panel.querySelector("[data-run-message]");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { window.setTimeout(poll, 5000); return; }
        if (bar) { bar.value = data.percent; bar.textContent = data.percent + " %"; }
        if (text) { text.textContent = data.status_display + (data.message ? ": " + data.message : "") + " (" + data.percent + " %)"; }
        if (data.busy) { window.setTimeout(poll, 2000); } else { window.location.reload(); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1500);
})();
