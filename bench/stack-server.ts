/**
 * The stack alone, for the memory goal: a Nest application on Fastify with the fixed
 * stack loaded and started (a code-first GraphQL module on Apollo, a Prisma client on the `pg`
 * adapter over a pool of the service's size, class-validator's global validation pipe) and
 * nothing of the service: no authentication, logging, metrics, caches or database work. Its one
 * route answers the REST list's bytes (STACK_BODY_FILE, captured from the service) from memory, so
 * its peak under the same load is what the stack takes before the service does anything.
 *
 * run.ts transpiles it to dist/bench (startStackServer) so that no TypeScript compiler sits in its
 * heap, and starts it with the service's node flags, STACK_PORT and DATABASE_URL.
 */
import 'reflect-metadata';

import { readFileSync } from 'node:fs';

import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Controller, Get, Header, Module, Query, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule, Query as GraphQLQuery, Resolver } from '@nestjs/graphql';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';

import { PrismaClient } from '../src/generated/prisma/client';

const body = readFileSync(process.env.STACK_BODY_FILE ?? '');
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const PRISMA = 'PRISMA';

@Controller()
class ListController {
  @Get()
  ready(): string {
    return 'ok';
  }

  @Get('api/v1/alias-sets')
  @Header('content-type', 'application/json; charset=utf-8')
  list(@Query('limit') limit: string): Buffer {
    if (limit !== '100')
      throw new Error(`the stack server only knows the page of 100, not ${limit}`);
    return body;
  }
}

/** A code-first schema needs one query. */
@Resolver()
class PingResolver {
  @GraphQLQuery(() => String)
  ping(): string {
    return 'pong';
  }
}

@Module({
  imports: [
    GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, autoSchemaFile: true }),
  ],
  controllers: [ListController],
  providers: [
    PingResolver,
    { provide: PRISMA, useValue: new PrismaClient({ adapter: new PrismaPg(pool) }) },
  ],
})
class StackModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(StackModule, new FastifyAdapter(), { logger: ['error'] });
  app.useGlobalPipes(new ValidationPipe({ transform: true }));
  await app.listen(Number(process.env.STACK_PORT), '127.0.0.1');
}

void main();
