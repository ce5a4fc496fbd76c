// The security page (#/security): the passphrase lock, the encrypted hand-over to headquarters
// and the panic wipe; plus the unlock screen shown at start and the report after a wipe.
// The crypto module and the hand-over/wipe code load only when used.
import { h, uid, fill } from './dom.js';
import { t } from './i18n.js';
import { toast, field } from './ui.js';
import * as store from './storage.js';
import * as vault from './vault.js';
import { lockButton } from './lock.js';

const MIN_LENGTH = 8;
const IDLE = [1, 5, 15, 30, 60];
const later = () => new Promise((r) => setTimeout(r, 30)); // let "Working…" paint before a long step

const pass = (attrs = {}) => h('input', { type: 'password', autocomplete: 'new-password', spellcheck: 'false', ...attrs });

/** A status line for a form: role=alert for problems. */
function status() {
  const el = h('p', { class: 'sec-status', role: 'status', 'aria-live': 'polite' });
  el.ok = (text) => (fill(el, text), el.classList.remove('bad'));
  el.bad = (text) => (fill(el, h('strong', {}, text)), el.classList.add('bad'));
  return el;
}

const errorText = (code) => t(`security.err.${code}`) === `security.err.${code}` ? t('security.err.error') : t(`security.err.${code}`);

// --- start ------------------------------------------------------------------------------------

/** The unlock screen, for vault.start(): resolves once the passphrase fits. */
export function askPassphrase(main) {
  return (tryIt) => {
    const input = pass({ autocomplete: 'current-password', id: 'unlock-pass', required: true });
    const st = status();
    const btn = h('button', { type: 'submit', class: 'primary', id: 'unlock' }, t('security.unlock'));
    const form = h(
      'form',
      {
        class: 'unlock',
        onsubmit: async (e) => {
          e.preventDefault();
          btn.disabled = true;
          st.ok(t('security.unlocking'));
          await later();
          const text = input.value;
          input.value = '';
          const code = await tryIt(text);
          btn.disabled = false;
          if (code) {
            st.bad(errorText(code));
            input.focus();
          } else form.remove();
        },
      },
      h('h1', { tabindex: -1 }, t('security.locked.title')),
      h('p', {}, t('security.locked.text')),
      field(t('security.passphrase'), input),
      btn,
      st,
      h('details', { class: 'forgot' }, h('summary', {}, t('security.forgot')), h('p', {}, t('security.forgot.text')), wipeSection()),
    );
    fill(main, form);
    document.title = t('security.locked.title');
    input.focus();
  };
}

/** After a wipe that reloaded the page: shows what was deleted and what remains. */
export function showWipeReport(main, report) {
  const remains = [
    report.keepCode ? t('security.wiped.code') : t('security.wiped.nocode'),
    t('security.wiped.downloads'),
    t('security.wiped.history'),
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

function lockSection(app) {
  const st = status();
  const rerender = () => (lockButton(), app.render(false));
  if (!vault.enabled()) {
    const p1 = pass({ id: 'new-pass', minlength: MIN_LENGTH, required: true });
    const p2 = pass({ id: 'new-pass2', required: true });
    const ok = h('input', { type: 'checkbox', id: 'understand', required: true });
    return h(
      'form',
      {
        class: 'sec',
        onsubmit: async (e) => {
          e.preventDefault();
          if (p1.value.length < MIN_LENGTH) return st.bad(t('security.short', { n: MIN_LENGTH }));
          if (p1.value !== p2.value) return st.bad(t('security.mismatch'));
          if (!ok.checked) return st.bad(t('security.understand.needed'));
          st.ok(t('security.working'));
          await later();
          try {
            const lost = await vault.enable(p1.value);
            p1.value = p2.value = '';
            toast(t('security.enabled'));
            if (lost.length) toast(t('security.unreadable', { ids: lost.join(', ') }));
            rerender();
          } catch (err) {
            st.bad(errorText(vault.codeOf(err)));
          }
        },
      },
      h('h2', {}, t('security.lock.title')),
      h('p', {}, t('security.off')),
      h('p', { class: 'notice bad' }, h('strong', {}, t('security.forget.warning'))),
      field(t('security.new'), p1, t('security.new.hint', { n: MIN_LENGTH })),
      field(t('security.confirm'), p2),
      h('label', { class: 'check' }, ok, ' ', t('security.understand')),
      h('button', { type: 'submit', class: 'primary', id: 'enable' }, t('security.enable')),
      st,
    );
  }
  const [m, tc, p] = vault.params() || [];
  const idle = h(
    'select',
    { id: 'idle', onchange: (e) => vault.setSetting('idle', Number(e.target.value)).then(() => toast(t('security.idle.saved'))) },
    IDLE.map((n) => h('option', { value: n, selected: n === vault.idleMinutes() }, t('security.minutes', { n }))),
  );
  const cur = pass({ autocomplete: 'current-password', id: 'cur-pass', required: true });
  const n1 = pass({ id: 'chg-pass', required: true });
  const n2 = pass({ id: 'chg-pass2', required: true });
  const st2 = status();
  const off = pass({ autocomplete: 'current-password', id: 'off-pass', required: true });
  const st3 = status();
  return h(
    'div',
    { class: 'sec' },
    h('h2', {}, t('security.lock.title')),
    h('p', {}, t('security.on', { mib: Math.round(m / 1024), t: tc, p })),
    h('div', { class: 'toolbar' }, h('button', { type: 'button', class: 'primary', id: 'lock-page', onclick: () => vault.lock() }, t('security.lock')), field(t('security.idle'), idle)),
    h(
      'form',
      {
        onsubmit: async (e) => {
          e.preventDefault();
          if (n1.value.length < MIN_LENGTH) return st2.bad(t('security.short', { n: MIN_LENGTH }));
          if (n1.value !== n2.value) return st2.bad(t('security.mismatch'));
          st2.ok(t('security.working'));
          await later();
          try {
            const lost = await vault.change(cur.value, n1.value);
            cur.value = n1.value = n2.value = '';
            toast(lost.length ? t('security.unreadable', { ids: lost.join(', ') }) : t('security.changed'));
            rerender();
          } catch (err) {
            cur.value = '';
            st2.bad(errorText(vault.codeOf(err)));
          }
        },
      },
      h('h3', {}, t('security.change')),
      field(t('security.current'), cur),
      field(t('security.new'), n1, t('security.new.hint', { n: MIN_LENGTH })),
      field(t('security.confirm'), n2),
      h('button', { type: 'submit', id: 'change' }, t('security.change')),
      st2,
    ),
    h(
      'form',
      {
        onsubmit: async (e) => {
          e.preventDefault();
          st3.ok(t('security.working'));
          await later();
          try {
            await vault.disable(off.value);
            off.value = '';
            toast(t('security.disabled'));
            rerender();
          } catch (err) {
            off.value = '';
            st3.bad(errorText(vault.codeOf(err)));
          }
        },
      },
      h('h3', {}, t('security.disable')),
      h('p', { class: 'muted' }, t('security.disable.text')),
      field(t('security.current'), off),
      h('button', { type: 'submit', id: 'disable' }, t('security.disable')),
      st3,
    ),
  );
}

function handoverSection(app) {
  const el = h('div', { class: 'sec', id: 'handover' }, h('h2', {}, t('security.handover.title')), h('p', {}, t('security.handover.text')), h('p', { class: 'muted' }, t('security.working')));
  import('./handover.js').then(async (H) => {
    const deployed = await H.deployed();
    const own = h('textarea', { id: 'recipients', rows: 3, spellcheck: 'false', placeholder: 'age1…' }, H.own().join('\n'));
    const st = status();
    const exp = status();
    const data = h('input', { type: 'file', id: 'age-file', accept: '.age,application/octet-stream' });
    const ident = h('input', { type: 'file', id: 'age-identity', accept: '.txt,.age,.key,text/plain' });
    const pw = pass({ autocomplete: 'off', id: 'age-pass' });
    const imp = status();
    fill(el, 
      h('h2', {}, t('security.handover.title')),
      h('p', {}, t('security.handover.text')),
      deployed.length ? h('div', {}, h('p', {}, t('security.recipients.deployed')), h('ul', { class: 'keys' }, deployed.map((r) => h('li', {}, h('code', {}, r))))) : null,
      field(t('security.recipients'), own, t('security.recipients.hint')),
      h(
        'button',
        {
          type: 'button',
          id: 'save-recipients',
          onclick: async () => {
            try {
              const list = await H.setOwn(own.value);
              own.value = list.join('\n');
              st.ok(t('security.recipients.saved', { n: list.length }));
            } catch (e) {
              st.bad(t('security.recipients.bad', { key: e.bad || '' }));
            }
          },
        },
        t('security.recipients.save'),
      ),
      st,
      h('h3', {}, t('security.export.title')),
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          id: 'export-age',
          onclick: async () => {
            try {
              if (!(await H.recipients()).length) return exp.bad(t('security.export.none'));
              const name = await H.exportEncrypted(store.list());
              exp.ok(t('security.export.done', { file: name }));
            } catch (e) {
              exp.bad(errorText(vault.codeOf(e)));
            }
          },
        },
        t('security.export'),
      ),
      exp,
      h('h3', {}, t('security.import.title')),
      h('p', { class: 'muted' }, t('security.import.text')),
      field(t('security.import.file'), data),
      field(t('security.import.identity'), ident, t('security.import.identity.hint')),
      field(t('security.import.pass'), pw),
      h(
        'button',
        {
          type: 'button',
          id: 'import-age',
          onclick: async () => {
            const f = data.files[0];
            const k = ident.files[0];
            if (!f || !k) return imp.bad(t('security.import.missing'));
            imp.ok(t('security.working'));
            await later();
            let text;
            try {
              const kb = new Uint8Array(await k.arrayBuffer());
              text = await H.decrypt(new Uint8Array(await f.arrayBuffer()), kb, pw.value);
              kb.fill(0);
              pw.value = '';
            } catch (e) {
              return imp.bad(errorText(vault.codeOf(e)));
            }
            try {
              const n = await importText(text);
              imp.ok(t('security.import.done', n));
            } catch (e) {
              imp.bad(t('security.import.invalid', { msg: (e.issues || [{ message: e.message }]).slice(0, 3).map((i) => i.message).join('; ') }));
            }
          },
        },
        t('security.import'),
      ),
      imp,
    );
  });
  return el;
}

/** Adds the records of an export's text (JSON or CSV) as the list's import does. */
async function importText(text) {
  const X = await import('./export.js');
  const M = await import('./model.js');
  const incoming = /^\s*[[{]/.test(text) ? await X.fromJSON(text) : X.fromCSV(text);
  let added = 0;
  let kept = 0;
  for (const r of incoming) {
    const old = store.get(r.id);
    if (old && X.toJSON([old]) === X.toJSON([r])) kept++;
    else {
      if (old) M.withId(r);
      store.put(r);
      added++;
    }
  }
  await store.flush();
  return { n: added, kept };
}

/** The panic wipe: a danger zone whose button only works once the confirmation word is typed. */
export function wipeSection() {
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
    else showWipeReport(document.getElementById('main') || document.body, report);
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

export function securityView(_, _q, app) {
  const el = h('div', { class: 'security' }, h('h1', { tabindex: -1 }, t('security.title')), lockSection(app), handoverSection(app), wipeSection());
  return { el, title: t('security.title') };
}
