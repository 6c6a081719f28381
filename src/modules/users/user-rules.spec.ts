import { containsPattern, erasedEmail, escapeLike, normalizeEmail } from './user-rules';

describe('user rules', () => {
  it('gives an erased account an undeliverable address naming only its id', () => {
    expect(erasedEmail('0190-abc')).toBe('erased+0190-abc@invalid');
  });

  it('trims e-mail addresses but keeps their case', () => {
    expect(normalizeEmail('  Ada@Example.com ')).toBe('Ada@Example.com');
  });

  it('escapes LIKE wildcards and backslashes', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  });

  it('searches for the lower-cased text anywhere', () => {
    expect(containsPattern(' Ada_L ')).toBe('%ada\\_l%');
  });
});
