/**
 * An API gateway's properties: its routes (a path prefix each, and where its requests go: one
 * service, or several at once for one aggregated response), whether it checks tokens, each
 * client's rate limit, and its own pool, line and work. And, on a client that sends to a gateway,
 * the path of its requests and the shares of bad tokens it sends.
 *
 * The routes are one value in the document, checked as one: each edit (a prefix, a destination,
 * a route added or removed) commits the whole list, validated by the schema (a prefix used twice,
 * a service the gateway has no link to), one undo step. None of this can change mid-run: an edit
 * during a run applies from the start, and the run is simulated again (a notice says so).
 */
import { useId, useState } from 'react';
import type { NodeInput } from '../../../store/document/commands.ts';
import { useDocument } from '../../app/stores.tsx';
import { routeDestination } from '../../canvas/nodes/GatewayRoutes.tsx';
import { CheckboxField } from '../fields/CheckboxField.tsx';
import { DistributionEditor } from '../fields/DistributionEditor.tsx';
import { LimitField } from '../fields/LimitField.tsx';
import { NumberField } from '../fields/NumberField.tsx';
import { PolicyGroup } from '../fields/PolicyGroup.tsx';
import { SelectField } from '../fields/SelectField.tsx';
import { TextField } from '../fields/TextField.tsx';
import type { FieldPath } from '../schemaInfo.ts';
import { linkedServices } from '../topologyQueries.ts';
import { useCommitter, type Commit } from '../useFieldValidation.ts';
import { useDescription } from '../useSchemaInfo.ts';

type Gateway = Extract<NodeInput, { kind: 'gateway' }>;
type Client = Extract<NodeInput, { kind: 'client' }>;
type Route = Gateway['routes'][number];

/** The "Goes to" choice that makes a route aggregate (no service id can be it: ids have no asterisk). */
const AGGREGATE = '*aggregate';

/** A prefix no route has yet: `/<service>` for the service it goes to, else `/route-N`. */
export function freshPrefix(routes: readonly Route[], service: string | undefined): string {
  const used = new Set(routes.map((r) => r.prefix));
  if (service && !used.has(`/${service}`)) return `/${service}`;
  for (let n = routes.length + 1; ; n++) if (!used.has(`/route-${n}`)) return `/route-${n}`;
}

/** The gateway's own fields (see the file comment). */
export function GatewayFields({
  node,
  index,
  effective,
}: {
  readonly node: Gateway;
  readonly index: number;
  readonly effective: Record<string, unknown>;
}) {
  const commitTo = useCommitter({ kind: 'node', id: node.id });
  const path = ['nodes', index];
  const routes = (Array.isArray(effective.routes) ? effective.routes : []) as Route[];
  return (
    <>
      <RoutesEditor nodeId={node.id} path={[...path, 'routes']} routes={routes} commit={commitTo('routes')} />
      <CheckboxField label="Check tokens" path={[...path, 'auth']} value={effective.auth === true} commit={commitTo('auth')} />
      <PolicyGroup
        legend="Rate limit per client"
        toggle="Limit each client's rate"
        path={[...path, 'rateLimit']}
        value={effective.rateLimit as Record<string, unknown> | undefined}
        enable={{ rate: 50, burst: 10 }}
        commit={commitTo('rateLimit')}
        settings={[
          { key: 'rate', label: 'Rate', type: 'number', unit: 'req/s per client' },
          { key: 'burst', label: 'Burst', type: 'number', unit: 'requests' },
        ]}
      />
      <NumberField
        label="Workers"
        unit="requests at once"
        path={[...path, 'workers']}
        value={effective.workers}
        commit={commitTo('workers')}
      />
      <LimitField
        label="Queue capacity"
        unit="requests"
        path={[...path, 'queueCapacity']}
        value={effective.queueCapacity}
        commit={commitTo('queueCapacity')}
      />
      <DistributionEditor
        label="Service time"
        path={[...path, 'serviceTime']}
        value={effective.serviceTime}
        commit={commitTo('serviceTime')}
      />
    </>
  );
}

/** The routes, each editable, with Add and Remove: every edit commits the whole list. */
function RoutesEditor({
  nodeId,
  path,
  routes,
  commit,
}: {
  readonly nodeId: string;
  readonly path: FieldPath;
  readonly routes: readonly Route[];
  readonly commit: Commit;
}) {
  const descriptionId = useId();
  const description = useDescription(path);
  const doc = useDocument((s) => s.document);
  const linked = linkedServices(doc, nodeId);
  const [error, setError] = useState<string | undefined>();
  const apply = (next: Route[]) => setError(commit(next));
  const replace = (r: number, route: Route): string | undefined => commit(routes.map((x, i) => (i === r ? route : x)));
  const unrouted = linked.find((id) => !routes.some((r) => r.to === id || r.aggregate?.includes(id)));
  const add = () => {
    const to = unrouted ?? linked[0];
    apply([...routes, { prefix: freshPrefix(routes, to), to: to ?? '' }]);
  };
  return (
    <fieldset className="inspector-group" aria-describedby={descriptionId}>
      <legend>Routes</legend>
      <p className="inspector-description" id={descriptionId}>
        {description}
      </p>
      {error !== undefined && (
        <p className="inspector-error" role="alert">
          {error} — not applied
        </p>
      )}
      <ol className="inspector-plan">
        {routes.map((route, r) => (
          // Routes have no ids: their order is what the document and the engine's route numbers share.
          <RouteItem
            key={r}
            route={route}
            index={r}
            count={routes.length}
            path={[...path, r]}
            linked={linked}
            replace={(next) => replace(r, next)}
            remove={() => apply(routes.filter((_, i) => i !== r))}
          />
        ))}
      </ol>
      <button type="button" onClick={add}>
        Add a route
      </button>
      {linked.length === 0 && <p className="inspector-note">Connect this gateway to a service on the canvas to route to it.</p>}
    </fieldset>
  );
}

function RouteItem({
  route,
  index,
  count,
  path,
  linked,
  replace,
  remove,
}: {
  readonly route: Route;
  readonly index: number;
  readonly count: number;
  readonly path: FieldPath;
  readonly linked: readonly string[];
  readonly replace: (route: Route) => string | undefined;
  readonly remove: () => void;
}) {
  const n = index + 1;
  const name = `Route ${n}: `;
  const aggregate = route.aggregate !== undefined;
  const quiet = index > 0;
  // Changing where a route goes keeps its prefix; turning it into an aggregate starts from the service it had.
  const choose: Commit = (value) => {
    if (value === AGGREGATE)
      return aggregate
        ? undefined
        : replace({ prefix: route.prefix, aggregate: [route.to || linked[0]].filter((x): x is string => Boolean(x)) });
    return replace({ prefix: route.prefix, to: value as string });
  };
  return (
    <li className="inspector-step" data-testid={`route-editor-${index}`}>
      <div className="inspector-step-head">
        <span className="inspector-step-title">
          Route {n} <span className="inspector-muted">→ {routeDestination(route)}</span>
        </span>
        <span className="inspector-step-actions">
          <button
            type="button"
            aria-label={`Remove route ${n}`}
            title={count === 1 ? 'A gateway needs at least one route' : 'Remove this route'}
            disabled={count === 1}
            onClick={remove}
          >
            ✕
          </button>
        </span>
      </div>
      <TextField
        label="Prefix"
        hiddenPrefix={name}
        quiet={quiet}
        path={[...path, 'prefix']}
        value={route.prefix}
        placeholder="/orders"
        commit={(prefix) => replace({ ...route, prefix: (prefix as string | undefined) ?? '' })}
      />
      <SelectField
        label="Goes to"
        hiddenPrefix={name}
        quiet={quiet}
        path={[...path, aggregate ? 'aggregate' : 'to']}
        value={aggregate ? AGGREGATE : (route.to ?? '')}
        options={[...linked.map((id) => ({ value: id, label: id })), { value: AGGREGATE, label: 'Several at once (aggregate)' }]}
        commit={choose}
      />
      {aggregate && <AggregateChoice route={route} index={index} linked={linked} replace={replace} />}
    </li>
  );
}

/** Which services an aggregating route calls at once: a checkbox each, committing the route with the list of those ticked. */
function AggregateChoice({
  route,
  index,
  linked,
  replace,
}: {
  readonly route: Route;
  readonly index: number;
  readonly linked: readonly string[];
  readonly replace: (route: Route) => string | undefined;
}) {
  const [error, setError] = useState<string | undefined>();
  const chosen = route.aggregate ?? [];
  const toggle = (id: string, on: boolean) =>
    setError(replace({ prefix: route.prefix, aggregate: linked.filter((x) => (x === id ? on : chosen.includes(x))) }));
  return (
    <fieldset className="inspector-group inspector-flags">
      <legend>Route {index + 1} calls</legend>
      {linked.map((id) => (
        <label key={id} className="inspector-check">
          <input type="checkbox" checked={chosen.includes(id)} onChange={(e) => toggle(id, e.target.checked)} /> {id}
        </label>
      ))}
      {error !== undefined && (
        <p className="inspector-error" role="alert">
          {error} — not applied
        </p>
      )}
    </fieldset>
  );
}

/** What a client that sends to a gateway adds: the path its requests take, and the shares of bad tokens among them. */
export function ClientGatewayFields({
  node,
  index,
  effective,
}: {
  readonly node: Client;
  readonly index: number;
  readonly effective: Record<string, unknown>;
}) {
  const commitTo = useCommitter({ kind: 'node', id: node.id });
  const path = ['nodes', index];
  return (
    <>
      <TextField label="Path" path={[...path, 'path']} value={effective.path} placeholder="/" commit={commitTo('path')} />
      <PolicyGroup
        legend="Bad tokens"
        toggle="Send some requests with a bad token"
        path={[...path, 'tokens']}
        value={effective.tokens as Record<string, unknown> | undefined}
        enable={{ expired: 0.05, forged: 0.01, missing: 0.01 }}
        commit={commitTo('tokens')}
        settings={[
          { key: 'expired', label: 'Expired', type: 'percent' },
          { key: 'forged', label: 'Forged', type: 'percent' },
          { key: 'missing', label: 'Missing', type: 'percent' },
        ]}
      />
    </>
  );
}
