import { Global, Module } from '@nestjs/common';

import { ChangeFeed } from './change-feed';
import { PrismaService } from './prisma.service';
import { SqlTransactionRunner } from './sql-transaction';
import { TransactionRunner } from './transaction';

@Global()
@Module({
  providers: [PrismaService, TransactionRunner, SqlTransactionRunner, ChangeFeed],
  exports: [PrismaService, TransactionRunner, SqlTransactionRunner, ChangeFeed],
})
export class DatabaseModule {}
