import { Injectable, OnModuleInit } from '@nestjs/common';
import * as argon2 from 'argon2';
import { UsersConfig } from './users.config';

/** argon2id with at least OWASP's minimums (19 MiB, 2 iterations, 1 lane). */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash: string;

  constructor(private readonly config: UsersConfig) {}

  private get options(): argon2.HashOptions & { raw: false } {
    return {
      type: argon2.argon2id,
      memoryCost: this.config.ARGON2_MEMORY_KIB,
      timeCost: this.config.ARGON2_TIME_COST,
      parallelism: 1,
      raw: false,
    };
  }

  /** A hash to verify against when there is no account, so "unknown e-mail" costs as much as "wrong password". */
  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.hash('no account has this password');
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  /** False for a wrong password and for a hash that is not argon2 at all (an erased account). */
  async verify(hash: string | null | undefined, password: string): Promise<boolean> {
    if (!hash?.startsWith('$argon2')) {
      await argon2.verify(this.dummyHash, password);
      return false;
    }
    return argon2.verify(hash, password);
  }

  /** True when the hash was made with weaker settings than today's. */
  needsRehash(hash: string): boolean {
    const { memoryCost, timeCost, parallelism } = this.options;
    return argon2.needsRehash(hash, { memoryCost, timeCost, parallelism });
  }
}
