// Setting a project's location: a click on the map is turned back into degrees with the
// projection the server drew it with (dashboard/maps.py's Projection, in the svg's data-*
// attributes), fills the latitude and longitude and moves the marker; typed numbers move it too.
// The server checks the range and the boundary again.
(function () {
  "use strict";
  var svg = document.querySelector("svg.pick-map");
  var lat = document.getElementById("id_lat");
  var lon = document.getElementById("id_lon");
  if (!svg || !lat || !lon) {
    return;
  }
  var NS = "http://www.w3.org/2000/svg";
  var p = {
    west: parseFloat(svg.dataset.west),
    north: parseFloat(svg.dataset.north),
    kx: parseFloat(svg.dataset.kx),
    scale: parseFloat(svg.dataset.scale),
    margin: parseFloat(svg.dataset.margin),
  };

  function marker() {
    var ring = svg.querySelector(".pick-marker");
    if (!ring) {
      ring = document.createElementNS(NS, "circle");
      ring.setAttribute("class", "pick-marker");
      ring.setAttribute("r", "7");
      ring.setAttribute("fill", "#fff");
      ring.setAttribute("stroke", "#c2185b");
      ring.setAttribute("stroke-width", "4");
      svg.appendChild(ring);
    }
    return ring;
  }

  function place(x, y) {
    var ring = marker();
    ring.setAttribute("cx", x.toFixed(1));
    ring.setAttribute("cy", y.toFixed(1));
  }

  // A number as typed by a person: a Chinese comma or a comma for the decimal point.
  function number(text) {
    return parseFloat(String(text).replace("，", ".").replace(",", "."));
  }

  svg.addEventListener("click", function (event) {
    var matrix = svg.getScreenCTM();
    if (!matrix) {
      return;
    }
    var point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    var at = point.matrixTransform(matrix.inverse()); // screen pixels to the viewBox's
    var longitude = p.west + (at.x - p.margin) / (p.kx * p.scale);
    var latitude = p.north - (at.y - p.margin) / p.scale;
    lat.value = latitude.toFixed(6);
    lon.value = longitude.toFixed(6);
    place(at.x, at.y);
    event.preventDefault();
  });

  function typed() {
    var latitude = number(lat.value);
    var longitude = number(lon.value);
    if (isNaN(latitude) || isNaN(longitude)) {
      return;
    }
    place(
      p.margin + (longitude - p.west) * p.kx * p.scale,
      p.margin + (p.north - latitude) * p.scale
    );
  }
  lat.addEventListener("input", typed);
  lon.addEventListener("input", typed);
  typed(); // a form sent back with an error shows where its numbers are
})();
