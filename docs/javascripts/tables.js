// Sortable, filterable row tables: every table inside <div class="datatable"> gets
// tablesort (vendored, javascripts/vendor/tablesort) and a filter box above it.
(function () {
  function setUp(root) {
    root.querySelectorAll("div.datatable table").forEach(function (table) {
      if (table.dataset.ready) return;
      table.dataset.ready = "1";
      if (!table.tHead) return;
      new Tablesort(table);
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      if (rows.length < 8) return;
      var box = document.createElement("input");
      box.type = "search";
      box.className = "table-filter";
      box.placeholder = "Filter " + rows.length + " rows…";
      box.setAttribute("aria-label", "Filter the rows of the table below");
      var count = document.createElement("span");
      count.className = "table-filter-count";
      box.addEventListener("input", function () {
        var terms = box.value.toLowerCase().split(/\s+/).filter(Boolean);
        var shown = 0;
        rows.forEach(function (row) {
          var text = row.textContent.toLowerCase();
          var keep = terms.every(function (t) { return text.indexOf(t) !== -1; });
          row.hidden = !keep;
          if (keep) shown += 1;
        });
        count.textContent = terms.length ? shown + " of " + rows.length + " rows" : "";
      });
      var bar = document.createElement("div");
      bar.className = "table-filter-bar";
      bar.appendChild(box);
      bar.appendChild(count);
      var wrap = table.closest(".md-typeset__scrollwrap") || table;
      wrap.parentNode.insertBefore(bar, wrap);
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { setUp(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  }
})();
