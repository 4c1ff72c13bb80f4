// Glue between the data written by sanctions_graph.viz.network and vis-network: build the
// DataSets, apply the date and family filters, and list an edge's events when it is clicked.
// Text from the data is only ever set with textContent (never innerHTML).
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("sg-data").textContent);
  var unconfirmed = new Set(DATA.unconfirmed);
  var familyByName = {};
  DATA.families.forEach(function (f) { familyByName[f.name] = f; });
  var edgeById = {};
  DATA.edges.forEach(function (e) { edgeById[e.id] = e; });

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function swatch(colour, dashed) {
    var s = el("span", null, "sg-swatch");
    s.style.background = dashed ? "transparent" : colour;
    if (dashed) s.style.borderTop = "3px dashed " + colour;
    return s;
  }

  // ---- filters -------------------------------------------------------------------------
  function currentFilter() {
    var families = new Set();
    DATA.families.forEach(function (f) {
      if (document.getElementById("sg-family-" + f.name).checked) families.add(f.name);
    });
    return {
      from: document.getElementById("sg-from").value || null,
      to: document.getElementById("sg-to").value || null,
      undated: document.getElementById("sg-undated").checked,
      families: families
    };
  }

  function keptEvents(edge, filter) {
    if (!filter.families.has(edge.family)) return [];
    return edge.events.filter(function (e) {
      if (!e.date) return filter.undated;
      return (!filter.from || e.date >= filter.from) && (!filter.to || e.date <= filter.to);
    });
  }

  function independentSources(events) {
    var keys = new Set();
    events.forEach(function (e) {
      e.citations.forEach(function (c) { if (c.sourceKey) keys.add(c.sourceKey); });
    });
    return keys.size;
  }

  function arrow(edge) { return edge.directed ? " \u2192 " : " \u2013 "; }

  function edgeTitle(edge, events) {
    var dates = events.map(function (e) { return e.date; }).filter(Boolean).sort();
    var family = familyByName[edge.family];
    var lines = [
      edge.family + " (" + family.polarity + "): " + edge.fromLabel + arrow(edge) + edge.toLabel,
      events.length + " event(s), " + independentSources(events) + " independent source(s)"
    ];
    if (dates.length) lines.push(dates[0] + " to " + dates[dates.length - 1]);
    if (isDashed(events)) lines.push("alleged or planned only");
    return lines.join("\n");
  }

  function isDashed(events) {
    return events.length > 0 && events.every(function (e) { return unconfirmed.has(e.modality); });
  }

  function edgeWidth(events) {
    var w = DATA.width.base + DATA.width.perSource * independentSources(events);
    return Math.min(w, DATA.width.max);
  }

  // Several families between one pair: bend them apart.
  var pairCount = {};
  var smoothById = {};
  DATA.edges.forEach(function (e) {
    var pair = [e.from, e.to].sort().join("|");
    var k = pairCount[pair] || 0;
    pairCount[pair] = k + 1;
    smoothById[e.id] = k === 0 ? { enabled: false } : {
      enabled: true,
      type: k % 2 ? "curvedCW" : "curvedCCW",
      roundness: 0.2 * Math.ceil(k / 2)
    };
  });

  function visEdge(edge, events) {
    var colour = familyByName[edge.family].color;
    return {
      id: edge.id,
      from: edge.from,
      to: edge.to,
      label: edge.family,
      title: edgeTitle(edge, events),
      color: { color: colour, highlight: colour, hover: colour },
      width: edgeWidth(events),
      dashes: isDashed(events),
      arrows: { to: { enabled: edge.directed, scaleFactor: 0.7 } },
      smooth: smoothById[edge.id],
      hidden: events.length === 0,
      font: { size: 11, align: "middle", color: colour, strokeWidth: 3 }
    };
  }

  // ---- details panel -------------------------------------------------------------------
  function showEdge(id) {
    var edge = edgeById[id];
    var panel = document.getElementById("sg-details");
    panel.textContent = "";
    panel.appendChild(el("h2", "Events"));
    if (!edge) return;
    var events = keptEvents(edge, currentFilter());
    var head = el("h3", edge.family + ": " + edge.fromLabel + arrow(edge) + edge.toLabel);
    head.id = "sg-details-title";
    panel.appendChild(head);
    panel.appendChild(el("p", events.length + " event(s), " + independentSources(events) +
      " independent source(s)", "sg-hint"));
    var list = el("ol");
    list.id = "sg-event-list";
    events.forEach(function (event) {
      var item = el("li", null, "sg-event");
      item.setAttribute("data-event", event.iri);
      var parts = [event.date || "undated", event.type, event.modality || "modality unknown"];
      item.appendChild(el("div", parts.join(" \u00b7 "), "sg-event-head"));
      event.citations.forEach(function (c) {
        item.appendChild(el("blockquote", c.quote, "sg-quote"));
        var src = el("div", null, "sg-source");
        var name = c.title || c.url || "source";
        if (c.url) {
          var link = el("a", name);
          link.href = c.url;
          link.target = "_blank";
          link.rel = "noopener noreferrer";
          src.appendChild(link);
        } else {
          src.appendChild(el("span", name));
        }
        var meta = [c.publisher, c.issued].filter(Boolean).join(", ");
        if (meta) src.appendChild(document.createTextNode(" \u2014 " + meta));
        item.appendChild(src);
      });
      if (!event.citations.length) item.appendChild(el("div", "no quote recorded", "sg-source"));
      list.appendChild(item);
    });
    panel.appendChild(list);
  }

  // ---- page furniture ------------------------------------------------------------------
  var familyBox = document.getElementById("sg-family-filter");
  DATA.families.forEach(function (f) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.id = "sg-family-" + f.name;
    box.checked = true;
    label.appendChild(box);
    label.appendChild(swatch(f.color, false));
    label.appendChild(document.createTextNode(f.name));
    label.title = f.polarity + ": " + f.classes.join(", ");
    familyBox.appendChild(label);
  });
  var nodeLegend = document.getElementById("sg-legend-nodes");
  DATA.statuses.forEach(function (s) {
    var item = el("li");
    item.appendChild(swatch(s.color, false));
    item.appendChild(document.createTextNode(s.label));
    nodeLegend.appendChild(item);
  });
  var orgItem = el("li");
  orgItem.appendChild(swatch(DATA.organisationColor, false));
  orgItem.appendChild(document.createTextNode("international organisation (box)"));
  nodeLegend.appendChild(orgItem);
  var edgeLegend = document.getElementById("sg-legend-edges");
  DATA.families.forEach(function (f) {
    var item = el("li");
    item.appendChild(swatch(f.color, false));
    item.appendChild(document.createTextNode(f.name + " (" + f.polarity + "): " +
      f.classes.join(", ")));
    edgeLegend.appendChild(item);
  });

  var relationList = document.getElementById("sg-relation-list");
  var relationItems = {};
  DATA.edges.forEach(function (edge) {
    var item = el("li");
    var button = el("button", edge.family + ": " + edge.fromLabel + arrow(edge) + edge.toLabel,
      "sg-relation");
    button.type = "button";
    button.addEventListener("click", function () { showEdge(edge.id); });
    item.appendChild(button);
    item.appendChild(el("span", "", "sg-relation-counts"));
    relationList.appendChild(item);
    relationItems[edge.id] = item;
  });

  var view = { data: DATA, ready: false, error: null, showEdge: showEdge };
  window.sgView = view;
  if (typeof vis === "undefined") {
    view.error = "vis-network did not load";
    document.getElementById("sg-network").textContent = view.error;
    return;
  }

  var nodes = new vis.DataSet(DATA.nodes.map(function (n) {
    return {
      id: n.id,
      // Who sanctions the state, under its name: visible without hovering.
      label: n.authorities.length ? n.label + "\n" + n.authorities.join(" \u00b7 ") : n.label,
      title: n.title,
      shape: n.shape,
      size: n.size,
      color: { background: n.color, border: "#34495e",
        highlight: { background: n.color, border: "#000" },
        hover: { background: n.color, border: "#000" } },
      borderWidth: n.id === DATA.focus ? 4 : 1,
      font: { size: 15, color: "#111", strokeWidth: 3, strokeColor: "#fff" }
    };
  }));
  var all = currentFilter();
  var edges = new vis.DataSet(DATA.edges.map(function (e) {
    return visEdge(e, keptEvents(e, all));
  }));

  function applyFilters() {
    var filter = currentFilter();
    var visibleNodes = new Set();
    var updates = DATA.edges.map(function (edge) {
      var events = keptEvents(edge, filter);
      if (events.length) { visibleNodes.add(edge.from); visibleNodes.add(edge.to); }
      var counts = events.length + " event(s), " + independentSources(events) + " source(s)";
      relationItems[edge.id].hidden = events.length === 0;
      relationItems[edge.id].lastChild.textContent = " (" + counts + ")";
      return visEdge(edge, events);
    });
    edges.update(updates);
    nodes.update(DATA.nodes.map(function (n) {
      return { id: n.id, hidden: !(visibleNodes.has(n.id) || n.id === DATA.focus) };
    }));
  }

  var network = new vis.Network(document.getElementById("sg-network"),
    { nodes: nodes, edges: edges }, {
      physics: {
        solver: "forceAtlas2Based",
        forceAtlas2Based: { springLength: 220, gravitationalConstant: -90 },
        stabilization: { iterations: 400 }
      },
      interaction: { hover: true, tooltipDelay: 120, multiselect: false },
      layout: { randomSeed: 7 }
    });
  network.on("click", function (params) {
    if (params.nodes.length === 0 && params.edges.length > 0) showEdge(params.edges[0]);
  });
  var stabilised = false;
  network.once("stabilizationIterationsDone", function () {
    // Keep the drawing still once laid out, so lines stay where the reader clicks.
    network.setOptions({ physics: false });
    network.fit();
    stabilised = true;
    network.redraw();
  });
  network.on("afterDrawing", function () { if (stabilised) view.ready = true; });
  if (DATA.nodes.length === 0) {
    // Nothing to lay out: vis-network never reports stabilisation.
    stabilised = true;
    relationList.appendChild(el("li", "No event matches the question asked.", "sg-hint"));
    network.redraw();
  }
  document.getElementById("sg-filters").addEventListener("change", applyFilters);
  applyFilters();
  view.network = network;
  view.nodes = nodes;
  view.edges = edges;
  view.applyFilters = applyFilters;
})();
