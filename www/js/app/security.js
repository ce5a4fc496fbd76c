// The security page (#/security): the passphrase lock, the encrypted hand-over to headquarters
// and the panic wipe; plus the unlock screen shown at start and the report after a wipe.
// The crypto module and the hand-over/wipe code load only when used.
import { h, uid, fill, field } from '../shared/dom.js';
import { toast } from './ui.js';
import * as store from './storage.js';
import * as vault from './vault.js';
import { lockButton } from './lock.js';

const MIN_LENGTH = 8;
const IDLE = [1, 5, 15, 30, 60];
const later = () => new Promise((r) => setTimeout(r, 30)); // let "Working…" paint before a long step

// Passphrase fields, made so that browsers do not offer to save the passphrase (a saved one
// opens the app for whoever holds the device, which defeats the lock at a checkpoint):
// - Chromium ignores autocomplete="off" on password fields (since version 34), and
//   "new-password" / "current-password" invite its save prompt and password generation. What
//   it honours is a field marked as not a password: autocomplete="one-time-code" makes its
//   form parser drop the field (form_data_parser.cc, IsNotPasswordField), so no save prompt.
// - No <form> and no submit: a submission (or a form taken away after one) is what browsers
//   watch for; Enter runs the action through a key handler instead (panel() below).
// - The value is read once and emptied at once, before anything else happens, so that a
//   browser looking at the field afterwards (Firefox's capture on leaving the page) finds it empty.
// type="password" stays: it keeps on-screen keyboards from learning the words.
const pass = (attrs = {}) =>
  h('input', { type: 'password', autocomplete: 'one-time-code', spellcheck: 'false', autocapitalize: 'off', autocorrect: 'off', ...attrs });

/** The value of a passphrase field, which is emptied. */
const take = (input) => {
  const v = input.value;
  input.value = '';
  return v;
};

/** A group of fields with its action: not a <form> (see pass() above); Enter in a field runs
 * `go`, as a form's submit would. */
function panel(attrs, go, ...kids) {
  const el = h('div', { role: 'group', ...attrs }, ...kids);
  el.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.isComposing || e.target.tagName !== 'INPUT' || e.target.type === 'checkbox') return;
    e.preventDefault();
    go();
  });
  return el;
}

/** A status line for a form: role=alert for problems. */
function status() {
  const el = h('p', { class: 'sec-status', role: 'status', 'aria-live': 'polite' });
  el.ok = (text) => (fill(el, text), el.classList.remove('bad'));
  el.bad = (text) => (fill(el, h('strong', {}, text)), el.classList.add('bad'));
  return el;
}

/** A crypto error code in words. */
const errorText = ({ t }, code) => (t(`security.err.${code}`) === `security.err.${code}` ? t('security.err.error') : t(`security.err.${code}`));

// --- start ------------------------------------------------------------------------------------

/** The unlock screen, for vault.start(): resolves once the passphrase fits. */
export function askPassphrase(main, tr) {
  const { t } = tr;
  return (tryIt) => {
    const input = pass({ id: 'unlock-pass', required: true });
    const st = status();
    let busy = false;
    const go = async () => {
      if (busy) return;
      busy = btn.disabled = true;
      st.ok(t('security.unlocking'));
      const text = take(input);
      await later();
      const code = await tryIt(text);
      busy = btn.disabled = false;
      if (code) {
        st.bad(errorText(tr, code));
        input.focus();
      } else box.remove();
    };
    const btn = h('button', { type: 'button', class: 'primary', id: 'unlock', onclick: go }, t('security.unlock'));
    const box = panel(
      { class: 'unlock', 'aria-labelledby': 'unlock-h' },
      go,
      h('h1', { tabindex: -1, id: 'unlock-h' }, t('security.locked.title')),
      h('p', {}, t('security.locked.text')),
      field(t('security.passphrase'), input),
      btn,
      st,
      h('p', { class: 'small muted' }, t('security.nosave')),
      h('details', { class: 'forgot' }, h('summary', {}, t('security.forgot')), h('p', {}, t('security.forgot.text')), wipeSection(tr)),
    );
    fill(main, box);
    document.title = t('security.locked.title');
    input.focus();
  };
}

/** After a wipe that reloaded the page: shows what was deleted and what remains. */
export function showWipeReport(main, report, tr) {
  const { t } = tr;
  const remains = [
    report.keepCode ? t('security.wiped.code') : t('security.wiped.nocode'),
    t('security.wiped.downloads'),
    t('security.wiped.history'),
    t('security.wiped.files'),
  ];
  if (report.blocked?.length) remains.unshift(t('security.wiped.blocked'));
  fill(main, 
    h(
      'section',
      { class: 'wiped', id: 'wiped' },
      h('h1', { tabindex: -1 }, t('security.wiped.title')),
      h('p', {}, t('security.wiped.done', { db: report.databases, caches: report.caches })),
      h('h2', {}, t('security.wiped.remains')),
      h('ul', {}, remains.map((x) => h('li', {}, x))),
      h('button', { type: 'button', onclick: () => location.reload() }, t('security.wiped.again')),
    ),
  );
  document.title = t('security.wiped.title');
  main.querySelector('h1').focus();
}

// --- the page ---------------------------------------------------------------------------------

/**
 * The fields that set the first passphrase (the security page and the first run's offer).
 * `done()` runs once it is set. Before data exists nothing was ever written in the clear; after,
 * it says that earlier unencrypted copies may remain in the browser's own files.
 */
export function passphraseForm(tr, done, { first = false } = {}) {
  const { t } = tr;
  const st = status();
  const p1 = pass({ id: first ? 'first-pass' : 'new-pass', minlength: MIN_LENGTH, required: true });
  const p2 = pass({ id: first ? 'first-pass2' : 'new-pass2', required: true });
  const ok = h('input', { type: 'checkbox', id: first ? 'first-understand' : 'understand', required: true });
  const before = !store.clean();
  let busy = false;
  const go = async () => {
    if (busy) return;
    if (p1.value.length < MIN_LENGTH) return st.bad(t('security.short', { n: MIN_LENGTH }));
    if (p1.value !== p2.value) return (p2.value = '', st.bad(t('security.mismatch')));
    if (!ok.checked) return st.bad(t('security.understand.needed'));
    const text = take(p1);
    p2.value = '';
    busy = btn.disabled = true;
    st.ok(t('security.working'));
    await later();
    try {
      const lost = await vault.enable(text);
      const F = await import('./firstrun.js');
      F.chosen();
      lockButton(tr);
      toast(tr, t(before ? 'security.enabled.before' : 'security.enabled'));
      if (lost.length) toast(tr, t('security.unreadable', { ids: lost.join(', ') }));
      done();
    } catch (err) {
      st.bad(errorText(tr, vault.codeOf(err)));
    } finally {
      busy = btn.disabled = false;
    }
  };
  const btn = h('button', { type: 'button', class: 'primary', id: first ? 'first-enable' : 'enable', onclick: go }, t('security.enable'));
  return panel(
    { class: 'pass-new', 'aria-label': t('security.lock.title') },
    go,
    h('p', { class: 'notice caution' }, h('strong', {}, t('security.forget.warning'))),
    before ? h('p', { class: 'notice', id: 'earlier-copies' }, t('security.before')) : null,
    field(t('security.new'), p1, t('security.new.hint', { n: MIN_LENGTH })),
    field(t('security.confirm'), p2),
    h('label', { class: 'check' }, ok, ' ', t('security.understand')),
    btn,
    st,
    h('p', { class: 'small muted' }, t('security.nosave')),
  );
}

function lockSection(app) {
  const { tr } = app;
  const { t } = tr;
  const rerender = () => (lockButton(tr), app.render(false));
  if (!vault.enabled()) {
    return h('div', { class: 'sec' }, h('h2', {}, t('security.lock.title')), h('p', {}, t('security.off')), passphraseForm(tr, rerender));
  }
  const [m, tc, p] = vault.params() || [];
  const idle = h(
    'select',
    { id: 'idle', onchange: (e) => vault.setSetting('idle', Number(e.target.value)).then(() => toast(tr, t('security.idle.saved'))) },
    IDLE.map((n) => h('option', { value: n, selected: n === vault.idleMinutes() }, t('security.minutes', { n }))),
  );
  const cur = pass({ id: 'cur-pass', required: true });
  const n1 = pass({ id: 'chg-pass', required: true });
  const n2 = pass({ id: 'chg-pass2', required: true });
  const st2 = status();
  const off = pass({ id: 'off-pass', required: true });
  const st3 = status();
  const change = async () => {
    if (n1.value.length < MIN_LENGTH) return st2.bad(t('security.short', { n: MIN_LENGTH }));
    if (n1.value !== n2.value) return (n2.value = '', st2.bad(t('security.mismatch')));
    const [now, text] = [take(cur), take(n1)];
    n2.value = '';
    st2.ok(t('security.working'));
    await later();
    try {
      const lost = await vault.change(now, text);
      toast(tr, lost.length ? t('security.unreadable', { ids: lost.join(', ') }) : t('security.changed'));
      rerender();
    } catch (err) {
      st2.bad(errorText(tr, vault.codeOf(err)));
    }
  };
  const disable = async () => {
    const now = take(off);
    st3.ok(t('security.working'));
    await later();
    try {
      await vault.disable(now);
      toast(tr, t('security.disabled'));
      rerender();
    } catch (err) {
      st3.bad(errorText(tr, vault.codeOf(err)));
    }
  };
  return h(
    'div',
    { class: 'sec' },
    h('h2', {}, t('security.lock.title')),
    h('p', {}, t('security.on')),
    // The cryptography, for whoever wants it, folded away.
    h('details', { class: 'tech' }, h('summary', {}, t('security.on.how')), h('p', {}, t('security.on.tech', { mib: Math.round(m / 1024), t: tc, p }))),
    h('div', { class: 'toolbar' }, h('button', { type: 'button', class: 'primary', id: 'lock-page', onclick: () => vault.lock() }, t('security.lock')), field(t('security.idle'), idle)),
    panel(
      { 'aria-labelledby': 'chg-h' },
      change,
      h('h3', { id: 'chg-h' }, t('security.change')),
      field(t('security.current'), cur),
      field(t('security.new'), n1, t('security.new.hint', { n: MIN_LENGTH })),
      field(t('security.confirm'), n2),
      h('button', { type: 'button', id: 'change', onclick: change }, t('security.change')),
      st2,
    ),
    panel(
      { 'aria-labelledby': 'off-h' },
      disable,
      h('h3', { id: 'off-h' }, t('security.disable')),
      h('p', { class: 'muted' }, t('security.disable.text')),
      field(t('security.current'), off),
      h('button', { type: 'button', id: 'disable', onclick: disable }, t('security.disable')),
      st3,
    ),
    h('p', { class: 'small muted' }, t('security.nosave')),
  );
}

/** The encrypted hand-over to headquarters: the recipients, the export, and the import of a
 * file encrypted to this device (handover.js, loaded with it). */
function handoverSection(app) {
  const { t } = app.tr;
  const intro = () => [
    h('h2', {}, t('security.handover.title')),
    h('p', {}, t('security.handover.text')),
    // Where keys come from, in plain words; the commands folded away.
    h(
      'section',
      { class: 'keys-guide' },
      h('h3', {}, t('security.keys.title')),
      h('ul', {}, ['pair', 'public', 'lock', 'field'].map((k) => h('li', {}, t(`security.keys.${k}`)))),
      h('details', { class: 'tech' }, h('summary', {}, t('security.details')), h('p', { class: 'small muted' }, t('security.keys.tech'))),
    ),
  ];
  const el = h('div', { class: 'sec', id: 'handover' }, intro(), h('p', { class: 'muted' }, t('security.working')));
  import('./handover.js').then(async (H) => fill(el, intro(), await recipientsPart(app.tr, H), exportPart(app, H), importPart(app, H)));
  return el;
}

/** The organisation's keys: the deployment's (listed) and the user's own (a field). */
async function recipientsPart(tr, H) {
  const { t } = tr;
  const deployed = await H.deployed();
  const own = h('textarea', { id: 'recipients', rows: 3, spellcheck: 'false', placeholder: 'age1…' }, H.own().join('\n'));
  const st = status();
  const save = async () => {
    try {
      const list = await H.setOwn(own.value);
      own.value = list.join('\n');
      st.ok(t('security.recipients.saved', { n: list.length }));
    } catch (e) {
      st.bad(t('security.recipients.bad', { key: e.bad || '' }));
    }
  };
  return [
    deployed.length ? h('div', {}, h('p', {}, t('security.recipients.deployed')), h('ul', { class: 'keys' }, deployed.map((r) => h('li', {}, h('code', {}, r))))) : null,
    field(t('security.recipients'), own, t('security.recipients.hint')),
    h('button', { type: 'button', id: 'save-recipients', onclick: save }, t('security.recipients.save')),
    st,
  ];
}

/** Every assessment, encrypted to the recipients, as a download. */
function exportPart(app, H) {
  const { tr, models } = app;
  const { t } = tr;
  const st = status();
  const go = async () => {
    try {
      if (!(await H.recipients()).length) return st.bad(t('security.export.none'));
      const name = await H.exportEncrypted(store.list(), models);
      st.ok(t('security.export.done', { file: name }));
    } catch (e) {
      st.bad(errorText(tr, vault.codeOf(e)));
    }
  };
  return [h('h3', {}, t('security.export.title')), h('button', { type: 'button', class: 'primary', id: 'export-age', onclick: go }, t('security.export')), st];
}

/** A file encrypted to this device's key, opened with its identity file and imported. */
function importPart(app, H) {
  const { tr } = app;
  const { t } = tr;
  const data = h('input', { type: 'file', id: 'age-file', accept: '.age,application/octet-stream' });
  const ident = h('input', { type: 'file', id: 'age-identity', accept: '.txt,.age,.key,text/plain' });
  const pw = pass({ id: 'age-pass' });
  const st = status();
  const go = async () => {
    const f = data.files[0];
    const k = ident.files[0];
    if (!f || !k) return st.bad(t('security.import.missing'));
    st.ok(t('security.working'));
    await later();
    let text;
    try {
      const kb = new Uint8Array(await k.arrayBuffer());
      text = await H.decrypt(new Uint8Array(await f.arrayBuffer()), kb, take(pw));
      kb.fill(0);
    } catch (e) {
      pw.value = '';
      return st.bad(errorText(tr, vault.codeOf(e)));
    }
    // Emptied once used (a wrong passphrase keeps them, to try again).
    data.value = ident.value = '';
    try {
      const done = await importText(app, text);
      st.ok([t('security.import.done', done), done.merged ? t('team.merged', { n: done.merged }) : ''].join(' ').trim());
    } catch (e) {
      st.bad(t('security.import.invalid', { msg: (e.issues || [{ message: e.message }]).slice(0, 3).map((i) => i.message).join('; ') }));
    }
  };
  return [
    h('h3', {}, t('security.import.title')),
    h('p', { class: 'muted' }, t('security.import.text')),
    h('details', { class: 'tech' }, h('summary', {}, t('security.details')), h('p', { class: 'small muted' }, t('security.import.tech'))),
    field(t('security.import.file'), data),
    field(t('security.import.identity'), ident, t('security.import.identity.hint')),
    field(t('security.import.pass'), pw),
    h('button', { type: 'button', id: 'import-age', onclick: go }, t('security.import')),
    st,
  ];
}

/** Adds the records of an export's text (JSON or CSV) as the list's import does. */
async function importText({ tr, models }, text) {
  const X = await import('./files.js');
  const incoming = /^\s*[[{]/.test(text) ? await X.fromJSON(text, models, tr) : await X.fromCSV(text, models);
  const n = await X.merge(incoming, store, models, tr); // a team's assessment merges (team-merge.js)
  await store.flush();
  return n;
}

/** The panic wipe: a danger zone whose button only works once the confirmation word is typed. */
export function wipeSection(tr) {
  const { t } = tr;
  const word = t('security.wipe.word');
  const keep = h('input', { type: 'checkbox', id: 'wipe-keep', checked: true });
  const confirmId = uid('w');
  const confirm = h('input', { type: 'text', id: confirmId, autocomplete: 'off', spellcheck: 'false', class: 'wipe-confirm' });
  const btn = h('button', { type: 'button', class: 'danger', id: 'wipe', disabled: true }, t('security.wipe.button'));
  const st = status();
  confirm.addEventListener('input', () => (btn.disabled = confirm.value.trim().toUpperCase() !== word.toUpperCase()));
  btn.addEventListener('click', async () => {
    if (confirm.value.trim().toUpperCase() !== word.toUpperCase()) return;
    btn.disabled = true;
    st.ok(t('security.working'));
    const W = await import('./wipe.js');
    const report = await W.wipe({ keepCode: keep.checked });
    if (report.keepCode) W.reloadWithReport(report);
    else showWipeReport(document.getElementById('main') || document.body, report, tr);
  });
  return h(
    'section',
    { class: 'sec danger-zone', id: 'panic', 'aria-labelledby': confirmId + 'h' },
    h('h2', { id: confirmId + 'h' }, t('security.wipe.title')),
    h('p', {}, t('security.wipe.text')),
    h('label', { class: 'check' }, keep, ' ', t('security.wipe.keep')),
    field(t('security.wipe.confirm', { word }), confirm),
    btn,
    st,
  );
}

export function securityView(app) {
  const { t } = app.tr;
  const el = h('div', { class: 'security' }, h('h1', { tabindex: -1 }, t('security.title')), lockSection(app), handoverSection(app), wipeSection(app.tr));
  return { el, title: t('security.title') };
}
