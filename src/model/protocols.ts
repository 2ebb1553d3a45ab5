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
}

export const PROTOCOL_PROFILES: Readonly<Record<Protocol, ProtocolProfile>> = {
  http: { label: 'HTTP/REST (JSON)', overheadMs: 0.3 },
  grpc: { label: 'gRPC (protobuf, HTTP/2)', overheadMs: 0.08 },
};
