import { Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config.js';
import { Clock, SystemClock } from './clock.js';

/** Makes the validated AppConfig and the Clock injectable everywhere; the instance is built by the entry point. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()) {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: Clock, useValue: clock },
      ],
      exports: [AppConfig, Clock],
    };
  }
}
