// Behaviour every page shares, kept out of the templates so the CSP forbids inline script and
// inline style: print buttons, selects that submit their form, and bars drawn to a width.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () {
      select.form.submit();
    });
  });
  // A bar's size comes from the data (a share in per cent); set through the DOM, which the CSP
  // allows, not through a style attribute, which it refuses.
  document.querySelectorAll("[data-width]").forEach(function (el) {
    el.style.width = parseFloat(el.getAttribute("data-width")) + "%";
  });
  document.querySelectorAll("[data-left]").forEach(function (el) {
    el.style.left = parseFloat(el.getAttribute("data-left")) + "%";
  });
})();
