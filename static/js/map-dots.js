// 项目一张图 of a province: the dots are fetched (cached, ETagged JSON) rather than written into
// the page, and drawn with the projection the server drew the outline with (dashboard/maps.py's
// Projection, in the svg's data-* attributes), one group per card, red last, each dot a link.
(function () {
  "use strict";
  var svg = document.querySelector("svg.project-map[data-dots]");
  if (!svg) {
    return;
  }
  var NS = "http://www.w3.org/2000/svg";
  var d = svg.dataset;
  var west = parseFloat(d.west), north = parseFloat(d.north), kx = parseFloat(d.kx);
  var scale = parseFloat(d.scale), margin = parseFloat(d.margin), radius = d.radius;

  function draw(data) {
    var groups = {};
    ["none", "blue", "yellow", "red"].forEach(function (card) {
      var g = document.createElementNS(NS, "g");
      g.setAttribute("class", "dots dots-" + card);
      g.setAttribute("fill", data.colours[card]);
      g.setAttribute("stroke", "#fff");
      g.setAttribute("stroke-width", "1");
      groups[card] = g;
    });
    data.dots.forEach(function (dot) {
      var circle = document.createElementNS(NS, "circle");
      circle.setAttribute("cx", (margin + (dot[1] - west) * kx * scale).toFixed(1));
      circle.setAttribute("cy", (margin + (north - dot[0]) * scale).toFixed(1));
      circle.setAttribute("r", radius);
      var title = document.createElementNS(NS, "title");
      title.textContent = dot[3];
      circle.appendChild(title);
      var node = circle;
      if (dot[4]) {
        node = document.createElementNS(NS, "a");
        node.setAttribute("href", dot[4]);
        node.appendChild(circle);
      }
      (groups[dot[2]] || groups.none).appendChild(node);
    });
    ["none", "blue", "yellow", "red"].forEach(function (card) {
      if (groups[card].childNodes.length) svg.appendChild(groups[card]);
    });
  }

  // "no-cache" revalidates: unchanged since the last scoring run, the server answers 304.
  fetch(d.dots, { cache: "no-cache", credentials: "same-origin" })
    .then(function (response) {
      return response.ok ? response.json() : Promise.reject(response.status);
    })
    .then(draw)
    .catch(function () {
      // An outline with no dot would read as a district without projects: say it failed.
      svg.classList.add("stale");
      var box = svg.closest(".map-box");
      var failed = box && box.parentNode.querySelector(".map-failed");
      if (failed) failed.hidden = false;
    });
})();
