import type { JSX } from 'preact';
import type { LavalinkNodeDto } from '@accord/contracts';
import { Badge, Link, Loaded } from '../components/ui';
import { api } from '../lib/api';
import { bytes, percent, uptime } from '../lib/format';
import { useLive } from '../lib/live';
import { useResource } from '../lib/resource';

function stateTone(state: LavalinkNodeDto['state']): 'ok' | 'warn' | 'bad' {
  if (state === 'connected') return 'ok';
  return state === 'connecting' ? 'warn' : 'bad';
}

/** Every Lavalink node: link state, load, memory, audio frame health and the players on it (live, every 5 s). */
export function NodesPage(): JSX.Element {
  const nodes = useResource(() => api.get<LavalinkNodeDto[]>('/nodes'), 'nodes');
  useLive('owner', (message) => {
    if (message.event === 'nodes') nodes.set(message.data);
  });
  return (
    <div class="page">
      <h1>Lavalink nodes</h1>
      <Loaded data={nodes.data} error={nodes.error} what="Nodes" path="/api/v1/nodes">
        {(list) =>
          list.length === 0 ? (
            <p class="empty">No Lavalink node is configured (LAVALINK_NODES).</p>
          ) : (
            <div class="node-grid" data-testid="nodes">
              {list.map((node) => (
                <article class="card node" key={node.name}>
                  <header class="node-head">
                    <h2>{node.name}</h2>
                    <Badge tone={stateTone(node.state)}>{node.state}</Badge>
                  </header>
                  <dl class="facts">
                    <dt>Players</dt>
                    <dd>
                      {node.playingPlayers} playing of {node.players}
                    </dd>
                    <dt>Passthrough / transcoding</dt>
                    <dd>
                      {node.passthroughPlayers} / {node.transcodingPlayers}
                    </dd>
                    <dt>CPU</dt>
                    <dd>
                      {node.cpu
                        ? `Lavalink ${percent(node.cpu.lavalinkLoad)}, host ${percent(node.cpu.systemLoad)} of ${node.cpu.cores} cores`
                        : '–'}
                    </dd>
                    <dt>Memory</dt>
                    <dd>
                      {node.memory ? `${bytes(node.memory.usedBytes)} of ${bytes(node.memory.allocatedBytes)}` : '–'}
                    </dd>
                    <dt>Frames a minute</dt>
                    <dd>
                      {node.frameStats ? (
                        <>
                          {node.frameStats.sent} sent
                          {node.frameStats.nulled + node.frameStats.deficit > 0 ? (
                            <Badge tone="warn">
                              {node.frameStats.nulled} nulled, {node.frameStats.deficit} missing
                            </Badge>
                          ) : (
                            <Badge tone="ok">smooth</Badge>
                          )}
                        </>
                      ) : (
                        'nothing playing'
                      )}
                    </dd>
                    <dt>Uptime</dt>
                    <dd>{node.uptimeMs === null ? '–' : uptime(node.uptimeMs / 1000)}</dd>
                  </dl>
                  {node.guilds.length > 0 && (
                    <ul class="rows">
                      {node.guilds.map((player) => (
                        <li class="row" key={player.guildId}>
                          <Link href={`/guilds/${player.guildId}`}>{player.guildId}</Link>
                          <Badge tone={player.playing ? 'ok' : undefined}>{player.playing ? 'playing' : 'idle'}</Badge>
                          {player.transcoding && <Badge tone="warn">transcoding</Badge>}
                        </li>
                      ))}
                    </ul>
                  )}
                </article>
              ))}
            </div>
          )
        }
      </Loaded>
    </div>
  );
}
