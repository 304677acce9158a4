import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { AREA_GRANTED_ROLES, codesOf, isCodeIn, labelOf, ROLES, type Role } from '@waymark/domain';
import { AuditEventsService } from '../audit-events/audit-events.service.js';
import { generatePassword, hashPassword } from '../auth/password.js';
import { BodyReader } from '../common/body.js';
import { isUuid } from '../common/ids.js';
import type { Caller } from '../scope/area-scope.js';
import { Grants, refused, type Grant } from './grants.js';
import { UsersRepository, type UserView } from './users.repository.js';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const onlyAdministrators = () =>
  refused('role', 'administrator_only', 'Only administrators can make someone an administrator');

/**
 * Accounts tied to an agency or a Marac read its own returns, case-level rows included, and send in
 * its name. Whoever makes or resets one learns its password, so only administrators do: an analyst
 * who could would read rows no analyst may read.
 */
const ownerAccountsForAdministrators = () =>
  refused(
    'role',
    'administrator_only',
    'Only administrators make, change or reset the accounts of agency submitters and Marac coordinators, since those accounts read their own agency’s or Marac’s returns',
  );
/** Analysts reset viewers' passwords only: resetting a fellow analyst's would let them sign in as that colleague. */
const resetsForAnalysts = (role: Role) => role === 'viewer';

/** What an account change did, said once for the audit trail. */
function changeSummary(current: UserView, next: { role: Role; active: boolean }): string {
  if (current.active !== next.active)
    return `${next.active ? 'Reactivated' : 'Deactivated'} the account of ${current.email}`;
  if (current.role !== next.role)
    return `Changed ${current.email} from ${labelOf(ROLES, current.role)} to ${labelOf(ROLES, next.role)}`;
  return `Changed the account of ${current.email}`;
}

/**
 * People and their access. Administrators manage everyone; analysts manage the people whose access
 * lies inside the areas they are granted, never administrators. New passwords are generated and
 * shown once, and are never recorded.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly grants: Grants,
    private readonly auditEvents: AuditEventsService,
  ) {}

  list(caller: Caller, query: { role?: string; area?: string; active?: string }) {
    if (query.role && !isCodeIn(ROLES, query.role))
      throw new UnprocessableEntityException(`role must be one of ${codesOf(ROLES).join(', ')}`);
    if (query.active && query.active !== 'true' && query.active !== 'false')
      throw new UnprocessableEntityException('active must be true or false');
    if (query.area && !caller.scope.includesArea(query.area))
      throw new NotFoundException(`No area ${query.area.slice(0, 12)} that you can see`);
    return this.users.list({
      managedWithin: caller.scope.areaCodes,
      role: (query.role as Role | undefined) || null,
      areaCode: query.area || null,
      active: query.active ? query.active === 'true' : null,
    });
  }

  /** A person the caller manages; 404 both when there is none and when they are outside the caller's reach. */
  async get(caller: Caller, id: string): Promise<UserView> {
    const user = isUuid(id) ? await this.users.find(caller.scope.areaCodes, id) : null;
    if (!user) throw new NotFoundException('No person with that id that you manage');
    return user;
  }

  async create(caller: Caller, body: unknown): Promise<{ user: UserView; initialPassword: string }> {
    const input = new BodyReader(body);
    const email = input.text('email', 'Enter an email address', { max: 320 });
    const displayName = input.text('displayName', "Enter the person's name as it should appear", { max: 120 });
    const role = input.oneOf('role', codesOf(ROLES), 'Choose a role');
    if (role === 'admin' && caller.role !== 'admin') throw onlyAdministrators();
    if (role && role !== 'admin' && !AREA_GRANTED_ROLES.includes(role) && caller.role !== 'admin')
      throw ownerAccountsForAdministrators();
    if (email && !EMAIL.test(email))
      input.problem('email', 'Enter an email address in the correct format, like name@example.org');
    else if (email && (await this.users.emailTaken(email)))
      input.problem('email', 'An account with this email address already exists');
    const grant = role ? await this.grants.read(caller, input, role, null) : null;
    input.finish();

    const initialPassword = generatePassword();
    const { scopeAreaCodes, ...link } = grant!;
    const id = await this.users.insert({
      email: email!,
      displayName: displayName!,
      role: role!,
      ...link,
      passwordHash: await hashPassword(initialPassword),
    });
    await this.auditEvents.record({
      actor: caller,
      action: 'user_created',
      target: { type: 'user', id },
      areaCode: scopeAreaCodes[0] ?? null,
      summary: `Invited ${email} as ${labelOf(ROLES, role!)}`,
      details: { role, ...link },
    });
    return { user: (await this.users.find(null, id))!, initialPassword };
  }

  /** Changes name, role, scope or whether the account may sign in; nobody changes their own role, scope or access. */
  async update(caller: Caller, id: string, body: unknown): Promise<UserView> {
    const current = await this.get(caller, id);
    const input = new BodyReader(body);
    const displayName =
      input.text('displayName', "Enter the person's name", { optional: true, max: 120 }) ?? current.displayName;
    const active = input.boolean('active') ?? current.active;
    const role = input.oneOf('role', codesOf(ROLES), 'Choose a role', { optional: true }) ?? current.role;
    if (role === 'admin' && caller.role !== 'admin') throw onlyAdministrators();
    if (caller.role !== 'admin' && ![role, current.role].every((r) => AREA_GRANTED_ROLES.includes(r)))
      throw ownerAccountsForAdministrators();
    const grant = await this.grants.read(caller, input, role, current);
    const changed = changedFields(current, { displayName, active, role, ...grant });
    if (id === caller.userId && changed.some((field) => field !== 'displayName')) {
      throw refused(
        changed.find((f) => f !== 'displayName')!,
        'own_account',
        'You cannot change your own role, scope or access. Ask another administrator.',
      );
    }
    input.finish();
    if (changed.length === 0) return current;

    const { scopeAreaCodes, ...link } = grant;
    await this.users.update(id, { displayName, active, role, ...link });
    await this.auditEvents.record({
      actor: caller,
      action: 'user_changed',
      target: { type: 'user', id },
      areaCode: scopeAreaCodes[0] ?? current.scopeAreaCodes[0] ?? null,
      summary: changeSummary(current, { role, active }),
      details: { changed, ...(role !== current.role ? { fromRole: current.role, toRole: role } : {}) },
    });
    return (await this.users.find(null, id))!;
  }

  async resetPassword(caller: Caller, id: string): Promise<{ newPassword: string }> {
    const user = await this.get(caller, id);
    if (caller.role !== 'admin' && !resetsForAnalysts(user.role)) {
      throw refused(
        'id',
        'administrator_only',
        'Only administrators reset the passwords of analysts, agency submitters and Marac coordinators',
      );
    }
    const newPassword = generatePassword();
    await this.users.setPassword(id, await hashPassword(newPassword));
    await this.auditEvents.record({
      actor: caller,
      action: 'password_reset',
      target: { type: 'user', id },
      areaCode: user.scopeAreaCodes[0] ?? null,
      summary: `Reset the password of ${user.email}`,
    });
    return { newPassword };
  }
}

/** The fields of an account that a change would alter. */
function changedFields(
  current: UserView,
  next: Omit<Grant, 'scopeAreaCodes'> & { displayName: string; active: boolean; role: Role },
): string[] {
  const fields = ['displayName', 'active', 'role', 'agencyId', 'maracId'] as const;
  const changed: string[] = fields.filter((f) => current[f] !== next[f]);
  if (current.areaCodes.join() !== [...next.areaCodes].sort().join()) changed.push('areaCodes');
  return changed;
}
