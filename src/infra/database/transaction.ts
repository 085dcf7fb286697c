import { Injectable } from '@nestjs/common';

import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from './prisma.service';

/** A database transaction, opaque to services: only repositories look inside. */
export type Tx = Prisma.TransactionClient;

/** Runs a unit of work in one transaction: a change and its audit record commit together. */
@Injectable()
export class TransactionRunner {
  constructor(private readonly prisma: PrismaService) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work, { maxWait: 10_000, timeout: 30_000 });
  }
}
