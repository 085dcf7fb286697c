import { Module } from '@nestjs/common';

import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { TeamsModule } from '../teams/teams.module';
import { TokensController } from './tokens.controller';
import { TokensRepository } from './tokens.repository';
import { TokensResolver } from './tokens.resolver';
import { TokensService } from './tokens.service';

@Module({
  imports: [AuditModule, AuthModule, TeamsModule],
  controllers: [TokensController],
  providers: [TokensRepository, TokensService, TokensResolver],
})
export class TokensModule {}
