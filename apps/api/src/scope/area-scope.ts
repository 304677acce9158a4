import type { Role } from '@waymark/domain';

/**
 * What one caller may see: every area (administrators), or a fixed set of area codes (the
 * granted areas and everything inside them), narrowed to one agency for agency submitters.
 * Every query that reads area data takes one of these; nothing builds its own filter.
 */
export class AreaScope {
  private constructor(
    readonly everything: boolean,
    private readonly codes: ReadonlySet<string>,
    /** Set for agency submitters: the only agency they may see. */
    readonly onlyAgencyId: string | null,
  ) {}

  static everything(): AreaScope {
    return new AreaScope(true, new Set(), null);
  }

  static of(codes: Iterable<string>, onlyAgencyId: string | null = null): AreaScope {
    return new AreaScope(false, new Set(codes), onlyAgencyId);
  }

  includesArea(code: string): boolean {
    return this.everything || this.codes.has(code);
  }

  includesAgency(agency: { id: string; areaCode: string }): boolean {
    if (this.onlyAgencyId) return agency.id === this.onlyAgencyId;
    return this.includesArea(agency.areaCode);
  }

  /**
   * Parameters for the standard SQL filter `($n::text[] IS NULL OR <column> = ANY($n))`:
   * null means no restriction.
   */
  get areaCodes(): string[] | null {
    return this.everything ? null : [...this.codes];
  }
}

/** The signed-in person making a request. */
export interface Caller {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  agencyId: string | null;
  maracId: string | null;
  scope: AreaScope;
  /** Signed in with a password someone else made for them; they are asked to choose their own. */
  mustChangePassword?: boolean;
}
