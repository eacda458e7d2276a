  // kg's page script, second part (included in graph.html after graph.js): the view
  // drawn, i.e. the opening zoom, entities without facts and the neighbourhood view.
  // Article text is only ever set with textContent.
  // --- The opening zoom: the whole drawing when its labels are legible so (at least
  // kgMinLabelPx on screen), else that zoom, centred on the best-connected entity. ---
  var kgHome = null;  // positions of the view the page opened on
  function kgLegibleScale() {
    return kgMinLabelPx / Math.min(options.nodes.font.size, options.edges.font.size);
  }
  function kgComponent(start) {  // the drawn entities linked to start by drawn facts
    var seen = {}, queue = [start];
    seen[start] = true;
    while (queue.length > 0) {
      network.getConnectedNodes(queue.shift()).forEach(function (id) {
        var node = nodes.get(id);
        if (!seen[id] && node && !node.hidden) { seen[id] = true; queue.push(id); }
      });
    }
    return Object.keys(seen);
  }
  function kgLegibleView(centre) {
    network.fit({animation: false});
    var need = kgLegibleScale();
    if (network.getScale() >= need - 1e-9) { return; }
    var shown = nodes.get({filter: function (n) { return !n.hidden; }});
    if (shown.length === 0) { return; }
    var at;
    if (centre !== null && nodes.get(centre)) {
      at = network.getPositions([centre])[centre];
    } else {  // the centre of the best-connected entity's part, each weighed by its facts
      var part = kgComponent(shown.reduce(function (best, n) {
        return (n.degree || 0) > (best.degree || 0) ? n : best;
      }, shown[0]).id);
      var where = network.getPositions(part);
      var x = 0, y = 0, weight = 0;
      part.forEach(function (id) {
        var w = 1 + (nodes.get(id).degree || 0);
        x += w * where[id].x; y += w * where[id].y; weight += w;
      });
      at = {x: x / weight, y: y / weight};
    }
    // in the middle of the part of the canvas the legend leaves free
    var legend = document.getElementById("legend");
    var shift = legend ? legend.getBoundingClientRect().width / 2 : 0;
    network.moveTo({position: {x: at.x - shift / need, y: at.y}, scale: need, animation: false});
  }

  // --- Entities without facts: hidden until the legend's box shows them, in rows under
  // the drawing. ---
  var showIsolated = false;
  var kgIsolatedPlaced = false;
  function kgPlaceIsolated() {
    var linkedIds = nodes.getIds({filter: function (n) { return !n.isolated; }});
    var at = network.getPositions(linkedIds);
    var left = 0, right = 0, bottom = 0, first = true;
    linkedIds.forEach(function (id) {
      var p = at[id];
      if (!p) { return; }
      if (first) { left = right = p.x; bottom = p.y; first = false; }
      left = Math.min(left, p.x); right = Math.max(right, p.x); bottom = Math.max(bottom, p.y);
    });
    var step = 170, columns = Math.max(4, Math.floor((right - left) / step) + 1);
    var moves = nodes.get({filter: function (n) { return n.isolated; }}).map(function (n, i) {
      return {id: n.id, x: left + (i % columns) * step,
              y: bottom + 160 + Math.floor(i / columns) * 90};
    });
    nodes.update(moves);
    kgIsolatedPlaced = true;
  }
  var isolatedBox = document.getElementById("show-isolated");
  function kgShowIsolated(show) {
    showIsolated = show;
    if (isolatedBox) { isolatedBox.checked = show; }
    if (show && !kgIsolatedPlaced) { kgPlaceIsolated(); }
    kgApplyFilters();
  }
  if (isolatedBox) {
    isolatedBox.addEventListener("change", function () {
      kgShowIsolated(isolatedBox.checked);
      if (isolatedBox.checked) { network.fit({animation: false}); }
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll(".type-filter"), function (box) {
    box.addEventListener("change", function () {
      if (box.checked) { delete hiddenTypes[box.value]; } else { hiddenTypes[box.value] = true; }
      kgApplyFilters();
    });
  });
  var confidenceInput = document.getElementById("min-confidence");
  if (confidenceInput) {
    confidenceInput.addEventListener("input", function () {
      minConfidence = Number(confidenceInput.value);
      document.getElementById("min-confidence-value").textContent = minConfidence.toFixed(2);
      kgApplyFilters();
    });
  }

  // --- A neighbourhood view inside the page (what `kg viz --focus X --hops N` draws): the
  // entity and the entities its facts lead to, laid out afresh; "Back" restores the view
  // the page opened on. ---
  var kgFocusMax = 300;
  var viewBar = document.getElementById("view-bar");
  var hopsInput = document.getElementById("hops");
  var kgFocused = null;
  function kgNeighbourhood(id, hops) {
    var distance = {}, order = [id], queue = [id];
    distance[id] = 0;
    while (queue.length > 0 && order.length < kgFocusMax) {
      var here = queue.shift();
      if (distance[here] >= hops) { continue; }
      (kgEdgesOf[here] || []).forEach(function (edge) {
        var there = edge.from === here ? edge.to : edge.from;
        if (distance[there] === undefined && order.length < kgFocusMax) {
          distance[there] = distance[here] + 1;
          order.push(there);
          queue.push(there);
        }
      });
    }
    return {order: order, distance: distance};
  }
  function kgFill(nodeItems, edgeItems) {
    network.unselectAll();
    nodes.clear();
    edges.clear();
    nodes.add(nodeItems);
    edges.add(edgeItems);
    kgIsolatedPlaced = false;
    kgApplyFilters();
  }
  function kgFocusView(id) {
    var hops = Number(hopsInput.value) || 1;
    var found = kgNeighbourhood(id, hops);
    var rings = {};
    found.order.forEach(function (n) {
      (rings[found.distance[n]] = rings[found.distance[n]] || []).push(n);
    });
    var nodeItems = [];
    Object.keys(rings).forEach(function (d) {
      var ring = rings[d], radius = Number(d) * Math.max(260, ring.length * 28);
      ring.forEach(function (n, i) {
        var angle = 2 * Math.PI * i / ring.length;
        nodeItems.push(Object.assign({}, kgNodeById[n], {
          x: radius * Math.cos(angle), y: radius * Math.sin(angle),
          hidden: false, isolated: false, physics: true}));
      });
    });
    var edgeItems = kgAllEdges.filter(function (e) {
      return found.distance[e.from] !== undefined && found.distance[e.to] !== undefined;
    }).map(function (e) { return Object.assign({}, e, {hidden: false}); });
    kgFocused = id;
    document.body.setAttribute("data-layout", "running");
    kgFill(nodeItems, edgeItems);
    viewBar.hidden = false;
    document.getElementById("view-name").textContent = "Neighbourhood of " +
      kgNodeById[id].label + " · " + nodeItems.length + " entities, " +
      edgeItems.length + " facts";
    network.setOptions({physics: {enabled: true}});
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: false});
      kgLegibleView(id);
      network.selectNodes([id]);
      kgShowNode(id);
      document.body.removeAttribute("data-layout");
    });
    network.stabilize(nodeItems.length > 100 ? 150 : 250);
  }
  hopsInput.addEventListener("change", function () {
    if (kgFocused !== null) { kgFocusView(kgFocused); }
  });
  document.getElementById("view-back").addEventListener("click", function () {
    kgFocused = null;
    viewBar.hidden = true;
    kgFill(kgAllNodes.filter(function (n) { return n.kgView; }).map(function (n) {
      var at = kgHome && kgHome[n.id];
      return at ? Object.assign({}, n, {x: at.x, y: at.y}) : Object.assign({}, n);
    }), kgAllEdges.filter(function (e) { return e.kgView; }));
    kgShowIsolated(false);
    kgLegibleView(null);
    kgShowHint();
  });

  // An empty graph has no layout to wait for.
  if (nodes.length === 0) { kgLayoutDone(); }
