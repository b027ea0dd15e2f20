import type { ChannelType, InboxSettings, MessageStatus } from '../../db/schema/index.js';

/** The send-interruption window an inbox gets when its administrator set none. */
export const defaultSendWindowSeconds: Record<ChannelType, number> = { email: 30, web_widget: 0, api: 0, portal: 0 };
/** Long enough for any "undo send"; longer belongs to scheduled messages. */
export const maxSendWindowSeconds = 600;

export const sendWindowSeconds = (inbox: { channelType: ChannelType; settings: InboxSettings }) => inbox.settings.sendWindowSeconds ?? defaultSendWindowSeconds[inbox.channelType];

/** How an agent's public message starts its way to the customer. */
export type OutboundDelivery = { status: Extract<MessageStatus, 'scheduled' | 'queued'>; sendAfter: Date | null };

/**
 * Email always goes through the outbound workflow (the mail must be sent); the other channels
 * only when they have a window, since for them "sent" is being visible to the customer, which a
 * message without a window is the moment it is stored. Undefined: stored as `sent`, nothing queued.
 */
export function outboundDeliveryFor(
  inbox: { channelType: ChannelType; settings: InboxSettings },
  now: Date,
  { withWindow = true }: { withWindow?: boolean } = {},
): OutboundDelivery | undefined {
  // A scheduled message had its whole wait to be edited or cancelled: it leaves at its time.
  const windowSeconds = withWindow ? sendWindowSeconds(inbox) : 0;
  if (windowSeconds > 0) return { status: 'scheduled', sendAfter: new Date(now.getTime() + windowSeconds * 1000) };
  if (inbox.channelType === 'email') return { status: 'queued', sendAfter: null };
  return undefined;
}

/** Statuses of a message the customer cannot see yet (or ever): hidden from the widget and its stream. */
export const undeliveredStatuses = ['scheduled', 'queued', 'interrupted', 'failed'] as const satisfies readonly MessageStatus[];
export const isDelivered = (status: MessageStatus) => !(undeliveredStatuses as readonly MessageStatus[]).includes(status);
