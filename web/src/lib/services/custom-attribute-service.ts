import type { CustomAttributeDefinition, CustomAttributeModel } from '$lib/types';
import { accountPath, apiRequest, unwrap, unwrapList, type RequestFunction } from './http';

export async function listCustomAttributeDefinitions(accountId: number, model?: CustomAttributeModel, request: RequestFunction = fetch): Promise<CustomAttributeDefinition[]> {
  return unwrapList<CustomAttributeDefinition>(await apiRequest(request, accountPath(accountId, '/custom_attribute_definitions'), { query: { attribute_model: model } }));
}

export type CustomAttributeDefinitionInput = Omit<CustomAttributeDefinition, 'id'>;

export async function createCustomAttributeDefinition(accountId: number, input: CustomAttributeDefinitionInput, request: RequestFunction = fetch): Promise<CustomAttributeDefinition> {
  return unwrap<CustomAttributeDefinition>(await apiRequest(request, accountPath(accountId, '/custom_attribute_definitions'), { method: 'POST', body: input }));
}

export async function deleteCustomAttributeDefinition(accountId: number, id: number, request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, accountPath(accountId, `/custom_attribute_definitions/${id}`), { method: 'DELETE' });
}

/** Sets a conversation's attributes as a whole (Chatwoot's POST custom_attributes). */
export async function setConversationCustomAttributes(accountId: number, conversationId: number, values: Record<string, unknown>, request: RequestFunction = fetch): Promise<Record<string, unknown>> {
  const body = await apiRequest<{ custom_attributes: Record<string, unknown> }>(request, accountPath(accountId, `/conversations/${conversationId}/custom_attributes`), {
    method: 'POST',
    body: { custom_attributes: values },
  });
  return body.custom_attributes;
}
