"""The offline HTML network: no remote reference in the file, and in a real headless Chromium
with the network blocked the graph draws, shows its labels, filters, and lists an edge's quotes.
"""

from __future__ import annotations

import io
import re
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import open_page
from lxml import html as lxml_html
from vizfixtures import DOCS, QUOTES, STATES

from sanctions_graph.store import EmbeddedStore
from sanctions_graph.viz import style
from sanctions_graph.viz.data import GraphData, build_graph, load_graph
from sanctions_graph.viz.network import render_html, write_html

_REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


def remote_references(page: str) -> list[str]:
    """Every reference in ``page`` that would make a browser fetch something remote."""
    found: list[str] = []
    tree = lxml_html.fromstring(page)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in ("src", "srcset", "data", "poster", "background", "action"):
            value = element.get(attribute)
            if value and _REMOTE.match(value):
                found.append(f"<{element.tag} {attribute}={value}>")
        if element.tag == "link" and element.get("href"):
            found.append(f"<link href={element.get('href')}>")  # any linked resource at all
    for sheet in tree.iter("style"):
        css = sheet.text or ""
        found += [f"@import in <style>: {m}" for m in re.findall(r"@import[^;]*", css)]
        found += [
            f"url({m})" for m in re.findall(r"url\(\s*['\"]?([^)'\"]*)", css) if _REMOTE.match(m)
        ]
    for script in tree.iter("script"):
        if script.get("src"):
            found.append(f"<script src={script.get('src')}>")
    return found


@pytest.fixture
def fixture_graph(fixture_store: EmbeddedStore) -> GraphData:
    return load_graph(fixture_store)


@pytest.fixture
def page_file(fixture_graph: GraphData, tmp_path: Path) -> Path:
    path = tmp_path / "graph.html"
    write_html(fixture_graph, path, "Fixture graph")
    return path


def test_page_is_self_contained(page_file: Path) -> None:
    page = page_file.read_text(encoding="utf-8")
    assert remote_references(page) == []
    assert "vis.Network" in page  # the drawing library is inlined, not linked
    scripts = lxml_html.fromstring(page).findall(".//script")
    assert [s.get("type") for s in scripts] == ["application/json", None, None]


def test_remote_reference_checker_catches_what_pyvis_links() -> None:
    # The checker must fail on the CDN links of pyvis's own template.
    pyvis = pytest.importorskip("pyvis.network")
    net = pyvis.Network(cdn_resources="in_line")
    net.add_node(1, label="a")
    found = remote_references(net.generate_html())
    assert any("cdn.jsdelivr.net" in item for item in found)


def test_quote_cannot_inject_markup() -> None:
    import pyoxigraph as ox

    hostile = "</script><script>alert(1)</script><img src=https://evil.example/x>"
    row: dict[str, Any] = {
        "event": ox.NamedNode("https://w3id.org/sanctions-graph/id/event/x"),
        "type": ox.NamedNode("https://w3id.org/sanctions-graph/ontology#Threat"),
        "actor": ox.NamedNode("https://w3id.org/sanctions-graph/id/state/AAA"),
        "actorKind": ox.Literal("state"),
        "actorLabel": ox.Literal("<b>Aland</b>"),
        "target": ox.NamedNode("https://w3id.org/sanctions-graph/id/state/BBB"),
        "targetKind": ox.Literal("state"),
        "quote": ox.Literal(hostile),
        "url": ox.Literal("javascript:alert(1)"),
    }
    page = render_html(build_graph([row], []), "t</title><script>x()</script>")
    assert hostile not in page
    assert "<b>Aland</b>" not in page
    assert "javascript:alert" not in page  # only http(s) links survive
    assert "<script>x()</script>" not in page
    assert remote_references(page) == []


# -------------------------------------------------------------------------------------------
# in the browser
# -------------------------------------------------------------------------------------------
def canvas_point(driver: Any, edge_id: str | None = None, node_id: str | None = None) -> Any:
    """Viewport coordinates of an edge's midpoint or a node's centre."""
    return driver.execute_script(
        """
        const net = window.sgView.network;
        const [edgeId, nodeId] = arguments;
        let p;
        if (edgeId) { p = net.body.edges[edgeId].edgeType.getPoint(0.5); }
        else { p = net.getPositions([nodeId])[nodeId]; }
        const dom = net.canvasToDOM(p);
        const box = document.querySelector('#sg-network canvas').getBoundingClientRect();
        return [box.left + dom.x, box.top + dom.y];
        """,
        edge_id,
        node_id,
    )


def click_at(driver: Any, x: float, y: float) -> None:
    """A real mouse click at viewport coordinates (through the DevTools input pipeline)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(round(x), round(y))
    actions.pointer_action.click()
    actions.perform()
    ActionChains(driver).reset_actions()


def edge_id(driver: Any, key: str) -> str:
    found: str = driver.execute_script(
        "return window.sgView.data.edges.find(e => e.key === arguments[0]).id", key
    )
    return found


def wait_for(driver: Any, script: str, timeout: float = 5.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for: {script}")


@pytest.mark.browser
def test_graph_renders_offline(browser: Any, page_file: Path, fixture_graph: GraphData) -> None:
    from PIL import Image

    requested = open_page(browser, page_file)
    # Nothing but the page itself (and inline data: images of vis-network's style sheet).
    assert [u for u in requested if not u.startswith("data:")] == [page_file.resolve().as_uri()]

    # Node labels: in vis-network's data and in the page's own DOM (the relation list).
    labels = browser.execute_script("return window.sgView.nodes.get().map(n => n.label)")
    assert sorted(labels) == sorted(
        ["North Korea\nUNSC", "Russia\nUSA", "China", "United States"]
    )
    assert sorted(label.split("\n")[0] for label in labels) == sorted(STATES.values())
    relations = browser.find_element("id", "sg-relation-list").text
    for label in STATES.values():
        assert label in relations

    # The canvas is drawn: not blank, and each node's centre has the node's colour.
    shot = Image.open(io.BytesIO(browser.get_screenshot_as_png())).convert("RGB")
    box = browser.execute_script(
        "const b = document.querySelector('#sg-network canvas').getBoundingClientRect();"
        "return [b.left, b.top, b.right, b.bottom];"
    )
    region = shot.crop(tuple(int(v) for v in box))
    colours = region.getcolors(maxcolors=1_000_000) or []
    non_white = sum(count for count, rgb in colours if rgb != (255, 255, 255))
    assert non_white > 2000
    for iri, node in fixture_graph.nodes.items():
        x, y = canvas_point(browser, node_id=iri)
        expected = style.node_colour(node).lstrip("#")
        want = tuple(int(expected[i : i + 2], 16) for i in (0, 2, 4))
        got = shot.getpixel((int(x), int(y)))
        assert max(abs(a - b) for a, b in zip(got, want, strict=True)) <= 12, (node.code, got)


@pytest.mark.browser
def test_click_on_edge_lists_its_events_and_quotes(browser: Any, page_file: Path) -> None:
    open_page(browser, page_file)
    prk, rus = (f"https://w3id.org/sanctions-graph/id/state/{c}" for c in ("PRK", "RUS"))
    ident = edge_id(browser, f"AID|{prk}|{rus}")
    x, y = canvas_point(browser, edge_id=ident)
    click_at(browser, x, y)
    title = wait_for(
        browser, "const t = document.getElementById('sg-details-title'); return t && t.textContent"
    )
    assert title == "AID: North Korea → Russia"
    quotes = [q.text for q in browser.find_elements("css selector", "#sg-details .sg-quote")]
    assert sorted(quotes) == sorted([QUOTES["q1"], QUOTES["q2"]])
    heads = [h.text for h in browser.find_elements("css selector", "#sg-details .sg-event-head")]
    assert heads == ["2024-05-01 · ArmsTransfer · Reported"]
    links = {
        a.get_attribute("href")
        for a in browser.find_elements("css selector", "#sg-details .sg-source a")
    }
    assert links == {DOCS["docA"][3], DOCS["docB"][3]}


@pytest.mark.browser
def test_hover_text_and_encoding_match_the_data(
    browser: Any, page_file: Path, fixture_graph: GraphData
) -> None:
    open_page(browser, page_file)
    drawn = {
        e["id"]: e for e in browser.execute_script("return window.sgView.edges.get()")
    }
    keys = {e["id"]: e["key"] for e in browser.execute_script("return window.sgView.data.edges")}
    by_key = {edge.key: edge for edge in fixture_graph.edges}
    assert set(keys.values()) == set(by_key)
    for ident, key in keys.items():
        edge = by_key[key]
        assert drawn[ident]["width"] == style.edge_width(edge.independent_sources)
        assert drawn[ident]["dashes"] is edge.dashed
        assert drawn[ident]["label"] == edge.family.name
        assert f"{len(edge.events)} event(s), {edge.independent_sources} independent" in (
            drawn[ident]["title"]
        )
    nodes = {n["id"]: n for n in browser.execute_script("return window.sgView.nodes.get()")}
    prk = nodes["https://w3id.org/sanctions-graph/id/state/PRK"]
    assert prk["title"] == "North Korea (PRK)\nsanctioned by UNSC\n5 event(s), 2 source(s)"

    # A real hover shows the tooltip, as text.
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    x, y = canvas_point(browser, node_id="https://w3id.org/sanctions-graph/id/state/PRK")
    hover = ActionBuilder(browser)
    hover.pointer_action.move_to_location(round(x) - 3, round(y) - 3)
    hover.pointer_action.move_to_location(round(x), round(y))
    hover.perform()
    shown = wait_for(
        browser,
        "const t = document.querySelector('div.vis-tooltip');"
        "return t && t.style.visibility !== 'hidden' && t.innerText",
    )
    assert shown == "North Korea (PRK)\nsanctioned by UNSC\n5 event(s), 2 source(s)"


@pytest.mark.browser
def test_filters_hide_edges_by_family_and_date(browser: Any, page_file: Path) -> None:
    open_page(browser, page_file)

    def hidden() -> set[str]:
        return set(
            browser.execute_script(
                "return window.sgView.edges.get().filter(e => e.hidden).map(e => e.label + ' ' "
                "+ window.sgView.data.edges.find(d => d.id === e.id).fromLabel)"
            )
        )

    assert hidden() == set()
    browser.find_element("id", "sg-family-AID").click()
    assert hidden() == {"AID North Korea", "AID Russia"}
    browser.find_element("id", "sg-family-AID").click()
    browser.execute_script(
        "const f = document.getElementById('sg-from'); f.value = '2024-06-01';"
        "f.dispatchEvent(new Event('change', {bubbles: true}));"
    )
    # The May shipment and China's 2023 events drop out; the undated allegation stays.
    assert hidden() == {"AID North Korea", "SUPPORT China", "DIPLOMATIC China"}
    browser.find_element("id", "sg-undated").click()
    assert hidden() == {"AID North Korea", "SUPPORT China", "DIPLOMATIC China", "AID Russia"}
    china = browser.execute_script(
        "return window.sgView.nodes.get('https://w3id.org/sanctions-graph/id/state/CHN').hidden"
    )
    assert china is True


@pytest.mark.browser
def test_empty_graph_page_says_so(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    write_html(GraphData({}, []), path, "Nothing")
    requested = open_page(browser, path)
    assert [u for u in requested if not u.startswith("data:")] == [path.resolve().as_uri()]
    assert browser.find_element("id", "sg-relation-list").text == (
        "No event matches the question asked."
    )
