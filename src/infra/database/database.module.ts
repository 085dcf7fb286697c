import { Global, Module } from '@nestjs/common';

import { PrismaService } from './prisma.service';
import { TransactionRunner } from './transaction';

@Global()
@Module({
  providers: [PrismaService, TransactionRunner],
  exports: [PrismaService, TransactionRunner],
})
export class DatabaseModule {}
