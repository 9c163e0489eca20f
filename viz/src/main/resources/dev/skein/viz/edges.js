// Skein graph view, which items are drawn and the edges between them. An op is its id (>= 0);
// a group g is ~g (< 0). Drawn edges are merged per (from, to, kind); layout edges are kept per
// group between its children. A data edge into an open scope enters through a port on the
// scope's bottom border (one per outside source, shared by all its edges into that scope) and
// leaves through a port on the top border, so inside the scope it is laid out like any edge.
// Auxiliary items (a NoOp like init driving many ops, save/restore scopes, any child with
// AUX_DEGREE or more neighbours) are set aside: their edges do not shape the layout.
var SkeinEdges = function (data, open) {
  'use strict';
  var groups = data.groups, nodes = data.nodes, edges = data.edges;
  var AUX_DEGREE = 12, AUX_NAME = /^(init|save|restore|report_uninitialized_variables)(_\d+)?$/;
  var gdepth = new Int32Array(groups.length);
  (function depths(g, d) {
    gdepth[g] = d;
    groups[g].groups.forEach(function (c) { depths(c, d + 1); });
  })(0, 0);

  function isGroup(item) { return item < 0; }
  function parentOf(item) { return item >= 0 ? nodes[item].group : groups[~item].parent; }
  function firstOf(item) { return item >= 0 ? item : groups[~item].first; }
  function gradOf(item) { return item >= 0 ? nodes[item].kind === 'gradient' : groups[~item].grad; }
  function labelOf(item) { return item >= 0 ? nodes[item].name.replace(/.*\//, '') : groups[~item].label; }

  var repG;
  function computeReps() {
    repG = new Int32Array(groups.length);
    (function fill(g, r) {
      repG[g] = r;
      groups[g].groups.forEach(function (c) { fill(c, r !== -1 ? r : (open[c] ? -1 : c)); });
    })(0, -1);
  }
  function visible(n) {
    var r = repG[nodes[n].group];
    return r === -1 ? n : ~r;
  }
  function commonGroup(a, b) {
    var x = parentOf(a), y = parentOf(b);
    while (gdepth[x] > gdepth[y]) { x = groups[x].parent; }
    while (gdepth[y] > gdepth[x]) { y = groups[y].parent; }
    while (x !== y) { x = groups[x].parent; y = groups[y].parent; }
    return x;
  }
  function childOf(g, item) {
    while (parentOf(item) !== g) { item = ~parentOf(item); }
    return item;
  }

  function addLevel(level, g, a, b) {
    var lv = level[g] || (level[g] = {});
    var k = a + '>' + b;
    lv[k] = (lv[k] || 0) + 1;
  }

  // The children of each group set aside, from the drawn edges between children.
  function auxiliary(raw) {
    var nb = {};
    function note(g, a, b) {
      var k = g + ':' + a, s = nb[k] || (nb[k] = {});
      s[b] = true;
    }
    raw.forEach(function (r) {
      if (r.kind !== 2) { note(r.g, r.ca, r.cb); note(r.g, r.cb, r.ca); }
    });
    var aux = {};
    Object.keys(nb).forEach(function (k) {
      var at = k.indexOf(':'), g = +k.slice(0, at), item = +k.slice(at + 1);
      var deg = Object.keys(nb[k]).length, kids = groups[g].nodes.length + groups[g].groups.length;
      var noOp = item >= 0 && nodes[item].kind === 'group' && deg >= 3;
      var named = AUX_NAME.test(labelOf(item));
      if (kids > 3 && (noOp || named || (deg >= AUX_DEGREE && kids > deg + 2))) {
        (aux[g] || (aux[g] = {}))[item] = true;
      }
    });
    return aux;
  }

  function collect() {
    computeReps();
    var raw = [];
    edges.forEach(function (e) {
      var a = visible(e[0]), b = visible(e[2]), kind = e[3];
      if (a === b) { return; }
      var g = commonGroup(a, b), ca = childOf(g, a), cb = childOf(g, b);
      if (kind === 2 && (ca !== a || cb !== b)) { return; }
      raw.push({ e: e, a: a, b: b, g: g, ca: ca, cb: cb, kind: kind });
    });
    var aux = auxiliary(raw);
    var drawn = {}, list = [], level = {}, ports = {};
    function addPort(g, key, isIn, grad) {
      var ps = ports[g] || (ports[g] = {});
      if (!ps[key]) { ps[key] = { isIn: isIn, grad: grad }; }
    }
    raw.forEach(function (r) {
      var a = r.a, b = r.b, g = r.g, ca = r.ca, cb = r.cb, kind = r.kind, e = r.e;
      var ax = aux[g] && (aux[g][ca] || aux[g][cb]);
      var apart = gradOf(a) !== gradOf(b) || !!ax;
      if (kind === 1 || apart) { a = ca; b = cb; }
      var key = a + '>' + b + '>' + kind;
      var d = drawn[key];
      if (!d) {
        d = drawn[key] = { from: a, to: b, kind: kind, count: 0, shape: null, same: true,
                           group: g, ca: ca, cb: cb, apart: apart, aux: !!ax, grad: gradOf(a) };
        list.push(d);
        if (!apart && kind !== 2) {
          addLevel(level, g, ca, cb);
          var h, grad = gradOf(a);
          for (h = parentOf(a); h !== g; h = groups[h].parent) {
            addPort(h, 'po' + h + '_' + a, false, grad);
            addLevel(level, h, childOf(h, a), 'po' + h + '_' + a);
          }
          for (h = parentOf(b); h !== g; h = groups[h].parent) {
            addPort(h, 'pi' + h + '_' + a, true, grad);
            addLevel(level, h, 'pi' + h + '_' + a, childOf(h, b));
          }
        }
      }
      var s = kind === 0 ? nodes[e[0]].shapes[e[1]] : null;
      if (d.count === 0) { d.shape = s; } else if (s !== d.shape) { d.same = false; }
      d.count++;
    });
    return { list: list, level: level, ports: ports, aux: aux };
  }

  return {
    collect: collect, isGroup: isGroup, parentOf: parentOf, firstOf: firstOf, gradOf: gradOf,
    childOf: childOf, depth: function (g) { return gdepth[g]; }
  };
};
