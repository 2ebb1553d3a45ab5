/**
 * What each protocol costs per message, on top of the link's latency. These are teaching
 * figures, not measurements of any particular stack: what matters is that the order is right
 * (HTTP/1.1 + JSON pays more per message than gRPC's protobuf over a multiplexed HTTP/2
 * connection) and that the difference is visible in a long chain.
 */
import type { Protocol } from './scenario.ts';

export interface ProtocolProfile {
  /** Shown in the UI and reports. */
  readonly label: string;
  /** Serialization, framing and parsing of one message (request or reply), in ms. */
  readonly overheadMs: number;
  /** A payload's size on the wire relative to its JSON size (protobuf's binary encoding is smaller). */
  readonly sizeFactor: number;
  /** Encoding and decoding time per KB (1000 bytes) of JSON-sized payload, both ends together, in ms. */
  readonly serializeMsPerKB: number;
}

export const PROTOCOL_PROFILES: Readonly<Record<Protocol, ProtocolProfile>> = {
  http: { label: 'HTTP/REST (JSON)', overheadMs: 0.3, sizeFactor: 1, serializeMsPerKB: 0.02 },
  grpc: { label: 'gRPC (protobuf, HTTP/2)', overheadMs: 0.08, sizeFactor: 0.35, serializeMsPerKB: 0.005 },
  websocket: { label: 'WebSocket (JSON frames, long-lived)', overheadMs: 0.05, sizeFactor: 1, serializeMsPerKB: 0.02 },
};

/**
 * The time a message of `jsonBytes` takes over `protocol` beyond the fixed overhead: its encoding, and its bits on a `bandwidth` Mbit/s
 * wire (ms).
 */
export function payloadDelay(protocol: Protocol, jsonBytes: number, bandwidth: number | undefined): number {
  const p = PROTOCOL_PROFILES[protocol];
  const wire = bandwidth === undefined ? 0 : (jsonBytes * p.sizeFactor * 8) / (bandwidth * 1000);
  return (jsonBytes / 1000) * p.serializeMsPerKB + wire;
}
