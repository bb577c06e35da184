import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../../../config/app-config';
import { registerPanel, registerWebSecurity } from './web-security';

@Controller('things')
class ThingsController {
  @Get()
  list(): string[] {
    return ['a'];
  }
}

@Module({ controllers: [ThingsController] })
class TinyModule {}

describe('panel serving and security headers', () => {
  let dir: string;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'accord-panel-'));
    mkdirSync(join(dir, 'apps/panel/dist/assets'), { recursive: true });
    writeFileSync(join(dir, 'apps/panel/dist/index.html'), '<!doctype html><title>panel</title>');
    writeFileSync(join(dir, 'apps/panel/dist/assets/app-1a2b.js'), 'console.log(1)');
    app = await NestFactory.create<NestFastifyApplication>(TinyModule, new FastifyAdapter(), { logger: false });
    await registerWebSecurity(app, { http: { publicUrl: 'https://panel.example' } } as AppConfig);
    app.setGlobalPrefix('api/v1');
    await registerPanel(app, dir);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the panel, its hashed assets for a year, and index.html for its own routes', async () => {
    const index = await app.inject({ method: 'GET', url: '/' });
    const asset = await app.inject({ method: 'GET', url: '/assets/app-1a2b.js' });
    const route = await app.inject({ method: 'GET', url: '/guilds/123/queue' });

    expect(index.body).toContain('<title>panel</title>');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain('<title>panel</title>');
    expect(route.headers['cache-control']).toBe('no-cache');
  });

  it('keeps the API: its routes answer, unknown API paths are a JSON 404', async () => {
    const things = await app.inject({ method: 'GET', url: '/api/v1/things' });
    const missing = await app.inject({ method: 'GET', url: '/api/v1/nothing' });

    expect(things.json()).toEqual(['a']);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ statusCode: 404 });
  });

  it('sends a CSP with self-only scripts, HSTS behind https, and the request id', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/things' });

    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['x-request-id']).toEqual(expect.any(String));
  });
});
