import { Module } from '@nestjs/common';

import { Authenticator } from './authenticator';
import { CredentialsRepository } from './credentials.repository';
import { TokenAuthenticator } from './token-authenticator';

/** Authentication: bearer tokens to actors, for the AuthGuard, the fast path and revocation. */
@Module({
  providers: [CredentialsRepository, TokenAuthenticator, Authenticator],
  exports: [Authenticator],
})
export class AuthModule {}
