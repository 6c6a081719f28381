export const ROLES = ['customer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as the access token says. */
export interface Principal {
  userId: string;
  role: Role;
  email: string;
}

/** The claims of an access token. */
export interface AccessTokenClaims {
  sub: string;
  role: Role;
  /** The contact address at issue time; checkout uses it for order mail. */
  email: string;
  /** Expiry, seconds since the epoch. */
  exp?: number;
}

export const ROLES_KEY = 'emporium:roles';
