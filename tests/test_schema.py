import json
import subprocess
import sys

from conflictwire.schema import Event, event_json_schema

CONTRACT_KEYS = (
    "event_id article_id event_date date_end time_precision event_type sub_event_type plover_type plover_mode "
    "cameo_code actor1 assoc_actor1 actor2 assoc_actor2 interaction civilian_targeting location fatalities "
    "fatalities_low fatalities_high source attributed_to modality confidence evidence notes"
).split()


def test_schema_event_has_every_contract_key():
    assert set(CONTRACT_KEYS) <= set(event_json_schema()["properties"])


def test_schema_location_and_actor_shapes():
    defs = event_json_schema()["$defs"]
    assert {"text", "name", "admin1", "admin2", "country", "country_code", "latitude", "longitude",
            "geonameid", "geo_precision"} <= set(defs["Place"]["properties"])
    assert {"text", "name", "category"} <= set(defs["Actor"]["properties"])


def test_schema_event_round_trips_through_json():
    ev = Event(event_id="e1", article_id="a1", event_type="Battles", sub_event_type="Armed clash",
               event_date="2015-03-11", fatalities=3, evidence=[{"start": 0, "end": 4, "text": "Iraq"}])
    again = Event.model_validate_json(ev.model_dump_json())
    assert again == ev
    assert json.loads(ev.model_dump_json())["event_date"] == "2015-03-11"


def test_schema_import_stays_cheap():
    code = "import sys, conflictwire.schema; print(any(m in sys.modules for m in ('spacy', 'numpy', 'torch')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
