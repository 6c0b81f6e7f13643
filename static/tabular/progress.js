// Progress of a file being processed: polls the page's status endpoint every 2 s, updates the
// status list and the polite live region, and reloads the page when processing has finished.
// Without JavaScript the page shows the same state and a reload link.
(function () {
  "use strict";
  var box = document.getElementById("progress");
  if (!box || !box.getAttribute("data-status-url") || !window.fetch) { return; }
  var url = box.getAttribute("data-status-url");
  var live = document.getElementById("progress-live");
  var failures = 0;
  var formatter = window.Intl ? new Intl.NumberFormat(document.documentElement.lang || "ja") : null;

  function show(name, value) {
    var el = box.querySelector('[data-status="' + name + '"]');
    if (!el || value === undefined || value === null) { return; }
    el.textContent = (typeof value === "number" && formatter) ? formatter.format(value) : value;
  }

  function poll() {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (status) {
        failures = 0;
        show("state_label", status.state_label);
        show("step_label", status.step_label);
        show("rows_done", status.rows_done);
        show("error_count", status.error_count);
        if (live && status.message && live.textContent !== status.message) {
          live.textContent = status.message;
        }
        if (status.finished) {
          window.location.reload();
          return;
        }
        window.setTimeout(poll, 2000);
      })
      .catch(function () {
        failures += 1;  // keep trying a while: the server may be busy or restarting
        if (failures < 30) { window.setTimeout(poll, 2000); }
      });
  }

  window.setTimeout(poll, 2000);
})();
