import { bootApp, TestApp } from '../support/app';

type Operation = { tags: string[]; summary?: string; responses: Record<string, unknown>; security?: unknown[]; requestBody?: unknown };

/** What every operation can answer besides its own statuses (test/platform/openapi-globals.e2e-spec.ts). */
const platformAnswers = (op: Operation, path: string) => [
  '429',
  '500',
  ...(op.requestBody ? ['413', '415'] : []),
  ...(path.includes('{') ? ['400', '414'] : []),
];

/** Every users route, its tag, and every status of its own it can answer, as the OpenAPI document says. */
const EXPECTED: [method: string, path: string, tag: string, statuses: string[], secured: boolean][] = [
  ['post', '/api/v1/auth/register', 'auth', ['201', '400', '409', '429'], false],
  ['post', '/api/v1/auth/login', 'auth', ['200', '400', '401', '429'], false],
  ['post', '/api/v1/auth/refresh', 'auth', ['200', '400', '401'], false],
  ['post', '/api/v1/auth/logout', 'auth', ['204', '400', '401'], true],
  ['post', '/api/v1/auth/password/forgot', 'auth', ['202', '400', '429'], false],
  ['post', '/api/v1/auth/password/reset', 'auth', ['204', '400', '429'], false],
  ['post', '/api/v1/auth/email/verify', 'auth', ['204', '400'], false],
  ['get', '/api/v1/me', 'users', ['200', '401', '404'], true],
  ['patch', '/api/v1/me', 'users', ['200', '400', '401', '404', '409'], true],
  ['delete', '/api/v1/me', 'users', ['204', '401', '404'], true],
  ['get', '/api/v1/me/addresses', 'users', ['200', '400', '401'], true],
  ['post', '/api/v1/me/addresses', 'users', ['201', '400', '401', '409'], true],
  ['patch', '/api/v1/me/addresses/{id}', 'users', ['200', '400', '401', '404'], true],
  ['delete', '/api/v1/me/addresses/{id}', 'users', ['204', '401', '404'], true],
  ['get', '/api/v1/admin/users', 'admin: users', ['200', '400', '401', '403'], true],
  ['patch', '/api/v1/admin/users/{id}', 'admin: users', ['200', '400', '401', '403', '404', '409'], true],
];

describe('users: OpenAPI document', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, { properties?: object }> } };
  beforeAll(async () => {
    t = await bootApp();
    doc = (await t.http.get('/docs/openapi.json').expect(200)).body;
  });
  afterAll(() => t.close());

  it.each(EXPECTED)('describes %s %s', (method, path, tag, statuses, secured) => {
    const op = doc.paths[path]?.[method];
    expect(op).toBeDefined();
    expect(op.tags).toEqual([tag]);
    expect(op.summary).toEqual(expect.any(String));
    expect(Object.keys(op.responses).sort()).toEqual([...new Set([...statuses, ...platformAnswers(op, path)])].sort());
    expect(Boolean(op.security?.length)).toBe(secured);
  });

  it('describes the request and response bodies', () => {
    for (const name of ['RegisterDto', 'RegisteredDto', 'TokenPairDto', 'UserDto', 'AddressDto', 'AdminUserPageDto', 'UpdateUserAccessDto']) {
      expect(doc.components.schemas[name]?.properties).toBeDefined();
    }
    expect(Object.keys(doc.components.schemas.RegisterDto.properties!)).toEqual(
      expect.arrayContaining(['email', 'password', 'firstName', 'lastName']),
    );
    expect(Object.keys(doc.components.schemas.RegisterDto.properties!)).not.toContain('role');
  });
});
