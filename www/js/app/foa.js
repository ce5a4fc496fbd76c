// The UN Framework of Analysis for Atrocity Crimes (2014) beside the score: which of its risk
// factors the scored indicators inform (with the Framework's indicator numbers they relate to),
// and which they do not. Those are not "fine": nothing here speaks to them, so the analyst
// assesses them directly, with the Framework and the warning signs (linked to the form's
// section). From the engine's `foa_coverage`; null for a framework without risk factors.
import { h } from '../shared/dom.js';
import { title } from '../shared/results.js';

export function foaCoverage(r, F, tr, id, { level = 2 } = {}) {
  const cov = r.foa_coverage;
  if (!cov) return null;
  const { t, tx } = tr;
  const factor = (n) => t('foa.factor', { n, title: tx(F.fw.risk_factors?.find((f) => f.id === n)?.title) });
  return h(
    'section',
    { class: 'foa' },
    h(`h${level}`, {}, t('report.foa')),
    h('p', { class: 'small' }, t('report.foa.what')),
    cov.informed.length
      ? h(
          'ul',
          { class: 'informed' },
          cov.informed.map((f) =>
            h(
              'li',
              { 'data-factor': f.risk_factor },
              h('strong', {}, factor(f.risk_factor)),
              ' ',
              h('span', { class: 'refs' }, t('foa.refs', { refs: f.foa.join(', ') })),
              h('br'),
              h('span', { class: 'small muted' }, t('foa.by', { names: f.indicators.map((i) => title(F, tr, i)).join('; ') })),
            ),
          ),
        )
      : h('p', {}, t('foa.none')),
    cov.not_informed.length
      ? h(
          'div',
          { class: 'open' },
          h('h3', {}, t('foa.open')),
          h('ul', { class: 'not-informed' }, cov.not_informed.map((n) => h('li', { 'data-factor': n }, factor(n)))),
          h('p', {}, h('a', { href: `#/a/${encodeURIComponent(id)}?s=signs` }, t('foa.direct'))),
        )
      : null,
  );
}
