// Skein graph view, layout: places the children of one open scope as a layered graph, bottom
// to top. items: the children (ops, scopes, and ports: points where edges cross the scope's
// border); lv: {"a>b": count} edges between them; sizes: item -> {w, h, port?}. Returns the
// size, each item's box and, for each edge longer than one layer, the points of its lane.
// Steps: break cycles (depth-first, creation order), rank by longest path (sources moved up to
// their first use), share one lane of dummy points per source, order layers by barycenter
// sweeps, then place x by priority (lanes first) and y by rank.
var SkeinLayout = (function () {
  'use strict';
  var LAYER_GAP = 34, SEP = 16, DUMMY_SEP = 8;

  function layered(items, lv, sizes) {
    var n = items.length, index = {};
    items.forEach(function (it, i) { index[it] = i; });
    var succ = [], pred = [], i;
    for (i = 0; i < n; i++) { succ.push([]); pred.push([]); }
    var pairs = [];
    Object.keys(lv).forEach(function (k) {
      var ab = k.split('>'), a = index[ab[0]], b = index[ab[1]];
      if (a === undefined || b === undefined) { return; }
      pairs.push([a, b, k]);
    });
    // Break cycles: a depth-first search in creation order; edges back to the stack are dropped.
    var state = new Uint8Array(n), back = {}, out = [];
    for (i = 0; i < n; i++) { out.push([]); }
    pairs.forEach(function (p) { out[p[0]].push(p); });
    for (var s0 = 0; s0 < n; s0++) {
      if (state[s0]) { continue; }
      var stack = [[s0, 0]];
      state[s0] = 1;
      while (stack.length) {
        var top = stack[stack.length - 1], v = top[0];
        if (top[1] < out[v].length) {
          var p = out[v][top[1]++], w = p[1];
          if (state[w] === 1) { back[p[2]] = true; }
          else if (state[w] === 0) { state[w] = 1; stack.push([w, 0]); }
        } else { state[v] = 2; stack.pop(); }
      }
    }
    var fwdPairs = pairs.filter(function (p) { return !back[p[2]] && p[0] !== p[1]; });
    fwdPairs.forEach(function (p) { succ[p[0]].push(p[1]); pred[p[1]].push(p[0]); });
    // Ranks: longest path from the sources, then sources moved up next to their first use.
    var rank = new Int32Array(n), indeg = new Int32Array(n), queue = [], order = [];
    // In-ports sit on a row of their own below everything, out-ports on one above.
    var hasIn = false;
    for (i = 0; i < n; i++) {
      indeg[i] = pred[i].length;
      if (!indeg[i]) { queue.push(i); }
      if (sizes[items[i]].port === 'in') { rank[i] = -1; hasIn = true; }
    }
    while (queue.length) {
      var u = queue.shift();
      order.push(u);
      succ[u].forEach(function (v2) {
        rank[v2] = Math.max(rank[v2], rank[u] + 1);
        if (--indeg[v2] === 0) { queue.push(v2); }
      });
    }
    if (hasIn) {
      for (i = 0; i < n; i++) { rank[i]++; }
    }
    var topRank = 0;
    for (i = 0; i < n; i++) { if (!sizes[items[i]].port) { topRank = Math.max(topRank, rank[i]); } }
    for (i = 0; i < n; i++) {
      var port = sizes[items[i]].port;
      if (port === 'out') { rank[i] = topRank + 1; continue; }
      if (port === 'in') { continue; }
      if (!pred[i].length && succ[i].length) {
        var m = Infinity;
        succ[i].forEach(function (v3) { m = Math.min(m, rank[v3]); });
        rank[i] = Math.max(rank[i], m - 1);
      }
    }
    // Vertices: items, then dummies on edges longer than one layer.
    var vr = Array.from(rank), vw = [], vh = [], vsucc = [], vpred = [], isDummy = [];
    for (i = 0; i < n; i++) {
      vw.push(sizes[items[i]].w); vh.push(sizes[items[i]].h);
      vsucc.push([]); vpred.push([]); isDummy.push(!!sizes[items[i]].port);
    }
    // Long edges from one source share their dummies (one lane per source, branching off to
    // each target), so a value used by all 28 steps of an RNN is one line, not 28.
    var chains = {}, lane = {}, linked = {};
    function link(a, b) {
      var k = a + ',' + b;
      if (!linked[k]) { linked[k] = true; vsucc[a].push(b); vpred[b].push(a); }
    }
    fwdPairs.forEach(function (p) {
      var a = p[0], b = p[1], prev = a, chain = [];
      for (var r = rank[a] + 1; r < rank[b]; r++) {
        var lk = a + '@' + r, d = lane[lk];
        if (d === undefined) {
          d = lane[lk] = vr.length;
          vr.push(r); vw.push(0); vh.push(0); vsucc.push([]); vpred.push([]); isDummy.push(true);
        }
        link(prev, d);
        chain.push(d);
        prev = d;
      }
      link(prev, b);
      chains[p[2]] = chain;
    });
    var nv = vr.length, maxRank = 0;
    for (i = 0; i < nv; i++) { maxRank = Math.max(maxRank, vr[i]); }
    var layers = [];
    for (i = 0; i <= maxRank; i++) { layers.push([]); }
    for (i = 0; i < nv; i++) { layers[vr[i]].push(i); }
    var pos = new Float64Array(nv);
    layers.forEach(function (L) { L.forEach(function (v4, j) { pos[v4] = j; }); });
    // Crossing reduction: barycenter sweeps.
    function sweep(L, nb) {
      var bc = {};
      L.forEach(function (v5) {
        var ns = nb[v5];
        if (!ns.length) { bc[v5] = pos[v5]; return; }
        var sum = 0;
        ns.forEach(function (x) { sum += pos[x]; });
        bc[v5] = sum / ns.length;
      });
      L.sort(function (a, b) { return bc[a] - bc[b] || pos[a] - pos[b]; });
      L.forEach(function (v6, j) { pos[v6] = j; });
    }
    for (var it = 0; it < 8; it++) {
      var r2;
      if (it % 2 === 0) { for (r2 = 1; r2 <= maxRank; r2++) { sweep(layers[r2], vpred); } }
      else { for (r2 = maxRank - 1; r2 >= 0; r2--) { sweep(layers[r2], vsucc); } }
    }
    // Coordinates: x by averaged left- and right-packed placements toward neighbours' centres.
    var cx = new Float64Array(nv);
    function gap(a, b) { return (vw[a] + vw[b]) / 2 + (isDummy[a] || isDummy[b] ? DUMMY_SEP : SEP); }
    layers.forEach(function (L) {
      var x = 0;
      L.forEach(function (v7, j) { x = j === 0 ? vw[v7] / 2 : x + gap(L[j - 1], v7); cx[v7] = x; });
    });
    // Priority placement (Sugiyama): lanes first, so long edges run straight, then ops by
    // number of neighbours; each moves toward the centre of its neighbours of the same sort
    // (an op follows ops, so a chain of steps stands straight; a lane follows its lane),
    // pushing only vertices of lower priority aside.
    function align(L, nb) {
      var k = L.length;
      if (!k) { return; }
      var want = L.map(function (v8) {
        var ns = nb[v8];
        var same = ns.filter(function (x) { return isDummy[x] === isDummy[v8]; });
        if (same.length) { ns = same; }
        if (!ns.length) { return cx[v8]; }
        var s = 0;
        ns.forEach(function (x) { s += cx[x]; });
        return s / ns.length;
      });
      var x = L.map(function (v) { return cx[v]; });
      var fixed = new Uint8Array(k);
      var order = L.map(function (v, j) { return j; });
      function priority(j) {
        var v = L[j];
        if (isDummy[v]) { return 1e9; }
        return chainLink(v, nb) ? 2e9 : nb[v].length;
      }
      order.sort(function (a, b) { return priority(b) - priority(a) || a - b; });
      order.forEach(function (j) {
        var t = want[j], m, acc;
        if (t > x[j]) {
          for (m = j + 1, acc = 0; m < k; m++) {
            acc += gap(L[m - 1], L[m]);
            if (fixed[m]) { t = Math.min(t, x[m] - acc); break; }
          }
          x[j] = Math.max(x[j], t);
          for (m = j + 1; m < k && !fixed[m]; m++) { x[m] = Math.max(x[m], x[m - 1] + gap(L[m - 1], L[m])); }
        } else if (t < x[j]) {
          for (m = j - 1, acc = 0; m >= 0; m--) {
            acc += gap(L[m], L[m + 1]);
            if (fixed[m]) { t = Math.max(t, x[m] + acc); break; }
          }
          x[j] = Math.min(x[j], t);
          for (m = j - 1; m >= 0 && !fixed[m]; m--) { x[m] = Math.min(x[m], x[m + 1] - gap(L[m], L[m + 1])); }
        }
        fixed[j] = 1;
      });
      L.forEach(function (v, j) { cx[v] = x[j]; });
    }
    // A link of a chain of ops (its only op neighbour this side has it as its only op
    // neighbour the other side) goes before lanes, so a chain of steps stands in one column
    // and the lanes leaving each step bend aside once, instead of the steps dodging the lanes.
    function opsOf(ns) { return ns.filter(function (x) { return !isDummy[x]; }); }
    function chainLink(v, nb) {
      var ns = opsOf(nb[v]);
      if (ns.length !== 1) { return false; }
      var back = opsOf((nb === vpred ? vsucc : vpred)[ns[0]]);
      return back.length === 1 && back[0] === v;
    }
    for (it = 0; it < 6; it++) {
      var r3;
      if (it % 2 === 0) { for (r3 = 1; r3 <= maxRank; r3++) { align(layers[r3], vpred); } }
      else { for (r3 = maxRank - 1; r3 >= 0; r3--) { align(layers[r3], vsucc); } }
    }
    var minX = Infinity, maxX = -Infinity;
    for (i = 0; i < nv; i++) {
      minX = Math.min(minX, cx[i] - vw[i] / 2);
      maxX = Math.max(maxX, cx[i] + vw[i] / 2);
    }
    // y: rank 0 at the bottom.
    var lh = layers.map(function (L) {
      var h = 0;
      L.forEach(function (v9) { h = Math.max(h, vh[v9]); });
      return h;
    });
    var total = 0;
    lh.forEach(function (h) { total += h; });
    total += LAYER_GAP * maxRank;
    var layerMid = [], acc = 0;
    for (i = 0; i <= maxRank; i++) { layerMid.push(total - acc - lh[i] / 2); acc += lh[i] + LAYER_GAP; }
    var res = { w: maxX - minX, h: total, pos: {}, routes: {} };
    for (i = 0; i < n; i++) {
      res.pos[items[i]] = { x: cx[i] - vw[i] / 2 - minX, y: layerMid[vr[i]] - vh[i] / 2,
                            w: vw[i], h: vh[i] };
    }
    Object.keys(chains).forEach(function (k) {
      res.routes[k] = chains[k].map(function (d) { return { x: cx[d] - minX, y: layerMid[vr[d]] }; });
    });
    return res;
  }

  return { layered: layered };
})();
