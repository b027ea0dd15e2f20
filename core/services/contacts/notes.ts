import { deleteContactNoteRow, findContactNote, insertContactNote, listContactNotes, updateContactNoteContent } from '../../../db/queries/contact-notes.js';
import type { ServiceContext } from '../../context.js';
import { canChangeContactNote } from '../../domain/permissions.js';
import { forbidden, notFound } from '../../errors.js';
import { serializeContactNote } from '../../serializers/contact-note.js';
import { findAccountContact } from './show.js';

/** Every member of the account reads and writes notes on its contacts, as they read and edit the contacts. */
export async function listNotesOfContact(ctx: ServiceContext, contactId: number) {
  await findAccountContact(ctx, contactId);
  return (await listContactNotes(ctx.db, { accountId: ctx.actor.accountId, contactId })).map(serializeContactNote);
}

export async function showContactNote(ctx: ServiceContext, contactId: number, id: number) {
  return serializeContactNote(await findNote(ctx, contactId, id));
}

export async function addContactNote(ctx: ServiceContext, contactId: number, content: string) {
  await findAccountContact(ctx, contactId);
  const id = await insertContactNote(ctx.db, { accountId: ctx.actor.accountId, contactId, userId: ctx.actor.userId, content });
  return showContactNote(ctx, contactId, id);
}

export async function editContactNote(ctx: ServiceContext, contactId: number, id: number, content: string) {
  const note = await findNote(ctx, contactId, id);
  if (!canChangeContactNote(ctx.actor, note)) throw forbidden('Only the note’s author or an administrator can edit it');
  await updateContactNoteContent(ctx.db, { id, content });
  return showContactNote(ctx, contactId, id);
}

export async function removeContactNote(ctx: ServiceContext, contactId: number, id: number) {
  const note = await findNote(ctx, contactId, id);
  if (!canChangeContactNote(ctx.actor, note)) throw forbidden('Only the note’s author or an administrator can delete it');
  await deleteContactNoteRow(ctx.db, id);
}

async function findNote(ctx: ServiceContext, contactId: number, id: number) {
  await findAccountContact(ctx, contactId);
  const note = await findContactNote(ctx.db, { accountId: ctx.actor.accountId, contactId, id });
  if (!note) throw notFound('Note');
  return note;
}
