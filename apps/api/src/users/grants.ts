import { ForbiddenException, Injectable } from '@nestjs/common';
import { AREA_GRANTED_ROLES, type Role } from '@waymark/domain';
import { AreasRepository } from '../areas/areas.repository.js';
import { BodyReader } from '../common/body.js';
import { isUuid } from '../common/ids.js';
import type { Caller } from '../scope/area-scope.js';
import { UsersRepository, type UserView } from './users.repository.js';

/** What an account's role is tied to: one agency, one Marac, or granted areas (administrators: nothing). */
export interface Grant {
  agencyId: string | null;
  maracId: string | null;
  areaCodes: string[];
  /** Where the access lies, for the audit trail. */
  scopeAreaCodes: string[];
}

const LINKS: { field: string; roles: readonly Role[]; message: string }[] = [
  { field: 'agencyId', roles: ['agency_submitter'], message: 'Only agency submitters are tied to an agency' },
  { field: 'maracId', roles: ['marac_coordinator'], message: 'Only Marac coordinators are tied to a Marac' },
  { field: 'areaCodes', roles: AREA_GRANTED_ROLES, message: 'Only analysts and viewers are granted areas' },
];

/** 403 in the problem shape, naming the field that reached outside the caller's areas. */
export function refused(column: string, rule: string, message: string): ForbiddenException {
  return new ForbiddenException({ statusCode: 403, message, problems: [{ row: null, column, rule, message }] });
}

const outside = (column: string, message: string) => refused(column, 'outside_your_areas', message);

/**
 * Reads the link a role needs from a request body. A caller may only tie people to agencies,
 * Maracs and areas inside their own scope; anything outside it is refused outright rather than
 * listed as a problem to fix.
 */
@Injectable()
export class Grants {
  constructor(
    private readonly users: UsersRepository,
    private readonly areas: AreasRepository,
  ) {}

  /** When the role stays the same and no new link is sent, the current link is kept. */
  async read(caller: Caller, input: BodyReader, role: Role, current: UserView | null): Promise<Grant> {
    for (const link of LINKS)
      if (input.has(link.field) && !link.roles.includes(role)) input.problem(link.field, link.message);
    const kept = current?.role === role ? current : null;
    const none: Grant = { agencyId: null, maracId: null, areaCodes: [], scopeAreaCodes: [] };
    if (role === 'agency_submitter' || role === 'marac_coordinator') {
      const kind = role === 'agency_submitter' ? 'agency' : 'marac';
      const field = `${kind}Id` as const;
      const owner =
        kept && !input.has(field)
          ? { id: kept[field]!, areaCode: kept.scopeAreaCodes[0] }
          : await this.owner(caller, input, kind);
      return owner ? { ...none, [field]: owner.id, scopeAreaCodes: [owner.areaCode] } : none;
    }
    if (AREA_GRANTED_ROLES.includes(role)) {
      const areaCodes = kept && !input.has('areaCodes') ? kept.areaCodes : await this.areaCodes(caller, input);
      return { ...none, areaCodes, scopeAreaCodes: areaCodes };
    }
    return none;
  }

  private async owner(
    caller: Caller,
    input: BodyReader,
    kind: 'agency' | 'marac',
  ): Promise<{ id: string; areaCode: string } | null> {
    const field = `${kind}Id`;
    const id = input.text(
      field,
      kind === 'agency' ? 'Choose the agency this person submits for' : 'Choose the Marac this person coordinates',
    );
    if (!id) return null;
    const areaCode = isUuid(id) ? await this.users.areaOf(kind, id) : null;
    if (!areaCode) {
      input.problem(field, kind === 'agency' ? 'No agency with that id' : 'No Marac with that id');
      return null;
    }
    if (!caller.scope.includesArea(areaCode))
      throw outside(
        field,
        `You can only tie people to ${kind === 'agency' ? 'agencies' : 'Maracs'} in the areas you are granted`,
      );
    return { id, areaCode };
  }

  private async areaCodes(caller: Caller, input: BodyReader): Promise<string[]> {
    const message = 'Choose at least one area this person may see';
    const codes = input.stringList('areaCodes', message);
    if (codes.length === 0) {
      if (!input.problems.some((p) => p.field === 'areaCodes')) input.problem('areaCodes', message);
      return [];
    }
    const known = new Set(await this.areas.existing(codes));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) input.problem('areaCodes', `Unknown area codes: ${unknown.join(', ')}`);
    const beyond = codes.filter((c) => known.has(c) && !caller.scope.includesArea(c));
    if (beyond.length)
      throw outside('areaCodes', `You can only grant areas inside your own; ${beyond.join(', ')} is not`);
    return [...new Set(codes)];
  }
}
