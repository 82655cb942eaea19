"""The xAPI document resources used by the `tincan` package from PyPI (Rustici's
TinCanPython), an xAPI client nobody here wrote: State, Activity Profile and Agent
Profile documents saved, read, listed and deleted, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json

from tincan import (
    Activity,
    ActivityProfileDocument,
    Agent,
    AgentAccount,
    AgentProfileDocument,
    StateDocument,
)

from sync.server import admin
from sync.xapi import ACCOUNT_HOME_PAGE

from .conftest import enrol
from .test_xapi_resource import lrs

ACTIVITY = Activity(id="http://example.org/tincan/course/treaty-archive")


def etag(content: bytes) -> str:
    return '"' + hashlib.sha1(content).hexdigest() + '"'


def test_tincan_client_keeps_state_and_profile_documents(live, ctx, api, world):
    with ctx.db.write() as session:
        credentials = admin.add_xapi_client(session, "test", "TinCan tool", world.mission)
    remote = lrs(live.url, credentials)
    learner = enrol(api, world.alice_code)
    agent = Agent(account=AgentAccount(home_page=ACCOUNT_HOME_PAGE, name=learner["profile_id"]))

    # State: two documents, read back with their content type, listed, deleted.
    bookmark = StateDocument(
        id="bookmark",
        activity=ACTIVITY,
        agent=agent,
        content=json.dumps({"page": 7}),
        content_type="application/json",
    )
    assert remote.save_state(bookmark).success
    note = StateDocument(
        id="note",
        activity=ACTIVITY,
        agent=agent,
        content="read article 3",
        content_type="text/plain",
    )
    assert remote.save_state(note).success
    got = remote.retrieve_state(ACTIVITY, agent, "bookmark")
    assert got.success, got.data
    assert json.loads(got.content.content) == {"page": 7}
    assert got.response.getheader("ETag") == etag(json.dumps({"page": 7}).encode())
    ids = remote.retrieve_state_ids(ACTIVITY, agent)
    assert ids.success, ids.data
    assert sorted(ids.content) == ["bookmark", "note"]
    assert remote.retrieve_state_ids(ACTIVITY, agent, since="2999-01-01T00:00:00Z").content == []
    assert remote.delete_state(note).success
    assert remote.retrieve_state_ids(ACTIVITY, agent).content == ["bookmark"]
    assert remote.clear_state(ACTIVITY, agent).success
    assert remote.retrieve_state_ids(ACTIVITY, agent).content == []
    gone = remote.retrieve_state(ACTIVITY, agent, "bookmark")
    assert gone.response.status == 404

    # Activity Profile: a second PUT needs the document's ETag (409 without, 412 stale).
    # ASCII: tincan hands http.client a str body, which it encodes as ISO-8859-1, so
    # Vietnamese letters would arrive as bytes that are not UTF-8 (and JSON is UTF-8).
    first = json.dumps({"terms": ["cong ham", "note verbale"]})
    glossary = ActivityProfileDocument(
        id="glossary", activity=ACTIVITY, content=first, content_type="application/json"
    )
    saved = remote.save_activity_profile(glossary)
    assert saved.success, (saved.response.status, saved.data)
    glossary.content = '{"terms": []}'
    blind = remote.save_activity_profile(glossary)
    assert blind.response.status == 409
    glossary.etag = etag(b"stale")
    assert remote.save_activity_profile(glossary).response.status == 412
    kept = remote.retrieve_activity_profile(ACTIVITY, "glossary")
    assert kept.content.content == first.encode()
    glossary.etag = etag(first.encode())
    assert remote.save_activity_profile(glossary).success
    assert (
        remote.retrieve_activity_profile(ACTIVITY, "glossary").content.content == b'{"terms": []}'
    )
    assert remote.retrieve_activity_profile_ids(ACTIVITY).content == ["glossary"]
    glossary.etag = etag(b'{"terms": []}')
    assert remote.delete_activity_profile(glossary).success
    assert remote.retrieve_activity_profile_ids(ACTIVITY).content == []

    # Agent Profile: the same, for the learner's own preferences.
    preferences = AgentProfileDocument(
        id="preferences", agent=agent, content="vi", content_type="text/plain"
    )
    assert remote.save_agent_profile(preferences).success
    read = remote.retrieve_agent_profile(agent, "preferences")
    assert read.success, read.data
    assert read.content.content == b"vi"
    assert read.response.getheader("Content-Type").startswith("text/plain")
    preferences.content = "en"
    assert remote.save_agent_profile(preferences).response.status == 409
    preferences.etag = etag(b"vi")
    assert remote.save_agent_profile(preferences).success
    assert remote.retrieve_agent_profile(agent, "preferences").content.content == b"en"
    assert remote.retrieve_agent_profile_ids(agent).content == ["preferences"]
    preferences.etag = None
    assert remote.delete_agent_profile(preferences).success
    assert remote.retrieve_agent_profile_ids(agent).content == []
