import { and, asc, eq, inArray } from 'drizzle-orm';
import { contactLabels, contacts, labels } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { isAdministrator } from '../../domain/permissions.js';
import { ApiError } from '../../errors.js';
import { findAccountContact } from './show.js';

export async function listContactLabelTitles(ctx: ServiceContext, contactId: number) {
  await findAccountContact(ctx, contactId);
  const rows = await ctx.db
    .select({ title: labels.title })
    .from(contactLabels)
    .innerJoin(labels, eq(labels.id, contactLabels.labelId))
    .where(eq(contactLabels.contactId, contactId))
    .orderBy(asc(labels.title));
  return rows.map((row) => row.title);
}

/**
 * Replaces the contact's labels (Chatwoot semantics), as for conversations: unknown titles become
 * account labels only for administrators; an agent naming one gets a 403 and nothing changes.
 */
export async function setContactLabels(ctx: ServiceContext, contactId: number, input: string[]) {
  await findAccountContact(ctx, contactId);
  const { accountId } = ctx.actor;
  const titles = [...new Set(input.map((l) => l.trim().toLowerCase()).filter(Boolean))];
  await ctx.db.transaction(async (tx) => {
    if (titles.length && isAdministrator(ctx.actor)) {
      await tx.insert(labels).values(titles.map((title) => ({ accountId, title }))).onConflictDoNothing();
    }
    const wanted = titles.length ? await tx.select({ id: labels.id, title: labels.title }).from(labels).where(and(eq(labels.accountId, accountId), inArray(labels.title, titles))) : [];
    const unknown = titles.filter((title) => !wanted.some((label) => label.title === title));
    if (unknown.length) {
      throw new ApiError('FORBIDDEN', `Only administrators can create labels; ask one to create ${unknown.map((t) => `"${t}"`).join(', ')}`, 'labels');
    }
    // Under the contact's row lock, so two concurrent replacements do not interleave into a mix.
    await tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, contactId)).for('update');
    await tx.delete(contactLabels).where(eq(contactLabels.contactId, contactId));
    if (wanted.length) await tx.insert(contactLabels).values(wanted.map((label) => ({ contactId, labelId: label.id })));
  });
  return titles.sort();
}
