import type postgres from 'postgres';
import { accessChannel, eventsChannel, userEventsChannel, type AccessChange, type LiveEvent, type UserEvent } from '../../db/queries/events.js';

type Listener = (event: LiveEvent) => void;
type AccessListener = (change: AccessChange) => void;
type UserEventListener = (event: UserEvent) => void;

/**
 * One LISTEN connection per API process fans Postgres notifications out to every open stream, so
 * live updates (and access changes that end streams) reach consoles connected to any API process.
 */
export class EventBus {
  private readonly listeners = new Set<Listener>();
  private readonly accessListeners = new Set<AccessListener>();
  private readonly userEventListeners = new Set<UserEventListener>();
  private readonly unlisteners: Array<() => Promise<void>> = [];

  constructor(private readonly sql: postgres.Sql) {}

  async start(): Promise<void> {
    const events = await this.sql.listen(eventsChannel, (payload) => {
      const event = parse<LiveEvent>(payload);
      if (event) for (const listener of this.listeners) listener(event);
    });
    const access = await this.sql.listen(accessChannel, (payload) => {
      const change = parse<AccessChange>(payload);
      if (change) for (const listener of this.accessListeners) listener(change);
    });
    const userEvents = await this.sql.listen(userEventsChannel, (payload) => {
      const event = parse<UserEvent>(payload);
      if (event) for (const listener of this.userEventListeners) listener(event);
    });
    this.unlisteners.push(() => events.unlisten(), () => access.unlisten(), () => userEvents.unlisten());
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  subscribeAccess(listener: AccessListener): () => void {
    this.accessListeners.add(listener);
    return () => this.accessListeners.delete(listener);
  }

  subscribeUserEvents(listener: UserEventListener): () => void {
    this.userEventListeners.add(listener);
    return () => this.userEventListeners.delete(listener);
  }

  async stop(): Promise<void> {
    await Promise.all(this.unlisteners.splice(0).map((unlisten) => unlisten()));
    this.listeners.clear();
    this.accessListeners.clear();
    this.userEventListeners.clear();
  }
}

function parse<T>(payload: string): T | undefined {
  try {
    return JSON.parse(payload) as T;
  } catch {
    return undefined;
  }
}
