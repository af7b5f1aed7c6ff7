/* geoinc map runtime: incident layers, time slider, legend, popups and small tools.
 *
 * Security rule of this file: text that comes from the data (article text, place
 * names, source names, URLs, event types) only ever reaches the page through
 * textContent or DOM attributes set one by one, never through innerHTML, and a URL
 * becomes a link only when its scheme is http or https.
 */
(function () {
  "use strict";
  var G = (window.geoinc = window.geoinc || {});
  G.maps = G.maps || [];
  var DAY = 86400000;

  // ---------------------------------------------------------------- DOM helpers
  function el(tag, cls, text, parent) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (parent) parent.appendChild(e);
    return e;
  }
  G.el = el;

  // A link only for absolute http(s) URLs; anything else (javascript:, data:, relative
  // paths) is shown as plain text so a hostile article cannot smuggle a script URL.
  function safeUrl(u) {
    if (typeof u !== "string" || !u) return null;
    var p;
    try { p = new URL(u.trim()); } catch (err) { return null; }
    return p.protocol === "http:" || p.protocol === "https:" ? p.href : null;
  }
  G.safeUrl = safeUrl;

  function link(url, text, parent) {
    var href = safeUrl(url);
    if (!href) return el("span", "geoinc-nolink", text || url, parent);
    var a = el("a", null, text || href, parent);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer nofollow";
    return a;
  }

  // Small inline SVG icons: no icon font, nothing to fetch, works offline.
  function icon(paths, parent) {
    var NS = "http://www.w3.org/2000/svg", svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24"); svg.setAttribute("width", "18"); svg.setAttribute("height", "18");
    svg.setAttribute("aria-hidden", "true");
    paths.forEach(function (d) {
      var p = document.createElementNS(NS, "path");
      p.setAttribute("d", d); p.setAttribute("fill", "none"); p.setAttribute("stroke", "#333"); p.setAttribute("stroke-width", "2");
      svg.appendChild(p);
    });
    parent.appendChild(svg);
    return svg;
  }

  function isoDay(d) {
    return d === null || d === undefined ? "" : new Date(d * DAY).toISOString().slice(0, 10);
  }
  G.isoDay = isoDay;

  function fmtNum(v) {
    if (v === null || v === undefined) return "–";
    return Math.round(v) === v ? String(v) : v.toFixed(1);
  }

  // Circle markers inside a cluster group are hidden/shown during animations.
  if (L.CircleMarker && !L.CircleMarker.prototype.clusterHide) {
    L.CircleMarker.include({
      clusterHide: function () { this.setStyle({ opacity: 0, fillOpacity: 0 }); return this; },
      clusterShow: function () {
        this.setStyle({ opacity: this._gOpacity || 1, fillOpacity: this._gFill || 0.7 });
        return this;
      },
    });
  }

  // ------------------------------------------------------------------ the store
  function Store(map, data, opts) {
    this.map = map;
    this.data = data;
    this.opts = opts;
    this.S = data.S;
    this.n = data.n;
    this.groups = opts.groups; // type index -> L layer (cluster group or feature group)
    this.listeners = [];
    this.markers = new Array(this.n);
    this.regionLayers = []; // {t, r, layer, members}
    this.visibleMask = new Uint8Array(this.n);
    this.window = [data.dmin, data.dmax, true];
    this.renderer = opts.canvas ? L.canvas({ padding: 0.5 }) : L.svg({ padding: 0.5 });
    this._build();
  }
  G.Store = Store;

  // A value is a code into the string table S, or (columns of nearly unique text) the
  // string itself; null or -1 means missing.
  Store.prototype.s = function (i) {
    if (typeof i === "string") return i;
    return i === null || i === undefined || i < 0 ? "" : this.S[i];
  };

  Store.prototype._build = function () {
    var d = this.data, self = this, n = this.n;
    var regionMembers = {};
    for (var i = 0; i < n; i++) {
      var r = d.region[i];
      if (r >= 0) {
        var key = d.type[i] + ":" + r;
        (regionMembers[key] = regionMembers[key] || []).push(i);
        continue;
      }
      var t = d.type[i];
      var k = d.kb[i];
      var radius = Math.min(d.rmax, 4 + 2.2 * Math.sqrt(k > 0 ? k : 0));
      var m = L.circleMarker([d.lat[i], d.lon[i]], {
        radius: radius, color: "#222", weight: 1, opacity: 0.9,
        fillColor: d.types[t][1], fillOpacity: 0.75,
        className: "geoinc-incident geoinc-t" + t, renderer: this.renderer,
      });
      m._gOpacity = 0.9; m._gFill = 0.75;
      m._gi = i;
      this.markers[i] = m;
    }
    // One popup and one tooltip for all markers, opened through events on the groups:
    // binding one of each to 100,000 markers would create 200,000 objects up front.
    this._popup = L.popup({ maxWidth: 380, minWidth: 240 });
    this._tip = L.tooltip({ direction: "top", offset: [0, -6] });
    var markerOf = function (e) { var m = e.propagatedFrom || e.layer; return m && m._gi !== undefined ? m : null; };
    Object.keys(this.groups).forEach(function (t) {
      self.groups[t].on("click", function (e) { var m = markerOf(e); if (m) self.openPopup(m._gi, true); });
      self.groups[t].on("mouseover", function (e) { var m = markerOf(e); if (m) self.openTooltip(m._gi); });
      self.groups[t].on("mouseout", function (e) { if (markerOf(e)) self.map.closeTooltip(self._tip); });
    });
    Object.keys(regionMembers).sort().forEach(function (key) {
      var parts = key.split(":"), t = +parts[0], r = +parts[1];
      var reg = d.regions[r];
      var lyr = L.geoJSON(reg.geometry, {
        renderer: self.renderer,
        style: {
          color: d.types[t][1], weight: 2, dashArray: "6 4", fillColor: d.types[t][1],
          fillOpacity: 0.12, className: "geoinc-region geoinc-t" + t,
        },
      });
      var entry = { t: t, r: r, layer: lyr, members: regionMembers[key], shown: [] };
      lyr.bindTooltip(function () { return self._regionTooltip(entry); }, { sticky: true });
      lyr.bindPopup(function () { return self._popupFn(entry.shown)(); }, { maxWidth: 380, minWidth: 240 });
      self.regionLayers.push(entry);
    });
  };

  Store.prototype._tooltipFn = function (i) {
    var self = this;
    return function () {
      var d = self.data, box = el("div", "geoinc-tip");
      el("b", null, self.s(d.place[i]) || "(no place name)", box);
      el("div", null, [isoDay(d.d0[i]) || "undated", d.types[d.type[i]][0]].join(" · "), box);
      if (d.kb[i] !== null) el("div", null, "killed (best): " + fmtNum(d.kb[i]), box);
      return box;
    };
  };

  Store.prototype._regionTooltip = function (entry) {
    var d = this.data, box = el("div", "geoinc-tip");
    el("b", null, d.regions[entry.r].name, box);
    el("div", null, d.types[entry.t][0] + " · " + entry.shown.length + " incident(s) located only to this region", box);
    return box;
  };

  // One popup body for one or more incidents (several when a region layer is clicked).
  Store.prototype._popupFn = function (idx) {
    var self = this;
    return function () {
      var box = el("div", "geoinc-popup");
      var list = idx.slice(0, 25);
      list.forEach(function (i) { self._incidentBlock(i, box); });
      if (idx.length > list.length) el("div", "geoinc-more", "… and " + (idx.length - list.length) + " more in this window", box);
      return box;
    };
  };

  Store.prototype._incidentBlock = function (i, box) {
    var d = this.data, self = this, f = d.fields;
    var sec = el("div", "geoinc-incident-block", null, box);
    el("div", "geoinc-title", d.types[d.type[i]][0] + " — " + (self.s(d.place[i]) || "(no place name)"), sec);
    var dl = el("table", "geoinc-kv", null, sec);
    d.spec.forEach(function (spec) {
      var label = spec[0], kind = spec[1], cols = spec.slice(2), text = null;
      var col0 = f[cols[0]];
      if (kind === "s") {
        text = col0 ? self.s(col0[i]) : "";
      } else if (kind === "n") {
        var v = col0 ? col0[i] : null;
        text = v === null ? "" : fmtNum(v);
      } else if (kind === "dates") {
        var a = d.d0[i], b = d.d1[i];
        text = a === null ? "undated" : isoDay(a) + (b !== null && b !== a ? " – " + isoDay(b) : "");
        var p = col0 ? self.s(col0[i]) : "";
        if (p) text += " (" + p + ")";
      } else if (kind === "pct") {
        var pv = col0 ? col0[i] : null;  // a share 0..1 shown as a percentage, never rounded to 1.0
        text = pv === null ? "" : (pv * 100).toFixed(pv * 100 % 1 === 0 ? 0 : 1) + " %";
      } else if (kind === "lbh") {
        var pick = function (c) { return f[c] ? f[c][i] : null; };
        var lo = pick(cols[0]), be = pick(cols[1]), hi = pick(cols[2]);
        if (lo !== null || be !== null || hi !== null) {
          text = "low " + fmtNum(lo) + " · best " + fmtNum(be) + " · high " + fmtNum(hi);
        }
      }
      if (text) {
        var tr = el("tr", null, null, dl);
        el("th", null, label, tr);
        el("td", null, text, tr);
      }
    });
    var st = f.sourceTable;
    if (st && st.off[i + 1] > st.off[i]) {
      el("div", "geoinc-h", "Sources", sec);
      var ul = el("ul", "geoinc-sources", null, sec);
      var col = {};
      st.cols.forEach(function (c) { col[self.s(c[0])] = c[1]; });
      for (var q = st.off[i]; q < st.off[i + 1]; q++) {
        var get = function (k) { return col[k] ? self.s(col[k][q]) : ""; };
        var li = el("li", null, null, ul);
        link(get("url"), get("name") || get("url") || "(unnamed source)", li);
        if (get("published")) el("span", "geoinc-dim", " " + get("published"), li);
      }
    }
    var ct = f.claimTable;
    if (ct && ct.off[i + 1] > ct.off[i]) {
      el("div", "geoinc-h", "Per-source figures and evidence", sec);
      for (var r = ct.off[i]; r < ct.off[i + 1]; r++) {
        var cb = el("div", "geoinc-claim", null, sec);
        var o = {}, order = [];
        ct.cols.forEach(function (c) {
          var code = c[1][r];
          if (code === null || code === undefined || code < 0) return;
          var k = self.s(c[0]);
          o[k] = self.s(code);
          order.push(k);
        });
        // "Source — killed: “at least 22” (22)", then any other fields as "key: value"
        var line = [];
        if (o.source) line.push(o.source + " —");
        if (o.field) line.push(o.field + ":");
        if (o.text) line.push("“" + o.text + "”");
        else if (o.qualifier) line.push(o.qualifier);
        var nums = [o.low, o.value, o.high].filter(function (x) { return x; });
        if (nums.length) line.push("(" + (o.low && o.high && o.low !== o.high ? o.low + "–" + o.high : (o.value || nums[0])) + ")");
        var used = { source: 1, field: 1, text: 1, qualifier: 1, low: 1, value: 1, high: 1, evidence: 1, url: 1, doc_id: 1 };
        order.forEach(function (k) { if (!used[k]) line.push(k + ": " + o[k]); });
        el("div", null, line.join(" "), cb);
        var evidence = o.evidence, url = o.url;
        if (url) link(url, url, el("div", "geoinc-dim", null, cb));
        if (evidence) el("blockquote", "geoinc-evidence", evidence, cb);
      }
    }
  };

  Store.prototype.openTooltip = function (i) {
    var m = this.markers[i];
    if (!m) return false;
    this._tip.setLatLng(m.getLatLng()).setContent(this._tooltipFn(i)());
    this.map.openTooltip(this._tip);
    return true;
  };

  Store.prototype.onChange = function (fn) {
    this.listeners.push(fn);
    if (this.visibleCount !== undefined) fn(this);
  };

  // Which incidents fall in the window [from, to] (day numbers, inclusive)?
  // An incident with a date range is kept when its range overlaps the window.
  Store.prototype.filter = function (from, to, undated) {
    var d = this.data, n = this.n, mask = this.visibleMask;
    this.window = [from, to, undated];
    var perGroup = {}, t, count = 0;
    for (t in this.groups) perGroup[t] = [];
    for (var i = 0; i < n; i++) {
      var a = d.d0[i], b = d.d1[i], on;
      if (a === null) on = undated;
      else { if (b === null || b < a) b = a; on = a <= to && b >= from; }
      mask[i] = on ? 1 : 0;
      if (on) count++;
      if (on && this.markers[i]) perGroup[d.type[i]].push(this.markers[i]);
    }
    for (t in this.groups) {
      var g = this.groups[t];
      g.clearLayers();
      if (g.addLayers) {
        // on the map, the clusterer loads in chunks (the page stays responsive);
        // the store is "ready" when the last chunk is in
        if (g._map && perGroup[t].length) g._geoincLoading = true;
        g.addLayers(perGroup[t]);
      }
      else perGroup[t].forEach(function (m) { g.addLayer(m); });
    }
    var self = this;
    this.regionLayers.forEach(function (e) {
      e.shown = e.members.filter(function (i) { return mask[i]; });
      if (e.shown.length) self.groups[e.t].addLayer(e.layer);
    });
    this.visibleCount = count;
    this.listeners.forEach(function (fn) { fn(self); });
    return count;
  };

  Store.prototype.visibleIndices = function () {
    var out = [];
    for (var i = 0; i < this.n; i++) if (this.visibleMask[i]) out.push(i);
    return out;
  };

  // Open the popup of incident i (tests and the search box use it).
  Store.prototype.openPopup = function (i, inPlace) {
    this.map.closePopup();
    var m = this.markers[i];
    if (m) {
      if (!inPlace) this.map.setView(m.getLatLng(), Math.max(this.map.getZoom(), 8));
      this._popup.setLatLng(m.getLatLng()).setContent(this._popupFn([i])()).openOn(this.map);
      return true;
    }
    var self = this, hit = null;
    this.regionLayers.forEach(function (e) { if (e.members.indexOf(i) >= 0) hit = e; });
    if (!hit) return false;
    L.popup({ maxWidth: 380 }).setLatLng(hit.layer.getBounds().getCenter())
      .setContent(self._popupFn([i])()).openOn(this.map);
    return true;
  };

  // ------------------------------------------------------------ layer factories
  G.incidentGroup = function (opts) {
    if (opts.cluster && L.markerClusterGroup) {
      var color = opts.color, grp;
      return (grp = L.markerClusterGroup({
        chunkProgress: function (done, total) { grp._geoincLoading = done < total; },
        chunkedLoading: true, chunkInterval: 150, maxClusterRadius: 50,
        showCoverageOnHover: false, spiderfyOnMaxZoom: true, removeOutsideVisibleBounds: true,
        iconCreateFunction: function (c) {
          var n = c.getChildCount(), size = n < 100 ? 30 : n < 1000 ? 36 : 44;
          var icon = L.divIcon({ html: "", className: "geoinc-cluster", iconSize: [size, size] });
          // the count is a number; it is still set as text, never as HTML
          icon.createIcon = function (old) {
            var div = L.DivIcon.prototype.createIcon.call(this, old);
            div.textContent = "";
            var span = el("span", null, String(n), div);
            span.style.lineHeight = size + "px";
            div.style.background = color;
            return div;
          };
          return icon;
        },
      }));
    }
    if (opts.stack && L.markerClusterGroup) {
      // no clustering, but incidents at the very same point fan out when clicked
      // ("spiderfy") instead of hiding each other
      var tint = opts.color, sg;
      return (sg = L.markerClusterGroup({
        maxClusterRadius: 1, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
        zoomToBoundsOnClick: false, removeOutsideVisibleBounds: false, chunkedLoading: true,
        chunkProgress: function (done, total) { sg._geoincLoading = done < total; },
        iconCreateFunction: function (c) {
          var icon = L.divIcon({ html: "", className: "geoinc-cluster geoinc-stack", iconSize: [22, 22] });
          icon.createIcon = function (old) {
            var div = L.DivIcon.prototype.createIcon.call(this, old);
            div.textContent = "";
            var span = el("span", null, String(c.getChildCount()), div);
            span.style.lineHeight = "22px";
            div.style.background = tint;
            return div;
          };
          return icon;
        },
      }).on("clusterclick", function (e) { e.layer.spiderfy(); }));
    }
    return L.featureGroup();
  };

  G.heatLayer = function (opts) { return new HeatLayer(opts); };

  var HeatLayer = L.Layer.extend({
    initialize: function (opts) { this._opts = opts || {}; this._pts = []; },
    setStore: function (store) {
      var self = this;
      this._store = store;
      store.onChange(function () { self._collect(); self._redraw(); });
    },
    _collect: function () {
      var s = this._store, d = s.data, pts = [];
      for (var i = 0; i < s.n; i++) if (s.visibleMask[i]) pts.push(i);
      this._pts = pts;
    },
    onAdd: function (map) {
      this._map = map;
      var c = (this._canvas = L.DomUtil.create("canvas", "geoinc-heat leaflet-zoom-hide"));
      map.getPanes().overlayPane.appendChild(c);
      map.on("moveend zoomend resize", this._redraw, this);
      this._redraw();
    },
    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend zoomend resize", this._redraw, this);
    },
    _stamp: function (r) {
      var c = document.createElement("canvas"), g = c.getContext("2d");
      c.width = c.height = 2 * r;
      var grd = g.createRadialGradient(r, r, 0, r, r, r);
      grd.addColorStop(0, "rgba(0,0,0,1)");
      grd.addColorStop(1, "rgba(0,0,0,0)");
      g.fillStyle = grd;
      g.fillRect(0, 0, 2 * r, 2 * r);
      return c;
    },
    _palette: function () {
      if (this._pal) return this._pal;
      var c = document.createElement("canvas"), g = c.getContext("2d");
      c.width = 256; c.height = 1;
      var grd = g.createLinearGradient(0, 0, 256, 0);
      grd.addColorStop(0.25, "#2c7bb6"); grd.addColorStop(0.5, "#abd9e9");
      grd.addColorStop(0.7, "#fdae61"); grd.addColorStop(1, "#d7191c");
      g.fillStyle = grd; g.fillRect(0, 0, 256, 1);
      return (this._pal = g.getImageData(0, 0, 256, 1).data);
    },
    _redraw: function () {
      if (!this._map || !this._store) return;
      var map = this._map, size = map.getSize(), c = this._canvas;
      L.DomUtil.setPosition(c, map.containerPointToLayerPoint([0, 0]));
      c.width = size.x; c.height = size.y;
      var g = c.getContext("2d"), r = this._opts.radius || 14, stamp = this._stamp(r);
      var d = this._store.data, b = map.getBounds().pad(0.1), pts = this._pts;
      g.globalAlpha = this._opts.alpha || 0.25;
      for (var j = 0; j < pts.length; j++) {
        var i = pts[j];
        if (!b.contains([d.lat[i], d.lon[i]])) continue;
        var p = map.latLngToContainerPoint([d.lat[i], d.lon[i]]);
        g.drawImage(stamp, p.x - r, p.y - r);
      }
      if (!size.x || !size.y) return;
      var img = g.getImageData(0, 0, size.x, size.y), px = img.data, pal = this._palette();
      for (var k = 3; k < px.length; k += 4) {
        var a = px[k];
        if (!a) continue;
        var o = a * 4;
        px[k - 3] = pal[o]; px[k - 2] = pal[o + 1]; px[k - 1] = pal[o + 2];
        px[k] = Math.min(255, a * 1.6);
      }
      g.putImageData(img, 0, 0);
    },
  });

  // Admin1 regions shaded by the casualties of the incidents in the window.
  G.choropleth = function (geojson, opts) {
    var breaks = opts.breaks, colors = opts.colors, sums = {};
    function colorFor(v) {
      if (!v) return "transparent";
      for (var b = breaks.length - 1; b >= 0; b--) if (v >= breaks[b]) return colors[b];
      return colors[0];
    }
    var layer = L.geoJSON(geojson, {
      style: function () {
        return { color: "#555", weight: 0.8, fillOpacity: 0.55, fillColor: "transparent", className: "geoinc-choropleth" };
      },
      onEachFeature: function (feat, lyr) {
        lyr.bindTooltip(function () {
          var box = el("div", "geoinc-tip");
          el("b", null, feat.properties.name, box);
          el("div", null, "killed (best) in window: " + fmtNum(sums[feat.properties.code] || 0), box);
          return box;
        }, { sticky: true });
      },
    });
    layer.setStore = function (store) {
      store.onChange(function () {
        var d = store.data;
        sums = {};
        for (var i = 0; i < store.n; i++) {
          if (!store.visibleMask[i] || d.kb[i] === null) continue;
          var code = store.s(d.adm[i]);
          if (!code) continue;
          sums[code] = (sums[code] || 0) + d.kb[i];
        }
        layer.eachLayer(function (l) {
          l.setStyle({ fillColor: colorFor(sums[l.feature.properties.code] || 0) });
        });
      });
    };
    return layer;
  };

  function textTooltipLayer(layer, fnText) {
    layer.bindTooltip(function (l) {
      var box = el("div", "geoinc-tip");
      fnText(l).forEach(function (line, j) { el(j ? "div" : "b", null, line, box); });
      return box;
    }, { sticky: true });
    return layer;
  }

  G.borderLayer = function (geojson, opts) {
    var layer = L.geoJSON(geojson, {
      style: function (f) {
        var disputed = f.properties.kind === "disputed";
        return {
          color: disputed ? opts.disputedColor : opts.color, weight: disputed ? 2.5 : 2,
          dashArray: disputed ? "6 5" : null, opacity: 0.9,
          className: disputed ? "geoinc-border geoinc-disputed" : "geoinc-border",
        };
      },
    });
    layer.eachLayer(function (l) {
      textTooltipLayer(l, function () {
        var p = l.feature.properties;
        return [p.label, p.kind + " border · dataset: " + p.dataset];
      });
    });
    return layer;
  };

  G.bandLayer = function (geojson, opts) {
    var layer = L.geoJSON(geojson, {
      style: { color: opts.color, weight: 1, fillColor: opts.color, fillOpacity: 0.15, className: "geoinc-band" },
    });
    layer.eachLayer(function (l) { textTooltipLayer(l, function () { return [opts.label, opts.detail]; }); });
    return layer;
  };

  G.claimsLayer = function (claims, opts) {
    var group = L.featureGroup();
    claims.forEach(function (c) {
      var color = opts.colors[c.verdict] || opts.colors._other;
      var line = L.polyline(c.line, { color: color, weight: 3, opacity: 0.9, className: "geoinc-claim-line" });
      var label = el("div", "geoinc-claim-label", c.label);
      line.bindTooltip(label, { permanent: true, direction: "center", className: "geoinc-claim-tip" });
      line.bindPopup(function () {
        var box = el("div", "geoinc-popup");
        el("div", "geoinc-title", c.title, box);
        var t = el("table", "geoinc-kv", null, box);
        c.rows.forEach(function (r) { var tr = el("tr", null, null, t); el("th", null, r[0], tr); el("td", null, r[1], tr); });
        if (c.text) el("blockquote", "geoinc-evidence", c.text, box);
        return box;
      });
      group.addLayer(line);
      group.addLayer(L.circleMarker(c.line[0], { radius: 4, color: color, fillOpacity: 1, className: "geoinc-claim-place" }));
    });
    return group;
  };

  G.vectorBasemap = function (data, opts) {
    var group = L.featureGroup();
    group._data = data; // shared with the minimap and the choropleth
    var renderer = L.canvas({ padding: 0.3 });
    group.addLayer(L.geoJSON(data.countries, {
      renderer: renderer, interactive: false,
      style: { color: "#9a9a9a", weight: 0.8, fillColor: "#f2efe6", fillOpacity: 1 },
    }));
    if (data.admin1) {
      group.addLayer(L.geoJSON(data.admin1, {
        renderer: renderer, interactive: false,
        style: { color: "#b9b3a5", weight: 0.6, fill: false, dashArray: "3 3" },
      }));
    }
    var labels = L.layerGroup();
    (data.labels || []).forEach(function (lb) {
      var m = L.circleMarker([lb[1], lb[0]], { radius: 1.5, color: "#666", interactive: false, renderer: renderer });
      m.bindTooltip(el("span", null, lb[2]), { permanent: true, direction: "right", className: "geoinc-basemap-label", offset: [3, 0] });
      labels.addLayer(m);
    });
    group.on("add", function () {
      var map = group._map;
      var sync = function () {
        if (map.getZoom() >= (opts.labelZoom || 6)) { if (!map.hasLayer(labels)) labels.addTo(map); }
        else if (map.hasLayer(labels)) map.removeLayer(labels);
      };
      group._sync = sync;
      map.on("zoomend", sync);
      sync();
      map.getContainer().classList.add("geoinc-vector-bg");
    });
    group.on("remove", function () {
      var map = this._mapRef;
      if (map) { map.off("zoomend", group._sync); if (map.hasLayer(labels)) map.removeLayer(labels); map.getContainer().classList.remove("geoinc-vector-bg"); }
    });
    group.on("add", function () { group._mapRef = group._map; });
    return group;
  };

  // -------------------------------------------------------------------- controls
  G.TimeSlider = L.Control.extend({
    options: { position: "bottomleft" },
    initialize: function (store, opts) { L.setOptions(this, opts); this.store = store; },
    onAdd: function () {
      var s = this.store, d = s.data, self = this;
      var box = el("div", "geoinc-slider leaflet-bar");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      el("div", "geoinc-h", "Time window", box);
      if (d.dmin === null) {
        el("div", "geoinc-dim", "no dated incidents", box);
        return box;
      }
      var mk = function (val, cls) {
        var i = el("input", cls, null, box);
        i.type = "range"; i.min = d.dmin; i.max = d.dmax; i.step = 1; i.value = val;
        return i;
      };
      this.from = mk(d.dmin, "geoinc-from");
      this.to = mk(d.dmax, "geoinc-to");
      this.label = el("div", "geoinc-range-label", null, box);
      var row = el("label", "geoinc-undated", null, box);
      this.undated = el("input", null, null, row);
      this.undated.type = "checkbox"; this.undated.checked = true;
      el("span", null, " undated (" + d.nUndated + ")", row);
      this.play = el("button", "geoinc-play", "▶ play", box);
      this.play.type = "button";
      var big = s.n > 20000, timer = null;
      var apply = function () {
        var a = +self.from.value, b = +self.to.value;
        if (a > b) { var t = a; a = b; b = t; }
        self.label.textContent = isoDay(a) + " – " + isoDay(b) + " · " + s.filter(a, b, self.undated.checked) + " shown";
      };
      var soon = function () { clearTimeout(timer); timer = setTimeout(apply, 120); };
      [this.from, this.to].forEach(function (inp) {
        inp.addEventListener(big ? "change" : "input", soon);
        inp.addEventListener("change", apply);
      });
      this.undated.addEventListener("change", apply);
      this.apply = apply;
      var playing = null;
      this.play.addEventListener("click", function () {
        if (playing) { clearInterval(playing); playing = null; self.play.textContent = "▶ play"; return; }
        var width = Math.max(1, Math.round((d.dmax - d.dmin) / 10));
        self.from.value = d.dmin; self.to.value = d.dmin + width;
        self.play.textContent = "■ stop";
        apply();
        playing = setInterval(function () {
          var b = +self.to.value + Math.max(1, Math.round(width / 2));
          if (b > d.dmax + width) { clearInterval(playing); playing = null; self.play.textContent = "▶ play"; return; }
          self.to.value = Math.min(b, d.dmax); self.from.value = Math.max(d.dmin, b - width);
          apply();
        }, big ? 2000 : 900);
      });
      s.onChange(function () {
        self.label.textContent = isoDay(s.window[0]) + " – " + isoDay(s.window[1]) + " · " + s.visibleCount + " shown";
      });
      return box;
    },
  });

  G.Legend = L.Control.extend({
    options: { position: "bottomright" },
    initialize: function (store, cfg, opts) { L.setOptions(this, opts); this.store = store; this.cfg = cfg; },
    onAdd: function (map) {
      this._map = map;
      var cfg = this.cfg, s = this.store, box = el("div", "geoinc-legend leaflet-bar");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      var toggle = el("button", "geoinc-legend-toggle", "Legend", box);
      toggle.type = "button";
      var body = el("div", "geoinc-legend-body", null, box);
      toggle.addEventListener("click", function () { body.hidden = !body.hidden; });
      // the legend never hides the map: folded on small maps (the button unfolds it),
      // and never taller than the map leaves room for (it scrolls instead)
      var fit = function () {
        var h = map.getSize().y;
        box.style.maxHeight = Math.max(100, Math.min(0.45 * h, h - 150)) + "px";
      };
      if (map.getSize().y < 600 || map.getSize().x < 700) body.hidden = true;
      fit();
      map.on("resize", fit);
      // ...and folded when, open, it would cover an incident of the first view (once the
      // box is laid out; after that the reader's choice with the button stands)
      var covers = function () {
        var r = box.getBoundingClientRect(), c = map.getContainer().getBoundingClientRect();
        for (var i = 0; s && i < s.n; i++) {
          if (!s.visibleMask[i] || s.data.lat[i] == null || s.data.lon[i] == null) continue;
          var p = map.latLngToContainerPoint([s.data.lat[i], s.data.lon[i]]);
          var x = p.x + c.left, y = p.y + c.top;
          if (x > r.left - 10 && x < r.right + 10 && y > r.top - 10 && y < r.bottom + 10) return true;
        }
        return false;
      };
      map.whenReady(function () {
        setTimeout(function () { if (!body.hidden && covers()) body.hidden = true; }, 0);
      });
      el("div", "geoinc-h", cfg.title, body);
      var counts = [];
      if (s) {
        el("div", "geoinc-sub", "Incidents by event type (count in window)", body);
        s.data.types.forEach(function (t, ti) {
          var row = el("div", "geoinc-row", null, body);
          var sw = el("span", "geoinc-swatch", null, row);
          sw.style.background = t[1];
          el("span", null, " " + t[0] + " ", row);
          counts.push(el("span", "geoinc-dim geoinc-count", "", row));
        });
        el("div", "geoinc-sub", "Marker size: killed (best)", body);
        var sizes = el("div", "geoinc-row", null, body);
        [0, 5, 25].forEach(function (k) {
          var r = Math.min(s.data.rmax, 4 + 2.2 * Math.sqrt(k));
          var c = el("span", "geoinc-size", null, sizes);
          c.style.width = c.style.height = 2 * r + "px";
          el("span", "geoinc-dim", " " + k + "  ", sizes);
        });
        if (s.regionLayers.length) {
          var rr = el("div", "geoinc-row", null, body);
          el("span", "geoinc-swatch geoinc-swatch-region", null, rr);
          el("span", null, " located only to a region: drawn as the region", rr);
        }
        var upd = function () {
          var d = s.data, c = new Array(d.types.length).fill(0);
          for (var i = 0; i < s.n; i++) if (s.visibleMask[i]) c[d.type[i]]++;
          counts.forEach(function (e, j) { e.textContent = "(" + c[j] + ")"; });
        };
        s.onChange(upd);
      }
      (cfg.items || []).forEach(function (it) {
        el("div", "geoinc-sub", it.section, body);
        it.rows.forEach(function (r) {
          var row = el("div", "geoinc-row", null, body);
          var sw = el("span", "geoinc-swatch geoinc-swatch-" + r.shape, null, row);
          sw.style.background = r.shape === "line" || r.shape === "dash" ? "transparent" : r.color;
          sw.style.borderColor = r.color;
          el("span", null, " " + r.label, row);
        });
      });
      if (cfg.notes) cfg.notes.forEach(function (t) { el("div", "geoinc-dim geoinc-note", t, body); });
      return box;
    },
  });

  // Geodesic distance on the WGS84 ellipsoid (Vincenty's inverse formula, metres).
  function vincenty(lat1, lon1, lat2, lon2) {
    var a = 6378137, f = 1 / 298.257223563, b = a * (1 - f), rad = Math.PI / 180;
    var Lr = (lon2 - lon1) * rad, U1 = Math.atan((1 - f) * Math.tan(lat1 * rad)), U2 = Math.atan((1 - f) * Math.tan(lat2 * rad));
    var sinU1 = Math.sin(U1), cosU1 = Math.cos(U1), sinU2 = Math.sin(U2), cosU2 = Math.cos(U2);
    var lam = Lr, it = 0, sinSig, cosSig, sig, cos2a, cos2sm, lamP;
    do {
      var sinL = Math.sin(lam), cosL = Math.cos(lam);
      sinSig = Math.sqrt(Math.pow(cosU2 * sinL, 2) + Math.pow(cosU1 * sinU2 - sinU1 * cosU2 * cosL, 2));
      if (sinSig === 0) return 0;
      cosSig = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
      sig = Math.atan2(sinSig, cosSig);
      var sinA = cosU1 * cosU2 * sinL / sinSig;
      cos2a = 1 - sinA * sinA;
      cos2sm = cos2a ? cosSig - 2 * sinU1 * sinU2 / cos2a : 0;
      var C = f / 16 * cos2a * (4 + f * (4 - 3 * cos2a));
      lamP = lam;
      lam = Lr + (1 - C) * f * sinA * (sig + C * sinSig * (cos2sm + C * cosSig * (-1 + 2 * cos2sm * cos2sm)));
    } while (Math.abs(lam - lamP) > 1e-12 && ++it < 200);
    var u2 = cos2a * (a * a - b * b) / (b * b);
    var A = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
    var B = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
    var dSig = B * sinSig * (cos2sm + B / 4 * (cosSig * (-1 + 2 * cos2sm * cos2sm) - B / 6 * cos2sm * (-3 + 4 * sinSig * sinSig) * (-3 + 4 * cos2sm * cos2sm)));
    return b * A * (sig - dSig);
  }
  G.geodesicMetres = vincenty;

  G.MeasureControl = L.Control.extend({
    options: { position: "topleft" },
    onAdd: function (map) {
      var box = el("div", "geoinc-measure leaflet-bar"), self = this;
      L.DomEvent.disableClickPropagation(box);
      var btn = el("a", "geoinc-tool geoinc-measure-btn", null, box);
      icon(["M3 17 L17 3 L21 7 L7 21 Z", "M7 13 L9 15", "M10 10 L12 12", "M13 7 L15 9"], btn);
      btn.href = "#"; btn.title = "Measure geodesic distance (click points, double-click to finish)";
      btn.setAttribute("role", "button");
      var out = el("div", "geoinc-measure-out", null, box);
      out.hidden = true;
      var pts = [], line = null, active = false;
      function total() {
        var m = 0;
        for (var i = 1; i < pts.length; i++) m += vincenty(pts[i - 1].lat, pts[i - 1].lng, pts[i].lat, pts[i].lng);
        return m;
      }
      function click(e) {
        pts.push(e.latlng);
        if (!line) line = L.polyline([], { color: "#000", dashArray: "4 4", weight: 2, className: "geoinc-measure-line" }).addTo(map);
        line.setLatLngs(pts);
        out.hidden = false;
        out.textContent = (total() / 1000).toFixed(2) + " km (geodesic, WGS84)";
      }
      function stop() {
        active = false; map.off("click", click); map.doubleClickZoom.enable();
        map.getContainer().style.cursor = ""; btn.classList.remove("geoinc-on");
      }
      L.DomEvent.on(btn, "click", function (e) {
        L.DomEvent.preventDefault(e);
        if (active) { stop(); if (line) { map.removeLayer(line); line = null; } pts = []; out.hidden = true; return; }
        active = true; pts = []; map.on("click", click); map.doubleClickZoom.disable();
        map.getContainer().style.cursor = "crosshair"; btn.classList.add("geoinc-on");
        map.once("dblclick", stop);
      });
      this.measure = { points: function () { return pts; }, total: total };
      return box;
    },
  });

  G.FullscreenControl = L.Control.extend({
    options: { position: "topleft" },
    onAdd: function (map) {
      var box = el("div", "leaflet-bar");
      var btn = el("a", "geoinc-tool geoinc-fullscreen-btn", null, box);
      icon(["M4 9 V4 H9", "M15 4 H20 V9", "M20 15 V20 H15", "M9 20 H4 V15"], btn);
      btn.href = "#"; btn.title = "Full screen"; btn.setAttribute("role", "button");
      L.DomEvent.on(btn, "click", function (e) {
        L.DomEvent.stop(e);
        var c = map.getContainer();
        if (document.fullscreenElement) document.exitFullscreen();
        else if (c.requestFullscreen) c.requestFullscreen();
      });
      document.addEventListener("fullscreenchange", function () { map.invalidateSize(); });
      return box;
    },
  });

  G.MiniMap = L.Control.extend({
    options: { position: "bottomright" },
    initialize: function (layerFactory, opts) { L.setOptions(this, opts); this.factory = layerFactory; },
    onAdd: function (map) {
      var box = el("div", "geoinc-minimap leaflet-bar");
      var self = this;
      setTimeout(function () {
        var mini = (self.mini = L.map(box, {
          attributionControl: false, zoomControl: false, dragging: false, scrollWheelZoom: false,
          doubleClickZoom: false, boxZoom: false, keyboard: false, touchZoom: false,
        }));
        self.factory().addTo(mini);
        var rect = L.rectangle(map.getBounds(), { color: "#d7191c", weight: 1, fillOpacity: 0.1, interactive: false }).addTo(mini);
        var sync = function () {
          mini.setView(map.getCenter(), Math.max(0, map.getZoom() - 5), { animate: false });
          rect.setBounds(map.getBounds());
        };
        map.on("moveend", sync);
        sync();
      }, 0);
      return box;
    },
  });

  // When no map tile has loaded and tiles keep failing (no network, blocked server),
  // switch to the bundled vector basemap and say so: never a blank grey page.
  G.TileFallback = L.Control.extend({
    options: { position: "topright" },
    initialize: function (basemap, opts) { L.setOptions(this, opts); this.basemap = basemap; },
    onAdd: function (map) {
      var box = el("div", "geoinc-tile-note leaflet-bar"), self = this, loaded = 0, failed = 0;
      box.hidden = true;
      var fail = function () {
        failed++;
        if (loaded || failed < 2 || !box.hidden) return;
        if (!map.hasLayer(self.basemap)) self.basemap.addTo(map);
        box.textContent = "Map tiles could not be loaded (offline?): showing the bundled basemap.";
        box.hidden = false;
      };
      map.eachLayer(function (l) {
        if (l instanceof L.TileLayer) {
          l.on("tileload", function () { loaded++; });
          l.on("tileerror", fail);
        }
      });
      return box;
    },
  });

  G.SearchControl = L.Control.extend({
    options: { position: "topleft" },
    initialize: function (store, extra, opts) { L.setOptions(this, opts); this.store = store; this.extra = extra || []; },
    onAdd: function (map) {
      var box = el("div", "geoinc-search leaflet-bar"), s = this.store, extra = this.extra;
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      var input = el("input", null, null, box);
      input.type = "search"; input.placeholder = "Search place…"; input.setAttribute("aria-label", "Search place");
      var list = el("ul", "geoinc-search-results", null, box);
      // index: lower-case name -> [lat, lon, incident index or -1]
      var names = [];
      if (s) {
        var seen = {};
        for (var i = 0; i < s.n; i++) {
          var nm = s.s(s.data.place[i]);
          if (nm && !seen[nm]) { seen[nm] = 1; names.push([nm, s.data.lat[i], s.data.lon[i], i]); }
        }
      }
      extra.forEach(function (p) { names.push([p[2], p[1], p[0], -1]); });
      input.addEventListener("input", function () {
        list.textContent = "";
        var q = input.value.trim().toLowerCase();
        if (q.length < 2) return;
        var hits = names.filter(function (n) { return n[0].toLowerCase().indexOf(q) >= 0; }).slice(0, 8);
        hits.forEach(function (h) {
          var li = el("li", null, h[0] + (h[3] >= 0 ? "" : " (place)"), list);
          li.tabIndex = 0;
          var go = function () {
            // emptied after this click is handled: a target already out of the DOM
            // would look like a click on the map to Leaflet and close the popup
            setTimeout(function () { list.textContent = ""; }, 0);
            if (h[3] >= 0) s.openPopup(h[3]);
            else map.setView([h[1], h[2]], 10);
          };
          li.addEventListener("click", go);
          li.addEventListener("keydown", function (e) { if (e.key === "Enter") go(); });
        });
        if (!hits.length) el("li", "geoinc-dim", "no match", list);
      });
      return box;
    },
  });

  // ------------------------------------------------------------- the first view
  // The map opens on the incidents with no incident under a control (time slider,
  // minimap, legend, layer control, attribution, scale, tools). The controls' boxes are
  // measured once they are laid out; the view is Leaflet's padded fit to the incidents'
  // bounds, and while an incident would sit under a control the padding grows on the
  // side of that control (left/right or top/bottom, whichever keeps the higher zoom).
  // Candidate views are computed, not drawn: the map moves once.
  var CORNERS = [["top", "left"], ["top", "right"], ["bottom", "left"], ["bottom", "right"]];

  function controlBoxes(map) {
    var c = map.getContainer(), cr = c.getBoundingClientRect(), out = [];
    CORNERS.forEach(function (k) {
      var corner = c.querySelector(".leaflet-control-container > .leaflet-" + k[0] + ".leaflet-" + k[1]);
      if (!corner) return;
      Array.prototype.forEach.call(corner.children, function (e) {
        var r = e.getBoundingClientRect();
        if (!r.width || !r.height) return;  // hidden (a note not shown, a folded part)
        // the scale's lines change length with the zoom: count them at their longest
        var right = e.classList.contains("leaflet-control-scale") ? Math.max(r.right, r.left + 110) : r.right;
        out.push({ l: r.left - cr.left, t: r.top - cr.top, r: right - cr.left, b: r.bottom - cr.top,
                   top: k[0] === "top", left: k[1] === "left", el: e });
      });
    });
    return out;
  }

  // The attribution (bottom right) wraps before it reaches the bottom-left controls
  // (time slider, scale) instead of running over them.
  function clearAttribution(map) {
    var c = map.getContainer(), a = c.querySelector(".leaflet-control-attribution");
    if (!a) return;
    var cr = c.getBoundingClientRect(), right = 0;
    var col = c.querySelector(".leaflet-control-container > .leaflet-bottom.leaflet-left");
    if (col) Array.prototype.forEach.call(col.children, function (e) {
      var r = e.getBoundingClientRect();
      if (r.width) right = Math.max(right, r.right - cr.left);
    });
    a.style.maxWidth = right ? Math.max(120, cr.width - right - 10) + "px" : "";
  }
  G.clearAttribution = clearAttribution;

  // Incidents drawn in the first view: projected at zoom 0 (scaled for any zoom), radius
  // (in a stacking or clustering layer, at least the radius of its numbered icon).
  function viewPoints(map, store) {
    var d = store.data, pts = [], least = {};
    Object.keys(store.groups).forEach(function (t) {
      var o = store.groups[t].options || {};
      least[t] = o.iconCreateFunction ? (o.maxClusterRadius === 1 ? 11 : 22) : 0;
    });
    // Web Mercator at zoom 0 written out (map.project allocates two objects a point)
    var merc = map.options.crs === L.CRS.EPSG3857, k = Math.PI / 180, lim = 85.0511287798;
    var project = function (lat, lon) {
      if (!merc) return map.project([lat, lon], 0);
      var sn = Math.sin(Math.max(-lim, Math.min(lim, lat)) * k);
      return { x: 128 + (lon * 128) / 180, y: 128 - (64 / Math.PI) * Math.log((1 + sn) / (1 - sn)) };
    };
    for (var i = 0; i < store.n; i++) {
      var m = store.markers[i];
      if (!m || !store.visibleMask[i]) continue;
      pts.push({ p: project(d.lat[i], d.lon[i]), r: Math.max(m.options.radius, least[d.type[i]]) });
    }
    store.regionLayers.forEach(function (e) {  // a region: its middle
      if (e.shown.length) pts.push({ p: map.project(e.layer.getBounds().getCenter(), 0), r: 8 });
    });
    return pts;
  }

  // Leaflet's padded fit (zoom and projected centre), computed without moving the map.
  function paddedView(map, bounds, pad) {
    var tl = L.point(pad[3], pad[0]), br = L.point(pad[1], pad[2]);
    var zoom = map.getBoundsZoom(bounds, false, tl.add(br));
    var sw = map.project(bounds.getSouthWest(), zoom), ne = map.project(bounds.getNorthEast(), zoom);
    return { zoom: zoom, center: sw.add(ne).divideBy(2).add(br.subtract(tl).divideBy(2)), pad: pad };
  }

  // The incidents that a view puts under (or within `gap` px of) a control box.
  function underControls(map, pts, boxes, view, gap) {
    var s = Math.pow(2, view.zoom), half = map.getSize().divideBy(2), hits = [];
    pts.forEach(function (q) {
      var x = q.p.x * s - view.center.x + half.x, y = q.p.y * s - view.center.y + half.y, g = q.r + gap;
      for (var j = 0; j < boxes.length; j++) {
        var b = boxes[j];
        if (x + g > b.l && x - g < b.r && y + g > b.t && y - g < b.b) { hits.push({ r: q.r, box: b }); return; }
      }
    });
    return hits;
  }

  // The two paddings that move the incidents off one control: past its inner side
  // horizontally, or past its inner edge vertically (when the map keeps room for both).
  function paddingsAround(size, pad, hit, gap) {
    var b = hit.box, g = hit.r + gap, out = [];
    var side = b.left ? [3, b.r + g] : [1, size.x - b.l + g];
    var edge = b.top ? [0, b.b + g] : [2, size.y - b.t + g];
    [side, edge].forEach(function (o) {
      if (o[1] <= pad[o[0]]) return;
      var p = pad.slice();
      p[o[0]] = Math.ceil(o[1]);
      if (p[1] + p[3] < size.x - 40 && p[0] + p[2] < size.y - 40) out.push(p);
    });
    return out;
  }

  // The projected centre nearest `ideal` at which, at this zoom, every incident and the
  // bounds are inside the map and no incident is under a control; null if there is none,
  // undefined if too many incidents to search. Each (incident, control) pair forbids a
  // box of centres, so the answer is `ideal` or lies on the edges of those boxes.
  function clearCentre(map, pts, boxes, bounds, zoom, ideal, gap) {
    if (pts.length * boxes.length > 20000) return undefined;
    var s = Math.pow(2, zoom), size = map.getSize(), half = size.divideBy(2), bans = [];
    var sw = map.project(bounds.getSouthWest(), zoom), ne = map.project(bounds.getNorthEast(), zoom);
    var lo = [ne.x + half.x - size.x, sw.y + half.y - size.y], hi = [sw.x + half.x, ne.y + half.y];
    pts.forEach(function (q) {
      var x = q.p.x * s + half.x, y = q.p.y * s + half.y, g = q.r + gap, e = q.r + Math.max(gap, 6);
      lo = [Math.max(lo[0], x - size.x + e), Math.max(lo[1], y - size.y + e)];
      hi = [Math.min(hi[0], x - e), Math.min(hi[1], y - e)];
      boxes.forEach(function (b) { bans.push([x - b.r - g, x - b.l + g, y - b.b - g, y - b.t + g]); });
    });
    if (lo[0] > hi[0] || lo[1] > hi[1]) return null;
    bans = bans.filter(function (b) { return b[1] > lo[0] && b[0] < hi[0] && b[3] > lo[1] && b[2] < hi[1]; });
    if (bans.length > 300) return undefined;
    var clamp = function (v, k) { return Math.min(hi[k], Math.max(lo[k], v)); };
    var xs = [clamp(ideal.x, 0), lo[0], hi[0]], ys = [clamp(ideal.y, 1), lo[1], hi[1]];
    bans.forEach(function (b) { xs.push(b[0], b[1]); ys.push(b[2], b[3]); });
    var best = null, bestD = Infinity;
    xs.forEach(function (x) {
      if (x < lo[0] || x > hi[0]) return;
      ys.forEach(function (y) {
        var d = (x - ideal.x) * (x - ideal.x) + (y - ideal.y) * (y - ideal.y);
        if (y < lo[1] || y > hi[1] || d >= bestD) return;
        for (var j = 0; j < bans.length; j++) {
          var b = bans[j];
          if (x > b[0] && x < b[1] && y > b[2] && y < b[3]) return;
        }
        best = L.point(x, y); bestD = d;
      });
    });
    return best;
  }

  // Fallback for many incidents: grow the padding on the side of the control over the
  // first covered incident (left/right or top/bottom, whichever keeps the higher zoom).
  function paddedClearView(map, bounds, measure, gap) {
    var size = map.getSize(), view = measure([10, 10, 10, 10]), best = view;
    for (var round = 0; view.hits.length && round < 24; round++) {
      var next = null;
      paddingsAround(size, view.pad, view.hits[0], gap).forEach(function (p) {
        var v = measure(p);
        if (!next || v.zoom > next.zoom || (v.zoom === next.zoom && v.hits.length < next.hits.length)) next = v;
      });
      if (!next) break;
      view = next;
      if (view.hits.length < best.hits.length || (view.hits.length === best.hits.length && view.zoom > best.zoom)) best = view;
    }
    return best;
  }

  // The controls' boxes as laid out, the legend counted folded (open, it folds itself
  // where it would cover an incident) and the attribution kept off the bottom left.
  function laidOutControls(map) {
    var body = map.getContainer().querySelectorAll(".geoinc-legend-body"), was = [];
    Array.prototype.forEach.call(body, function (e) { was.push(e.hidden); e.hidden = true; });
    clearAttribution(map);
    var size = map.getSize(), boxes = size.x > 80 && size.y > 80 ? controlBoxes(map) : [];
    Array.prototype.forEach.call(body, function (e, k) { e.hidden = was[k]; });
    return boxes;
  }

  G.firstView = function (map, store, bounds, opts) {
    opts = opts || {};
    var gap = opts.gap === undefined ? 4 : opts.gap, t0 = performance.now();
    bounds = L.latLngBounds(bounds);
    var boxes = laidOutControls(map), pts = store ? viewPoints(map, store) : [];
    map.on("resize", function () { clearAttribution(map); });
    var measure = function (pad) {
      var v = paddedView(map, bounds, pad);
      v.hits = underControls(map, pts, boxes, v, gap);
      return v;
    };
    var view = measure([10, 10, 10, 10]);
    // the closest zoom (at most three steps out) with a centre that clears the controls
    for (var z = view.zoom; view.hits.length && z >= Math.max(map.getMinZoom(), view.zoom - 3); z--) {
      var mid = map.project(bounds.getSouthWest(), z).add(map.project(bounds.getNorthEast(), z)).divideBy(2);
      var c = clearCentre(map, pts, boxes, bounds, z, mid, gap);
      if (c === undefined) break;
      if (c) { view = { zoom: z, center: c, pad: null, hits: [] }; break; }
    }
    if (view.hits.length) view = paddedClearView(map, bounds, measure, gap);
    map.setView(map.unproject(view.center, view.zoom), view.zoom, { animate: false });
    var info = { padding: view.pad, covered: view.hits.length, zoom: view.zoom, ms: performance.now() - t0 };
    G.maps.forEach(function (e) { if (e.map === map) e.view = info; });
    return info;
  };

  // Parse the data island of one map (a <script type="application/json"> element).
  G.readData = function (id) {
    var node = document.getElementById(id);
    return JSON.parse(node.textContent);
  };

  G.register = function (entry) {
    G.maps.push(entry);
    return entry;
  };
})();
