import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false });

describe('labels through the Application API', () => {
  it('creates labels that every member then sees, by title', async ({ stack, account, base, client: admin }) => {
    const created = await admin.post(`${base}/labels`, { title: 'Billing', description: 'Money matters', color: '#FF0000', show_on_sidebar: false });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ id: expect.any(Number), title: 'billing', description: 'Money matters', color: '#ff0000', show_on_sidebar: false });
    const plain = await admin.post(`${base}/labels`, { title: 'after_sales-2' });
    expect(plain.body).toMatchObject({ title: 'after_sales-2', description: null, color: '#1f93ff', show_on_sidebar: true });

    const list = await apiClient(stack, account.agent.token).get(`${base}/labels`);
    expect(list.status).toBe(200);
    expect(list.body.payload.map((l: { title: string }) => l.title)).toEqual(['after_sales-2', 'billing']);
  });

  it('updates and deletes a label', async ({ base, client: admin }) => {
    const created = await admin.post(`${base}/labels`, { title: 'vip' });
    const updated = await admin.patch(`${base}/labels/${created.body.id}`, { title: 'premium', color: '#00ff00', description: null });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.body.id, title: 'premium', color: '#00ff00', description: null });
    expect((await admin.get(`${base}/labels/${created.body.id}`)).body).toMatchObject({ id: created.body.id, title: 'premium', color: '#00ff00' });
    const keep = await admin.patch(`${base}/labels/${created.body.id}`, { show_on_sidebar: false });
    expect(keep.body).toMatchObject({ title: 'premium', show_on_sidebar: false });
    expect((await admin.delete(`${base}/labels/${created.body.id}`)).status).toBe(200);
    const list = await admin.get(`${base}/labels`);
    expect(list.body.payload.map((l: { id: number }) => l.id)).not.toContain(created.body.id);
    expect((await admin.get(`${base}/labels/${created.body.id}`)).status).toBe(404);
  });
});
