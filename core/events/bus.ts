import type postgres from 'postgres';
import { eventsChannel, type LiveEvent } from '../../db/queries/events.js';

type Listener = (event: LiveEvent) => void;

/**
 * One LISTEN connection per API process fans Postgres notifications out to every open stream, so
 * live updates reach consoles connected to any API process.
 */
export class EventBus {
  private readonly listeners = new Set<Listener>();
  private unlisten?: () => Promise<void>;

  constructor(private readonly sql: postgres.Sql) {}

  async start(): Promise<void> {
    const subscription = await this.sql.listen(eventsChannel, (payload) => {
      let event: LiveEvent;
      try {
        event = JSON.parse(payload) as LiveEvent;
      } catch {
        return;
      }
      for (const listener of this.listeners) listener(event);
    });
    this.unlisten = () => subscription.unlisten();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.listeners.clear();
  }
}
