// Scores over time as lines (the comparison page's chart; charts.js has the others): the app's
// only, so it loads with that page and not with the first screen.
import { s } from '../shared/dom.js';
import { frame } from '../shared/charts.js';

/** Lines over time: series [{name, points: [{date: YYYY-MM-DD, value}]}], scores 0–100. */
export function trend(series, title, tr) {
  const W = 360;
  const H = 190;
  const L = 34;
  const T = 10;
  const PW = W - L - 14;
  const PH = H - T - 34;
  const times = series.flatMap((se) => se.points.map((p) => Date.parse(p.date)));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const X = (d) => L + (t1 > t0 ? ((Date.parse(d) - t0) / (t1 - t0)) * PW : PW / 2);
  const Y = (v) => T + PH - (v / 100) * PH;
  const kids = [];
  for (const g of [0, 25, 50, 75, 100]) {
    kids.push(s('line', { class: 'grid', x1: L, x2: L + PW, y1: Y(g), y2: Y(g) }));
    kids.push(s('text', { class: 'tick', x: L - 5, y: Y(g) + 4, 'text-anchor': 'end' }, tr.num(g, 0)));
  }
  const ends = [...new Set(times)].sort((a, b) => a - b);
  for (const tm of t1 > t0 ? [ends[0], ends.at(-1)] : [ends[0]]) {
    const d = new Date(tm).toISOString().slice(0, 10);
    const anchor = t1 > t0 ? (tm === t0 ? 'start' : 'end') : 'middle';
    kids.push(s('text', { class: 'tick', x: X(d), y: H - 10, 'text-anchor': anchor }, tr.date(d)));
  }
  series.forEach((se, k) => {
    const pts = se.points.filter((p) => p.value != null);
    const cls = `ser s${k % 6}`;
    if (pts.length > 1) kids.push(s('polyline', { class: cls, points: pts.map((p) => `${X(p.date).toFixed(1)},${Y(p.value).toFixed(1)}`).join(' ') }));
    for (const p of pts) kids.push(s('circle', { class: cls, cx: X(p.date).toFixed(1), cy: Y(p.value).toFixed(1), r: 3.5 }));
  });
  const desc = series.map((se) => `${se.name}: ` + se.points.map((p) => `${tr.date(p.date)} ${tr.score(p.value)}`).join(', ')).join('; ');
  return frame(W, H, title, desc, ...kids);
}
