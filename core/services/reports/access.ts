import type { ServiceContext } from '../../context.js';
import { isAdministrator } from '../../domain/permissions.js';
import { forbidden } from '../../errors.js';

/**
 * The one check every report route goes through: administrators read reports (as in Chatwoot).
 * Custom roles' `report_manage` permission maps here.
 */
export function assertCanReadReports(ctx: Pick<ServiceContext, 'actor'>): void {
  if (!isAdministrator(ctx.actor)) throw forbidden('Only administrators can see reports');
}
