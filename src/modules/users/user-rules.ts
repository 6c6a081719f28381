/** What an erased account's e-mail becomes: unique, undeliverable (RFC 2606 `.invalid`), not personal. */
export const erasedEmail = (userId: string): string => `erased+${userId}@invalid`;

/** Not a PHC string, so no password ever verifies against it. */
export const UNUSABLE_PASSWORD_HASH = '!erased';

/** Surrounding blanks are typing accidents; case is kept as typed (uniqueness ignores it). */
export const normalizeEmail = (email: string): string => email.trim();

/** Escapes LIKE wildcards so a search for `50%_off` finds that text, not everything. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The `LIKE` pattern of an admin search: lower-cased, anywhere in the text. */
export const containsPattern = (q: string): string => `%${escapeLike(q.trim().toLowerCase())}%`;
