import { publicHealth } from './health-view';

describe(publicHealth.name, () => {
  it('keeps each part up, degraded or down, without node names, players or error text', () => {
    const detailed = {
      status: 'error',
      info: { discord: { status: 'up' } },
      error: { database: { status: 'down', message: 'connect ECONNREFUSED 10.0.0.5:27017' } },
      details: {
        discord: { status: 'up' },
        lavalink: {
          status: 'up',
          nodes: [
            { name: 'home-node', state: 'connected', players: 3 },
            { name: 'backup', state: 'disconnected', players: 0 },
          ],
        },
        database: { status: 'down', message: 'connect ECONNREFUSED 10.0.0.5:27017' },
        youtube: { status: 'degraded', failures: 12, newestCause: { message: 'Sign in to confirm' } },
      },
    };

    expect(publicHealth(detailed)).toEqual({
      status: 'error',
      details: {
        discord: { status: 'up' },
        lavalink: { status: 'degraded', message: 'some Lavalink nodes are not connected' },
        database: { status: 'down', message: 'the database is not answering' },
        youtube: { status: 'degraded' },
      },
    });
  });

  it("keeps the Discord part's own message while it is down", () => {
    const body = { status: 'error', details: { discord: { status: 'down', message: 'connecting to Discord' } } };

    expect(publicHealth(body).details.discord).toEqual({ status: 'down', message: 'connecting to Discord' });
  });
});
