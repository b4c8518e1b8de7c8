/* newsprism: select a table row to scroll every article column to its evidence.
   Rows carry data-ev='[[articleId, start, end], ...]' (offsets into the article text).
   Article texts are .article-text[data-article][data-col]; the highlighting (from
   newsprism.report.html) gives the evidence [start, end) of column c the element id
   "c<c>-<start>-<end>"; when a highlight is split, its later fragments carry
   data-part="<that id>". */
(function () {
  "use strict";
  var flashed = [];

  function columnOf(articleId) {
    var cols = document.querySelectorAll(".article-text[data-article]");
    for (var i = 0; i < cols.length; i++) {
      if (cols[i].getAttribute("data-article") === articleId) return cols[i];
    }
    return null;
  }

  function partsOf(col, start, end) {
    var id = "c" + col.getAttribute("data-col") + "-" + start + "-" + end;
    var first = document.getElementById(id);
    if (!first) return [];
    var rest = col.querySelectorAll('[data-part="' + id + '"]');
    return [first].concat(Array.prototype.slice.call(rest));
  }

  function centreIn(col, el) {
    // Scroll the column box (not the page) so that el sits in its middle.
    var top = el.offsetTop - col.clientHeight / 2 + el.offsetHeight / 2;
    col.scrollTop = Math.max(0, top);
  }

  function sideBySide(columns) {
    var cols = columns.querySelectorAll(".column");
    return cols.length > 1 &&
      Math.abs(cols[0].getBoundingClientRect().top - cols[1].getBoundingClientRect().top) < 2;
  }

  function showEvidence(row) {
    var ev;
    try { ev = JSON.parse(row.getAttribute("data-ev") || "[]"); } catch (err) { ev = []; }
    flashed.forEach(function (el) { el.classList.remove("flash"); });
    flashed = [];
    document.querySelectorAll(".ev-row.selected").forEach(function (el) {
      el.classList.remove("selected");
    });
    row.classList.add("selected");
    var firsts = [], seen = {};
    ev.forEach(function (item) {
      var col = columnOf(item[0]);
      if (!col) return;
      var parts = partsOf(col, item[1], item[2]);
      parts.forEach(function (p) { p.classList.add("flash"); flashed.push(p); });
      if (parts.length && !seen[item[0]]) { seen[item[0]] = true; firsts.push([col, parts[0]]); }
    });
    firsts.sort(function (a, b) { return +a[0].getAttribute("data-col") - +b[0].getAttribute("data-col"); });
    firsts.forEach(function (p) { centreIn(p[0], p[1]); });
    if (firsts.length) {
      var columns = document.getElementById("columns");
      if (columns && sideBySide(columns)) {
        // the columns start at the top of the viewport, each scrolled to its evidence
        columns.scrollIntoView({ block: "start", inline: "nearest" });
      } else {
        firsts[0][1].scrollIntoView({ block: "center", inline: "nearest" });
      }
    }
    var status = document.getElementById("ev-status");
    if (status) {
      status.textContent = firsts.length
        ? "Showing the evidence in " + firsts.length + " article" + (firsts.length === 1 ? "" : "s") + "."
        : "No evidence to show for this row.";
    }
  }

  function pollJob() {
    var box = document.getElementById("job");
    if (!box) return;
    var state = box.getAttribute("data-state");
    if (state === "done" || state === "failed") return;
    var id = box.getAttribute("data-job");
    var line = box.querySelector(".job-state");
    function tick() {
      fetch("/api/jobs/" + encodeURIComponent(id), { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          var job = data.job;
          if (!job) return;
          if (job.finished) { window.location.reload(); return; }
          if (line) {
            line.textContent = job.state === "queued" ? "Waiting to start…"
              : "Working: " + job.read + " article" + (job.read === 1 ? "" : "s") + " read, "
                + job.stored + " analysed and stored…";
          }
          setTimeout(tick, 700);
        })
        .catch(function () { setTimeout(tick, 2000); });
    }
    setTimeout(tick, 400);
  }

  function init() {
    if (window.matchMedia && window.matchMedia("(max-width: 760px)").matches) {
      // on a phone the legend starts folded (its summary line stays visible)
      document.querySelectorAll("details.legend[open]").forEach(function (d) { d.open = false; });
    }
    document.querySelectorAll(".ev-row").forEach(function (row) {
      row.addEventListener("click", function (e) {
        if (e.target.closest("a")) return;
        showEvidence(row);
      });
      row.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); showEvidence(row); }
      });
    });
    pollJob();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
