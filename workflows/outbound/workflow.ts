import { ActivityFailure, ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { workflowNow } from '../clock.js';
import { messageInterruptedSignal, type OutboundActivities, type OutboundMessageInput, type OutboundOutcome } from './definitions.js';

const { deliverOutboundMessage } = proxyActivities<OutboundActivities>({
  // A send heartbeats while it talks to the server: a worker killed mid-send is noticed in seconds
  // and the delivery retried elsewhere, under the same Message-ID.
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '10 seconds',
  // A server refusing for a while (4xx, unreachable) is retried for about a day; 5xx is final.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 160 },
});
const { markOutboundMessageFailed } = proxyActivities<OutboundActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One per outgoing message (`outbound-<messageId>`): waits out the send-interruption window, then
 * delivers through the channel with retries and ends `sent` or `failed` with the reason. An
 * interrupt is decided in Postgres (a conditional write the delivery's claim also takes), so the
 * workflow never needs to agree with it; the signal only ends the wait early.
 */
export async function outboundMessageWorkflow(input: OutboundMessageInput): Promise<OutboundOutcome> {
  let interrupted = false;
  setHandler(messageInterruptedSignal, () => {
    interrupted = true;
  });
  const waitMs = input.sendAfter ? Date.parse(input.sendAfter) - workflowNow() : 0;
  if (waitMs > 0) await condition(() => interrupted, waitMs);
  if (interrupted) return 'interrupted';
  try {
    return await deliverOutboundMessage({ accountId: input.accountId, messageId: input.messageId });
  } catch (error) {
    const reason = failureReason(error);
    await markOutboundMessageFailed({ accountId: input.accountId, messageId: input.messageId, reason });
    return 'failed';
  }
}

/** The channel's own words (an SMTP server's reply) when it gave any; the retries running out otherwise. */
function failureReason(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure || cause instanceof Error) return cause.message.slice(0, 1000);
  return 'Delivery failed';
}
