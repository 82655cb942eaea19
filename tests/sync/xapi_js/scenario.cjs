// Drives the server's /xapi with @xapi/xapi (npm), an xAPI client nobody here wrote,
// and prints what it saw as one JSON object: for each step either {ok: true, value}
// or {ok: false, status, code}. tests/sync/test_xapi_js_client.py runs it under node
// against a live server and judges the results; this script judges nothing itself.
//
// Environment: XAPI_JS_MODULE (the installed @xapi/xapi), LRS_ENDPOINT (…/xapi/),
// LRS_KEY, LRS_SECRET, PROFILE_ID (a Học Vụ Số profile bound to a learner).
"use strict";

const XAPI = require(process.env.XAPI_JS_MODULE);

const xapi = new XAPI({
  endpoint: process.env.LRS_ENDPOINT,
  auth: XAPI.toBasicAuth(process.env.LRS_KEY, process.env.LRS_SECRET),
  version: "1.0.3",
  adapter: "axios",
});

const ACTIVITY = "http://example.org/js/course/consular-basics";
const OTHER_ACTIVITY = "http://example.org/js/course/protocol";
const learner = {
  objectType: "Agent",
  account: { homePage: "urn:hocvu:profile", name: process.env.PROFILE_ID },
};
const visitor = { objectType: "Agent", name: "JS Visitor", mbox: "mailto:visitor@example.org" };
const out = {};

async function step(name, run) {
  try {
    out[name] = { ok: true, value: await run() };
  } catch (error) {
    const response = error.response || {};
    out[name] = {
      ok: false,
      status: response.status || null,
      code: (response.data && response.data.code) || null,
      message: String(error.message),
    };
  }
}

function statement(actor, verb, activityId, name) {
  return {
    actor,
    verb,
    object: {
      objectType: "Activity",
      id: activityId,
      definition: { name: { "en-US": name }, type: "http://adlnet.gov/expapi/activities/course" },
    },
  };
}

async function main() {
  await step("about", async () => (await xapi.getAbout()).data.version);

  // Statements
  await step("send_one", async () => {
    const s = statement(learner, XAPI.Verbs.COMPLETED, ACTIVITY, "Consular basics");
    return (await xapi.sendStatement({ statement: s })).data;
  });
  await step("send_many", async () => {
    const batch = [
      statement(visitor, XAPI.Verbs.PROGRESSED, OTHER_ACTIVITY, "Protocol"),
      statement(visitor, XAPI.Verbs.PASSED, ACTIVITY, "Consular basics (2027)"),
      statement(visitor, XAPI.Verbs.ANSWERED, OTHER_ACTIVITY, "Protocol"),
    ];
    return (await xapi.sendStatements({ statements: batch })).data;
  });
  const firstId = out.send_one.ok ? out.send_one.value[0] : null;
  await step("get_one", async () => (await xapi.getStatement({ statementId: firstId })).data);
  await step("page", async () => {
    const ids = [];
    let page = (await xapi.getStatements({ limit: 2 })).data;
    ids.push(...page.statements.map((s) => s.id));
    let pages = 1;
    while (page.more) {
      page = (await xapi.getMoreStatements({ more: page.more })).data;
      ids.push(...page.statements.map((s) => s.id));
      pages += 1;
    }
    return { ids, pages };
  });
  const ids = async (params) => (await xapi.getStatements(params)).data.statements.map((s) => s.id);
  await step("by_verb", () => ids({ verb: XAPI.Verbs.PASSED.id }));
  await step("by_activity", () => ids({ activity: ACTIVITY }));
  await step("by_agent", () => ids({ agent: visitor }));
  await step("void", async () => (await xapi.voidStatement({ actor: learner, statementId: firstId })).data);
  await step("get_voided", async () => (await xapi.getVoidedStatement({ voidedStatementId: firstId })).data.id);
  await step("get_after_voiding", async () => (await xapi.getStatement({ statementId: firstId })).data.id);

  // State
  const where = { agent: learner, activityId: ACTIVITY };
  await step("state_put", async () => {
    await xapi.setState({ ...where, stateId: "bookmark", state: { page: 3, seen: ["intro"], title: "Công hàm" } });
    return (await xapi.getState({ ...where, stateId: "bookmark" })).data;
  });
  await step("state_post_merges", async () => {
    await xapi.createState({ ...where, stateId: "bookmark", state: { page: 4, score: 0.5 } });
    return (await xapi.getState({ ...where, stateId: "bookmark" })).data;
  });
  await step("state_text", async () => {
    await xapi.setState({ ...where, stateId: "note", state: "plain words", contentType: "text/plain" });
    const got = await xapi.getState({ ...where, stateId: "note" });
    return { data: got.data, type: got.headers["content-type"], etag: got.headers.etag };
  });
  await step("state_ids", async () => (await xapi.getStates(where)).data);
  await step("state_stale_if_match", async () =>
    xapi.setState({ ...where, stateId: "bookmark", state: {}, etag: '"0000"', matchHeader: "If-Match" }),
  );
  await step("state_delete_one", async () => {
    await xapi.deleteState({ ...where, stateId: "note" });
    return (await xapi.getStates(where)).data;
  });
  await step("state_delete_all", async () => {
    await xapi.deleteStates(where);
    return (await xapi.getStates(where)).data;
  });

  // Activity Profile, with ETag preconditions
  const profile = { activityId: ACTIVITY, profileId: "glossary" };
  await step("activity_profile_create", async () => {
    await xapi.setActivityProfile({ ...profile, profile: { terms: 1 }, etag: "*", matchHeader: "If-None-Match" });
    const got = await xapi.getActivityProfile(profile);
    return { data: got.data, etag: got.headers.etag };
  });
  const firstTag = out.activity_profile_create.ok ? out.activity_profile_create.value.etag : '"none"';
  await step("activity_profile_create_again", async () =>
    xapi.setActivityProfile({ ...profile, profile: { terms: 9 }, etag: "*", matchHeader: "If-None-Match" }),
  );
  await step("activity_profile_replace", async () => {
    await xapi.setActivityProfile({ ...profile, profile: { terms: 2 }, etag: firstTag, matchHeader: "If-Match" });
    const got = await xapi.getActivityProfile(profile);
    return { data: got.data, etag: got.headers.etag };
  });
  await step("activity_profile_stale", async () =>
    xapi.setActivityProfile({ ...profile, profile: { terms: 3 }, etag: firstTag, matchHeader: "If-Match" }),
  );
  await step("activity_profile_merge", async () => {
    await xapi.createActivityProfile({ ...profile, profile: { owner: "ministry" } });
    return (await xapi.getActivityProfile(profile)).data;
  });
  await step("activity_profile_ids", async () => (await xapi.getActivityProfiles({ activityId: ACTIVITY })).data);
  await step("activity_profile_delete_stale", async () =>
    xapi.deleteActivityProfile({ ...profile, etag: firstTag }),
  );
  await step("activity_profile_delete", async () => {
    await xapi.deleteActivityProfile(profile);
    return (await xapi.getActivityProfiles({ activityId: ACTIVITY })).data;
  });

  // Agent Profile, with ETag preconditions
  const mine = { agent: visitor, profileId: "preferences" };
  await step("agent_profile_create", async () => {
    await xapi.setAgentProfile({ ...mine, profile: { language: "vi" }, etag: "*", matchHeader: "If-None-Match" });
    const got = await xapi.getAgentProfile(mine);
    return { data: got.data, etag: got.headers.etag };
  });
  const agentTag = out.agent_profile_create.ok ? out.agent_profile_create.value.etag : '"none"';
  await step("agent_profile_replace", async () => {
    await xapi.setAgentProfile({ ...mine, profile: { language: "en" }, etag: agentTag, matchHeader: "If-Match" });
    return (await xapi.getAgentProfile(mine)).data;
  });
  await step("agent_profile_stale", async () =>
    xapi.setAgentProfile({ ...mine, profile: { language: "fr" }, etag: agentTag, matchHeader: "If-Match" }),
  );
  await step("agent_profile_merge", async () => {
    await xapi.createAgentProfile({ ...mine, profile: { theme: "dark" } });
    return (await xapi.getAgentProfile(mine)).data;
  });
  await step("agent_profile_ids", async () => (await xapi.getAgentProfiles({ agent: visitor })).data);
  await step("agent_profile_delete", async () => {
    await xapi.deleteAgentProfile(mine);
    return (await xapi.getAgentProfiles({ agent: visitor })).data;
  });

  // Activities and Agents
  await step("activity", async () => (await xapi.getActivity({ activityId: ACTIVITY })).data);
  await step("agent", async () => (await xapi.getAgent({ agent: learner })).data);

  process.stdout.write(JSON.stringify(out));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
