import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LogRing } from './log-ring';

/** Shares the in-memory log ring (created with the logger at boot) with the modules that stream it. */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(ring: LogRing): DynamicModule {
    return { module: LoggingModule, providers: [{ provide: LogRing, useValue: ring }], exports: [LogRing] };
  }
}
