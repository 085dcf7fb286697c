import { Module } from '@nestjs/common';

import { TokenAuthenticator } from '../auth/token-authenticator';
import { TokensRepository } from './tokens.repository';

@Module({
  providers: [TokensRepository, TokenAuthenticator],
  exports: [TokensRepository, TokenAuthenticator],
})
export class TokensModule {}
