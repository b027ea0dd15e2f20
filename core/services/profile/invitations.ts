import { closeOpenInvitationOfUser, insertMembershipFromInvitation, listOpenInvitationsOfUser } from '../../../db/queries/invitations.js';
import type { Database } from '../../../db/client.js';
import { notFound } from '../../errors.js';
import { serializeReceivedInvitation } from '../../serializers/invitation.js';
import { loadProfile } from './load.js';

/** The invitations addressed to the signed-in user that they have not answered yet. */
export async function listMyInvitations(db: Database, userId: number) {
  return (await listOpenInvitationsOfUser(db, userId)).map(serializeReceivedInvitation);
}

/**
 * The invitee joins the account with the role the invitation named, keeping their own name and
 * password. Someone else's, answered, cancelled or expired invitation is "not found".
 */
export async function acceptInvitation(db: Database, userId: number, invitationId: number) {
  await db.transaction(async (tx) => {
    const invitation = await closeOpenInvitationOfUser(tx, { userId, invitationId, status: 'accepted' });
    if (!invitation) throw notFound('Invitation');
    await insertMembershipFromInvitation(tx, { accountId: invitation.accountId, userId, role: invitation.role });
  });
  return loadProfile(db, userId);
}

export async function declineInvitation(db: Database, userId: number, invitationId: number) {
  if (!(await closeOpenInvitationOfUser(db, { userId, invitationId, status: 'declined' }))) throw notFound('Invitation');
}
