import { describe, expect, it } from 'vitest';
import { activityEventNames, activityMessage, type ActivityEvent, type ActivityEventName } from '../../../../core/domain/activity-messages';
import { renderActivity } from './activity';

/** One example of every event, with what each reader sees. The stored `content` is Chatwoot's English sentence. */
const table: Record<ActivityEventName, Array<{ activity: ActivityEvent; content: string; en: string; ptBR: string }>> = {
  status_resolved: [
    { activity: { event: 'status_resolved', params: { actor: 'Ana' } }, content: 'Conversation was marked resolved by Ana', en: 'Conversation was marked resolved by Ana', ptBR: 'A conversa foi marcada como resolvida por Ana' },
    { activity: { event: 'status_resolved', params: { actor: null } }, content: 'Conversation was marked resolved', en: 'Conversation was marked resolved', ptBR: 'A conversa foi marcada como resolvida' },
  ],
  status_reopened: [{ activity: { event: 'status_reopened', params: { actor: 'Ana' } }, content: 'Conversation was reopened by Ana', en: 'Conversation was reopened by Ana', ptBR: 'A conversa foi reaberta por Ana' }],
  status_pending: [{ activity: { event: 'status_pending', params: { actor: 'Ana' } }, content: 'Conversation was marked pending by Ana', en: 'Conversation was marked pending by Ana', ptBR: 'A conversa foi marcada como pendente por Ana' }],
  status_snoozed: [
    {
      activity: { event: 'status_snoozed', params: { actor: 'Ana', until: '2026-03-04T15:30:00.000Z' } },
      content: 'Conversation was snoozed by Ana until 2026-03-04 15:30 UTC',
      en: 'Conversation was snoozed by Ana until Mar 4, 2026, 3:30 PM',
      ptBR: 'A conversa foi adiada por Ana até 4 de mar. de 2026, 15:30',
    },
    { activity: { event: 'status_snoozed', params: { actor: 'Ana', until: null } }, content: 'Conversation was snoozed by Ana until the next reply', en: 'Conversation was snoozed by Ana until the next reply', ptBR: 'A conversa foi adiada por Ana até a próxima resposta' },
  ],
  reopened_by_contact: [
    { activity: { event: 'reopened_by_contact', params: {} }, content: 'Conversation was reopened by a new message from the contact', en: 'Conversation was reopened by a new message from the contact', ptBR: 'A conversa foi reaberta por uma nova mensagem do contato' },
  ],
  snooze_ended: [{ activity: { event: 'snooze_ended', params: {} }, content: 'Conversation was reopened: the snooze ended', en: 'Conversation was reopened: the snooze ended', ptBR: 'A conversa foi reaberta: o adiamento terminou' }],
  auto_resolved: [
    {
      activity: { event: 'auto_resolved', params: { count: 2, unit: 'day' } },
      content: 'Conversation was marked resolved by system due to 2 days of inactivity',
      en: 'Conversation was marked resolved by the system after 2 days of inactivity',
      ptBR: 'A conversa foi marcada como resolvida pelo sistema após 2 dias de inatividade',
    },
    {
      activity: { event: 'auto_resolved', params: { count: 1, unit: 'hour' } },
      content: 'Conversation was marked resolved by system due to 1 hour of inactivity',
      en: 'Conversation was marked resolved by the system after 1 hour of inactivity',
      ptBR: 'A conversa foi marcada como resolvida pelo sistema após 1 hora de inatividade',
    },
  ],
  muted: [
    { activity: { event: 'muted', params: { actor: 'Ana' } }, content: 'Ana has muted the conversation', en: 'Ana muted the conversation', ptBR: 'Ana silenciou a conversa' },
    { activity: { event: 'muted', params: { actor: null } }, content: 'System has muted the conversation', en: 'The system muted the conversation', ptBR: 'O sistema silenciou a conversa' },
  ],
  unmuted: [{ activity: { event: 'unmuted', params: { actor: 'Ana' } }, content: 'Ana has unmuted the conversation', en: 'Ana unmuted the conversation', ptBR: 'Ana reativou as notificações da conversa' }],
  assigned: [{ activity: { event: 'assigned', params: { assignee: 'Bruno', actor: 'Ana' } }, content: 'Assigned to Bruno by Ana', en: 'Assigned to Bruno by Ana', ptBR: 'Atribuída a Bruno por Ana' }],
  assigned_by_router: [
    { activity: { event: 'assigned_by_router', params: { assignee: 'Bruno' } }, content: 'Assigned to Bruno by the inbox router', en: 'Assigned to Bruno by the inbox router', ptBR: 'Atribuída a Bruno pelo distribuidor da caixa de entrada' },
  ],
  unassigned: [{ activity: { event: 'unassigned', params: { actor: 'Ana' } }, content: 'Conversation unassigned by Ana', en: 'Conversation unassigned by Ana', ptBR: 'Atribuição da conversa removida por Ana' }],
  unassigned_on_demotion: [
    {
      activity: { event: 'unassigned_on_demotion', params: { assignee: 'Bruno', actor: 'Ana' } },
      content: 'Conversation unassigned: Bruno was made an agent by Ana and is not a member of this inbox',
      en: 'Conversation unassigned: Ana made Bruno an agent, and they are not a member of this inbox',
      ptBR: 'Atribuição da conversa removida: Ana tornou Bruno agente, e essa pessoa não é membro desta caixa de entrada',
    },
  ],
  team_assigned: [{ activity: { event: 'team_assigned', params: { team: 'Vendas', actor: 'Ana' } }, content: 'Assigned to team Vendas by Ana', en: 'Assigned to team Vendas by Ana', ptBR: 'Atribuída à equipe Vendas por Ana' }],
  team_unassigned: [{ activity: { event: 'team_unassigned', params: { team: 'Vendas', actor: 'Ana' } }, content: 'Unassigned from team Vendas by Ana', en: 'Unassigned from team Vendas by Ana', ptBR: 'Removida da equipe Vendas por Ana' }],
  priority_set: [{ activity: { event: 'priority_set', params: { priority: 'high', actor: 'Ana' } }, content: 'Ana set the priority to High', en: 'Ana set the priority to High', ptBR: 'Ana definiu a prioridade como Alta' }],
  priority_removed: [{ activity: { event: 'priority_removed', params: { actor: 'Ana' } }, content: 'Ana removed the priority', en: 'Ana removed the priority', ptBR: 'Ana removeu a prioridade' }],
  labels_added: [
    { activity: { event: 'labels_added', params: { labels: ['billing', 'vip', 'urgent'], actor: 'Ana' } }, content: 'Ana added billing, vip, urgent', en: 'Ana added billing, vip, and urgent', ptBR: 'Ana adicionou billing, vip e urgent' },
  ],
  labels_removed: [{ activity: { event: 'labels_removed', params: { labels: ['vip'], actor: 'Ana' } }, content: 'Ana removed vip', en: 'Ana removed vip', ptBR: 'Ana removeu vip' }],
};

describe('activity lines', () => {
  it('has an example of every event', () => {
    expect(Object.keys(table).sort()).toEqual([...activityEventNames].sort());
  });

  for (const [name, examples] of Object.entries(table)) {
    for (const example of examples) {
      it(`${name} ${JSON.stringify(example.activity.params)}: stores Chatwoot's text and reads in English and Portuguese`, () => {
        const stored = activityMessage(example.activity);
        expect(stored.content).toBe(example.content);
        const message = { content: stored.content, content_attributes: stored.contentAttributes };
        expect(renderActivity('en', message, { timeZone: 'UTC' })).toBe(example.en);
        expect(renderActivity('pt-BR', message, { timeZone: 'UTC' })).toBe(example.ptBR);
      });
    }
  }

  it('shows the stored text of a row written before events, or of an event this console does not know', () => {
    expect(renderActivity('pt-BR', { content: 'Conversation was reopened by Ana', content_attributes: {} })).toBe('Conversation was reopened by Ana');
    expect(renderActivity('pt-BR', { content: 'Something new', content_attributes: { activity: { event: 'from_the_future', params: {} } } })).toBe('Something new');
  });
});
