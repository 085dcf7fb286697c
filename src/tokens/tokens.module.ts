import { Module } from '@nestjs/common';

import { AuditModule } from '../audit/audit.module';
import { TokenAuthenticator } from '../auth/token-authenticator';
import { TeamsModule } from '../teams/teams.module';
import { TokensController } from './tokens.controller';
import { TokensRepository } from './tokens.repository';
import { TokensResolver } from './tokens.resolver';
import { TokensService } from './tokens.service';

@Module({
  imports: [AuditModule, TeamsModule],
  controllers: [TokensController],
  providers: [TokensRepository, TokenAuthenticator, TokensService, TokensResolver],
  exports: [TokenAuthenticator],
})
export class TokensModule {}
