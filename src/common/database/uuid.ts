import { v7 } from 'uuid';

/** Time-ordered ids (UUID v7) keep primary-key indexes append-only. */
export const newId = (): string => v7();

/**
 * The smallest UUID v7 of `moment`'s millisecond. Every id `newId()` made earlier sorts below it,
 * so a range of a primary key finds the rows written before a moment without reading the others.
 */
export const firstIdAt = (moment: Date): string => {
  const ms = moment.getTime().toString(16).padStart(12, '0');
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7000-8000-000000000000`;
};
