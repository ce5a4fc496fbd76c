// Charts as SVG with a <title> and <desc> (role="img"), for the app and the embed; the app adds a
// data table as each chart's text alternative (dataTable), the embed lists the figures beside
// it. Colours come from CSS classes so the print and high-contrast styles apply. `tr` is the
// translator (shared/i18n.js) the numbers and dates are written with. (The app's trends over
// time are app/trend.js's: only its comparison page draws them.)
import { h, s, uid } from './dom.js';

/** An SVG chart of `w` × `ht` named by `title` and described by `desc` (the figures as text). */
export function frame(w, ht, title, desc, ...kids) {
  const ti = uid('t');
  const de = uid('d');
  return s(
    'svg',
    { viewBox: `0 0 ${w} ${ht}`, role: 'img', 'aria-labelledby': `${ti} ${de}`, class: 'chart' },
    s('title', { id: ti }, title),
    s('desc', { id: de }, desc),
    ...kids,
  );
}

/** A table that scrolls on its own (a focusable region named by its caption): a header row
 * `head`, and `rows` whose first cell heads the row. `cls`: the region's class besides
 * "scroll"; `shown`: the caption shown (else read out only). */
export function table(caption, head, rows, { cls = '', shown = false } = {}) {
  return h(
    'div',
    { class: `scroll ${cls}`.trim(), tabindex: 0, role: 'region', 'aria-label': caption },
    h(
      'table',
      {},
      h('caption', { class: shown ? null : 'vh' }, caption),
      h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => (i ? h('td', {}, c) : h('th', { scope: 'row' }, c)))))),
    ),
  );
}

/** A details element holding a chart's data as a table. */
export const dataTable = (head, rows, caption, tr) => h('details', { class: 'alt' }, h('summary', {}, tr.t('chart.table')), table(caption, head, rows));

/** Splits a label into lines of about `w` characters. */
export function wrap(text, w) {
  const lines = [''];
  for (const word of text.split(' ')) {
    const l = lines.length - 1;
    if (lines[l] && (lines[l] + ' ' + word).length > w) lines.push(word);
    else lines[l] = lines[l] ? lines[l] + ' ' + word : word;
  }
  return lines;
}

/** The "diamond": one axis per item ({label, value 0–100 | null, lo?, hi?}; at least three
 * axes are drawn), rings every 20, and the 5th–95th percentile band where every item has one. */
export function radar(items, title, tr) {
  const W = 440;
  const H = 320;
  const cx = W / 2;
  const cy = H / 2;
  const R = 92;
  const n = Math.max(items.length, 3);
  const at = (i, r) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
  };
  const poly = (f) => items.map((_, i) => at(i, f(i)).map((x) => x.toFixed(1)).join(',')).join(' ');
  const kids = [];
  for (let g = 20; g <= 100; g += 20) kids.push(s('polygon', { class: 'grid', points: poly(() => (R * g) / 100) }));
  items.forEach((_, i) => {
    const [x, y] = at(i, R);
    kids.push(s('line', { class: 'grid', x1: cx, y1: cy, x2: x.toFixed(1), y2: y.toFixed(1) }));
  });
  if (items.every((it) => it.lo != null && it.hi != null)) {
    const ring = (k) => 'M' + poly((i) => (R * items[i][k]) / 100) + 'Z';
    kids.push(s('path', { class: 'ci', 'fill-rule': 'evenodd', d: `${ring('hi')} ${ring('lo')}` }));
  }
  if (items.every((it) => it.value != null)) kids.push(s('polygon', { class: 'area', points: poly((i) => (R * items[i].value) / 100) }));
  items.forEach((it, i) => {
    if (it.value != null) {
      const [x, y] = at(i, (R * it.value) / 100);
      kids.push(s('circle', { class: 'dot', cx: x.toFixed(1), cy: y.toFixed(1), r: 4 }));
    }
    const [x, y] = at(i, R + 12);
    const side = Math.abs(x - cx) < 1 ? 'middle' : x > cx ? 'start' : 'end';
    const lines = wrap(it.label, side === 'middle' ? 34 : 15);
    const top = y < cy - 1 ? y - (lines.length + 0.1) * 16 : y > cy + 1 ? y + 14 : y - (lines.length * 16) / 2 + 4;
    kids.push(
      s(
        'text',
        { class: 'lbl', x: x.toFixed(1), y: top.toFixed(1), 'text-anchor': side },
        lines.map((l, k) => s('tspan', { x: x.toFixed(1), dy: k ? 16 : 0 }, l)),
        s('tspan', { x: x.toFixed(1), dy: 17, class: 'val' }, tr.score(it.value)),
      ),
    );
  });
  const desc = items.map((it) => `${it.label}: ${tr.score(it.value)}` + (it.hi != null ? ` (${tr.score(it.lo)}–${tr.score(it.hi)})` : '')).join('; ');
  return frame(W, H, title, desc, ...kids);
}

/** A horizontal bar for one 0–100 score (decorative: the number is written beside it), with
 * the uncertainty interval lo–hi drawn over it when given. */
export function bar(v, lo, hi) {
  return s(
    'svg',
    { viewBox: '0 0 100 8', preserveAspectRatio: 'none', class: 'meter', 'aria-hidden': 'true', focusable: 'false' },
    s('rect', { class: 'track', width: 100, height: 8 }),
    v == null ? null : s('rect', { class: 'fill', width: v.toFixed(2), height: 8 }),
    lo == null || hi == null ? null : s('rect', { class: 'ci', x: lo.toFixed(2), y: 3, width: Math.max(hi - lo, 0.5).toFixed(2), height: 2 }),
  );
}
