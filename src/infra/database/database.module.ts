import { Global, Module } from '@nestjs/common';

import { ChangeFeed } from './change-feed';
import { PrismaService } from './prisma.service';
import { TransactionRunner } from './transaction';

@Global()
@Module({
  providers: [PrismaService, TransactionRunner, ChangeFeed],
  exports: [PrismaService, TransactionRunner, ChangeFeed],
})
export class DatabaseModule {}
