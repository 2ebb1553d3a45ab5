/**
 * A placeholder until the playground (canvas, inspector, playback) lands: it says what Crosstalk
 * is and runs the shipped examples in the browser, showing the same report and trace hash as
 * `npm run sim` — proof that the engine is the same on both sides.
 */
import { useState } from 'react';
import { validateScenario } from '../model/index.ts';
import { simulate, type RunReport } from '../engine/index.ts';
import mm1 from '../../simulations/examples/mm1.json';
import checkout from '../../simulations/examples/checkout.json';

const EXAMPLES = { mm1, checkout } as const;
type ExampleName = keyof typeof EXAMPLES;

export function App() {
  const [report, setReport] = useState<{ name: string; report: RunReport } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = (name: ExampleName) => {
    const result = validateScenario(EXAMPLES[name]);
    if (!result.ok) { setError(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n')); return; }
    setError(null);
    setReport({ name, report: simulate(result.scenario).report });
  };

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 760, margin: '3rem auto', padding: '0 1rem', lineHeight: 1.5 }}>
      <h1>Crosstalk</h1>
      <p>
        Build microservice systems, wire them with sync and async links, inject failures, and watch
        messages travel, retries fire, queues back up and circuit breakers trip. The playground is on
        its way; the deterministic engine underneath is here already.
      </p>
      <p>
        {(Object.keys(EXAMPLES) as ExampleName[]).map((name) => (
          <button key={name} type="button" onClick={() => run(name)} style={{ marginRight: '0.5rem' }}>
            Run the {name} example
          </button>
        ))}
      </p>
      {error && <pre role="alert">{error}</pre>}
      {report && (
        <section aria-label="Run report">
          <h2>{report.name}</h2>
          <p>
            Trace hash <code data-testid="trace-hash">{report.report.traceHash}</code> after{' '}
            {report.report.events.toLocaleString('en')} events.
          </p>
          <table>
            <thead><tr><th>client</th><th>sent</th><th>completed</th><th>failed</th><th>timed out</th><th>p50</th><th>p99</th></tr></thead>
            <tbody>
              {Object.entries(report.report.clients).map(([id, c]) => (
                <tr key={id}>
                  <td>{id}</td><td>{c.sent}</td><td>{c.completed}</td><td>{c.failed}</td><td>{c.timedOut}</td>
                  <td>{c.latency.p50.toFixed(1)} ms</td><td>{c.latency.p99.toFixed(1)} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}
