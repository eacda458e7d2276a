  // kg's page script (included in graph.html). Article text is only ever set with
  // textContent; nothing here builds HTML from data.
  // Milliseconds since navigation start: data parsed, network built, layout ended (physics
  // off), first frame after it; and the layout iterations run.
  var kgTimings = {data: performance.now(), network: null, ready: null, drawn: null,
                   iterations: 0};
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
  kgTimings.network = performance.now();
  var kgReady = false;

  function kgLayoutDone() {
    if (kgReady) { return; }
    network.setOptions({physics: false});
    kgHome = network.getPositions();
    kgLegibleView(null);
    kgReady = true;
    kgTimings.ready = performance.now();
    network.once("afterDrawing", function () { kgTimings.drawn = performance.now(); });
    network.redraw();
    document.getElementById("loading").hidden = true;
    document.body.setAttribute("data-ready", "true");
  }
  // The layout stops after its iterations or its time budget, whichever ends first.
  var kgLayoutStart = null;
  network.on("stabilizationProgress", function (params) {
    var now = performance.now();
    if (kgLayoutStart === null) { kgLayoutStart = now; }
    kgTimings.iterations = params.iterations;
    var percent = Math.round(100 * params.iterations / Math.max(1, params.total));
    document.getElementById("progress").textContent = percent + "%";
    if (!kgReady && params.iterations < params.total && now - kgLayoutStart > kgLayoutBudget) {
      network.stopSimulation();
    }
  });
  network.once("stabilizationIterationsDone", kgLayoutDone);

  // --- The side panel: built with textContent only. ---
  var details = document.getElementById("details");
  // Every entity and fact of the page by id, and each entity's facts (drawn or not).
  var kgNodeById = {}, kgEdgeById = {}, kgEdgesOf = {};
  kgAllNodes.forEach(function (node) { kgNodeById[node.id] = node; });
  kgAllEdges.forEach(function (edge) {
    kgEdgeById[edge.id] = edge;
    (kgEdgesOf[edge.from] = kgEdgesOf[edge.from] || []).push(edge);
    if (edge.to !== edge.from) { (kgEdgesOf[edge.to] = kgEdgesOf[edge.to] || []).push(edge); }
  });

  function kgEl(tag, text, className) {
    var el = document.createElement(tag);
    if (text !== undefined && text !== null) { el.textContent = String(text); }
    if (className) { el.className = className; }
    return el;
  }
  function kgClear(kind) {
    while (details.firstChild) { details.removeChild(details.firstChild); }
    details.setAttribute("data-kind", kind);
  }
  function kgConfidence(value) {
    return (value === null || value === undefined) ? "n/a" : Number(value).toFixed(2);
  }
  function kgShowHint() {
    kgClear("none");
    details.appendChild(kgEl("p", "Click an entity or a fact to see its details here.", "hint"));
  }
  function kgShowNode(id) {
    var node = nodes.get(id) || kgNodeById[id];
    if (!node) { return; }
    kgClear("node");
    details.setAttribute("data-id", id);
    details.appendChild(kgEl("h2", node.label));
    details.appendChild(kgEl("p", node.kgType, "type"));
    details.appendChild(kgEl("h3", "Aliases"));
    var aliases = node.aliases || [];
    if (aliases.length === 0) {
      details.appendChild(kgEl("p", "none", "meta aliases-none"));
    } else {
      var list = kgEl("ul", null, "aliases");
      aliases.forEach(function (alias) { list.appendChild(kgEl("li", alias)); });
      details.appendChild(list);
    }
    var connected = kgEdgesOf[id] || [];
    details.appendChild(kgEl("h3", "Facts (" + connected.length + ")"));
    var facts = kgEl("ul", null, "facts");
    connected.forEach(function (edge) {
      var text = edge.from === id
        ? "→ " + edge.label + " " + kgNodeById[edge.to].label
        : "← " + kgNodeById[edge.from].label + " " + edge.label;
      var item = kgEl("li", text, "link");
      item.addEventListener("click", function () {
        if (edges.get(edge.id)) { network.selectEdges([edge.id]); }
        kgShowEdge(edge.id);
      });
      facts.appendChild(item);
    });
    details.appendChild(facts);
    var around = kgEl("button", "Neighbourhood", "neighbourhood");
    around.type = "button";
    around.title = "Draw this entity and the entities its facts lead to";
    around.addEventListener("click", function () { kgFocusView(id); });
    details.appendChild(around);
    details.appendChild(kgEl("p", node.id, "iri"));
  }
  function kgPairs(pairs, className) {
    var list = kgEl("dl", null, className);
    pairs.forEach(function (pair) {
      list.appendChild(kgEl("dt", pair[0]));
      list.appendChild(kgEl("dd", pair[1]));
    });
    return list;
  }
  function kgShowEvidence(item) {
    var box = kgEl("div", null, "evidence");
    box.appendChild(kgEl("blockquote", item.sentence, "sentence"));
    // Where it is from: the title (a link when the document has a web address), its date.
    var cite = kgEl("p", null, "cite");
    if (item.url && /^https?:\/\//i.test(item.url)) {
      var link = kgEl("a", item.doc);
      link.href = item.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      cite.appendChild(link);
    } else {
      cite.appendChild(document.createTextNode(item.doc));
    }
    if (item.published) { cite.appendChild(document.createTextNode(" · " + item.published)); }
    box.appendChild(cite);
    var parts = [];
    if (item.section) { parts.push(item.section); }
    parts.push("confidence " + kgConfidence(item.confidence));
    if (item.path) { parts.push(item.path); }
    box.appendChild(kgEl("p", parts.join(" · "), "meta"));
    // What the sentence says of the fact (time, polarity, modality, source, quantity...),
    // then how it was read (offsets, spans, rule) under a fold.
    box.appendChild(kgPairs(item.properties || [], "properties"));
    if ((item.details || []).length > 0) {
      var fold = kgEl("details", null, "reading");
      fold.appendChild(kgEl("summary", "details"));
      fold.appendChild(kgPairs(item.details, "details"));
      box.appendChild(fold);
    }
    details.appendChild(box);
  }
  function kgShowEdge(id) {
    var edge = edges.get(id) || kgEdgeById[id];
    if (!edge) { return; }
    kgClear("edge");
    details.setAttribute("data-id", id);
    var source = kgNodeById[edge.from], target = kgNodeById[edge.to];
    details.appendChild(kgEl("h2", source.label + " — " + edge.label + " → " + target.label));
    var total = edge.evidenceTotal || 0;
    details.appendChild(kgEl("p", (edge.denied ? "denied · " : "") +
      (edge.hedged ? "not stated as a fact: " + edge.hedged + " · " : "") +
      "confidence " + kgConfidence(edge.confidence) + " · " +
      total + (total === 1 ? " sentence" : " sentences"), "summary"));
    details.appendChild(kgEl("h3", "Evidence"));
    var evidence = edge.evidence || [];
    evidence.forEach(kgShowEvidence);
    if (total > evidence.length) {
      details.appendChild(kgEl("p", "Showing " + evidence.length + " of " + total + ".", "summary"));
    }
    details.appendChild(kgEl("p", edge.predicate, "iri"));
  }
  network.on("click", function (params) {
    if (params.nodes.length > 0) {
      kgShowNode(params.nodes[0]);
    } else if (params.edges.length > 0) {
      kgShowEdge(params.edges[0]);
    } else {
      kgShowHint();
    }
  });

  // --- Filters: by type (the legend's boxes) and by the best confidence of a fact. ---
  var hiddenTypes = {};
  var minConfidence = 0;
  var filterStatus = document.getElementById("filter-status");

  function kgApplyFilters() {
    var typeShown = {}, linked = {}, nodeChanges = [], edgeChanges = [];
    var shownNodes = 0, shownEdges = 0;
    nodes.forEach(function (node) { typeShown[node.id] = !hiddenTypes[node.typeIri]; });
    edges.forEach(function (edge) {
      var confidence = (edge.confidence === null || edge.confidence === undefined)
        ? -1 : edge.confidence;
      var show = typeShown[edge.from] && typeShown[edge.to] &&
        (minConfidence <= 0 || confidence >= minConfidence - 1e-9);
      if (show) { linked[edge.from] = true; linked[edge.to] = true; shownEdges++; }
      if (Boolean(edge.hidden) === show) { edgeChanges.push({id: edge.id, hidden: !show}); }
    });
    nodes.forEach(function (node) {
      var show = typeShown[node.id] && (minConfidence <= 0 || linked[node.id] === true) &&
        (!node.isolated || showIsolated);
      if (show) { shownNodes++; }
      if (Boolean(node.hidden) === show) { nodeChanges.push({id: node.id, hidden: !show}); }
    });
    if (nodeChanges.length > 0) { nodes.update(nodeChanges); }
    if (edgeChanges.length > 0) { edges.update(edgeChanges); }
    network.unselectAll();
    var filtering = minConfidence > 0 || Object.keys(hiddenTypes).length > 0;
    filterStatus.textContent = !filtering ? "" : "showing " + shownNodes + " of " +
      nodes.length + " entities, " + shownEdges + " of " + edges.length + " facts";
  }

  // --- Search: by label or alias, case-insensitive, among the entities shown. Enter goes
  // to the next match. ---
  var search = document.getElementById("search");
  var searchStatus = document.getElementById("search-status");
  var searchMatches = [];
  var searchIndex = 0;
  var searchWaiting = false;  // the first match is not drawn yet: Enter draws it

  // Every entity of the page is searched, drawn or not; one hidden by a filter is not.
  function kgFind(query) {
    var exact = [], prefix = [], inLabel = [], inAlias = [];
    kgAllNodes.forEach(function (node) {
      if (hiddenTypes[node.typeIri]) { return; }
      var drawn = nodes.get(node.id);
      if (drawn && drawn.hidden && !drawn.isolated) { return; }
      var label = String(node.label).toLowerCase();
      if (label === query) { exact.push(node.id); }
      else if (label.indexOf(query) === 0) { prefix.push(node.id); }
      else if (label.indexOf(query) >= 0) { inLabel.push(node.id); }
      else if ((node.aliases || []).some(function (alias) {
        return String(alias).toLowerCase().indexOf(query) >= 0;
      })) { inAlias.push(node.id); }
    });
    return exact.concat(prefix, inLabel, inAlias);
  }
  // Animations under way. Starting one finishes a running one at once, and each end emits
  // "animationFinished": the view is still when as many ended as were started.
  var kgMoves = 0;
  network.on("animationFinished", function () {
    if (kgMoves > 0) { kgMoves -= 1; }
    if (kgMoves === 0) { document.body.removeAttribute("data-moving"); }
  });
  function kgGoTo(index) {
    var id = searchMatches[index];
    var drawn = nodes.get(id);
    if (!drawn) {  // not in this view: draw its neighbourhood
      kgFocusView(id);
      searchStatus.textContent = (index + 1) + " of " + searchMatches.length;
      return;
    }
    if (drawn.hidden) { kgShowIsolated(true); }
    network.selectNodes([id]);
    // <body data-moving> while the view glides to the match (tests wait for it to go).
    kgMoves += 1;
    document.body.setAttribute("data-moving", "true");
    network.focus(id, {
      locked: false,  // the default locks the view onto the node until the next drag
      scale: Math.max(network.getScale(), 1.0),
      animation: {duration: 400, easingFunction: "easeInOutQuad"}
    });
    kgShowNode(id);
    searchStatus.textContent = (index + 1) + " of " + searchMatches.length;
  }
  search.addEventListener("input", function () {
    var query = search.value.trim().toLowerCase();
    searchMatches = query ? kgFind(query) : [];
    searchIndex = 0;
    searchWaiting = false;
    if (searchMatches.length > 0 && !nodes.get(searchMatches[0])) {
      // Drawing another view on every key stroke would be slow: Enter does it.
      searchWaiting = true;
      network.unselectAll();
      searchStatus.textContent = "Enter: " + kgNodeById[searchMatches[0]].label +
        " (1 of " + searchMatches.length + ")";
    } else if (searchMatches.length > 0) {
      kgGoTo(0);
    } else {
      network.unselectAll();
      searchStatus.textContent = query ? "no match" : "";
    }
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && searchMatches.length > 0) {
      event.preventDefault();
      if (!searchWaiting) { searchIndex = (searchIndex + 1) % searchMatches.length; }
      searchWaiting = false;
      kgGoTo(searchIndex);
    }
  });
