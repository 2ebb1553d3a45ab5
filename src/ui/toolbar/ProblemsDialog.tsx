/**
 * Every problem that stopped a file or a share link from opening, each with where it is (a path
 * such as `nodes[2].workers`) and what is wrong, and a reminder that nothing was changed.
 */
import type { Problem } from '../../model/index.ts';
import { Dialog } from './Dialog.tsx';

export interface ProblemReport {
  /** The dialog's title and accessible name, e.g. "Import failed". */
  readonly title: string;
  /** One sentence on what was attempted and what was kept. */
  readonly summary: string;
  readonly problems: readonly Problem[];
}

export function ProblemsDialog({ report, onClose }: { report: ProblemReport; onClose: () => void }) {
  const count = report.problems.length;
  return (
    <Dialog title={report.title} role="alertdialog" onClose={onClose}>
      <p>{report.summary}</p>
      <p className="dialog-count">{count} problem{count === 1 ? '' : 's'}:</p>
      <ul className="problem-list">
        {report.problems.map((problem, i) => (
          <li key={i} className="problem">
            <code className="problem-path">{problem.path === '' ? '(document)' : problem.path}</code>
            <span className="visually-hidden">: </span>
            <span className="problem-message">{problem.message}</span>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>Close</button>
      </div>
    </Dialog>
  );
}
