import type { FactoryProvider } from '@nestjs/common';
import type { Client } from 'discord.js';
import type { AppConfig } from '../../config/app-config';
import { discordClientProvider, REST_QUEUE_SWEEP_MS } from './discord-client.provider';

function clientFor(config: Pick<AppConfig, 'discord'>): Client {
  return (discordClientProvider as FactoryProvider<Client>).useFactory(config) as Client;
}

describe('discordClientProvider', () => {
  it('drops idle REST queues (one per interaction token) every five minutes, not every hour', async () => {
    const client = clientFor({ discord: { apiUrl: 'http://127.0.0.1:9/api' } as AppConfig['discord'] });

    try {
      expect(client.rest.options.handlerSweepInterval).toBe(REST_QUEUE_SWEEP_MS);
      expect(REST_QUEUE_SWEEP_MS).toBe(300_000);
      expect(client.rest.options.api).toBe('http://127.0.0.1:9/api');
      expect(client.options.allowedMentions).toEqual({ parse: [] });
    } finally {
      await client.destroy();
    }
  });
});
