import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CLOCK, systemClock } from './clock';
import { DatabaseService } from './database.service';
import { MONGOOSE_OPTIONS } from './mongoose-options';

/**
 * The MongoDB connection. It is opened lazily so that the bot boots (and plays from Lavalink's
 * resumed session) even while MongoDB is still starting; `DatabaseService` retries with backoff
 * and the health endpoint reports 503 until it is up.
 */
@Global()
@Module({
  imports: [
    MongooseModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        uri: config.mongodb.uri,
        lazyConnection: true,
        ...MONGOOSE_OPTIONS,
      }),
    }),
  ],
  providers: [DatabaseService, { provide: CLOCK, useValue: systemClock }],
  exports: [DatabaseService, CLOCK],
})
export class DatabaseModule {}
