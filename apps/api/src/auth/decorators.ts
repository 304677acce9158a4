import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@waymark/domain';
import type { Caller } from '../scope/area-scope.js';

export const PUBLIC_ROUTE = 'waymark:public';
export const ALLOWED_ROLES = 'waymark:roles';

/** The route answers without a session (health, login, the dashboard's static files). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route; others get 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** The signed-in caller, set by the session guard. */
export const CurrentCaller = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Caller => ctx.switchToHttp().getRequest<{ caller: Caller }>().caller,
);
