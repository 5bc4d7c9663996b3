// Follows a report run while the worker builds it: polls its state and moves the progress bar.
// Without JavaScript the page offers a refresh link instead.
(function () {
  "use strict";
  var box = document.querySelector("[data-run-status]");
  if (!box) { return; }
  var bar = box.querySelector("progress");
  var label = box.querySelector("[data-run-label]");
  function poll() {
    fetch(box.getAttribute("data-run-status"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (run) {
        bar.value = run.progress;
        bar.textContent = run.progress + " %";
        label.textContent = run.label + " (" + run.progress + " %)";
        if (run.done) { window.location.reload(); } else { window.setTimeout(poll, 1500); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
