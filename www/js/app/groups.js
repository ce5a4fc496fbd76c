// Scores by group: the same indicators scored "as experienced by" named groups (identity groups,
// regions, women and men, displaced people), because an average can hide the group that is
// targeted. Stored as `input.groups` ({name: {scores}}, in the order added; the engine's input),
// scored by the engine with the assessment (results `groups`, `group_gaps`, `group_gap` alarms).
// Here: the groups of a record (add, rename, remove), the form's group picker and the results'
// section by group. `tr` is the translator, `F` the Model.
import { h, uid, fill } from '../shared/dom.js';
import { bandChip, alarms as alarmList } from '../shared/results.js';
import { table } from '../shared/charts.js';

/** The engine's limit (src/assessment.rs MAX_GROUPS) and a name's length. */
export const MAX = 100;
const LONGEST = 80;

export const names = (rec) => Object.keys(rec.input.groups ?? {});

/** A new group with a name not yet taken ("Group 3"); returns the name. */
export function addGroup(rec, tr) {
  const taken = new Set(names(rec));
  let n = taken.size + 1;
  while (taken.has(tr.t('group.default', { n }))) n++;
  const name = tr.t('group.default', { n });
  rec.input.groups ??= {};
  // Same shape as the whole's scores: a list per respondent when there are several.
  rec.input.groups[name] = { scores: {} };
  return name;
}

/** Why `name` cannot be group `old`'s new name (a key of translations), or null. */
export function badName(rec, old, name) {
  const n = name.trim();
  if (!n) return 'group.noname';
  if (n.length > LONGEST) return 'group.long';
  if (n !== old && names(rec).includes(n)) return 'group.taken';
  return null;
}

/** Renames group `old` to `name` (trimmed), keeping the groups' order. */
export function renameGroup(rec, old, name) {
  const n = name.trim();
  rec.input.groups = Object.fromEntries(Object.entries(rec.input.groups).map(([k, v]) => [k === old ? n : k, v]));
  return n;
}

export function removeGroup(rec, name) {
  delete rec.input.groups[name];
  if (!names(rec).length) delete rec.input.groups;
}

/** The form's group picker: the whole population (the default), then each named group, whose
 * answers the form's choices show and set while it is picked (`s.group`: null or a name).
 * After any change, the function given to onChange() hears which: 'set' (added, removed,
 * restored), 'pick' (another one picked) or 'name' (a name typed). */
export function groupPicker(s, toast) {
  const { rec } = s;
  const { tr } = s.app;
  const { t } = tr;
  const el = h('div', { class: 'resp groups' });
  let changed = () => {};
  const radios = uid('g');

  function draw() {
    const list = names(rec);
    const add = h(
      'button',
      { type: 'button', 'data-group-add': '', disabled: list.length >= MAX, onclick: () => ((s.group = addGroup(rec, tr)), changed('set')) },
      t('group.add'),
    );
    if (!list.length) return fill(el, h('p', { class: 'muted' }, t('group.none')), add);
    const pick = (name, label) =>
      h('label', { class: 'pick' }, h('input', { type: 'radio', name: radios, checked: s.group === name, 'data-group': name ?? '', onchange: () => ((s.group = name), changed('pick')) }), label);
    const item = (name, k) => {
      const err = h('span', { class: 'hint bad', 'aria-live': 'polite' });
      let stored = name;
      const input = h('input', {
        type: 'text',
        value: name,
        'aria-label': t('group.name', { n: k + 1 }),
        autocomplete: 'off',
        maxlength: LONGEST,
        'data-group-name': k,
        oninput: (e) => {
          const why = badName(rec, stored, e.target.value);
          e.target.toggleAttribute('aria-invalid', !!why);
          err.textContent = why ? t(why) : '';
          if (why || e.target.value.trim() === stored) return;
          const now = renameGroup(rec, stored, e.target.value);
          if (s.group === stored) s.group = now;
          radio.dataset.group = now;
          stored = now;
          changed('name');
        },
        // A name left empty or taken goes back to the one stored.
        onchange: (e) => {
          if (e.target.value.trim() === stored) return;
          e.target.value = stored;
          e.target.removeAttribute('aria-invalid');
          err.textContent = '';
        },
      });
      const label = pick(name, t('group.default', { n: k + 1 }));
      const radio = label.querySelector('input');
      return h('li', {}, label, input, h('button', { type: 'button', class: 'link', onclick: () => drop(stored, k) }, t('group.remove', { n: k + 1 })), err);
    };
    fill(
      el,
      h(
        'fieldset',
        {},
        h('legend', {}, t('group.legend')),
        h('p', { class: 'hint' }, t('group.hint')),
        h('ol', {}, h('li', {}, pick(null, t('group.whole'))), list.map(item)),
        add,
      ),
    );
  }

  function drop(name, k) {
    const before = structuredClone(rec.input.groups);
    removeGroup(rec, name);
    if (s.group === name) s.group = null;
    changed('set');
    toast(tr, t('group.removed', { n: k + 1 }), {
      label: t('undo'),
      run: () => ((rec.input.groups = before), changed('set')),
    });
  }

  draw();
  return { el, draw, onChange: (fn) => (changed = fn) };
}

/** Which population the form's choices are for, while a group is picked: a line kept in view
 * (in the form's sticky bar of pillars). `update()` after a pick or a rename. */
export function scoringFor(s) {
  const el = h('p', { class: 'scoring-for', hidden: true });
  const update = () => {
    el.hidden = s.group == null;
    el.textContent = s.group == null ? '' : s.app.tr.t('group.scoring', { name: s.group });
    el.dataset.scoringFor = s.group ?? '';
  };
  update();
  return { el, update };
}

/** The results by group: each group's overall and pillar scores, per pillar the gap between the
 * best- and worst-off groups, and each group's own alarms. Null without groups. */
export function groupResults(r, F, tr) {
  const gs = r.groups;
  if (!gs?.length) return null;
  const { t, num } = tr;
  const gap = new Map((r.group_gaps ?? []).map((g) => [g.pillar, g]));
  const cell = (g, n, key) =>
    h('span', {}, h('span', { class: 'num', 'data-group': g.name, 'data-p': key }, tr.score(n?.score)), ' ', n?.band ? bandChip(n.band, F, tr) : null);
  const gapCell = (id) => {
    const x = gap.get(id);
    return x ? h('span', { 'data-gap': id }, t('group.gap.v', { gap: num(x.gap), worst: x.worst, best: x.best })) : '–';
  };
  const rows = [
    [t('result.overall'), ...gs.map((g) => cell(g, g.overall, 'overall')), '–'],
    ...F.pillars.map((p) => [tr.tx(p.title), ...gs.map((g) => cell(g, g.pillars[p.id], p.id)), gapCell(p.id)]),
  ];
  const own = gs.filter((g) => g.alarms?.length);
  return h(
    'section',
    { class: 'by-group' },
    h('h2', {}, t('group.results')),
    h('p', { class: 'muted' }, t('group.results.p')),
    table(t('group.results'), [t('result.pillar'), ...gs.map((g) => g.name), t('group.gap')], rows, { cls: 'group-table' }),
    own.length
      ? [
          h('h3', {}, t('group.alarms')),
          own.map((g) => h('div', { 'data-group-alarms': g.name }, h('p', { class: 'small' }, t('group.scoring', { name: g.name })), alarmList(g, F, tr, { level: 4, why: false }))),
        ]
      : null,
    h('p', { class: 'small muted' }, t('group.gap.why')),
  );
}

/** A comparison row's id for a group's overall index: no framework id has a ':' in it. */
export const GROUP = 'group:';

/** The comparison's rows for groups: one per group name found in `results`, in order found. */
export function groupRows(results, tr) {
  const seen = [...new Set(results.flatMap((x) => x?.groups?.map((g) => g.name) ?? []))];
  return seen.map((name) => ({ id: GROUP + name, title: tr.t('group.scoring', { name }) }));
}
