// Map preview of a table's points, with the vendored Leaflet (static/vendor/leaflet).
// Progressive enhancement: without JavaScript, Leaflet or the GeoJSON the map stays hidden and
// the page's table and text alternative carry the same information. No inline code (CSP):
// everything this needs comes from data-* attributes of #map.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L || !window.fetch) { return; }
  var L = window.L;
  var MAX_MARKERS = 200;  // above this, plain dots: hundreds of Tab stops would help nobody
  var NAME_KEYS = ["名称", "施設名", "name", "名前", "title"];
  var count = document.getElementById("map-count");

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text || "";
    return div.innerHTML;
  }

  function featureName(feature, index) {
    var props = (feature && feature.properties) || {};
    for (var i = 0; i < NAME_KEYS.length; i++) {
      if (props[NAME_KEYS[i]]) { return String(props[NAME_KEYS[i]]); }
    }
    for (var key in props) {
      if (Object.prototype.hasOwnProperty.call(props, key) && typeof props[key] === "string" && props[key]) {
        return props[key];
      }
    }
    return "#" + (index + 1);
  }

  function popupContent(feature) {
    // Built with textContent: values are user data and must never become markup.
    var props = (feature && feature.properties) || {};
    var box = document.createElement("div");
    box.className = "map-popup";
    var list = document.createElement("dl");
    var shown = 0;
    for (var key in props) {
      if (!Object.prototype.hasOwnProperty.call(props, key) || shown >= 12) { continue; }
      var value = props[key];
      if (value === null || value === undefined || value === "") { continue; }
      var dt = document.createElement("dt");
      dt.textContent = key;
      var dd = document.createElement("dd");
      dd.textContent = String(value);
      list.appendChild(dt);
      list.appendChild(dd);
      shown += 1;
    }
    box.appendChild(list);
    return box;
  }

  function fail() {
    el.classList.remove("map-ready");
    if (count) { count.textContent = el.getAttribute("data-error") || ""; }
  }

  el.classList.add("map-ready");
  var map;
  try {
    map = L.map(el, {zoomControl: false, keyboard: true, scrollWheelZoom: false});
  } catch (e) {
    fail();
    return;
  }
  L.control.zoom({
    zoomInTitle: el.getAttribute("data-zoom-in") || "+",
    zoomOutTitle: el.getAttribute("data-zoom-out") || "-"
  }).addTo(map);
  map.setView([36.2, 138.25], 5);  // Japan, until the points are known

  var tileUrl = el.getAttribute("data-tile-url");
  if (tileUrl) {
    var tiles = L.tileLayer(tileUrl, {
      maxZoom: 19,
      attribution: escapeHtml(el.getAttribute("data-attribution"))
    });
    // Tiles that cannot load leave a plain background: the points and the table still work.
    tiles.on("tileerror", function () { el.classList.add("map-no-tiles"); });
    tiles.addTo(map);
  }

  fetch(el.getAttribute("data-geojson-url"), {credentials: "same-origin"})
    .then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    })
    .then(function (data) {
      var features = (data && data.features) || [];
      var points = features.filter(function (f) { return f && f.geometry; });
      var markers = points.length <= MAX_MARKERS;
      var index = 0;
      var layer = L.geoJSON({type: "FeatureCollection", features: points}, {
        pointToLayer: function (feature, latlng) {
          var name = featureName(feature, index++);
          if (markers) { return L.marker(latlng, {alt: name, title: name, keyboard: true}); }
          return L.circleMarker(latlng, {radius: 5, color: "#0031d8", weight: 2, fillOpacity: 0.6});
        },
        onEachFeature: function (feature, item) { item.bindPopup(popupContent(feature)); }
      }).addTo(map);
      if (points.length) {
        map.fitBounds(layer.getBounds(), {padding: [24, 24], maxZoom: 16});
      }
      if (count) {
        var template = el.getAttribute("data-count-template") || "%(n)s";
        count.textContent = template.replace("%(n)s", points.length.toLocaleString());
      }
    })
    .catch(fail);
})();
