import { Injectable } from '@nestjs/common';
import type { Role } from '@waymark/domain';
import { AreaScope } from './area-scope.js';
import { ScopeRepository } from './scope.repository.js';

@Injectable()
export class ScopeService {
  constructor(private readonly scopes: ScopeRepository) {}

  /** The single place a user's role and grants become what they may see. */
  async scopeFor(user: { id: string; role: Role; agencyId: string | null }): Promise<AreaScope> {
    if (user.role === 'admin') return AreaScope.everything();
    const codes = await this.scopes.visibleAreaCodes(user.id);
    return AreaScope.of(codes, user.role === 'agency_submitter' ? user.agencyId : null);
  }
}
