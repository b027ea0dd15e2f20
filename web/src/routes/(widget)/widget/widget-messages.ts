// The widget's own small dictionary: it runs on customers' sites and loads none of the console's strings.

const en = {
  close: 'Close chat',
  defaultTitle: 'Hi there',
  defaultTagline: 'Ask us anything, we usually reply within a few minutes.',
  messagesLabel: 'Conversation',
  inputPlaceholder: 'Type your message…',
  inputLabel: 'Your message',
  send: 'Send',
  attach: 'Attach files',
  removeFile: 'Remove {name}',
  sending: 'Sending…',
  failed: 'Not sent.',
  retry: 'Retry',
  reconnecting: 'Reconnecting…',
  agentTyping: 'Typing…',
  loadFailed: 'The chat could not be loaded. Try again in a moment.',
  tryAgain: 'Try again',
  sendFailed: 'Your message could not be sent.',
  agentFallback: 'Support',
  you: 'You',
  resolved: 'This conversation was resolved. Write again to reopen it.',
  emptyConversation: 'Send us a message and we will get back to you here.',
  missingToken: 'This chat is not set up correctly (missing website token).',
  poweredBy: 'Powered by Parley',
  csatQuestion: 'How would you rate this conversation?',
  csatRating: 'Rate {rating} of 5',
  csatFeedbackLabel: 'Anything you would like to add? (optional)',
  csatSubmit: 'Send rating',
  csatThanks: 'Thank you for your feedback!',
  csatChange: 'You can change your answer until {date}.',
  csatWithdrawn: 'This survey is no longer needed: the conversation was reopened.',
  csatExpired: 'This survey has closed.',
  csatNotFound: 'This survey link is not valid.',
  csatPageTitle: 'Rate your conversation',
} as const;

export type WidgetMessageKey = keyof typeof en;

const ptBR: Record<WidgetMessageKey, string> = {
  close: 'Fechar chat',
  defaultTitle: 'Olá',
  defaultTagline: 'Pergunte o que quiser, normalmente respondemos em poucos minutos.',
  messagesLabel: 'Conversa',
  inputPlaceholder: 'Digite sua mensagem…',
  inputLabel: 'Sua mensagem',
  send: 'Enviar',
  attach: 'Anexar arquivos',
  removeFile: 'Remover {name}',
  sending: 'Enviando…',
  failed: 'Não enviada.',
  retry: 'Tentar de novo',
  reconnecting: 'Reconectando…',
  agentTyping: 'Digitando…',
  loadFailed: 'Não foi possível carregar o chat. Tente novamente em instantes.',
  tryAgain: 'Tentar de novo',
  sendFailed: 'Não foi possível enviar sua mensagem.',
  agentFallback: 'Atendimento',
  you: 'Você',
  resolved: 'Esta conversa foi resolvida. Escreva de novo para reabri-la.',
  emptyConversation: 'Envie uma mensagem e responderemos aqui mesmo.',
  missingToken: 'Este chat não está configurado corretamente (falta o website token).',
  poweredBy: 'Feito com Parley',
  csatQuestion: 'Como você avalia esta conversa?',
  csatRating: 'Nota {rating} de 5',
  csatFeedbackLabel: 'Algo que queira acrescentar? (opcional)',
  csatSubmit: 'Enviar avaliação',
  csatThanks: 'Obrigado pela sua avaliação!',
  csatChange: 'Você pode mudar sua resposta até {date}.',
  csatWithdrawn: 'Esta pesquisa não é mais necessária: a conversa foi reaberta.',
  csatExpired: 'Esta pesquisa foi encerrada.',
  csatNotFound: 'Este link de pesquisa não é válido.',
  csatPageTitle: 'Avalie sua conversa',
};

const dictionaries: Record<string, Record<WidgetMessageKey, string>> = { en, 'pt-BR': ptBR };

/** pt, pt-BR and pt-PT get Portuguese; everything else English. */
export function pickWidgetLocale(languages: readonly string[]): 'en' | 'pt-BR' {
  for (const language of languages) {
    const base = language.toLowerCase().split(/[-_]/)[0];
    if (base === 'pt') return 'pt-BR';
    if (base === 'en') return 'en';
  }
  return 'en';
}

export function widgetTranslator(locale: string) {
  const dictionary = dictionaries[locale] ?? en;
  return (key: WidgetMessageKey, params?: Record<string, string>) =>
    (dictionary[key] ?? en[key]).replace(/\{(\w+)\}/g, (match, name: string) => params?.[name] ?? match);
}
