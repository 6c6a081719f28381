import { IsInt, Min } from 'class-validator';
import { checkRegisteredConfig, configProvider } from './config.providers';
import { ConfigError } from './env';

class QueueConfig {
  @IsInt() @Min(1)
  QUEUE_SIZE = 10;
}

class MailConfig {
  @IsInt() @Min(1)
  MAIL_RETRIES = 3;
}

describe('checkRegisteredConfig', () => {
  it('checks every class a provider was made for, before any provider is built', () => {
    configProvider(QueueConfig);
    configProvider(MailConfig);
    let problems: string[] = [];
    try {
      checkRegisteredConfig({ QUEUE_SIZE: '0', MAIL_RETRIES: 'many' });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems = err.problems;
    }
    expect(problems.map((p) => p.split(':')[0])).toEqual(['QUEUE_SIZE', 'MAIL_RETRIES']);
    expect(() => checkRegisteredConfig({})).not.toThrow();
  });
});
