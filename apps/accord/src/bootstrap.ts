import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { WinstonModule } from 'nest-winston';
import type * as winston from 'winston';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import type { LogRing } from './logging/log-ring';

export interface CreateAppOptions {
  config: AppConfig;
  logger: winston.Logger;
  ring: LogRing;
}

/**
 * Builds the Nest application (Fastify, validation, OpenAPI docs) without listening, so that
 * `main.ts` and the end-to-end tests boot exactly the same app.
 */
export async function createApp({ config, logger, ring }: CreateAppOptions): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, ring),
    new FastifyAdapter({ trustProxy: true, bodyLimit: 1_048_576 }),
    { logger: WinstonModule.createLogger({ instance: logger }), abortOnError: false },
  );
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false }),
  );
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Accord API')
      .setDescription('Control and observe the Accord music bot.')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  app.enableShutdownHooks();
  return app;
}
