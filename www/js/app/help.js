// "How scoring works": the framework's own texts and the method in plain words.
import { h } from '../shared/dom.js';
import { bandChip } from '../shared/results.js';
import * as store from './storage.js';

export function helpView(app, _, q) {
  const { t, tx, num } = app.tr;
  const F = app.models.current;
  const fw = F.fw;
  const heads = {};
  // Each section's heading can be the page's focus: #/help?s=versions opens at that section.
  const sec = (key, ...kids) => [(heads[key] = h('h2', { id: `help-${key}`, tabindex: -1 }, t(`help.${key}`))), ...kids];
  const p = (key) => h('p', {}, t(key));
  const el = h(
    'article',
    { class: 'help' },
    h('h1', { tabindex: -1 }, t('help.title')),
    h('p', { class: 'lead' }, tx(fw.description)),
    store.has('example') ? h('p', {}, h('a', { href: '#/a/example', class: 'btn' }, t('help.example'))) : null,
    sec('pillars', h('dl', {}, F.pillars.map((x) => [h('dt', {}, tx(x.title)), h('dd', {}, tx(x.description))]))),
    sec('anchors', p('help.anchors.p')),
    sec('calc', p('help.calc.p1'), p('help.calc.p2')),
    sec(
      'bands',
      h(
        'table',
        { class: 'bands' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('result.band')), h('th', { scope: 'col' }, t('help.range')))),
        h('tbody', {}, fw.bands.map((b) => {
          const x = F.band(b.id);
          // Ranges that do not overlap: "12.5 to under 37.5", the last one up to 100 included.
          const v = (y) => num(y, Number.isInteger(y) ? 0 : 1);
          const range = x.max >= 100 ? t('help.range.last', { from: v(x.min), to: v(100) }) : t('help.range.v', { from: v(x.min), to: v(x.max) });
          return h('tr', {}, h('th', { scope: 'row' }, bandChip(b.id, F, app.tr)), h('td', {}, range));
        })),
      ),
    ),
    sec('multi', p('help.multi.p')),
    sec('unc', p('help.unc.p1'), p('help.unc.p2')),
    sec('reform', p('help.reform.p1'), p('help.reform.p2')),
    sec('groups', p('help.groups.p')),
    sec('team', p('help.team.p1'), p('help.team.p2'), p('help.team.p3'), p('help.team.p4')),
    sec('flags', p('help.flags.p'), p('help.alarms.p')),
    sec('notrisk', p('help.notrisk.p')),
    // Beside the score (issue #16): warning signs, evidence and confidence, the Framework of Analysis.
    sec('signs', p('help.signs.p1'), p('help.signs.p2')),
    sec('evidence', p('help.evidence.p1'), p('help.evidence.p2')),
    sec('foa', p('help.foa.p1'), p('help.foa.p2')),
    // Which framework scores which assessment, and what changed between versions.
    sec('versions', h('p', {}, t('help.versions.p1', { current: fw.version })), p('help.versions.p2'), p('help.versions.p3')),
    sec('privacy', p('help.privacy.p1'), p('help.privacy.p2'), p('help.privacy.p3')),
  );
  return { el, title: t('help.title'), focus: heads[q?.get('s')] ?? null };
}
