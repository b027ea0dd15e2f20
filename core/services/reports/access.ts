import type { ServiceContext } from '../../context.js';
import { canSeeReports } from '../../domain/permissions.js';
import { forbidden } from '../../errors.js';

/**
 * The one check every report route goes through: administrators read reports (as in Chatwoot), and
 * so does an agent whose custom role has `report_manage`.
 */
export function assertCanReadReports(ctx: Pick<ServiceContext, 'actor'>): void {
  if (!canSeeReports(ctx.actor)) throw forbidden('Reports need the report_manage permission');
}
