// The observation sheet: add up the criteria as the inspector types, and say when a mark is
// above what its criterion is worth. The server checks again; this only helps on site.
(function () {
  "use strict";
  var sheet = document.querySelector("form.sheet[data-total]");
  if (!sheet) {
    return;
  }
  var boxes = sheet.querySelectorAll("input[data-mark]");
  var shown = sheet.querySelector("[data-total-value]");
  function add() {
    var total = 0;
    var complete = true;
    boxes.forEach(function (box) {
      var value = parseFloat(String(box.value).replace("，", ".").replace(",", "."));
      var max = parseFloat(box.getAttribute("max"));
      var wrong = !isNaN(value) && (value < 0 || value > max);
      box.classList.toggle("over", wrong);
      if (isNaN(value)) {
        complete = false;
      } else {
        total += value;
      }
    });
    shown.textContent = total.toFixed(2) + (complete ? "" : " …");
  }
  boxes.forEach(function (box) {
    box.addEventListener("input", add);
  });
  add();
})();
