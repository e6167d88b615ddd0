// The WordPress import's page while its run waits or works: asks how far it is every two
// seconds, moves the bar, and reloads the page (which then shows the report) once it is done.
(function () {
  "use strict";
  const box = document.getElementById("import-status");
  const url = box && box.dataset.progressUrl;
  if (!url) return;
  const label = box.querySelector("[data-import-label]");
  const bar = box.querySelector("[data-import-bar]");
  const count = box.querySelector("[data-import-count]");

  function ask() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((run) => {
        if (!run.waiting) {
          window.location.reload();
          return;
        }
        label.textContent = run.label;
        bar.value = run.percent;
        bar.textContent = run.percent + "%";
        count.textContent = run.posts_read + (run.posts_read === 1 ? " item read" : " items read");
        window.setTimeout(ask, 2000);
      })
      .catch(() => window.setTimeout(ask, 10000));
  }
  window.setTimeout(ask, 2000);
})();
