import { UnprocessableEntityException } from '@nestjs/common';
import { identifierInText, TEXT_IDENTIFIER_WORDS } from '@waymark/domain';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Reads a JSON request body field by field, collecting every problem so the person can fix
 * them all at once (the GOV.UK error summary pattern), then throws one 422.
 */
export class BodyReader {
  readonly problems: FieldProblem[] = [];
  private readonly body: Record<string, unknown>;

  constructor(body: unknown) {
    this.body = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  }

  has(field: string): boolean {
    return this.body[field] !== undefined;
  }

  /** A trimmed string; `message` is what to tell the person when it is missing or blank. */
  text(field: string, message: string, { max = 200, optional = false } = {}): string | undefined {
    const value = this.body[field];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (!optional) this.problems.push({ field, message });
      return undefined;
    }
    if (typeof value !== 'string') {
      this.problems.push({ field, message: `${field} must be text` });
      return undefined;
    }
    if (value.length > max) {
      this.problems.push({ field, message: `${field} must be ${max} characters or fewer` });
      return undefined;
    }
    return value.trim();
  }

  /**
   * Text people type about services (evidence, actions, reasons, standards, agency names): capped
   * at `max` first, then checked for anything that identifies a person. The problem says what
   * kind of identifier it looks like, never the text itself.
   */
  freeText(
    field: string,
    message: string,
    { max, optional = false }: { max: number; optional?: boolean },
  ): string | undefined {
    const value = this.text(field, message, { max, optional });
    const kind = value === undefined ? null : identifierInText(value);
    if (!kind) return value;
    this.problems.push({
      field,
      message: `${field} looks like it contains ${TEXT_IDENTIFIER_WORDS[kind]}. Write about the service, never anything that could identify a person.`,
    });
    return undefined;
  }

  /** An email address, in the shape name@example.org. */
  email(field: string, message: string): string | undefined {
    const value = this.text(field, message, { max: 320 });
    if (value === undefined || EMAIL.test(value)) return value;
    this.problems.push({ field, message: 'Enter an email address in the correct format, like name@example.org' });
    return undefined;
  }

  /** One of a fixed set of codes. */
  oneOf<C extends string>(
    field: string,
    allowed: readonly C[],
    message: string,
    { optional = false } = {},
  ): C | undefined {
    const value = this.text(field, message, { optional });
    if (value === undefined) return undefined;
    if (!allowed.includes(value as C)) {
      this.problems.push({ field, message: `${message} (one of: ${allowed.join(', ')})` });
      return undefined;
    }
    return value as C;
  }

  stringList(field: string, message: string): string[] {
    const value = this.body[field];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      this.problems.push({ field, message });
      return [];
    }
    return value as string[];
  }

  boolean(field: string): boolean | undefined {
    const value = this.body[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') this.problems.push({ field, message: `${field} must be true or false` });
    return typeof value === 'boolean' ? value : undefined;
  }

  problem(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  /** Throws 422 listing every problem found so far. */
  finish(): void {
    if (this.problems.length) {
      throw new UnprocessableEntityException({ statusCode: 422, message: 'There is a problem', errors: this.problems });
    }
  }
}
