import { apiRequest, type RequestFunction } from './http';

export interface SignInInput {
  email: string;
  password: string;
}

export async function signIn(input: SignInInput, request: RequestFunction = fetch): Promise<{ id: number }> {
  const body = await apiRequest<{ data: { id: number } }>(request, '/auth/sign_in', { method: 'POST', body: input });
  return body.data;
}

export async function signOut(request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, '/auth/sign_out', { method: 'DELETE' });
}
