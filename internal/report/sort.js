
"use strict";
// Sorts a table with class "sortable" by the clicked column: by each
// cell's data-v (a number; empty for n/a, sorted last) or else its text.
document.querySelectorAll("table.sortable th").forEach(function (th) {
  th.tabIndex = 0;
  function sort() {
    var row = th.parentNode, tbody = row.closest("table").tBodies[0];
    var col = Array.prototype.indexOf.call(row.children, th);
    var asc = th.getAttribute("aria-sort") !== "ascending";
    row.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var key = function (tr) {
      var td = tr.cells[col], v = td.getAttribute("data-v");
      if (v === null) return td.textContent;
      return v === "" ? NaN : parseFloat(v);
    };
    var rows = Array.prototype.map.call(tbody.rows, function (tr, i) { return [key(tr), i, tr]; });
    rows.sort(function (a, b) {
      var x = a[0], y = b[0], c;
      if (typeof x === "number" || typeof y === "number") {
        if (isNaN(x) || isNaN(y)) return isNaN(x) - isNaN(y) || a[1] - b[1];
        c = x - y;
      } else {
        c = x.localeCompare(y, undefined, {numeric: true});
      }
      return (asc ? c : -c) || a[1] - b[1];
    });
    rows.forEach(function (r) { tbody.appendChild(r[2]); });
  }
  th.addEventListener("click", sort);
  th.addEventListener("keydown", function (e) { if (e.key === "Enter") sort(); });
});
