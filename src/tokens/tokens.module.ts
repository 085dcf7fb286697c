import { Module } from '@nestjs/common';

import { AuditModule } from '../audit/audit.module';
import { Authenticator } from '../auth/authenticator';
import { TokenAuthenticator } from '../auth/token-authenticator';
import { TeamsModule } from '../teams/teams.module';
import { TokensController } from './tokens.controller';
import { TokensRepository } from './tokens.repository';
import { TokensResolver } from './tokens.resolver';
import { TokensService } from './tokens.service';

@Module({
  imports: [AuditModule, TeamsModule],
  controllers: [TokensController],
  providers: [TokensRepository, TokenAuthenticator, Authenticator, TokensService, TokensResolver],
  exports: [Authenticator],
})
export class TokensModule {}
