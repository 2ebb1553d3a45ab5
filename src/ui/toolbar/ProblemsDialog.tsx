/**
 * Every problem that stopped a file or a share link from opening, each with where it is (a path
 * such as `nodes[2].workers`) and what is wrong, and a reminder that nothing was changed.
 */
import { describeMore, summarizeProblems, type Problem, type ProblemTally } from '../../model/index.ts';
import { Dialog } from './Dialog.tsx';

export interface ProblemReport {
  /** The dialog's title and accessible name, e.g. "Import failed". */
  readonly title: string;
  /** One sentence on what was attempted and what was kept. */
  readonly summary: string;
  readonly problems: readonly Problem[];
  /** Problems validation counted by kind without keeping them (a flood). */
  readonly omitted?: readonly ProblemTally[];
}

export function ProblemsDialog({ report, onClose }: { report: ProblemReport; onClose: () => void }) {
  // The first hundred in full, the rest counted by kind: a file with a million problems stays readable.
  const summary = summarizeProblems(report.problems, report.omitted);
  const count = summary.total;
  return (
    <Dialog title={report.title} role="alertdialog" onClose={onClose}>
      <p>{report.summary}</p>
      <p className="dialog-count">
        {count.toLocaleString('en')} problem{count === 1 ? '' : 's'}:
      </p>
      <ul className="problem-list">
        {summary.shown.map((problem, i) => (
          <li key={i} className="problem">
            <code className="problem-path">{problem.path === '' ? '(document)' : problem.path}</code>
            <span className="visually-hidden">: </span>
            <span className="problem-message">{problem.message}</span>
          </li>
        ))}
      </ul>
      {summary.more.length > 0 && <p className="dialog-more">{describeMore(summary)}</p>}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
