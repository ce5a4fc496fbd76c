// The header's "Lock" button, shown while a passphrase is set (kept apart from security.js,
// which loads only when its page or the unlock screen is needed). Its text follows the
// language through data-t (app.js, applyStatic).
import { h } from '../shared/dom.js';
import * as vault from './vault.js';

export function lockButton(tr) {
  document.getElementById('lock-now')?.remove();
  if (!vault.enabled()) return;
  const b = h('button', { type: 'button', id: 'lock-now', class: 'lock', 'data-t': 'security.lock', onclick: () => vault.lock() }, tr.t('security.lock'));
  document.querySelector('.bar')?.append(b);
}
