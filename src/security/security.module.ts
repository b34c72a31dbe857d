import { Global, Module } from '@nestjs/common';
import type pg from 'pg';
import { DATABASE_POOL } from '../database/tokens.js';
import { RUNTIME, type Runtime } from '../runtime.js';
import { AuthGuard, AuthSecret } from './auth.guard.js';
import { PersonalDataVault } from './personal-data.vault.js';

@Global()
@Module({
  providers: [
    { provide: AuthSecret, inject: [RUNTIME], useFactory: (runtime: Runtime) => new AuthSecret(runtime.secrets.authJwtSecret) },
    {
      provide: PersonalDataVault,
      inject: [DATABASE_POOL, RUNTIME],
      useFactory: (pool: pg.Pool, runtime: Runtime) => new PersonalDataVault(pool, runtime.secrets.masterKey),
    },
    AuthGuard,
  ],
  exports: [AuthSecret, PersonalDataVault, AuthGuard],
})
export class SecurityModule {}
