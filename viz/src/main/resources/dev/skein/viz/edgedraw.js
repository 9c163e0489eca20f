// Skein graph view, drawing edges: each merged edge as a path through its lanes and ports,
// with an invisible wider path to hover, and its label (shape, count) next to the op that reads
// the value; a label that would cover a box or another label is hidden and shown while the edge
// is hovered. Also the arrow markers.
var SkeinEdgeDraw = function (groups, parentOf, childOf, textWidth, el) {
  'use strict';
  var EDGE_KIND = ['data', 'control', 'ref'];

  function edgeLabel(d) {
    if (d.kind !== 0) { return d.count > 1 ? '\u00D7' + d.count : ''; }
    if (d.count === 1) { return d.shape; }
    return d.same ? d.shape + ' \u00D7' + d.count : d.count + ' tensors';
  }

  function draw(d, layer, labels, abs, routes, portAt) {
    var a = abs[d.from], b = abs[d.to];
    if (!a || !b) { return; }
    var up = a.y + a.h / 2 >= b.y + b.h / 2;
    var p0 = { x: a.x + a.w / 2, y: up ? a.y : a.y + a.h };
    var p1 = { x: b.x + b.w / 2, y: up ? b.y + b.h : b.y };
    var pts = [p0];
    if (!d.apart && d.kind !== 2) {
      var h, pk, chain = [];
      for (h = parentOf(d.from); h !== d.group; h = groups[h].parent) {
        pk = 'po' + h + '_' + d.from;
        pts = pts.concat(routes[h + ':' + childOf(h, d.from) + '>' + pk] || [], [portAt[pk]]);
      }
      pts = pts.concat(routes[d.group + ':' + d.ca + '>' + d.cb] || []);
      for (h = parentOf(d.to); h !== d.group; h = groups[h].parent) { chain.unshift(h); }
      chain.forEach(function (h2) {
        pk = 'pi' + h2 + '_' + d.from;
        pts = pts.concat([portAt[pk]], routes[h2 + ':' + pk + '>' + childOf(h2, d.to)] || []);
      });
    }
    pts.push(p1);
    pts = pts.filter(function (pt) { return pt; });
    var path = 'M' + p0.x.toFixed(1) + ',' + p0.y.toFixed(1);
    for (var i = 1; i < pts.length; i++) {
      var s = pts[i - 1], t = pts[i], my = ((s.y + t.y) / 2).toFixed(1);
      path += ' C' + s.x.toFixed(1) + ',' + my + ' ' + t.x.toFixed(1) + ',' + my + ' ' +
          t.x.toFixed(1) + ',' + t.y.toFixed(1);
    }
    var cls = 'edge ' + EDGE_KIND[d.kind] + (d.apart ? ' apart' : d.grad ? ' grad' : '');
    var marker = d.apart ? 'arrow-apart' : d.kind === 2 ? '' : d.grad ? 'arrow-grad' : 'arrow';
    var wrap = el('g', { class: 'edge-g' }, layer);
    var attrs = { class: cls, d: path };
    if (marker) { attrs['marker-end'] = 'url(#' + marker + ')'; }
    if (d.count > 1) { attrs['stroke-width'] = Math.min(4, 1 + Math.log2(d.count) * 0.5).toFixed(1); }
    el('path', attrs, wrap);
    el('path', { class: 'edge-hit', d: path }, wrap);
    var label = edgeLabel(d);
    if (label) {
      // On the last stretch, next to the op that reads the value; hidden (shown while the
      // edge is hovered) where it would cover another label or a box.
      var q0 = pts[pts.length - 2];
      var m = { x: (q0.x + p1.x) / 2 + 4, y: (q0.y + p1.y) / 2 + 3 };
      // A little margin, so two shown labels never run into one another.
      var box = { x: m.x - 2, y: m.y - 8, w: textWidth(label, 8) + 4, h: 10 };
      var free = labels.fits(box);
      var lt = el('text', { x: m.x, y: m.y, 'text-anchor': 'start',
                            class: 'elabel' + (d.grad || d.apart ? ' grad' : '') + (free ? '' : ' hidden') }, wrap);
      lt.textContent = label;
      if (free) { labels.add(box); }
    }
  }

  // Rectangles already taken (boxes and shown labels), in a grid of 64-unit cells.
  function occupancy() {
    var cells = {}, C = 64;
    function each(r, f) {
      for (var i = Math.floor(r.x / C); i <= Math.floor((r.x + r.w) / C); i++) {
        for (var j = Math.floor(r.y / C); j <= Math.floor((r.y + r.h) / C); j++) {
          if (f(i + ',' + j) === false) { return false; }
        }
      }
      return true;
    }
    function overlap(a, b) {
      return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    }
    return {
      add: function (r) { each(r, function (k) { (cells[k] || (cells[k] = [])).push(r); }); },
      fits: function (r) {
        return each(r, function (k) {
          return !(cells[k] || []).some(function (o) { return overlap(o, r); });
        });
      }
    };
  }

  function defs(svg) {
    var d = el('defs', {}, svg);
    [['arrow', '#475569'], ['arrow-grad', '#c084fc'], ['arrow-apart', '#d6c8e6']].forEach(function (m) {
      var mk = el('marker', { id: m[0], viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7,
                              markerHeight: 7, orient: 'auto-start-reverse' }, d);
      el('path', { d: 'M0,0 L10,5 L0,10 z', fill: m[1] }, mk);
    });
  }

  return { draw: draw, occupancy: occupancy, defs: defs };
};
