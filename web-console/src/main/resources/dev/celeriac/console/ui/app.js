// Celeriac console UI. Plain JavaScript, no build. Every piece of data reaches the page through
// textContent (the el() helper), never innerHTML, so task names, arguments, results and errors
// are shown as text whatever they contain.
"use strict";

const STATES = ["PENDING", "SCHEDULED", "STARTED", "RETRYING", "TIMED_OUT", "SUCCEEDED", "FAILED",
  "REVOKED", "EXPIRED", "DEAD"];
const RETRYABLE = ["FAILED", "DEAD", "REVOKED", "EXPIRED"];
const main = document.getElementById("main");
const listeners = { task: [], stats: [] };
let latestStats = null;
let renderToken = 0;

// ---- DOM helpers -------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function badge(state) { return el("span", { class: "badge s-" + state }, state); }
function time(iso) { return iso ? new Date(iso).toLocaleString() : "—"; }
function ago(iso) {
  if (!iso) return "—";
  const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (s < 60) return Math.max(s, 0) + "s ago";
  if (s < 3600) return Math.round(s / 60) + "m ago";
  return Math.round(s / 3600) + "h ago";
}
function ms(value) { return value === null || value === undefined ? "—" : value < 1000 ? value + " ms" : (value / 1000).toFixed(2) + " s"; }
function pretty(json) { return json === undefined ? "" : JSON.stringify(json, null, 2); }
function table(headers, rows, emptyText) {
  return el("table", {},
    el("thead", {}, el("tr", {}, headers.map(h => el("th", {}, h)))),
    el("tbody", {}, rows.length ? rows : el("tr", {}, el("td", { colspan: headers.length, class: "empty" }, emptyText))));
}
function panel(title, ...content) { return el("section", { class: "panel" }, title ? el("h2", {}, title) : null, content); }

function banner(text, isError) {
  const b = document.getElementById("banner");
  b.hidden = !text;
  b.className = "banner" + (isError ? " error" : "");
  b.textContent = text || "";
}

// ---- API -----------------------------------------------------------------------------------

function token() { return sessionStorage.getItem("celeriac-token"); }

async function api(method, path, body) {
  const headers = { "Accept": "application/json" };
  if (token()) headers["Authorization"] = "Bearer " + token();
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (response.status === 401) {
    banner("This console needs a token. Click “Token” (top right) to sign in.", true);
  }
  if (!response.ok) {
    const error = new Error((data && data.error) || response.statusText);
    error.status = response.status;
    error.field = data && data.field;
    throw error;
  }
  return data;
}

async function act(method, path, body, done) {
  try {
    const result = await api(method, path, body);
    banner("");
    if (done) done(result);
  } catch (e) {
    banner((e.field ? e.field + ": " : "") + e.message, true);
  }
}

// ---- live events (SSE read through fetch so the Authorization header can be sent) ---------

async function connectEvents() {
  const live = document.getElementById("live");
  for (;;) {
    try {
      const headers = { "Accept": "text/event-stream" };
      if (token()) headers["Authorization"] = "Bearer " + token();
      const response = await fetch("/events", { headers });
      if (!response.ok) throw new Error("events: " + response.status);
      live.textContent = "live"; live.classList.add("on");
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (e) { /* reconnect below */ }
    live.textContent = "reconnecting…"; live.classList.remove("on");
    await new Promise(r => setTimeout(r, 2000));
  }
}

function dispatch(block) {
  let event = "message", data = "";
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) event = line.slice(6).trim();
    else if (line.startsWith("data:")) data += line.slice(5).trim();
  }
  if (!data || !listeners[event]) return;
  const payload = JSON.parse(data);
  if (event === "stats") latestStats = payload;
  listeners[event].forEach(fn => fn(payload));
}

function on(event, fn, mine) {
  const wrapped = p => { if (mine === renderToken) fn(p); };
  listeners[event].push(wrapped);
}

// ---- pages ---------------------------------------------------------------------------------

const pages = {
  "overview": renderOverview, "tasks": renderTasks, "task": renderTask, "workers": renderWorkers,
  "queues": renderQueues, "schedules": renderSchedules, "dead-letters": renderDeadLetters,
};

function route() {
  const [page, arg] = location.hash.replace(/^#\/?/, "").split("/");
  const name = pages[page] ? page : "overview";
  renderToken++;
  listeners.task = []; listeners.stats = [];
  for (const a of document.querySelectorAll("#nav a")) {
    a.classList.toggle("active", a.dataset.page === name || (name === "task" && a.dataset.page === "tasks"));
  }
  main.replaceChildren();
  delete main.dataset.ready;
  pages[name](renderToken, arg ? decodeURIComponent(arg) : undefined).catch(e => banner(e.message, true));
}

function taskRow(t) {
  return el("tr", { dataset: { taskId: t.id } },
    el("td", { class: "mono" }, el("a", { href: "#/task/" + t.id }, t.id.slice(0, 8) + "…" + t.id.slice(-4))),
    el("td", { class: "wrap" }, t.name),
    el("td", {}, t.queue),
    el("td", { class: "task-state" }, badge(t.state)),
    el("td", {}, t.attempts),
    el("td", { class: "muted" }, time(t.submittedAt)),
    el("td", { class: "wrap muted" }, t.error || ""));
}
const TASK_HEADERS = ["Id", "Task", "Queue", "State", "Tries", "Submitted", "Error"];

async function renderOverview(mine) {
  const cards = el("div", { class: "cards", id: "state-counts" });
  const chart = el("div", { id: "throughput" });
  const kpis = el("div", { class: "kpis" });
  const recentBody = el("tbody", { id: "recent-tasks" });
  const workersBox = el("div");
  main.append(
    el("h1", {}, "Overview"), cards,
    el("div", { class: "grid two" },
      panel("Throughput, tasks finished per minute (last 15 minutes)", chart, kpis),
      panel("Workers", workersBox)),
    panel("Latest tasks", el("table", {}, el("thead", {}, el("tr", {}, TASK_HEADERS.map(h => el("th", {}, h)))), recentBody)));

  const drawStats = stats => {
    cards.replaceChildren(...STATES.map(s => el("div", { class: "card", dataset: { state: s } },
      el("div", { class: "label" }, s.replace("_", " ").toLowerCase()), el("div", { class: "value" + (stats.counts[s] > 0 ? " nonzero" : "") }, stats.counts[s]))));
    chart.replaceChildren(throughputChart(stats.perMinute));
    kpis.replaceChildren(
      el("span", {}, "now ", el("b", {}, stats.perSecondThisMinute.toFixed(2)), " /s"),
      el("span", {}, "p50 ", el("b", {}, ms(stats.durationMs.p50))),
      el("span", {}, "p95 ", el("b", {}, ms(stats.durationMs.p95))),
      el("span", {}, "p99 ", el("b", {}, ms(stats.durationMs.p99))));
  };
  const drawWorkers = async () => {
    const { workers } = await api("GET", "/api/v1/workers");
    workersBox.replaceChildren(table(["Worker", "In flight", "Heartbeat"], workers.map(w => el("tr", {},
      el("td", { class: "wrap" }, w.workerId, el("div", { class: "muted" }, w.host)),
      el("td", {}, w.inFlight + " / " + w.concurrency),
      el("td", {}, el("span", { class: "badge " + (w.stale ? "tag-stale" : "tag-live") }, w.stale ? "stale" : "live"), " ", ago(w.lastHeartbeat)))),
      "No worker has sent a heartbeat."));
  };
  // Listen before the first load, so a task announced while the page loads is not missed.
  on("stats", s => { drawStats(s); drawWorkers(); }, mine);
  on("task", t => {
    const existing = recentBody.querySelector(`tr[data-task-id="${CSS.escape(t.id)}"]`);
    const row = taskRow(t);
    row.classList.add("flash");
    if (existing) existing.replaceWith(row);
    else {
      recentBody.querySelector("tr.placeholder")?.remove();
      recentBody.prepend(row);
      while (recentBody.children.length > 15) recentBody.lastChild.remove();
    }
  }, mine);
  const page = await api("GET", "/api/v1/tasks?limit=15");
  if (mine !== renderToken) return;
  for (const t of page.tasks) {
    if (!recentBody.querySelector(`tr[data-task-id="${CSS.escape(t.id)}"]`)) recentBody.append(taskRow(t));
  }
  if (!recentBody.children.length) {
    recentBody.append(el("tr", { class: "placeholder" }, el("td", { colspan: 7, class: "empty" }, "No tasks yet.")));
  }
  drawStats(latestStats || await api("GET", "/api/v1/stats"));
  await drawWorkers();
  main.dataset.ready = "overview";
}

// The smallest of 4, 8, 20, 40, 80, 200, … that is at least value: four whole-number grid steps.
function niceCeiling(value) {
  for (let scale = 1; ; scale *= 10) {
    for (const step of [4, 8, 20]) if (step * scale >= value) return step * scale;
  }
}

function throughputChart(perMinute) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  const W = 640, H = 180, left = 34, bottom = 20, top = 8;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("class", "chart");
  svg.setAttribute("role", "img");
  const peak = Math.max(0, ...perMinute.map(m => m.succeeded + m.failed + m.other));
  const max = niceCeiling(peak);
  const node = (name, attrs, text) => {
    const n = document.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    svg.appendChild(n);
  };
  for (let i = 0; i <= 4; i++) {
    const y = top + (H - top - bottom) * i / 4;
    node("line", { x1: left, x2: W, y1: y, y2: y, class: "grid-line" });
    node("text", { x: left - 6, y: y + 3, "text-anchor": "end", class: "axis" }, Math.round(max * (4 - i) / 4));
  }
  const slot = (W - left) / Math.max(1, perMinute.length);
  perMinute.forEach((m, i) => {
    const x = left + i * slot + slot * 0.15, w = slot * 0.7;
    let y = H - bottom;
    for (const [count, color] of [[m.succeeded, "#2f8f4e"], [m.failed, "#c2412d"], [m.other, "#8a948f"]]) {
      const h = (H - top - bottom) * count / max;
      if (h > 0) { node("rect", { x, y: y - h, width: w, height: h, rx: 2, fill: color }); y -= h; }
    }
    if (i % 3 === 0 || i === perMinute.length - 1) {
      const d = new Date(m.minute);
      node("text", { x: x + w / 2, y: H - 5, "text-anchor": "middle", class: "axis" },
        d.getHours().toString().padStart(2, "0") + ":" + d.getMinutes().toString().padStart(2, "0"));
    }
  });
  const legend = el("div", { class: "legend" },
    el("span", {}, el("i", { style: "background:#2f8f4e" }), "succeeded"),
    el("span", {}, el("i", { style: "background:#c2412d" }), "failed / dead"),
    el("span", {}, el("i", { style: "background:#8a948f" }), "revoked / expired"));
  return el("div", {}, svg, legend);
}

async function renderTasks(mine) {
  const params = new URLSearchParams(location.hash.split("?")[1] || "");
  const input = (name, label, type) => el("label", { class: "field" }, label,
    el("input", { name, type: type || "text", value: params.get(name) || "" }));
  const state = el("select", { name: "state" }, el("option", { value: "" }, "any"),
    STATES.map(s => el("option", { value: s, selected: params.get("state") === s }, s)));
  const body = el("tbody", { id: "task-rows" });
  const pager = el("div", { class: "pager" });
  const form = el("form", { class: "filters", id: "task-filters", onsubmit: e => {
      e.preventDefault();
      const data = new FormData(form);
      const q = (data.get("q") || "").trim();
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(q)) { location.hash = "#/task/" + q; return; }
      const next = new URLSearchParams();
      for (const [k, v] of data.entries()) if (v) next.set(k, k === "from" || k === "to" ? new Date(v).toISOString() : v);
      location.hash = "#/tasks?" + next.toString();
    } },
    el("label", { class: "field" }, "State", state), input("name", "Task name"), input("queue", "Queue"),
    input("q", "Search id or name"), el("button", { class: "primary", type: "submit" }, "Filter"));
  main.append(el("h1", {}, "Tasks"), el("section", { class: "panel" }, form,
    el("table", {}, el("thead", {}, el("tr", {}, TASK_HEADERS.map(h => el("th", {}, h)))), body), pager));
  const cursors = [];
  const load = async cursor => {
    const query = new URLSearchParams(params);
    query.set("limit", "25");
    if (cursor) query.set("cursor", cursor);
    const page = await api("GET", "/api/v1/tasks?" + query.toString());
    if (mine !== renderToken) return;
    body.replaceChildren(...(page.tasks.length ? page.tasks.map(taskRow) : [el("tr", {}, el("td", { colspan: 7, class: "empty" }, "No task matches."))]));
    pager.replaceChildren(
      el("button", { type: "button", disabled: cursors.length === 0, onclick: () => { cursors.pop(); load(cursors[cursors.length - 1]); } }, "← Newer"),
      el("button", { type: "button", id: "next-page", disabled: !page.next, onclick: () => { cursors.push(page.next); load(page.next); } }, "Older →"));
  };
  await load(null);
}

async function renderTask(mine, id) {
  const draw = async () => {
    let t;
    try { t = await api("GET", "/api/v1/tasks/" + encodeURIComponent(id)); }
    catch (e) { main.replaceChildren(el("h1", {}, "Task"), panel(null, el("p", { class: "empty" }, e.message))); return; }
    if (mine !== renderToken) return;
    // Re-render only on a change: keeps the reader's scroll position and text selection.
    const signature = [t.state, t.finishedAt, ...t.attemptHistory.map(a => a.outcome)].join("/");
    if (signature === shown) return;
    shown = signature;
    finished = ["SUCCEEDED", "FAILED", "REVOKED", "EXPIRED", "DEAD"].includes(t.state);
    // A revoked task's attempt may still be ending on its worker: keep reading until it has.
    settled = finished && t.attemptHistory.every(a => a.outcome);
    const buttons = el("div", { class: "actions" });
    if (RETRYABLE.includes(t.state)) buttons.append(el("button", { class: "primary", id: "retry-button", type: "button",
      onclick: () => act("POST", `/api/v1/tasks/${t.id}/retry`, undefined, r => { location.hash = "#/task/" + r.id; }) }, "Retry as new task"));
    if (!finished) buttons.append(el("button", { class: "danger", id: "revoke-button", type: "button",
      title: "Never run it; a running attempt may finish, its result is discarded",
      onclick: () => act("POST", `/api/v1/tasks/${t.id}/revoke`, { terminate: false }, draw) }, "Revoke"));
    // Terminate (Celery's revoke(terminate=True)) only means something while an attempt runs.
    if (t.state === "STARTED") buttons.append(el("button", { class: "danger", id: "terminate-button", type: "button",
      title: "Revoke and interrupt the running attempt (its worker stops it within about a second)",
      onclick: () => act("POST", `/api/v1/tasks/${t.id}/revoke`, { terminate: true }, draw) }, "Revoke and terminate"));
    const meta = el("dl", { class: "meta" });
    const row = (k, v) => meta.append(el("dt", {}, k), el("dd", {}, v));
    row("Id", el("span", { class: "mono" }, t.id)); row("Queue", t.queue); row("Priority", t.priority);
    row("Submitted", time(t.submittedAt)); row("Started", time(t.startedAt)); row("Finished", time(t.finishedAt));
    row("Worker", t.workerId || "—");
    if (t.headers && t.headers.retryOf) row("Retry of", el("a", { href: "#/task/" + t.headers.retryOf, class: "mono" }, t.headers.retryOf));
    const timeline = el("ul", { class: "timeline", id: "attempts" });
    const longest = Math.max(1, ...t.attemptHistory.map(a => a.durationMs || 0));
    for (const a of t.attemptHistory) {
      timeline.append(el("li", {},
        el("div", {}, el("b", {}, "#" + a.attempt), el("div", { class: "muted" }, ms(a.durationMs))),
        el("div", {}, a.outcome ? badge(a.outcome) : badge("STARTED"), " ", el("span", { class: "muted" }, time(a.startedAt) + " on " + a.workerId),
          el("div", { class: "bar " + (a.outcome || ""), style: `width:${Math.max(2, 100 * (a.durationMs || 0) / longest)}%` }),
          a.failure ? el("div", { class: "muted" }, a.failure.type + ": " + (a.failure.message || "")) : null)));
    }
    main.replaceChildren(
      el("h1", {}, el("span", { id: "task-name" }, t.name), el("span", { id: "task-state" }, badge(t.state)), buttons),
      el("div", { class: "grid two" },
        el("div", {},
          panel("Arguments", el("pre", { id: "task-args" }, pretty(t.args))),
          t.result !== null ? panel("Result", el("pre", { id: "task-result" }, pretty(t.result))) : null,
          t.failure ? panel("Failure", el("p", {}, el("b", {}, t.failure.type), ": ", t.failure.message || ""),
            el("pre", { class: "trace", id: "task-trace" }, t.failure.stackTrace || "(no stack trace)")) : null),
        el("div", {}, panel("Details", meta), panel("Attempts", t.attemptHistory.length ? timeline : el("p", { class: "empty" }, "Not started yet.")))));
  };
  // Listen before the first load; and while the task runs, re-read it at every stats tick, so a
  // change shows even if its event went by before this page was listening.
  let finished = false;
  let settled = false;
  let shown = null;
  on("task", t => { if (t.id === id) draw(); }, mine);
  on("stats", () => { if (!settled) draw(); }, mine);
  await draw();
}

async function renderWorkers(mine) {
  const box = el("div");
  main.append(el("h1", {}, "Workers"), panel(null, box));
  const draw = async () => {
    const { workers } = await api("GET", "/api/v1/workers");
    if (mine !== renderToken) return;
    box.replaceChildren(table(["Worker", "Host", "Queues", "Concurrency", "In flight", "Processed", "Failed", "Started", "Last heartbeat"],
      workers.map(w => el("tr", { dataset: { worker: w.workerId } }, el("td", { class: "wrap" }, w.workerId), el("td", {}, w.host + " (pid " + w.pid + ")"),
        el("td", {}, w.queues.join(", ")), el("td", {}, w.concurrency), el("td", {}, w.inFlight), el("td", {}, w.processed),
        el("td", {}, w.failed), el("td", { class: "muted" }, time(w.startedAt)),
        el("td", {}, el("span", { class: "badge " + (w.stale ? "tag-stale" : "tag-live") }, w.stale ? "stale" : "live"), " ", ago(w.lastHeartbeat)))),
      "No worker has sent a heartbeat."));
  };
  await draw();
  on("stats", draw, mine);
}

async function renderQueues(mine) {
  const box = el("div");
  main.append(el("h1", {}, "Queues"), panel(null, box),
    el("p", { class: "muted" }, "Rates over the last minute. On Kafka, waiting messages are those the share group has not acknowledged yet."));
  const draw = async () => {
    const { queues, depthSupported } = await api("GET", "/api/v1/queues");
    if (mine !== renderToken) return;
    const rate = r => r === null ? "n/a" : r === 0 ? "0" : r < 0.1 ? r.toFixed(3) : r.toFixed(1);
    const depth = q => q.depthError ? el("span", { class: "muted", title: q.depthError }, "unknown")
      : q.depth === null ? (depthSupported ? "no such queue" : "n/a") : q.depth;
    // Kafka answers per partition: the lag of each, where the group's unacknowledged records start.
    const lag = q => q.partitions.length === 0 ? el("span", { class: "muted" }, "—")
      : el("span", { class: "lag" }, ...q.partitions.map(p => el("span", { class: "partition",
          title: `partition ${p.partition}: offsets ${p.startOffset}..${p.endOffset}` }, `p${p.partition} ${p.lag}`)));
    box.replaceChildren(table(["Queue", "Waiting messages", "Lag per partition", "Submitted/s", "Completed/s", "Live workers", "Concurrency"],
      queues.map(q => el("tr", { dataset: { queue: q.name } }, el("td", {}, q.name),
        el("td", { class: "queue-depth" }, depth(q)), el("td", { class: "queue-lag" }, lag(q)),
        el("td", { class: "queue-submitted" }, rate(q.submittedPerSecond)), el("td", { class: "queue-completed" }, rate(q.completedPerSecond)),
        el("td", {}, q.workers), el("td", {}, q.concurrency))), "No queues."));
  };
  await draw();
  on("stats", draw, mine);
}

async function renderSchedules(mine) {
  const box = el("div");
  const form = el("form", { class: "filters", id: "schedule-form", onsubmit: e => {
      e.preventDefault();
      const d = new FormData(form);
      let args;
      try { args = JSON.parse(d.get("args") || "[]"); } catch (err) { banner("args: not valid JSON", true); return; }
      act("POST", "/api/v1/schedules", { name: d.get("name"), task: d.get("task"), cron: d.get("cron"), zone: d.get("zone") || "UTC", args }, () => { form.reset(); draw(); });
    } },
    el("label", { class: "field" }, "Name", el("input", { name: "name", required: true })),
    el("label", { class: "field" }, "Task", el("input", { name: "task", required: true })),
    el("label", { class: "field" }, "Cron (sec min hour dom mon dow)", el("input", { name: "cron", required: true, placeholder: "0 */5 * * * *" })),
    el("label", { class: "field" }, "Zone", el("input", { name: "zone", placeholder: "UTC" })),
    el("label", { class: "field" }, "Args (JSON array)", el("input", { name: "args", placeholder: "[]" })),
    el("button", { class: "primary", type: "submit" }, "Create"));
  main.append(el("h1", {}, "Schedules"), panel(null, box), panel("New schedule", form));
  const draw = async () => {
    let schedules;
    try { ({ schedules } = await api("GET", "/api/v1/schedules")); }
    catch (e) { box.replaceChildren(el("p", { class: "empty" }, e.message)); return; }
    if (mine !== renderToken) return;
    box.replaceChildren(table(["Name", "Task", "Cron", "Next fire", "Last fire", "State", ""],
      schedules.map(s => el("tr", { dataset: { schedule: s.name } }, el("td", { class: "wrap" }, s.name), el("td", { class: "wrap" }, s.task),
        el("td", { class: "mono" }, s.cron + " " + s.zone), el("td", {}, s.paused ? "—" : time(s.nextFireTime)), el("td", { class: "muted" }, time(s.lastFireTime)),
        el("td", { class: "schedule-state" }, el("span", { class: "badge " + (s.paused ? "s-REVOKED" : "s-SUCCEEDED") }, s.paused ? "paused" : "active")),
        el("td", {}, el("div", { class: "actions" },
          s.paused ? el("button", { type: "button", class: "resume", onclick: () => act("POST", `/api/v1/schedules/${encodeURIComponent(s.name)}/resume`, undefined, draw) }, "Resume")
                   : el("button", { type: "button", class: "pause", onclick: () => act("POST", `/api/v1/schedules/${encodeURIComponent(s.name)}/pause`, undefined, draw) }, "Pause"),
          el("button", { type: "button", class: "run", onclick: () => act("POST", `/api/v1/schedules/${encodeURIComponent(s.name)}/run`, undefined, r => { location.hash = "#/task/" + r.id; }) }, "Run now"),
          el("button", { type: "button", class: "danger delete", onclick: () => { if (confirm("Delete schedule " + s.name + "?")) act("DELETE", `/api/v1/schedules/${encodeURIComponent(s.name)}`, undefined, draw); } }, "Delete"))))),
      "No schedules."));
  };
  await draw();
}

async function renderDeadLetters(mine) {
  const box = el("div");
  main.append(el("h1", {}, "Dead letters"), panel(null, box));
  const draw = async () => {
    let deadLetters;
    try { ({ deadLetters } = await api("GET", "/api/v1/dead-letters")); }
    catch (e) { box.replaceChildren(el("p", { class: "empty" }, e.message)); return; }
    if (mine !== renderToken) return;
    box.replaceChildren(table(["#", "Task", "Queue", "Reason", "Deliveries", "At", ""],
      deadLetters.map(d => el("tr", { dataset: { deadLetter: d.id } }, el("td", {}, d.id),
        el("td", { class: "mono" }, d.taskId ? el("a", { href: "#/task/" + d.taskId }, d.taskId.slice(0, 8) + "…") : "—"),
        el("td", {}, d.queue), el("td", { class: "wrap" }, d.reason, el("details", {}, el("summary", { class: "muted" }, d.bodyBytes + " bytes"), el("pre", {}, d.bodyPreview))),
        el("td", {}, d.deliveryCount), el("td", { class: "muted" }, time(d.at)),
        el("td", {}, el("div", { class: "actions" },
          el("button", { type: "button", class: "primary redrive", onclick: () => act("POST", `/api/v1/dead-letters/${d.id}/redrive`, undefined, draw) }, "Re-drive"),
          el("button", { type: "button", class: "danger discard", onclick: () => act("DELETE", `/api/v1/dead-letters/${d.id}`, undefined, draw) }, "Discard"))))),
      "No dead letters. Nice."));
  };
  await draw();
}

// ---- start ---------------------------------------------------------------------------------

document.getElementById("token-button").addEventListener("click", () => {
  const value = prompt("Console token (kept for this browser tab only):", "");
  if (value === null) return;
  if (value.trim()) sessionStorage.setItem("celeriac-token", value.trim());
  else sessionStorage.removeItem("celeriac-token");
  banner("");
  route();
});
window.addEventListener("hashchange", route);
route();
connectEvents();
