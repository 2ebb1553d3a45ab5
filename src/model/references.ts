/**
 * Where a document names a node by its id, in one place: a client's target, each call of a
 * service's plan and a call's fallback service, a gateway's routes (one service or several to
 * aggregate), a load balancer's service, and a link's ends and fallback service. Whatever moves or
 * copies nodes (paste, duplicate) rewrites references through `retargetNode` and `retargetLink`,
 * so a field added here is rewritten everywhere, and a new kind of node does not compile until it
 * says what it names. Faults and changes name nodes too, but they are never copied with them.
 */
import { callsOf, type CallStep, type ScenarioInput } from './scenario.ts';

type NodeInput = ScenarioInput['nodes'][number];
type LinkInput = NonNullable<ScenarioInput['links']>[number];
type CallStepInput = NonNullable<Extract<NodeInput, { kind: 'service' }>['calls']>[number];
type CallInput = Extract<CallStepInput, { to: string }>;
type FallbackInput = NonNullable<CallInput['fallback']>;

/** The node a reference to `id` now names, or undefined: the reference goes (it led nowhere any more). */
export type Retarget = (id: string) => string | undefined;

/**
 * `node` with every node it names retargeted. A reference that goes takes with it what only it
 * gave a meaning to: a call (and a parallel step left empty), a call's fallback service, a route
 * (a gateway left without any keeps its first prefix with no service, as a new one has); a
 * client's target or a load balancer's service becomes '' (unconnected, as a new one is).
 */
export function retargetNode(node: NodeInput, to: Retarget): NodeInput {
  switch (node.kind) {
    case 'client':
      return { ...node, target: to(node.target) ?? '' };
    case 'loadBalancer':
      return { ...node, to: to(node.to) ?? '' };
    case 'service':
      return node.calls ? { ...node, calls: retargetPlan(node.calls, to) } : node;
    case 'gateway': {
      const routes = node.routes.flatMap((route) => {
        if (route.aggregate !== undefined) {
          const aggregate = route.aggregate.flatMap((id) => to(id) ?? []);
          return aggregate.length > 0 ? [{ ...route, aggregate }] : [];
        }
        if (route.to === undefined || route.to === '') return [route];
        const target = to(route.to);
        return target === undefined ? [] : [{ ...route, to: target }];
      });
      return { ...node, routes: routes.length > 0 || node.routes.length === 0 ? routes : [{ prefix: node.routes[0].prefix, to: '' }] };
    }
    case 'queue':
    case 'topic':
    case 'stream':
    case 'registry':
      return node;
    default:
      return unknownKind(node);
  }
}

/** `link` with its ends and fallback service retargeted, or undefined if an end goes (so the link goes). */
export function retargetLink(link: LinkInput, to: Retarget): LinkInput | undefined {
  const from = to(link.from),
    end = to(link.to);
  if (from === undefined || end === undefined) return undefined;
  const { fallback, ...rest } = link;
  const kept = retargetFallback(fallback, to);
  return kept === undefined ? { ...rest, from, to: end } : { ...rest, from, to: end, fallback: kept };
}

/** Every node `node` names (its target, calls, fallbacks, routes…), in order, repeats included. */
export function nodeReferences(node: NodeInput): string[] {
  const named: string[] = [];
  retargetNode(node, (id) => {
    if (id !== '') named.push(id);
    return id;
  });
  return named;
}

function retargetPlan(steps: readonly CallStepInput[], to: Retarget): CallStepInput[] {
  const out: CallStepInput[] = [];
  for (const step of steps) {
    const calls = callsOf(step as CallStep).flatMap((call): CallInput[] => {
      const target = to(call.to);
      if (target === undefined) return [];
      const { fallback, ...rest } = call as CallInput;
      const kept = retargetFallback(fallback, to);
      return [kept === undefined ? { ...rest, to: target } : { ...rest, to: target, fallback: kept }];
    });
    if (calls.length === 0) continue;
    out.push('parallel' in step ? { ...step, parallel: calls } : calls[0]);
  }
  return out;
}

function retargetFallback(fallback: FallbackInput | undefined, to: Retarget): FallbackInput | undefined {
  if (fallback?.kind !== 'service') return fallback;
  const target = to(fallback.to);
  return target === undefined ? undefined : { ...fallback, to: target };
}

/** A kind added to the schema lands here, at compile time, until `retargetNode` says what it names. */
function unknownKind(node: never): never {
  throw new Error(`references: unknown node kind ${JSON.stringify((node as { kind?: unknown }).kind)}`);
}
