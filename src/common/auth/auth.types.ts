export type Role = 'customer' | 'admin';

/** Who is calling, as the access token says. */
export interface Principal {
  userId: string;
  role: Role;
}

/** The claims of an access token. */
export interface AccessTokenClaims {
  sub: string;
  role: Role;
}
