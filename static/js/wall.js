/* The wall screen (驾驶舱): turn the panels that hold more than fits on one screen, and reload
   the page every few minutes — only when the server answers, so that a network blip or an
   expired login leaves the last good screen up (marked stale) instead of an error page. */
(function () {
  "use strict";

  function rotate(rotator) {
    var pages = rotator.querySelectorAll(".rotor-page");
    if (pages.length < 2) return;
    var seconds = parseInt(rotator.getAttribute("data-rotate"), 10) || 15;
    var current = 0;
    window.setInterval(function () {
      pages[current].hidden = true;
      current = (current + 1) % pages.length;
      pages[current].hidden = false;
      // A rotator may show one row of dots for all its pages (the red list's heading).
      var dots = rotator.querySelectorAll(":scope > h2 .rotor-dot");
      for (var i = 0; i < dots.length; i++) dots[i].classList.toggle("on", i === current);
    }, seconds * 1000);
  }

  function refresh(seconds) {
    window.setInterval(function () {
      // "no-cache" revalidates: unchanged since the last scoring run, the server answers 304.
      fetch(window.location.href, { cache: "no-cache", credentials: "same-origin" })
        .then(function (response) {
          if (response.ok && !response.redirected) {
            window.location.reload();
          } else {
            document.body.classList.add("stale");
          }
        })
        .catch(function () {
          document.body.classList.add("stale");
        });
    }, seconds * 1000);
  }

  document.querySelectorAll("[data-rotate]").forEach(rotate);
  var seconds = parseInt(document.body.getAttribute("data-refresh"), 10);
  if (seconds > 0) refresh(seconds);
})();
