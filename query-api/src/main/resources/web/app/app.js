// Omnify dashboard: plain JavaScript over the query API (same origin, session cookie + CSRF header on writes).
// Charts are uPlot (served from the webjar). Features of other modules (alerts, actions, brain, connections, sync)
// are used when the server has them; a 404 shows what is missing instead of failing.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const state = { me: null, from: null, to: null, stream: null, charts: {}, currency: 'USD', sync: null };
  const TOUR_KEY = 'omnify.tour.done';

  // ------------------------------------------------------------------ HTTP
  function csrf() {
    const m = document.cookie.match(/(?:^|; )omnify_csrf=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : state.csrfToken;
  }

  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') { const t = csrf(); if (t) headers['X-CSRF-Token'] = t; }
    const r = await fetch(path, { method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) });
    const type = r.headers.get('content-type') || '';
    const json = type.startsWith('application/json') ? await r.json() : null;
    if (!r.ok) {
      const e = new Error(json && json.error ? json.error.message : 'HTTP ' + r.status);
      e.status = r.status; e.code = json && json.error ? json.error.code : null;
      throw e;
    }
    return json;
  }

  /** A GET of a feature that may not exist on this server: null on 404/405. */
  async function optional(path) {
    try { return await api('GET', path); } catch (e) {
      if (e.status === 404 || e.status === 405 || e.status === 501) return null;
      throw e;
    }
  }

  /** Every item of a list, following `next` (bounded). */
  async function all(path, maxPages) {
    const items = [];
    let cursor = null;
    for (let page = 0; page < (maxPages || 20); page++) {
      const sep = path.includes('?') ? '&' : '?';
      const res = await api('GET', path + (cursor ? sep + 'cursor=' + encodeURIComponent(cursor) : ''));
      items.push(...res.items);
      if (!res.next) break;
      cursor = res.next;
    }
    return items;
  }

  // ------------------------------------------------------------------ formatting
  const num = (v) => (v === null || v === undefined ? 0 : Number(v));
  function money(v) {
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency: state.currency,
        maximumFractionDigits: Math.abs(v) >= 1000 ? 0 : 2 }).format(v);
    } catch (e) { return v.toFixed(2) + ' ' + state.currency; }
  }
  const ratio = (a, b) => (b ? a / b : null);
  const fmtRatio = (v) => (v === null || !isFinite(v) ? '–' : v.toFixed(2));
  const fmtInt = (v) => new Intl.NumberFormat().format(Math.round(v));
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => { if (k === 'class') e.className = v; else e.setAttribute(k, v); });
    children.forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(c === null || c === undefined ? '' : String(c))));
    return e;
  }
  function toast(text) {
    const t = $('toast'); t.textContent = text; t.hidden = false;
    clearTimeout(toast.timer); toast.timer = setTimeout(() => { t.hidden = true; }, 4000);
  }
  const isoDay = (d) => d.toISOString().slice(0, 10);

  // ------------------------------------------------------------------ signed out
  const SIGNIN_ERRORS = {
    no_account: 'There is no Omnify account with that email: sign up, or ask your admin for an invite.',
    unverified_email: 'The provider did not confirm your email address.',
    state: 'That sign-in expired or was started elsewhere: try again.',
    denied: 'The sign-in was cancelled.', invalid: 'The sign-in could not be verified: try again.',
  };
  function showAuth() {
    $('main').hidden = true; $('auth').hidden = false; $('tour').hidden = true;
    if (state.stream) { state.stream.close(); state.stream = null; }
    const err = location.hash.match(/signin_error=([a-z_]+)/);
    if (err) { $('login-error').textContent = SIGNIN_ERRORS[err[1]] || 'The sign-in failed.'; history.replaceState(null, '', '/app/'); }
    api('GET', '/api/v1/auth/providers').then((p) => { $('oidc-login').hidden = !p.oidc; }).catch(() => {});
    const invite = inviteToken();
    if (invite) { selectTab('signup'); $('signup-org-fields').hidden = true; $('signup-invite-note').hidden = false; }
  }
  function inviteToken() {
    const m = location.hash.match(/invite=([A-Za-z0-9_-]+)/);
    return m ? m[1] : null;
  }
  function selectTab(which) {
    $('tab-login').classList.toggle('active', which === 'login');
    $('tab-signup').classList.toggle('active', which === 'signup');
    $('login-form').hidden = which !== 'login';
    $('signup-form').hidden = which !== 'signup';
  }
  $('tab-login').onclick = () => selectTab('login');
  $('tab-signup').onclick = () => selectTab('signup');

  $('login-form').onsubmit = async (ev) => {
    ev.preventDefault();
    $('login-error').textContent = '';
    try {
      const s = await api('POST', '/api/v1/auth/login', { email: $('login-email').value, password: $('login-password').value });
      state.csrfToken = s.csrfToken;
      if (inviteToken()) await acceptInvite();
      await boot();
    } catch (e) { $('login-error').textContent = e.message; }
  };
  $('signup-form').onsubmit = async (ev) => {
    ev.preventDefault();
    $('signup-error').textContent = '';
    const body = { email: $('signup-email').value, password: $('signup-password').value };
    const invite = inviteToken();
    if (invite) body.inviteToken = invite;
    else Object.assign(body, { organization: $('signup-org').value, currency: $('signup-currency').value,
      timeZone: $('signup-zone').value });
    try {
      const s = await api('POST', '/api/v1/auth/signup', body);
      state.csrfToken = s.csrfToken;
      history.replaceState(null, '', '/app/');
      await boot();
    } catch (e) { $('signup-error').textContent = e.message; }
  };
  async function acceptInvite() {
    try { await api('POST', '/api/v1/invites/accept', { token: inviteToken() }); } catch (e) { toast(e.message); }
    history.replaceState(null, '', '/app/');
  }

  // ------------------------------------------------------------------ signed in
  async function boot() {
    let me;
    try { me = await api('GET', '/api/v1/me'); } catch (e) {
      if (e.status === 401) { showAuth(); return; }
      throw e;
    }
    state.me = me;
    state.currency = me.organization.currency;
    $('auth').hidden = true; $('main').hidden = false;
    $('who').textContent = (me.user ? me.user.email : 'API key') + (me.role ? ' · ' + me.role : '');
    $('team-card').hidden = !me.scopes.includes('admin');
    if (!state.to) setRange(30);
    await loadOrgs();
    await refresh();
    connectAlerts();
    if (!localStorage.getItem(TOUR_KEY)) startTour();
  }

  async function loadOrgs() {
    const orgs = await api('GET', '/api/v1/orgs');
    const sel = $('org-switch');
    sel.innerHTML = '';
    orgs.items.forEach((o) => {
      const opt = el('option', { value: o.id }, o.name);
      if (o.current) opt.selected = true;
      sel.append(opt);
    });
    sel.hidden = orgs.items.length < 2;
  }
  $('org-switch').onchange = async () => {
    await api('POST', '/api/v1/auth/switch', { orgId: $('org-switch').value });
    location.reload();
  };
  $('logout').onclick = async () => {
    try { await api('POST', '/api/v1/auth/logout'); } catch (e) { /* the session may be gone already */ }
    showAuth();
  };

  function setRange(days) {
    const to = new Date();
    const from = new Date(to.getTime() - (days - 1) * 86400000);
    $('from').value = isoDay(from); $('to').value = isoDay(to);
    readRange();
  }
  function readRange() {
    state.from = $('from').value; state.to = $('to').value;
    const q = 'from=' + state.from + '&to=' + state.to;
    $('export-pdf').href = '/api/v1/reports/summary.pdf?' + q;
    $('export-csv').href = '/api/v1/reports/metrics.csv?' + q;
  }
  document.querySelectorAll('.presets button').forEach((b) => {
    b.onclick = () => { setRange(Number(b.dataset.days)); refresh(); };
  });
  $('from').onchange = $('to').onchange = () => { readRange(); refresh(); };

  async function refresh() {
    const q = 'from=' + state.from + '&to=' + state.to;
    const tasks = [
      loadMetrics(q).catch((e) => toast('metrics: ' + e.message)),
      loadBrain().catch((e) => toast('brain: ' + e.message)),
      loadAlerts().catch((e) => toast('alerts: ' + e.message)),
      loadActions().catch((e) => toast('actions: ' + e.message)),
    ];
    if (state.me.scopes.includes('admin')) tasks.push(loadTeam().catch((e) => toast('team: ' + e.message)));
    await Promise.all(tasks);
  }

  // ------------------------------------------------------------------ metrics
  async function loadMetrics(q) {
    const [orgDays, daily, channels, creativeDays, creatives] = await Promise.all([
      all('/api/v1/metrics/org-daily?' + q + '&limit=5000'),
      all('/api/v1/metrics/daily?' + q + '&limit=5000'),
      all('/api/v1/channels?limit=5000'),
      all('/api/v1/metrics/daily?level=creative&' + q + '&limit=5000', 10),
      all('/api/v1/creatives?limit=5000'),
    ]);
    renderKpis(orgDays, daily);
    renderCharts(orgDays, daily);
    renderChannels(channels, daily);
    state.channels = channels;
    if (state.brain) renderBrain(state.brain); // with the channels' names
    renderCreatives(creatives, creativeDays);
    const empty = channels.length === 0 && orgDays.length === 0;
    $('onboarding').hidden = !empty;
    if (empty) startSyncPolling(); else stopSyncPolling();
  }

  function renderKpis(orgDays, daily) {
    const sum = (rows, f) => rows.reduce((a, r) => a + num(r[f]), 0);
    const spend = sum(daily, 'spend');
    const value = sum(daily, 'conversionValue');
    const store = sum(orgDays, 'storeRevenue');
    const orders = sum(orgDays, 'orders');
    const conversions = sum(daily, 'conversions');
    const attributed = sum(daily, 'attributedRevenue');
    const cards = [
      ['Ad spend', money(spend)], ['Store revenue', money(store)], ['Blended MER', fmtRatio(ratio(store, spend))],
      ['Platform ROAS', fmtRatio(ratio(value, spend))], ['Attributed revenue', money(attributed)],
      ['Orders', fmtInt(orders)], ['Conversions', fmtInt(conversions)],
      ['CPA', conversions ? money(spend / conversions) : '–'],
    ];
    const box = $('kpis');
    box.innerHTML = '';
    cards.forEach(([label, value]) => box.append(el('div', { class: 'kpi', 'data-kpi': label },
      el('div', { class: 'label' }, label), el('div', { class: 'value' }, value))));
  }

  function byDate(rows, fields) {
    const m = new Map();
    rows.forEach((r) => {
      const acc = m.get(r.date) || Object.fromEntries(fields.map((f) => [f, 0]));
      fields.forEach((f) => { acc[f] += num(r[f]); });
      m.set(r.date, acc);
    });
    return m;
  }

  function renderCharts(orgDays, daily) {
    const days = [];
    for (let d = new Date(state.from + 'T00:00:00Z'); isoDay(d) <= state.to; d = new Date(d.getTime() + 86400000)) {
      days.push(isoDay(d));
    }
    const org = byDate(orgDays, ['spend', 'storeRevenue', 'conversionValue']);
    const ch = byDate(daily, ['spend', 'conversionValue']);
    const xs = days.map((d) => Date.parse(d + 'T00:00:00Z') / 1000);
    const spend = days.map((d) => (ch.has(d) ? ch.get(d).spend : org.has(d) ? org.get(d).spend : null));
    const store = days.map((d) => (org.has(d) ? org.get(d).storeRevenue : null));
    const value = days.map((d) => (ch.has(d) ? ch.get(d).conversionValue : null));
    const roas = days.map((d, i) => (spend[i] ? value[i] / spend[i] : null));
    const mer = days.map((d, i) => (spend[i] && store[i] !== null ? store[i] / spend[i] : null));
    drawChart('chart-trend', [xs, spend, store, value], [
      { label: 'Ad spend', stroke: '#d94f2b', width: 2 }, { label: 'Store revenue', stroke: '#1f6fb2', width: 2 },
      { label: 'Conversion value', stroke: '#8a6fc2', width: 1, dash: [4, 4] }]);
    drawChart('chart-ratio', [xs, roas, mer], [
      { label: 'ROAS', stroke: '#2e7d32', width: 2 }, { label: 'MER', stroke: '#1f6fb2', width: 2 }]);
  }

  function drawChart(id, data, series) {
    const box = $(id);
    if (state.charts[id]) { state.charts[id].destroy(); }
    box.innerHTML = '';
    const width = Math.max(260, box.clientWidth || 300);
    const opts = { width, height: 240, series: [{}].concat(series.map((s) => Object.assign({ spanGaps: true }, s))),
      axes: [{}, { size: 60 }], legend: { show: true } };
    state.charts[id] = new uPlot(opts, data, box);
    box.dataset.points = String(data[1].filter((v) => v !== null).length);
  }
  window.addEventListener('resize', () => {
    Object.entries(state.charts).forEach(([id, c]) => c.setSize({ width: Math.max(260, $(id).clientWidth), height: 240 }));
  });

  function renderChannels(channels, daily) {
    const totals = new Map();
    daily.forEach((r) => {
      const t = totals.get(r.channelId) || { spend: 0, value: 0, conversions: 0 };
      t.spend += num(r.spend); t.value += num(r.conversionValue); t.conversions += num(r.conversions);
      totals.set(r.channelId, t);
    });
    const rows = channels.map((c) => ({ c, t: totals.get(c.id) || { spend: 0, value: 0, conversions: 0 } }))
      .sort((a, b) => b.t.spend - a.t.spend);
    const body = $('channels').tBodies[0];
    body.innerHTML = '';
    if (!rows.length) body.append(el('tr', {}, el('td', { colspan: '7', class: 'muted' }, 'No channels yet.')));
    rows.forEach(({ c, t }) => body.append(el('tr', {}, el('td', {}, c.name), el('td', {}, c.platform),
      el('td', {}, c.status), el('td', { class: 'num' }, money(t.spend)), el('td', { class: 'num' }, money(t.value)),
      el('td', { class: 'num' }, fmtRatio(ratio(t.value, t.spend))),
      el('td', { class: 'num' }, t.conversions ? money(t.spend / t.conversions) : '–'))));
  }

  function renderCreatives(creatives, rows) {
    const totals = new Map();
    rows.forEach((r) => {
      const t = totals.get(r.creativeId) || { spend: 0, value: 0, clicks: 0, impressions: 0, freq: 0, n: 0 };
      t.spend += num(r.spend); t.value += num(r.conversionValue); t.clicks += num(r.clicks);
      t.impressions += num(r.impressions);
      if (r.frequency !== null && r.frequency !== undefined) { t.freq += num(r.frequency); t.n += 1; }
      totals.set(r.creativeId, t);
    });
    const list = creatives.map((c) => ({ c, t: totals.get(c.id) || { spend: 0, value: 0, clicks: 0, impressions: 0, freq: 0, n: 0 } }))
      .sort((a, b) => b.t.spend - a.t.spend).slice(0, 50);
    const body = $('creatives').tBodies[0];
    body.innerHTML = '';
    if (!list.length) body.append(el('tr', {}, el('td', { colspan: '7', class: 'muted' }, 'No creatives yet.')));
    list.forEach(({ c, t }) => body.append(el('tr', {}, el('td', {}, c.name), el('td', {}, c.status),
      el('td', {}, c.launchDate || '–'), el('td', { class: 'num' }, money(t.spend)),
      el('td', { class: 'num' }, fmtRatio(ratio(t.value, t.spend))),
      el('td', { class: 'num' }, t.impressions ? (100 * t.clicks / t.impressions).toFixed(2) + '%' : '–'),
      el('td', { class: 'num' }, t.n ? (t.freq / t.n).toFixed(2) : '–'))));
  }

  // ------------------------------------------------------------------ brain
  // The state is ai.omnify.model.brain.BrainState: memory (kpis, revenueViews, bestCreatives, worstCreatives,
  // timeline), oracle (forecasts with points, fatigue, risks, accuracy), curiosity (actions), summary, insights.
  const pct = (v) => (v === null || v === undefined ? '–' : (100 * Number(v)).toFixed(1) + '%');
  function feed(lines) {
    const ul = el('ul', { class: 'feed' });
    lines.filter((l) => l).forEach((l) => ul.append(el('li', {}, ...(Array.isArray(l) ? l : [l]))));
    return ul;
  }
  function channelName(id) {
    const c = id && (state.channels || []).find((x) => x.id === id);
    return c ? c.name : (id ? 'channel ' + String(id).slice(0, 8) : 'all channels');
  }
  function memoryLines(brain) {
    const m = brain.memory || {};
    const summary = ((brain.insights || []).find((i) => i.kind === 'summary' && i.subjectId === 'org') || {}).text || brain.summary;
    const k = (m.kpis || []).filter((x) => x.scope === 'org').sort((a, b) => a.windowDays - b.windowDays)[0];
    const rv = (m.revenueViews || []).slice().sort((a, b) => a.windowDays - b.windowDays)[0];
    const standing = (label, c) => c && [el('strong', {}, label + ': '), (c.name || String(c.creativeId).slice(0, 8))
      + ' · ROAS ' + fmtRatio(num(c.roas)) + (c.trend ? ' · ' + c.trend : '')];
    return [
      summary,
      k && [el('strong', {}, 'Last ' + k.windowDays + ' days: '), 'spend ' + money(num(k.spend)) + ' · ROAS ' + fmtRatio(num(k.roas))
        + (k.mer !== undefined && k.mer !== null ? ' · MER ' + fmtRatio(num(k.mer)) : '')],
      rv && [el('strong', {}, 'Revenue: '), 'platforms ' + money(num(rv.platformRevenue)) + ', Shopify ' + money(num(rv.shopifyRevenue))
        + (rv.gapShare !== undefined && rv.gapShare !== null ? ' (gap ' + pct(rv.gapShare) + ')' : '')],
      standing('Best', (m.bestCreatives || [])[0]),
      standing('Worst', (m.worstCreatives || [])[0]),
      ...(m.timeline || []).slice(0, 3).map((e) => (e.date || '') + ' · ' + (e.text || e.kind)),
    ];
  }
  function oracleLines(brain) {
    const o = brain.oracle || {};
    return [
      ...(o.forecasts || []).slice(0, 4).map((f) => {
        const last = (f.points || [])[(f.points || []).length - 1];
        const fmt = f.metric === 'roas' ? (v) => fmtRatio(num(v)) : (v) => money(num(v));
        return [el('strong', {}, f.metric + ' of ' + channelName(f.channelId) + ': '), last
          ? fmt(last.value) + ' on ' + last.date + ' (80%: ' + fmt(last.lower) + ' – ' + fmt(last.upper) + ')' : 'no points'];
      }),
      ...(o.fatigue || []).slice(0, 4).map((f) => [el('strong', {}, 'Fatigue: '), (f.name || String(f.creativeId).slice(0, 8))
        + (f.daysToFatigue === null || f.daysToFatigue === undefined ? ' is not heading to fatigue'
          : f.daysToFatigue === 0 ? ' is fatigued (' + f.metric + ')' : ' fatigues in ' + f.daysToFatigue + ' days (' + f.metric + ')')]),
      ...(o.risks || []).slice(0, 4).map((r) => [el('strong', {}, 'Risk: '), r.text || r.kind]),
    ];
  }
  async function loadBrain() {
    state.brain = await optional('/api/v1/brain');
    renderBrain(state.brain);
  }
  function renderBrain(brain) {
    const set = (id, content) => { const b = $(id); b.innerHTML = ''; b.append(content); };
    if (!brain) {
      ['brain-memory', 'brain-oracle', 'brain-curiosity'].forEach((id) => set(id, 'The brain has no state yet: it appears once the brain job has seen this organization\'s metrics.'));
      return;
    }
    const memory = memoryLines(brain).filter((l) => l);
    set('brain-memory', memory.length ? feed(memory) : 'Nothing remembered yet.');
    const oracle = oracleLines(brain);
    set('brain-oracle', oracle.length ? feed(oracle) : 'No forecasts yet.');
    const actions = ((brain.curiosity || {}).actions || []).slice(0, 5).map((a) => [el('strong', {}, a.kind.replace(/_/g, ' ') + ': '),
      (a.rationale || '') + (a.expectedImpact ? ' (' + a.expectedImpact.metric + ' ' + money(num(a.expectedImpact.value))
        + ' over ' + a.expectedImpact.horizonDays + ' days)' : '')]);
    set('brain-curiosity', actions.length ? feed(actions) : 'Nothing to suggest yet.');
  }

  // ------------------------------------------------------------------ alerts (list + live SSE)
  function alertItem(a) {
    const where = a.channelId ? ' · channel ' + String(a.channelId).slice(0, 8) : '';
    const li = el('li', { class: 'sev-' + (a.severity || 'info'), 'data-alert-id': a.id || '' },
      el('strong', {}, (a.kind || 'alert').replace(/_/g, ' ')), ' ', el('span', { class: 'status' }, a.severity || ''),
      el('div', {}, a.explanation || ''),
      el('div', { class: 'status' }, (a.detectedAt || '') + where));
    return li;
  }
  async function loadAlerts() {
    const list = await optional('/api/v1/alerts?limit=20');
    const ul = $('alerts');
    ul.querySelectorAll('li:not([data-live])').forEach((li) => li.remove());
    if (!list) { if (!ul.childElementCount) ul.append(el('li', { class: 'muted' }, 'Alerts are not available on this server yet.')); return; }
    if (!list.items.length && !ul.childElementCount) ul.append(el('li', { class: 'muted empty' }, 'No alerts in this period.'));
    list.items.forEach((a) => ul.append(alertItem(a)));
  }
  function connectAlerts() {
    if (state.stream || typeof EventSource === 'undefined') return;
    let failures = 0;
    const es = new EventSource('/api/v1/alerts/stream');
    state.stream = es;
    const onAlert = (ev) => {
      let a;
      try { a = JSON.parse(ev.data); } catch (e) { return; }
      if (a && a.alert) a = a.alert;
      if (!a || !a.kind) return;
      const ul = $('alerts');
      ul.querySelectorAll('.muted').forEach((li) => li.remove());
      const li = alertItem(a); li.setAttribute('data-live', 'true');
      ul.prepend(li);
      toast('New alert: ' + a.kind.replace(/_/g, ' '));
    };
    es.onmessage = onAlert;
    es.addEventListener('alert', onAlert);
    es.onopen = () => { failures = 0; $('alerts-live').textContent = 'live'; $('alerts-live').classList.add('live'); };
    es.onerror = () => {
      $('alerts-live').textContent = 'offline'; $('alerts-live').classList.remove('live');
      if (++failures >= 3) { es.close(); state.stream = null; }
    };
  }

  // ------------------------------------------------------------------ actions
  async function loadActions() {
    const list = await optional('/api/v1/actions?limit=20');
    const ul = $('actions');
    ul.innerHTML = '';
    if (!list) { ul.append(el('li', { class: 'muted' }, 'Actions are not available on this server yet.')); return; }
    if (!list.items.length) ul.append(el('li', { class: 'muted' }, 'No actions suggested.'));
    const canAct = state.me.scopes.includes('act');
    list.items.forEach((a) => {
      const impact = a.expectedImpact ? ' · expected ' + a.expectedImpact.metric + ' ' + a.expectedImpact.value + (a.expectedImpact.currency ? ' ' + a.expectedImpact.currency : '') : '';
      const status = el('span', { class: 'status action-status' }, a.status || 'open');
      const li = el('li', { 'data-action-id': a.id }, el('strong', {}, (a.kind || 'action').replace(/_/g, ' ')), ' ', status,
        el('div', {}, a.rationale || ''), el('div', { class: 'status' }, 'confidence ' + fmtRatio(num(a.confidence)) + impact));
      if (canAct && (!a.status || a.status === 'open')) {
        const buttons = el('div', { class: 'action-buttons' });
        ['accept', 'dismiss'].forEach((verb) => {
          const b = el('button', { type: 'button', class: verb === 'accept' ? 'primary' : '', 'data-verb': verb }, verb === 'accept' ? 'Accept' : 'Dismiss');
          b.onclick = async () => {
            try {
              const res = await api('POST', '/api/v1/actions/' + encodeURIComponent(a.id) + '/' + verb);
              status.textContent = (res && res.status) || (verb === 'accept' ? 'accepted' : 'dismissed');
              buttons.remove();
            } catch (e) { toast(e.status === 404 ? 'Actions cannot be decided on this server yet.' : e.message); }
          };
          buttons.append(b);
        });
        li.append(buttons);
      }
      ul.append(li);
    });
  }

  // ------------------------------------------------------------------ onboarding
  $('connect-form').onsubmit = async (ev) => {
    ev.preventDefault();
    const platform = $('connect-platform').value;
    // credential names of the connections API: Google takes a refresh token, the others an access token
    const credentials = platform === 'google' ? { refresh_token: $('connect-token').value }
      : { access_token: $('connect-token').value };
    const body = { platform, account: $('connect-account').value, credentials };
    try {
      await api('POST', '/api/v1/connections', body);
      $('connect-note').textContent = 'Connected. The first sync starts now.';
      $('connect-token').value = '';
      startSyncPolling();
    } catch (e) {
      $('connect-note').textContent = e.status === 404 ? 'Connections are not available on this server yet: send data through the ingest API.' : e.message;
    }
  };
  function startSyncPolling() {
    if (state.sync) return;
    const poll = async () => {
      const s = await optional('/api/v1/sync').catch(() => null);
      if (!s) { $('sync-status').textContent = 'sync progress is not available on this server yet'; stopSyncPolling(); return; }
      const runs = s.items || s.runs || [];
      if (!runs.length) { $('sync-status').textContent = 'waiting for a connection'; return; }
      let done = 0, total = 0, rows = 0;
      runs.forEach((r) => { done += num(r.pagesDone); total += num(r.pagesTotal); rows += num(r.rows); });
      // states of GET /api/v1/sync: queued, running, ok, failing, never_synced, needs_reauth, disabled
      const finished = runs.every((r) => r.state === 'ok' || r.state === 'succeeded');
      const pct = finished ? 100 : total ? Math.min(99, Math.round(100 * done / total)) : 5;
      $('sync-bar').style.width = pct + '%';
      $('sync-status').textContent = runs.map((r) => r.platform + ': ' + r.state.replace(/_/g, ' ')
        + (r.lastError ? ' (' + r.lastError + ')' : '')).join(', ') + ' · ' + fmtInt(rows) + ' rows';
      if (finished) { stopSyncPolling(); refresh(); }
    };
    poll();
    state.sync = setInterval(poll, 3000);
  }
  function stopSyncPolling() { if (state.sync) { clearInterval(state.sync); state.sync = null; } }

  // ------------------------------------------------------------------ team (admins)
  async function loadTeam() {
    const [members, keys] = await Promise.all([api('GET', '/api/v1/members?limit=100'), api('GET', '/api/v1/api-keys?limit=100')]);
    const mu = $('members'); mu.innerHTML = '';
    members.items.forEach((m) => mu.append(el('li', {}, m.email + ' · ' + m.role)));
    const ku = $('keys'); ku.innerHTML = '';
    keys.items.forEach((k) => {
      const b = el('button', { type: 'button', class: 'link' }, 'revoke');
      b.onclick = async () => { await api('DELETE', '/api/v1/api-keys/' + k.id); loadTeam(); };
      ku.append(el('li', {}, k.name + ' · ' + k.prefix + '… · ' + k.scopes.join(', ') + ' ', b));
    });
  }
  $('invite-form').onsubmit = async (ev) => {
    ev.preventDefault();
    try {
      const inv = await api('POST', '/api/v1/invites', { email: $('invite-email').value, role: $('invite-role').value });
      $('invite-result').textContent = 'Send this link (shown once): ' + inv.acceptUrl;
      $('invite-email').value = '';
    } catch (e) { $('invite-result').textContent = e.message; }
  };
  $('key-form').onsubmit = async (ev) => {
    ev.preventDefault();
    try {
      const k = await api('POST', '/api/v1/api-keys', { name: $('key-name').value, scopes: ['read'] });
      $('key-result').textContent = 'Your key (shown once): ' + k.key;
      $('key-name').value = '';
      loadTeam();
    } catch (e) { $('key-result').textContent = e.message; }
  };

  // ------------------------------------------------------------------ first-time tour
  const TOUR = [
    ['kpis', 'Your key figures for the chosen dates: ad spend, store revenue, blended MER and more.'],
    ['range-bar', 'Pick the dates here; export a PDF report for your boss or the metrics as CSV.'],
    ['chart-trend', 'Spend against revenue, day by day.'],
    ['alerts-card', 'Alerts arrive here live when something changes: spend spikes, ROAS drops, tracking breaks.'],
    ['actions-card', 'The brain suggests actions; members accept or dismiss them.'],
    ['brain-card', 'Memory, Oracle and Curiosity: what happened, what will happen, what to do.'],
  ];
  let tourStep = 0;
  function startTour() { tourStep = 0; $('tour').hidden = false; showTourStep(); }
  function showTourStep() {
    document.querySelectorAll('.tour-highlight').forEach((e) => e.classList.remove('tour-highlight'));
    if (tourStep >= TOUR.length) { endTour(); return; }
    const [id, text] = TOUR[tourStep];
    $('tour-text').textContent = (tourStep + 1) + '/' + TOUR.length + ' · ' + text;
    const target = $(id);
    if (target) { target.classList.add('tour-highlight'); target.scrollIntoView({ block: 'center' }); }
    $('tour-next').textContent = tourStep === TOUR.length - 1 ? 'Done' : 'Next';
  }
  function endTour() {
    $('tour').hidden = true;
    document.querySelectorAll('.tour-highlight').forEach((e) => e.classList.remove('tour-highlight'));
    localStorage.setItem(TOUR_KEY, '1');
  }
  $('tour-next').onclick = () => { tourStep++; showTourStep(); };
  $('tour-skip').onclick = endTour;
  $('tour-button').onclick = startTour;

  boot().catch((e) => { toast(e.message); showAuth(); });
})();
