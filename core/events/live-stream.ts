/** Why a stream was closed by the server; sent to the client as `event: revoked` before closing. */
export type StreamEndReason = 'signed_out' | 'token_revoked' | 'removed_from_account' | 'visitor_gone' | 'access_revoked';

/** What a live stream's service hands out: events to write, and the end of the stream. */
export interface LiveStreamSink {
  send(event: string, data: unknown): Promise<void>;
  /** Closes the stream after telling the client why. */
  end(reason: StreamEndReason): void;
}

/** An open stream's service side: what the transport calls on its tick and when the client goes. */
export interface LiveStreamHandle {
  /** Re-reads the principal's access; ends the stream through the sink when it is gone. */
  recheck(): Promise<void>;
  close(): void;
}

export type LiveStreamLimits = {
  /** How often each stream writes a heartbeat and re-checks access: under the usual 30–60 s idle timeouts of proxies. */
  tickMs: number;
  /** Events waiting for a slow client, per stream; past this they are dropped for one `resync`. */
  maxQueuedEvents: number;
  /** Console streams one user may hold open on one API process (one per tab). */
  maxStreamsPerUser: number;
  /** Streams one widget visitor may hold open on one API process. */
  maxStreamsPerVisitor: number;
};

export const defaultLiveStreamLimits: LiveStreamLimits = { tickMs: 15_000, maxQueuedEvents: 500, maxStreamsPerUser: 10, maxStreamsPerVisitor: 5 };

/**
 * Events for one stream, handled one at a time in arrival order. A client that reads slowly makes
 * handling wait on its socket; rather than grow without bound the queue is then emptied and a single
 * overflow notice (a `resync`: refetch what you show) takes the dropped events' place.
 */
export class StreamQueue<T> {
  private readonly items: T[] = [];
  private overflowed = false;
  private draining = false;
  private closed = false;

  constructor(
    private readonly handle: (item: T) => Promise<void>,
    private readonly onOverflow: () => Promise<void>,
    private readonly cap: number,
  ) {}

  push(item: T): void {
    if (this.closed) return;
    if (this.items.length >= this.cap) {
      this.items.length = 0;
      this.overflowed = true;
    } else {
      this.items.push(item);
    }
    void this.drain();
  }

  get size(): number {
    return this.items.length;
  }

  close(): void {
    this.closed = true;
    this.items.length = 0;
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (!this.closed && (this.overflowed || this.items.length > 0)) {
        try {
          if (this.overflowed) {
            this.overflowed = false;
            await this.onOverflow();
          } else {
            await this.handle(this.items.shift()!);
          }
        } catch (error) {
          console.warn('[live stream] could not forward an event', (error as Error).message);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}

/**
 * Open streams per principal (a user, a visitor). Counted per API process: a stream lives in the
 * process that accepted it, so several processes each allow the cap, which still bounds what one
 * principal can hold open per process.
 */
export class StreamSlots {
  private readonly open = new Map<string, number>();

  /** Takes a slot; returns its release function, or undefined when `principal` is at `cap`. */
  acquire(principal: string, cap: number): (() => void) | undefined {
    const count = this.open.get(principal) ?? 0;
    if (count >= cap) return undefined;
    this.open.set(principal, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(principal) ?? 1) - 1;
      if (left <= 0) this.open.delete(principal);
      else this.open.set(principal, left);
    };
  }
}
