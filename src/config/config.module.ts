import { DynamicModule, Global, Module } from '@nestjs/common';

import { Config } from './config';

/** Injection token for the validated `Config`. */
export const CONFIG = Symbol('CONFIG');

/**
 * Provides the `Config` that main.ts (or a test) validated and completed (the embedded database
 * URL is only known once that database runs), so a bad value stops boot before Nest starts.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: CONFIG, useValue: config }],
      exports: [CONFIG],
    };
  }
}
