import 'reflect-metadata';

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';

import { GRAPHQL_RESOLVERS } from '../src/graphql-resolvers';

const SCHEMA_FILE = join(__dirname, '..', 'schema.graphql');
const HEADER = '# Generated from the code by `npm run schema:gql`; CI fails when it is stale.\n\n';

/** Writes schema.graphql from the code-first resolvers, or with --check fails if it is stale. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, {
    logger: false,
  });
  await app.init();
  const schema = await app.get(GraphQLSchemaFactory).create(GRAPHQL_RESOLVERS);
  await app.close();
  const sdl = HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
  if (process.argv.includes('--check')) {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    if (committed !== sdl) {
      console.error('schema.graphql is stale: run `npm run schema:gql` and commit the result');
      process.exit(1);
    }
    console.log('schema.graphql is up to date');
    return;
  }
  writeFileSync(SCHEMA_FILE, sdl);
  console.log(`wrote ${SCHEMA_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
