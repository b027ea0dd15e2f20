import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { PermanentDeliveryError } from '../core/services/mail/conversation-mail.js';
import { deliverOutgoingMessage, markOutgoingMessageFailed, type DeliveryDependencies } from '../core/services/messages/deliver.js';
import { outboundErrorTypes, type OutboundActivities } from '../workflows/outbound/definitions.js';

const heartbeatEveryMs = 2_000;

/** Activities of the outbound message workflow; each checks the message's recorded state first, so a retry sends nothing twice. */
export function createOutboundActivities(deps: DeliveryDependencies): OutboundActivities {
  return {
    deliverOutboundMessage: async (input) => {
      try {
        return await deliverOutgoingMessage(deps, input, heartbeating);
      } catch (error) {
        if (error instanceof PermanentDeliveryError) throw ApplicationFailure.create({ type: outboundErrorTypes.permanentRefusal, message: error.message, nonRetryable: true });
        throw error;
      }
    },
    markOutboundMessageFailed: (input) => markOutgoingMessageFailed(deps, input),
  };
}

/** Heartbeats while the channel works, so a worker that dies mid-send is noticed within the heartbeat timeout. */
async function heartbeating<T>(send: () => Promise<T>): Promise<T> {
  const context = Context.current();
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), heartbeatEveryMs);
  try {
    return await send();
  } finally {
    clearInterval(timer);
  }
}
