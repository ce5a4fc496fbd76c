// Warning signs and triggers: a step of the form after the pillars, set apart from them
// because they never change the resilience score (they are read beside it, and with an alarm
// or a weak pillar raise the early-warning alert). One item per entry of the framework's
// instrument (`context`): its title and guidance, present / absent / unknown (or not assessed
// yet), when, and a note. Stored in the record's input as `context: {id: {status, date, note}}`;
// each change at once (the section sends 'record-change', which the form stores).
import { h, uid } from '../shared/dom.js';
import { STATUSES } from '../shared/model.js';
import { dateField } from './datefield.js';

/** The section for record `rec` under Model `F`, and its entry (an option) for the list of the
 * form's bar; null when the framework has no warning signs (versions before 2.1.0). */
export function signsSection(rec, F, tr) {
  const items = F.fw.context ?? [];
  if (!items.length) return null;
  const { t, tx } = tr;
  const progress = h('span', { class: 'prog' });
  const option = h('option', { value: 'signs' });
  const get = (id) => rec.input.context?.[id] ?? {};
  const count = () => {
    const n = items.filter((c) => STATUSES.includes(get(c.id).status)).length;
    progress.textContent = t('signs.progress', { k: n, n: items.length });
    option.textContent = `${t('signs.title')} · ${tr.num(n, 0)}/${tr.num(items.length, 0)}`;
  };

  /** Changes item `id`'s answer with `fn(copy)`; empty members and entries go. */
  function set(id, fn, from) {
    const all = (rec.input.context ??= {});
    const v = { ...all[id] };
    fn(v);
    for (const k of Object.keys(v)) if (!v[k]) delete v[k];
    if (Object.keys(v).length) all[id] = v;
    else delete all[id];
    if (!Object.keys(all).length) delete rec.input.context;
    // When it was edited, for team merges (team-data.js, docs/team.md).
    (rec.input._context_edited ??= {})[id] = new Date().toISOString();
    count();
    from.dispatchEvent(new Event('record-change', { bubbles: true }));
  }

  const item = (c) => {
    const v = get(c.id);
    const gid = uid('g');
    const more = h(
      'div',
      { class: 'more', hidden: !STATUSES.includes(v.status) },
      dateField(tr, t('signs.date'), v.date, `cd-${c.id}`, (d) => set(c.id, (x) => (x.date = d), more)),
      h('label', { class: 'field' }, h('span', { class: 'lab' }, t('signs.note')), h('textarea', { name: `cn-${c.id}`, rows: 2, maxlength: 5000, oninput: (e) => set(c.id, (x) => (x.note = e.target.value), more) }, v.note ?? '')),
    );
    const choice = (status) =>
      h(
        'label',
        { class: 'ch' },
        h('input', {
          type: 'radio',
          name: `c-${c.id}`,
          value: status,
          checked: (v.status ?? '') === status,
          onchange: (e) => {
            more.hidden = !status; // (what was written stays, hidden, for when it is answered again)
            set(c.id, (x) => (x.status = status), e.target);
          },
        }),
        h('span', { class: status ? null : 'ns' }, t(`signs.status.${status || 'none'}`)),
      );
    return h(
      'fieldset',
      { class: `sign k-${c.kind}`, id: `c-${c.id}`, 'data-sign': c.id, 'aria-describedby': gid },
      h('legend', {}, tx(c.title)),
      h('p', { class: 'q', id: gid }, tx(c.guidance)),
      h('div', { class: 'choices row' }, [...STATUSES, ''].map(choice)),
      more,
    );
  };

  const group = (kind) => {
    const list = items.filter((c) => c.kind === kind);
    return list.length ? [h('h3', {}, t(`signs.kind.${kind}`)), h('p', { class: 'muted small' }, t(`signs.kind.${kind}.hint`)), list.map(item)] : null;
  };

  const el = h(
    'section',
    { class: 'signs', id: 'p-signs', 'aria-labelledby': 'h-signs' },
    h('h2', { id: 'h-signs', tabindex: -1 }, t('signs.title'), ' ', progress),
    h('p', { class: 'apart' }, t('signs.apart')),
    group('sign'),
    group('trigger'),
  );
  count();
  return { el, option };
}
