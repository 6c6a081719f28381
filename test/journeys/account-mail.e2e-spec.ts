import { bootApp, eventually, TestApp } from '../support/app';
import { withEnv } from '../support/env';
import { linkIn, SmtpCapture } from '../support/smtp-capture';
import { login, PASSWORD, registerUser, uniqueEmail } from '../users/users-support';

describe('account e-mail journeys (users -> outbox -> notifications -> SMTP)', () => {
  const smtp = new SmtpCapture();
  let t: TestApp;
  let restoreEnv: () => void;

  beforeAll(async () => {
    await smtp.start();
    restoreEnv = withEnv({ SMTP_URL: smtp.url, PUBLIC_STOREFRONT_URL: 'https://shop.example.test' });
    t = await bootApp();
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    restoreEnv();
  });

  const mailTo = (address: string, path: string) =>
    eventually(() => {
      const mail = smtp.to(address).find((m) => {
        try {
          return linkIn(m, path);
        } catch {
          return false;
        }
      });
      expect(mail).toBeDefined();
      return mail!;
    });

  it('verifies the e-mail address with the token from the captured mail', async () => {
    const user = await registerUser(t, { email: uniqueEmail('verify') });
    const mail = await mailTo(user.email, '/verify-email');
    const token = linkIn(mail, '/verify-email').searchParams.get('token');
    await t.http.post('/api/v1/auth/email/verify').send({ token }).expect(204);
    const me = await t.http.get('/api/v1/me').set(user.auth).expect(200);
    expect(me.body.emailVerified ?? me.body.emailVerifiedAt).toBeTruthy();
    await t.http.post('/api/v1/auth/email/verify').send({ token }).expect(400);
  });

  it('resets a forgotten password with the token from the captured mail', async () => {
    const user = await registerUser(t, { email: uniqueEmail('reset') });
    await t.http.post('/api/v1/auth/password/forgot').send({ email: user.email }).expect(202);
    const mail = await mailTo(user.email, '/reset-password');
    const token = linkIn(mail, '/reset-password').searchParams.get('token');
    await t.http.post('/api/v1/auth/password/reset').send({ token, password: 'a brand new passphrase' }).expect(204);
    await login(t, user.email, PASSWORD).expect(401);
    await login(t, user.email, 'a brand new passphrase').expect(200);
  });
});
