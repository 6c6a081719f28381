import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { ApiProblems } from '../http/api-problems.decorator';
import { JwtAuthGuard, OptionalJwtAuthGuard, RolesGuard } from './auth.guards';
import { ROLES_KEY, type Principal, type Role } from './auth.types';


/** Bearer token required (401 otherwise). */
export const Authenticated = () =>
  applyDecorators(UseGuards(JwtAuthGuard), ApiBearerAuth(), ApiProblems(401));

/**
 * Bearer token optional: `@CurrentUser()` is undefined for anonymous callers. In OpenAPI the empty
 * requirement before the bearer one is what says "or no token at all".
 */
export const OptionallyAuthenticated = () =>
  applyDecorators(UseGuards(OptionalJwtAuthGuard), ApiSecurity({}), ApiBearerAuth(), ApiProblems(401));

/** Role `admin` required (401 without a token, 403 for customers). */
export const AdminOnly = () =>
  applyDecorators(
    SetMetadata(ROLES_KEY, ['admin'] satisfies Role[]),
    UseGuards(JwtAuthGuard, RolesGuard),
    ApiBearerAuth(),
    ApiProblems(401, 403),
  );

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal | undefined =>
    context.switchToHttp().getRequest<{ user?: Principal }>().user,
);
