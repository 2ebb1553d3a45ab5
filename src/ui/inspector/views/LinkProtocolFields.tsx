/**
 * What a call over a sync link carries and how the protocol moves it: the link's bandwidth, the
 * payload's JSON bytes each way, HTTP/1.1's connection pool (http only) and a streamed answer
 * (gRPC server streaming, which ends after its messages, or WebSocket pushes, which go on while the
 * connection lives). A field the protocol no longer allows stays shown while it is set, so the
 * learner can clear what the Problems list reports.
 */
import type { LinkInput } from '../../../store/document/commands.ts';
import { NumberField } from '../fields/NumberField.tsx';
import { PolicyGroup, type PolicySetting } from '../fields/PolicyGroup.tsx';
import type { Commit } from '../useFieldValidation.ts';

type Settings = Record<string, unknown>;

export function LinkProtocolFields({
  link,
  path,
  effective,
  commitTo,
}: {
  readonly link: LinkInput;
  readonly path: readonly (string | number)[];
  readonly effective: Settings;
  readonly commitTo: (key: string) => Commit;
}) {
  const protocol = (effective.protocol as string | undefined) ?? 'http';
  // The link's `stream` field (its name is the file format's): a server-streamed answer, not an event stream.
  const answerStream = effective.stream as Settings | undefined;
  const showConnections = protocol === 'http' || effective.connections !== undefined;
  const showAnswerStream = protocol === 'grpc' || protocol === 'websocket' || answerStream !== undefined;
  const answerStreamSettings: PolicySetting[] = [
    ...(protocol === 'grpc' || answerStream?.messages !== undefined
      ? [{ key: 'messages', label: 'Messages per answer', type: 'number', unit: 'messages' } as const]
      : []),
    { key: 'interval', label: 'Between messages', type: 'duration' },
  ];
  return (
    <>
      <NumberField
        label="Bandwidth"
        unit="Mbit/s"
        path={[...path, 'bandwidth']}
        value={effective.bandwidth}
        placeholder="no limit"
        commit={commitTo('bandwidth')}
      />
      <PolicyGroup
        legend="Payload"
        toggle="Count what each call carries"
        path={[...path, 'payload']}
        value={effective.payload as Settings | undefined}
        enable={{ request: 1000, response: 4000 }}
        commit={commitTo('payload')}
        settings={[
          { key: 'request', label: 'Request size', type: 'number', unit: 'bytes (JSON)' },
          { key: 'response', label: 'Response size', type: 'number', unit: 'bytes (JSON)' },
        ]}
      />
      {showConnections && (
        <NumberField
          label="Connections"
          unit="connections"
          path={[...path, 'connections']}
          value={effective.connections}
          placeholder="no pool (no limit)"
          commit={commitTo('connections')}
        />
      )}
      {showAnswerStream && (
        <PolicyGroup
          legend={protocol === 'websocket' ? 'Pushes' : 'Server streaming'}
          toggle={
            protocol === 'websocket'
              ? `Let ${link.to} push messages while the connection lives`
              : `Answer each call with a stream of messages from ${link.to}`
          }
          path={[...path, 'stream']}
          value={answerStream}
          enable={protocol === 'websocket' ? { interval: '1s' } : { messages: 10, interval: '1s' }}
          commit={commitTo('stream')}
          settings={answerStreamSettings}
        />
      )}
    </>
  );
}
