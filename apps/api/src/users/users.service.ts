import { Injectable, NotFoundException } from '@nestjs/common';
import { AREA_GRANTED_ROLES, codesOf, ROLES } from '@waymark/domain';
import { AreasRepository } from '../areas/areas.repository.js';
import { generatePassword, hashPassword } from '../auth/password.js';
import { BodyReader } from '../common/body.js';
import { UsersRepository, type UserView } from './users.repository.js';
import { isUuid } from '../common/ids.js';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Account management for administrators. New passwords are generated and shown once. */
@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository, private readonly areas: AreasRepository) {}

  list() {
    return this.users.list();
  }

  async get(id: string): Promise<UserView> {
    const user = isUuid(id) ? await this.users.find(id) : null;
    if (!user) throw new NotFoundException('No user with that id');
    return user;
  }

  async create(body: unknown): Promise<{ user: UserView; initialPassword: string }> {
    const input = new BodyReader(body);
    const email = input.text('email', 'Enter an email address', { max: 320 });
    const displayName = input.text('displayName', 'Enter the person\'s name as it should appear', { max: 120 });
    const role = input.oneOf('role', codesOf(ROLES), 'Choose a role');
    if (email && !EMAIL.test(email)) input.problem('email', 'Enter an email address in the correct format, like name@example.org');
    else if (email && (await this.users.emailTaken(email))) input.problem('email', 'An account with this email address already exists');

    let agencyId: string | null = null;
    let maracId: string | null = null;
    let areaCodes: string[] = [];
    if (role === 'agency_submitter') {
      agencyId = input.text('agencyId', 'Choose the agency this person submits for') ?? null;
      if (agencyId && !(isUuid(agencyId) && (await this.users.exists('agency', agencyId)))) input.problem('agencyId', 'No agency with that id');
    } else if (role === 'marac_coordinator') {
      maracId = input.text('maracId', 'Choose the Marac this person coordinates') ?? null;
      if (maracId && !(isUuid(maracId) && (await this.users.exists('marac', maracId)))) input.problem('maracId', 'No Marac with that id');
    } else if (role && AREA_GRANTED_ROLES.includes(role)) {
      areaCodes = await this.readAreaCodes(input);
    }
    input.finish();

    const initialPassword = generatePassword();
    const id = await this.users.insert({ email: email!, displayName: displayName!, role: role!, agencyId, maracId, areaCodes, passwordHash: await hashPassword(initialPassword) });
    return { user: (await this.users.find(id))!, initialPassword };
  }

  async update(id: string, body: unknown): Promise<UserView> {
    const current = await this.get(id);
    const input = new BodyReader(body);
    const displayName = input.text('displayName', 'Enter the person\'s name', { optional: true, max: 120 }) ?? current.displayName;
    const active = input.boolean('active') ?? current.active;
    const areaCodes = input.has('areaCodes') ? await this.readAreaCodes(input) : null;
    if (areaCodes && !AREA_GRANTED_ROLES.includes(current.role)) input.problem('areaCodes', 'Only analysts and viewers are granted areas');
    input.finish();
    await this.users.update(id, { displayName, active, areaCodes });
    return (await this.users.find(id))!;
  }

  async resetPassword(id: string): Promise<{ newPassword: string }> {
    await this.get(id);
    const newPassword = generatePassword();
    await this.users.setPassword(id, await hashPassword(newPassword));
    return { newPassword };
  }

  private async readAreaCodes(input: BodyReader): Promise<string[]> {
    const codes = input.stringList('areaCodes', 'Choose at least one area this person may see');
    if (codes.length === 0) {
      input.problem('areaCodes', 'Choose at least one area this person may see');
      return [];
    }
    const known = new Set(await this.areas.existing(codes));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) input.problem('areaCodes', `Unknown area codes: ${unknown.join(', ')}`);
    return [...new Set(codes)];
  }
}
