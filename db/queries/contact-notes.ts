import { and, asc, eq } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { contactNotes, users } from '../schema/index.js';

export type ContactNoteRow = typeof contactNotes.$inferSelect & { author: { id: number; name: string; email: string } | null };

const noteColumns = {
  id: contactNotes.id,
  accountId: contactNotes.accountId,
  contactId: contactNotes.contactId,
  userId: contactNotes.userId,
  content: contactNotes.content,
  createdAt: contactNotes.createdAt,
  updatedAt: contactNotes.updatedAt,
  authorId: users.id,
  authorName: users.name,
  authorEmail: users.email,
};

type Selected = typeof contactNotes.$inferSelect & { authorId: number | null; authorName: string | null; authorEmail: string | null };

const withAuthor = ({ authorId, authorName, authorEmail, ...note }: Selected): ContactNoteRow => ({
  ...note,
  author: authorId === null ? null : { id: authorId, name: authorName ?? '', email: authorEmail ?? '' },
});

/** The contact's notes, oldest first (the order they were written in). */
export async function listContactNotes(db: DatabaseOrTransaction, { accountId, contactId }: { accountId: number; contactId: number }) {
  const rows = await db
    .select(noteColumns)
    .from(contactNotes)
    .leftJoin(users, eq(users.id, contactNotes.userId))
    .where(and(eq(contactNotes.accountId, accountId), eq(contactNotes.contactId, contactId)))
    .orderBy(asc(contactNotes.createdAt), asc(contactNotes.id));
  return rows.map(withAuthor);
}

export async function findContactNote(db: DatabaseOrTransaction, { accountId, contactId, id }: { accountId: number; contactId: number; id: number }) {
  const [row] = await db
    .select(noteColumns)
    .from(contactNotes)
    .leftJoin(users, eq(users.id, contactNotes.userId))
    .where(and(eq(contactNotes.accountId, accountId), eq(contactNotes.contactId, contactId), eq(contactNotes.id, id)))
    .limit(1);
  return row ? withAuthor(row) : undefined;
}

export async function insertContactNote(db: DatabaseOrTransaction, values: { accountId: number; contactId: number; userId: number; content: string }) {
  const [row] = await db.insert(contactNotes).values(values).returning({ id: contactNotes.id });
  return row.id;
}

export async function updateContactNoteContent(db: DatabaseOrTransaction, { id, content }: { id: number; content: string }) {
  await db.update(contactNotes).set({ content, updatedAt: new Date() }).where(eq(contactNotes.id, id));
}

export async function deleteContactNoteRow(db: DatabaseOrTransaction, id: number) {
  await db.delete(contactNotes).where(eq(contactNotes.id, id));
}
