import { ForbiddenException, HttpStatus, Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { Problem } from '@waymark/domain';
import type { Caller } from './area-scope.js';
import { OwnersRepository, type OwnerInfo } from './owners.repository.js';
import { isUuid } from '../common/ids.js';

export interface ResolvedOwner extends OwnerInfo {
  agencyId: string | null;
  maracId: string | null;
}

/** 422 with problems in the shape every upload and form uses. */
export function unprocessable(
  message: string,
  problems: Problem[],
  extra: Record<string, unknown> = {},
): UnprocessableEntityException {
  return new UnprocessableEntityException({ statusCode: HttpStatus.UNPROCESSABLE_ENTITY, message, ...extra, problems });
}

/**
 * Who a return or an audit is for. Agency submitters act only for their own agency and Marac
 * coordinators only for their own Marac; administrators must name one; nobody else may act.
 */
@Injectable()
export class SubmittingOwners {
  constructor(private readonly owners: OwnersRepository) {}

  async resolve(caller: Caller, kind: 'agency' | 'marac', asked: unknown, what: string): Promise<ResolvedOwner> {
    const noun = kind === 'agency' ? 'agency' : 'Marac';
    const own = kind === 'agency' ? caller.agencyId : caller.maracId;
    const ownRole = kind === 'agency' ? 'agency_submitter' : 'marac_coordinator';
    const field = `${kind}Id`;
    let id: string;
    if (caller.role === ownRole) {
      if (asked !== undefined && asked !== null && asked !== '' && asked !== own)
        throw new ForbiddenException(`You can only send ${what} for your own ${noun}`);
      id = own!;
    } else if (caller.role === 'admin') {
      if (typeof asked !== 'string' || !isUuid(asked))
        throw unprocessable('Not accepted', [
          { row: null, column: field, rule: 'required', message: `Choose the ${noun} this is for` },
        ]);
      id = asked;
    } else {
      throw new ForbiddenException(`Your role cannot send ${what}`);
    }
    const info = await this.owners.info(kind, id);
    if (!info)
      throw unprocessable('Not accepted', [
        { row: null, column: field, rule: 'unknown_owner', message: `No ${noun} with that id` },
      ]);
    if (!info.active)
      throw unprocessable('Not accepted', [
        { row: null, column: field, rule: 'inactive_owner', message: `That ${noun} is no longer active` },
      ]);
    return { ...info, agencyId: kind === 'agency' ? id : null, maracId: kind === 'marac' ? id : null };
  }
}
