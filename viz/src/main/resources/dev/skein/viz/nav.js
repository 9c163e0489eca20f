// Skein graph view, navigation: the scene is one <g> drawn with translate(tx, ty) scale(k).
// The wheel zooms at the cursor, dragging pans (a drag is not a click), "fit" scales the whole
// picture to the window (enlarging small graphs too) and centres it, clear of the minimap that
// shows the picture with the visible part framed; clicking or dragging in it moves there.
var SkeinNav = function (canvas, scene, mini, miniFrame) {
  'use strict';
  var MIN = 0.02, MAX = 4, FIT_MAX = 2, MARGIN = 16;
  var k = 1, tx = 0, ty = 0, w = 1, h = 1;
  var dragged = false;

  function clamp(v) { return Math.max(MIN, Math.min(MAX, v)); }
  function view() { return canvas.getBoundingClientRect(); }

  function apply() {
    scene.setAttribute('transform', 'translate(' + tx.toFixed(2) + ',' + ty.toFixed(2) +
        ') scale(' + k.toFixed(5) + ')');
    var r = view();
    miniFrame.setAttribute('x', (-tx / k).toFixed(1));
    miniFrame.setAttribute('y', (-ty / k).toFixed(1));
    miniFrame.setAttribute('width', Math.max(1, r.width / k).toFixed(1));
    miniFrame.setAttribute('height', Math.max(1, r.height / k).toFixed(1));
  }

  // The picture's size in scene units (called after each render).
  function setSize(width, height) {
    w = Math.max(width, 1);
    h = Math.max(height, 1);
    mini.setAttribute('viewBox', '0 0 ' + w.toFixed(0) + ' ' + h.toFixed(0));
    miniFrame.setAttribute('stroke-width', (Math.max(w, h) / 150).toFixed(2));
    apply();
  }

  // Zooms by factor f keeping the canvas point (cx, cy) (pixels from its top-left) in place.
  function zoomAt(f, cx, cy) {
    var nk = clamp(k * f);
    tx = cx - (cx - tx) * nk / k;
    ty = cy - (cy - ty) * nk / k;
    k = nk;
    apply();
  }
  function zoom(f) {
    var r = view();
    zoomAt(f, r.width / 2, r.height / 2);
  }
  // Scales the picture into an area of the canvas (pixels from its top-left) and centres it.
  function fitInto(x0, y0, aw, ah) {
    var s = clamp(Math.min((aw - 2 * MARGIN) / w, (ah - 2 * MARGIN) / h, FIT_MAX));
    return { k: s, tx: x0 + (aw - w * s) / 2, ty: y0 + (ah - h * s) / 2 };
  }
  // The whole window, unless the picture would then run under the minimap: then the part
  // beside or above the minimap, whichever shows the picture larger.
  function fit() {
    var r = view(), m = mini.getBoundingClientRect();
    var f = fitInto(0, 0, r.width, r.height);
    var mx = m.left - r.left, my = m.top - r.top;
    var under = m.width > 0 && f.tx + w * f.k > mx && f.ty + h * f.k > my;
    if (under) {
      var beside = fitInto(0, 0, mx, r.height), above = fitInto(0, 0, r.width, my);
      f = beside.k >= above.k ? beside : above;
    }
    k = f.k;
    tx = f.tx;
    ty = f.ty;
    apply();
  }
  // Moves so the scene point (x, y) is at the canvas centre.
  function centreOn(x, y) {
    var r = view();
    tx = r.width / 2 - x * k;
    ty = r.height / 2 - y * k;
    apply();
  }
  // Moves so the scene point (x, y) is at canvas point (sx, sy).
  function pin(x, y, sx, sy) {
    tx = sx - x * k;
    ty = sy - y * k;
    apply();
  }
  function toCanvas(x, y) { return { x: tx + x * k, y: ty + y * k }; }

  canvas.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var r = view();
    var dy = ev.deltaMode === 1 ? ev.deltaY * 16 : ev.deltaY;
    zoomAt(Math.exp(-dy * 0.0015), ev.clientX - r.left, ev.clientY - r.top);
  }, { passive: false });

  var start = null;
  canvas.addEventListener('mousedown', function (ev) {
    if (ev.button !== 0) { return; }
    start = { x: ev.clientX, y: ev.clientY, tx: tx, ty: ty };
    dragged = false;
  });
  window.addEventListener('mousemove', function (ev) {
    if (!start) { return; }
    var dx = ev.clientX - start.x, dy = ev.clientY - start.y;
    if (!dragged && dx * dx + dy * dy < 16) { return; }
    dragged = true;
    canvas.classList.add('panning');
    tx = start.tx + dx;
    ty = start.ty + dy;
    apply();
  });
  window.addEventListener('mouseup', function () {
    start = null;
    canvas.classList.remove('panning');
  });
  // A drag ends with a click on whatever is under the pointer: swallow it.
  canvas.addEventListener('click', function (ev) {
    if (dragged) {
      ev.stopPropagation();
      ev.preventDefault();
      dragged = false;
    }
  }, true);

  function miniMove(ev) {
    var p = mini.createSVGPoint();
    p.x = ev.clientX;
    p.y = ev.clientY;
    var q = p.matrixTransform(mini.getScreenCTM().inverse());
    centreOn(q.x, q.y);
  }
  var miniDown = false;
  mini.addEventListener('mousedown', function (ev) { miniDown = true; miniMove(ev); ev.preventDefault(); });
  window.addEventListener('mousemove', function (ev) { if (miniDown) { miniMove(ev); } });
  window.addEventListener('mouseup', function () { miniDown = false; });
  window.addEventListener('resize', apply);

  return {
    setSize: setSize, zoom: zoom, zoomAt: zoomAt, fit: fit, centreOn: centreOn, pin: pin,
    toCanvas: toCanvas,
    state: function () { return { k: k, tx: tx, ty: ty }; }
  };
};
