/** GET /api/setup?token=: the one-time set-up link is good (otherwise a refusal). */
export interface SetupLinkCheck {
  valid: true;
}

/** POST /api/setup: the first administrator, made. */
export interface SetupCompleted {
  id: string;
  email: string;
  displayName: string;
  role: 'admin';
}
