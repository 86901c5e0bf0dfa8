// riskbook: progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";

  // Everything below binds to the page's body; `serve` swaps the body in
  // place after an edit and runs this again, with the state of the page it
  // replaced (`kept`: the filters' values, whether all rows were shown).
  function enhance(kept) {
    // Sortable tables: click a column heading.
    function cellValue(row, i) {
      var c = row.cells[i];
      if (!c) return "";
      var s = c.getAttribute("data-sort");
      return s !== null ? s : c.textContent.trim().toLowerCase();
    }
    document.querySelectorAll("table.sortable").forEach(function (table) {
      var heads = table.tHead ? table.tHead.rows[0].cells : [];
      Array.prototype.forEach.call(heads, function (th, i) {
        th.tabIndex = 0;
        function sort() {
          var asc = th.getAttribute("aria-sort") !== "ascending";
          Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", asc ? "ascending" : "descending");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = cellValue(a, i), y = cellValue(b, i);
            var nx = parseFloat(x), ny = parseFloat(y);
            var r = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, undefined, { numeric: true });
            return asc ? r : -r;
          });
          rows.forEach(function (r) { body.appendChild(r); });
          table.dispatchEvent(new CustomEvent("riskbook:sorted"));
        }
        th.addEventListener("click", sort);
        th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
      });
    });

    // Filters on risks.html; also honours ?q= from the search box without JS elsewhere.
    var form = document.getElementById("filters");
    if (form) {
      var table = document.getElementById("all-risks");
      var params = new URLSearchParams(location.search);
      form.querySelectorAll("[data-filter]").forEach(function (el) {
        var v = params.get(el.name);
        if (kept && el.name in kept.filters) v = kept.filters[el.name];
        if (v !== null) { if (el.type === "checkbox") el.checked = v === true || v === "1" || v === "on"; else el.value = v; }
      });
      // A long table shows its first `data-limit` matching rows until the
      // reader asks for all: laying out 10,000 rows takes a browser
      // seconds. Filters and sorting work on every row.
      var limit = parseInt(table.getAttribute("data-limit"), 10) || Infinity;
      var more = document.getElementById("show-all");
      var showAll = !!(kept && kept.showAll);
      var apply = function () {
        var f = {};
        form.querySelectorAll("[data-filter]").forEach(function (el) {
          f[el.getAttribute("data-filter")] = el.type === "checkbox" ? el.checked : el.value.trim().toLowerCase();
        });
        var matching = 0, shown = 0, rows = table.tBodies[0].rows;
        // Only rows whose visibility changes are touched: each change
        // costs the browser style and layout work.
        Array.prototype.forEach.call(rows, function (r) {
          var ok = (!f.text || r.textContent.toLowerCase().indexOf(f.text) >= 0) &&
            (!f.register || r.getAttribute("data-register").toLowerCase() === f.register) &&
            (!f.severity || r.getAttribute("data-severity").toLowerCase() === f.severity) &&
            (!f.status || r.getAttribute("data-status").toLowerCase() === f.status) &&
            (!f.owner || r.getAttribute("data-owner").toLowerCase().split("|").indexOf(f.owner) >= 0) &&
            (!f.watchlist || r.getAttribute("data-watchlist") === "1");
          if (ok) matching++;
          // Rows past the limit are hidden on screen only: a printout
          // holds every row the filters match.
          var beyond = ok && !showAll && matching > limit;
          if (r.hidden === ok) r.hidden = !ok;
          if (r.classList.contains("beyond") !== beyond) r.classList.toggle("beyond", beyond);
          if (ok && !beyond) shown++;
        });
        table.classList.add("ready");
        var n = function (x) { return x.toLocaleString("en-US"); };
        document.getElementById("filter-count").textContent = shown < matching && matching < rows.length
          ? n(shown) + " of " + n(matching) + " matching risks shown"
          : n(shown) + " of " + n(rows.length) + " risks shown";
        if (more) {
          more.hidden = shown >= matching;
          more.textContent = "Show all " + n(matching) + (matching < rows.length ? " matching risks" : " risks");
        }
      };
      form.addEventListener("input", apply);
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      table.addEventListener("riskbook:sorted", apply);
      if (more) more.addEventListener("click", function () { showAll = true; table.setAttribute("data-all", ""); apply(); });
      if (showAll) table.setAttribute("data-all", "");
      apply();
    }

    // A copy button on every code block. A shell session's button copies
    // its commands without their prompts and output.
    document.querySelectorAll("div.code-block").forEach(function (block) {
      var pre = block.querySelector("pre");
      if (!pre || block.querySelector("button.copy")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy";
      button.textContent = "Copy";
      var said = document.createElement("span");
      said.className = "visually-hidden";
      said.setAttribute("role", "status");
      button.addEventListener("click", function () {
        var commands = pre.querySelectorAll(".cmd");
        var text = commands.length
          ? Array.prototype.map.call(commands, function (c) { return c.textContent; }).join("\n")
          : pre.textContent;
        copy(text).then(function () { return "Copied"; }, function () { return "Copy failed"; }).then(function (word) {
          button.textContent = word;
          said.textContent = word;
          setTimeout(function () { button.textContent = "Copy"; said.textContent = ""; }, 2000);
        });
      });
      block.insertBefore(button, pre);
      block.appendChild(said);
    });

    // Diagrams: the bundled mermaid is loaded only on a page that has one.
    var diagrams = document.querySelectorAll("pre.mermaid:not([data-processed])");
    if (diagrams.length) {
      withScript(root + "assets/mermaid.min.js", function () {
        var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
        // Edge labels on the page background: readable in either scheme.
        window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: dark ? "dark" : "default",
          themeVariables: { edgeLabelBackground: dark ? "#0d1117" : "#ffffff" } });
        window.mermaid.run({ nodes: diagrams }).catch(function () {});
      });
    }

    // Site search over search-index.json, fetched once on first use. Opened
    // from disk, where browsers refuse fetch, the box says so and the form
    // still works: Enter filters the risks table (risks.html?q=).
    var input = document.getElementById("site-search");
    var box = document.querySelector(".search-results");
    if (input && box) {
      input.addEventListener("input", function () {
        var q = input.value.trim().toLowerCase();
        load().then(function (idx) {
          if (q.length < 2) { box.hidden = true; return; }
          if (!idx) {
            box.innerHTML = "";
            var p = document.createElement("p");
            p.className = "search-offline";
            p.textContent = offline
              ? "Live search needs the site served over HTTP. Press Enter to filter the risks table."
              : "The search index could not be loaded. Press Enter to filter the risks table.";
            box.appendChild(p);
            box.hidden = false;
            return;
          }
          var terms = q.split(/\s+/);
          // Best first: the exact risk id, then titles that start with or
          // contain the query, then matches in the text; ties keep index order.
          var rank = function (e) {
            var t = e.t.toLowerCase();
            if (e.k === "risk" && t.split(" ")[0] === q) return 0;
            if (t.indexOf(q) === 0) return 1;
            if (t.indexOf(q) >= 0) return 2;
            return 3;
          };
          var hits = idx.map(function (e, i) { return { e: e, i: i, r: rank(e) }; }).filter(function (h) {
            return terms.every(function (t) { return h.e.x.indexOf(t) >= 0 || h.e.t.toLowerCase().indexOf(t) >= 0; });
          }).sort(function (a, b) { return a.r - b.r || a.i - b.i; }).slice(0, 12).map(function (h) { return h.e; });
          box.innerHTML = "";
          var ul = document.createElement("ul");
          hits.forEach(function (h) {
            var li = document.createElement("li"), a = document.createElement("a");
            a.href = root + h.u; a.textContent = h.t;
            var k = document.createElement("span"); k.className = "kind"; k.textContent = h.l ? h.k + " · " + h.l : h.k;
            a.appendChild(k); li.appendChild(a); ul.appendChild(li);
          });
          if (!hits.length) { var li = document.createElement("li"); li.textContent = "No risk or page matches \u201c" + input.value.trim() + "\u201d"; li.style.padding = ".35rem .75rem"; ul.appendChild(li); }
          box.appendChild(ul);
          box.hidden = false;
        });
      });
    }
  }

  // The clipboard API where the page is a secure context (https, a file,
  // loopback); elsewhere the older way, through a selected text area.
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      if (ok) resolve(); else reject();
    });
  }

  // A classic script (it loads from file:// too), added once.
  var scripts = {};
  function withScript(src, then) {
    if (scripts[src] === true) { then(); return; }
    if (scripts[src]) { scripts[src].push(then); return; }
    scripts[src] = [then];
    var el = document.createElement("script");
    el.src = src;
    el.onload = function () { var waiting = scripts[src]; scripts[src] = true; waiting.forEach(function (f) { f(); }); };
    // In the body: the head stays as served, which `serve` compares.
    document.body.appendChild(el);
  }

  var index = null;
  var pending = null;
  var offline = location.protocol === "file:";
  function load() {
    if (index) return Promise.resolve(index);
    if (offline) return Promise.resolve(null);
    if (pending) return pending;
    pending = fetch(root + "search-index.json").then(function (r) { return r.json(); })
      .then(function (j) { index = j; return j; }).catch(function () { return null; });
    return pending;
  }

  enhance();
  document.addEventListener("click", function (e) {
    var box = document.querySelector(".search-results");
    if (box && !box.contains(e.target) && e.target !== document.getElementById("site-search")) box.hidden = true;
  });

  // Live reload under `riskbook serve`: it serves on loopback and pushes the
  // site's version after every rebuild. Anywhere else (a static host, a file)
  // nothing is requested; a plain local web server answers 404 once and the
  // browser gives up.
  // The new page replaces the body in place: no navigation, no fetch of the
  // style sheet and script again, and the reader keeps their scroll
  // position. A page whose head changed (another style sheet, the server's
  // failure page) is loaded in full instead.
  function head(doc) {
    var h = doc.head.cloneNode(true);
    var t = h.querySelector("title");
    if (t) t.remove();
    return h.innerHTML;
  }
  var latest = 0;
  function refresh() {
    var mine = ++latest;
    fetch(location.href, { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (html) {
      if (mine !== latest) return; // a newer version is on its way
      var doc = new DOMParser().parseFromString(html, "text/html");
      if (!doc.body || head(doc) !== head(document)) { location.reload(); return; }
      index = null;
      pending = null;
      var kept = { filters: {}, showAll: !!document.querySelector("#all-risks[data-all]") };
      document.querySelectorAll("#filters [data-filter]").forEach(function (el) {
        kept.filters[el.name] = el.type === "checkbox" ? el.checked : el.value;
      });
      document.title = doc.title;
      document.body.replaceWith(document.adoptNode(doc.body));
      enhance(kept);
      document.dispatchEvent(new CustomEvent("riskbook:refreshed"));
    }).catch(function () { location.reload(); });
  }
  if (location.protocol === "http:" && /^(localhost|127\.0\.0\.1|\[::1\])$/.test(location.hostname) && window.EventSource) {
    var seen = null;
    new EventSource("/__riskbook/events").addEventListener("version", function (e) {
      if (seen !== null && seen !== e.data) refresh();
      seen = e.data;
    });
  }
})();
