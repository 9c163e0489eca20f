// Skein graph view: lays out the embedded graph (scopes as nested boxes) and draws it as SVG.
// Each open scope is laid out on its own as a layered graph of its children (ops, scopes and
// series), bottom to top like TensorBoard; a closed scope is one box, a closed series one
// stacked box. All text goes in through textContent/setAttribute, never as markup.
(function () {
  'use strict';
  var SVGNS = 'http://www.w3.org/2000/svg';
  var data = JSON.parse(document.getElementById('skein-data').textContent);
  var groups = data.groups, nodes = data.nodes;
  var open = new Uint8Array(groups.length);
  data.open.forEach(function (g) { open[g] = 1; });
  open[0] = 1;
  var E = SkeinEdges(data, open);
  var isGroup = E.isGroup, parentOf = E.parentOf, firstOf = E.firstOf, gradOf = E.gradOf;
  var childOf = E.childOf;
  var PAD = 10, HEAD = 22, BLOCK_GAP = 48, STACK = 4, LABEL_MAX = 44;

  var svg = document.getElementById('graph');
  var content = document.getElementById('scene-content');
  var canvas = document.getElementById('canvas');
  var tip = document.getElementById('tip');
  var nav = SkeinNav(canvas, document.getElementById('scene'), document.getElementById('mini'),
                     document.getElementById('mini-frame'));
  var card = SkeinCard(data, document.getElementById('card'), function (n) { reveal(n, true); });
  var width = 0, height = 0;
  var abs = {}, routes = {}, portAt = {}, elements = {}, layouts = {}, ports = {};
  var found = null;

  // ---- text measurement -------------------------------------------------------------------
  var measureCtx = document.createElement('canvas').getContext('2d');
  var widthCache = {};
  function textWidth(s, px) {
    var k = px + '|' + s;
    var w = widthCache[k];
    if (w === undefined) {
      measureCtx.font = px + 'px Helvetica, Arial, sans-serif';
      w = widthCache[k] = measureCtx.measureText(s).width;
    }
    return w;
  }
  function seriesText(g) {
    var n = g.groups.length + g.nodes.length;
    var what = g.groups.length ? 'scopes' : nodes[g.nodes[0]].type;
    return n + ' \u00D7 ' + what + ', ' + g.count + ' ops';
  }
  // A long merged path is cut in the middle (the hover and the search have it whole).
  function shortLabel(g) {
    var s = groups[g].label;
    return s.length <= LABEL_MAX ? s : s.slice(0, 14) + '\u2026' + s.slice(s.length - LABEL_MAX + 15);
  }
  function lines(item) {
    if (item >= 0) { return nodes[item].label.split('\n'); }
    var g = groups[~item];
    if (g.kind === 'series') { return [g.label, seriesText(g)]; }
    return [shortLabel(~item), g.count === 1 ? '1 op' : g.count + ' ops'];
  }
  function boxSize(item) {
    var ls = lines(item);
    var w = textWidth(ls[0], 11);
    if (ls.length > 1) { w = Math.max(w, textWidth(ls[1], 9)); }
    var constant = item >= 0 && nodes[item].kind === 'constant';
    var stack = item < 0 && groups[~item].kind === 'series' ? 2 * STACK : 0;
    return { w: Math.max(constant ? 30 : 44, w + (item >= 0 && !constant ? 26 : 16)) + stack,
             h: (ls.length > 1 ? (constant ? 28 : 32) : 22) + stack };
  }

  // ---- layered layout of one open group's children ----------------------------------------
  // Blocks side by side: the forward children, the gradient children, then auxiliary ones.
  function layoutGroup(g, ed, sizes) {
    var kids = groups[g].nodes.slice();
    groups[g].groups.forEach(function (c) { kids.push(~c); });
    kids.sort(function (a, b) { return firstOf(a) - firstOf(b); });
    kids.forEach(function (k) {
      if (isGroup(k) && open[~k]) { sizes[k] = layoutGroup(~k, ed, sizes); }
      else { sizes[k] = boxSize(k); }
    });
    var ps = ports[g] || {};
    Object.keys(ps).forEach(function (pk) {
      sizes[pk] = { w: 0, h: 0, port: ps[pk].isIn ? 'in' : 'out' };
      if (ps[pk].isIn) { kids.unshift(pk); } else { kids.push(pk); }
    });
    var aux = ed.aux[g] || {};
    function gradOfKid(k) { return typeof k === 'string' ? ps[k].grad : gradOf(k); }
    var main = kids.filter(function (k) { return !aux[k]; });
    var side = kids.filter(function (k) { return aux[k]; });
    var fwd = main.filter(function (k) { return !gradOfKid(k); });
    var grad = main.filter(function (k) { return gradOfKid(k); });
    var blocks = fwd.length && grad.length && !groups[g].grad ? [fwd, grad] : [main];
    if (side.length) { blocks.push(side); }
    var lv = ed.level[g] || {};
    var x = 0, h = 0, placed = [];
    blocks.forEach(function (block) {
      if (!block.length) { return; }
      var r = SkeinLayout.layered(block, lv, sizes);
      placed.push({ r: r, x: x });
      x += r.w + BLOCK_GAP;
      h = Math.max(h, r.h);
    });
    var w = Math.max(0, x - BLOCK_GAP);
    var rel = {};
    placed.forEach(function (p) {
      var dy = h - p.r.h;   // blocks share their bottom line (inputs at the bottom)
      Object.keys(p.r.pos).forEach(function (k) {
        var q = p.r.pos[k];
        rel[k] = { x: q.x + p.x, y: q.y + dy, w: q.w, h: q.h };
      });
      Object.keys(p.r.routes).forEach(function (k) {
        rel['route:' + k] = p.r.routes[k].map(function (pt) { return { x: pt.x + p.x, y: pt.y + dy }; });
      });
    });
    var labelW = textWidth(shortLabel(g), 11) + 30;
    var cw = Math.max(w, labelW);
    layouts[g] = { rel: rel, offX: PAD + (cw - w) / 2, offY: HEAD };
    return { w: cw + 2 * PAD, h: h + HEAD + PAD };
  }

  // Absolute positions, from the root down.
  function place(g, ox, oy) {
    var L = layouts[g];
    groups[g].nodes.concat(groups[g].groups.map(function (c) { return ~c; })).forEach(function (k) {
      var q = L.rel[k];
      var a = abs[k] = { x: ox + L.offX + q.x, y: oy + L.offY + q.y, w: q.w, h: q.h };
      if (isGroup(k) && open[~k]) { place(~k, a.x, a.y); }
    });
    var box = abs[~g];
    Object.keys(ports[g] || {}).forEach(function (pk) {
      var q = L.rel[pk];
      portAt[pk] = { x: ox + L.offX + q.x, y: box ? (pk[1] === 'i' ? box.y + box.h : box.y) : oy + L.offY + q.y };
    });
    Object.keys(L.rel).forEach(function (k) {
      if (k.indexOf('route:') === 0) {
        routes[g + ':' + k.slice(6)] = L.rel[k].map(function (pt) {
          return { x: ox + L.offX + pt.x, y: oy + L.offY + pt.y };
        });
      }
    });
  }

  // ---- drawing -------------------------------------------------------------------------------
  function el(name, attrs, parent) {
    var e = document.createElementNS(SVGNS, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function text(parent, s, x, y, cls) {
    var t = el('text', { x: x, y: y, 'text-anchor': 'middle', class: cls }, parent);
    t.textContent = s;
    return t;
  }

  function drawItem(k, layer, aux) {
    var a = abs[k], ls = lines(k), cls, e, inset = 0;
    if (isGroup(k)) {
      var g = groups[~k];
      cls = 'item box ' + (g.box === 'variable' || g.box === 'loop' || g.box === 'gradient' ? g.box : 'compute') +
          (g.kind === 'series' ? ' series' : '') + (g.grad ? ' grad' : '') + (aux ? ' aux' : '');
      e = el('g', { class: cls, 'data-path': g.path }, layer);
      if (g.kind === 'series') {
        inset = STACK;
        [2, 1].forEach(function (i) {
          el('rect', { class: 'shape back', x: a.x + i * STACK, y: a.y + (2 - i) * STACK,
                       width: a.w - 2 * STACK, height: a.h - 2 * STACK, rx: 7 }, e);
        });
        el('rect', { class: 'shape', x: a.x, y: a.y + 2 * STACK, width: a.w - 2 * STACK,
                     height: a.h - 2 * STACK, rx: 7 }, e);
      } else {
        el('rect', { class: 'shape', x: a.x, y: a.y, width: a.w, height: a.h, rx: 7 }, e);
      }
      if (g.kind === 'loop') {
        el('rect', { class: 'inner', x: a.x + 3, y: a.y + 3, width: a.w - 6, height: a.h - 6, rx: 5 }, e);
      }
    } else {
      var nd = nodes[k];
      cls = 'item node ' + nd.kind + (aux ? ' aux' : '') + (card.current() === k ? ' selected' : '') +
          (nd.kind === 'loop' && groups[nd.group].grad ? ' grad' : '');
      e = el('g', { class: cls, 'data-name': nd.name }, layer);
      if (nd.kind === 'compute' || nd.kind === 'gradient') {
        el('ellipse', { class: 'shape', cx: a.x + a.w / 2, cy: a.y + a.h / 2, rx: a.w / 2, ry: a.h / 2 }, e);
      } else {
        var rx = nd.kind === 'placeholder' || nd.kind === 'variable' ? 6 : nd.kind === 'group' ? 9 : 1;
        el('rect', { class: 'shape', x: a.x, y: a.y, width: a.w, height: a.h, rx: rx }, e);
      }
    }
    var mid = a.x + (a.w - 2 * inset) / 2, cy = a.y + 2 * inset + (a.h - 2 * inset) / 2;
    if (ls.length > 1) {
      text(e, ls[0], mid, cy - 2, 'l1');
      text(e, ls[1], mid, cy + 10, 'l2');
    } else {
      text(e, ls[0], mid, cy + 4, 'l1');
    }
    elements[k] = e;
    e.addEventListener('mousemove', function (ev) { showTip(k, ev); });
    e.addEventListener('mouseleave', hideTip);
    e.addEventListener('click', function () {
      if (isGroup(k)) { toggle(~k); } else { select(k); }
    });
  }

  function drawCluster(g, layer) {
    var a = abs[~g], G = groups[g];
    var cls = 'cluster ' + (G.kind === 'loop' ? 'loop' : G.kind === 'subgraph' ? 'subgraph' :
        G.kind === 'series' ? 'series' : 'scope') + (G.grad ? ' grad' : '');
    var e = el('g', { class: cls, 'data-path': G.path }, layer);
    var d = E.depth(g);
    var fill = G.grad ? (d % 2 ? '#fdfaff' : '#f7f0fe') : (d % 2 ? '#f8fafc' : '#eef2f7');
    el('rect', { x: a.x, y: a.y, width: a.w, height: a.h, rx: 8, fill: fill,
                 stroke: G.grad ? '#d8b4fe' : '#94a3b8' }, e);
    var head = el('g', { class: 'cluster-head' }, e);
    el('rect', { x: a.x, y: a.y, width: a.w, height: HEAD, fill: 'transparent' }, head);
    var t = el('text', { x: a.x + 8, y: a.y + 15 }, head);
    t.textContent = '\u25BE ' + shortLabel(g) + (G.kind === 'series' ? '  (' + seriesText(G) + ')' : '');
    head.addEventListener('click', function () { toggle(g); });
    head.addEventListener('mousemove', function (ev) { showTip(~g, ev); });
    head.addEventListener('mouseleave', hideTip);
    elements[~g] = e;
  }

  function render() {
    var ed = E.collect();
    ports = ed.ports;
    layouts = {}; abs = {}; routes = {}; portAt = {}; elements = {};
    var size = layoutGroup(0, ed, {});
    place(0, -PAD, -HEAD);
    width = Math.max(size.w - 2 * PAD, 10) + 20;
    height = Math.max(size.h - HEAD - PAD, 10) + 20;
    if (!svg.querySelector('defs')) { ED.defs(svg); }
    while (content.firstChild) { content.removeChild(content.firstChild); }
    var root = el('g', { transform: 'translate(10,10)' }, content);
    var clusters = el('g', {}, root), edgeLayer = el('g', {}, root);
    var itemLayer = el('g', {}, root);
    var taken = ED.occupancy();
    (function drawOpen(g) {
      var aux = ed.aux[g] || {};
      groups[g].groups.forEach(function (c) {
        if (open[c]) { drawCluster(c, clusters); drawOpen(c); }
        else { drawItem(~c, itemLayer, aux[~c]); taken.add(abs[~c]); }
      });
      groups[g].nodes.forEach(function (n) { drawItem(n, itemLayer, aux[n]); taken.add(abs[n]); });
    })(0);
    ed.list.forEach(function (d) { ED.draw(d, edgeLayer, taken, abs, routes, portAt); });
    nav.setSize(width, height);
    if (found !== null && elements[found]) { elements[found].classList.add('found'); }
  }

  var ED = SkeinEdgeDraw(groups, parentOf, childOf, textWidth, el);

  // ---- interaction ---------------------------------------------------------------------------
  // Where an item's centre is on the canvas, in pixels.
  function onCanvas(k) {
    var a = abs[k];
    return a ? nav.toCanvas(a.x + 10 + a.w / 2, a.y + 10 + a.h / 2) : null;
  }
  function toggle(g) {
    var before = onCanvas(~g);
    open[g] = open[g] ? 0 : 1;
    hideTip();
    render();
    var a = abs[~g];
    if (before && a) { nav.pin(a.x + 10 + a.w / 2, a.y + 10 + a.h / 2, before.x, before.y); }
  }
  function select(n) {
    card.show(n);
    Array.prototype.forEach.call(content.querySelectorAll('.selected'), function (x) {
      x.classList.remove('selected');
    });
    if (elements[n]) { elements[n].classList.add('selected'); }
  }

  function line(parent, label, value) {
    var div = document.createElement('div');
    if (label) {
      var b = document.createElement('b');
      b.textContent = label + ' ';
      div.appendChild(b);
    }
    div.appendChild(document.createTextNode(value));
    parent.appendChild(div);
  }

  function showTip(k, ev) {
    while (tip.firstChild) { tip.removeChild(tip.firstChild); }
    if (isGroup(k)) {
      var g = groups[~k];
      line(tip, '', g.path);
      line(tip, g.kind === 'series' ? 'series:' : 'scope:', g.kind === 'series' ? seriesText(g) :
          g.count + (g.count === 1 ? ' op' : ' ops') + (g.kind === 'loop' ? ' (loop with its cond and body)' : ''));
      if (g.own >= 0) { line(tip, 'op:', nodes[g.own].type); }
      line(tip, '', open[~k] ? 'click the name to collapse' : 'click to expand');
    } else {
      var n = nodes[k];
      line(tip, '', n.name);
      line(tip, 'type:', n.type);
      if (n.attrs) { line(tip, 'attrs:', n.attrs); }
      if (n.value !== null) { line(tip, 'value:', n.value); }
      n.outs.forEach(function (o, i) { line(tip, 'out ' + i + ':', o); });
      n.ins.forEach(function (s) { line(tip, 'in:', s); });
      if (n.device) { line(tip, 'device:', n.device); }
      line(tip, 'created at', n.site);
      line(tip, '', 'click for the details card');
    }
    tip.hidden = false;
    var x = ev.clientX + 14, y = ev.clientY + 14;
    var r = tip.getBoundingClientRect();
    if (x + r.width > window.innerWidth) { x = Math.max(0, ev.clientX - r.width - 10); }
    if (y + r.height > window.innerHeight) { y = Math.max(0, ev.clientY - r.height - 10); }
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  }
  function hideTip() { tip.hidden = true; }

  // Search: every op whose name contains the text; Enter shows the next one.
  var search = document.getElementById('search');
  var matchInfo = document.getElementById('matches');
  var matches = [], matchAt = -1;
  search.addEventListener('input', function () {
    var q = search.value.trim().toLowerCase();
    matches = [];
    matchAt = -1;
    if (q) {
      var exact = -1;
      nodes.forEach(function (n, i) {
        // The drawn path or, for a gradient loop's body op, its own longer name.
        var nm = n.name.toLowerCase(), full = n.op ? n.op.toLowerCase() : nm;
        if (nm === q || full === q) { exact = i; }
        else if (nm.indexOf(q) >= 0 || full.indexOf(q) >= 0) { matches.push(i); }
      });
      if (exact >= 0) { matches.unshift(exact); }
    }
    matchInfo.textContent = q ? matches.length + (matches.length === 1 ? ' match' : ' matches') : '';
  });
  search.addEventListener('keydown', function (ev) {
    if (ev.key !== 'Enter' || !matches.length) { return; }
    matchAt = (matchAt + 1) % matches.length;
    reveal(matches[matchAt], false);
    matchInfo.textContent = (matchAt + 1) + ' of ' + matches.length;
  });

  // Opens the scopes around an op, rings it and brings it to the centre.
  function reveal(n, withCard) {
    for (var g = nodes[n].group; g > 0; g = groups[g].parent) { open[g] = 1; }
    found = n;
    if (withCard) { card.show(n); }
    render();
    if (withCard) { select(n); }
    var a = abs[n];
    if (a) { nav.centreOn(a.x + 10 + a.w / 2, a.y + 10 + a.h / 2); }
  }

  document.getElementById('zoom-in').addEventListener('click', function () { nav.zoom(1.25); });
  document.getElementById('zoom-out').addEventListener('click', function () { nav.zoom(0.8); });
  document.getElementById('zoom-fit').addEventListener('click', nav.fit);
  document.getElementById('expand-all').addEventListener('click', function () {
    open.fill(1);
    render();
    nav.fit();
  });
  document.getElementById('collapse-all').addEventListener('click', function () {
    open.fill(0);
    open[0] = 1;
    render();
    nav.fit();
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape') { card.hide(); }
  });

  render();
  nav.fit();
})();
