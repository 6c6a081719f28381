import { v7 } from 'uuid';

/** Time-ordered ids (UUID v7) keep primary-key indexes append-only. */
export const newId = (): string => v7();
