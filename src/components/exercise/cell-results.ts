/** The cell's results as the page shows them: the list of checks, and the attempts that were blocked. */
import { SANDBOX_PROMISE } from '../../lib/grading/blocked';
import type { Check, GradeReport } from '../../lib/grading/types';

/** How many blocked attempts the cell lists; a flood of them is counted, not listed. */
const SHOWN_ATTEMPTS = 5;

function paragraph(text: string, className?: string): HTMLElement {
  return Object.assign(document.createElement('p'), { textContent: text, ...(className ? { className } : {}) });
}

/** Fills the server-rendered list of checks (one `<li>` per check) with a run's results; none: pending. */
export function renderChecks(list: HTMLElement, checks: readonly Check[]): void {
  const items = [...list.children] as HTMLElement[];
  items.forEach((item, i) => {
    const check = checks[i];
    item.dataset.state = check ? (check.pass ? 'pass' : 'fail') : 'pending';
    const parts: (string | Node)[] = [
      Object.assign(document.createElement('span'), {
        className: 'check-title',
        textContent: check?.title ?? item.querySelector('.check-title')?.textContent ?? '',
      }),
    ];
    if (check) {
      parts.unshift(Object.assign(document.createElement('span'), { className: 'check-mark', textContent: check.pass ? '✓ pass' : '✗ fail' }));
      parts.push(Object.assign(document.createElement('span'), { className: 'check-message', textContent: check.message }));
      if (check.hint) parts.push(Object.assign(document.createElement('span'), { className: 'check-hint', textContent: `Hint: ${check.hint}` }));
    }
    item.replaceChildren(...parts);
  });
}

/** Lists a run's blocked attempts (described lines, oldest first), or hides the box when there are none. */
export function renderBlocked(box: HTMLElement, attempts: readonly string[]): void {
  box.hidden = attempts.length === 0;
  if (box.hidden) return box.replaceChildren();
  const shown = attempts.slice(-SHOWN_ATTEMPTS);
  const earlier = attempts.length - shown.length;
  box.replaceChildren(
    ...(earlier > 0 ? [paragraph(`${earlier} more attempt${earlier === 1 ? '' : 's'} before these.`)] : []),
    ...shown.map((line) => paragraph(line)),
    paragraph(SANDBOX_PROMISE, 'cell-blocked-why'),
  );
}

/** The verdict's words for a report that did not pass. */
export function verdictFor(report: GradeReport): string {
  const failed = report.checks.filter((c) => !c.pass).length;
  if (report.error?.kind === 'syntax') return `Syntax error on line ${report.error.position?.line ?? '?'}: fix it and run the checks again.`;
  return `${failed} of ${report.checks.length} checks failed. The first one says where to look.`;
}
