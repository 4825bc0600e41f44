// The register import's progress bar: poll the run's progress and show the preview when ready.
(function () {
  var box = document.querySelector("[data-progress-url]");
  if (!box) return;
  var bar = box.querySelector("progress");
  var label = box.querySelector("[data-progress-label]");
  function poll() {
    fetch(box.getAttribute("data-progress-url"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (run) {
        bar.value = run.progress;
        label.textContent = run.label + " · " + run.progress + "%";
        if (run.busy) { setTimeout(poll, 1000); } else { window.location.assign(run.url); }
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 800);
})();
