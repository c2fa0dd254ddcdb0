// How times, durations and states read on every page.

export function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toLocaleString(undefined, {hour12: false});
}

export function duration(fromIso, toIso) {
  if (!fromIso) return '';
  const ms = (toIso ? new Date(toIso) : new Date()) - new Date(fromIso);
  return millis(ms);
}

export function millis(ms) {
  if (!(ms >= 0)) return '';
  const s = ms / 1000;
  if (s < 60) return s.toFixed(s < 10 ? 1 : 0) + ' s';
  const m = Math.floor(s / 60);
  if (m < 60) return m + ' min ' + Math.round(s % 60) + ' s';
  return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
}

export function age(iso) {
  if (!iso) return '';
  return millis(new Date() - new Date(iso)) + ' ago';
}

export function ended(job) {
  return job.completedAt || job.failedAt || job.cancelledAt || null;
}

export const FINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'SKIPPED']);

/** A state as a badge whose colour says what it is. */
export function stateClass(state) {
  return 'state state-' + String(state || 'unknown').toLowerCase().replace(/[^a-z_]/g, '');
}
