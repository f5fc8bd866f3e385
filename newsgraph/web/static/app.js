// newsgraph pages: select a fact's evidence, draw charts and the map from the JSON API.
// Everything from the store is put into the page as text (textContent), never as HTML.
"use strict";

(function () {
  // -- article page: selecting evidence ----------------------------------------------------------

  function pieces(token) {
    return document.querySelectorAll('#article-text [data-facts~="' + CSS.escape(token) + '"]');
  }

  function clearSelection() {
    document.querySelectorAll(".selected, .active").forEach(function (el) { el.classList.remove("selected", "active"); });
  }

  function announce(text) {
    var box = document.getElementById("selection");
    if (box) box.textContent = text;
  }

  function selectFact(token, scroll) {
    var found = pieces(token);
    clearSelection();
    if (!found.length) return;
    found.forEach(function (el) { el.classList.add("selected"); });
    document.querySelectorAll('[data-select="' + CSS.escape(token) + '"]').forEach(function (el) {
      el.classList.add("active");  // the panel entry and the quote's badge; "selected" is kept for the text
    });
    var first = found[0], last = found[found.length - 1];
    var panel = document.querySelector('.fact-panel [data-select="' + CSS.escape(token) + '"]');
    var label = panel ? panel.textContent : token === "s0" ? "the linked evidence" : token;
    announce(label + " \u2014 characters " + first.dataset.start + "\u2013" + last.dataset.end +
             (found.length > 1 && token.indexOf("e-") === 0 ? " (" + found.length + " pieces)" : ""));
    document.getElementById("article-text").dataset.selected = token;
    if (scroll) first.scrollIntoView({ block: "center", behavior: "instant" });
    if (history.replaceState) history.replaceState(null, "", "#" + token);
  }

  function initArticle() {
    var text = document.getElementById("article-text");
    if (!text) return;
    document.querySelectorAll("[data-select]").forEach(function (el) {
      el.addEventListener("click", function (event) {
        event.preventDefault();
        selectFact(el.dataset.select, el.closest(".fact-panel") !== null);
      });
    });
    text.addEventListener("click", function (event) {
      var piece = event.target.closest("[data-facts]");
      if (!piece || event.target.closest(".badge")) return;
      selectFact(piece.dataset.facts.split(" ")[0], false);  // the shortest fact covering the piece
    });
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash) selectFact(hash, true);
    else if (pieces("s0").length) selectFact("s0", true);  // the span a link pointed at (?span=START-END)
  }

  // -- charts --------------------------------------------------------------------------------------

  var PALETTE = ["#2f6db5", "#d9822b", "#3c9a5f", "#b8457a", "#7a5fb5", "#8c6d31", "#4b9bb5", "#c4484f"];

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  function chartError(canvas, error) {
    var note = document.createElement("p");
    note.className = "error";
    note.textContent = "Chart unavailable: " + error.message;
    canvas.replaceWith(note);
  }

  function stacked(rows, valueKey) {
    var periods = [], sources = [], cells = {};
    rows.forEach(function (row) {
      var source = row.source || "unknown source";
      if (periods.indexOf(row.period) < 0) periods.push(row.period);
      if (sources.indexOf(source) < 0) sources.push(source);
      cells[row.period + "\u0000" + source] = row[valueKey];
    });
    periods.sort();
    return {
      labels: periods,
      datasets: sources.map(function (source, i) {
        return { label: source, backgroundColor: PALETTE[i % PALETTE.length], stack: "s",
                 data: periods.map(function (p) { return cells[p + "\u0000" + source] || 0; }) };
      }),
    };
  }

  function barClick(canvas, base) {
    return function (event, elements, chart) {
      if (!elements.length) return;
      var period = chart.data.labels[elements[0].index];
      var params = new URLSearchParams(base);
      params.set("from", period);
      params.set("to", period);  // daily bars: the day is both bounds
      params.delete("interval");
      location.href = "/?" + params.toString();
    };
  }

  function drawAttention(canvas, rows, valueKey, title) {
    var query = canvas.dataset.src.split("?")[1] || "";
    var data = stacked(rows, valueKey);
    canvas.dataset.points = String(data.labels.length);
    return new window.Chart(canvas, {
      type: "bar",
      data: data,
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        onClick: barClick(canvas, query),
        plugins: { legend: { position: "bottom" }, title: { display: !!title, text: title } },
        scales: { x: { stacked: true, ticks: { maxTicksLimit: 12 } }, y: { stacked: true, beginAtZero: true } },
      },
    });
  }

  function drawGoldstein(canvas, rows) {
    canvas.dataset.points = String(rows.length);
    return new window.Chart(canvas, {
      data: {
        labels: rows.map(function (r) { return r.period; }),
        datasets: [
          { type: "line", label: "mean Goldstein", yAxisID: "g", borderColor: "#c4484f", backgroundColor: "#c4484f",
            data: rows.map(function (r) { return r.goldstein; }), spanGaps: true, pointRadius: 2 },
          { type: "bar", label: "events", yAxisID: "n", backgroundColor: "#9db7d9",
            data: rows.map(function (r) { return r.events; }) },
        ],
      },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        onClick: function (event, elements, chart) {
          if (!elements.length) return;
          var period = chart.data.labels[elements[0].index];
          var params = new URLSearchParams(location.search);
          params.set("from", period); params.set("to", period); params.delete("offset");
          location.href = "/events?" + params.toString();
        },
        plugins: { legend: { position: "bottom" } },
        scales: { g: { position: "left", min: -10, max: 10, title: { display: true, text: "Goldstein" } },
                  n: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false } },
                  x: { ticks: { maxTicksLimit: 12 } } },
      },
    });
  }

  function initCharts() {
    if (!window.Chart) return;
    document.querySelectorAll("canvas.chart").forEach(function (canvas) {
      getJSON(canvas.dataset.src).then(function (body) {
        var kind = canvas.dataset.kind;
        if (kind === "goldstein") drawGoldstein(canvas, body.rows);
        else if (kind === "mentions") drawAttention(canvas, body.rows, "mentions");
        else drawAttention(canvas, body.rows, "articles");
        canvas.dataset.ready = "1";
      }).catch(function (error) { chartError(canvas, error); });
    });
  }

  // -- map -----------------------------------------------------------------------------------------

  function listArticles(point, rows) {
    var panel = document.getElementById("map-panel");
    var list = document.getElementById("map-articles");
    var heading = panel.querySelector("h2") || document.createElement("h2");
    heading.textContent = point.name + " \u2014 " + point.articles + " article" + (point.articles === 1 ? "" : "s");
    panel.insertBefore(heading, list);
    list.textContent = "";
    rows.forEach(function (row) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "/articles/" + encodeURIComponent(row.article_id);
      link.textContent = row.title || row.article_id;
      link.className = "map-article";
      var meta = document.createElement("div");
      meta.className = "meta";
      meta.textContent = (row.published || "undated") + " \u00b7 " + (row.source || "unknown source");
      item.appendChild(link);
      item.appendChild(meta);
      list.appendChild(item);
    });
    var more = document.createElement("li");
    var all = document.createElement("a");
    all.href = "/?place=" + encodeURIComponent(point.geonameid || point.name);
    all.textContent = "all articles naming " + point.name;
    more.appendChild(all);
    list.appendChild(more);
  }

  // Rings crossing the antimeridian (Russia, Fiji) jump from +180 to -180; drawn as they are, they
  // streak across the whole map. Continuing their longitudes past 180 keeps each ring in one piece.
  function unwrapRing(ring) {
    for (var i = 1; i < ring.length; i++) {
      while (ring[i][0] - ring[i - 1][0] > 180) ring[i][0] -= 360;
      while (ring[i][0] - ring[i - 1][0] < -180) ring[i][0] += 360;
    }
  }

  function unwrapFeature(feature) {
    var geometry = feature.geometry;
    if (!geometry) return;
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    polygons.forEach(function (polygon) { polygon.forEach(unwrapRing); });
  }

  function initMap() {
    var box = document.getElementById("map");
    if (!box || !window.L) return;
    var map = window.L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 10 }).setView([25, 10], 2);
    map.createPane("land").style.zIndex = 350;  // under the points, whichever loads first
    var world = getJSON(box.dataset.world).then(function (topology) {
      var land = window.topojson.feature(topology, topology.objects.countries);
      land.features.forEach(unwrapFeature);
      window.L.geoJSON(land, { style: { color: "#8a9bb0", weight: 0.6, fillColor: "#e9eef3", fillOpacity: 1 },
                               interactive: false, pane: "land" }).addTo(map);
    });
    var points = getJSON(box.dataset.src).then(function (body) {
      var cluster = window.L.markerClusterGroup({ showCoverageOnHover: false, animate: false });
      body.rows.forEach(function (point) {
        var marker = window.L.circleMarker([point.lat, point.lon], {
          radius: Math.min(4 + Math.sqrt(point.articles) * 2, 18), color: "#1d4f91", weight: 1,
          fillColor: "#2f6db5", fillOpacity: 0.7,
        });
        var tip = document.createElement("span");  // an element, not a string: Leaflet reads strings as HTML
        tip.textContent = point.name + " (" + point.articles + ")";
        marker.bindTooltip(tip);
        marker.on("click", function () {
          var key = point.geonameid !== null && point.geonameid !== undefined ? point.geonameid : point.name;
          getJSON("/api/articles?limit=20&place=" + encodeURIComponent(key)).then(function (found) {
            listArticles(point, found.rows);
          });
        });
        cluster.addLayer(marker);
      });
      map.addLayer(cluster);
      box.dataset.points = String(body.rows.length);
    });
    Promise.all([world, points]).then(function () { box.dataset.ready = "1"; })
      .catch(function (error) { box.dataset.error = error.message; });
    window.newsgraphMap = map;
  }

  document.addEventListener("DOMContentLoaded", function () {
    initArticle();
    initCharts();
    initMap();
  });
})();
