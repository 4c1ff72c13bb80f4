"""The preset questions: header parsing, parameter binding, and each question's exact answer on a
small hand-built graph (tests/query_fixtures.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from query_fixtures import PARAMS, fill
from sanctions_graph.errors import QueryError
from sanctions_graph.output import plain
from sanctions_graph.queries import (
    HEADER_INDEX,
    _header_index,
    _load_preset,
    bind_params,
    bind_values,
    get_preset,
    header_index,
    list_presets,
    parse_param_options,
    parse_preset,
    preset_listing,
    run_preset,
    write_header_index,
)
from sanctions_graph.resources import queries_dir
from sanctions_graph.store import EmbeddedStore, QueryResult

ISSUE_PRESETS = sorted(PARAMS)
#: Columns made with GROUP_CONCAT: their order is not defined by SPARQL, so tests sort them.
LIST_COLUMNS = {"kinds", "measures", "atWarWith"}
SGID = "https://w3id.org/sanctions-graph/id/"


def short(result: QueryResult) -> list[dict[str, str]]:
    """Rows as plain strings, data IRIs without the namespace, unbound columns left out;
    GROUP_CONCAT lists sorted (their order is not defined by SPARQL)."""
    rows = []
    for row in result.rows:
        out = {k: plain(v).replace(SGID, "") for k, v in row.items() if v is not None}
        for key in LIST_COLUMNS.intersection(out):
            out[key] = ", ".join(sorted(out[key].split(", ")))
        rows.append(out)
    return rows


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    s = EmbeddedStore(None)
    fill(s)
    return s


# --------------------------------------------------------------------------------------------
# header parser
# --------------------------------------------------------------------------------------------
GOOD = """#+ summary: Things of a state
#+ description: A test question.
#+ tags: [test]
#+ params:
#+   state:
#+     type: state
#+     description: the state
#+   from:
#+     type: date
#+     default: 2020-01-01
PREFIX sg: <https://w3id.org/sanctions-graph/ontology#>
SELECT ?e WHERE { ?e sg:actor ?_state ; sg:date ?d FILTER(?d >= ?__from) }
"""


def write(tmp_path: Path, text: str, name: str = "q.rq") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_header_gives_summary_tags_and_params_with_required_from_the_variable(
    tmp_path: Path,
) -> None:
    preset = parse_preset(write(tmp_path, GOOD))
    assert preset.name == "q"
    assert preset.summary == "Things of a state"
    assert preset.description == "A test question."
    assert preset.tags == ("test",)
    assert [(p.name, p.type, p.required, p.default) for p in preset.params] == [
        ("state", "state", True, None),
        ("from", "date", False, "2020-01-01"),
    ]
    assert preset.sparql.startswith("PREFIX sg:")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("SELECT * WHERE { ?s ?p ?o }\n", "no '#+' YAML header"),
        ("#+ summary: [unclosed\nSELECT * WHERE { ?s ?p ?o }\n", "malformed YAML header"),
        ("#+ - a list\nSELECT * WHERE { ?s ?p ?o }\n", "must be a YAML mapping"),
        (
            "#+ description: no summary\nSELECT * WHERE { ?s ?p ?o }\n",
            "needs a non-empty 'summary'",
        ),
        (
            "#+ summary: x\n#+ sumary: typo\nSELECT * WHERE { ?s ?p ?o }\n",
            "unknown header key(s): sumary",
        ),
        ("#+ summary: x\n#+ tags: one\nSELECT * WHERE { ?s ?p ?o }\n", "'tags' must be a list"),
        ("#+ summary: x\nSELECT * WHERE { ?s ?p ?_state }\n", "not declared in the header: state"),
        (
            "#+ summary: x\n#+ params:\n#+   state: {type: state}\nSELECT * WHERE { ?s ?p ?o }\n",
            "parameter 'state' is declared but the query has no ?_state",
        ),
        (
            "#+ summary: x\n#+ params:\n#+   state: {type: country}\n"
            "SELECT * WHERE { ?s ?p ?_state }\n",
            "parameter 'state' has type 'country'",
        ),
        (
            "#+ summary: x\n#+ params:\n#+   state: {type: state, colour: red}\n"
            "SELECT * WHERE { ?s ?p ?_state }\n",
            "parameter 'state' has unknown key(s): colour",
        ),
        (
            "#+ summary: x\n#+ params:\n#+   s: {type: state}\n"
            "#+ parameters:\n#+   s: {type: state}\n"
            "SELECT * WHERE { ?s ?p ?_s }\n",
            "give 'params' or 'parameters', not both",
        ),
        ("#+ summary: x\nSELECT ?s ?p ?o\n", "cannot find the query's WHERE group"),
    ],
)
def test_malformed_header_is_a_query_error_naming_the_file(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(QueryError) as error:
        parse_preset(write(tmp_path, text, "broken.rq"))
    assert str(error.value).startswith("broken.rq: ")
    assert message in str(error.value)


def test_a_comment_or_string_mentioning_a_parameter_is_not_a_parameter(tmp_path: Path) -> None:
    text = '#+ summary: x\nSELECT ?s WHERE { ?s ?p "?_fake" # ?_other\n}\n'
    assert parse_preset(write(tmp_path, text)).params == ()


def test_every_shipped_query_file_parses_with_its_header() -> None:
    folder = queries_dir()
    files = sorted(p.stem for p in folder.glob("*.rq"))
    presets = list_presets()
    assert [p.name for p in presets] == files
    assert set(ISSUE_PRESETS) <= set(files)
    for preset in presets:
        assert preset.summary, preset.name
        assert preset.description, preset.name


def test_the_header_index_is_current() -> None:
    shipped = json.loads((queries_dir() / HEADER_INDEX).read_text(encoding="utf-8"))
    assert shipped == header_index(), (
        "queries/headers.json is out of date: python -m sanctions_graph.queries --write-index"
    )


def test_a_preset_read_through_the_index_equals_the_parsed_file() -> None:
    for path in sorted(queries_dir().glob("*.rq")):
        assert _load_preset(path.resolve()) == parse_preset(path.resolve()), path.name


def test_an_index_entry_for_other_text_is_ignored(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    write_header_index(tmp_path)
    index = json.loads((tmp_path / HEADER_INDEX).read_text(encoding="utf-8"))
    index["presets"][path.stem]["summary"] = "from the index"
    (tmp_path / HEADER_INDEX).write_text(json.dumps(index), encoding="utf-8")
    _header_index.cache_clear()
    assert get_preset(path.stem, tmp_path).summary == "from the index"  # same text: used
    path.write_text(GOOD.replace("Things of", "Edited things of"), encoding="utf-8")
    _load_preset.cache_clear()
    assert get_preset(path.stem, tmp_path).summary == "Edited things of a state"  # edited: parsed
    _header_index.cache_clear()
    _load_preset.cache_clear()


def test_a_broken_header_index_is_ignored(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    (tmp_path / HEADER_INDEX).write_text('{"presets": {"q": {"sha256": 1', encoding="utf-8")
    _header_index.cache_clear()
    assert get_preset(path.stem, tmp_path) == parse_preset(path)
    _header_index.cache_clear()
    _load_preset.cache_clear()


def test_answering_a_preset_does_not_import_pyyaml() -> None:
    code = (
        "import sys; from sanctions_graph.queries import get_preset; "
        "get_preset('as-of'); print('yaml' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "False"), done.stderr


@pytest.mark.parametrize("name", ISSUE_PRESETS)
def test_every_preset_is_valid_sparql_with_its_parameters_bound(name: str) -> None:
    empty = EmbeddedStore(None)
    preset = get_preset(name)
    terms = bind_params(None, preset, PARAMS[name])
    # Runs (no syntax error) on an empty store and answers nothing.
    result = empty.query(bind_values(preset.sparql, terms))
    assert result.kind == "select"
    assert result.rows == []


def test_issue_parameter_names() -> None:
    names = {p: [x.name for x in get_preset(p).params] for p in ISSUE_PRESETS}
    assert names["sanctions-on"] == ["state"]
    assert names["partners"] == ["state"]
    assert names["timeline"] == ["state", "from", "to"]
    assert names["support-for-war"] == ["state"]
    assert names["sanctioned-by"] == ["authority"]
    assert names["evidence"] == ["a", "b"]
    assert names["as-of"] == ["date"]


def test_unknown_preset_names_the_known_ones() -> None:
    with pytest.raises(QueryError, match=r"unknown question 'nope'; known questions: .*as-of"):
        get_preset("nope")


def test_listing_has_name_summary_and_parameters() -> None:
    rows = {plain(r["name"]): plain(r["parameters"]) for r in preset_listing().rows}
    assert rows["timeline"] == "state: state, from?: date, to?: date, limit?: integer = 1000"
    assert rows["sanctioned-cooperation"] == ""


# --------------------------------------------------------------------------------------------
# binding
# --------------------------------------------------------------------------------------------
def test_values_block_goes_at_the_start_of_the_outer_where_group() -> None:
    sparql = 'SELECT ?x # WHERE { not here\nWHERE { ?x ?p "{" . { SELECT ?y WHERE { ?y ?q ?r } } }'
    bound = bind_values(sparql, {"_a": ox.Literal('x"}>'), "__b": None})
    head, tail = bound.split('WHERE {\n  VALUES (?_a ?__b) { ("x\\"}>" UNDEF) }\n', 1)
    assert head == "SELECT ?x # WHERE { not here\n"
    assert tail == ' ?x ?p "{" . { SELECT ?y WHERE { ?y ?q ?r } } }'


def test_values_block_in_construct_goes_into_the_where_group_not_the_template() -> None:
    bound = bind_values("CONSTRUCT { ?s ?p ?_o } WHERE { ?s ?p ?_o }", {"_o": ox.Literal("v")})
    assert bound == 'CONSTRUCT { ?s ?p ?_o } WHERE {\n  VALUES (?_o) { ("v") }\n ?s ?p ?_o }'


def test_ask_without_where_keyword_gets_values_in_its_group() -> None:
    bound = bind_values("ASK { ?s ?p ?_o }", {"_o": ox.Literal("v")})
    assert bound == 'ASK {\n  VALUES (?_o) { ("v") }\n ?s ?p ?_o }'
    store = EmbeddedStore(None)
    store.update('INSERT DATA { <http://e/s> <http://e/p> "v" }')
    assert store.query(bound).boolean is True


def test_parameters_accept_codes_names_and_aliases() -> None:
    preset = get_preset("partners")
    for text in ("PRK", "prk", "North Korea", "DPRK", f"{SGID}state/PRK"):
        terms = bind_params(None, preset, {"state": text})
        assert terms == {"_state": ox.NamedNode(f"{SGID}state/PRK")}, text


def test_authority_accepts_an_organisation_and_state_rejects_one() -> None:
    assert bind_params(None, get_preset("sanctioned-by"), {"authority": "UNSC"}) == {
        "_authority": ox.NamedNode(f"{SGID}org/UNSC")
    }
    with pytest.raises(QueryError, match="parameter 'state': 'UNSC' is not a state"):
        bind_params(None, get_preset("partners"), {"state": "UNSC"})


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("partners", {}, "question 'partners' needs parameter 'state' (-p state=...)"),
        ("partners", {"state": "Narnia"}, "unknown state or organisation 'Narnia'"),
        ("partners", {"state": "PRK", "colour": "red"}, "has no parameter 'colour'"),
        ("as-of", {"date": "19 June 2024"}, "parameter 'date': '19 June 2024' is not a date"),
        ("as-of", {"date": "2024-02-30"}, "is not a date (use YYYY-MM-DD)"),
        ("timeline", {"state": "PRK", "from": "yesterday"}, "parameter 'from'"),
    ],
)
def test_invalid_parameters_are_query_errors(
    name: str, params: dict[str, str], message: str
) -> None:
    with pytest.raises(QueryError) as error:
        bind_params(None, get_preset(name), params)
    assert message in str(error.value)


def test_optional_parameters_default_to_unbound_and_dates_are_xsd_date() -> None:
    terms = bind_params(None, get_preset("timeline"), {"state": "PRK", "to": "2024-06-19"})
    assert terms["__from"] is None
    assert terms["__to"] == ox.Literal(
        "2024-06-19", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
    )


def test_param_options_parse_name_value_pairs() -> None:
    assert parse_param_options(["state=North Korea", "q=a=b"]) == {
        "state": "North Korea",
        "q": "a=b",
    }
    with pytest.raises(QueryError, match="is not NAME=VALUE"):
        parse_param_options(["state"])
    with pytest.raises(QueryError, match="given twice"):
        parse_param_options(["a=1", "a=2"])


# --------------------------------------------------------------------------------------------
# each preset's answer on the fixture graph
# --------------------------------------------------------------------------------------------
EXPECTED: dict[str, list[dict[str, str]]] = {
    "sanctioned-cooperation": [
        {
            "a": "state/PRK",
            "aCode": "PRK",
            "b": "state/RUS",
            "bCode": "RUS",
            "kinds": "AgreementSigning, ArmsTransfer, ExpressionOfSupport, Meeting",
            "first": "2023-09-13",
            "last": "2024-06-19",
            "events": "5",
            "sources": "2",
            "publishers": "2",
            # The most recent event's quote (four on 2024-06-19: the first evidence IRI).
            "exampleQuote": "North Korea pledged full support for Russia's military operation.",
            "exampleSource": "doc/doc1",
        },
        {
            "a": "state/IRN",
            "aCode": "IRN",
            "b": "state/RUS",
            "bCode": "RUS",
            "kinds": "EconomicAssistance",
            "first": "2014-03-01",
            "last": "2020-03-01",
            "events": "2",
            "sources": "1",
            "publishers": "1",
            "exampleQuote": "Russia extended more credit to Iran.",
            "exampleSource": "doc/doc2",
        },
    ],
    "sanctions-on": [
        {
            "kind": "regime",
            "item": "regime/UN-1718",
            "label": "UN-1718 regime",
            "authority": "org/UNSC",
            "authorityCode": "UNSC",
            "legalBasis": "UNSC Resolution 1718 (2006)",
            "measures": "ArmsEmbargo, AssetFreeze",
            "since": "2006-10-14",
        },
        {
            "kind": "designation",
            "item": "designation/KPi.999",
            "authority": "org/UNSC",
            "authorityCode": "UNSC",
            "since": "2017-06-02",
            "designee": "person/listed-ri",
            "designeeName": "RI PYONG CHOL",
            "reference": "KPi.999",
        },
    ],
    "sanctioned-by": [
        {
            "kind": "regime",
            "item": "regime/UN-1718",
            "label": "UN-1718 regime",
            "target": "state/PRK",
            "targetCode": "PRK",
            "legalBasis": "UNSC Resolution 1718 (2006)",
            "measures": "ArmsEmbargo, AssetFreeze",
            "since": "2006-10-14",
        },
    ],
    "partners": [
        {
            "partner": "state/RUS",
            "partnerCode": "RUS",
            "kindName": "Meeting",
            "sanctioned": "yes",
            "events": "2",
            "sources": "2",
            "first": "2023-09-13",
            "last": "2024-06-19",
            "exampleQuote": "The Russian and North Korean leaders met in Pyongyang.",
            "exampleSource": "doc/doc1",
        },
        {
            "partner": "state/CHN",
            "partnerCode": "CHN",
            "kindName": "EconomicAssistance",
            "sanctioned": "no",
            "events": "1",
            "sources": "1",
            "first": "2023-05-01",
            "last": "2023-05-01",
            "exampleQuote": "China sent food aid to North Korea.",
            "exampleSource": "doc/doc2",
        },
        {
            "partner": "state/RUS",
            "partnerCode": "RUS",
            "kindName": "AgreementSigning",
            "sanctioned": "yes",
            "events": "1",
            "sources": "1",
            "first": "2024-06-19",
            "last": "2024-06-19",
            "exampleQuote": "The two leaders are expected to sign a partnership treaty.",
            "exampleSource": "doc/doc1",
        },
        {
            "partner": "state/RUS",
            "partnerCode": "RUS",
            "kindName": "ArmsTransfer",
            "sanctioned": "yes",
            "events": "1",
            "sources": "1",
            "first": "2024-06-19",
            "last": "2024-06-19",
            "exampleQuote": "North Korea is accused of shipping artillery shells to Russia.",
            "exampleSource": "doc/doc1",
        },
        {
            "partner": "state/RUS",
            "partnerCode": "RUS",
            "kindName": "ExpressionOfSupport",
            "sanctioned": "yes",
            "events": "1",
            "sources": "1",
            "first": "2024-06-19",
            "last": "2024-06-19",
            "exampleQuote": "North Korea pledged full support for Russia's military operation.",
            "exampleSource": "doc/doc1",
        },
    ],
    "agreements": [
        {
            "event": "event/e3",
            "kindName": "AgreementSigning",
            "agreement": "agreement/e3",
            "agreementLabel": "Comprehensive Strategic Partnership",
            "actorCode": "RUS",
            "targetCode": "PRK",
            "date": "2024-06-19",
            "status": "planned",
            "quote": "The two leaders are expected to sign a partnership treaty.",
            "source": "doc/doc1",
            "title": "Leaders meet in Pyongyang",
        },
    ],
    "arms-transfers": [
        {
            "event": "event/e2",
            "supplier": "state/PRK",
            "supplierCode": "PRK",
            "recipient": "state/RUS",
            "recipientCode": "RUS",
            "date": "2024-06-19",
            "modalityName": "Alleged",
            "quote": "North Korea is accused of shipping artillery shells to Russia.",
            "source": "doc/doc1",
            "title": "Leaders meet in Pyongyang",
            "url": "https://news.example/doc1",
        },
    ],
    "possible-violations": [
        {
            "event": "event/e2",
            "kindName": "ArmsTransfer",
            "actorCode": "PRK",
            "targetCode": "RUS",
            "date": "2024-06-19",
            "modalityName": "Alleged",
            "regime": "regime/UN-1718",
            "regimeLabel": "UN-1718 regime",
            "authorityCode": "UNSC",
            "legalBasis": "UNSC Resolution 1718 (2006)",
            "measureName": "ArmsEmbargo",
            "sanctionedCode": "PRK",
            "quote": "North Korea is accused of shipping artillery shells to Russia.",
            "source": "doc/doc1",
            "title": "Leaders meet in Pyongyang",
        },
        {
            "event": "event/e6",
            "kindName": "EconomicAssistance",
            "actorCode": "CHN",
            "targetCode": "PRK",
            "date": "2023-05-01",
            "modalityName": "Reported",
            "regime": "regime/UN-1718",
            "regimeLabel": "UN-1718 regime",
            "authorityCode": "UNSC",
            "legalBasis": "UNSC Resolution 1718 (2006)",
            "measureName": "AssetFreeze",
            "sanctionedCode": "PRK",
            "quote": "China sent food aid to North Korea.",
            "source": "doc/doc2",
            "title": "A year of sanctions",
        },
        {
            "event": "event/e10",
            "kindName": "EconomicAssistance",
            "actorCode": "RUS",
            "targetCode": "IRN",
            "date": "2014-03-01",
            "modalityName": "Reported",
            "regime": "regime/EU-IRN",
            "regimeLabel": "EU-IRN regime",
            "authorityCode": "EU",
            "legalBasis": "Council Regulation (EU) No 267/2012",
            "measureName": "TradeRestriction",
            "sanctionedCode": "IRN",
            "quote": "Russia extended credit to Iran.",
            "source": "doc/doc2",
            "title": "A year of sanctions",
        },
    ],
    "timeline": [
        {
            "date": "2023-05-01",
            "kindName": "EconomicAssistance",
            "role": "target",
            "actorCode": "CHN",
            "targetCode": "PRK",
            "modalityName": "Reported",
            "event": "event/e6",
            "quote": "China sent food aid to North Korea.",
            "source": "doc/doc2",
            "title": "A year of sanctions",
        },
        {
            "date": "2023-09-13",
            "kindName": "Meeting",
            "role": "actor",
            "actorCode": "PRK",
            "targetCode": "RUS",
            "modalityName": "Asserted",
            "event": "event/e5",
            "quote": "The leaders met at a cosmodrome in the Russian Far East.",
            "source": "doc/doc2",
            "title": "A year of sanctions",
        },
        {
            "date": "2024-06-19",
            "kindName": "AgreementSigning",
            "role": "target",
            "actorCode": "RUS",
            "targetCode": "PRK",
            "modalityName": "Planned",
            "event": "event/e3",
            "quote": "The two leaders are expected to sign a partnership treaty.",
            "source": "doc/doc1",
            "title": "Leaders meet in Pyongyang",
        },
        {
            "date": "2024-06-19",
            "kindName": "ArmsTransfer",
            "role": "actor",
            "actorCode": "PRK",
            "targetCode": "RUS",
            "modalityName": "Alleged",
            "event": "event/e2",
            "quote": "North Korea is accused of shipping artillery shells to Russia.",
            "source": "doc/doc1",
            "title": "Leaders meet in Pyongyang",
        },
        {
            "date": "2024-06-19",
            "kindName": "ExpressionOfSupport",
            "role": "actor",
            "actorCode": "PRK",
            "targetCode": "RUS",
            "modalityName": "Asserted",
            "event": "event/e1",
            "quote": "North Korea pledged full support for Russia's military operation.",
            "source": "doc/doc1",
            "title": "Leaders meet in Pyongyang",
        },
        {
            "date": "2024-06-19",
            "kindName": "Meeting",
            "role": "target",
            "actorCode": "RUS",
            "targetCode": "PRK",
            "modalityName": "Asserted",
            "event": "event/e4",
            "quote": "The Russian and North Korean leaders met in Pyongyang.",
            "source": "doc/doc1",
            "title": "Leaders meet in Pyongyang",
        },
    ],
    "evidence": [
        {
            "event": "event/e5",
            "kindName": "Meeting",
            "actorCode": "PRK",
            "targetCode": "RUS",
            "date": "2023-09-13",
            "modalityName": "Asserted",
            "quote": "The leaders met at a cosmodrome in the Russian Far East.",
            "charStart": "0",
            "source": "doc/doc2",
            "title": "A year of sanctions",
            "publisher": "Team Desk",
            "issued": "2023-09-14",
            "url": "https://news.example/doc2",
        },
        {
            "event": "event/e1",
            "kindName": "ExpressionOfSupport",
            "actorCode": "PRK",
            "targetCode": "RUS",
            "date": "2024-06-19",
            "modalityName": "Asserted",
            "quote": "North Korea pledged full support for Russia's military operation.",
            "charStart": "0",
            "source": "doc/doc1",
            "title": "Leaders meet in Pyongyang",
            "publisher": "Team Wire",
            "issued": "2024-06-19",
            "url": "https://news.example/doc1",
        },
        {
            "event": "event/e2",
            "kindName": "ArmsTransfer",
            "actorCode": "PRK",
            "targetCode": "RUS",
            "date": "2024-06-19",
            "modalityName": "Alleged",
            "quote": "North Korea is accused of shipping artillery shells to Russia.",
            "charStart": "0",
            "source": "doc/doc1",
            "title": "Leaders meet in Pyongyang",
            "publisher": "Team Wire",
            "issued": "2024-06-19",
            "url": "https://news.example/doc1",
        },
        {
            "event": "event/e3",
            "kindName": "AgreementSigning",
            "actorCode": "RUS",
            "targetCode": "PRK",
            "date": "2024-06-19",
            "modalityName": "Planned",
            "quote": "The two leaders are expected to sign a partnership treaty.",
            "charStart": "0",
            "source": "doc/doc1",
            "title": "Leaders meet in Pyongyang",
            "publisher": "Team Wire",
            "issued": "2024-06-19",
            "url": "https://news.example/doc1",
        },
        {
            "event": "event/e4",
            "kindName": "Meeting",
            "actorCode": "RUS",
            "targetCode": "PRK",
            "date": "2024-06-19",
            "modalityName": "Asserted",
            "quote": "The Russian and North Korean leaders met in Pyongyang.",
            "charStart": "0",
            "source": "doc/doc1",
            "title": "Leaders meet in Pyongyang",
            "publisher": "Team Wire",
            "issued": "2024-06-19",
            "url": "https://news.example/doc1",
        },
    ],
    "listed-people-in-news": [
        {
            "person": "person/news-ri",
            "name": "Ri Pyong-chol",
            "listed": "person/listed-ri",
            "listedName": "RI PYONG CHOL",
            "score": "0.92",
            "method": "token_sort_ratio",
            "designation": "designation/KPi.999",
            "reference": "KPi.999",
            "regime": "regime/UN-1718",
            "listedOn": "2017-06-02",
            "source": "doc/doc1",
            "title": "Leaders meet in Pyongyang",
        },
    ],
    "support-for-war": [
        {
            "supporter": "state/PRK",
            "supporterCode": "PRK",
            "date": "2024-06-19",
            "modalityName": "Asserted",
            "atWarWith": "UKR",
            "event": "event/e1",
            "quote": "North Korea pledged full support for Russia's military operation.",
            "source": "doc/doc1",
            "title": "Leaders meet in Pyongyang",
        },
    ],
    "as-of": [
        {
            "regime": "regime/EU-IRN",
            "label": "EU-IRN regime",
            "authorityCode": "EU",
            "targetCode": "IRN",
            "legalBasis": "Council Regulation (EU) No 267/2012",
            "measures": "TradeRestriction",
            "start": "2012-01-23",
            "end": "2016-01-16",
        },
        {
            "regime": "regime/UN-1718",
            "label": "UN-1718 regime",
            "authorityCode": "UNSC",
            "targetCode": "PRK",
            "legalBasis": "UNSC Resolution 1718 (2006)",
            "measures": "ArmsEmbargo, AssetFreeze",
            "start": "2006-10-14",
        },
    ],
}


@pytest.mark.parametrize("name", ISSUE_PRESETS)
def test_preset_answers_exactly(store: EmbeddedStore, name: str) -> None:
    assert short(run_preset(store, name, PARAMS[name])) == EXPECTED[name]


def test_timeline_without_range_lists_undated_events_last(store: EmbeddedStore) -> None:
    rows = short(run_preset(store, "timeline", {"state": "PRK"}))
    assert [r["event"] for r in rows] == [
        "event/e6",
        "event/e5",
        "event/e3",
        "event/e2",
        "event/e1",
        "event/e4",
        "event/e9",
    ]
    assert "date" not in rows[-1]


def test_timeline_range_is_inclusive(store: EmbeddedStore) -> None:
    rows = short(
        run_preset(store, "timeline", {"state": "PRK", "from": "2023-09-13", "to": "2023-09-13"})
    )
    assert [r["event"] for r in rows] == ["event/e5"]


def test_as_of_before_every_regime_is_empty(store: EmbeddedStore) -> None:
    assert run_preset(store, "as-of", {"date": "2000-01-01"}).rows == []


def test_answers_are_the_same_after_materialisation(tmp_path: Path) -> None:
    """Each preset is right on a store where reason.materialise has run (what ingest does)."""
    from sanctions_graph.bootstrap import ontology_triples
    from sanctions_graph.reason import materialise
    from sanctions_graph.vocab import GRAPH_INFERRED, GRAPH_ONTOLOGY

    s = EmbeddedStore(tmp_path / "store")
    fill(s)
    s.replace_graph(str(GRAPH_ONTOLOGY), ontology_triples())
    before = {name: short(run_preset(s, name, PARAMS[name])) for name in ISSUE_PRESETS}
    materialise(s)
    assert s.count(str(GRAPH_INFERRED)) > 0
    after = {name: short(run_preset(s, name, PARAMS[name])) for name in ISSUE_PRESETS}
    assert after == before
    s.close()


def test_a_triple_in_two_graphs_does_not_duplicate_rows() -> None:
    """The union of graphs keeps one copy per graph; answers must not count it twice."""
    from query_fixtures import TEST_REFERENCE_GRAPH, reference

    s = EmbeddedStore(None)
    fill(s)
    s.replace_graph(TEST_REFERENCE_GRAPH, reference())
    for name in ISSUE_PRESETS:
        assert short(run_preset(s, name, PARAMS[name])) == EXPECTED[name], name
