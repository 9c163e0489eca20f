// Skein graph view, the info card: opens when an op is clicked and stays until closed. It shows
// the full name (selectable, with a copy button), type, attributes, each input and output with
// its dtype and shape as links that select that op, the line that created the op, and for a
// placeholder standing in a loop body for an outer value, the op it was captured from.
// Text goes in through textContent and value, never as markup.
var SkeinCard = function (data, panel, select) {
  'use strict';
  var nodes = data.nodes, MAX_CONSUMERS = 12;
  var ins = [], outs = [], ctrl = [], current = -1;
  nodes.forEach(function () { ins.push([]); outs.push([]); ctrl.push([]); });
  data.edges.forEach(function (e) {
    if (e[3] === 0) { ins[e[2]].push(e); outs[e[0]].push(e); }
    else if (e[3] === 1) { ctrl[e[2]].push(e[0]); }
  });

  function elem(tag, cls, parent, textValue) {
    var x = document.createElement(tag);
    if (cls) { x.className = cls; }
    if (textValue !== undefined) { x.textContent = textValue; }
    if (parent) { parent.appendChild(x); }
    return x;
  }
  function link(parent, id, label) {
    var a = elem('a', 'oplink', parent, label);
    a.href = '#';
    a.setAttribute('data-op', nodes[id].name);
    a.title = (nodes[id].op || nodes[id].name) + ' (' + nodes[id].type + ')';
    a.addEventListener('click', function (ev) {
      ev.preventDefault();
      select(id);
    });
    return a;
  }
  function row(label, value) {
    var r = elem('div', 'row', panel);
    elem('b', '', r, label + ': ');
    if (value !== undefined) { elem('span', '', r, value); }
    return r;
  }

  function show(id) {
    current = id;
    var n = nodes[id];
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    var head = elem('div', 'head', panel);
    var name = elem('input', '', head);
    name.id = 'card-name';
    name.readOnly = true;
    // The op's own name (what the graph and error messages call it); a gradient loop's body
    // op is drawn under a shorter path, shown below it.
    var full = n.op || n.name;
    name.value = full;
    name.addEventListener('focus', function () { name.select(); });
    var copy = elem('button', '', head, 'copy');
    copy.id = 'card-copy';
    copy.title = 'Copy the full name';
    copy.addEventListener('click', function () {
      name.focus();
      name.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      if (!ok && navigator.clipboard) { navigator.clipboard.writeText(full); }
      copy.textContent = 'copied';
    });
    var close = elem('button', '', head, '\u00D7');
    close.id = 'card-close';
    close.title = 'Close';
    close.addEventListener('click', hide);
    if (n.op) {
      row('drawn as', n.name + ' (the loop\'s path is not repeated)').id = 'card-drawn';
    }
    row('type', n.type).id = 'card-type';
    if (n.attrs) { row('attrs', n.attrs); }
    if (n.value !== null) { row('value', n.value); }
    if (n.device) { row('device', n.device); }
    if (n.from >= 0) {
      var c = row('captured from');
      c.id = 'card-captured';
      link(c, n.from, nodes[n.from].name);
      elem('span', 'spec', c, ' (the outer value this loop body reads)');
    }
    var inBox = elem('div', 'list', panel);
    inBox.id = 'card-inputs';
    elem('b', '', inBox, ins[id].length + ctrl[id].length ? 'inputs' : 'no inputs');
    ins[id].forEach(function (e) {
      var r = elem('div', 'item', inBox);
      link(r, e[0], nodes[e[0]].name + ':' + e[1]);
      elem('span', 'spec', r, ' ' + nodes[e[0]].outs[e[1]]);
    });
    ctrl[id].forEach(function (src) {
      var r = elem('div', 'item', inBox);
      link(r, src, '^' + nodes[src].name);
      elem('span', 'spec', r, ' control');
    });
    var outBox = elem('div', 'list', panel);
    outBox.id = 'card-outputs';
    elem('b', '', outBox, 'outputs');
    n.outs.forEach(function (spec, i) {
      var r = elem('div', 'item', outBox);
      elem('span', '', r, ':' + i + ' ' + spec);
      var users = outs[id].filter(function (e) { return e[1] === i; });
      if (!users.length) { elem('span', 'spec', r, ', not read'); return; }
      elem('span', 'spec', r, ' \u2192 ');
      users.slice(0, MAX_CONSUMERS).forEach(function (e, j) {
        if (j) { elem('span', 'spec', r, ', '); }
        link(r, e[2], nodes[e[2]].name);
      });
      if (users.length > MAX_CONSUMERS) {
        elem('span', 'spec', r, ' and ' + (users.length - MAX_CONSUMERS) + ' more');
      }
    });
    row('created at', n.site).id = 'card-site';
    panel.hidden = false;
  }

  function hide() {
    current = -1;
    panel.hidden = true;
  }

  return { show: show, hide: hide, current: function () { return current; } };
};
