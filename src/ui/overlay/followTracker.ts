/**
 * Keeps the followed request (the ui store's `following`) in step with the run at the playhead:
 * reads its path from the replay again only when the run has grown or been replaced, tells the
 * store which links it has taken and where it is (for the edges and the chip), and hands the
 * overlay its calls. A run of another system (an example opened, nodes or links added or removed)
 * ends the following: its call numbers name other requests.
 */
import type { RequestPath } from '../../engine/replay/requestPath.ts';
import type { TraceReplay } from '../../engine/replay/traceReplay.ts';
import type { UiStore } from '../../store/uiStore.ts';
import { followedAt, membersOf } from './follow.ts';

export class FollowTracker {
  private replay: TraceReplay | undefined;
  private calls = -1;
  private request = -1;
  private path: RequestPath | undefined;
  private members: Uint8Array | undefined;
  /** The system the request was picked in: its node and link ids. */
  private system = '';

  constructor(private readonly ui: UiStore) {}

  /** The followed request's calls (membersOf) for a frame of `replay` at time t, or undefined when none is followed. */
  update(replay: TraceReplay | undefined, t: number): Uint8Array | undefined {
    const following = this.ui.getState().following;
    if (!following || !replay) {
      this.request = -1;
      return undefined;
    }
    const system = `${replay.topology.nodeIds.join(' ')}|${replay.topology.linkIds.join(' ')}`;
    if (following.request !== this.request) {
      this.request = following.request;
      this.system = system;
      this.path = undefined;
    } else if (system !== this.system) {
      this.ui.getState().follow(undefined);
      return undefined;
    }
    if (!this.path || replay !== this.replay || replay.callsKnown !== this.calls) {
      this.replay = replay;
      this.calls = replay.callsKnown;
      this.path = replay.knows(following.request) ? replay.requests.pathOf(following.request) : undefined;
      this.members = this.path && membersOf(this.path);
    }
    if (!this.path) {
      this.ui.getState().showFollowing([], 'not in this run yet');
      return this.members;
    }
    const at = followedAt(this.path, replay.topology, t);
    this.ui.getState().showFollowing(at.links, at.status);
    return this.members;
  }
}
