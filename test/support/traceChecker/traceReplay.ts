/**
 * The trace replay: walks a run's trace row by row against the checker's own small model of the
 * engine's rules, independent of the engine's counters, and rebuilds what the run should have
 * counted. The rows of each type are checked in requestRows.ts, replyRows.ts,
 * stateAndFaultRows.ts and changeRows.ts; this file holds the state they share, the main loop, and the checks that
 * span rows (what the next rows must be, and what must hold whenever the clock moves).
 */
import type { Scenario } from '../../../src/model/index.ts';
import {
  CallStatus,
  CALL_STATUS_NAMES,
  SERVICE_MODE_NAMES,
  ServiceMode,
  TraceType,
  TRACE_TYPE_NAMES,
  type Simulation,
} from '../../../src/engine/index.ts';
import { DropReason } from '../../../src/engine/trace/eventTypes.ts';
import { ActiveFaults, accepting } from './activeFaults.ts';
import { checkFill, onChange } from './changeRows.ts';
import { CallReplay, TraceCounters, Where } from './replayState.ts';
import { onReceive, onAbandon, onReject, onReply, onTimeout } from './replyRows.ts';
import { onArrive, onDrop, onQueue, onSend, onStart, onWorkDone } from './requestRows.ts';
import { buildScenarioModel, type PlanEntry, type ScenarioModel } from './scenarioModel.ts';
import { onFault, onState } from './stateAndFaultRows.ts';

/**
 * What the checked runs exercised, filled in by `checkRun` (accumulating over runs), so a test can
 * require that every outcome occurred: otherwise passing checks would prove little.
 */
export interface RunStats {
  /** Trace rows by type name. */
  readonly rows: Record<string, number>;
  /** Calls by final status name. */
  readonly statuses: Record<string, number>;
  /** DROP rows by reason code. */
  readonly drops: Record<string, number>;
  /** REJECT rows by reason code. */
  readonly rejects: Record<string, number>;
}

/** One trace row: its columns, named as in the trace log (`a`, `b`: per-type operands, see eventTypes.ts). */
export interface TraceRow {
  /** Row index in the trace. */
  readonly i: number;
  /** Simulated time, ms. */
  readonly t: number;
  readonly type: number;
  readonly node: number;
  readonly a: number;
  readonly b: number;
  /** The row as problems name it. */
  readonly at: string;
}

/** What the next row must (or, if optional, may only) be: set when a row's consequence is immediate. */
export interface Expectation {
  readonly what: string;
  /** True: the trace may end here instead. */
  readonly optional: boolean;
  readonly test: (type: number, node: number, a: number, b: number) => boolean;
}

/** The sub-calls a service must send next, in order: what remains of the current step of its plan. */
export interface PendingSends {
  readonly parent: number;
  readonly entries: PlanEntry[];
}

/** Replays one run's trace; problems found go to `problems` (at most 20, the first ones). */
export class TraceReplay {
  readonly problems: string[] = [];
  /** The run's trace and call table: the engine's records, checked against the replay, never trusted. */
  readonly trace: Simulation['rt']['trace'];
  readonly calls: Simulation['rt']['calls'];
  readonly nodeIds: readonly string[];
  /** The clock at the end of the run. */
  readonly until: number;
  readonly nCalls: number;
  readonly stats: RunStats | undefined;
  /** The scenario by index, with each service's and client's replay state. */
  readonly model: ScenarioModel;
  /** The faults active at the current row. */
  readonly active: ActiveFaults;
  readonly perCall: CallReplay;
  readonly counters: TraceCounters;
  /** The id the next SEND must have: the engine numbers calls as they are sent. */
  nextCall = 0;
  /** Set by a row whose consequence must be the very next row; that row checks and clears it. */
  expectNext: Expectation | undefined;
  /** Set while a service sends a step's sub-calls: they must come next, in plan order. */
  sends: PendingSends | undefined;
  /** Set when a change grew a pool: these requests (the head of the line) must start next, in order. */
  fills: { readonly node: number; readonly rows: { type: number; call: number }[] } | undefined;
  /** 1 for each change (by index) whose CHANGE row has been seen. */
  readonly changesSeen: Uint8Array;
  /** Time of the previous row (−∞ before the first). */
  private prevT = -Infinity;

  constructor(scenario: Scenario, sim: Simulation, stats: RunStats | undefined) {
    const { trace, calls, nodeIds } = sim.rt;
    this.trace = trace;
    this.calls = calls;
    this.nodeIds = nodeIds;
    this.until = sim.now;
    this.nCalls = calls.length;
    this.stats = stats;
    this.model = buildScenarioModel(scenario, sim, (message) => this.fail(message));
    this.active = new ActiveFaults(this.model);
    this.perCall = new CallReplay(this.nCalls);
    this.counters = new TraceCounters(this.model.links.length);
    this.changesSeen = new Uint8Array(this.model.changes.length);
  }

  /** Records a problem; only the first 20 are kept, as later ones mostly follow from those. */
  fail(message: string): void {
    if (this.problems.length < 20) this.problems.push(message);
  }

  /** Replays every row, then checks that nothing the trace promised is missing at its end. */
  run(): void {
    const { trace, stats } = this;
    const n = trace.length;
    for (let i = 0; i < n; i++) {
      const t = trace.time(i),
        type = trace.type(i),
        node = trace.node(i),
        a = trace.a(i),
        b = trace.b(i);
      if (stats) stats.rows[TRACE_TYPE_NAMES[type]] = (stats.rows[TRACE_TYPE_NAMES[type]] ?? 0) + 1;
      const row: TraceRow = {
        i,
        t,
        type,
        node,
        a,
        b,
        at: `row ${i} t=${t} ${TRACE_TYPE_NAMES[type] ?? type}(node=${node}, a=${a}, b=${b})`,
      };
      this.advanceClock(row);
      this.checkExpected(row);
      const isCall =
        type !== TraceType.STATE && type !== TraceType.FAULT_START && type !== TraceType.FAULT_END && type !== TraceType.CHANGE;
      if (isCall && (a < 0 || a >= this.nCalls)) {
        this.fail(`${row.at}: no such call`);
        continue;
      }
      this.dispatch(row);
    }
    this.boundaryChecks(this.prevT);
    this.integrate(this.until - Math.max(0, this.prevT));
    if (this.expectNext && !this.expectNext.optional) this.fail(`end of trace: expected ${this.expectNext.what}`);
    if (this.sends) this.fail(`end of trace: call ${this.sends.parent}'s sub-calls were not all sent`);
    if (this.fills)
      this.fail(
        `end of trace: ${this.nodeIds[this.fills.node]}'s grown pool did not start ${this.fills.rows.map((x) => x.call).join(', ')}`,
      );
    // Changes are control events: one due at or before the end has taken effect.
    this.model.changes.forEach((ch, k) => {
      if (ch.at <= this.until && !this.changesSeen[k]) this.fail(`end of trace: change ${k} (at ${ch.at}) never took effect`);
    });
  }

  /** Rows come in time order within the run; when time moves on, what held until now is checked and integrated. */
  private advanceClock({ t, at }: TraceRow): void {
    if (!(t >= this.prevT)) this.fail(`${at}: time goes backwards (previous row at ${this.prevT})`);
    if (t > this.until) this.fail(`${at}: after the end of the run (${this.until})`);
    if (t > this.prevT) {
      this.boundaryChecks(this.prevT);
      this.integrate(t - Math.max(0, this.prevT));
      this.prevT = t;
    }
  }

  /** The row must be what the previous rows made certain: an expectation, or a service's next sub-call. */
  private checkExpected({ type, node, a, b, at }: TraceRow): void {
    if (this.expectNext) {
      if (!this.expectNext.test(type, node, a, b)) this.fail(`${at}: expected ${this.expectNext.what}`);
      this.expectNext = undefined;
    }
    if (this.fills) checkFill(this, type, node, a, at);
    // A drop of the sub-call just sent may come between two sends of one step.
    if (this.sends && type !== TraceType.DROP) {
      const e = this.sends.entries[0];
      if (type !== TraceType.SEND || this.calls.parent[a] !== this.sends.parent || this.calls.callee[a] !== e.callee || b !== e.link) {
        this.fail(`${at}: expected call ${this.sends.parent}'s next sub-call to ${this.nodeIds[e.callee]}`);
        this.sends = undefined;
      }
    }
  }

  private dispatch(row: TraceRow): void {
    switch (row.type) {
      case TraceType.SEND:
        onSend(this, row);
        break;
      case TraceType.DROP:
        onDrop(this, row);
        break;
      case TraceType.ARRIVE:
        onArrive(this, row);
        break;
      case TraceType.QUEUE:
        onQueue(this, row);
        break;
      case TraceType.START:
        onStart(this, row);
        break;
      case TraceType.WORK_DONE:
        onWorkDone(this, row);
        break;
      case TraceType.REPLY:
        onReply(this, row);
        break;
      case TraceType.REJECT:
        onReject(this, row);
        break;
      case TraceType.RECEIVE:
      case TraceType.LATE_REPLY:
        onReceive(this, row);
        break;
      case TraceType.TIMEOUT:
        onTimeout(this, row);
        break;
      case TraceType.ABANDON:
        onAbandon(this, row);
        break;
      case TraceType.STATE:
        onState(this, row);
        break;
      case TraceType.FAULT_START:
      case TraceType.FAULT_END:
        onFault(this, row);
        break;
      case TraceType.CHANGE:
        onChange(this, row);
        break;
      default:
        this.fail(`${row.at}: unknown row type`);
    }
  }

  /**
   * A message of call c was just sent from node `from` to `to` over link l: a certain drop (at
   * `dropNode`, the sender) must follow at once, or, on a link that cannot lose it, must not.
   */
  expectMessageFate(c: number, from: number, to: number, l: number, dropNode: number): void {
    if (this.active.cut(from, to))
      this.expectNext = {
        what: `drop of call ${c} (partition)`,
        optional: false,
        test: (ty, nd, a, b) => ty === TraceType.DROP && a === c && b === DropReason.PARTITION && nd === dropNode,
      };
    else if (this.active.lossOn(l) >= 1)
      this.expectNext = {
        what: `drop of call ${c} (loss)`,
        optional: false,
        test: (ty, nd, a, b) => ty === TraceType.DROP && a === c && b === DropReason.LOSS && nd === dropNode,
      };
    else if (this.active.lossOn(l) <= 0)
      this.expectNext = { what: `no drop of call ${c}`, optional: true, test: (ty, _nd, a) => !(ty === TraceType.DROP && a === c) };
  }

  /** The outcome of call c is decided: its callee's reply must be the next row. */
  expectReply(c: number, status: number): void {
    this.expectNext = {
      what: `reply ${CALL_STATUS_NAMES[status]} to call ${c}`,
      optional: false,
      test: (ty, _nd, a, b) => ty === TraceType.REPLY && a === c && b === status,
    };
  }

  /**
   * Request c at service s begins step k of the plan in force: its sub-calls must be sent next,
   * in order. (A request reads the plan at every step, so a plan changed meanwhile applies to its next step.)
   */
  beginStep(c: number, s: number, k: number): void {
    const { step, stepSize, outstanding, stepFailed, firstChild, where } = this.perCall;
    const plan = this.model.services[s]!.plan;
    step[c] = k;
    stepSize[c] = plan[k].length;
    outstanding[c] = plan[k].length;
    stepFailed[c] = 0;
    firstChild[c] = -1;
    where[c] = Where.CALLING;
    this.sends = { parent: c, entries: [...plan[k]] };
  }

  /** The range of time a message sent now over link l may take: protocol overhead, latency, latency faults. */
  wireTime(l: number): [number, number] {
    const lk = this.model.links[l];
    const base = lk.overhead + this.active.extraOn(l);
    return [base + lk.latency[0], base + lk.latency[1]];
  }

  /** A sub-call of `p` ended, as its caller saw it; when the step is complete, `p` goes on or replies. */
  childEnded(p: number, child: number, failed: boolean, t: number): void {
    const { step, stepSize, outstanding, stepFailed, firstChild, where } = this.perCall;
    const s = this.calls.callee[p];
    const svc = this.model.services[s];
    if (!svc || where[p] !== Where.CALLING || !svc.busy.has(p)) {
      this.fail(`t=${t}: sub-call ${child} ended but its parent ${p} is not waiting on calls`);
      return;
    }
    const n = stepSize[p];
    if (child < firstChild[p] || child >= firstChild[p] + n)
      this.fail(`t=${t}: sub-call ${child} ended but is not in the current step of ${p}`);
    if (failed) stepFailed[p] = 1;
    if (--outstanding[p] > 0) return;
    if (stepFailed[p]) this.expectReply(p, CallStatus.ERROR);
    else if (step[p] + 1 < svc.plan.length) this.beginStep(p, s, step[p] + 1);
    else this.expectReply(p, CallStatus.OK);
  }

  /** Adds dt of the current busy workers, line lengths and pool sizes to each service's time integrals. */
  private integrate(dt: number): void {
    for (const svc of this.model.services) {
      if (!svc) continue;
      svc.busyArea += svc.busy.size * dt;
      svc.lineArea += svc.line.length * dt;
      svc.poolArea += svc.workers * dt;
      if (dt > 0) svc.peakLoad = Math.max(svc.peakLoad, svc.busy.size / svc.workers);
    }
  }

  /**
   * What must hold once all rows at time t are replayed (within one instant, states pass through
   * steps that would break these): no idle worker beside a waiting request, degraded exactly
   * while impaired, crashed exactly while a crash fault is in force (overlapping ones too), and
   * nothing held while not taking requests.
   */
  private boundaryChecks(t: number): void {
    this.model.services.forEach((svc, s) => {
      if (!svc) return;
      const crashes = this.active.of('crash').filter((f) => this.model.nodeIndex.get(f.target) === s).length;
      if ((svc.mode === ServiceMode.CRASHED) !== crashes > 0)
        this.fail(`t=${t}: ${svc.id} is ${SERVICE_MODE_NAMES[svc.mode]} with ${crashes} crash faults active`);
      if (accepting(svc.mode)) {
        if (svc.line.length > 0 && svc.busy.size < svc.workers)
          this.fail(`t=${t}: ${svc.id} has ${svc.line.length} waiting and a free worker`);
        if ((svc.mode === ServiceMode.DEGRADED) !== this.active.impairmentsOf(s) > 0)
          this.fail(`t=${t}: ${svc.id} is ${SERVICE_MODE_NAMES[svc.mode]} with ${this.active.impairmentsOf(s)} slow/error faults active`);
      } else if (svc.line.length > 0 || svc.busy.size > 0) {
        this.fail(`t=${t}: ${svc.id} is ${SERVICE_MODE_NAMES[svc.mode]} but holds ${svc.line.length + svc.busy.size} requests`);
      }
    });
  }
}
