/** The shortest password a person may choose (the API checks it; forms say it before sending). */
export const MIN_PASSWORD_LENGTH = 12;

/** What is wrong with a password someone chose, or null when it will do. */
export function passwordProblem(password: string): string | null {
  return password.length < MIN_PASSWORD_LENGTH
    ? `Your password must be at least ${MIN_PASSWORD_LENGTH} characters long`
    : null;
}
